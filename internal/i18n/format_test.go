package i18n

import (
	"math"
	"testing"
)

func TestNumber(t *testing.T) {
	b := mustBundle(t)
	it, en := b.Localizer("it"), b.Localizer("en")
	tests := []struct {
		n      int64
		it, en string
	}{
		{0, "0", "0"},
		{7, "7", "7"},
		{35, "35", "35"},
		{128, "128", "128"},
		{999, "999", "999"},
		{1000, "1.000", "1,000"},
		{1234, "1.234", "1,234"},
		{1234567, "1.234.567", "1,234,567"},
		{-5, "-5", "-5"},
		{-1234, "-1.234", "-1,234"},
		{-1234567, "-1.234.567", "-1,234,567"},
		{math.MaxInt64, "9.223.372.036.854.775.807", "9,223,372,036,854,775,807"},
	}
	for _, tt := range tests {
		if got := it.Number(tt.n); got != tt.it {
			t.Errorf("it Number(%d) = %q, want %q", tt.n, got, tt.it)
		}
		if got := en.Number(tt.n); got != tt.en {
			t.Errorf("en Number(%d) = %q, want %q", tt.n, got, tt.en)
		}
	}
}

func TestDecimal(t *testing.T) {
	b := mustBundle(t)
	it, en := b.Localizer("it"), b.Localizer("en")
	tests := []struct {
		f      float64
		digits int
		it, en string
	}{
		{1234.5, 2, "1.234,50", "1,234.50"},
		{1234.5, 0, "1.235", "1,235"},
		{0.25, 1, "0,3", "0.3"},
		{3, 2, "3,00", "3.00"},
		{-1234567.891, 2, "-1.234.567,89", "-1,234,567.89"},
		{-0.004, 2, "0,00", "0.00"},
		{2.5, -1, "3", "3"},
	}
	for _, tt := range tests {
		if got := it.Decimal(tt.f, tt.digits); got != tt.it {
			t.Errorf("it Decimal(%v, %d) = %q, want %q", tt.f, tt.digits, got, tt.it)
		}
		if got := en.Decimal(tt.f, tt.digits); got != tt.en {
			t.Errorf("en Decimal(%v, %d) = %q, want %q", tt.f, tt.digits, got, tt.en)
		}
	}
}

func TestPercent(t *testing.T) {
	b := mustBundle(t)
	it, en := b.Localizer("it"), b.Localizer("en")
	tests := []struct {
		f      float64
		it, en string
	}{
		{0.125, "12,5%", "12.5%"},
		{0.5, "50%", "50%"},
		{1, "100%", "100%"},
		{0, "0%", "0%"},
		{1.0 / 3, "33,3%", "33.3%"},
		{12.345, "1.234,5%", "1,234.5%"},
		{-0.125, "-12,5%", "-12.5%"},
		{-0.0001, "0%", "0%"},
	}
	for _, tt := range tests {
		if got := it.Percent(tt.f); got != tt.it {
			t.Errorf("it Percent(%v) = %q, want %q", tt.f, got, tt.it)
		}
		if got := en.Percent(tt.f); got != tt.en {
			t.Errorf("en Percent(%v) = %q, want %q", tt.f, got, tt.en)
		}
	}
}
