package web_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"benicommunity/internal/assets"
	"benicommunity/internal/i18n"
	"benicommunity/internal/mail"
	"benicommunity/internal/mail/mailtest"
	"benicommunity/internal/markdown"
	"benicommunity/internal/metrics"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	"benicommunity/internal/web"
	. "benicommunity/internal/web/webtest"
)

// metricsSite runs the site with metrics and mail, and returns the
// public server, the metrics and the web.Server (for its jobs).
func metricsSite(t *testing.T, d store.Dialect) (*Site, *metrics.Metrics, *web.Server) {
	t.Helper()
	st := storetest.OpenDefault(t, d)
	smtp := mailtest.Start(t)
	sender, err := mail.New(mail.Config{SMTPURL: smtp.URL(), From: "Rete <noreply@example.it>"}, storetest.Discard())
	if err != nil {
		t.Fatal(err)
	}
	bundle, err := i18n.NewBundle()
	if err != nil {
		t.Fatal(err)
	}
	static, err := assets.New()
	if err != nil {
		t.Fatal(err)
	}
	m := metrics.New("1.2.3-test", st)
	logs := &bytes.Buffer{}
	srv, err := web.New(web.Deps{Store: st, Bundle: bundle, Assets: static, Markdown: markdown.New(),
		Log: slog.New(slog.NewTextHandler(logs, nil)), Version: "test", Mail: sender, Metrics: m})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &Site{Server: ts, Store: st, Logs: logs}, m, srv
}

func scrape(t *testing.T, m *metrics.Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("metrics: %d %s", rec.Code, rec.Body.String())
	}
	b, _ := io.ReadAll(rec.Body)
	return string(b)
}

func TestMetrics(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s, m, srv := metricsSite(t, d)
		RegActivity(t, s.Store, "patti-2031", "formazione", 10, nil)
		for _, path := range []string{"/tappe/genova-2021", "/tappe/chieri-2020", "/tappe/non-esiste", "/enti/a%00b", "/metrics", "/readyz"} {
			Fetch(t, s, path, nil)
		}
		if res, _ := Fetch(t, s, "/metrics", nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("/metrics on the public site = %d, want 404", res.StatusCode)
		}
		res, err := http.PostForm(s.URL+"/iscrizioni/attivita/patti-2031", RegForm("anna@example.it"))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if _, err := srv.RunRegistrationJobs(context.Background(), time.Now()); err != nil {
			t.Fatal(err)
		}

		text := scrape(t, m)
		for _, want := range []string{
			`benicommunity_http_requests_total{class="2xx",code="200",route="GET /tappe/{slug}"} 2`,
			`benicommunity_http_requests_total{class="4xx",code="404",route="GET /tappe/{slug}"} 1`,
			`benicommunity_http_requests_total{class="4xx",code="400",route="unmatched"} 1`,
			`benicommunity_http_requests_total{class="4xx",code="404",route="/"} 2`,
			`benicommunity_http_requests_total{class="2xx",code="200",route="GET /readyz"} 1`,
			`benicommunity_http_requests_total{class="3xx",code="303",route="POST /iscrizioni/attivita/{slug}"} 1`,
			`benicommunity_http_request_duration_seconds_count{route="GET /tappe/{slug}"} 3`,
			`benicommunity_build_info{version="1.2.3-test"} 1`,
			`benicommunity_registration_mails_total{result="sent"} 1`,
			`benicommunity_registration_mails_total{result="failed"} 0`,
			`benicommunity_registration_jobs_total{job="reminders",result="ok"} 1`,
			`benicommunity_registration_jobs_total{job="erasure",result="ok"} 1`,
			`benicommunity_registrations{status="pending"} 1`,
			`benicommunity_db_up 1`,
			"benicommunity_db_open_connections ",
			"go_goroutines ",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("the metrics lack %q", want)
			}
		}
		if strings.Contains(text, "genova-2021") || strings.Contains(text, "a\\x00b") {
			t.Errorf("the metrics name raw paths, not route patterns")
		}
	})
}

func TestReadiness(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		var v struct{ Status string }
		if code := s.GetJSON(t, "/readyz", &v); code != http.StatusOK || v.Status != "ready" {
			t.Errorf("/readyz = %d %q", code, v.Status)
		}
		s.Store.Close() // the database goes away
		if code := s.GetJSON(t, "/readyz", &v); code != http.StatusServiceUnavailable || v.Status != "unavailable" {
			t.Errorf("/readyz without a database = %d %q, want 503", code, v.Status)
		}
	})
}
