package outreach_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/browsertest"
	"benicommunity/internal/store"
	. "benicommunity/internal/web/webtest"
	"github.com/chromedp/chromedp"
)

// TestBrowserJoinPath follows a body into the network in a real browser:
// the request with the Comune chosen from the type-ahead, the e-mail
// confirmation, the coordinator's acceptance, the invitation e-mail, and
// the new referent who sets a password and finds the body in /admin.
func TestBrowserJoinPath(t *testing.T) {
	s := NewAdminSite(t, store.SQLite)
	s.AddUser(t, "coord@example.it", auth.Coordinator)
	ctx := browsertest.Timeout(t, browsertest.New(t), 120*time.Second)
	run := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(browsertest.Timeout(t, ctx, 30*time.Second), actions...); err != nil {
			text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("main") ? document.querySelector("main").innerText.slice(0, 600) : ""`))
			t.Fatalf("%s: %v\npage: %s", name, err, text)
		}
	}
	run("fill in the request",
		chromedp.Navigate(s.URL+"/aderisci"),
		chromedp.WaitVisible(chromedp.CSS(`#f-comune`)),
		chromedp.SendKeys(chromedp.CSS(`#f-comune`), "Moncali"),
		chromedp.WaitVisible(chromedp.CSS(`[role=option]`)),
		chromedp.Click(chromedp.CSS(`[role=option]`)),
		chromedp.SendKeys(chromedp.CSS(`#f-name`), "Giulia Verdi"),
		chromedp.SendKeys(chromedp.CSS(`#f-email`), "giulia@example.it"),
		chromedp.SendKeys(chromedp.CSS(`#f-role`), "Assessora"),
		chromedp.SetValue(chromedp.CSS(`#f-regulation`), "no"),
		chromedp.Click(chromedp.CSS(`label[for="f-consent"]`)),
		chromedp.Click(chromedp.CSS(`form[action="/aderisci"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#bc-outreach-message`)),
	)
	code, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#f-istat_code") ? "form still shown" : location.pathname`))
	if err != nil || code != "/aderisci/inviata" {
		t.Fatalf("after sending: %q, %v", code, err)
	}
	confirm := FindLink(t, joinConfirmLink, LastMessage(t, s.SMTP, "giulia@example.it", "Conferma").Body, s.URL)
	run("confirm by e-mail",
		chromedp.Navigate(s.URL+confirm),
		chromedp.WaitVisible(chromedp.CSS(`#bc-outreach-confirm button`)),
		chromedp.Click(chromedp.CSS(`#bc-outreach-confirm button`)),
		chromedp.WaitNotPresent(chromedp.CSS(`#bc-outreach-confirm`)),
	)
	reqs := joinRequests(t, s.Store)
	if len(reqs) != 1 || reqs[0].Status != "awaiting_review" || reqs[0].ISTATCode != "001156" {
		t.Fatalf("requests = %+v", reqs)
	}

	BrowserLogin(t, ctx, s.URL, "coord@example.it", TestPassword)
	run("accept",
		chromedp.Navigate(s.URL+"/admin/adesioni"),
		chromedp.Click(chromedp.CSS(`a[href="/admin/adesioni/`+Itoa(reqs[0].ID)+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#accept-title`)),
		chromedp.Click(chromedp.CSS(`form[action$="/accetta"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`.alert-success`)),
		chromedp.Click(chromedp.CSS(`form[action="/esci"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/accedi"]`)),
	)
	invite := FindLink(t, LinkPattern, LastMessage(t, s.SMTP, "giulia@example.it", "Invito").Body, s.URL)
	run("set a password",
		chromedp.Navigate(s.URL+invite),
		chromedp.WaitVisible(chromedp.CSS(`#f-password`)),
		chromedp.SendKeys(chromedp.CSS(`#f-password`), TestPassword),
		chromedp.SendKeys(chromedp.CSS(`#f-password2`), TestPassword),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`nav.bc-admin-nav`)),
		chromedp.Navigate(s.URL+"/admin/enti"),
		chromedp.WaitVisible(chromedp.CSS(`nav.bc-admin-nav`)),
	)
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
	if err != nil || !strings.Contains(text, "Comune di Moncalieri") {
		t.Errorf("the new referent's bodies: %q, %v", text, err)
	}
	if u, err := s.Store.UserByEmail(context.Background(), "giulia@example.it"); err != nil || u.Role != auth.Referent {
		t.Errorf("the new account: %+v, %v", u, err)
	}
}
