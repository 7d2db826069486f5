package storetest_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// TestMissingPostgresFailsTheSuite runs a PostgreSQL test against a server
// that does not exist, in a child process: it must fail, not skip.
func TestMissingPostgresFailsTheSuite(t *testing.T) {
	if os.Getenv("STORETEST_CHILD") == "1" {
		storetest.Open(t, store.Postgres)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestMissingPostgresFailsTheSuite$", "-test.v")
	cmd.Env = append(os.Environ(), "STORETEST_CHILD=1",
		"BENICOMMUNITY_TEST_POSTGRES_URL=postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=5")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the test passed without PostgreSQL:\n%s", out)
	}
	if strings.Contains(string(out), "--- SKIP") || !strings.Contains(string(out), "--- FAIL") ||
		!strings.Contains(string(out), "PostgreSQL is required for the tests and does not answer") {
		t.Errorf("the child did not fail with a clear message:\n%s", out)
	}
}

func TestEachRunsBothDatabases(t *testing.T) {
	var seen []store.Dialect
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := storetest.OpenDefault(t, d)
		if s.Dialect() != d {
			t.Errorf("asked for %s, got %s", d, s.Dialect())
		}
		if err := s.CheckSchema(context.Background()); err != nil {
			t.Error(err)
		}
		seen = append(seen, d)
	})
	if len(seen) != 2 || seen[0] != store.SQLite || seen[1] != store.Postgres {
		t.Errorf("Each ran %v", seen)
	}
}

// TestSchemasAreIsolated checks that two PostgreSQL tests never see each other's rows.
func TestSchemasAreIsolated(t *testing.T) {
	a := storetest.OpenDefault(t, store.Postgres)
	b := storetest.Open(t, store.Postgres)
	ctx := context.Background()
	_, na, err := a.Bodies(ctx, store.BodyFilter{})
	if err != nil {
		t.Fatal(err)
	}
	_, nb, err := b.Bodies(ctx, store.BodyFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if na == 0 || nb != 0 {
		t.Errorf("bodies: %d in the loaded schema, %d in the empty one", na, nb)
	}
}
