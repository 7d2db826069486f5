package istat

import (
	"strings"
	"testing"
)

func mustLoad(t testing.TB) *Registry {
	t.Helper()
	r, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return r
}

func TestLen(t *testing.T) {
	r := mustLoad(t)
	if got := r.Len(); got != 7904 {
		t.Errorf("Len() = %d, want 7904", got)
	}
	if got := len(r.All()); got != r.Len() {
		t.Errorf("len(All()) = %d, want %d", got, r.Len())
	}
}

func TestByCode(t *testing.T) {
	r := mustLoad(t)
	want := Comune{
		Code: "001078", Name: "Chieri", CadastralCode: "C627",
		ProvinceCode: "001", ProvinceName: "Torino", ProvinceSigla: "TO",
		RegionCode: "01", RegionName: "Piemonte", ZoneCode: "1", ZoneName: "Nord-ovest",
		Population: 35962,
	}
	got, ok := r.ByCode("001078")
	if !ok || got != want {
		t.Errorf("ByCode(001078) = %+v, %v; want %+v", got, ok, want)
	}
	for _, code := range []string{"", "1078", "001079x", "999999", "000000"} {
		if c, ok := r.ByCode(code); ok {
			t.Errorf("ByCode(%q) = %+v, want not found", code, c)
		}
	}
}

func TestAllSortedAndComplete(t *testing.T) {
	r := mustLoad(t)
	all := r.All()
	for i, c := range all {
		if i > 0 && all[i-1].Code >= c.Code {
			t.Fatalf("All() not sorted: %s before %s", all[i-1].Code, c.Code)
		}
		if len(c.Code) != 6 || c.Code[:3] != c.ProvinceCode || c.Name == "" ||
			len(c.CadastralCode) != 4 || len(c.ProvinceSigla) != 2 ||
			c.RegionName == "" || c.ZoneName == "" {
			t.Fatalf("incomplete comune %+v", c)
		}
		if got, ok := r.ByCode(c.Code); !ok || got != c {
			t.Fatalf("ByCode(%s) = %+v, %v; want %+v", c.Code, got, ok, c)
		}
	}
	// All hands out a copy: changing it must not reach the registry.
	all[0].Name = "changed"
	if c, _ := r.ByCode(all[0].Code); c.Name == "changed" {
		t.Error("All() exposes the registry's own slice")
	}
}

func TestFind(t *testing.T) {
	r := mustLoad(t)
	tests := []struct {
		name, sigla string
		wantCode    string // "" means not found
	}{
		{"Leinì", "TO", "001130"},
		{"LEINI", "", "001130"},
		{"leini", "to", "001130"},
		{"Sant'Antonino di Susa", "", "001256"},
		{"sant'antonino di susa", "", "001256"},
		{"Sant’Antonino di Susa", "", "001256"}, // typographic apostrophe
		{"  sant antonino  di susa ", "", "001256"},
		{"Chieri", "TO", "001078"},
		{"Chieri", "MI", ""}, // wrong province
		{"Castro", "", ""},   // in BG and LE: ambiguous without sigla
		{"Castro", "LE", "075096"},
		{"Castro", "BG", "016065"},
		{"Forli", "FC", "040012"},
		{"Antey-Saint-Andre", "", "007002"},
		{"Chier", "", ""}, // a prefix is not a name
		{"", "", ""},
	}
	for _, tt := range tests {
		got, ok := r.Find(tt.name, tt.sigla)
		if tt.wantCode == "" {
			if ok {
				t.Errorf("Find(%q, %q) = %s %s, want not found", tt.name, tt.sigla, got.Code, got.Name)
			}
			continue
		}
		if !ok || got.Code != tt.wantCode {
			t.Errorf("Find(%q, %q) = %q %v, want %s", tt.name, tt.sigla, got.Code, ok, tt.wantCode)
		}
	}
}

// Every comune must be findable by its own name and sigla.
func TestFindEveryComune(t *testing.T) {
	r := mustLoad(t)
	for _, c := range r.All() {
		got, ok := r.Find(strings.ToUpper(c.Name), c.ProvinceSigla)
		if !ok || got.Code != c.Code {
			t.Fatalf("Find(%q, %q) = %s %v, want %s", c.Name, c.ProvinceSigla, got.Code, ok, c.Code)
		}
	}
}
