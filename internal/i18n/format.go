package i18n

import (
	"math"

	"golang.org/x/text/number"
)

// Number formats an integer with the local grouping: "1.234" in Italian,
// "1,234" in English.
func (l *Localizer) Number(n int64) string {
	return l.printer.Sprint(number.Decimal(n))
}

// Decimal formats f with exactly digits fractional digits: "1.234,50" in
// Italian. Halves round away from zero (2,5 → 3), as readers expect.
func (l *Localizer) Decimal(f float64, digits int) string {
	digits = max(digits, 0)
	return l.printer.Sprint(number.Decimal(roundHalfUp(f, digits), number.Scale(digits)))
}

// Percent formats a fraction as a percentage with at most one fractional
// digit: 0.125 is "12,5%" in Italian, 0.5 is "50%".
func (l *Localizer) Percent(f float64) string {
	return l.printer.Sprint(number.Percent(roundHalfUp(f, 3), number.MaxFractionDigits(1)))
}

// roundHalfUp rounds before x/text does, because x/text rounds halves to
// even (0,25 → 0,2). It also turns a result of zero into +0 so that no
// "-0,00" is printed.
func roundHalfUp(f float64, digits int) float64 {
	scale := math.Pow10(digits)
	r := math.Round(f*scale) / scale
	if r == 0 {
		return 0
	}
	return r
}
