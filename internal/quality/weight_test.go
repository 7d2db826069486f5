package quality_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// pageBudget is the most a first visit to a page may transfer, all requests
// together, compressed, headers included (docs/quality.md explains the
// figure: a phone on a slow 3G link loads it in about 5 seconds).
const pageBudget = 250 * 1024

// transfers lists every request of the loaded page with the bytes it took on
// the wire, from the Resource Timing API once the fonts are in.
const transfers = `document.fonts.ready.then(() => [performance.getEntriesByType('navigation')[0]]
  .concat(performance.getEntriesByType('resource'))
  .map(e => ({url: e.name, bytes: e.transferSize})))`

type transfer struct {
	URL   string  `json:"url"`
	Bytes float64 `json:"bytes"`
}

// TestPageWeightBudget is the page-weight gate: the home page and a stage
// page, loaded with an empty cache on a phone and a desktop screen, transfer
// less than pageBudget and ask no other host for anything.
func TestPageWeightBudget(t *testing.T) {
	s := newSite(t)
	base, err := url.Parse(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	ctx := newBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	for _, v := range viewports {
		if err := setViewport(ctx, v); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/", "/tappe/genova-2021"} {
			t.Run(fmt.Sprintf("%s %s", v.Name, path), func(t *testing.T) {
				sctx := step(t, ctx)
				if err := chromedp.Do(sctx, chromedp.Navigate(s.URL+path)); err != nil {
					t.Fatal(err)
				}
				got, err := chromedp.Run(sctx, chromedp.Evaluate[[]transfer](transfers, chromedp.EvalAwaitPromise))
				if err != nil {
					t.Fatal(err)
				}
				total := 0.0
				for _, tr := range got {
					if strings.HasPrefix(tr.URL, "data:") {
						continue // inlined in a style sheet: no request, no bytes of its own
					}
					u, err := url.Parse(tr.URL)
					if err != nil || u.Host != base.Host {
						t.Errorf("request to another host: %s", tr.URL)
					}
					if tr.Bytes <= 0 {
						t.Errorf("no transfer size for %s: the page was not loaded from the network", tr.URL)
					}
					total += tr.Bytes
				}
				if len(got) < 3 {
					t.Errorf("only %d requests seen", len(got))
				}
				if total > pageBudget {
					t.Errorf("%s transfers %.0f bytes, budget %d", path, total, pageBudget)
				}
				for _, tr := range got {
					if !strings.HasPrefix(tr.URL, "data:") {
						t.Logf("  %6.1f KiB %s", tr.Bytes/1024, tr.URL)
					}
				}
				t.Logf("%s (%s): %d requests, %.1f KiB transferred (budget %d KiB)", path, v.Name, len(got), total/1024, pageBudget/1024)
			})
		}
	}
}
