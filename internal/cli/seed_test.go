package cli_test

import (
	"path/filepath"
	"strings"
	"testing"

	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// The same seed gives the same network on both databases: their archives
// are byte-identical. A second seed into the same database is refused.
func TestSeedSyntheticSameDataOnBothDatabases(t *testing.T) {
	args := []string{"--synthetic", "--seed", "42", "--bodies", "40", "--stages", "12", "--activities", "60",
		"--participations", "900", "--registrations", "80"}
	var archives []string
	for _, d := range storetest.Dialects {
		loc := storetest.Location(t, d)
		r := runStdin(t, "", append([]string{"seed", "--db", dbArg(loc)}, args...)...)
		if r.code != 0 || !strings.Contains(r.stdout, "seeded 40 bodies, 60 activities (12 stages), 900 participations, 80 registrations") {
			t.Fatalf("seed on %s = %d: %s %s", d, r.code, r.stdout, r.stderr)
		}
		r = runStdin(t, "", "export", "--db", dbArg(loc))
		if r.code != 0 {
			t.Fatalf("export from %s = %d: %s", d, r.code, r.stderr)
		}
		archives = append(archives, r.stdout)

		r = runStdin(t, "", append([]string{"seed", "--db", dbArg(loc)}, args...)...)
		if r.code == 0 || !strings.Contains(r.stderr, "already holds data") {
			t.Errorf("a second seed on %s = %d: %s", d, r.code, r.stderr)
		}
	}
	if archives[0] != archives[1] {
		t.Error("the same seed gave different networks on SQLite and PostgreSQL")
	}
	for _, want := range []string{`"stage": true`, `"registrations": [`, `"participations": [`} {
		if !strings.Contains(archives[0], want) {
			t.Errorf("the archive of the seeded network lacks %s", want)
		}
	}

	// Another seed gives another network.
	other := store.Location{Dialect: store.SQLite, Path: filepath.Join(t.TempDir(), "altra.db")}
	args[2] = "43"
	if r := runStdin(t, "", append([]string{"seed", "--db", dbArg(other)}, args...)...); r.code != 0 {
		t.Fatalf("seed 43 = %d: %s", r.code, r.stderr)
	}
	if r := runStdin(t, "", "export", "--db", dbArg(other)); r.stdout == archives[0] {
		t.Error("seeds 42 and 43 gave the same network")
	}
}

func TestSeedRefusesANonEmptyDatabase(t *testing.T) {
	s := storetest.OpenDefault(t, store.SQLite)
	r := runStdin(t, "", "seed", "--db", dbArg(s.Location()), "--synthetic")
	if r.code == 0 || !strings.Contains(r.stderr, "already holds data") {
		t.Fatalf("seed into the default network = %d: %s", r.code, r.stderr)
	}
}

func TestSeedFlagsAreValidated(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "x.db")
	cases := []struct {
		args []string
		says string
	}{
		{[]string{}, "--synthetic"},
		{[]string{"--synthetic", "--bodies", "0"}, "--bodies: at least 1"},
		{[]string{"--synthetic", "--activities", "0"}, "--activities: at least 1"},
		{[]string{"--synthetic", "--activities", "10", "--stages", "11"}, "--stages: between 0 and --activities (10)"},
		{[]string{"--synthetic", "--participations", "-1"}, "--participations: cannot be negative"},
		{[]string{"--synthetic", "--registrations", "-5"}, "--registrations: cannot be negative"},
		{[]string{"--synthetic", "--bodies", "3", "--activities", "2", "--stages", "1", "--participations", "8"}, "4 per activity but only 3 bodies"},
		{[]string{"--synthetic", "--bodies", "many"}, "invalid value"},
	}
	for _, c := range cases {
		r := runStdin(t, "", append([]string{"seed", "--db", db}, c.args...)...)
		if r.code == 0 || !strings.Contains(r.stderr, c.says) {
			t.Errorf("seed %v = %d, stderr %q; want an error saying %q", c.args, r.code, r.stderr, c.says)
		}
	}
}
