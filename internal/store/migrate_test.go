package store_test

import (
	"testing"

	"benicommunity/internal/store"
)

func TestMigrationsMatchAcrossDialects(t *testing.T) {
	lite, err := store.Migrations(store.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := store.Migrations(store.Postgres)
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) != len(pg) {
		t.Fatalf("%d SQLite migrations, %d PostgreSQL ones", len(lite), len(pg))
	}
	for i := range lite {
		if lite[i].Version != pg[i].Version || lite[i].Name != pg[i].Name {
			t.Errorf("migration %d: %04d_%s on SQLite, %04d_%s on PostgreSQL", i, lite[i].Version, lite[i].Name, pg[i].Version, pg[i].Name)
		}
		if i > 0 && lite[i].Version <= lite[i-1].Version {
			t.Errorf("migrations out of order at %04d", lite[i].Version)
		}
	}
}
