package quality_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// reflowPages are the pages checked for reflow and text zoom: the home page,
// a stage page, the widest list (a table) and a long text page.
var reflowPages = []string{"/", "/tappe/genova-2021", "/enti", "/attivita", "/accessibilita"}

// tableReflow lists the tables of main that are cut off without a way to
// reach the rest: a wrapper that scrolls sideways must be a focusable region
// with a name, and the first header cell must fit the window.
const tableReflow = `(() => {
  const out = [];
  document.querySelectorAll('main table').forEach((table, i) => {
    const w = table.closest('.table-responsive');
    if (w && w.scrollWidth > w.clientWidth && !(w.tabIndex >= 0 && w.getAttribute('role') === 'region' && (w.getAttribute('aria-labelledby') || w.getAttribute('aria-label')))) {
      out.push('table ' + (i + 1) + ' scrolls sideways in a wrapper that is not a focusable, labelled region');
    }
    const first = table.querySelector('th');
    if (first && first.getBoundingClientRect().right > window.innerWidth + 1) {
      out.push('the first column of table ' + (i + 1) + ' is off screen');
    }
  });
  return out;
})()`

// overflow reports how far the page is wider than the window, in CSS px.
const overflow = `Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth`

// TestReflowAndTextZoom checks WCAG 1.4.10 and 1.4.4: at 1280px with the page
// zoomed to 200% (640 CSS px) and 400% (320 CSS px) nothing scrolls
// sideways, and with the text alone at 200% on a 1280px screen neither.
func TestReflowAndTextZoom(t *testing.T) {
	s := newSite(t)
	ctx := newBrowser(t)
	for _, width := range []int64{640, 320} {
		if err := setViewport(ctx, viewport{Width: width, Height: 800}); err != nil {
			t.Fatal(err)
		}
		for _, path := range reflowPages {
			sctx := step(t, ctx)
			if err := chromedp.Do(sctx, chromedp.Navigate(s.URL+path)); err != nil {
				t.Fatal(err)
			}
			over, err := chromedp.Run(sctx, chromedp.Evaluate[float64](overflow))
			if err != nil {
				t.Fatal(err)
			}
			if over > 0 {
				t.Errorf("%s at %d CSS px (1280px zoomed to %d%%) scrolls sideways by %.0fpx", path, width, 1280*100/width, over)
			}
			// A table may scroll inside its wrapper, but then a keyboard
			// must reach it (a focusable, labelled region), and its first
			// column, which names the rows, must be on screen.
			cut, err := chromedp.Run(sctx, chromedp.Evaluate[[]string](tableReflow))
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range cut {
				t.Errorf("%s at %d CSS px: %s", path, width, c)
			}
		}
	}
	if err := setViewport(ctx, viewports[0]); err != nil {
		t.Fatal(err)
	}
	for _, path := range reflowPages {
		sctx := step(t, ctx)
		if err := chromedp.Do(sctx, chromedp.Navigate(s.URL+path)); err != nil {
			t.Fatal(err)
		}
		// Text-only zoom: browsers scale the root font size; everything sized
		// in rem or em follows.
		got, err := chromedp.Run(sctx, chromedp.Evaluate[[]float64](`(() => {
			const p = document.querySelector('main p') || document.querySelector('main');
			const before = parseFloat(getComputedStyle(p).fontSize);
			document.documentElement.style.fontSize = '200%';
			const after = parseFloat(getComputedStyle(p).fontSize);
			return [before, after, `+overflow+`];
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if got[1] < 1.9*got[0] {
			t.Errorf("%s: with the root font size at 200%% the main text grows from %.1fpx to %.1fpx only (sized in px, not rem)", path, got[0], got[1])
		}
		if got[2] > 0 {
			t.Errorf("%s: with text at 200%% on a 1280px screen the page scrolls sideways by %.0fpx", path, got[2])
		}
	}
}

// TestReducedMotion checks that with prefers-reduced-motion set, transitions
// of Bootstrap Italia's buttons and links are switched off.
func TestReducedMotion(t *testing.T) {
	s := newSite(t)
	ctx := newBrowser(t)
	duration := `getComputedStyle(document.querySelector('form .btn')).transitionDuration`
	if err := chromedp.Do(step(t, ctx), chromedp.Navigate(s.URL+"/enti")); err != nil {
		t.Fatal(err)
	}
	normal, err := chromedp.Run(ctx, chromedp.Evaluate[string](duration))
	if err != nil {
		t.Fatal(err)
	}
	if err := emulateMedia(ctx, "", &emulation.MediaFeature{Name: "prefers-reduced-motion", Value: "reduce"}); err != nil {
		t.Fatal(err)
	}
	reduced, err := chromedp.Run(ctx, chromedp.Evaluate[string](duration))
	if err != nil {
		t.Fatal(err)
	}
	if normal == reduced || !strings.HasPrefix(reduced, "1e-05s") && !strings.HasPrefix(reduced, "0s") {
		t.Errorf("button transition: %q normally, %q with reduced motion; want it switched off", normal, reduced)
	}
}

// TestDarkSchemeStaysReadable checks that a browser set to a dark colour
// scheme gets the light theme (Bootstrap Italia 2 has no dark theme) with no
// contrast failure, rather than a half-dark page.
func TestDarkSchemeStaysReadable(t *testing.T) {
	s := newSite(t)
	ctx := newBrowser(t)
	if err := addScriptToEveryPage(ctx, axeSource); err != nil {
		t.Fatal(err)
	}
	if err := emulateMedia(ctx, "", &emulation.MediaFeature{Name: "prefers-color-scheme", Value: "dark"}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/", "/enti"} {
		sctx := step(t, ctx)
		if err := chromedp.Do(sctx, chromedp.Navigate(s.URL+path)); err != nil {
			t.Fatal(err)
		}
		scheme, err := chromedp.Run(sctx, chromedp.Evaluate[[]string](`[getComputedStyle(document.documentElement).colorScheme, getComputedStyle(document.querySelector('select')||document.body).backgroundColor]`))
		if err != nil {
			t.Fatal(err)
		}
		if scheme[0] != "light" {
			t.Errorf("%s: color-scheme is %q, want light", path, scheme[0])
		}
		found, err := axeRun(sctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range found {
			t.Errorf("with a dark colour scheme: %s", formatViolation(path, "dark", f))
		}
	}
}

// TestPrintStagePage prints a stage page to PDF the way a person would and
// checks the paper copy: the content and the addresses of its links are
// there; the header, menus and footer are not.
func TestPrintStagePage(t *testing.T) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatalf("pdftotext (Debian poppler-utils) is required: %v", err)
	}
	s := newSite(t)
	ctx := newBrowser(t)
	sctx := step(t, ctx)
	if err := chromedp.Do(sctx, chromedp.Navigate(s.URL+"/tappe/genova-2021")); err != nil {
		t.Fatal(err)
	}
	title, err := chromedp.Run(sctx, chromedp.Text(chromedp.CSS("h1")))
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := chromedp.Run(sctx, chromedp.PrintToPDF())
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "stage.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cmd := exec.Command(pdftotext, "-layout", file, "-")
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(out.String()), " ")
	if !strings.Contains(text, strings.Join(strings.Fields(title), " ")) {
		t.Errorf("the printed page lacks its title %q: %s", title, excerptText(text))
	}
	if !strings.Contains(text, "(/enti/") {
		t.Errorf("the printed page does not write link addresses such as (/enti/…): %s", excerptText(text))
	}
	for _, gone := range []string{"Vai al contenuto principale", "Italiano English", "Esplora", "Dichiarazione di accessibilità"} {
		if strings.Contains(text, gone) {
			t.Errorf("the printed page shows %q, which belongs to the screen only", gone)
		}
	}
}

func excerptText(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}
