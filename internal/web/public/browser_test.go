package public_test

import (
	"strings"
	"testing"
	"time"

	"benicommunity/internal/browsertest"
	"benicommunity/internal/store"
	. "benicommunity/internal/web/webtest"
	"github.com/chromedp/chromedp"
)

func TestBrowserHomeToStage(t *testing.T) {
	s := NewSite(t, store.SQLite)
	ctx := browsertest.Timeout(t, browsertest.New(t), 60*time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"/")); err != nil {
		t.Fatal(err)
	}
	titles, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(".bc-timeline .bc-stage .card-title")).map(e => e.innerText)`))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`a[href="/tappe/genova-2021"]`)),
		chromedp.WaitVisible(chromedp.CSS(`h1.bc-activity-title`)),
	); err != nil {
		t.Fatal(err)
	}
	h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`h1`)))
	if err != nil {
		t.Fatal(err)
	}
	if len(titles) != 5 || !strings.Contains(titles[0], "Chieri") || !strings.Contains(titles[4], "Barge") {
		t.Errorf("stage titles seen = %q", titles)
	}
	if !strings.Contains(h1, "Genova") {
		t.Errorf("after the click the page heading is %q", h1)
	}
}
