package assets

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"maps"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

func hashOf(content string) string {
	sum := sha256.Sum256([]byte(content))
	return hex.EncodeToString(sum[:])[:hashLen]
}

func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, content := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(content)}
	}
	return fsys
}

func mustNewFS(t testing.TB, files map[string]string) *Assets {
	t.Helper()
	a, err := NewFS(mapFS(files))
	if err != nil {
		t.Fatalf("NewFS: %v", err)
	}
	return a
}

func mustPath(t testing.TB, a *Assets, name string) string {
	t.Helper()
	p, ok := a.Path(name)
	if !ok {
		t.Fatalf("Path(%q): not found", name)
	}
	return p
}

var baseFiles = map[string]string{
	"css/app.css":   `body{background:url("../img/logo.png")}`,
	"img/logo.png":  "\x89PNG logo v1",
	"img/other.png": "\x89PNG other v1",
	"LICENSE":       "licence text",
}

func withFile(name, content string) map[string]string {
	files := maps.Clone(baseFiles)
	files[name] = content
	return files
}

func TestPathNamesFilesByContentHash(t *testing.T) {
	a := mustNewFS(t, baseFiles)
	tests := map[string]string{
		"img/logo.png": "/static/img/logo." + hashOf(baseFiles["img/logo.png"]) + ".png",
		"LICENSE":      "/static/LICENSE." + hashOf(baseFiles["LICENSE"]),
	}
	for name, want := range tests {
		if got := mustPath(t, a, name); got != want {
			t.Errorf("Path(%q) = %q, want %q", name, got, want)
		}
	}
	// The stylesheet is hashed after its references are rewritten.
	rewritten := `body{background:url("` + tests["img/logo.png"] + `")}`
	if got, want := mustPath(t, a, "css/app.css"), "/static/css/app."+hashOf(rewritten)+".css"; got != want {
		t.Errorf("Path(css/app.css) = %q, want %q", got, want)
	}
}

func TestHashIsStable(t *testing.T) {
	first, second := mustNewFS(t, baseFiles), mustNewFS(t, baseFiles)
	for name := range baseFiles {
		if p1, p2 := mustPath(t, first, name), mustPath(t, second, name); p1 != p2 {
			t.Errorf("%s: %q then %q from the same content", name, p1, p2)
		}
	}
}

func TestHashFollowsContent(t *testing.T) {
	before := mustNewFS(t, baseFiles)
	tests := []struct {
		name      string
		files     map[string]string
		changed   []string
		unchanged []string
	}{
		{
			name:      "stylesheet edited",
			files:     withFile("css/app.css", `body{background:url("../img/logo.png");color:red}`),
			changed:   []string{"css/app.css"},
			unchanged: []string{"img/logo.png", "img/other.png"},
		},
		{
			name:      "image used by the stylesheet",
			files:     withFile("img/logo.png", "\x89PNG logo v2"),
			changed:   []string{"img/logo.png", "css/app.css"},
			unchanged: []string{"img/other.png", "LICENSE"},
		},
		{
			name:      "image not used by the stylesheet",
			files:     withFile("img/other.png", "\x89PNG other v2"),
			changed:   []string{"img/other.png"},
			unchanged: []string{"img/logo.png", "css/app.css"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			after := mustNewFS(t, tt.files)
			for _, name := range tt.changed {
				if p1, p2 := mustPath(t, before, name), mustPath(t, after, name); p1 == p2 {
					t.Errorf("%s: path %q did not change", name, p1)
				}
			}
			for _, name := range tt.unchanged {
				if p1, p2 := mustPath(t, before, name), mustPath(t, after, name); p1 != p2 {
					t.Errorf("%s: path changed from %q to %q", name, p1, p2)
				}
			}
		})
	}
}

func TestStylesheetImportingStylesheet(t *testing.T) {
	files := map[string]string{
		// "a" sorts before "z": the imported sheet must still be built first.
		"css/a.css": `@import url("z.css");`,
		"css/z.css": `b{background:url(../img/x.png)}`,
		"img/x.png": "x",
	}
	a := mustNewFS(t, files)
	z := mustPath(t, a, "css/z.css")
	wantZ := "/static/css/z." + hashOf(`b{background:url("`+mustPath(t, a, "img/x.png")+`")}`) + ".css"
	if z != wantZ {
		t.Errorf("Path(css/z.css) = %q, want %q", z, wantZ)
	}
	wantA := "/static/css/a." + hashOf(`@import url("`+z+`");`) + ".css"
	if got := mustPath(t, a, "css/a.css"); got != wantA {
		t.Errorf("Path(css/a.css) = %q, want %q", got, wantA)
	}
}

func TestHashedName(t *testing.T) {
	tests := map[string]string{
		"css/app.css": "css/app.H.css",
		"vendor/bootstrap-italia@2.18.3/css/bootstrap-italia.min.css": "vendor/bootstrap-italia@2.18.3/css/bootstrap-italia.min.H.css",
		"LICENSE":            "LICENSE.H",
		"fonts/Lora/OFL.txt": "fonts/Lora/OFL.H.txt",
		"favicon.ico":        "favicon.H.ico",
	}
	for in, want := range tests {
		if got := hashedName(in, "H"); got != want {
			t.Errorf("hashedName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMissingNames(t *testing.T) {
	a := mustNewFS(t, baseFiles)
	if p, ok := a.Path("css/nope.css"); ok || p != "" {
		t.Errorf(`Path("css/nope.css") = %q, %v; want "", false`, p, ok)
	}
	if got, want := a.URL("css/nope.css"), "/static/missing:css/nope.css"; got != want {
		t.Errorf("URL = %q, want %q", got, want)
	}
	if got, want := a.URL("css/app.css"), mustPath(t, a, "css/app.css"); got != want {
		t.Errorf("URL(css/app.css) = %q, want %q", got, want)
	}
	if got := a.MustPath("img/logo.png"); got != mustPath(t, a, "img/logo.png") {
		t.Errorf("MustPath(img/logo.png) = %q", got)
	}
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(r.(string), "css/nope.css") {
			t.Errorf("MustPath of a missing name: recovered %v, want a panic naming it", r)
		}
	}()
	a.MustPath("css/nope.css")
}

func TestNewFSErrors(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string]string
		wantIs error
		want   string
	}{
		{"missing url target", map[string]string{"css/app.css": `a{b:url(../img/gone.png)}`}, errNotFound, "img/gone.png"},
		{"url outside the tree", map[string]string{"css/app.css": `a{b:url(../../x.png)}`}, nil, "outside"},
		{"stylesheet cycle", map[string]string{"css/a.css": `@import url(b.css);`, "css/b.css": `@import url(a.css);`}, nil, "cycle"},
		{"unknown extension", map[string]string{"doc/readme.docx": "x"}, nil, ".docx"},
		{"unsafe file name", map[string]string{"img/my logo.png": "x"}, nil, "my logo.png"},
		{"error in imported stylesheet", map[string]string{"css/a.css": `@import url(b.css);`, "css/b.css": `a{b:url(gone.png)}`}, errNotFound, "css/gone.png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewFS(mapFS(tt.files))
			if err == nil {
				t.Fatal("NewFS succeeded, want an error")
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("error %v is not %v", err, tt.wantIs)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}

var publicPathRE = regexp.MustCompile(`^/static/[A-Za-z0-9._@/-]+\.[0-9a-f]{10}(\.[a-z0-9]+)?$`)

func TestEmbeddedFiles(t *testing.T) {
	a, err := New()
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	for _, name := range []string{
		"css/app.css",
		"css/fonts.css",
		"vendor/bootstrap-italia@2.18.3/css/bootstrap-italia.min.css",
		"vendor/bootstrap-italia@2.18.3/svg/sprites.svg",
		"vendor/bootstrap-italia@2.18.3/LICENSE",
	} {
		if p := mustPath(t, a, name); !publicPathRE.MatchString(p) {
			t.Errorf("Path(%q) = %q, not a hashed public path", name, p)
		}
	}

	fonts := string(a.byName["css/fonts.css"].body)
	if strings.Contains(fonts, "../") {
		t.Errorf("fonts.css still has relative references:\n%s", fonts)
	}
	woff2 := regexp.MustCompile(`url\("([^"]+)"\)`).FindAllStringSubmatch(fonts, -1)
	if len(woff2) != 8 {
		t.Errorf("fonts.css has %d url() references, want 8 (Titillium Web x5, Lora x2, Roboto Mono)", len(woff2))
	}
	for _, m := range woff2 {
		if !publicPathRE.MatchString(m[1]) || !strings.HasSuffix(m[1], ".woff2") {
			t.Errorf("fonts.css refers to %q, not a hashed woff2 path", m[1])
		}
		if a.byHashed[strings.TrimPrefix(m[1], Prefix)] == nil {
			t.Errorf("fonts.css refers to %q, which is not served", m[1])
		}
	}

	bi := string(a.byName["vendor/bootstrap-italia@2.18.3/css/bootstrap-italia.min.css"].body)
	if strings.Contains(bi, "sourceMappingURL") {
		t.Error("bootstrap-italia.min.css still points at a source map that is not shipped")
	}
}
