package geo

import (
	"math"
	"testing"
)

func TestParsePath(t *testing.T) {
	tests := []struct {
		name string
		d    string
		want [][]point
	}{
		{
			name: "relative moveto continues as relative lineto",
			d:    "m 10,20 5,0 0,5 -5,0 z",
			want: [][]point{{{10, 20}, {15, 20}, {15, 25}, {10, 25}}},
		},
		{
			name: "absolute commands with H and V",
			d:    "M0 0 L10 0 V10 H0 Z",
			want: [][]point{{{0, 0}, {10, 0}, {10, 10}, {0, 10}}},
		},
		{
			name: "relative moveto after closepath starts from the subpath start",
			d:    "m 10,10 10,0 0,10 z m 5,5 1,0 0,1 z",
			want: [][]point{{{10, 10}, {20, 10}, {20, 20}}, {{15, 15}, {16, 15}, {16, 16}}},
		},
		{
			name: "numbers without separators",
			d:    "M1-2l3.5.5-1e1,0h-.5v1E0z",
			want: [][]point{{{1, -2}, {4.5, -1.5}, {-5.5, -1.5}, {-6, -1.5}, {-6, -0.5}}},
		},
		{
			name: "rings with fewer than three points are dropped",
			d:    "M0 0 L1 1 Z M0 0 L2 0 L2 2 Z",
			want: [][]point{{{0, 0}, {2, 0}, {2, 2}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parsePath(tt.d)
			if err != nil {
				t.Fatalf("parsePath(%q): %v", tt.d, err)
			}
			if !samePoints(got, tt.want) {
				t.Errorf("parsePath(%q) = %v, want %v", tt.d, got, tt.want)
			}
		})
	}
}

func TestParsePathCurvesEndAtTheirEndPoint(t *testing.T) {
	tests := []struct {
		d        string
		end      point
		midpoint point // the curve's point at t=0.5
	}{
		{"M0 0 C0 10 10 10 10 0 L5 -5 Z", point{10, 0}, point{5, 7.5}},
		{"m0 0 c0 10 10 10 10 0 l-5 -5 z", point{10, 0}, point{5, 7.5}},
		{"M0 0 Q5 10 10 0 L5 -5 Z", point{10, 0}, point{5, 5}},
		{"M0 0 C0 10 10 10 10 0 S20 -10 20 0 L5 -5 Z", point{20, 0}, point{15, -7.5}}, // S reflects the previous control point
	}
	for _, tt := range tests {
		rings, err := parsePath(tt.d)
		if err != nil {
			t.Fatalf("parsePath(%q): %v", tt.d, err)
		}
		ring := rings[0]
		if !containsPoint(ring, tt.end) {
			t.Errorf("parsePath(%q) misses end point %v: %v", tt.d, tt.end, ring)
		}
		if !containsPoint(ring, tt.midpoint) {
			t.Errorf("parsePath(%q) misses curve midpoint %v: %v", tt.d, tt.midpoint, ring)
		}
	}
}

func TestParsePathRejectsBadData(t *testing.T) {
	for _, d := range []string{
		"10 10 20 20",             // no command
		"M0 0 A5 5 0 0 1 10 10 Z", // arcs are not supported
		"M0 0 L10",                // missing coordinate
		"M0 0 L10 x",              // not a number
		"M0 0 C1 1 2 2",           // curve missing its end point
		"M0 0 L1 1 L2 2 K3 3 Z",   // unknown command
	} {
		if rings, err := parsePath(d); err == nil {
			t.Errorf("parsePath(%q) = %v, want an error", d, rings)
		}
	}
}

func samePoints(a, b [][]point) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if !near(a[i][j], b[i][j]) {
				return false
			}
		}
	}
	return true
}

func containsPoint(ring []point, p point) bool {
	for _, q := range ring {
		if near(q, p) {
			return true
		}
	}
	return false
}

func near(a, b point) bool {
	return math.Abs(a.X-b.X) < 1e-9 && math.Abs(a.Y-b.Y) < 1e-9
}
