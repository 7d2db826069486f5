package geo

import (
	"fmt"
	"hash/fnv"
	"html/template"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Marker is a point drawn on the map.
type Marker struct {
	Lat, Lon float64
	Label    string  // visible text beside the marker; empty draws none
	Radius   float64 // in map units as seen on the whole-Italy map; 0 means defaultRadius
	Class    string  // extra CSS classes for the marker's circle
	Href     string  // link target; only relative, http, https and mailto URLs become links
	Title    string  // tooltip and accessible name; defaults to Label
}

// RenderOptions selects what RenderSVG draws.
type RenderOptions struct {
	// Regions to focus on, by any name Lookup accepts. The view is their
	// bounding box plus a margin and other regions are drawn lighter; empty
	// means all of Italy. Names that match no region are ignored, and
	// markers outside the view are clipped.
	Regions []string
	Markers []Marker
	// Title and Description become <title> and <desc>, the accessible name
	// and description of the image. Title defaults to a description of the
	// area shown.
	Title, Description string
	// HighlightRegions are drawn in a stronger colour.
	HighlightRegions []string
}

const (
	defaultRadius = 5.0
	labelSize     = 13.0 // font size in map units at whole-Italy zoom
	strokeWidth   = 0.8
	marginRatio   = 0.04 // margin around the focused regions, of the view's larger side
	minMargin     = 5.0
)

type paint struct{ class, fill, stroke string }

// regionPaints gives the look of each drawing pass (see regionPass). Colours
// follow the palette of the Italian public-sector design system and are
// presentation attributes, so a stylesheet can override them by class.
func regionPaints() [3]paint {
	return [3]paint{
		{class: "geo-region geo-region--context", fill: "#f2f2f2", stroke: "#c5c7c9"},
		{class: "geo-region geo-region--focus", fill: "#dfe6ee", stroke: "#5d7083"},
		{class: "geo-region geo-region--highlight", fill: "#a9c6e8", stroke: "#17324d"},
	}
}

// RenderSVG draws the map as a standalone inline <svg> element. The output
// has no scripts and no style attributes, so it passes a strict Content
// Security Policy, and identical options always give identical bytes.
// A map without links is one image (role="img"). A map whose markers link to
// pages is a group (role="group") so that its links stay reachable and
// announced; pages still list the same items in text.
func (m *Map) RenderSVG(opt RenderOptions) template.HTML {
	focus := m.resolve(opt.Regions)
	highlight := m.resolve(opt.HighlightRegions)
	view := m.view(focus)
	scale := math.Max(view.width(), view.height()) / mapHeight
	id := renderID(opt)

	title := opt.Title
	if title == "" {
		title = m.defaultTitle(focus)
	}
	labelledBy := id + "-title"
	if opt.Description != "" {
		labelledBy += " " + id + "-desc"
	}

	role := "img"
	for _, mk := range opt.Markers {
		if mk.Href != "" {
			role = "group"
			break
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="geo-map" viewBox="%s %s %s %s" role="%s" aria-labelledby="%s">`,
		num(view.minX), num(view.minY), num(view.width()), num(view.height()), role, labelledBy)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title>`, id, escape(title))
	if opt.Description != "" {
		fmt.Fprintf(&b, `<desc id="%s-desc">%s</desc>`, id, escape(opt.Description))
	}
	fmt.Fprintf(&b, `<g class="geo-regions" stroke-width="%s" stroke-linejoin="round">`, num(strokeWidth*scale))
	// Context regions first, then focused, then highlighted, so that the
	// stronger outlines are not painted over by their neighbours.
	for pass, p := range regionPaints() {
		for i, r := range m.regions {
			if regionPass(i, focus, highlight) != pass || !m.shapes[i].box.intersects(view) {
				continue
			}
			fmt.Fprintf(&b, `<path class="%s" data-region="%s" fill="%s" stroke="%s" d="%s"><title>%s</title></path>`,
				p.class, escape(r.ID), p.fill, p.stroke, escape(r.Path), escape(r.Name))
		}
	}
	b.WriteString(`</g>`)
	if len(opt.Markers) > 0 {
		fmt.Fprintf(&b, `<g class="geo-markers" font-size="%s">`, num(labelSize*scale))
		places := m.placeLabels(opt.Markers, scale)
		for i, mk := range opt.Markers {
			m.writeMarker(&b, mk, places[i], scale)
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func (m *Map) writeMarker(b *strings.Builder, mk Marker, place labelPlace, scale float64) {
	x, y := m.Project(mk.Lat, mk.Lon)
	r := markerRadius(mk, scale)
	title := mk.Title
	if title == "" {
		title = mk.Label
	}
	class := "geo-marker"
	if c := strings.TrimSpace(mk.Class); c != "" {
		class += " " + c
	}
	href, linked := safeHref(mk.Href)
	if linked {
		fmt.Fprintf(b, `<a class="geo-marker-link" href="%s">`, escape(href))
	} else {
		b.WriteString(`<g class="geo-marker-item">`)
	}
	fmt.Fprintf(b, `<circle class="%s" cx="%s" cy="%s" r="%s" fill="#0066cc" stroke="#ffffff" stroke-width="%s">`,
		escape(class), num(x), num(y), num(r), num(strokeWidth*scale))
	if title != "" {
		fmt.Fprintf(b, `<title>%s</title>`, escape(title))
	}
	b.WriteString(`</circle>`)
	if place.shown {
		anchor := ""
		if place.anchor != "start" {
			anchor = ` text-anchor="` + place.anchor + `"`
		}
		// The white halo keeps the label readable over region borders.
		fmt.Fprintf(b, `<text class="geo-marker-label" x="%s" y="%s"%s fill="#17324d" stroke="#ffffff" stroke-width="%s">%s</text>`,
			num(place.x), num(place.y), anchor, num(3*scale), escape(mk.Label))
	}
	if linked {
		b.WriteString(`</a>`)
	} else {
		b.WriteString(`</g>`)
	}
}

// resolve turns region names into a set of region indexes.
func (m *Map) resolve(names []string) map[int]bool {
	set := make(map[int]bool, len(names))
	for _, n := range names {
		if i, ok := m.byKey[normalizeName(n)]; ok {
			set[i] = true
		}
	}
	return set
}

// regionPass tells in which drawing pass a region belongs: 0 context,
// 1 focused, 2 highlighted. With no focus every region is focused.
func regionPass(i int, focus, highlight map[int]bool) int {
	switch {
	case highlight[i]:
		return 2
	case len(focus) == 0 || focus[i]:
		return 1
	default:
		return 0
	}
}

// view is the bounding box of the focused regions (all when none) plus a margin.
func (m *Map) view(focus map[int]bool) box {
	v := emptyBox()
	for i, s := range m.shapes {
		if len(focus) == 0 || focus[i] {
			v = v.union(s.box)
		}
	}
	return v.grow(math.Max(minMargin, marginRatio*math.Max(v.width(), v.height())))
}

func (m *Map) defaultTitle(focus map[int]bool) string {
	if len(focus) == 0 {
		return "Mappa delle regioni d'Italia"
	}
	var names []string
	for i, r := range m.regions {
		if focus[i] {
			names = append(names, r.Name)
		}
	}
	return "Mappa: " + strings.Join(names, ", ")
}

// renderID derives the ids of <title> and <desc> from the options, so that
// several different maps on one page do not share ids while the output stays
// deterministic.
func renderID(opt RenderOptions) string {
	h := fnv.New64a()
	write := func(s string) { fmt.Fprintf(h, "%d:%s;", len(s), s) }
	for _, r := range opt.Regions {
		write(r)
	}
	write("|")
	for _, r := range opt.HighlightRegions {
		write(r)
	}
	write(opt.Title)
	write(opt.Description)
	for _, mk := range opt.Markers {
		write(strconv.FormatFloat(mk.Lat, 'g', -1, 64))
		write(strconv.FormatFloat(mk.Lon, 'g', -1, 64))
		write(strconv.FormatFloat(mk.Radius, 'g', -1, 64))
		write(mk.Label)
		write(mk.Class)
		write(mk.Href)
		write(mk.Title)
	}
	return fmt.Sprintf("geo-map-%016x", h.Sum64())
}

// safeHref accepts relative and http, https and mailto URLs; anything else
// (javascript:, data:, ...) could run code when followed.
func safeHref(h string) (string, bool) {
	h = strings.TrimSpace(h)
	if h == "" {
		return "", false
	}
	u, err := url.Parse(h)
	if err != nil {
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https", "mailto":
		return h, true
	}
	return "", false
}

// num formats a coordinate with two decimals, enough at this map's scale,
// without trailing zeros.
func num(v float64) string {
	v = math.Round(v*100) / 100
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// escape makes text safe for XML content and quoted attributes, dropping
// characters that XML 1.0 forbids and replacing invalid UTF-8.
func escape(s string) string {
	var b strings.Builder
	for i, w := 0, 0; i < len(s); i += w {
		r, size := utf8.DecodeRuneInString(s[i:])
		w = size
		switch {
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '&':
			b.WriteString("&amp;")
		case r == '"':
			b.WriteString("&#34;")
		case r == '\'':
			b.WriteString("&#39;")
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteRune(r)
		case r < 0x20 || (r >= 0xD800 && r <= 0xDFFF) || r == 0xFFFE || r == 0xFFFF:
			// forbidden in XML 1.0
		default:
			b.WriteRune(r) // utf8.RuneError for invalid bytes writes U+FFFD
		}
	}
	return b.String()
}
