package geo

import "math"

// The source map ships without any georeference, so the projection was
// calibrated: the outline parsed by parsePath was compared with well-known
// capes (Vetta d'Italia, Rocca Bernauda, Punta Palascìa, Capo Teulada, ...)
// and island centroids (Lampedusa, Pantelleria, Ustica, the Aeolian and
// Tuscan islands, ...). A least-squares fit of an equirectangular model
// leaves residuals of about 4.5 map units, a Web-Mercator model about 0.5,
// so the map is Mercator with separate linear scales per axis:
//
//	x = mercatorScaleX*lon + mercatorOffsetX
//	y = mercatorScaleY*mercY(lat) + mercatorOffsetY
//
// with mercY in degrees. TestProjectionFit in projection_fit_test.go holds
// the reference points, repeats the fit and fails if these constants drift
// from it; run it with -v to print fresh values.
const (
	mercatorScaleX  = 51.246904
	mercatorOffsetX = -339.095085
	mercatorScaleY  = -51.073758
	mercatorOffsetY = 2733.599865
)

// earthKmPerDegree is the length of one degree of longitude at the equator
// on the WGS84 ellipsoid, used to turn map units into kilometres.
const earthKmPerDegree = 111.32

type projection struct {
	scaleX, offsetX, scaleY, offsetY float64
}

func calibrated() projection {
	return projection{mercatorScaleX, mercatorOffsetX, mercatorScaleY, mercatorOffsetY}
}

// mercatorY is the Mercator ordinate of a latitude, in degrees so that it is
// comparable with longitude.
func mercatorY(lat float64) float64 {
	return 180 / math.Pi * math.Log(math.Tan(math.Pi/4+lat*math.Pi/360))
}

func (p projection) apply(lat, lon float64) (x, y float64) {
	return p.scaleX*lon + p.offsetX, p.scaleY*mercatorY(lat) + p.offsetY
}

// unitsPerKm is the map's scale at a latitude: Mercator stretches both axes
// by 1/cos(lat), so a kilometre covers more map units further north.
func (p projection) unitsPerKm(lat float64) float64 {
	return math.Abs(p.scaleX) / (earthKmPerDegree * math.Cos(lat*math.Pi/180))
}
