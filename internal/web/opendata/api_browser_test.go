package opendata_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"benicommunity/internal/browsertest"
	"benicommunity/internal/store"
	. "benicommunity/internal/web/webtest"
	"github.com/chromedp/chromedp"
)

// corsPage is a page on another origin that reads the API as any reuser's
// site would: a plain fetch, then a conditional one (If-None-Match is not a
// safelisted header, so the browser sends a preflight first), then a CSV file.
const corsScript = `
(async () => {
  const out = {};
  try {
    const a = await fetch(API + "/api/v1/activities?limit=2");
    const body = await a.json();
    out.status = a.status; out.rows = body.data.length; out.etag = a.headers.get("ETag");
    const b = await fetch(API + "/api/v1/activities?limit=2", {headers: {"If-None-Match": out.etag}});
    out.conditional = b.status;
    const c = await fetch(API + "/dati/enti.csv");
    out.csv = c.status; out.disposition = c.headers.get("Content-Disposition");
  } catch (e) { out.error = String(e); }
  window.result = out;
  const done = document.createElement("p"); done.id = "done"; done.textContent = "done";
  document.body.appendChild(done);
})();
`

func TestBrowserReadsAPIFromAnotherOrigin(t *testing.T) {
	s := NewSite(t, store.SQLite)
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/app.js" {
			w.Header().Set("Content-Type", "text/javascript")
			fmt.Fprintf(w, "const API = %q;\n%s", s.URL, corsScript)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><html lang="it"><head><title>riuso</title></head><body><main><h1>Riuso</h1></main><script src="/app.js"></script></body></html>`)
	}))
	t.Cleanup(other.Close)

	ctx := browsertest.Timeout(t, browsertest.New(t), 60*time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(other.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#done"))); err != nil {
		t.Fatal(err)
	}
	type result struct {
		Status, Rows, Conditional, CSV int
		ETag, Disposition, Error       string
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[result](`window.result`))
	if err != nil {
		t.Fatal(err)
	}
	if got.Error != "" || got.Status != 200 || got.Rows != 2 || got.ETag == "" {
		t.Fatalf("cross-origin fetch: %+v", got)
	}
	if got.Conditional != http.StatusNotModified {
		t.Errorf("cross-origin conditional fetch: %d, want 304", got.Conditional)
	}
	if got.CSV != 200 || got.Disposition == "" {
		t.Errorf("cross-origin CSV: %d, Content-Disposition %q (must be exposed)", got.CSV, got.Disposition)
	}
}
