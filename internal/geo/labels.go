package geo

import (
	"cmp"
	"slices"
	"unicode/utf8"
)

// labelCharWidth is the width of a label's character as a share of the font
// size: a generous estimate for Titillium Web and its fallbacks, so that
// labels judged apart on the server do not touch in the browser.
const labelCharWidth = 0.6

// labelPlace is where a marker's label goes: x and y are the text's anchor
// and baseline; shown is false for a label left out because it would cover
// another label or marker.
type labelPlace struct {
	shown  bool
	x, y   float64
	anchor string // "start", "end" or "middle"
}

// LabelBox estimates the box a label takes on the map, from its anchor point,
// baseline, text anchor ("start", "end", "middle"), font size and text.
func LabelBox(x, y float64, anchor string, size float64, text string) (minX, minY, maxX, maxY float64) {
	w := float64(utf8.RuneCountInString(text)) * size * labelCharWidth
	switch anchor {
	case "end":
		x -= w
	case "middle":
		x -= w / 2
	}
	return x, y - 0.8*size, x + w, y + 0.25*size
}

func markerRadius(mk Marker, scale float64) float64 {
	r := mk.Radius
	if r <= 0 {
		r = defaultRadius
	}
	return r * scale
}

// placeLabels chooses where each label goes, greedily: the markers with the
// largest circles first, then in the order given; each label tries the right
// of its marker, then the left, above, below and the four corners, and takes the first place
// that covers no label already placed and no other marker. A label that finds
// none is left out: the marker keeps its title and the page lists it.
func (m *Map) placeLabels(markers []Marker, scale float64) []labelPlace {
	size := labelSize * scale
	places := make([]labelPlace, len(markers))
	circles := make([]box, len(markers))
	centres := make([]point, len(markers))
	for i, mk := range markers {
		x, y := m.Project(mk.Lat, mk.Lon)
		r := markerRadius(mk, scale)
		centres[i] = point{x, y}
		circles[i] = box{x - r, y - r, x + r, y + r}
	}
	order := make([]int, len(markers))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(markerRadius(markers[b], 1), markerRadius(markers[a], 1)) })
	var taken []box
	for _, i := range order {
		mk := markers[i]
		if mk.Label == "" {
			continue
		}
		x, y, r := centres[i].X, centres[i].Y, markerRadius(mk, scale)
		for _, c := range []labelPlace{
			{true, x + r*1.5, y + size*0.35, "start"},
			{true, x - r*1.5, y + size*0.35, "end"},
			{true, x, y - r - size*0.3, "middle"},
			{true, x, y + r + size*0.85, "middle"},
			{true, x + r, y - r - size*0.1, "start"},
			{true, x + r, y + r + size*0.75, "start"},
			{true, x - r, y - r - size*0.1, "end"},
			{true, x - r, y + r + size*0.75, "end"},
		} {
			var lb box
			lb.minX, lb.minY, lb.maxX, lb.maxY = LabelBox(c.x, c.y, c.anchor, size, mk.Label)
			if !free(lb, taken) || !freeOfMarkers(lb, circles, i) {
				continue
			}
			places[i] = c
			taken = append(taken, lb)
			break
		}
	}
	return places
}

func free(b box, taken []box) bool {
	for _, t := range taken {
		if b.intersects(t) {
			return false
		}
	}
	return true
}

func freeOfMarkers(b box, circles []box, self int) bool {
	for j, c := range circles {
		if j != self && b.intersects(c) {
			return false
		}
	}
	return true
}
