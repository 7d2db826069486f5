package geo

import "testing"

func TestLookup(t *testing.T) {
	m := mustLoad(t)
	tests := []struct {
		name, id string
	}{
		{"Piemonte", "piedmont"},
		{"Valle d'Aosta/Vallée d'Aoste", "aosta-valley"},
		{"Valle d'Aosta", "aosta-valley"},
		{"Valle d’Aosta", "aosta-valley"},
		{"Vallée d'Aoste", "aosta-valley"},
		{"VALLE D'AOSTA", "aosta-valley"},
		{"Aosta Valley", "aosta-valley"},
		{"Trentino-Alto Adige/Südtirol", "trentino-south-tyrol"},
		{"Trentino-Alto Adige", "trentino-south-tyrol"},
		{"Trentino Alto Adige - Sudtirol", "trentino-south-tyrol"},
		{"Friuli-Venezia Giulia", "friuli-venezia-giulia"},
		{"Friuli Venezia Giulia", "friuli-venezia-giulia"},
		{"Emilia Romagna", "emilia-romagna"},
		{"Puglia", "apulia"},
		{"Apulia", "apulia"},
		{"Sicilia", "sicily"},
		{"Sardegna", "sardinia"},
		{"Toscana", "tuscany"},
		{"Lombardia", "lombardy"},
		{" lazio ", "lazio"},
		{"piedmont", "piedmont"},
		{"02", "aosta-valley"},
		{"2", "aosta-valley"},
		{"20", "sardinia"},
	}
	for _, tt := range tests {
		r, ok := m.Lookup(tt.name)
		if !ok || r.ID != tt.id {
			t.Errorf("Lookup(%q) = %q, %v; want %q", tt.name, r.ID, ok, tt.id)
		}
	}
	for _, name := range []string{"", "Padania", "Trentino", "21", "Valle"} {
		if r, ok := m.Lookup(name); ok {
			t.Errorf("Lookup(%q) = %q, want no match", name, r.ID)
		}
	}
	for _, r := range m.Regions() {
		got, ok := m.Lookup(r.Name)
		if !ok || got.ID != r.ID {
			t.Errorf("Lookup(%q) = %q, %v; want its own region %q", r.Name, got.ID, ok, r.ID)
		}
	}
}
