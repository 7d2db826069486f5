package insight_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"benicommunity/internal/geo"
	"benicommunity/internal/store"
	. "benicommunity/internal/web/webtest"
)

var (
	markerFont  = regexp.MustCompile(`<g class="geo-markers" font-size="([0-9.]+)">`)
	markerLabel = regexp.MustCompile(`<text class="geo-marker-label" x="([-0-9.]+)" y="([-0-9.]+)"(?: text-anchor="(\w+)")?[^>]*>([^<]*)</text>`)
	markerLink  = regexp.MustCompile(`<a class="geo-marker-link" href="/enti/([^"]+)">`)
)

// The labels of the network's map do not cover one another, even in the
// cluster of Comuni around Turin, and every body on the map is in its table.
func TestInsightMapLabelsDoNotOverlap(t *testing.T) {
	s := NewSite(t, store.SQLite)
	code, page := s.Get(t, "/rete")
	if code != 200 {
		t.Fatalf("GET /rete = %d", code)
	}
	start := strings.Index(page, `<svg xmlns="http://www.w3.org/2000/svg" class="geo-map"`)
	end := strings.Index(page[start:], "</svg>")
	if start < 0 || end < 0 {
		t.Fatal("no map on /rete")
	}
	svg := page[start : start+end]
	fm := markerFont.FindStringSubmatch(svg)
	if fm == nil {
		t.Fatal("the map has no markers")
	}
	size, _ := strconv.ParseFloat(fm[1], 64)
	type label struct {
		text                   string
		minX, minY, maxX, maxY float64
	}
	var labels []label
	for _, m := range markerLabel.FindAllStringSubmatch(svg, -1) {
		x, _ := strconv.ParseFloat(m[1], 64)
		y, _ := strconv.ParseFloat(m[2], 64)
		anchor := m[3]
		if anchor == "" {
			anchor = "start"
		}
		l := label{text: m[4]}
		l.minX, l.minY, l.maxX, l.maxY = geo.LabelBox(x, y, anchor, size, strings.ReplaceAll(m[4], "&#39;", "'"))
		labels = append(labels, l)
	}
	if len(labels) < 10 {
		t.Fatalf("only %d labels on the map", len(labels))
	}
	for i, a := range labels {
		for _, b := range labels[i+1:] {
			if a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY {
				t.Errorf("labels %q and %q overlap", a.text, b.text)
			}
		}
	}
	links := markerLink.FindAllStringSubmatch(svg, -1)
	for _, m := range links {
		if !strings.Contains(page, `<tr data-slug="`+m[1]+`">`) {
			t.Errorf("body %s is on the map but not in its table", m[1])
		}
	}
	t.Logf("%d markers, %d labels shown", len(links), len(labels))
	for _, want := range []string{"Chieri ★", "Cogoleto", "Genova", "Barge"} {
		found := false
		for _, l := range labels {
			found = found || l.text == want || strings.TrimSuffix(l.text, " ★") == want
		}
		if !found {
			t.Errorf("no label %q", want)
		}
	}
}
