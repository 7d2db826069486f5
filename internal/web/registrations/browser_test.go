package registrations_test

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/browsertest"
	"benicommunity/internal/store"
	. "benicommunity/internal/web/webtest"
	"github.com/chromedp/chromedp"
)

// TestBrowserRegistrationToCertificate walks the whole path in Chromium:
// register, confirm from the e-mail, the coordinator sees the person
// confirmed, marks attendance, publishes the outcome, and the attendee
// downloads the certificate, whose text is read back.
func TestBrowserRegistrationToCertificate(t *testing.T) {
	s := NewAdminSite(t, store.SQLite)
	ctx := context.Background()
	id := RegActivity(t, s.Store, "formazione-browser", "formazione", 14, Intp(50))
	s.AddUser(t, "coord@example.it", auth.Coordinator)
	b := browsertest.Timeout(t, browsertest.New(t), 120*time.Second)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	// The person registers from the public page.
	if err := chromedp.Do(b,
		chromedp.Navigate(s.URL+"/attivita/formazione-browser"),
		chromedp.Click(css(`a[href="/iscrizioni/attivita/formazione-browser"]`)),
		chromedp.WaitVisible(css(`#f-name`)),
		chromedp.SendKeys(css(`#f-name`), "Niccolò Fornà"),
		chromedp.SendKeys(css(`#f-email`), "niccolo@example.it"),
		chromedp.SendKeys(css(`#f-body`), "Comune di Chieri"),
		chromedp.SetValue(css(`#f-role`), "funzionario"),
		chromedp.SetValue(css(`#f-table`), tableValue(t, s, "formazione-browser")),
		chromedp.Click(css(`#f-consent`)),
		chromedp.Click(css(`main form button[type=submit]`)),
		chromedp.WaitVisible(css(`#bc-reg-message`)),
	); err != nil {
		t.Fatal(err)
	}
	h1, err := chromedp.Run(b, chromedp.Text(css(`h1`)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(h1, "Controlla la tua e-mail") {
		t.Fatalf("after submitting: %q", h1)
	}

	// The e-mail arrives at the SMTP server; its link confirms.
	confirm := FindLink(t, ConfirmLinkPattern, LastMessage(t, s.SMTP, "niccolo@example.it", "Conferma").Body, "")
	if err := chromedp.Do(b,
		chromedp.Navigate(confirm),
		chromedp.Click(css(`#bc-confirm-form button`)),
		chromedp.WaitNotPresent(css(`#bc-confirm-form`)),
		chromedp.WaitVisible(css(`#bc-reg-message`)),
	); err != nil {
		t.Fatal(err)
	}
	if text, _ := chromedp.Run(b, chromedp.Text(css(`main`))); !strings.Contains(text, "è confermata") {
		t.Fatalf("after confirming: %q", text)
	}
	confirmed := LastMessage(t, s.SMTP, "niccolo@example.it", "Iscrizione confermata")
	checkCalendar(t, confirmed, "Formazione sui patti formazione-browser", time.Now().AddDate(0, 0, 14))

	// The coordinator logs in and sees the person confirmed.
	if err := chromedp.Do(b,
		chromedp.Navigate(s.URL+"/accedi"),
		chromedp.SendKeys(css(`#f-email`), "coord@example.it"),
		chromedp.SendKeys(css(`#f-password`), TestPassword),
		chromedp.Submit(css(`#f-password`)),
		chromedp.WaitVisible(css(`.bc-admin-nav`)),
		chromedp.Navigate(s.URL+"/admin/iscrizioni/formazione-browser"),
		chromedp.WaitVisible(css(`#bc-registrations`)),
	); err != nil {
		t.Fatal(err)
	}
	row := `#bc-registrations tr[data-email="niccolo@example.it"]`
	status, err := chromedp.Run(b, chromedp.Text(css(row+` .bc-status`)))
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(status) != "Confermata" {
		t.Errorf("coordinator sees status %q", status)
	}

	// Attendance, ticked in the list and saved in bulk.
	if err := chromedp.Do(b,
		chromedp.Click(css(row+` input[type=checkbox]`)),
		chromedp.Click(css(`#bc-attendance button[name=presente][value="1"]`)),
		chromedp.WaitVisible(css(`#bc-done-presenze`)),
	); err != nil {
		t.Fatal(err)
	}
	if att, _ := chromedp.Run(b, chromedp.Text(css(row+` .bc-attended`))); strings.TrimSpace(att) != "sì" {
		t.Errorf("attendance shows %q", att)
	}

	// The outcome is published and sent.
	if err := chromedp.Do(b,
		chromedp.SendKeys(css(`#f-report`), "Abbiamo scritto insieme tre patti di collaborazione."),
		// Submit the form itself: a click on the button can land on the
		// sticky header while the page is still scrolling to it.
		chromedp.Submit(css(`#f-report`)),
		chromedp.WaitVisible(css(`#bc-done-restituzione`)),
	); err != nil {
		t.Fatal(err)
	}
	outcome := LastMessage(t, s.SMTP, "niccolo@example.it", "Restituzione")
	if !strings.Contains(outcome.Body, "tre patti di collaborazione") {
		t.Errorf("outcome e-mail: %s", outcome.Body)
	}

	// The attendee opens their personal page and downloads the certificate.
	manage := FindLink(t, ManageLinkPattern, outcome.Body, "")
	if err := chromedp.Do(b, chromedp.Navigate(manage), chromedp.WaitVisible(css(`#bc-certificate`))); err != nil {
		t.Fatal(err)
	}
	pdf64, err := chromedp.Run(b, chromedp.Evaluate[string](`fetch(document.querySelector("#bc-certificate").href)
  .then(r => r.ok ? r.arrayBuffer() : Promise.reject(new Error("status " + r.status)))
  .then(buf => { let s = ""; for (const c of new Uint8Array(buf)) s += String.fromCharCode(c); return btoa(s); })`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := base64.StdEncoding.DecodeString(pdf64)
	if err != nil {
		t.Fatal(err)
	}
	reg, _, err := s.Store.Registrations(ctx, store.RegistrationFilter{ActivityID: id, Query: "niccolo"})
	if err != nil || len(reg) != 1 {
		t.Fatalf("registration lookup: %v, %d rows", err, len(reg))
	}
	text := PDFToText(t, pdf)
	for _, want := range []string{"Attestato di partecipazione", "Niccolò Fornà", "Formazione sui patti formazione-browser", "3,5 ore", reg[0].CertificateCode} {
		if !strings.Contains(text, want) {
			t.Errorf("certificate text lacks %q:\n%s", want, text)
		}
	}

	// The public page now shows the counted figures, without names.
	if err := chromedp.Do(b, chromedp.Navigate(s.URL+"/attivita/formazione-browser"), chromedp.WaitVisible(css(`#figures-title`))); err != nil {
		t.Fatal(err)
	}
	figures, err := chromedp.Run(b, chromedp.Text(css(`.bc-figures-counted`)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(figures, "1 persona presente") || !strings.Contains(figures, "1 funzionario") {
		t.Errorf("public figures: %q", figures)
	}
}

// tableValue is the id of the first breakout table of an activity.
func tableValue(t *testing.T, s *AdminSite, slug string) string {
	t.Helper()
	d, err := s.Store.ActivityDetail(context.Background(), slug)
	if err != nil || len(d.Tables) == 0 {
		t.Fatalf("tables of %s: %v", slug, err)
	}
	return Itoa(d.Tables[0].ID)
}
