package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/mail"
	"syscall"
	"time"

	"benicommunity/internal/assets"
	"benicommunity/internal/dataset"
	"benicommunity/internal/i18n"
	"benicommunity/internal/markdown"
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
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	baseURL, openData, err := od.parse(*addr)
	if err != nil {
		return err
	}
	if *contact != "" {
		if a, err := mail.ParseAddress(*contact); err != nil || a.Name != "" {
			return fmt.Errorf("--contact-email: %q is not a plain e-mail address such as accessibilita@comune.example.it", *contact)
		}
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
	bundle, err := i18n.NewBundle()
	if err != nil {
		return err
	}
	static, err := assets.New()
	if err != nil {
		return err
	}
	site, err := web.New(web.Deps{Store: s, Bundle: bundle, Assets: static, Markdown: markdown.New(), Log: log, Version: env.Version,
		BaseURL: baseURL, OpenData: openData, ContactEmail: *contact})
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
