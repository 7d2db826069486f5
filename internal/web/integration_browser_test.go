package web_test

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
	"github.com/chromedp/chromedp/kb"
)

// With JavaScript the body form shows the registry's type-ahead; choosing a
// Comune with the keyboard fills code, province, its code and region, and the
// saved body carries them.
func TestBrowserBodyFormComuneTypeahead(t *testing.T) {
	s := NewAdminSite(t, store.SQLite)
	s.AddUser(t, "coord@example.it", auth.Coordinator)
	ctx := browsertest.Timeout(t, browsertest.New(t), 90*time.Second)
	BrowserLogin(t, ctx, s.URL, "coord@example.it", TestPassword)

	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"/admin/enti/nuovo"),
		chromedp.WaitVisible(chromedp.CSS(`#f-comune-search`)),
		chromedp.SendKeys(chromedp.CSS(`#f-comune-search`), "pecetto tor"),
		chromedp.WaitVisible(chromedp.CSS(`.insight-typeahead-list li`)),
	); err != nil {
		t.Fatal(err)
	}
	// wait for the suggestions of the whole text, not of a prefix
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(document.querySelector(".insight-typeahead-list li") || {}).textContent?.includes("Pecetto Torinese") || false`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`#f-comune-search`), kb.ArrowDown+kb.Enter),
	); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](`(() => { const m = {};
		for (const id of ["f-istat_code", "f-province", "f-province_code", "f-region"]) m[id] = document.getElementById(id).value;
		return m; })()`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"f-istat_code": "001183", "f-province": "Torino", "f-province_code": "TO", "f-region": "Piemonte"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q after choosing, want %q", k, got[k], v)
		}
	}
	// Enter in the search without a chosen suggestion does not save the form.
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(`#f-comune-search`), kb.Enter), chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if loc, err := chromedp.Run(ctx, chromedp.Location()); err != nil || !strings.HasSuffix(loc, "/admin/enti/nuovo") {
		t.Fatalf("Enter in the search left the form: %q, %v", loc, err)
	}
	// Submitting navigates away from the nodes chromedp holds: submit from a
	// script, then wait for the saved body's page.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('form[action="/admin/enti"]').requestSubmit(), true`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`.alert-success`))); err != nil {
		t.Fatal(err)
	}
	b, err := s.Store.Body(context.Background(), "comune-di-pecetto-torinese")
	if err != nil || b.ISTATCode != "001183" || b.Region != "Piemonte" {
		t.Errorf("saved body = %+v, %v", b, err)
	}
}
