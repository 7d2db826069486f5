package cli

import (
	"context"
	"fmt"
	"os"

	"benicommunity/internal/store"
)

// pgDumpNote is said whenever a PostgreSQL "backup" is an archive: the
// archive holds the whole network and its personal data, but not what the
// archive format leaves out (sessions, single-use links), nor the server's
// own settings; pg_dump is the full copy.
const pgDumpNote = "note: on PostgreSQL, pg_dump is the tool for a full database backup; " +
	"benicommunity writes the portable archive of export --include-personal instead"

func runBackup(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "backup", "Copy the database to a file while the server keeps running.\n"+
		"SQLite: a consistent copy of the database file (VACUUM INTO), written under a\n"+
		"temporary name and renamed, never half-written. PostgreSQL: the archive that\n"+
		"export --include-personal writes (use pg_dump for a full database backup).\n"+
		"Put it back with benicommunity restore --from FILE.")
	db := dbFlag(fs, env)
	to := fs.String("to", "", "file to write the backup to (required)")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if *to == "" {
		return fmt.Errorf("--to: give the file to write the backup to, e.g. --to backups/benicommunity.db")
	}
	if fi, err := os.Stat(*to); err == nil && fi.IsDir() {
		return fmt.Errorf("--to: %s is a folder: give a file name", *to)
	}
	s, err := openExisting(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	if s.Dialect() == store.Postgres {
		fmt.Fprintln(env.Stderr, pgDumpNote)
	}
	if err := backupTo(ctx, s, *to); err != nil {
		return fmt.Errorf("--to: %w", err)
	}
	fmt.Fprintf(env.Stdout, "backed up %s to %s\n", s.Location(), *to)
	return nil
}

// backupTo writes a copy of the database to path: the database file on
// SQLite, the archive with personal data on PostgreSQL.
func backupTo(ctx context.Context, s *store.Store, path string) error {
	if s.Dialect() == store.SQLite {
		return s.CopySQLite(ctx, path)
	}
	_, data, err := encodeArchive(ctx, s, true)
	if err != nil {
		return err
	}
	return atomicWrite(path, data)
}

// openExisting opens a database that must already exist, without
// migrating it: a backup taken with a newer binary before an upgrade must
// not change the schema under the server still running, and opening a
// missing SQLite file would create an empty database and back that up.
func openExisting(ctx context.Context, dbValue string) (*store.Store, error) {
	loc, err := store.ParseLocation(dbValue)
	if err != nil {
		return nil, fmt.Errorf("--db: %w", err)
	}
	if loc.Dialect == store.SQLite {
		if _, err := os.Stat(loc.Path); err != nil {
			return nil, fmt.Errorf("--db: no database at %s", loc.Path)
		}
	}
	s, err := store.Open(ctx, loc)
	if err != nil {
		return nil, err
	}
	// The file copy of SQLite works on any schema; the archive is read with
	// this version's queries, so its schema must match.
	if loc.Dialect == store.Postgres {
		if err := s.CheckSchema(ctx); err != nil {
			s.Close()
			return nil, fmt.Errorf("%w (back up with the benicommunity version that runs this database)", err)
		}
	}
	return s, nil
}
