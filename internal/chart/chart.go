// Package chart draws small, deterministic SVG charts on the server: bars,
// stacked columns and a step line. Each chart is an inline <svg role="img">
// with <title> and <desc>; it has no scripts and no style attributes (a
// strict Content Security Policy allows it), and identical input always
// gives identical bytes. Series are told apart by pattern and by a text
// legend as well as by colour, and every value is written beside its mark,
// so no reading depends on colour alone. Pages still show the data as a
// table: a picture is never the only way to the figures.
package chart

import (
	"fmt"
	"hash/fnv"
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// Series is one named row of values, parallel to Options.Labels. NaN marks
// a value that is not known; it draws nothing and is written as Missing.
type Series struct {
	Name   string
	Values []float64
}

// Options describe a chart.
type Options struct {
	Title       string
	Description string
	Labels      []string // one per category (bar, column, step)
	Series      []Series
	// Notes annotate categories of a step chart (e.g. the stage's name);
	// parallel to Labels, empty strings draw nothing.
	Notes []string
	// Format writes a value (Italian digits, for instance); nil uses %g.
	Format func(float64) string
	// Missing is written where a value is unknown; default "n.d.".
	Missing string
}

// Palette: colours with at least 4.5:1 contrast on white, so marks and
// their outlines meet the 3:1 non-text contrast of WCAG 2.1.
var palette = []string{"#0066cc", "#995c00", "#00734d", "#7a2e8c"}

const (
	width     = 640.0
	fontSize  = 15.0
	barHeight = 18.0
	barGap    = 8.0
)

func (o Options) format(v float64) string {
	if math.IsNaN(v) {
		if o.Missing != "" {
			return o.Missing
		}
		return "n.d."
	}
	if o.Format != nil {
		return o.Format(v)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

func (o Options) id() string {
	h := fnv.New64a()
	fmt.Fprintf(h, "%q%q%q", o.Title, o.Description, o.Labels)
	for _, s := range o.Series {
		fmt.Fprintf(h, "%q%v", s.Name, s.Values)
	}
	return fmt.Sprintf("chart-%016x", h.Sum64())
}

func (o Options) value(s, i int) float64 {
	if s >= len(o.Series) || i >= len(o.Series[s].Values) {
		return math.NaN()
	}
	return o.Series[s].Values[i]
}

// open writes the <svg> element, its title, description and the patterns
// that tell series apart without colour.
func open(b *strings.Builder, o Options, id string, height float64, kind string) {
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-%s" viewBox="0 0 %s %s" role="img" aria-labelledby="%s-title %s-desc" font-size="%s">`,
		kind, num(width), num(height), id, id, num(fontSize))
	fmt.Fprintf(b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, id, esc(o.Title), id, esc(o.Description))
	b.WriteString(`<defs>`)
	for i := range o.Series {
		c := palette[i%len(palette)]
		switch i % 3 {
		case 0:
			fmt.Fprintf(b, `<pattern id="%s-p%d" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="%s"/></pattern>`, id, i, c)
		case 1:
			fmt.Fprintf(b, `<pattern id="%s-p%d" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="%s"/><rect width="2" height="6" fill="#ffffff"/></pattern>`, id, i, c)
		default:
			fmt.Fprintf(b, `<pattern id="%s-p%d" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="%s"/><circle cx="3" cy="3" r="1.3" fill="#ffffff"/></pattern>`, id, i, c)
		}
	}
	b.WriteString(`</defs>`)
}

// legend draws one swatch and name per series from y; it returns the height used.
func legend(b *strings.Builder, o Options, id string, y float64) float64 {
	if len(o.Series) < 2 {
		return 0
	}
	x := 0.0
	b.WriteString(`<g class="chart-legend">`)
	for i, s := range o.Series {
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="14" height="14" fill="url(#%s-p%d)" stroke="%s"/>`, num(x), num(y), id, i, palette[i%len(palette)])
		fmt.Fprintf(b, `<text x="%s" y="%s" fill="#1a1a1a">%s</text>`, num(x+20), num(y+11.5), esc(s.Name))
		x += 40 + float64(len([]rune(s.Name)))*7
	}
	b.WriteString(`</g>`)
	return 24
}

// Bars draws horizontal bars, one per label, for the first series; the
// label is written to the left of the bar and the value to its right.
func Bars(o Options) template.HTML {
	id := o.id()
	n := len(o.Labels)
	labelW := 0.0
	for _, l := range o.Labels {
		labelW = max(labelW, float64(len([]rune(l)))*6.8)
	}
	labelW = math.Min(math.Max(labelW, 40), width*0.45)
	plotW := width - labelW - 70
	maxV := 0.0
	for i := range n {
		if v := o.value(0, i); !math.IsNaN(v) {
			maxV = math.Max(maxV, v)
		}
	}
	height := math.Max(float64(n)*(barHeight+barGap)+barGap, 30)
	var b strings.Builder
	open(&b, o, id, height, "bars")
	b.WriteString(`<g class="chart-bars">`)
	for i, l := range o.Labels {
		y := barGap + float64(i)*(barHeight+barGap)
		v := o.value(0, i)
		w := 0.0
		if maxV > 0 && !math.IsNaN(v) {
			w = v / maxV * plotW
		}
		fmt.Fprintf(&b, `<g class="chart-bar"><text x="%s" y="%s" text-anchor="end" fill="#1a1a1a">%s</text>`,
			num(labelW-6), num(y+barHeight*0.72), esc(truncate(l, int(labelW/6.8))))
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="url(#%s-p0)" stroke="%s"><title>%s: %s</title></rect>`,
			num(labelW), num(y), num(w), num(barHeight), id, palette[0], esc(l), esc(o.format(v)))
		fmt.Fprintf(&b, `<text class="chart-value" x="%s" y="%s" fill="#1a1a1a">%s</text></g>`,
			num(labelW+w+6), num(y+barHeight*0.72), esc(o.format(v)))
	}
	b.WriteString(`</g></svg>`)
	return template.HTML(b.String())
}

// Columns draws vertical columns, one per label, stacking the series; the
// total (or the only value) is written above each column.
func Columns(o Options) template.HTML {
	id := o.id()
	n := len(o.Labels)
	const top, axisH = 24.0, 46.0
	legendY := 0.0
	plotH := 200.0
	height := top + plotH + axisH
	if len(o.Series) > 1 {
		legendY = height
		height += 24
	}
	maxV := 0.0
	for i := range n {
		maxV = math.Max(maxV, total(o, i))
	}
	slot := width / math.Max(float64(n), 1)
	colW := math.Max(slot*0.6, 1)
	var b strings.Builder
	open(&b, o, id, height, "columns")
	fmt.Fprintf(&b, `<line x1="0" y1="%s" x2="%s" y2="%s" stroke="#5c6f82"/>`, num(top+plotH), num(width), num(top+plotH))
	b.WriteString(`<g class="chart-columns">`)
	showText := slot >= 18
	for i, l := range o.Labels {
		x := float64(i)*slot + (slot-colW)/2
		y := top + plotH
		fmt.Fprintf(&b, `<g class="chart-column">`)
		known := false
		for s := range o.Series {
			v := o.value(s, i)
			if math.IsNaN(v) || v <= 0 || maxV == 0 {
				continue
			}
			known = true
			h := v / maxV * plotH
			y -= h
			fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="url(#%s-p%d)" stroke="%s"><title>%s, %s: %s</title></rect>`,
				num(x), num(y), num(colW), num(h), id, s, palette[s%len(palette)], esc(l), esc(o.Series[s].Name), esc(o.format(v)))
		}
		if showText {
			t := o.format(total(o, i))
			if !known && allNaN(o, i) {
				t = o.format(math.NaN())
			}
			fmt.Fprintf(&b, `<text class="chart-value" x="%s" y="%s" text-anchor="middle" fill="#1a1a1a">%s</text>`, num(x+colW/2), num(y-5), esc(t))
			fmt.Fprintf(&b, `<text class="chart-label" x="%s" y="%s" text-anchor="middle" fill="#1a1a1a">%s</text>`,
				num(x+colW/2), num(top+plotH+16), esc(truncate(l, int(slot/6.5))))
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</g>`)
	legend(&b, o, id, legendY)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// Step draws the first series as a step line: the value holds from one
// category to the next and rises (or falls) at each one. Every step has a
// dot, its value, and its note when one is given.
func Step(o Options) template.HTML {
	id := o.id()
	n := len(o.Labels)
	const top, left, right, axisH = 30.0, 10.0, 60.0, 46.0
	plotH := 200.0
	height := top + plotH + axisH
	maxV := 0.0
	for i := range n {
		if v := o.value(0, i); !math.IsNaN(v) {
			maxV = math.Max(maxV, v)
		}
	}
	slot := (width - left - right) / math.Max(float64(n), 1)
	yOf := func(v float64) float64 {
		if maxV == 0 || math.IsNaN(v) {
			return top + plotH
		}
		return top + plotH - v/maxV*plotH
	}
	var b strings.Builder
	open(&b, o, id, height, "step")
	fmt.Fprintf(&b, `<line x1="0" y1="%s" x2="%s" y2="%s" stroke="#5c6f82"/>`, num(top+plotH), num(width), num(top+plotH))
	var d strings.Builder
	prev := top + plotH
	fmt.Fprintf(&d, "M%s %s", num(left), num(prev))
	for i := range n {
		x := left + float64(i)*slot
		y := yOf(o.value(0, i))
		fmt.Fprintf(&d, "H%sV%s", num(x), num(y))
		prev = y
	}
	fmt.Fprintf(&d, "H%s", num(left+float64(n)*slot))
	fmt.Fprintf(&b, `<path class="chart-line" d="%s" fill="none" stroke="%s" stroke-width="2.5"/>`, d.String(), palette[0])
	showText := slot >= 18
	b.WriteString(`<g class="chart-steps">`)
	for i, l := range o.Labels {
		x := left + float64(i)*slot
		v := o.value(0, i)
		y := yOf(v)
		title := l + ": " + o.format(v)
		if i < len(o.Notes) && o.Notes[i] != "" {
			title += " (" + o.Notes[i] + ")"
		}
		fmt.Fprintf(&b, `<g class="chart-step"><circle cx="%s" cy="%s" r="4" fill="#ffffff" stroke="%s" stroke-width="2"><title>%s</title></circle>`,
			num(x), num(y), palette[0], esc(title))
		if showText {
			fmt.Fprintf(&b, `<text class="chart-value" x="%s" y="%s" fill="#1a1a1a">%s</text>`, num(x+4), num(y-8), esc(o.format(v)))
			fmt.Fprintf(&b, `<text class="chart-label" x="%s" y="%s" fill="#1a1a1a">%s</text>`, num(x), num(top+plotH+16), esc(truncate(l, int(slot/6.5))))
			if i < len(o.Notes) && o.Notes[i] != "" {
				fmt.Fprintf(&b, `<text class="chart-note" x="%s" y="%s" fill="#5c6f82">%s</text>`, num(x), num(top+plotH+32), esc(truncate(o.Notes[i], int(slot/6.5))))
			}
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</g></svg>`)
	return template.HTML(b.String())
}

func total(o Options, i int) float64 {
	t := 0.0
	for s := range o.Series {
		if v := o.value(s, i); !math.IsNaN(v) {
			t += v
		}
	}
	return t
}

func allNaN(o Options, i int) bool {
	for s := range o.Series {
		if !math.IsNaN(o.value(s, i)) {
			return false
		}
	}
	return true
}

// truncate shortens text to n runes with an ellipsis; the full text stays
// in the table beside the chart.
func truncate(s string, n int) string {
	r := []rune(s)
	if n < 2 {
		n = 2
	}
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func num(v float64) string {
	v = math.Round(v*100) / 100
	if v == 0 {
		v = 0
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func esc(s string) string { return html.EscapeString(s) }
