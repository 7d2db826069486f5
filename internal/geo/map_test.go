package geo

import (
	"fmt"
	"testing"
)

func TestLoadRegions(t *testing.T) {
	m := mustLoad(t)
	regions := m.Regions()
	if len(regions) != 20 {
		t.Fatalf("Load gave %d regions, want 20", len(regions))
	}
	ids := make(map[string]bool)
	for i, r := range regions {
		if want := fmt.Sprintf("%02d", i+1); r.Code != want {
			t.Errorf("region %d (%s) has code %q, want %q", i, r.Name, r.Code, want)
		}
		if r.ID == "" || r.Name == "" || r.Path == "" {
			t.Errorf("region %d is incomplete: %+v", i, r)
		}
		if ids[r.ID] {
			t.Errorf("duplicate id %q", r.ID)
		}
		ids[r.ID] = true
	}
	regions[0].Name = "changed"
	if m.Regions()[0].Name == "changed" {
		t.Error("Regions returned the map's own slice")
	}
}

// TestRegionAtComuni places comuni (main town coordinates) of every region,
// including coastal ones, and expects each inside its own region's outline.
func TestRegionAtComuni(t *testing.T) {
	m := mustLoad(t)
	tests := []struct {
		comune   string
		lat, lon float64
		region   string
	}{
		{"Chieri", 45.0125, 7.8250, "Piemonte"},
		{"Torino", 45.0703, 7.6869, "Piemonte"},
		{"Susa", 45.1378, 7.0486, "Piemonte"},
		{"Barge", 44.7256, 7.3247, "Piemonte"},
		{"Ronco Biellese", 45.5783, 8.0733, "Piemonte"},
		{"Valenza", 45.0139, 8.6444, "Piemonte"},
		{"Cogoleto", 44.3890, 8.6460, "Liguria"},
		{"Genova", 44.4056, 8.9463, "Liguria"},
		{"Savona", 44.3080, 8.4810, "Liguria"},
		{"Sestri Levante", 44.2733, 9.3967, "Liguria"},
		{"Verona", 45.4386, 10.9928, "Veneto"},
		{"Milano", 45.4642, 9.19, "Lombardia"},
		{"Aosta", 45.7370, 7.3200, "Valle d'Aosta"},
		{"Roma", 41.9028, 12.4964, "Lazio"},
		{"Napoli", 40.8518, 14.2681, "Campania"},
		{"Palermo", 38.1157, 13.3615, "Sicilia"},
		{"Cagliari", 39.2238, 9.1217, "Sardegna"},
		{"Bari", 41.1171, 16.8719, "Puglia"},
		{"Bologna", 44.4949, 11.3426, "Emilia-Romagna"},
		{"Firenze", 43.7696, 11.2558, "Toscana"},
		{"Trento", 46.0748, 11.1217, "Trentino-Alto Adige"},
		{"Trieste", 45.6495, 13.7768, "Friuli-Venezia Giulia"},
		{"Perugia", 43.1107, 12.3908, "Umbria"},
		{"Ancona", 43.6158, 13.5189, "Marche"},
		{"Pescara", 42.4618, 14.2161, "Abruzzo"},
		{"Campobasso", 41.5603, 14.6627, "Molise"},
		{"Potenza", 40.6404, 15.8056, "Basilicata"},
		{"Catanzaro", 38.9098, 16.5877, "Calabria"},
	}
	for _, tt := range tests {
		t.Run(tt.comune, func(t *testing.T) {
			want, ok := m.Lookup(tt.region)
			if !ok {
				t.Fatalf("Lookup(%q) found nothing", tt.region)
			}
			got, ok := m.RegionAt(tt.lat, tt.lon)
			if !ok || got != want.ID {
				x, y := m.Project(tt.lat, tt.lon)
				t.Errorf("RegionAt(%v, %v) = %q, %v (map %.1f, %.1f); want %q", tt.lat, tt.lon, got, ok, x, y, want.ID)
			}
		})
	}
}

func TestRegionAtOutside(t *testing.T) {
	m := mustLoad(t)
	tests := []struct {
		place    string
		lat, lon float64
	}{
		{"Tyrrhenian Sea", 40.0, 12.0},
		{"Adriatic Sea", 43.0, 15.0},
		{"Nice, France", 43.70, 7.27},
		{"Lugano, Switzerland", 46.005, 8.952},
		{"San Marino", 43.936, 12.447},
		{"Vatican City", 41.9029, 12.4534},
	}
	for _, tt := range tests {
		if id, ok := m.RegionAt(tt.lat, tt.lon); ok {
			t.Errorf("RegionAt(%s) = %q, want none", tt.place, id)
		}
	}
}

func TestRegionNear(t *testing.T) {
	m := mustLoad(t)
	// About 2.5 km off Genova's waterfront: sea on the map.
	const lat, lon = 44.383, 8.946
	if id, ok := m.RegionAt(lat, lon); ok {
		t.Fatalf("test point is inside %q; pick one in the sea", id)
	}
	if id, ok := m.RegionNear(lat, lon, 5); !ok || id != "liguria" {
		t.Errorf("RegionNear(5 km) = %q, %v; want liguria", id, ok)
	}
	if id, ok := m.RegionNear(lat, lon, 0.2); ok {
		t.Errorf("RegionNear(0.2 km) = %q; want none", id)
	}
	// Inside an outline RegionNear agrees with RegionAt.
	if id, ok := m.RegionNear(45.0703, 7.6869, 5); !ok || id != "piedmont" {
		t.Errorf("RegionNear(Torino) = %q, %v; want piedmont", id, ok)
	}
	if id, ok := m.RegionNear(40.0, 12.0, 10); ok {
		t.Errorf("RegionNear(open sea, 10 km) = %q; want none", id)
	}
}
