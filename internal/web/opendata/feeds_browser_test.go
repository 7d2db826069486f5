package opendata_test

import (
	"testing"
	"time"

	"benicommunity/internal/browsertest"
	"benicommunity/internal/store"
	. "benicommunity/internal/web/webtest"
	"github.com/chromedp/chromedp"
)

// TestBrowserReadsJSONLD: Chromium's own HTML and JSON parsers find one data
// block whose name is the hostile title, intact, and no other script.
func TestBrowserReadsJSONLD(t *testing.T) {
	s := NewFeedSite(t, store.SQLite, nil)
	ctx := browsertest.Timeout(t, browsertest.New(t), 60*time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"/attivita/serata-ibrida-2023")); err != nil {
		t.Fatal(err)
	}
	type seen struct {
		Scripts  int    `json:"scripts"`
		Name     string `json:"name"`
		Type     string `json:"type"`
		H1       string `json:"h1"`
		Calendar string `json:"calendar"`
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[seen](`(() => {
		const ld = JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent);
		const cal = document.querySelector('a[type="text/calendar"]');
		return {scripts: document.scripts.length, name: ld.name, type: ld["@type"],
			h1: document.querySelector("h1").innerText, calendar: cal ? cal.href : ""};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if got.Scripts != 1 || got.Name != NastyTitle || got.Type != "Event" || got.H1 != NastyTitle {
		t.Errorf("browser sees %+v", got)
	}
	if got.Calendar != s.URL+"/attivita/serata-ibrida-2023.ics" {
		t.Errorf("calendar link = %q", got.Calendar)
	}
}
