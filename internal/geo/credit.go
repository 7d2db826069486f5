package geo

import "html/template"

// Credit is the attribution that CC BY 4.0 requires wherever a map drawn by
// this package is shown, as plain text.
const Credit = "Confini regionali: «Map of Italy» di MapSVG, adattata da Victor Cazanave " +
	"(@svg-maps/italy 2.0.0), licenza CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/deed.it); modificata."

// CreditHTML is Credit with links, for use under the map.
const CreditHTML template.HTML = `Confini regionali: <a href="https://mapsvg.com/maps/italy">«Map of Italy»</a> di MapSVG, ` +
	`adattata da Victor Cazanave (<a href="https://github.com/VictorCazanave/svg-maps">@svg-maps/italy</a> 2.0.0), ` +
	`licenza <a href="https://creativecommons.org/licenses/by/4.0/deed.it">CC BY 4.0</a>; modificata.`
