package chart

import (
	"encoding/xml"
	"io"
	"math"
	"strings"
	"testing"
)

// wellFormed parses the SVG as XML: a broken element would not render.
func wellFormed(t *testing.T, svg string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("chart is not well-formed XML: %v\n%s", err, svg)
		}
	}
}

func TestChartsAreAccessibleAndDeterministic(t *testing.T) {
	o := Options{
		Title: "Membri <nel tempo>", Description: "Crescita della rete",
		Labels: []string{"Chieri", "Collegno", "Genova"},
		Notes:  []string{"Tappa 1", "", "Tappa 3"},
		Series: []Series{{Name: "nuovi", Values: []float64{7, 9, math.NaN()}}, {Name: "di ritorno", Values: []float64{0, 5, 2}}},
		Format: func(v float64) string { return strings.ReplaceAll(num(v), ".", ",") },
	}
	for name, draw := range map[string]func(Options) string{
		"bars":    func(o Options) string { return string(Bars(o)) },
		"columns": func(o Options) string { return string(Columns(o)) },
		"step":    func(o Options) string { return string(Step(o)) },
	} {
		t.Run(name, func(t *testing.T) {
			a, b := draw(o), draw(o)
			if a != b {
				t.Fatal("same options gave different output")
			}
			wellFormed(t, a)
			for _, want := range []string{`role="img"`, `<title id="`, `<desc id="`, "Membri &lt;nel tempo&gt;", "Chieri"} {
				if !strings.Contains(a, want) {
					t.Errorf("%s chart lacks %q", name, want)
				}
			}
			if strings.Contains(a, "style=") || strings.Contains(a, "<script") {
				t.Errorf("%s chart has inline style or script", name)
			}
		})
	}
}

func TestColumnsStackAndWriteTotals(t *testing.T) {
	svg := string(Columns(Options{Title: "t", Description: "d", Labels: []string{"a", "b"},
		Series: []Series{{Name: "nuovi", Values: []float64{3, 1}}, {Name: "di ritorno", Values: []float64{1, 3}}}}))
	if n := strings.Count(svg, "<rect x="); n != 4+2 { // 4 segments + 2 legend swatches
		t.Errorf("rects = %d, want 6:\n%s", n, svg)
	}
	if strings.Count(svg, `class="chart-value"`) != 2 || !strings.Contains(svg, ">4</text>") {
		t.Errorf("column totals missing:\n%s", svg)
	}
	if !strings.Contains(svg, "di ritorno") {
		t.Error("legend lacks the second series")
	}
}

func TestStepHasOneStepPerLabel(t *testing.T) {
	svg := string(Step(Options{Title: "t", Description: "d", Labels: []string{"1", "2", "3", "4", "5"},
		Series: []Series{{Name: "membri", Values: []float64{7, 16, 26, 28, 28}}}}))
	if n := strings.Count(svg, `class="chart-step"`); n != 5 {
		t.Errorf("steps = %d, want 5", n)
	}
	if n := strings.Count(svg, "V"); n < 5 {
		t.Errorf("path has %d vertical moves, want 5", n)
	}
}

func TestBarsScaleToLargest(t *testing.T) {
	svg := string(Bars(Options{Title: "t", Description: "d", Labels: []string{"a", "b"},
		Series: []Series{{Name: "x", Values: []float64{2, 4}}}}))
	i := strings.Index(svg, `<rect x=`)
	j := strings.LastIndex(svg, `<rect x=`)
	wa := attr(svg[i:], "width")
	wb := attr(svg[j:], "width")
	if wa == "" || wb == "" || wa == wb {
		t.Fatalf("bar widths %q and %q", wa, wb)
	}
}

func attr(s, name string) string {
	k := strings.Index(s, name+`="`)
	if k < 0 {
		return ""
	}
	s = s[k+len(name)+2:]
	return s[:strings.Index(s, `"`)]
}
