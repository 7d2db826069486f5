package insight_test

import (
	"strings"
	"testing"
	"time"

	"benicommunity/internal/browsertest"
	"benicommunity/internal/store"
	. "benicommunity/internal/web/webtest"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// compareTablesJS reads every data table of /rete and the JSON endpoint it
// stands for, and returns the differences, one line each, plus a count of
// the rows compared so an empty page cannot pass.
const compareTablesJS = `(async () => {
  const get = async (p) => (await fetch(p)).json();
  const [growth, part, eng, map] = await Promise.all([
    get("/rete/crescita.json"), get("/rete/partecipazione.json"), get("/rete/coinvolgimento.json"), get("/rete/mappa.json")]);
  const out = [];
  let rows = 0;
  const num = (v) => v === null || v === undefined ? "" : String(v);
  const check = (name, list, key, fields) => {
    const trs = Array.from(document.querySelectorAll('table[data-json="' + name + '"] tbody tr'));
    if (trs.length !== list.length) out.push(name + ": " + trs.length + " rows, JSON has " + list.length);
    trs.forEach((tr, i) => {
      rows++;
      const item = list[i];
      if (!item) return;
      if (tr.dataset.slug !== key(item)) out.push(name + " row " + i + ": " + tr.dataset.slug + " != " + key(item));
      const cells = Array.from(tr.querySelectorAll("td[data-value]")).map(td => td.dataset.value);
      fields.forEach((f, j) => {
        if (cells[j] !== num(f(item))) out.push(name + " row " + i + " col " + j + ": " + cells[j] + " != " + num(f(item)));
      });
    });
  };
  check("crescita", growth.stages, s => s.slug, [s => s.new_members, s => s.returning_members, s => s.cumulative_members]);
  check("partecipazione", part.stages, s => s.slug, [s => s.declared_people, s => s.declared_bodies, s => s.counted_bodies]);
  check("partecipazione-kind", part.by_kind, s => s.key, [s => s.bodies, s => s.percent]);
  check("partecipazione-province", part.by_province, s => s.key, [s => s.bodies, s => s.percent]);
  check("partecipazione-band", part.by_population_band, s => s.key, [s => s.bodies, s => s.percent]);
  check("mappa", map.bodies, s => s.slug, [s => s.stages, s => s.hosted]);
  check("coinvolgimento-ranking", eng.ranking, s => s.slug, [s => s.stages, s => s.hosted]);
  check("coinvolgimento-hosts", eng.hosts, s => s.slug, [s => s.hosted]);
  check("coinvolgimento-pairs", eng.pairs, s => s.a.slug + "+" + s.b.slug, [s => s.stages]);
  if (eng.once_only.length) check("coinvolgimento-once", eng.once_only, s => s.slug, [s => s.stage.slug]);
  out.push("rows:" + rows);
  return out;
})()`

func TestBrowserInsightPage(t *testing.T) {
	s := NewSite(t, store.SQLite)
	ctx := browsertest.Timeout(t, browsertest.New(t), 60*time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"/"), chromedp.Click(chromedp.CSS(`nav.bc-nav a[href="/rete"]`)),
		chromedp.WaitVisible(chromedp.CSS(`svg.geo-map`))); err != nil {
		t.Fatal(err)
	}
	labels, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(".insight-map .geo-marker-label")).map(e => e.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, l := range labels {
		found[strings.TrimSuffix(l, " ★")] = true
	}
	for _, want := range []string{"Chieri", "Cogoleto", "Genova", "Barge"} {
		if !found[want] {
			t.Errorf("map has no marker labelled %s; labels: %q", want, labels)
		}
	}
	steps, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('[data-chart="growth"] svg .chart-step').length`))
	if err != nil {
		t.Fatal(err)
	}
	if steps != 5 {
		t.Errorf("growth chart has %d steps, want one per stage (5)", steps)
	}
	diffs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](compareTablesJS, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if len(diffs) == 0 || !strings.HasPrefix(diffs[len(diffs)-1], "rows:") || diffs[len(diffs)-1] == "rows:0" {
		t.Fatalf("table comparison did not run: %q", diffs)
	}
	for _, d := range diffs[:len(diffs)-1] {
		t.Error(d)
	}
	t.Log(diffs[len(diffs)-1])
	// The page's scripts and styles all load under the strict policy:
	// a blocked resource would leave the map unstyled.
	fill, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector(".geo-marker.insight-kind-citta_metropolitana")).fill`))
	if err != nil {
		t.Fatal(err)
	}
	if fill != "rgb(153, 92, 0)" {
		t.Errorf("metropolitan city marker fill = %q, want the kind's colour from insight.css", fill)
	}
}

func TestBrowserComuniTypeahead(t *testing.T) {
	s := NewSite(t, store.SQLite)
	ctx := browsertest.Timeout(t, browsertest.New(t), 60*time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"/enti/comuni"),
		chromedp.SendKeys(chromedp.CSS(`#q`), "sant anton"),
		chromedp.WaitVisible(chromedp.CSS(`.insight-typeahead-list li`))); err != nil {
		t.Fatal(err)
	}
	options, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(".insight-typeahead-list li")).map(e => e.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(options) == 0 || !strings.Contains(strings.Join(options, "|"), "Sant'Antonino di Susa (TO) · 001256") {
		t.Fatalf("suggestions = %q", options)
	}
	expanded, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#q").getAttribute("aria-expanded")`))
	if err != nil || expanded != "true" {
		t.Errorf("combobox aria-expanded = %q (%v)", expanded, err)
	}
	// Choosing with the keyboard submits the search page with the name.
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(`#q`), kb.ArrowDown+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`#results-title`))); err != nil {
		t.Fatal(err)
	}
	h2, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#results-title`)))
	if err != nil {
		t.Fatal(err)
	}
	first := strings.SplitN(options[0], " (", 2)[0]
	if !strings.Contains(h2, "«"+first+"»") {
		t.Errorf("after choosing %q, results heading = %q", first, h2)
	}
}
