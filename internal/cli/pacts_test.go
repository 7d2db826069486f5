package cli_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"benicommunity/internal/cli"
	"benicommunity/internal/dataset"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

func TestPactsImportCommand(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		loc := storetest.Location(t, d)
		db := "sqlite:" + loc.Path
		if d == store.Postgres {
			db = loc.URL
		}
		s, err := store.Open(ctx, loc)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.Migrate(ctx, storetest.Discard()); err != nil {
			t.Fatal(err)
		}
		if err := s.EnsureInitialData(ctx, store.InitialDefault, dataset.Default, storetest.Discard()); err != nil {
			t.Fatal(err)
		}
		run := func(args ...string) (int, string) {
			var out, errb bytes.Buffer
			code := cli.Run(ctx, append([]string{"pacts", "import", "--db", db, "--body", "comune-di-chieri"}, args...),
				cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb})
			return code, out.String() + errb.String()
		}
		file := "../pactimport/testdata/genova-1252.csv"
		if code, out := run("--input", file, "--dry-run"); code != 0 || !strings.Contains(out, "3 new") || !strings.Contains(out, "nothing written") {
			t.Fatalf("dry run: exit %d: %s", code, out)
		}
		if page, _ := s.Pacts(ctx, store.PactFilter{}); page.Total != 0 {
			t.Fatalf("the dry run wrote %d pacts", page.Total)
		}
		if code, out := run("--input", file); code != 0 || !strings.Contains(out, "3 new") || !strings.Contains(out, "windows-1252") {
			t.Fatalf("import: exit %d: %s", code, out)
		}
		if code, out := run("--input", file); code != 0 || !strings.Contains(out, "0 new, 0 updated, 3 unchanged") {
			t.Fatalf("second import: exit %d: %s", code, out)
		}
		code, out := run("--input", "../pactimport/testdata/bad-date.csv")
		if code != 1 || !strings.Contains(out, "line 3") || !strings.Contains(out, "nothing was imported") {
			t.Fatalf("bad file: exit %d: %s", code, out)
		}
		if page, _ := s.Pacts(ctx, store.PactFilter{}); page.Total != 3 {
			t.Errorf("after the bad file: %d pacts, want 3", page.Total)
		}
	})
}
