package web_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// allowedImports is, for each room of the site, the sibling packages under
// internal/web it may import. Rooms are kept apart so that each package's
// imports tell what it can do: the public site cannot reach the backoffice,
// the open data cannot reach accounts or mail. webtest is for tests only.
var allowedImports = map[string][]string{
	"core":          {},
	"public":        {"core", "insight"},
	"insight":       {"core"},
	"opendata":      {"core"},
	"admin":         {"core"},
	"registrations": {"core"},
	"outreach":      {"core"},
	"webtest":       {"web"},
}

// forbiddenOutside lists packages that only some rooms may import: SQL
// drivers belong to internal/store, and mail only to the rooms that send it.
var forbiddenOutside = map[string][]string{
	"database/sql":                           {},
	"github.com/jackc/pgx/v5":                {},
	"modernc.org/sqlite":                     {},
	"benicommunity/internal/mail":            {"admin", "registrations", "outreach", "web", "webtest"},
	"benicommunity/internal/auth":            {"core", "admin", "registrations", "outreach", "web", "webtest"},
	"benicommunity/internal/store/storetest": {"webtest"},
}

// TestRoomsImportOnlyWhatTheyMay fails when a package under internal/web
// imports a sibling it should not, a SQL driver, or a capability (mail,
// password hashing) that its audience does not need. Tests are included:
// a room's tests may use webtest and the assembled site.
func TestRoomsImportOnlyWhatTheyMay(t *testing.T) {
	rooms, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, e := range rooms {
		if !e.IsDir() || e.Name() == "templates" {
			continue
		}
		room := e.Name()
		allowed, known := allowedImports[room]
		if !known {
			t.Errorf("internal/web/%s is a new package: add it to allowedImports (layout_test.go) and to docs/architecture.md", room)
			continue
		}
		files, _ := filepath.Glob(filepath.Join(room, "*.go"))
		for _, f := range files {
			checked++
			for _, imp := range importsOf(t, f) {
				isTest := strings.HasSuffix(f, "_test.go")
				if sib, ok := strings.CutPrefix(imp, "benicommunity/internal/web/"); ok {
					sib, _, _ = strings.Cut(sib, "/")
					if sib == room || (isTest && (sib == "webtest" || sib == "core")) {
						continue
					}
					if !slices.Contains(allowed, sib) {
						t.Errorf("%s imports internal/web/%s: %s may import only %v", f, sib, room, allowed)
					}
				}
				if imp == "benicommunity/internal/web" && room != "webtest" && !isTest {
					t.Errorf("%s imports internal/web: only the assembly imports the rooms, never the reverse", f)
				}
				for pkg, who := range forbiddenOutside {
					if (imp == pkg || strings.HasPrefix(imp, pkg+"/")) && !slices.Contains(who, room) && !(isTest && pkg != "database/sql") {
						t.Errorf("%s imports %s, which %s must not use", f, imp, room)
					}
				}
			}
		}
	}
	if checked < 50 {
		t.Fatalf("checked only %d files: is the test run from internal/web?", checked)
	}
}

// TestEveryRoomSaysWhatItServes checks that each room starts with a package
// comment (what it serves, to whom, what it must not do).
func TestEveryRoomSaysWhatItServes(t *testing.T) {
	for room := range allowedImports {
		pkgs, err := parser.ParseDir(token.NewFileSet(), room, func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, parser.ParseComments|parser.PackageClauseOnly)
		if err != nil {
			t.Fatal(err)
		}
		for name, p := range pkgs {
			doc := ""
			for _, f := range p.Files {
				if f.Doc != nil {
					doc += f.Doc.Text()
				}
			}
			if len(doc) < 80 {
				t.Errorf("package %s (internal/web/%s) has no package comment saying what it serves and must not do", name, room)
			}
		}
	}
}

func importsOf(t *testing.T, path string) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, i := range f.Imports {
		p, _ := strconv.Unquote(i.Path.Value)
		out = append(out, p)
	}
	return out
}

// TestOnlyTheStoreSpeaksSQL fails when a package outside internal/store
// imports database/sql or a database driver: only the store knows that there
// are two databases.
func TestOnlyTheStoreSpeaksSQL(t *testing.T) {
	drivers := []string{"database/sql", "github.com/jackc/pgx", "modernc.org/sqlite"}
	root := filepath.Join("..", "..")
	checked := 0
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules" || path == filepath.Join(root, "internal", "store")) {
			return filepath.SkipDir
		}
		// Tests may look into a database directly to check what a command wrote.
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		checked++
		for _, imp := range importsOf(t, path) {
			for _, drv := range drivers {
				if imp == drv || strings.HasPrefix(imp, drv+"/") {
					t.Errorf("%s imports %s: only internal/store may speak SQL", path, imp)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 100 {
		t.Fatalf("checked only %d files under %s", checked, root)
	}
}
