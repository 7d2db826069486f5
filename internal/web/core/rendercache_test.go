package core_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/andybalholm/brotli"

	"benicommunity/internal/web/core"
)

// cacheRig is a cache in front of a handler that counts its renders and
// writes the data version into the page, so a stale answer shows.
type cacheRig struct {
	cache   *core.RenderCache
	handler http.Handler
	renders atomic.Int64
	version atomic.Int64
	now     time.Time
	expires time.Time
}

func newCacheRig(t *testing.T, maxBytes int64) *cacheRig {
	t.Helper()
	rig := &cacheRig{now: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)}
	rig.cache = core.NewRenderCache(core.CacheConfig{
		Version:  func() core.CacheVersion { return core.CacheVersion{Data: rig.version.Load()} },
		Expires:  func(context.Context) (time.Time, error) { return rig.expires, nil },
		Language: func(r *http.Request) string { return r.URL.Query().Get("lang") },
		Base:     func(r *http.Request) string { return "http://" + r.Host },
		MaxBytes: maxBytes,
		Skip:     func(p string) bool { return strings.HasPrefix(p, "/admin") },
		Now:      func() time.Time { return rig.now },
	})
	rig.handler = rig.cache.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rig.renders.Add(1)
		switch r.URL.Path {
		case "/cookie":
			http.SetCookie(w, &http.Cookie{Name: "x", Value: "1"})
		case "/private":
			w.Header().Set("Cache-Control", "private, no-cache")
		case "/missing":
			http.NotFound(w, r)
			return
		}
		if r.Header.Get("Accept-Encoding") != "" || r.Header.Get("If-None-Match") != "" {
			t.Errorf("the handler behind the cache saw Accept-Encoding %q, If-None-Match %q", r.Header.Get("Accept-Encoding"), r.Header.Get("If-None-Match"))
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<p>%s version %d lang %s</p>%s", r.URL.Path, rig.version.Load(), r.URL.Query().Get("lang"), strings.Repeat("<p>testo della pagina</p>", 100))
	}))
	return rig
}

func (rig *cacheRig) get(t *testing.T, path string, header ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "http://rete.example"+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	rig.handler.ServeHTTP(w, req)
	return w.Result()
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	var r io.Reader = res.Body
	switch res.Header.Get("Content-Encoding") {
	case "gzip":
		zr, err := gzip.NewReader(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	case "br":
		r = brotli.NewReader(res.Body)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRenderCacheRendersOncePerVersion(t *testing.T) {
	rig := newCacheRig(t, 1<<20)
	first := body(t, rig.get(t, "/tappe"))
	again := body(t, rig.get(t, "/tappe"))
	if rig.renders.Load() != 1 || first != again {
		t.Fatalf("two requests of one version: %d renders, same body %v", rig.renders.Load(), first == again)
	}
	rig.version.Store(7)
	after := body(t, rig.get(t, "/tappe"))
	if rig.renders.Load() != 2 || !strings.Contains(after, "version 7") {
		t.Fatalf("after a write the page was not rendered again: %d renders, %q", rig.renders.Load(), after[:40])
	}
}

func TestRenderCacheServesBrotliGzipAndNotModified(t *testing.T) {
	rig := newCacheRig(t, 1<<20)
	plain := rig.get(t, "/enti")
	want := body(t, plain)
	etag := plain.Header.Get("ETag")
	if etag == "" || strings.HasPrefix(etag, "W/") {
		t.Fatalf("no strong ETag: %q", etag)
	}
	br := rig.get(t, "/enti", "Accept-Encoding", "gzip, deflate, br")
	if br.Header.Get("Content-Encoding") != "br" || body(t, br) != want {
		t.Errorf("a client that accepts brotli gets %q", br.Header.Get("Content-Encoding"))
	}
	gz := rig.get(t, "/enti", "Accept-Encoding", "gzip")
	if gz.Header.Get("Content-Encoding") != "gzip" || body(t, gz) != want {
		t.Errorf("a client that accepts gzip gets %q", gz.Header.Get("Content-Encoding"))
	}
	if !strings.Contains(gz.Header.Get("Vary"), "Accept-Encoding") {
		t.Errorf("Vary = %q", gz.Header.Get("Vary"))
	}
	nm := rig.get(t, "/enti", "If-None-Match", etag)
	if nm.StatusCode != http.StatusNotModified || body(t, nm) != "" {
		t.Errorf("If-None-Match with the current ETag: %d", nm.StatusCode)
	}
	if rig.renders.Load() != 1 {
		t.Errorf("%d renders for one version", rig.renders.Load())
	}
	rig.version.Store(2)
	if res := rig.get(t, "/enti", "If-None-Match", etag); res.StatusCode != http.StatusOK {
		t.Errorf("an old ETag after a write: %d, want the new page", res.StatusCode)
	}
}

func TestRenderCacheNeverSharesPersonalAnswers(t *testing.T) {
	rig := newCacheRig(t, 1<<20)
	for _, c := range []struct {
		path   string
		header []string
	}{
		{"/tappe", []string{"Cookie", "bc_session=abc"}}, // logged in
		{"/cookie", nil},  // sets a cookie
		{"/private", nil}, // marked private
		{"/admin/x", nil}, // a path the site never caches
		{"/missing", nil}, // not 200
	} {
		before := rig.renders.Load()
		rig.get(t, c.path, c.header...)
		rig.get(t, c.path, c.header...)
		if got := rig.renders.Load() - before; got != 2 {
			t.Errorf("%s %v: %d renders for two requests, want 2 (never cached)", c.path, c.header, got)
		}
	}
	post := httptest.NewRequest(http.MethodPost, "http://rete.example/tappe", nil)
	before := rig.renders.Load()
	rig.handler.ServeHTTP(httptest.NewRecorder(), post)
	if rig.renders.Load() != before+1 {
		t.Error("a POST did not reach the handler")
	}
}

func TestRenderCacheKeysByLanguageAndHost(t *testing.T) {
	rig := newCacheRig(t, 1<<20)
	it := body(t, rig.get(t, "/tappe?lang=it"))
	en := body(t, rig.get(t, "/tappe?lang=en"))
	if it == en || rig.renders.Load() != 2 {
		t.Errorf("Italian and English share an entry: %d renders", rig.renders.Load())
	}
	req := httptest.NewRequest(http.MethodGet, "http://altro.example/tappe?lang=it", nil)
	rig.handler.ServeHTTP(httptest.NewRecorder(), req)
	if rig.renders.Load() != 3 {
		t.Errorf("another public address shares an entry: %d renders", rig.renders.Load())
	}
}

func TestRenderCacheExpiresWhenTimeChangesThePage(t *testing.T) {
	rig := newCacheRig(t, 1<<20)
	rig.expires = rig.now.Add(time.Hour) // e.g. an upcoming stage's day passes
	rig.get(t, "/")
	rig.now = rig.now.Add(59 * time.Minute)
	rig.get(t, "/")
	if rig.renders.Load() != 1 {
		t.Fatalf("%d renders before the page changes by time", rig.renders.Load())
	}
	rig.now = rig.now.Add(time.Minute)
	rig.expires = rig.now.Add(24 * time.Hour)
	rig.get(t, "/")
	if rig.renders.Load() != 2 {
		t.Errorf("the page was served past the moment it changes: %d renders", rig.renders.Load())
	}
}

func TestRenderCacheStaysWithinItsMemory(t *testing.T) {
	const limit = 64 << 10
	rig := newCacheRig(t, limit)
	for i := range 200 {
		rig.get(t, fmt.Sprintf("/enti/%d", i))
		if _, size := rig.cache.Stats(); size > limit {
			t.Fatalf("after %d pages the cache holds %d bytes, over its %d", i+1, size, limit)
		}
	}
	entries, _ := rig.cache.Stats()
	if entries == 0 || entries >= 200 {
		t.Errorf("%d entries kept out of 200: the least used must be dropped, the recent kept", entries)
	}
	// The most recent page is still there.
	before := rig.renders.Load()
	rig.get(t, "/enti/199")
	if rig.renders.Load() != before {
		t.Error("the most recently used page was dropped")
	}
}

func TestRenderCacheHeadHasNoBody(t *testing.T) {
	rig := newCacheRig(t, 1<<20)
	req := httptest.NewRequest(http.MethodHead, "http://rete.example/tappe", nil)
	w := httptest.NewRecorder()
	rig.handler.ServeHTTP(w, req)
	if w.Code != http.StatusOK || w.Body.Len() != 0 || w.Header().Get("Content-Length") == "" {
		t.Errorf("HEAD: %d, %d body bytes, Content-Length %q", w.Code, w.Body.Len(), w.Header().Get("Content-Length"))
	}
	if !bytes.Contains([]byte(body(t, rig.get(t, "/tappe"))), []byte("version 0")) || rig.renders.Load() != 1 {
		t.Errorf("GET after HEAD: %d renders", rig.renders.Load())
	}
}
