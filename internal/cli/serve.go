package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	netmail "net/mail"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"benicommunity/internal/assets"
	"benicommunity/internal/dataset"
	"benicommunity/internal/i18n"
	"benicommunity/internal/mail"
	"benicommunity/internal/markdown"
	"benicommunity/internal/metrics"
	"benicommunity/internal/newsletter"
	"benicommunity/internal/store"
	"benicommunity/internal/web"
)

// DefaultAddr is where the server listens unless told otherwise.
const DefaultAddr = "127.0.0.1:8080"

func runServe(ctx context.Context, env Env, args []string) error {
	cfg, err := parseServeFlags(env, args)
	if err != nil || cfg.reported {
		return err
	}
	log := newLogger(env.Stderr, cfg.logFormat)

	// Listen first: an address in use is reported before any database work.
	ln, err := listen(cfg.addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	var metricsLn net.Listener
	if cfg.metricsAddr != "" {
		if metricsLn, err = listenMetrics(cfg.metricsAddr, ln); err != nil {
			return err
		}
		defer metricsLn.Close()
	}
	// While the database is opened and migrated, /healthz answers 200 and
	// /readyz 503 (serve_ready.go); the site takes over when it is built.
	starting := &startingHandler{}
	srv := &http.Server{
		Handler:           starting,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          nil,
	}
	errc := make(chan error, 2)
	go func() { errc <- srv.Serve(ln) }()
	defer srv.Close()

	s, err := openStore(ctx, cfg.db, log)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := prepareStore(ctx, s, cfg.empty, log); err != nil {
		return err
	}
	// The watcher ends before the store closes (deferred calls run in reverse).
	watchCtx, stopWatching := context.WithCancel(ctx)
	defer stopWatching()
	var versions *store.VersionWatcher
	if cfg.renderCacheMB > 0 {
		if versions, err = s.WatchVersion(watchCtx, log); err != nil {
			return err
		}
	}
	var m *metrics.Metrics
	if metricsLn != nil {
		m = metrics.New(env.Version, s)
		msrv := &http.Server{Handler: metricsMux(m), ReadHeaderTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second}
		go func() { errc <- msrv.Serve(metricsLn) }()
		defer msrv.Close()
		log.Info("metrics", "url", "http://"+metricsLn.Addr().String()+"/metrics")
	}
	sender, bundle, err := mailAndCatalogue(cfg, log)
	if err != nil {
		return err
	}
	site, err := newSite(env, cfg, s, sender, bundle, versions, m, log)
	if err != nil {
		return err
	}
	startNews(ctx, cfg, s, sender, bundle, log)
	starting.ready(site.Handler())
	return serveUntilDone(ctx, env, cfg, srv, errc, ln, s, site, log)
}

// serveConfig is the command line of serve, checked.
type serveConfig struct {
	addr, db        string
	empty           bool
	logFormat       string
	baseURL         string
	openData        web.OpenData
	contact         string
	dataDir         string
	smtpURL         string
	mailFrom        string
	insecureCookies bool
	maxUploadMB     int
	retentionMonths int
	tiles           web.MapTiles
	jobsEvery       time.Duration
	newsEvery       time.Duration
	renderCacheMB   int
	controller      web.DataController
	trusted         web.TrustedProxies
	metricsAddr     string
	backups         backupSchedule
	// reported: the flags were printed by benicommunity config; serve stops.
	reported bool
}

// parseServeFlags reads the flags of serve (with their environment
// defaults) and checks them.
func parseServeFlags(env Env, args []string) (serveConfig, error) {
	fs := newFlags(env, "serve", "Run the web server. The database is created and migrated on first start,\nand filled with the default network unless --empty is given.")
	addr := fs.String("addr", envOr(env, "BENICOMMUNITY_ADDR", DefaultAddr), "address to listen on (env BENICOMMUNITY_ADDR)")
	db := dbFlag(fs, env)
	empty := fs.Bool("empty", false, "start a new database with no data instead of the default network")
	logFormat := fs.String("log-format", envOr(env, "BENICOMMUNITY_LOG_FORMAT", "text"), "log format: text or json (env BENICOMMUNITY_LOG_FORMAT)")
	od := openDataFlags(fs, env)
	contact := fs.String("contact-email", envOr(env, "BENICOMMUNITY_CONTACT_EMAIL", ""), "address for accessibility feedback, shown on /accessibilita (env BENICOMMUNITY_CONTACT_EMAIL)")
	controller := fs.String("data-controller", env.Getenv("BENICOMMUNITY_DATA_CONTROLLER"), "data controller (titolare del trattamento) named by the privacy notices, e.g. \"Comune di Chieri\" (env BENICOMMUNITY_DATA_CONTROLLER)")
	controllerContact := fs.String("data-controller-contact", env.Getenv("BENICOMMUNITY_DATA_CONTROLLER_CONTACT"), "how to reach the data controller: an e-mail address, a web address or a postal address (env BENICOMMUNITY_DATA_CONTROLLER_CONTACT)")
	dataDir := fs.String("data-dir", envOr(env, "BENICOMMUNITY_DATA_DIR", "data"), "folder for local files: the mail outbox when no SMTP server is set (env BENICOMMUNITY_DATA_DIR)")
	smtpURL := fs.String("smtp-url", env.Getenv("BENICOMMUNITY_SMTP_URL"), "SMTP server for e-mail: smtp://user:pass@host:587 (STARTTLS), smtps://…:465, or …?tls=none; empty writes mail to DATA-DIR/outbox (env BENICOMMUNITY_SMTP_URL)")
	mailFrom := fs.String("mail-from", envOr(env, "BENICOMMUNITY_MAIL_FROM", "benicommunity <noreply@localhost>"), "sender address of e-mail (env BENICOMMUNITY_MAIL_FROM)")
	insecureCookies := fs.Bool("insecure-cookies", envOr(env, "BENICOMMUNITY_INSECURE_COOKIES", "") == "true", "send the session cookie over plain http too (local use only; env BENICOMMUNITY_INSECURE_COOKIES=true)")
	maxUploadMB := fs.Int("max-upload-mb", 10, "largest attachment accepted, in MiB")
	retention := fs.String("registration-retention-months", envOr(env, "BENICOMMUNITY_REGISTRATION_RETENTION_MONTHS", strconv.Itoa(web.DefaultRetentionMonths)),
		"months after an activity when the personal data of its registrations is erased (env BENICOMMUNITY_REGISTRATION_RETENTION_MONTHS)")
	tilesURL := fs.String("map-tiles-url", env.Getenv("BENICOMMUNITY_MAP_TILES_URL"), "tile server for an interactive map on /rete, a URL template such as https://{s}.tiles.example.org/{z}/{x}/{y}.png; empty (the default) draws the map on the server only, with no other host (env BENICOMMUNITY_MAP_TILES_URL)")
	tilesCredit := fs.String("map-tiles-attribution", env.Getenv("BENICOMMUNITY_MAP_TILES_ATTRIBUTION"), "credit the tile provider requires, shown on the map; required with --map-tiles-url (env BENICOMMUNITY_MAP_TILES_ATTRIBUTION)")
	jobsEvery := fs.Duration("registration-jobs-every", 10*time.Minute, "how often the registration jobs (reminders, outcome e-mails, erasure) run")
	proxies := fs.String("trusted-proxies", env.Getenv("BENICOMMUNITY_TRUSTED_PROXIES"), "reverse proxies whose X-Forwarded-For names the client, as CIDR prefixes or addresses separated by commas (10.0.0.0/8,::1); empty (the default) trusts none and uses the connection's address (env BENICOMMUNITY_TRUSTED_PROXIES)")
	metricsAddr := fs.String("metrics-addr", env.Getenv("BENICOMMUNITY_METRICS_ADDR"), "address of a separate listener serving Prometheus metrics on /metrics, such as 127.0.0.1:9090; empty (the default) serves none. Never the public address (env BENICOMMUNITY_METRICS_ADDR)")
	newsEvery := fs.Duration("news-every", 10*time.Minute, "how often the news digest (at most one e-mail a day per subscriber) and the erasure of unconfirmed join requests run; needs --base-url for the digest")
	renderCacheMB := fs.Int("render-cache-mb", 64, "memory for public pages kept per data version, in MiB; 0 renders every request")
	backups := backupFlags(fs)
	env.config.prepare(fs)
	if err := parseFlags(env, fs, args); err != nil {
		return serveConfig{}, err
	}
	cfg := serveConfig{addr: *addr, db: *db, empty: *empty, logFormat: *logFormat, contact: *contact, dataDir: *dataDir,
		smtpURL: *smtpURL, mailFrom: *mailFrom, insecureCookies: *insecureCookies, maxUploadMB: *maxUploadMB, jobsEvery: *jobsEvery, renderCacheMB: *renderCacheMB, metricsAddr: *metricsAddr, newsEvery: *newsEvery,
		controller: web.DataController{Name: strings.TrimSpace(*controller), Contact: strings.TrimSpace(*controllerContact)}}
	var err error
	if cfg.baseURL, cfg.openData, err = od.parse(); err != nil {
		return serveConfig{}, err
	}
	if err := cfg.check(*tilesURL, *tilesCredit, *retention); err != nil {
		return serveConfig{}, err
	}
	if cfg.trusted, err = web.ParseTrustedProxies(*proxies); err != nil {
		return serveConfig{}, fmt.Errorf("--trusted-proxies: %w", err)
	}
	if err := backups.check(); err != nil {
		return serveConfig{}, err
	}
	cfg.backups = backups
	if env.config != nil {
		// benicommunity config: print what serve would run with, and stop.
		cfg.reported = true
		return cfg, env.config.report(fs)
	}
	return cfg, nil
}

// check validates the flags of serve, in the order they are reported, and
// fills in the map tiles and the retention period from their text.
func (cfg *serveConfig) check(tilesURL, tilesCredit, retention string) error {
	if cfg.contact != "" {
		if a, err := netmail.ParseAddress(cfg.contact); err != nil || a.Name != "" {
			return fmt.Errorf("--contact-email: %q is not a plain e-mail address such as accessibilita@comune.example.it", cfg.contact)
		}
	}
	tiles, err := web.ParseMapTiles(tilesURL, tilesCredit)
	if err != nil {
		return err
	}
	cfg.tiles = tiles
	retentionMonths, err := strconv.Atoi(retention)
	if err != nil || retentionMonths < 1 || retentionMonths > 240 {
		return fmt.Errorf("--registration-retention-months: must be a whole number of months between 1 and 240, not %q", retention)
	}
	cfg.retentionMonths = retentionMonths
	if cfg.jobsEvery < time.Minute || cfg.jobsEvery > 24*time.Hour {
		return fmt.Errorf("--registration-jobs-every: must be between 1m and 24h, not %s", cfg.jobsEvery)
	}
	if cfg.newsEvery < time.Minute || cfg.newsEvery > 24*time.Hour {
		return fmt.Errorf("--news-every: must be between 1m and 24h, not %s", cfg.newsEvery)
	}
	if cfg.renderCacheMB < 0 || cfg.renderCacheMB > 16384 {
		return fmt.Errorf("--render-cache-mb: must be between 0 (no cache) and 16384, not %d", cfg.renderCacheMB)
	}
	if cfg.maxUploadMB < 1 || cfg.maxUploadMB > 200 {
		return fmt.Errorf("--max-upload-mb: must be between 1 and 200, not %d", cfg.maxUploadMB)
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return fmt.Errorf("--log-format: must be text or json, not %q", cfg.logFormat)
	}
	return nil
}

// prepareStore fills a new database (with the default network unless empty),
// rebuilds the search index when its version changed, and says how to create
// the first account when there is none.
func prepareStore(ctx context.Context, s *store.Store, empty bool, log *slog.Logger) error {
	mode := store.InitialDefault
	if empty {
		mode = store.InitialEmpty
	}
	if err := s.EnsureInitialData(ctx, mode, dataset.Default, log); err != nil {
		return err
	}
	if rebuilt, err := s.EnsureSearchIndex(ctx); err != nil {
		return err
	} else if rebuilt {
		log.Info("rebuilt the search index", "version", store.SearchIndexVersion)
	}
	if n, err := s.CountUsers(ctx); err != nil {
		return err
	} else if n == 0 {
		log.Info("no accounts yet: the public site works; to use /admin create the first coordinator with: benicommunity user create --role coordinator --email ADDRESS")
	}
	return nil
}

// newSite builds the web site with its mail sender, translations and assets.
// mailAndCatalogue builds the mail sender and the translation catalogue that
// the site and the news job share.
func mailAndCatalogue(cfg serveConfig, log *slog.Logger) (mail.Sender, *i18n.Bundle, error) {
	sender, err := mail.New(mail.Config{SMTPURL: cfg.smtpURL, From: cfg.mailFrom, OutboxDir: filepath.Join(cfg.dataDir, "outbox")}, log)
	if err != nil {
		return nil, nil, fmt.Errorf("--smtp-url/--mail-from: %w", err)
	}
	log.Info("e-mail", "via", sender.Describe())
	bundle, err := i18n.NewBundle()
	if err != nil {
		return nil, nil, err
	}
	return sender, bundle, nil
}

func newSite(env Env, cfg serveConfig, s *store.Store, sender mail.Sender, bundle *i18n.Bundle, versions *store.VersionWatcher, m *metrics.Metrics, log *slog.Logger) (*web.Server, error) {
	static, err := assets.New()
	if err != nil {
		return nil, err
	}
	return web.New(web.Deps{Store: s, Bundle: bundle, Assets: static, Markdown: markdown.New(), Log: log, Version: env.Version,
		BaseURL: cfg.baseURL, OpenData: cfg.openData, ContactEmail: cfg.contact,
		Mail: sender, InsecureCookies: cfg.insecureCookies, MaxUpload: int64(cfg.maxUploadMB) << 20, RetentionMonths: cfg.retentionMonths,
		MapTiles: cfg.tiles, DataController: cfg.controller, TrustedProxies: cfg.trusted, Versions: versions, RenderCacheBytes: int64(cfg.renderCacheMB) << 20, Metrics: m})
}

// startNews runs the news digest and the erasure of unconfirmed join
// requests every --news-every. Several instances may run them at once: each
// day's message of a subscriber is claimed in the database before it is
// sent, and the erasure is idempotent.
func startNews(ctx context.Context, cfg serveConfig, s *store.Store, sender mail.Sender, bundle *i18n.Bundle, log *slog.Logger) {
	go sweepJoinRequests(ctx, s, cfg.newsEvery, log)
	if cfg.baseURL == "" {
		log.Warn("no --base-url: the news digest is not sent (its links and unsubscribe addresses need the public address)")
		return
	}
	news := &newsletter.Job{Store: s, Mail: sender, L: bundle.Localizer("it"), BaseURL: cfg.baseURL, Log: log}
	go news.Start(ctx, cfg.newsEvery)
}

// sweepJoinRequests erases the join requests whose confirmation link
// expired unused, every interval while the server runs. Several instances
// may sweep at once: the DELETE is idempotent.
func sweepJoinRequests(ctx context.Context, s *store.Store, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := s.DeleteUnconfirmedJoinRequests(ctx, time.Now()); err != nil && ctx.Err() == nil {
			log.Error("erase unconfirmed join requests", "err", err)
		} else if n > 0 {
			log.Info("erased unconfirmed join requests", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// serveUntilDone serves the site and its background jobs until the server
// fails or ctx is cancelled, then lets open requests finish.
func serveUntilDone(ctx context.Context, env Env, cfg serveConfig, srv *http.Server, errc <-chan error, ln net.Listener, s *store.Store, site *web.Server, log *slog.Logger) error {
	if cfg.contact == "" {
		log.Warn("no --contact-email: the accessibility statement shows no feedback address")
	}
	if cfg.controller.Name == "" || cfg.controller.Contact == "" {
		log.Warn("no --data-controller or --data-controller-contact: the privacy notices say the data controller is not configured yet")
	}
	go sweepSessions(ctx, s, log)
	go site.StartRegistrationJobs(ctx, cfg.jobsEvery)
	if cfg.backups.enabled() {
		go runBackups(ctx, s, filepath.Join(cfg.dataDir, "backups"), cfg.backups, log)
	}
	log.Info("benicommunity is serving", "url", "http://"+ln.Addr().String()+"/", "db", s.Location().String(), "version", env.Version)

	select {
	case err := <-errc:
		return fmt.Errorf("server stopped: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing open requests")
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}

// listen opens the server's address, saying plainly why it cannot.
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err == nil {
		return ln, nil
	}
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("cannot listen on %s: the address is already in use (another benicommunity or another server is running there; choose another with --addr)", addr)
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		err = opErr.Err
	}
	return nil, fmt.Errorf("cannot listen on %s: %v", addr, err)
}

// sweepSessions removes expired sessions and failed logins that no longer
// count every hour while the server runs.
// Several instances may sweep at once: the DELETE is idempotent.
func sweepSessions(ctx context.Context, s *store.Store, log *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if n, err := s.DeleteExpiredSessions(ctx, time.Now()); err != nil && ctx.Err() == nil {
			log.Error("remove expired sessions", "err", err)
		} else if n > 0 {
			log.Info("removed expired sessions", "count", n)
		}
		if _, err := s.DeleteExpiredLoginFailures(ctx, time.Now()); err != nil && ctx.Err() == nil {
			log.Error("remove expired failed logins", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// listenMetrics opens the metrics address, which must differ from the
// public one: metrics are for operators, never for the public site.
func listenMetrics(addr string, public net.Listener) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, fmt.Errorf("--metrics-addr: cannot listen on %s: the address is already in use (the public --addr, or another server)", addr)
		}
		return nil, fmt.Errorf("--metrics-addr: cannot listen on %s: %v", addr, err)
	}
	if ln.Addr().String() == public.Addr().String() {
		ln.Close()
		return nil, fmt.Errorf("--metrics-addr: %s is the public address; choose another", addr)
	}
	return ln, nil
}

// metricsMux serves /metrics and nothing else.
func metricsMux(m *metrics.Metrics) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	return mux
}
