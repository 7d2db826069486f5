// Package assets serves the site's static files (our CSS and the vendored
// front-end packages) from the binary. Every file is published under a name
// that carries a hash of its content, so browsers may cache it for a year and
// a new release is fetched at once.
package assets

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
)

// Prefix is the URL path under which Handler must be mounted.
const Prefix = "/static/"

// hashLen is the number of hex digits of the content hash put in file names.
const hashLen = 10

var errNotFound = errors.New("no such static file")

// Assets is an immutable set of static files, safe for concurrent use.
type Assets struct {
	byName   map[string]*asset // logical name, e.g. "css/app.css"
	byHashed map[string]*asset // published name, e.g. "css/app.0123456789.css"
}

// asset is one published file. Its body never changes after New returns; the
// compressed variants are computed on first request.
type asset struct {
	hashed       string
	body         []byte
	hash         string
	contentType  string
	compressible bool
	brotli       lazyEncoding
	gzip         lazyEncoding
}

// NewFS loads every file of fsys. Logical names are paths relative to the
// root of fsys. CSS files are processed after the others: their relative
// url(...) references are rewritten to the hashed public paths of the targets
// before their own hash is computed, so a changed font changes the URL of the
// stylesheet that loads it.
func NewFS(fsys fs.FS) (*Assets, error) {
	sources, err := readAll(fsys)
	if err != nil {
		return nil, err
	}
	a := &Assets{
		byName:   make(map[string]*asset, len(sources)),
		byHashed: make(map[string]*asset, len(sources)),
	}
	names := make([]string, 0, len(sources))
	for name := range sources {
		names = append(names, name)
	}
	sort.Strings(names)

	for _, name := range names {
		if !isCSS(name) {
			if err := a.add(name, sources[name]); err != nil {
				return nil, err
			}
		}
	}
	b := &cssBuilder{assets: a, sources: sources, state: make(map[string]buildState)}
	for _, name := range names {
		if isCSS(name) {
			if err := b.build(name); err != nil {
				return nil, err
			}
		}
	}
	return a, nil
}

func readAll(fsys fs.FS) (map[string][]byte, error) {
	sources := make(map[string][]byte)
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("walk static files at %q: %w", name, err)
		}
		if d.IsDir() {
			return nil
		}
		if !safeName(name) {
			return fmt.Errorf("static file %q: name may use only letters, digits and . _ - @ /", name)
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return fmt.Errorf("read static file %q: %w", name, err)
		}
		sources[name] = body
		return nil
	})
	return sources, err
}

// add publishes a file whose content is final.
func (a *Assets) add(name string, body []byte) error {
	ctype, compressible, ok := contentType(name)
	if !ok {
		return fmt.Errorf("static file %q: no content type known for %q", name, path.Ext(name))
	}
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])[:hashLen]
	f := &asset{
		hashed:       hashedName(name, hash),
		body:         body,
		hash:         hash,
		contentType:  ctype,
		compressible: compressible,
	}
	if _, dup := a.byHashed[f.hashed]; dup {
		return fmt.Errorf("static file %q: published name %q already taken", name, f.hashed)
	}
	a.byName[name] = f
	a.byHashed[f.hashed] = f
	return nil
}

// hashedName puts the hash before the last extension:
// "css/app.css" -> "css/app.<hash>.css", "LICENSE" -> "LICENSE.<hash>".
func hashedName(name, hash string) string {
	dir, base := path.Split(name)
	ext := path.Ext(base)
	stem := base[:len(base)-len(ext)]
	if stem == "" {
		stem, ext = base, ""
	}
	return dir + stem + "." + hash + ext
}

// safeName keeps file names usable verbatim in URLs, HTML attributes and CSS
// strings, so no escaping is ever needed when publishing them.
func safeName(name string) bool {
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '.', c == '_', c == '-', c == '@', c == '/':
		default:
			return false
		}
	}
	return name != ""
}

// Path returns the public URL path of a logical name, e.g.
// "css/app.css" -> "/static/css/app.0123456789.css".
func (a *Assets) Path(name string) (string, bool) {
	f, ok := a.byName[name]
	if !ok {
		return "", false
	}
	return Prefix + f.hashed, true
}

// MustPath is Path for names fixed in the code, resolved at start-up: a
// missing name is a programming error.
func (a *Assets) MustPath(name string) string {
	p, ok := a.Path(name)
	if !ok {
		panic(fmt.Sprintf("assets: no static file %q", name))
	}
	return p
}

// URL is Path for templates. A missing name yields "/static/missing:<name>",
// which never resolves, so page tests that follow links notice it while the
// page itself still renders.
func (a *Assets) URL(name string) string {
	if p, ok := a.Path(name); ok {
		return p
	}
	return Prefix + "missing:" + name
}
