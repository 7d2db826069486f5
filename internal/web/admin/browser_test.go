package admin_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/browsertest"
	"benicommunity/internal/store"
	. "benicommunity/internal/web/webtest"
	"github.com/chromedp/chromedp"
)

// counterText returns the home page counter of an activity type as shown.
const counterJS = `(() => { const m = {}; document.querySelectorAll(".bc-counter").forEach(a => { m[a.querySelector(".bc-counter-label").innerText.trim()] = a.querySelector(".bc-counter-value").innerText.trim(); }); return m; })()`

func TestBrowserCoordinatorPublishesStage(t *testing.T) {
	s := NewAdminSite(t, store.SQLite)
	s.AddUser(t, "coord@example.it", auth.Coordinator)
	ctx := browsertest.Timeout(t, browsertest.New(t), 90*time.Second)
	bg := context.Background()
	typ, _ := s.Store.ActivityType(bg, "co-progettazione")
	comms, _ := s.Store.Communities(bg)
	host, _ := s.Store.Body(bg, "comune-di-chieri")

	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"/")); err != nil {
		t.Fatal(err)
	}
	before, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](counterJS))
	if err != nil {
		t.Fatal(err)
	}
	BrowserLogin(t, ctx, s.URL, "coord@example.it", TestPassword)

	pdf := filepath.Join(t.TempDir(), "programma.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name    string
		actions []chromedp.Action[chromedp.Void]
	}{
		{"fill the form", []chromedp.Action[chromedp.Void]{
			chromedp.Navigate(s.URL + "/admin/attivita/nuova"),
			chromedp.WaitVisible(chromedp.CSS(`#f-title`)),
			chromedp.SendKeys(chromedp.CSS(`#f-title`), "Tappa nel browser"),
			chromedp.SetValue(chromedp.CSS(`#f-type`), Itoa(typ.ID)),
			chromedp.SetValue(chromedp.CSS(`#f-community`), Itoa(comms[0].ID)),
			chromedp.Click(chromedp.CSS(`label[for="f-is_stage"]`)),
			chromedp.SetValue(chromedp.CSS(`#f-starts_on`), "2026-06-12"),
			chromedp.SetValue(chromedp.CSS(`#f-format`), "online"),
			chromedp.SetValue(chromedp.CSS(`#part_body-0`), Itoa(host.ID)),
			chromedp.SetValue(chromedp.CSS(`#part_role-0`), "host"),
			chromedp.SendKeys(chromedp.CSS(`#f-description`), "Un incontro **online** sui patti."),
		}},
		// The live preview shows the rendered Markdown while typing.
		{"see the live preview", []chromedp.Action[chromedp.Void]{chromedp.WaitVisible(chromedp.CSS(`#f-description-preview strong`))}},
		{"save the draft", []chromedp.Action[chromedp.Void]{
			chromedp.Click(chromedp.CSS(`form.bc-admin-form button.btn-primary[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`#att-title`)),
		}},
		{"attach the PDF", []chromedp.Action[chromedp.Void]{
			chromedp.SetUploadFiles(chromedp.CSS(`#f-file`), []string{pdf}),
			chromedp.Click(chromedp.CSS(`form[enctype="multipart/form-data"] button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`a[href$="/programma.pdf"]`)),
		}},
		{"publish", []chromedp.Action[chromedp.Void]{
			chromedp.Click(chromedp.CSS(`form[action$="/pubblica"] button`)),
			chromedp.WaitVisible(chromedp.CSS(`form[action$="/ritira"]`)),
		}},
	}
	for _, st := range steps {
		if err := chromedp.Do(browsertest.Timeout(t, ctx, 30*time.Second), st.actions...); err != nil {
			html, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("main") ? document.querySelector("main").innerText.slice(0, 600) : ""`))
			t.Fatalf("%s: %v\npage: %s", st.name, err, html)
		}
	}
	preview, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#f-description-preview`)))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`.bc-counters`))); err != nil {
		t.Fatal(err)
	}
	after, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](counterJS))
	if err != nil {
		t.Fatal(err)
	}
	titles, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(".bc-stage .card-title")).map(e => e.innerText)`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(preview, "Un incontro online sui patti.") {
		t.Errorf("preview of the saved description = %q", preview)
	}
	if !strings.Contains(strings.Join(titles, "|"), "Tappa nel browser") {
		t.Errorf("home stages = %q, want the new stage", titles)
	}
	if before[typ.Name] == "" || after[typ.Name] == "" || atoiIt(t, after[typ.Name]) != atoiIt(t, before[typ.Name])+1 {
		t.Errorf("counter of %s: before %q, after %q (want +1)", typ.Name, before[typ.Name], after[typ.Name])
	}
	for name, v := range before {
		if name != typ.Name && after[name] != v {
			t.Errorf("counter of %s changed from %s to %s", name, v, after[name])
		}
	}
	// The attachment is on the stage and downloadable by a visitor.
	list, _, _ := s.Store.AdminActivities(bg, store.AdminActivityFilter{Query: "browser"})
	if len(list) != 1 {
		t.Fatalf("stage rows = %+v", list)
	}
	atts, _ := s.Store.Attachments(bg, list[0].ID)
	if len(atts) != 1 || atts[0].ContentType != "application/pdf" {
		t.Errorf("attachments = %+v", atts)
	}
}

func atoiIt(t *testing.T, s string) int {
	t.Helper()
	n := 0
	for _, r := range strings.ReplaceAll(s, ".", "") {
		if r < '0' || r > '9' {
			t.Fatalf("counter %q is not a number", s)
		}
		n = n*10 + int(r-'0')
	}
	return n
}

func TestBrowserReferentEditsOwnBodyOnly(t *testing.T) {
	s := NewAdminSite(t, store.SQLite)
	s.AddUser(t, "ref@example.it", auth.Referent, "comune-di-chieri")
	bg := context.Background()
	own, _ := s.Store.Body(bg, "comune-di-chieri")
	other, _ := s.Store.Body(bg, "comune-di-collegno")
	ctx := browsertest.Timeout(t, browsertest.New(t), 60*time.Second)
	BrowserLogin(t, ctx, s.URL, "ref@example.it", TestPassword)
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`a[href="/admin/enti/`+Itoa(own.ID)+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#f-description`)),
		chromedp.SetValue(chromedp.CSS(`#f-description`), "Profilo aggiornato dal referente."),
		chromedp.SetValue(chromedp.CSS(`#f-contact_office`), "Ufficio partecipazione"),
		chromedp.Click(chromedp.CSS(`form[action="/admin/enti/`+Itoa(own.ID)+`"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.alert-success`)),
	); err != nil {
		t.Fatalf("edit own body: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"/enti/"+own.Slug), chromedp.WaitVisible(chromedp.CSS(`h1`))); err != nil {
		t.Fatal(err)
	}
	public, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(public, "Profilo aggiornato dal referente.") {
		t.Errorf("the public page does not show the new profile")
	}
	// Typing another body's address by hand is refused.
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"/admin/enti/"+Itoa(other.ID)), chromedp.WaitVisible(chromedp.CSS(`h1`))); err != nil {
		t.Fatal(err)
	}
	h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`h1`)))
	if err != nil {
		t.Fatal(err)
	}
	hasForm, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#f-description") !== null`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(h1, "Accesso non consentito") || hasForm {
		t.Errorf("another body's page shows %q (form shown: %v), want a refusal", h1, hasForm)
	}
}

func TestBrowserFailedLoginKeepsEmail(t *testing.T) {
	s := NewAdminSite(t, store.SQLite)
	s.AddUser(t, "coord@example.it", auth.Coordinator)
	ctx := browsertest.Timeout(t, browsertest.New(t), 60*time.Second)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(s.URL+"/accedi"),
		chromedp.WaitVisible(chromedp.CSS(`#f-email`)),
		chromedp.SendKeys(chromedp.CSS(`#f-email`), "coord@example.it"),
		chromedp.SendKeys(chromedp.CSS(`#f-password`), "password sbagliata"),
		chromedp.Click(chromedp.CSS(`form[action="/accedi"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#login-problem`)),
	); err != nil {
		t.Fatal(err)
	}
	msg, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#login-problem`)))
	if err != nil {
		t.Fatal(err)
	}
	email, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#f-email").value`))
	if err != nil {
		t.Fatal(err)
	}
	pw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#f-password").value`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msg, "non corretti") || email != "coord@example.it" || pw != "" {
		t.Errorf("after a failed login: message %q, e-mail %q, password kept %v", msg, email, pw != "")
	}
}
