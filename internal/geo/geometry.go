package geo

import "math"

// box is an axis-aligned rectangle in map units.
type box struct{ minX, minY, maxX, maxY float64 }

func emptyBox() box {
	return box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
}

func (b box) add(p point) box {
	return box{math.Min(b.minX, p.X), math.Min(b.minY, p.Y), math.Max(b.maxX, p.X), math.Max(b.maxY, p.Y)}
}

func (b box) union(o box) box {
	return box{math.Min(b.minX, o.minX), math.Min(b.minY, o.minY), math.Max(b.maxX, o.maxX), math.Max(b.maxY, o.maxY)}
}

func (b box) grow(d float64) box {
	return box{b.minX - d, b.minY - d, b.maxX + d, b.maxY + d}
}

func (b box) contains(p point) bool {
	return p.X >= b.minX && p.X <= b.maxX && p.Y >= b.minY && p.Y <= b.maxY
}

func (b box) intersects(o box) bool {
	return b.minX <= o.maxX && o.minX <= b.maxX && b.minY <= o.maxY && o.minY <= b.maxY
}

func (b box) width() float64  { return b.maxX - b.minX }
func (b box) height() float64 { return b.maxY - b.minY }

func ringsBox(rings [][]point) box {
	b := emptyBox()
	for _, ring := range rings {
		for _, p := range ring {
			b = b.add(p)
		}
	}
	return b
}

// insideRings applies the even-odd rule over all rings, so that enclaves of
// another region (a ring drawn inside the outer one) count as outside.
func insideRings(rings [][]point, p point) bool {
	in := false
	for _, ring := range rings {
		n := len(ring)
		for i, j := 0, n-1; i < n; j, i = i, i+1 {
			a, b := ring[i], ring[j]
			if (a.Y > p.Y) != (b.Y > p.Y) && p.X < (b.X-a.X)*(p.Y-a.Y)/(b.Y-a.Y)+a.X {
				in = !in
			}
		}
	}
	return in
}

// distanceToRings is the distance from p to the nearest edge of any ring.
func distanceToRings(rings [][]point, p point) float64 {
	best := math.Inf(1)
	for _, ring := range rings {
		n := len(ring)
		for i, j := 0, n-1; i < n; j, i = i, i+1 {
			best = math.Min(best, distanceToSegment(p, ring[j], ring[i]))
		}
	}
	return best
}

func distanceToSegment(p, a, b point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = math.Max(0, math.Min(1, ((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l))
	}
	return math.Hypot(p.X-a.X-t*dx, p.Y-a.Y-t*dy)
}
