package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"benicommunity/internal/cli"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// runStdin calls the command line with stdin as its standard input.
func runStdin(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := cli.Run(context.Background(), args, cli.Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut, Version: "test"})
	return result{code, out.String(), errOut.String()}
}

func dbArg(loc store.Location) string {
	if loc.Dialect == store.SQLite {
		return "sqlite:" + loc.Path
	}
	return loc.URL
}

func TestExportImportCommandsMoveANetwork(t *testing.T) {
	src := storetest.OpenDefault(t, store.SQLite)
	dir := t.TempDir()
	archive := filepath.Join(dir, "rete.json")
	if r := runStdin(t, "", "export", "--db", dbArg(src.Location()), "--output", archive); r.code != 0 {
		t.Fatalf("export = %d: %s", r.code, r.stderr)
	}
	first, err := os.ReadFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	pg := storetest.Location(t, store.Postgres)
	r := runStdin(t, "", "import", "--db", dbArg(pg), "--input", archive)
	if r.code != 0 || !strings.Contains(r.stdout, "imported") {
		t.Fatalf("import = %d: %s %s", r.code, r.stdout, r.stderr)
	}
	r = runStdin(t, "", "export", "--db", dbArg(pg))
	if r.code != 0 {
		t.Fatalf("export from PostgreSQL = %d: %s", r.code, r.stderr)
	}
	if r.stdout != string(first) {
		t.Error("the archive exported from PostgreSQL differs from the SQLite one")
	}
	// and back, through standard input, into a new SQLite file
	back := store.Location{Dialect: store.SQLite, Path: filepath.Join(dir, "copia.db")}
	if r := runStdin(t, string(first), "import", "--db", dbArg(back), "--input", "-"); r.code != 0 {
		t.Fatalf("import from standard input = %d: %s", r.code, r.stderr)
	}
	if r := runStdin(t, "", "export", "--db", dbArg(back)); r.stdout != string(first) {
		t.Error("the archive differs after PostgreSQL → SQLite")
	}
	if strings.Contains(string(first), `"personal"`) {
		t.Error("personal data exported without --include-personal")
	}
	if r := runStdin(t, "", "export", "--db", dbArg(back), "--include-personal"); !strings.Contains(r.stdout, `"personal": {}`) {
		t.Error("--include-personal does not add the personal section")
	}
}

func TestImportCommandRefusesBadInput(t *testing.T) {
	full := storetest.OpenDefault(t, store.SQLite)
	dir := t.TempDir()
	archive := filepath.Join(dir, "rete.json")
	if r := runStdin(t, "", "export", "--db", dbArg(full.Location()), "--output", archive); r.code != 0 {
		t.Fatalf("export = %d: %s", r.code, r.stderr)
	}
	notJSON := filepath.Join(dir, "note.txt")
	if err := os.WriteFile(notJSON, []byte("ciao"), 0o644); err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(dir, "plain.json")
	if err := os.WriteFile(plain, []byte(`{"network": {"name": "x"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	newer := filepath.Join(dir, "futuro.json")
	if err := os.WriteFile(newer, []byte(`{"format": "benicommunity-archive", "version": 99, "network": {"name": "x"}, "communities": [], "activity_types": [], "themes": [], "bodies": [], "activities": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "vuoto.db")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"import", "--db", dbArg(full.Location()), "--input", archive}, 1, "already holds data (a network, accounts or registrations)"},
		{[]string{"import", "--db", "sqlite:" + empty}, 1, "--input: give the archive"},
		{[]string{"import", "--db", "sqlite:" + empty, "--input", filepath.Join(dir, "missing.json")}, 1, "no such file"},
		{[]string{"import", "--db", "sqlite:" + empty, "--input", notJSON}, 1, "is not a valid archive"},
		{[]string{"import", "--db", "sqlite:" + empty, "--input", plain}, 1, "not a benicommunity archive"},
		{[]string{"import", "--db", "sqlite:" + empty, "--input", newer}, 1, "archive version 99 is newer than this benicommunity reads (up to 3): upgrade benicommunity first\n"},
		{[]string{"import", "--bogus"}, 2, "flag provided but not defined"},
		{[]string{"export", "--db", "sqlite:" + filepath.Join(dir, "nessuno.db")}, 1, "no database at"},
		{[]string{"export", "--db", dbArg(full.Location()), "--output", filepath.Join(dir, "no", "such", "dir.json")}, 1, "--output"},
	} {
		r := runStdin(t, "", c.args...)
		if r.code != c.code || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%q = %d %q, want %d and %q", c.args, r.code, r.stderr, c.code, c.want)
		}
	}
	// the refused import changed nothing
	r := runStdin(t, "", "export", "--db", dbArg(full.Location()))
	before, _ := os.ReadFile(archive)
	if r.stdout != string(before) {
		t.Error("a refused import changed the database")
	}
}
