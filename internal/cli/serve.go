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
	"syscall"
	"time"

	"benicommunity/internal/assets"
	"benicommunity/internal/dataset"
	"benicommunity/internal/i18n"
	"benicommunity/internal/mail"
	"benicommunity/internal/markdown"
	"benicommunity/internal/newsletter"
	"benicommunity/internal/store"
	"benicommunity/internal/web"
)

// DefaultAddr is where the server listens unless told otherwise.
const DefaultAddr = "127.0.0.1:8080"

func runServe(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "serve", "Run the web server. The database is created and migrated on first start,\nand filled with the default network unless --empty is given.")
	addr := fs.String("addr", envOr(env, "BENICOMMUNITY_ADDR", DefaultAddr), "address to listen on (env BENICOMMUNITY_ADDR)")
	db := dbFlag(fs, env)
	empty := fs.Bool("empty", false, "start a new database with no data instead of the default network")
	logFormat := fs.String("log-format", envOr(env, "BENICOMMUNITY_LOG_FORMAT", "text"), "log format: text or json (env BENICOMMUNITY_LOG_FORMAT)")
	od := openDataFlags(fs, env)
	contact := fs.String("contact-email", envOr(env, "BENICOMMUNITY_CONTACT_EMAIL", ""), "address for accessibility feedback, shown on /accessibilita (env BENICOMMUNITY_CONTACT_EMAIL)")
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
	newsEvery := fs.Duration("news-every", 10*time.Minute, "how often the news digest (at most one e-mail a day per subscriber) and the erasure of unconfirmed join requests run; needs --base-url for the digest")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	baseURL, openData, err := od.parse()
	if err != nil {
		return err
	}
	if *contact != "" {
		if a, err := netmail.ParseAddress(*contact); err != nil || a.Name != "" {
			return fmt.Errorf("--contact-email: %q is not a plain e-mail address such as accessibilita@comune.example.it", *contact)
		}
	}
	tiles, err := web.ParseMapTiles(*tilesURL, *tilesCredit)
	if err != nil {
		return err
	}
	retentionMonths, err := strconv.Atoi(*retention)
	if err != nil || retentionMonths < 1 || retentionMonths > 240 {
		return fmt.Errorf("--registration-retention-months: must be a whole number of months between 1 and 240, not %q", *retention)
	}
	if *jobsEvery < time.Minute || *jobsEvery > 24*time.Hour {
		return fmt.Errorf("--registration-jobs-every: must be between 1m and 24h, not %s", *jobsEvery)
	}
	if *newsEvery < time.Minute || *newsEvery > 24*time.Hour {
		return fmt.Errorf("--news-every: must be between 1m and 24h, not %s", *newsEvery)
	}
	if *maxUploadMB < 1 || *maxUploadMB > 200 {
		return fmt.Errorf("--max-upload-mb: must be between 1 and 200, not %d", *maxUploadMB)
	}
	if *logFormat != "text" && *logFormat != "json" {
		return fmt.Errorf("--log-format: must be text or json, not %q", *logFormat)
	}
	log := newLogger(env.Stderr, *logFormat)

	// Listen first: an address in use is reported before any database work.
	ln, err := listen(*addr)
	if err != nil {
		return err
	}
	defer ln.Close()

	s, err := openStore(ctx, *db, log)
	if err != nil {
		return err
	}
	defer s.Close()
	mode := store.InitialDefault
	if *empty {
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
	sender, err := mail.New(mail.Config{SMTPURL: *smtpURL, From: *mailFrom, OutboxDir: filepath.Join(*dataDir, "outbox")}, log)
	if err != nil {
		return fmt.Errorf("--smtp-url/--mail-from: %w", err)
	}
	log.Info("e-mail", "via", sender.Describe())
	bundle, err := i18n.NewBundle()
	if err != nil {
		return err
	}
	static, err := assets.New()
	if err != nil {
		return err
	}
	site, err := web.New(web.Deps{Store: s, Bundle: bundle, Assets: static, Markdown: markdown.New(), Log: log, Version: env.Version,
		BaseURL: baseURL, OpenData: openData, ContactEmail: *contact,
		Mail: sender, InsecureCookies: *insecureCookies, MaxUpload: int64(*maxUploadMB) << 20, RetentionMonths: retentionMonths,
		MapTiles: tiles})
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           site.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          nil,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if *contact == "" {
		log.Warn("no --contact-email: the accessibility statement shows no feedback address")
	}
	go sweepSessions(ctx, s, log)
	go site.StartRegistrationJobs(ctx, *jobsEvery)
	go sweepJoinRequests(ctx, s, *newsEvery, log)
	if baseURL == "" {
		log.Warn("no --base-url: the news digest is not sent (its links and unsubscribe addresses need the public address)")
	} else {
		// Several instances may run it at once: each day's message of a
		// subscriber is claimed in the database before it is sent.
		news := &newsletter.Job{Store: s, Mail: sender, L: bundle.Localizer("it"), BaseURL: baseURL, Log: log}
		go news.Start(ctx, *newsEvery)
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

// sweepSessions removes expired sessions every hour while the server runs.
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
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
