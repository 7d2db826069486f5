package cli

import (
	"context"
	"flag"
	"fmt"
	"log/slog"

	"benicommunity/internal/store"
)

// DefaultDB is where the embedded database lives unless told otherwise.
const DefaultDB = "sqlite:data/benicommunity.db"

func dbFlag(fs *flag.FlagSet, env Env) *string {
	return fs.String("db", envOr(env, "BENICOMMUNITY_DB", DefaultDB),
		"database: sqlite:PATH for the embedded database or postgres://USER@HOST/DB (env BENICOMMUNITY_DB)")
}

// openStore parses the location, connects and migrates.
func openStore(ctx context.Context, dbValue string, log *slog.Logger) (*store.Store, error) {
	loc, err := store.ParseLocation(dbValue)
	if err != nil {
		return nil, fmt.Errorf("--db: %w", err)
	}
	s, err := store.Open(ctx, loc)
	if err != nil {
		return nil, err
	}
	n, err := s.Migrate(ctx, log)
	if err != nil {
		s.Close()
		return nil, err
	}
	log.Info("database ready", "db", loc.String(), "migrations_applied", n, "schema_version", store.LatestVersion(loc.Dialect))
	return s, nil
}

func runMigrate(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "migrate", "Apply every database migration this binary knows, then exit.")
	db := dbFlag(fs, env)
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	log := newLogger(env.Stderr, "text")
	s, err := openStore(ctx, *db, log)
	if err != nil {
		return err
	}
	defer s.Close()
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "database schema at version %d\n", v)
	return nil
}
