package assets

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/andybalholm/brotli"
)

// handlerFiles has a stylesheet big and repetitive enough to compress well.
var handlerFiles = map[string]string{
	"css/app.css":     `@font-face{font-family:x;src:url("../fonts/x.woff2")}` + strings.Repeat(".bc-timeline > li { padding: 0 0 1rem; }\n", 200),
	"fonts/x.woff2":   "wOF2" + strings.Repeat("\x00\x01\x02", 300),
	"img/logo.png":    "\x89PNG" + strings.Repeat("z", 500),
	"vendor/LICENSE":  strings.Repeat("licence text ", 40),
	"robots/tiny.txt": "x",
}

type served struct {
	status int
	header http.Header
	body   []byte
}

func get(t testing.TB, h http.Handler, method, target string, header ...string) served {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return served{w.Code, w.Result().Header, w.Body.Bytes()}
}

func decode(t testing.TB, encoding string, body []byte) []byte {
	t.Helper()
	var r io.Reader
	switch encoding {
	case "":
		return body
	case "br":
		r = brotli.NewReader(bytes.NewReader(body))
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("gzip: %v", err)
		}
		r = zr
	default:
		t.Fatalf("unexpected encoding %q", encoding)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("decode %s: %v", encoding, err)
	}
	return out
}

func TestHandlerHeaders(t *testing.T) {
	a := mustNewFS(t, handlerFiles)
	h := a.Handler()
	tests := []struct {
		name        string
		contentType string
		varies      bool
	}{
		{"css/app.css", "text/css; charset=utf-8", true},
		{"fonts/x.woff2", "font/woff2", false},
		{"img/logo.png", "image/png", false},
		{"vendor/LICENSE", "text/plain; charset=utf-8", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := a.byName[tt.name]
			res := get(t, h, http.MethodGet, mustPath(t, a, tt.name))
			if res.status != http.StatusOK {
				t.Fatalf("status %d", res.status)
			}
			want := map[string]string{
				"Content-Type":           tt.contentType,
				"Cache-Control":          "public, max-age=31536000, immutable",
				"X-Content-Type-Options": "nosniff",
				"ETag":                   `"` + f.hash + `"`,
				"Content-Length":         strconv.Itoa(len(f.body)),
				"Content-Encoding":       "",
			}
			if tt.varies {
				want["Vary"] = "Accept-Encoding"
			} else {
				want["Vary"] = ""
			}
			for k, v := range want {
				if got := res.header.Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			if !bytes.Equal(res.body, f.body) {
				t.Errorf("body differs from the published content")
			}
		})
	}
}

func TestHandlerServesRewrittenCSS(t *testing.T) {
	a := mustNewFS(t, handlerFiles)
	res := get(t, a.Handler(), http.MethodGet, mustPath(t, a, "css/app.css"))
	font := mustPath(t, a, "fonts/x.woff2")
	if !bytes.Contains(res.body, []byte(`url("`+font+`")`)) {
		t.Errorf("served CSS does not refer to %s", font)
	}
	if fontRes := get(t, a.Handler(), http.MethodGet, font); fontRes.status != http.StatusOK ||
		string(fontRes.body) != handlerFiles["fonts/x.woff2"] {
		t.Errorf("font referenced by the CSS: status %d, %d bytes", fontRes.status, len(fontRes.body))
	}
}

func TestHandlerEncodingNegotiation(t *testing.T) {
	a := mustNewFS(t, handlerFiles)
	h := a.Handler()
	tests := []struct {
		file, accept, want string
	}{
		{"css/app.css", "", ""},
		{"css/app.css", "br", "br"},
		{"css/app.css", "gzip", "gzip"},
		{"css/app.css", "gzip, deflate, br, zstd", "br"},
		{"css/app.css", "GZIP", "gzip"},
		{"css/app.css", "x-gzip", "gzip"},
		{"css/app.css", "br;q=0, gzip", "gzip"},
		{"css/app.css", "br;q=0, gzip;q=0", ""},
		{"css/app.css", "gzip;q=0.5, br;q=0.1", "br"},
		{"css/app.css", "gzip; q=oops", ""},
		{"css/app.css", "identity", ""},
		{"css/app.css", "deflate", ""},
		{"css/app.css", "*", "br"},
		{"css/app.css", "*, br;q=0", "gzip"},
		{"css/app.css", "*;q=0", ""},
		{"vendor/LICENSE", "gzip", "gzip"},
		{"fonts/x.woff2", "br, gzip", ""},
		{"img/logo.png", "br, gzip", ""},
		// Compressing one byte only makes it bigger.
		{"robots/tiny.txt", "br, gzip", ""},
	}
	for _, tt := range tests {
		t.Run(tt.file+" "+tt.accept, func(t *testing.T) {
			f := a.byName[tt.file]
			res := get(t, h, http.MethodGet, mustPath(t, a, tt.file), "Accept-Encoding", tt.accept)
			if got := res.header.Get("Content-Encoding"); got != tt.want {
				t.Fatalf("Content-Encoding = %q, want %q", got, tt.want)
			}
			if got, want := res.header.Get("Content-Length"), strconv.Itoa(len(res.body)); got != want {
				t.Errorf("Content-Length = %s, body has %s bytes", got, want)
			}
			if tt.want != "" && len(res.body) >= len(f.body) {
				t.Errorf("%s body of %d bytes is not smaller than %d", tt.want, len(res.body), len(f.body))
			}
			if got := decode(t, tt.want, res.body); !bytes.Equal(got, f.body) {
				t.Errorf("decoded body differs from the file (%d vs %d bytes)", len(got), len(f.body))
			}
			wantTag := `"` + f.hash + `"`
			if tt.want != "" {
				wantTag = `"` + f.hash + "-" + tt.want + `"`
			}
			if got := res.header.Get("ETag"); got != wantTag {
				t.Errorf("ETag = %s, want %s", got, wantTag)
			}
		})
	}
}

func TestHandlerNotModified(t *testing.T) {
	a := mustNewFS(t, handlerFiles)
	h := a.Handler()
	target := mustPath(t, a, "css/app.css")
	brTag := get(t, h, http.MethodGet, target, "Accept-Encoding", "br").header.Get("ETag")
	plainTag := get(t, h, http.MethodGet, target).header.Get("ETag")
	if brTag == plainTag {
		t.Fatalf("brotli and identity share the ETag %s", brTag)
	}
	tests := []struct {
		name, accept, ifNoneMatch string
		want                      int
	}{
		{"same tag", "br", brTag, http.StatusNotModified},
		{"weak form", "br", "W/" + brTag, http.StatusNotModified},
		{"in a list", "br", `"other", ` + brTag, http.StatusNotModified},
		{"any", "br", "*", http.StatusNotModified},
		{"identity tag", "", plainTag, http.StatusNotModified},
		{"tag of another encoding", "gzip", brTag, http.StatusOK},
		{"stale tag", "br", `"0000000000-br"`, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := get(t, h, http.MethodGet, target, "Accept-Encoding", tt.accept, "If-None-Match", tt.ifNoneMatch)
			if res.status != tt.want {
				t.Fatalf("status %d, want %d", res.status, tt.want)
			}
			if tt.want != http.StatusNotModified {
				return
			}
			if len(res.body) != 0 {
				t.Errorf("304 with a body of %d bytes", len(res.body))
			}
			for _, k := range []string{"ETag", "Cache-Control", "Vary"} {
				if res.header.Get(k) == "" {
					t.Errorf("304 without %s", k)
				}
			}
			for _, k := range []string{"Content-Encoding", "Content-Length"} {
				if v := res.header.Get(k); v != "" {
					t.Errorf("304 with %s: %s", k, v)
				}
			}
		})
	}
}

func TestHandlerHead(t *testing.T) {
	a := mustNewFS(t, handlerFiles)
	h := a.Handler()
	target := mustPath(t, a, "css/app.css")
	for _, accept := range []string{"", "br", "gzip"} {
		full := get(t, h, http.MethodGet, target, "Accept-Encoding", accept)
		head := get(t, h, http.MethodHead, target, "Accept-Encoding", accept)
		if head.status != http.StatusOK || len(head.body) != 0 {
			t.Errorf("HEAD %q: status %d, %d body bytes", accept, head.status, len(head.body))
		}
		for _, k := range []string{"Content-Type", "Content-Length", "Content-Encoding", "ETag", "Cache-Control", "Vary"} {
			if head.header.Get(k) != full.header.Get(k) {
				t.Errorf("HEAD %q: %s = %q, GET has %q", accept, k, head.header.Get(k), full.header.Get(k))
			}
		}
	}
}

func TestHandlerRejects(t *testing.T) {
	a := mustNewFS(t, handlerFiles)
	h := a.Handler()
	hashed := mustPath(t, a, "css/app.css")
	tests := []struct {
		name, method, target string
		want                 int
	}{
		{"logical name", http.MethodGet, "/static/css/app.css", http.StatusNotFound},
		{"unknown file", http.MethodGet, "/static/css/nope.0123456789.css", http.StatusNotFound},
		{"stale hash", http.MethodGet, "/static/css/app.0123456789.css", http.StatusNotFound},
		{"missing marker from URL", http.MethodGet, a.URL("css/nope.css"), http.StatusNotFound},
		{"directory", http.MethodGet, "/static/css/", http.StatusNotFound},
		{"outside the prefix", http.MethodGet, strings.TrimPrefix(hashed, "/static"), http.StatusNotFound},
		{"post", http.MethodPost, hashed, http.StatusMethodNotAllowed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := get(t, h, tt.method, tt.target)
			if res.status != tt.want {
				t.Fatalf("%s %s: status %d, want %d", tt.method, tt.target, res.status, tt.want)
			}
			if got := res.header.Get("Cache-Control"); strings.Contains(got, "immutable") {
				t.Errorf("error response cached: Cache-Control %q", got)
			}
			if res.header.Get("X-Content-Type-Options") != "nosniff" {
				t.Error("no X-Content-Type-Options: nosniff")
			}
		})
	}
	if got := get(t, h, http.MethodPost, hashed).header.Get("Allow"); got != "GET, HEAD" {
		t.Errorf("405 Allow = %q", got)
	}
}

// TestHandlerConcurrentFirstRequests is meant for -race: the compressed
// variants are built lazily while many requests ask for them.
func TestHandlerConcurrentFirstRequests(t *testing.T) {
	a := mustNewFS(t, handlerFiles)
	h := a.Handler()
	target := mustPath(t, a, "css/app.css")
	want := a.byName["css/app.css"].body
	var wg sync.WaitGroup
	errs := make(chan string, 32)
	for i := range 32 {
		encoding := []string{"br", "gzip"}[i%2]
		wg.Go(func() {
			r := httptest.NewRequest(http.MethodGet, target, nil)
			r.Header.Set("Accept-Encoding", encoding)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Header().Get("Content-Encoding") != encoding {
				errs <- "missing " + encoding
				return
			}
			if !bytes.Equal(decode(t, encoding, w.Body.Bytes()), want) {
				errs <- encoding + " body differs"
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// discardWriter is a ResponseWriter that keeps nothing, so the benchmark
// measures the handler rather than a recorder's buffer.
type discardWriter struct{ h http.Header }

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (w *discardWriter) WriteHeader(int)             {}

func BenchmarkServeCSS(b *testing.B) {
	a, err := New()
	if err != nil {
		b.Fatal(err)
	}
	h := a.Handler()
	r := httptest.NewRequest(http.MethodGet, a.MustPath("vendor/bootstrap-italia@2.18.3/css/bootstrap-italia.min.css"), nil)
	r.Header.Set("Accept-Encoding", "gzip, deflate, br")
	h.ServeHTTP(&discardWriter{h: http.Header{}}, r) // builds the brotli variant once
	b.ReportAllocs()
	for b.Loop() {
		w := &discardWriter{h: http.Header{}}
		h.ServeHTTP(w, r)
		if w.h.Get("Content-Encoding") != "br" {
			b.Fatal("not brotli")
		}
	}
}
