package quality_test

import (
	"benicommunity/internal/web"
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"benicommunity/internal/auth"
)

// errorForm is a form that a person submits with mistakes.
type errorForm struct {
	Name    string     // for messages
	Page    string     // where the form is shown
	Submit  string     // CSS selector of its submit button
	Action  string     // where it posts
	Bad     url.Values // what the HTML check posts
	Session bool       // needs the coordinator's session
}

// TestFormErrorsAccessible checks forms re-rendered with validation errors
// and the personal registration page. The public registration form and two
// back-office forms (a new activity, a new body) are submitted with
// mistakes in the browser: each invalid field is marked aria-invalid and
// tied to its message with aria-describedby, the messages are announced
// (role=alert), every field has a label, and axe-core finds no WCAG A/AA
// violation, on a desktop and a 360px phone. The same answers, posted
// directly, and the personal page /iscrizioni/gestisci/{token} pass the Nu
// HTML Checker.
func TestFormErrorsAccessible(t *testing.T) {
	s := newQualitySite(t, web.MapTiles{})
	addUser(t, s, "coordinatrice@example.it", auth.Coordinator)
	session := login(t, s.URL, "coordinatrice@example.it")
	manage := register(t, s, "anna@example.it")

	badRegistration := registrationForm("anna@")
	badRegistration.Del("consent")
	badRegistration.Set("role", "")
	forms := []errorForm{
		{"registration", "/iscrizioni/attivita/" + upcomingSlug, `main form[action="/iscrizioni/attivita/` + upcomingSlug + `"] button[type=submit]`,
			"/iscrizioni/attivita/" + upcomingSlug, badRegistration, false},
		{"join request", "/aderisci", `main form[action="/aderisci"] button[type=submit]`,
			"/aderisci", url.Values{"email": {"anna@"}, "regulation_url": {"ftp://x"}}, false},
		{"news subscription", "/iscriviti-alle-novita", `main form[action="/iscriviti-alle-novita"] button[type=submit]`,
			"/iscriviti-alle-novita", url.Values{"email": {"anna@"}, "topic": {"pacts"}}, false},
		{"new activity", "/admin/attivita/nuova", `main form[action="/admin/attivita"] button[type=submit].btn-primary`,
			"/admin/attivita", url.Values{"title": {""}}, true},
		{"new body", "/admin/enti/nuovo", `main form[action="/admin/enti"] button[type=submit]`,
			"/admin/enti", url.Values{"name": {""}}, true},
	}

	// The about form is valid as shown (every field is optional), so only
	// its answer to mistakes posted directly is checked.
	htmlOnly := []errorForm{{"about page", "/admin/chi-siamo", "", "/admin/chi-siamo",
		url.Values{"contact_email": {"rete@"}, "partner_url": {"ftp://x"}, "partner_name": {""}}, true}}

	// Valid HTML: the server's answers as sent.
	var pages []crawledPage
	for _, f := range append(slices.Clone(forms), htmlOnly...) {
		var c *http.Cookie
		if f.Session {
			c = session
		}
		resp, body := send(t, http.MethodPost, s.URL+f.Action, f.Bad, c)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("%s posted with mistakes: %s, want 422", f.Name, resp.Status)
		}
		pages = append(pages, crawledPage{Path: "POST " + f.Action, Body: body})
	}
	resp, body := send(t, http.MethodGet, s.URL+manage, nil, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("personal page: %s", resp.Status)
	}
	pages = append(pages, crawledPage{Path: "/iscrizioni/gestisci/{token}", Body: body})
	for path, msgs := range validateHTML(t, pages) {
		for _, m := range msgs {
			if m.Type == "error" || m.Type == "non-document-error" || m.SubType == "fatal" {
				t.Errorf("invalid HTML: %s:%d:%d: %s (%q)", path, m.Line, m.Column, m.Message, strings.TrimSpace(m.Extract))
			}
		}
	}

	// In the browser: the personal page as the person sees it, then each
	// form submitted with its fields left empty.
	ctx := newBrowser(t)
	if err := addScriptToEveryPage(ctx, axeSource); err != nil {
		t.Fatal(err)
	}
	console, err := watchConsole(ctx)
	if err != nil {
		t.Fatal(err)
	}
	loggedIn := false
	for _, v := range viewports {
		if err := setViewport(ctx, v); err != nil {
			t.Fatal(err)
		}
		sctx := step(t, ctx)
		if err := chromedp.Do(sctx, chromedp.Navigate(s.URL+manage)); err != nil {
			t.Fatal(err)
		}
		checkLoadedPage(t, sctx, "/iscrizioni/gestisci/{token}", v, console, false)
	}
	for _, f := range forms {
		if f.Session && !loggedIn {
			if err := setBrowserCookie(ctx, s.URL, session); err != nil {
				t.Fatal(err)
			}
			loggedIn = true
		}
		for _, v := range viewports {
			if err := setViewport(ctx, v); err != nil {
				t.Fatal(err)
			}
			sctx := step(t, ctx)
			if err := chromedp.Do(sctx,
				chromedp.Navigate(s.URL+f.Page),
				chromedp.Click(chromedp.CSS(f.Submit)),
				chromedp.WaitVisible(chromedp.CSS(`[aria-invalid="true"]`)),
			); err != nil {
				t.Fatalf("%s (%s): submit with mistakes: %v", f.Name, v.Name, err)
			}
			checkLoadedPage(t, sctx, f.Name+" with errors", v, console, true)
		}
	}
}

// checkLoadedPage runs axe-core and the form check on the page the browser
// shows. With errors, the page must mark and announce them.
func checkLoadedPage(t *testing.T, ctx context.Context, name string, v viewport, console *consoleErrors, errors bool) {
	t.Helper()
	found, err := axeRun(ctx)
	if err != nil {
		t.Fatalf("run axe-core on %s (%s): %v", name, v.Name, err)
	}
	for _, f := range found {
		t.Errorf("%s", formatViolation(name, v.Name, f))
	}
	for _, e := range console.take() {
		// The page itself answers 422 on purpose (the form was refused);
		// Chromium logs that as a failed load.
		if errors && strings.Contains(e, "status of 422") {
			continue
		}
		t.Errorf("browser console error on %s (%s): %s", name, v.Name, e)
	}
	fs, err := chromedp.Run(ctx, chromedp.Evaluate[formState](formCheck))
	if err != nil {
		t.Fatal(err)
	}
	if fs.Fields == 0 {
		t.Errorf("%s (%s): no form fields", name, v.Name)
	}
	if len(fs.Unlabelled) > 0 {
		t.Errorf("%s (%s): fields without a label: %v", name, v.Name, fs.Unlabelled)
	}
	for _, in := range fs.Invalid {
		if !in.Described {
			t.Errorf("%s (%s): field %s is marked invalid but no aria-describedby points at its error text", name, v.Name, in.Name)
		}
	}
	if errors && (len(fs.Invalid) == 0 || len(fs.Alerts) == 0) {
		t.Errorf("%s (%s): %d fields marked invalid and %d announced messages, want at least one of each", name, v.Name, len(fs.Invalid), len(fs.Alerts))
	}
	if !errors && len(fs.Invalid) > 0 {
		t.Errorf("%s (%s): fields marked invalid on a page shown without errors: %+v", name, v.Name, fs.Invalid)
	}
}
