package quality_test

import (
	"benicommunity/internal/web"
	"context"
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"benicommunity/internal/auth"
)

// tabTo presses Tab until the field with the given name has focus.
func tabTo(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	for range 80 {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.name || ""`))
		if err != nil {
			t.Fatal(err)
		}
		if got == name {
			return
		}
	}
	t.Fatalf("Tab never reached the field %q", name)
}

// pathNow is the path of the page the browser shows.
func pathNow(t *testing.T, ctx context.Context) string {
	t.Helper()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(loc)
	if err != nil {
		t.Fatal(err)
	}
	return u.Path
}

// TestKeyboardBackoffice is the keyboard gate on the login form and a
// back-office form, on a desktop and a phone screen: the skip link comes
// first and leads to <main>, Tab reaches every control once in DOM order
// with a visible focus ring, and both forms work with the keyboard alone
// (typing, Tab between fields, Enter to submit).
func TestKeyboardBackoffice(t *testing.T) {
	s := newQualitySite(t, web.MapTiles{})
	addUser(t, s, "coordinatrice@example.it", auth.Coordinator)
	ctx := newBrowser(t)
	for _, v := range viewports {
		if err := setViewport(ctx, v); err != nil {
			t.Fatal(err)
		}
		t.Run(v.Name+" /accedi", func(t *testing.T) {
			checkKeyboard(t, step(t, ctx), s.URL+"/accedi")
		})
	}

	// Log in with the keyboard only.
	sctx := step(t, ctx)
	if err := chromedp.Do(sctx, chromedp.Navigate(s.URL+"/accedi")); err != nil {
		t.Fatal(err)
	}
	tabTo(t, sctx, "email")
	if err := chromedp.Do(sctx, chromedp.KeyEvent("coordinatrice@example.it")); err != nil {
		t.Fatal(err)
	}
	tabTo(t, sctx, "password")
	if err := chromedp.Do(sctx, chromedp.KeyEvent(testPassword), chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`nav.bc-admin-nav`))); err != nil {
		t.Fatalf("log in with the keyboard: %v", err)
	}
	if p := pathNow(t, sctx); p != "/admin" {
		t.Fatalf("after logging in with the keyboard the browser shows %s, want /admin", p)
	}

	// A back-office form, logged in (the browser holds the session now).
	for _, v := range viewports {
		if err := setViewport(ctx, v); err != nil {
			t.Fatal(err)
		}
		t.Run(fmt.Sprintf("%s /admin/attivita/nuova", v.Name), func(t *testing.T) {
			checkKeyboard(t, step(t, ctx), s.URL+"/admin/attivita/nuova")
		})
	}
	// Fill the title with the keyboard and submit with Enter: the form comes
	// back (saved, or with what else is missing) keeping what was typed.
	sctx = step(t, ctx)
	if err := chromedp.Do(sctx, chromedp.Navigate(s.URL+"/admin/attivita/nuova")); err != nil {
		t.Fatal(err)
	}
	tabTo(t, sctx, "title")
	if err := chromedp.Do(sctx, chromedp.KeyEvent("Prova da tastiera"), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	// The page is being replaced: wait for the answer to the form.
	submitted := false
	for range 100 {
		done, err := chromedp.Run(sctx, chromedp.Evaluate[bool](`document.readyState === "complete" && !location.pathname.endsWith("/nuova")`))
		if err == nil && done {
			submitted = true
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !submitted {
		t.Fatal("Enter in the title field did not submit the form")
	}
	title, err := chromedp.Run(sctx, chromedp.Evaluate[string](`(document.querySelector('main [name=title]') || {}).value || ""`))
	if err != nil {
		t.Fatal(err)
	}
	if title != "Prova da tastiera" {
		t.Errorf("after submitting with Enter the title field holds %q, want what was typed", title)
	}
}
