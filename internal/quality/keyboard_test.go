package quality_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focusable marks, in DOM order, every element a keyboard user must reach
// (an element taken out of the tab order on purpose, tabindex=-1, is not),
// and records how each looks without focus. The marks (data-bc-tab) let the
// test tell which one has focus after each Tab.
const markFocusable = `(() => {
  const sel = ['a[href]', 'button:not([disabled])', 'input:not([disabled]):not([type=hidden])', 'select:not([disabled])', 'textarea:not([disabled])', 'summary', '[tabindex]']
    .map(s => s + ':not([tabindex="-1"])').join(', ');
  const els = Array.from(document.querySelectorAll(sel)).filter(e => e.checkVisibility({visibilityProperty: true}) || e.classList.contains('visually-hidden-focusable'));
  document.activeElement && document.activeElement.blur();
  return els.map((e, i) => {
    e.setAttribute('data-bc-tab', i);
    const cs = getComputedStyle(e);
    return {label: (e.tagName + ' ' + (e.getAttribute('href') || e.id || e.name || '') + ' "' + (e.innerText || '').trim().slice(0, 30) + '"'), ring: cs.outlineStyle + ' ' + cs.outlineWidth + ' ' + cs.outlineColor + ' | ' + cs.boxShadow};
  });
})()`

// focusState says which marked element has focus and how it looks.
const focusState = `(() => {
  const e = document.activeElement;
  const cs = getComputedStyle(e);
  return {index: e.hasAttribute('data-bc-tab') ? Number(e.getAttribute('data-bc-tab')) : -1, id: e.id || '', tag: e.tagName,
    ring: cs.outlineStyle + ' ' + cs.outlineWidth + ' ' + cs.outlineColor + ' | ' + cs.boxShadow, visible: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 || cs.boxShadow !== 'none'};
})()`

type focusable struct {
	Label string `json:"label"`
	Ring  string `json:"ring"`
}

type focused struct {
	Index   int    `json:"index"`
	ID      string `json:"id"`
	Tag     string `json:"tag"`
	Ring    string `json:"ring"`
	Visible bool   `json:"visible"`
}

func pressTab(ctx context.Context) (focused, error) {
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
		return focused{}, err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[focused](focusState))
}

// checkKeyboard tabs through a page from the top: the first stop is the skip
// link and Enter on it moves focus to <main>; then every focusable element is
// reached, once, in DOM order, and each shows a visible focus ring that
// differs from its look without focus.
func checkKeyboard(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	all, err := chromedp.Run(ctx, chromedp.Evaluate[[]focusable](markFocusable))
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 5 {
		t.Fatalf("%s: only %d focusable elements found", url, len(all))
	}
	first, err := pressTab(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if first.Index != 0 || !strings.Contains(all[0].Label, "#main") {
		t.Errorf("%s: the first Tab stop is %+v, want the skip link to #main (%s)", url, first, all[0].Label)
	}
	// Follow the skip link: focus lands on main.
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	after, err := chromedp.Run(ctx, chromedp.Evaluate[focused](focusState))
	if err != nil {
		t.Fatal(err)
	}
	if after.Tag != "MAIN" {
		t.Errorf("%s: after Enter on the skip link focus is on %s#%s, want <main>", url, after.Tag, after.ID)
	}

	// Start again from the top and walk every stop.
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[[]focusable](markFocusable)); err != nil {
		t.Fatal(err)
	}
	var order []int
	// Date and time fields take one Tab per part (day, month, year), so
	// there may be more stops than elements.
	for i := 0; i < 4*len(all)+5; i++ {
		f, err := pressTab(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if f.Index < 0 {
			if f.Tag == "BODY" {
				break // past the last element: focus left the document
			}
			t.Errorf("%s: Tab stop %d is an element the test did not expect: %s#%s", url, i, f.Tag, f.ID)
			continue
		}
		if len(order) > 0 && f.Index == order[len(order)-1] {
			continue // the next part of a date or time field
		}
		if len(order) > 0 && f.Index < order[len(order)-1] {
			break // wrapped around to the top
		}
		order = append(order, f.Index)
		if !f.Visible || f.Ring == all[f.Index].Ring {
			t.Errorf("%s: no visible focus on %s: focused %q, unfocused %q", url, all[f.Index].Label, f.Ring, all[f.Index].Ring)
		}
	}
	for want, got := range order {
		if got != want {
			t.Errorf("%s: Tab stop %d is %s, want %s (DOM order)", url, want, all[got].Label, all[want].Label)
			break
		}
	}
	if len(order) != len(all) {
		missing := []string{}
		seen := map[int]bool{}
		for _, i := range order {
			seen[i] = true
		}
		for i, e := range all {
			if !seen[i] {
				missing = append(missing, e.Label)
			}
		}
		t.Errorf("%s: Tab reached %d of %d focusable elements; not reached: %s", url, len(order), len(all), strings.Join(missing, ", "))
	}
}

// TestKeyboardOnly is the keyboard gate on the home page, a stage page and a
// page with a filter form, on a desktop and a phone screen.
func TestKeyboardOnly(t *testing.T) {
	s := newSite(t)
	ctx := newBrowser(t)
	for _, v := range viewports {
		if err := setViewport(ctx, v); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/", "/tappe/genova-2021", "/enti"} {
			t.Run(fmt.Sprintf("%s %s", v.Name, path), func(t *testing.T) {
				checkKeyboard(t, step(t, ctx), s.URL+path)
			})
		}
	}
}

// formCheck lists every form field without an accessible label, and the
// error messages of the page with how they are announced.
const formCheck = `(() => {
  const fields = Array.from(document.querySelectorAll('input:not([type=hidden]):not([type=submit]), select, textarea'));
  const unlabelled = fields.filter(f => !(f.labels && f.labels.length) && !f.getAttribute('aria-label') && !f.getAttribute('aria-labelledby')).map(f => f.name || f.id);
  const invalid = fields.filter(f => f.getAttribute('aria-invalid') === 'true').map(f => ({name: f.name, described: (f.getAttribute('aria-describedby') || '').split(' ').filter(id => id && document.getElementById(id) && document.getElementById(id).innerText.trim()).length > 0}));
  const alerts = Array.from(document.querySelectorAll('[role=alert], [aria-live]')).map(e => e.innerText.trim()).filter(Boolean);
  return {fields: fields.length, unlabelled, invalid, alerts};
})()`

type formState struct {
	Fields     int      `json:"fields"`
	Unlabelled []string `json:"unlabelled"`
	Invalid    []struct {
		Name      string `json:"name"`
		Described bool   `json:"described"`
	} `json:"invalid"`
	Alerts []string `json:"alerts"`
}

// TestFormsLabelledAndErrorsAnnounced checks the public filter forms: every
// field has a label, and a bad filter value answers with a message that is
// announced (role=alert) and, where a field is marked invalid, tied to it
// with aria-describedby.
func TestFormsLabelledAndErrorsAnnounced(t *testing.T) {
	s := newSite(t)
	ctx := newBrowser(t)
	for _, path := range []string{"/attivita", "/enti", "/attivita?tipo=nessuno", "/enti?tipo=nessuno", "/enti?pagina=zero"} {
		t.Run(path, func(t *testing.T) {
			sctx := step(t, ctx)
			if err := chromedp.Do(sctx, chromedp.Navigate(s.URL+path)); err != nil {
				t.Fatal(err)
			}
			f, err := chromedp.Run(sctx, chromedp.Evaluate[formState](formCheck))
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Unlabelled) > 0 {
				t.Errorf("fields without a label: %v", f.Unlabelled)
			}
			for _, in := range f.Invalid {
				if !in.Described {
					t.Errorf("field %s is marked invalid but no aria-describedby points at its error text", in.Name)
				}
			}
			bad := strings.Contains(path, "=nessuno") || strings.Contains(path, "=zero")
			if bad && len(f.Alerts) == 0 {
				t.Errorf("the error page shows no announced message (role=alert or aria-live)")
			}
			if !bad && f.Fields == 0 {
				t.Errorf("no form fields found")
			}
		})
	}
}

// TestKeyboardCheckFindsHiddenFocus proves the visible-focus check can fail:
// on a page whose links hide the focus ring, it reports them.
func TestKeyboardCheckFindsHiddenFocus(t *testing.T) {
	ctx := newBrowser(t)
	page := `data:text/html,<!doctype html><html lang="it"><title>x</title><style>a:focus{outline:none!important;box-shadow:none!important}</style>` +
		`<a href="%23main">salta</a><main id="main" tabindex="-1"><a href="/a">uno</a> <a href="/b">due</a> <a href="/c">tre</a> <a href="/d">quattro</a></main></html>`
	sctx := step(t, ctx)
	if err := chromedp.Do(sctx, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	all, err := chromedp.Run(sctx, chromedp.Evaluate[[]focusable](markFocusable))
	if err != nil {
		t.Fatal(err)
	}
	hidden := 0
	for range all {
		f, err := pressTab(sctx)
		if err != nil {
			t.Fatal(err)
		}
		if f.Index >= 0 && (!f.Visible || f.Ring == all[f.Index].Ring) {
			hidden++
		}
	}
	if len(all) != 5 || hidden != 5 {
		t.Errorf("on a page with no focus ring the check found %d focusable elements and %d without visible focus, want 5 and 5", len(all), hidden)
	}
}
