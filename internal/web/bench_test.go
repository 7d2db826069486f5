package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"syscall"
	"testing"

	"benicommunity/internal/assets"
	"benicommunity/internal/i18n"
	"benicommunity/internal/markdown"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	"benicommunity/internal/web"
)

// benchHandler is the whole site (middleware included) on a store holding
// the default dataset, with request logs discarded.
func benchHandler(b *testing.B, d store.Dialect) http.Handler {
	b.Helper()
	st := storetest.OpenDefault(b, d)
	bundle, err := i18n.NewBundle()
	if err != nil {
		b.Fatal(err)
	}
	static, err := assets.New()
	if err != nil {
		b.Fatal(err)
	}
	srv, err := web.New(web.Deps{Store: st, Bundle: bundle, Assets: static, Markdown: markdown.New(),
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	return srv.Handler()
}

// benchPage renders one page per iteration through the real handler, as a
// browser asks for it (Italian, gzip accepted), on both databases.
func benchPage(b *testing.B, path string) {
	for _, d := range storetest.Dialects {
		b.Run(string(d), func(b *testing.B) {
			h := benchHandler(b, d)
			req := httptest.NewRequest(http.MethodGet, path, nil)
			req.Header.Set("Accept-Language", "it-IT,it;q=0.9")
			req.Header.Set("Accept-Encoding", "gzip")
			b.ReportAllocs()
			cpu := processCPU()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("GET %s = %d", path, rec.Code)
				}
			}
			// CPU time of this process per page: on a busy machine wall time
			// mostly measures waiting for a core, this does not. It leaves out
			// the PostgreSQL server's own work, which ns/op includes.
			b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

func BenchmarkHomePage(b *testing.B)  { benchPage(b, "/") }
func BenchmarkStagePage(b *testing.B) { benchPage(b, "/tappe/genova-2021") }
func BenchmarkBodyList(b *testing.B)  { benchPage(b, "/enti") }
func BenchmarkBodyPage(b *testing.B)  { benchPage(b, "/enti/comune-di-genova") }

// processCPU is the user and system CPU time this process has used, in nanoseconds.
func processCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
