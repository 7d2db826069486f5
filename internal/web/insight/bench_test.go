package insight_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"benicommunity/internal/assets"
	"benicommunity/internal/i18n"
	"benicommunity/internal/istat"
	"benicommunity/internal/markdown"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	"benicommunity/internal/web"
)

// BenchmarkInsight times /rete and its JSON endpoints on a synthetic network
// of every Italian Comune (7,904 bodies), 10,000 activities (1,000 stages)
// and 500,000 participations, on both databases: "warm" answers from the
// in-memory cache, "cold" follows a write, so the figures are recomputed.
// Figures are recorded in docs/benchmarks.md.
//
//	go test ./internal/web -run '^$' -bench Insight -benchtime 5x
func BenchmarkInsight(b *testing.B) {
	reg, err := istat.Load()
	if err != nil {
		b.Fatal(err)
	}
	var comuni []store.SyntheticComune
	for _, c := range reg.All() {
		comuni = append(comuni, store.SyntheticComune{Code: c.Code, Name: c.Name, Province: c.ProvinceName, ProvinceCode: c.ProvinceSigla, Region: c.RegionName})
	}
	for _, d := range storetest.Dialects {
		b.Run(string(d), func(b *testing.B) {
			ctx := context.Background()
			s := storetest.Open(b, d)
			started := time.Now()
			if err := s.LoadSynthetic(ctx, store.SyntheticSpec{Comuni: comuni, Activities: 10_000, StageEvery: 10, Participations: 500_000, Seed: 7}); err != nil {
				b.Fatal(err)
			}
			b.Logf("%s: synthetic network loaded in %s", d, time.Since(started).Round(time.Millisecond))
			url := benchServer(b, s)
			paths := []string{"/rete", "/rete/mappa.json", "/rete/crescita.json", "/rete/partecipazione.json", "/rete/coinvolgimento.json", "/", "/rete?comunita=comunita-1&dal=2010-01-01&al=2019-12-31"}
			for _, p := range paths {
				b.Run("warm "+p, func(b *testing.B) {
					benchGet(b, url+p) // fill the cache
					b.ResetTimer()
					for range b.N {
						benchGet(b, url+p)
					}
				})
			}
			n := 0
			for _, p := range paths {
				b.Run("cold "+p, func(b *testing.B) {
					for range b.N {
						b.StopTimer()
						n++
						if _, err := s.CreateBody(ctx, store.NewBody{Slug: fmt.Sprintf("bench-%d", n), Name: "Bench", Kind: "altro"}); err != nil {
							b.Fatal(err)
						}
						b.StartTimer()
						benchGet(b, url+p)
					}
				})
			}
		})
	}
}

func benchServer(b *testing.B, s *store.Store) string {
	bundle, err := i18n.NewBundle()
	if err != nil {
		b.Fatal(err)
	}
	static, err := assets.New()
	if err != nil {
		b.Fatal(err)
	}
	srv, err := web.New(web.Deps{Store: s, Bundle: bundle, Assets: static, Markdown: markdown.New(),
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	b.Cleanup(ts.Close)
	return ts.URL
}

func benchGet(b *testing.B, url string) {
	res, err := http.Get(url)
	if err != nil {
		b.Fatal(err)
	}
	n, _ := io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != 200 {
		b.Fatalf("GET %s = %d", url, res.StatusCode)
	}
	b.SetBytes(n)
}
