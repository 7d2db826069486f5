// Package metrics gathers the figures operators watch, in the Prometheus
// text format: requests by route pattern and status, latency, the database
// connection pool, registrations by status, e-mails and scheduled jobs, and
// the version running. It is served on its own listener (serve
// --metrics-addr), never on the public site.
package metrics

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"benicommunity/internal/store"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

const namespace = "benicommunity"

// Metrics is one set of figures with its own registry (no global state).
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	mails    *prometheus.CounterVec
	jobs     *prometheus.CounterVec
}

// New registers every figure; st, when not nil, is read at each scrape for
// the pool and the registrations.
func New(version string, st *store.Store) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "http_requests_total",
		Help: "HTTP requests answered, by route pattern (\"unmatched\" before routing), status code and class."}, []string{"route", "code", "class"})
	m.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: namespace, Name: "http_request_duration_seconds",
		Help: "Time to answer an HTTP request, by route pattern.", Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}}, []string{"route"})
	m.mails = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "registration_mails_total",
		Help: "E-mails of the registrations (confirmations, seats, reminders, outcome reports), by result: sent or failed."}, []string{"result"})
	m.jobs = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "registration_jobs_total",
		Help: "Runs of the registration jobs, by job (reminders, outcomes, erasure) and result: ok or failed."}, []string{"job", "result"})
	build := prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: namespace, Name: "build_info",
		Help: "Always 1; the version label names the build running."}, []string{"version"})
	build.WithLabelValues(version).Set(1)
	for _, result := range []string{"sent", "failed"} {
		m.mails.WithLabelValues(result)
	}
	for _, job := range []string{"reminders", "outcomes", "erasure"} {
		for _, result := range []string{"ok", "failed"} {
			m.jobs.WithLabelValues(job, result)
		}
	}
	m.reg.MustRegister(m.requests, m.duration, m.mails, m.jobs, build,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if st != nil {
		m.reg.MustRegister(storeCollector{st})
	}
	return m
}

// Handler serves the figures in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
}

// MailSent counts one e-mail sent, or failed when err is not nil.
func (m *Metrics) MailSent(err error) {
	m.mails.WithLabelValues(result(err, "sent")).Inc()
}

// JobRun counts one run of a scheduled job, failed when err is not nil.
func (m *Metrics) JobRun(job string, err error) {
	m.jobs.WithLabelValues(job, result(err, "ok")).Inc()
}

func result(err error, ok string) string {
	if err != nil {
		return "failed"
	}
	return ok
}

type patternKey struct{}

// Requests counts and times every request. The route is the pattern the mux
// chose (never the raw path, which would make a series per URL); Pattern
// must wrap the mux so that the pattern is known here.
func (m *Metrics) Requests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		route := new(string)
		rec := &recorder{ResponseWriter: w}
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), patternKey{}, route)))
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		name := *route
		if name == "" {
			name = "unmatched"
		}
		m.requests.WithLabelValues(name, strconv.Itoa(rec.status), strconv.Itoa(rec.status/100)+"xx").Inc()
		m.duration.WithLabelValues(name).Observe(time.Since(start).Seconds())
	})
}

// Pattern wraps the mux and hands the pattern it matched to Requests.
func Pattern(mux http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mux.ServeHTTP(w, r) // the mux sets r.Pattern on this request
		if p, ok := r.Context().Value(patternKey{}).(*string); ok {
			*p = r.Pattern
		}
	})
}

type recorder struct {
	http.ResponseWriter
	status int
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// storeCollector reads the pool and the registrations at each scrape.
type storeCollector struct{ st *store.Store }

var (
	descOpen         = prometheus.NewDesc(namespace+"_db_open_connections", "Connections to the database, in use or idle.", nil, nil)
	descInUse        = prometheus.NewDesc(namespace+"_db_in_use_connections", "Connections to the database in use.", nil, nil)
	descIdle         = prometheus.NewDesc(namespace+"_db_idle_connections", "Idle connections to the database.", nil, nil)
	descMaxOpen      = prometheus.NewDesc(namespace+"_db_max_open_connections", "Largest number of connections allowed (0: no limit).", nil, nil)
	descWaitCount    = prometheus.NewDesc(namespace+"_db_wait_total", "Times a request waited for a free connection.", nil, nil)
	descWaitDuration = prometheus.NewDesc(namespace+"_db_wait_seconds_total", "Time spent waiting for a free connection.", nil, nil)
	descRegs         = prometheus.NewDesc(namespace+"_registrations", "Registrations stored, by status.", []string{"status"}, nil)
	descUp           = prometheus.NewDesc(namespace+"_db_up", "1 when the database answered the last scrape, 0 when not.", nil, nil)
)

func (c storeCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descOpen, descInUse, descIdle, descMaxOpen, descWaitCount, descWaitDuration, descRegs, descUp} {
		ch <- d
	}
}

func (c storeCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.st.PoolStats()
	ch <- prometheus.MustNewConstMetric(descOpen, prometheus.GaugeValue, float64(s.OpenConnections))
	ch <- prometheus.MustNewConstMetric(descInUse, prometheus.GaugeValue, float64(s.InUse))
	ch <- prometheus.MustNewConstMetric(descIdle, prometheus.GaugeValue, float64(s.Idle))
	ch <- prometheus.MustNewConstMetric(descMaxOpen, prometheus.GaugeValue, float64(s.MaxOpenConnections))
	ch <- prometheus.MustNewConstMetric(descWaitCount, prometheus.CounterValue, float64(s.WaitCount))
	ch <- prometheus.MustNewConstMetric(descWaitDuration, prometheus.CounterValue, s.WaitDuration.Seconds())
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	counts, err := c.st.RegistrationsByStatus(ctx)
	up := 1.0
	if err != nil {
		up = 0
	}
	ch <- prometheus.MustNewConstMetric(descUp, prometheus.GaugeValue, up)
	for _, status := range []string{"pending", "confirmed", "waiting", "cancelled"} {
		if err == nil {
			ch <- prometheus.MustNewConstMetric(descRegs, prometheus.GaugeValue, float64(counts[status]), status)
		}
	}
	for status, n := range counts {
		switch status {
		case "pending", "confirmed", "waiting", "cancelled":
		default:
			ch <- prometheus.MustNewConstMetric(descRegs, prometheus.GaugeValue, float64(n), status)
		}
	}
}
