package geo

import (
	"fmt"
	"math"
	"testing"
)

// landmark is a place whose coordinates are well known and whose position on
// the map can be found from the outline alone: either the extreme vertex of a
// ring in some direction (a cape) or the centroid of a small island's ring.
type landmark struct {
	name     string
	lat, lon float64
	region   string
	ring     int // index into the region's rings; -1 means its largest ring
	// dx, dy: direction in which the vertex is extreme; both zero means
	// the ring's centroid.
	dx, dy float64
}

// Ring indexes refer to regions.json from @svg-maps/italy 2.0.0;
// TestLandmarkRings checks that they still point at islands of the right size.
var landmarks = []landmark{
	{"Vetta d'Italia", 47.0921, 12.1836, "trentino-south-tyrol", -1, 0, -1},
	{"Rocca Bernauda", 45.1015, 6.6273, "piedmont", -1, -1, 0},
	{"Punta Palascìa", 40.1066, 18.5200, "apulia", -1, 1, 0},
	{"Capo Santa Maria di Leuca", 39.7960, 18.3580, "apulia", -1, 0, 1},
	{"Capo Colonna", 39.0270, 17.2050, "calabria", -1, 1, 0},
	{"Capo Peloro", 38.2660, 15.6520, "sicily", -1, 1, 0},
	{"Capo Boeo", 37.8000, 12.4300, "sicily", -1, -1, 0},
	{"Capo Passero", 36.6600, 15.0800, "sicily", -1, 0, 1},
	{"Punta Falcone", 41.2570, 9.2280, "sardinia", -1, 0, -1},
	{"Capo Teulada", 38.8660, 8.6430, "sardinia", -1, 0, 1},
	{"Capo dell'Argentiera", 40.7370, 8.1350, "sardinia", -1, -1, 0},
	{"Capo Comino", 40.5280, 9.8280, "sardinia", -1, 1, 0},
	{"Lampedusa", 35.5130, 12.5800, "sicily", 0, 0, 0},
	{"Pantelleria", 36.7850, 11.9850, "sicily", 1, 0, 0},
	{"Favignana", 37.9300, 12.3250, "sicily", 3, 0, 0},
	{"Marettimo", 37.9700, 12.0550, "sicily", 4, 0, 0},
	{"Vulcano", 38.3900, 14.9650, "sicily", 6, 0, 0},
	{"Lipari", 38.4850, 14.9400, "sicily", 7, 0, 0},
	{"Salina", 38.5600, 14.8400, "sicily", 9, 0, 0},
	{"Ustica", 38.7050, 13.1800, "sicily", 12, 0, 0},
	{"Stromboli", 38.7930, 15.2120, "sicily", 13, 0, 0},
	{"Capri", 40.5480, 14.2250, "campania", 0, 0, 0},
	{"Ischia", 40.7280, 13.9050, "campania", 1, 0, 0},
	{"Montecristo", 42.3330, 10.3100, "tuscany", 0, 0, 0},
	{"Giglio", 42.3550, 10.9050, "tuscany", 1, 0, 0},
	{"Pianosa", 42.5850, 10.0850, "tuscany", 2, 0, 0},
	{"Elba", 42.7750, 10.2650, "tuscany", 3, 0, 0},
	{"Capraia", 43.0470, 9.8330, "tuscany", 4, 0, 0},
	{"Sant'Antioco", 39.0400, 8.4050, "sardinia", 0, 0, 0},
	{"San Pietro", 39.1400, 8.2750, "sardinia", 1, 0, 0},
	{"Tavolara", 40.9050, 9.7100, "sardinia", 2, 0, 0},
	{"Asinara", 41.0700, 8.2700, "sardinia", 4, 0, 0},
}

// locate finds a landmark on the map outline.
func (l landmark) locate(m *Map) (point, error) {
	r, ok := m.Lookup(l.region)
	if !ok {
		return point{}, fmt.Errorf("no region %q", l.region)
	}
	rings := m.shapes[m.byKey[normalizeName(r.ID)]].rings
	i := l.ring
	if i < 0 {
		i = largestRing(rings)
	}
	if i >= len(rings) {
		return point{}, fmt.Errorf("region %q has no ring %d", l.region, i)
	}
	ring := rings[i]
	if l.dx == 0 && l.dy == 0 {
		return centroid(ring), nil
	}
	best, bestDot := ring[0], math.Inf(-1)
	for _, p := range ring {
		if d := p.X*l.dx + p.Y*l.dy; d > bestDot {
			best, bestDot = p, d
		}
	}
	return best, nil
}

func signedArea(ring []point) float64 {
	a := 0.0
	for i, j := len(ring)-1, 0; j < len(ring); i, j = j, j+1 {
		a += ring[i].X*ring[j].Y - ring[j].X*ring[i].Y
	}
	return a / 2
}

func largestRing(rings [][]point) int {
	best := 0
	for i, r := range rings {
		if math.Abs(signedArea(r)) > math.Abs(signedArea(rings[best])) {
			best = i
		}
	}
	return best
}

func centroid(ring []point) point {
	var cx, cy float64
	for i, j := len(ring)-1, 0; j < len(ring); i, j = j, j+1 {
		c := ring[i].X*ring[j].Y - ring[j].X*ring[i].Y
		cx += (ring[i].X + ring[j].X) * c
		cy += (ring[i].Y + ring[j].Y) * c
	}
	a := 6 * signedArea(ring)
	return point{cx / a, cy / a}
}

// fitLine is the least-squares fit of ys = a*xs + b.
func fitLine(xs, ys []float64) (a, b float64) {
	var sx, sy, sxx, sxy float64
	n := float64(len(xs))
	for i := range xs {
		sx += xs[i]
		sy += ys[i]
		sxx += xs[i] * xs[i]
		sxy += xs[i] * ys[i]
	}
	a = (n*sxy - sx*sy) / (n*sxx - sx*sx)
	return a, (sy - a*sx) / n
}

// fitProjection fits x against longitude and y against latitude after
// yOf, and returns the projection with its residuals in map units.
func fitProjection(t *testing.T, m *Map, yOf func(lat float64) float64) (projection, []float64) {
	t.Helper()
	var lons, ys, xs, vs []float64
	for _, l := range landmarks {
		p, err := l.locate(m)
		if err != nil {
			t.Fatalf("locate %s: %v", l.name, err)
		}
		lons = append(lons, l.lon)
		ys = append(ys, yOf(l.lat))
		xs = append(xs, p.X)
		vs = append(vs, p.Y)
	}
	var p projection
	p.scaleX, p.offsetX = fitLine(lons, xs)
	p.scaleY, p.offsetY = fitLine(ys, vs)
	res := make([]float64, len(landmarks))
	for i := range landmarks {
		res[i] = math.Hypot(p.scaleX*lons[i]+p.offsetX-xs[i], p.scaleY*ys[i]+p.offsetY-vs[i])
	}
	return p, res
}

func rms(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x * x
	}
	return math.Sqrt(s / float64(len(v)))
}

func TestProjectionFit(t *testing.T) {
	m := mustLoad(t)
	fit, res := fitProjection(t, m, mercatorY)
	t.Logf("fitted constants:\n\tmercatorScaleX  = %.6f\n\tmercatorOffsetX = %.6f\n\tmercatorScaleY  = %.6f\n\tmercatorOffsetY = %.6f",
		fit.scaleX, fit.offsetX, fit.scaleY, fit.offsetY)

	for i, l := range landmarks {
		t.Logf("%-26s residual %.2f", l.name, res[i])
		// One map unit is about 1.5 km; the outline is generalised
		// to roughly that, so a landmark off by more was misidentified.
		if res[i] > 1.5 {
			t.Errorf("%s is %.2f map units from where the fit puts it", l.name, res[i])
		}
	}
	if r := rms(res); r > 0.6 {
		t.Errorf("Mercator fit RMS residual %.3f map units, want at most 0.6", r)
	}

	const tol = 1e-5
	c := calibrated()
	got := []float64{c.scaleX, c.offsetX, c.scaleY, c.offsetY}
	want := []float64{fit.scaleX, fit.offsetX, fit.scaleY, fit.offsetY}
	for i := range got {
		if math.Abs(got[i]-want[i]) > tol*math.Max(1, math.Abs(want[i])) {
			t.Errorf("projection constants %v differ from the fit %v; update projection.go", got, want)
			break
		}
	}
}

// TestProjectionModel keeps the evidence for choosing Mercator: the same
// landmarks fit an equirectangular model far worse.
func TestProjectionModel(t *testing.T) {
	m := mustLoad(t)
	_, mercator := fitProjection(t, m, mercatorY)
	_, plate := fitProjection(t, m, func(lat float64) float64 { return lat })
	if rms(plate) < 3*rms(mercator) {
		t.Errorf("equirectangular RMS %.3f is not clearly worse than Mercator RMS %.3f", rms(plate), rms(mercator))
	}
}

// TestLandmarkRings guards the ring indexes of island landmarks: each must be
// a small island, not the region's mainland.
func TestLandmarkRings(t *testing.T) {
	m := mustLoad(t)
	for _, l := range landmarks {
		if l.ring < 0 {
			continue
		}
		r, _ := m.Lookup(l.region)
		rings := m.shapes[m.byKey[normalizeName(r.ID)]].rings
		if l.ring >= len(rings) {
			t.Errorf("%s: region %s has %d rings", l.name, l.region, len(rings))
			continue
		}
		if l.ring == largestRing(rings) {
			t.Errorf("%s: ring %d of %s is the mainland, not an island", l.name, l.ring, l.region)
		}
	}
}

// TestProjectExtremes checks the committed projection on Italy's extreme
// points against the map's own extent.
func TestProjectExtremes(t *testing.T) {
	m := mustLoad(t)
	all := emptyBox()
	for _, s := range m.shapes {
		all = all.union(s.box)
	}
	tests := []struct {
		name     string
		lat, lon float64
		want     float64
		got      func(x, y float64) float64
	}{
		{"north: Vetta d'Italia on the top edge", 47.0921, 12.1836, all.minY, func(_, y float64) float64 { return y }},
		{"west: Rocca Bernauda on the left edge", 45.1015, 6.6273, all.minX, func(x, _ float64) float64 { return x }},
		{"east: Punta Palascìa on the right edge", 40.1066, 18.5200, all.maxX, func(x, _ float64) float64 { return x }},
	}
	for _, tt := range tests {
		x, y := m.Project(tt.lat, tt.lon)
		if d := math.Abs(tt.got(x, y) - tt.want); d > 1 {
			t.Errorf("%s: projected (%.2f, %.2f), %.2f map units off the extent %.2f", tt.name, x, y, d, tt.want)
		}
	}
}

func mustLoad(t *testing.T) *Map {
	t.Helper()
	m, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return m
}
