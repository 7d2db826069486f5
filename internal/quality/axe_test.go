package quality_test

import (
	"context"
	_ "embed"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeSource is axe-core, vendored under testdata by scripts/vendor-axe.sh.
// Only this test embeds it, so it never ships in the binary.
//
//go:embed testdata/axe-core@4.10.2/axe.min.js
var axeSource string

// wcagTags are the axe-core rule sets the gate runs: WCAG 2.0 and 2.1, levels
// A and AA, which EN 301 549 and Italian law (Legge 4/2004) require.
var wcagTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// axeViolation is one failed rule on one page, with the elements that fail.
type axeViolation struct {
	Rule    string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	HelpURL string   `json:"helpUrl"`
	Targets []string `json:"targets"`
	Summary string   `json:"summary"`
}

// axeRun runs axe-core on the loaded page and returns its violations.
func axeRun(ctx context.Context) ([]axeViolation, error) {
	tags := `["` + strings.Join(wcagTags, `","`) + `"]`
	return chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](`
		axe.run(document, {runOnly: {type: "tag", values: `+tags+`}, resultTypes: ["violations"]})
		  .then(r => r.violations.map(v => ({
		    id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
		    targets: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
		    summary: (v.nodes[0] && v.nodes[0].failureSummary || "").split("\n").slice(0, 3).join(" ")
		  })))`, chromedp.EvalAwaitPromise))
}

// checkAxe loads each page in each viewport and reports every WCAG A/AA
// violation as "rule on page (viewport): targets — help", and every error in
// the browser console. With a session cookie the browser is logged in.
func checkAxe(t *testing.T, ctx context.Context, siteURL string, pages []crawledPage, session *http.Cookie) {
	t.Helper()
	if session != nil {
		if err := setBrowserCookie(ctx, siteURL, session); err != nil {
			t.Fatalf("log the browser in: %v", err)
		}
	}
	if err := addScriptToEveryPage(ctx, axeSource); err != nil {
		t.Fatalf("inject axe-core: %v", err)
	}
	console, err := watchConsole(ctx)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, v := range viewports {
		if err := setViewport(ctx, v); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			sctx := step(t, ctx)
			if err := chromedp.Do(sctx, chromedp.Navigate(siteURL+p.Path)); err != nil {
				t.Fatalf("load %s: %v", p.Path, err)
			}
			found, err := axeRun(sctx)
			if err != nil {
				t.Fatalf("run axe-core on %s (%s): %v", p.Path, v.Name, err)
			}
			checked++
			for _, f := range found {
				t.Errorf("%s", formatViolation(p.Path, v.Name, f))
			}
			// Errors in the browser console (a resource the CSP blocks, a
			// failed load, a script error) are bugs a person never sees.
			for _, e := range console.take() {
				t.Errorf("browser console error on %s (%s): %s", p.Path, v.Name, e)
			}
		}
	}
	if checked == 0 {
		t.Fatal("axe-core checked no page")
	}
	t.Logf("axe-core %s checked %d page loads (%d pages × %d viewports)", "4.10.2", checked, len(pages), len(viewports))
}

func formatViolation(path, viewport string, v axeViolation) string {
	return fmt.Sprintf("axe %s [%s] on %s (%s)\n  elements: %s\n  help: %s (%s)\n  %s",
		v.Rule, v.Impact, path, viewport, strings.Join(v.Targets, " | "), v.Help, v.HelpURL, v.Summary)
}

// TestAccessibilityPublicPages is the accessibility gate: axe-core finds no
// WCAG 2.0/2.1 A or AA violation on the public pages reachable from the home
// page (every kind of page, a few of each; see samplePages), on a desktop and
// a 360px phone screen.
func TestAccessibilityPublicPages(t *testing.T) {
	s := newSite(t)
	res := crawlPublic(t, s.URL)
	pages := samplePages(res.Pages, 2)
	checkAxe(t, newBrowser(t), s.URL, pages, nil)
}

// checkCrawlGates runs the gates that judge a crawl: no broken link, valid
// HTML and the page structure (lang, title, one main, one h1) on every
// page, and axe-core (with console errors) on a sample. It is
// what the back office runs per role:
//
//	res := crawlBackoffice(t, s.URL, session)
//	checkCrawlGates(t, s.URL, res, session)
func checkCrawlGates(t *testing.T, siteURL string, res *crawlResult, session *http.Cookie) {
	t.Helper()
	if len(res.Pages) == 0 {
		t.Fatal("the crawl parsed no page")
	}
	for _, b := range res.Broken {
		t.Errorf("broken link: %s", b)
	}
	for path, msgs := range validateHTML(t, res.Pages) {
		for _, m := range msgs {
			if m.Type == "error" || m.Type == "non-document-error" || m.SubType == "fatal" {
				t.Errorf("invalid HTML: %s:%d:%d: %s (%q)", path, m.Line, m.Column, m.Message, strings.TrimSpace(m.Extract))
			}
		}
	}
	checkStructure(t, res.Pages, false)
	checkAxe(t, newBrowser(t), siteURL, samplePages(res.Pages, 2), session)
}

// TestAxeFindsViolations proves the gate can fail: on a page with an image
// without alternative text and an unlabelled field, axe-core reports both.
func TestAxeFindsViolations(t *testing.T) {
	ctx := newBrowser(t)
	if err := addScriptToEveryPage(ctx, axeSource); err != nil {
		t.Fatal(err)
	}
	bad := `data:text/html,<!doctype html><html lang="it"><title>x</title><main><h1>x</h1><img src="data:,"><input type="text"></main></html>`
	if err := chromedp.Do(step(t, ctx), chromedp.Navigate(bad)); err != nil {
		t.Fatal(err)
	}
	found, err := axeRun(step(t, ctx))
	if err != nil {
		t.Fatal(err)
	}
	rules := map[string]bool{}
	for _, f := range found {
		rules[f.Rule] = true
	}
	if !rules["image-alt"] || !rules["label"] {
		t.Errorf("axe-core on a broken page reported %v, want image-alt and label", found)
	}
}
