package core

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/andybalholm/brotli"
)

// RenderCache keeps the answers of public pages, API, CSV, feeds and the
// catalogue per data version, already compressed, so a page is rendered once
// per change of the data instead of once per request. It never serves a stale
// answer: an entry is valid only for the data version it was rendered at and
// until the next moment the answer changes by time alone (an upcoming
// activity's day passing, a registration window opening or closing).
//
// What is cached: anonymous GET and HEAD requests (no session cookie) whose
// answer is 200, sets no cookie and is not marked private or no-store. The
// key is everything that changes the bytes: path and query, the page
// language and the public base URL (the host the request came to when no
// --base-url is set). A logged-in person's pages are never cached or shared.
type RenderCache struct {
	cfg CacheConfig
	// writes counts the requests other than GET and HEAD this instance has
	// answered: each may have written, so the next read renders anew even
	// before the data version says so.
	writes atomic.Int64

	mu      sync.Mutex
	entries map[string]*list.Element
	lru     *list.List // front: most recently used
	bytes   int64

	// expiry caches cfg.Expires for one data version.
	expiryVersion CacheVersion
	expiry        time.Time
	expiryKnown   bool
}

// CacheConfig is what the cache needs to know when its entries stop being true.
type CacheConfig struct {
	// Version is the current data version; it must be cheap (no database
	// round trip) and must change as soon as a write commits on this
	// instance, and at once on the others.
	Version func() CacheVersion
	// Expires is the next moment when answers change by time alone (zero:
	// not known to change). It is asked once per data version.
	Expires func(ctx context.Context) (time.Time, error)
	// Language returns the language the page will be rendered in.
	Language func(r *http.Request) string
	// Base returns the public base URL the page's absolute links use.
	Base func(r *http.Request) string
	// MaxBytes bounds the memory of the stored answers (all encodings); the
	// least recently used entries are dropped beyond it.
	MaxBytes int64
	// Skip tells which paths are never cached (pages with forms, personal
	// links, files with their own rules).
	Skip func(path string) bool
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// Counter, when set, is told of each hit, miss and eviction.
	Counter func(event string)
}

// CacheVersion names one state of the data: the database's data version,
// and the writes this instance committed (known at once, without waiting
// for the database's notification).
type CacheVersion struct{ Data, Local int64 }

// DefaultRenderCacheBytes is the memory the cache may use unless configured.
const DefaultRenderCacheBytes = 64 << 20

type cacheEntry struct {
	key      string
	version  CacheVersion
	expires  time.Time // zero: no time limit
	header   http.Header
	etag     string
	identity []byte
	gzip     []byte
	brotli   []byte
}

func (e *cacheEntry) size() int64 {
	return int64(len(e.identity)+len(e.gzip)+len(e.brotli)+len(e.key)) + 512
}

// NewRenderCache returns an empty cache.
func NewRenderCache(cfg CacheConfig) *RenderCache {
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = DefaultRenderCacheBytes
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Skip == nil {
		cfg.Skip = func(string) bool { return false }
	}
	return &RenderCache{cfg: cfg, entries: map[string]*list.Element{}, lru: list.New()}
}

// Middleware serves cached answers and stores new ones. It sits outside the
// compression middleware: what it stores is the uncompressed answer, which
// it compresses once per entry.
func (c *RenderCache) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			next.ServeHTTP(w, r)
			c.writes.Add(1)
			return
		}
		if !c.cacheable(r) {
			next.ServeHTTP(w, r)
			return
		}
		key := c.key(r)
		version := c.cfg.Version()
		version.Local += c.writes.Load()
		now := c.cfg.Now()
		if e := c.lookup(key, version, now); e != nil {
			c.count("hit")
			serveEntry(w, r, e)
			return
		}
		c.count("miss")
		e, ok := c.render(next, w, r, key, version)
		if !ok {
			return // already answered as it came, uncached
		}
		e.expires = c.expires(r.Context(), version)
		if e.expires.IsZero() || now.Before(e.expires) {
			c.store(e)
		}
		serveEntry(w, r, e)
	})
}

func (c *RenderCache) cacheable(r *http.Request) bool {
	if c.cfg.Skip(r.URL.Path) {
		return false
	}
	// A logged-in browser (or one with a stale session) gets its own pages.
	if ck, err := r.Cookie("bc_session"); err == nil && ck.Value != "" {
		return false
	}
	return true
}

func (c *RenderCache) key(r *http.Request) string {
	var b strings.Builder
	b.WriteString(c.cfg.Base(r))
	b.WriteByte(0)
	b.WriteString(r.URL.Path)
	b.WriteByte('?')
	b.WriteString(r.URL.RawQuery)
	b.WriteByte(0)
	b.WriteString(c.cfg.Language(r))
	return b.String()
}

func (c *RenderCache) lookup(key string, version CacheVersion, now time.Time) *cacheEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok {
		return nil
	}
	e := el.Value.(*cacheEntry)
	if e.version != version || (!e.expires.IsZero() && !now.Before(e.expires)) {
		c.remove(el)
		return nil
	}
	c.lru.MoveToFront(el)
	return e
}

func (c *RenderCache) store(e *cacheEntry) {
	if e.size() > c.cfg.MaxBytes/4 {
		return // one huge answer must not empty the cache
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.entries[e.key]; ok {
		c.remove(old)
	}
	c.entries[e.key] = c.lru.PushFront(e)
	c.bytes += e.size()
	for c.bytes > c.cfg.MaxBytes {
		c.remove(c.lru.Back())
		c.count("eviction")
	}
}

func (c *RenderCache) remove(el *list.Element) {
	e := el.Value.(*cacheEntry)
	c.lru.Remove(el)
	delete(c.entries, e.key)
	c.bytes -= e.size()
}

// Stats reports the number of entries and the bytes they hold.
func (c *RenderCache) Stats() (entries int, bytes int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries), c.bytes
}

func (c *RenderCache) count(event string) {
	if c.cfg.Counter != nil {
		c.cfg.Counter(event)
	}
}

// expires asks once per data version when answers change by time alone.
func (c *RenderCache) expires(ctx context.Context, version CacheVersion) time.Time {
	if c.cfg.Expires == nil {
		return time.Time{}
	}
	c.mu.Lock()
	if c.expiryKnown && c.expiryVersion == version && (c.expiry.IsZero() || c.cfg.Now().Before(c.expiry)) {
		at := c.expiry
		c.mu.Unlock()
		return at
	}
	c.mu.Unlock()
	at, err := c.cfg.Expires(ctx)
	if err != nil {
		// Unknown: keep the answer for one second at most rather than risk
		// serving it past a change.
		return c.cfg.Now().Add(time.Second)
	}
	c.mu.Lock()
	c.expiryVersion, c.expiry, c.expiryKnown = version, at, true
	c.mu.Unlock()
	return at
}

// render runs the handler without conditional or compression headers and
// keeps its answer when it may be shared; otherwise it forwards the answer
// as it came and reports false.
func (c *RenderCache) render(next http.Handler, w http.ResponseWriter, r *http.Request, key string, version CacheVersion) (*cacheEntry, bool) {
	inner := r.Clone(r.Context())
	inner.Method = http.MethodGet
	inner.Header.Del("Accept-Encoding")
	inner.Header.Del("If-None-Match")
	inner.Header.Del("If-Modified-Since")
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	next.ServeHTTP(rec, inner)
	h := rec.header
	cc := strings.ToLower(h.Get("Cache-Control"))
	if rec.status != http.StatusOK || h.Get("Set-Cookie") != "" || h.Get("Content-Encoding") != "" ||
		strings.Contains(cc, "private") || strings.Contains(cc, "no-store") {
		forward(w, r, rec)
		return nil, false
	}
	e := &cacheEntry{key: key, version: version, header: h.Clone(), identity: rec.body.Bytes()}
	e.header.Del("Content-Length")
	e.header.Del("Date")
	e.etag = h.Get("ETag")
	if e.etag == "" || strings.HasPrefix(e.etag, "W/") {
		sum := sha256.Sum256(e.identity)
		e.etag = `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`
	}
	e.header.Set("ETag", e.etag)
	if compressible(h.Get("Content-Type")) && len(e.identity) > 512 {
		e.gzip = gzipBytes(e.identity)
		e.brotli = brotliBytes(e.identity)
	}
	return e, true
}

// forward writes an uncached answer as the handler gave it, compressed with
// gzip when the client accepts it, as the compression middleware would.
func forward(w http.ResponseWriter, r *http.Request, rec *recorder) {
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	body := rec.body.Bytes()
	if rec.status == http.StatusOK && compressible(rec.header.Get("Content-Type")) && rec.header.Get("Content-Encoding") == "" && AcceptsGzip(r) && r.Method != http.MethodHead {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Add("Vary", "Accept-Encoding")
		w.Header().Del("Content-Length")
		body = gzipBytes(body)
	}
	w.WriteHeader(rec.status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// serveEntry answers from a stored entry: 304 when the client has it, else
// the best encoding the client accepts. Each encoding is its own
// representation with its own strong ETag (the identity's, marked with the
// coding), as RFC 9110 asks of strong validators.
func serveEntry(w http.ResponseWriter, r *http.Request, e *cacheEntry) {
	h := w.Header()
	for k, v := range e.header {
		h[k] = v
	}
	if e.gzip != nil && !strings.Contains(h.Get("Vary"), "Accept-Encoding") {
		h.Add("Vary", "Accept-Encoding")
	}
	body, coding := e.identity, ""
	switch enc := pickEncoding(r.Header.Get("Accept-Encoding")); {
	case enc == "br" && e.brotli != nil:
		body, coding = e.brotli, "br"
	case (enc == "gzip" || enc == "br") && e.gzip != nil && acceptsEncoding(r.Header.Get("Accept-Encoding"), "gzip"):
		body, coding = e.gzip, "gzip"
	}
	etag := codedETag(e.etag, coding)
	h.Set("ETag", etag)
	if coding != "" {
		h.Set("Content-Encoding", coding)
	}
	if inm := r.Header.Get("If-None-Match"); inm != "" &&
		(ETagMatches(inm, etag) || ETagMatches(inm, e.etag) || ETagMatches(inm, codedETag(e.etag, "gzip")) || ETagMatches(inm, codedETag(e.etag, "br"))) {
		h.Del("Content-Encoding")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// codedETag is the strong ETag of an encoded representation: the
// identity's with the coding added inside the quotes.
func codedETag(etag, coding string) string {
	if coding == "" {
		return etag
	}
	return strings.TrimSuffix(etag, `"`) + "-" + coding + `"`
}

// pickEncoding prefers brotli, then gzip, among what the client accepts.
func pickEncoding(accept string) string {
	switch {
	case acceptsEncoding(accept, "br"):
		return "br"
	case acceptsEncoding(accept, "gzip"):
		return "gzip"
	}
	return ""
}

func acceptsEncoding(accept, enc string) bool {
	for _, part := range strings.Split(accept, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), enc) {
			q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}

func compressible(ct string) bool {
	return strings.HasPrefix(ct, "text/") || strings.Contains(ct, "json") || strings.Contains(ct, "xml")
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func brotliBytes(b []byte) []byte {
	var buf bytes.Buffer
	bw := brotli.NewWriterLevel(&buf, 9)
	bw.Write(b)
	bw.Close()
	return buf.Bytes()
}

// recorder keeps a handler's answer in memory.
type recorder struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	if !r.wrote {
		if r.header.Get("Content-Type") == "" {
			r.header.Set("Content-Type", http.DetectContentType(b))
		}
		r.WriteHeader(http.StatusOK)
	}
	return r.body.Write(b)
}
