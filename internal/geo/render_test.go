package geo

import (
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
)

// svgDoc is what the tests read back from RenderSVG's output.
type svgDoc struct {
	attrs    map[string]string // attributes of the root element
	viewBox  box
	ids      map[string]string // id -> element name
	circles  []map[string]string
	texts    []string // content of <text> elements
	titles   []string // content of <title> elements
	links    []string // href of <a> elements
	elements map[string]int
	raw      string
}

func parseSVG(t *testing.T, svg string) svgDoc {
	t.Helper()
	doc := svgDoc{ids: map[string]string{}, elements: map[string]int{}, raw: svg}
	dec := xml.NewDecoder(strings.NewReader(svg))
	var stack []string
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("output is not well-formed XML: %v\n%s", err, svg)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			name := tok.Name.Local
			attrs := map[string]string{}
			for _, a := range tok.Attr {
				attrs[a.Name.Local] = a.Value
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") || a.Name.Local == "style" {
					t.Errorf("<%s> has attribute %s, which a strict CSP blocks", name, a.Name.Local)
				}
			}
			if len(stack) == 0 {
				if name != "svg" || tok.Name.Space != "http://www.w3.org/2000/svg" {
					t.Fatalf("root element is %v, want svg in the SVG namespace", tok.Name)
				}
				doc.attrs = attrs
				doc.viewBox = parseViewBox(t, attrs["viewBox"])
			}
			if id := attrs["id"]; id != "" {
				if _, dup := doc.ids[id]; dup {
					t.Errorf("duplicate id %q", id)
				}
				doc.ids[id] = name
			}
			switch name {
			case "circle":
				doc.circles = append(doc.circles, attrs)
			case "a":
				doc.links = append(doc.links, attrs["href"])
			case "script", "style", "foreignObject", "image", "use":
				t.Errorf("unexpected <%s> element", name)
			}
			doc.elements[name]++
			stack = append(stack, name)
			text.Reset()
		case xml.CharData:
			text.Write(tok)
		case xml.EndElement:
			switch tok.Name.Local {
			case "text":
				doc.texts = append(doc.texts, text.String())
			case "title":
				doc.titles = append(doc.titles, text.String())
			}
			stack = stack[:len(stack)-1]
			text.Reset()
		}
	}
	return doc
}

func parseViewBox(t *testing.T, s string) box {
	t.Helper()
	f := strings.Fields(s)
	if len(f) != 4 {
		t.Fatalf("viewBox %q does not have four numbers", s)
	}
	var v [4]float64
	for i := range f {
		var err error
		if v[i], err = strconv.ParseFloat(f[i], 64); err != nil {
			t.Fatalf("viewBox %q: %v", s, err)
		}
	}
	return box{v[0], v[1], v[0] + v[2], v[1] + v[3]}
}

var testMarkers = []Marker{
	{Lat: 45.0703, Lon: 7.6869, Label: "Torino", Href: "/enti/torino"},
	{Lat: 45.0125, Lon: 7.8250, Label: "Chieri", Href: "https://example.org/chieri", Title: "Comune di Chieri"},
	{Lat: 44.4056, Lon: 8.9463, Label: "Genova", Class: "geo-marker--active"},
	{Lat: 44.3080, Lon: 8.4810, Title: "Savona (senza etichetta)"},
}

func TestRenderSVGStructure(t *testing.T) {
	m := mustLoad(t)
	svg := string(m.RenderSVG(RenderOptions{
		Regions:     []string{"Piemonte", "Liguria"},
		Markers:     testMarkers,
		Title:       "Enti aderenti",
		Description: "Enti di Piemonte & Liguria",
	}))
	doc := parseSVG(t, svg)

	// Markers with links make the map a group, so the links stay announced.
	if doc.attrs["role"] != "group" {
		t.Errorf("root role = %q, want group for a map with linked markers", doc.attrs["role"])
	}
	plain := parseSVG(t, string(m.RenderSVG(RenderOptions{Regions: []string{"Piemonte"}, Markers: []Marker{{Lat: 45.07, Lon: 7.68, Label: "Torino"}}})))
	if plain.attrs["role"] != "img" {
		t.Errorf("root role without links = %q, want img", plain.attrs["role"])
	}
	labelledBy := strings.Fields(doc.attrs["aria-labelledby"])
	if len(labelledBy) != 2 || doc.ids[labelledBy[0]] != "title" || doc.ids[labelledBy[1]] != "desc" {
		t.Errorf("aria-labelledby %q does not point at <title> and <desc> (ids %v)", doc.attrs["aria-labelledby"], doc.ids)
	}
	if len(doc.titles) == 0 || doc.titles[0] != "Enti aderenti" {
		t.Errorf("first <title> = %q, want the map's title", doc.titles)
	}
	if !strings.Contains(svg, "Enti di Piemonte &amp; Liguria") {
		t.Error("description missing or not escaped")
	}

	if len(doc.circles) != len(testMarkers) {
		t.Fatalf("%d circles for %d markers", len(doc.circles), len(testMarkers))
	}
	for i, mk := range testMarkers {
		x, y := m.Project(mk.Lat, mk.Lon)
		cx, _ := strconv.ParseFloat(doc.circles[i]["cx"], 64)
		cy, _ := strconv.ParseFloat(doc.circles[i]["cy"], 64)
		if d := (cx-x)*(cx-x) + (cy-y)*(cy-y); d > 0.01*0.01 {
			t.Errorf("marker %d at (%v, %v), want projected (%.2f, %.2f)", i, cx, cy, x, y)
		}
		if !doc.viewBox.contains(point{cx, cy}) {
			t.Errorf("marker %d at (%v, %v) is outside the viewBox %+v", i, cx, cy, doc.viewBox)
		}
	}
	if got := doc.circles[2]["class"]; got != "geo-marker geo-marker--active" {
		t.Errorf("marker class = %q, want the extra class appended", got)
	}
	wantTexts := []string{"Torino", "Chieri", "Genova"}
	if strings.Join(doc.texts, "|") != strings.Join(wantTexts, "|") {
		t.Errorf("visible labels = %q, want %q", doc.texts, wantTexts)
	}
	for _, want := range []string{"Torino", "Comune di Chieri", "Genova", "Savona (senza etichetta)"} {
		if !contains(doc.titles, want) {
			t.Errorf("no <title> %q among %q", want, doc.titles)
		}
	}
	wantLinks := []string{"/enti/torino", "https://example.org/chieri"}
	if strings.Join(doc.links, "|") != strings.Join(wantLinks, "|") {
		t.Errorf("links = %q, want %q", doc.links, wantLinks)
	}
}

func TestRenderSVGFocusViewBox(t *testing.T) {
	m := mustLoad(t)
	full := parseSVG(t, string(m.RenderSVG(RenderOptions{}))).viewBox
	doc := parseSVG(t, string(m.RenderSVG(RenderOptions{Regions: []string{"Piemonte", "Liguria"}})))
	focus := doc.viewBox

	if focus.width()*focus.height() >= full.width()*full.height()/4 {
		t.Errorf("focused viewBox %+v is not much smaller than the full one %+v", focus, full)
	}
	for _, name := range []string{"Piemonte", "Liguria"} {
		r, _ := m.Lookup(name)
		b := m.shapes[m.byKey[normalizeName(r.ID)]].box
		if !focus.contains(point{b.minX, b.minY}) || !focus.contains(point{b.maxX, b.maxY}) {
			t.Errorf("focused viewBox %+v does not contain %s %+v", focus, name, b)
		}
	}
	for _, name := range []string{"Sicilia", "Toscana"} {
		r, _ := m.Lookup(name)
		if focus.contains(center(m.shapes[m.byKey[normalizeName(r.ID)]].box)) {
			t.Errorf("focused viewBox %+v contains the middle of %s", focus, name)
		}
	}
	for _, s := range m.shapes {
		if !full.contains(point{s.box.minX, s.box.minY}) || !full.contains(point{s.box.maxX, s.box.maxY}) {
			t.Errorf("full viewBox %+v cuts a region %+v", full, s.box)
		}
	}

	// Regions outside the focus are drawn lighter; those out of view not at all.
	if !strings.Contains(doc.raw, `class="geo-region geo-region--focus" data-region="piedmont"`) ||
		!strings.Contains(doc.raw, `class="geo-region geo-region--focus" data-region="liguria"`) {
		t.Error("focused regions not drawn with the focus class")
	}
	if !strings.Contains(doc.raw, `class="geo-region geo-region--context" data-region="lombardy"`) {
		t.Error("neighbouring region not drawn as context")
	}
	if strings.Contains(doc.raw, `data-region="sicily"`) {
		t.Error("region far outside the view was drawn")
	}
}

func TestRenderSVGHighlightAndDefaults(t *testing.T) {
	m := mustLoad(t)
	svg := string(m.RenderSVG(RenderOptions{HighlightRegions: []string{"Valle d'Aosta"}}))
	doc := parseSVG(t, svg)
	if !strings.Contains(svg, `class="geo-region geo-region--highlight" data-region="aosta-valley"`) {
		t.Error("highlighted region not drawn with the highlight class")
	}
	if strings.Contains(svg, "geo-region--context") {
		t.Error("with no focus no region should be drawn as context")
	}
	if doc.elements["path"] != 20 {
		t.Errorf("whole map draws %d regions, want 20", doc.elements["path"])
	}
	if len(doc.titles) == 0 || doc.titles[0] == "" {
		t.Error("no default <title>")
	}
	if doc.ids[doc.attrs["aria-labelledby"]] != "title" {
		t.Errorf("aria-labelledby %q does not point at the <title>", doc.attrs["aria-labelledby"])
	}
	if doc.elements["desc"] != 0 {
		t.Error("<desc> drawn without a description")
	}
}

func TestRenderSVGEscapesAndRejectsUnsafeInput(t *testing.T) {
	m := mustLoad(t)
	svg := string(m.RenderSVG(RenderOptions{
		Title: `<script>alert(1)</script>`,
		Markers: []Marker{
			{Lat: 45, Lon: 8, Label: `"><script>x</script>`, Href: "javascript:alert(1)"},
			{Lat: 45, Lon: 8, Label: "a\x00b\x1b\xffc", Href: " JavaScript:alert(1)"},
			{Lat: 45, Lon: 8, Label: "ok", Href: "data:text/html,x"},
		},
	}))
	doc := parseSVG(t, svg)
	if len(doc.links) != 0 {
		t.Errorf("unsafe hrefs became links: %q", doc.links)
	}
	if doc.texts[0] != `"><script>x</script>` {
		t.Errorf("label changed by escaping: %q", doc.texts[0])
	}
	if doc.texts[1] != "ab\uFFFDc" {
		t.Errorf("label with control characters = %q, want them dropped", doc.texts[1])
	}
	if strings.Contains(svg, "<script") || strings.Contains(strings.ToLower(svg), "javascript:") {
		t.Error("unsafe input reached the output unescaped")
	}
}

func TestRenderSVGDeterministic(t *testing.T) {
	opt := RenderOptions{
		Regions:          []string{"Piemonte", "Liguria"},
		HighlightRegions: []string{"Liguria"},
		Markers:          testMarkers,
		Title:            "Enti aderenti",
	}
	a := mustLoad(t).RenderSVG(opt)
	b := mustLoad(t).RenderSVG(opt)
	if a != b {
		t.Error("same options rendered different bytes")
	}
	other := opt
	other.Title = "Altro"
	da := parseSVG(t, string(a))
	dc := parseSVG(t, string(mustLoad(t).RenderSVG(other)))
	if da.attrs["aria-labelledby"] == dc.attrs["aria-labelledby"] {
		t.Error("two different maps share title ids, which would clash on one page")
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func center(b box) point { return point{(b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2} }
