package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"benicommunity/internal/dataset"
	"benicommunity/internal/store"
)

// sqliteHeader opens every SQLite database file.
var sqliteHeader = []byte("SQLite format 3\x00")

func runRestore(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "restore", "Fill a database from a file written by benicommunity backup: an SQLite database\n"+
		"file or a JSON archive (what export writes), told apart by their first bytes.\n"+
		"The database must be empty unless --force is given; --force first keeps a copy\n"+
		"of what it replaces and says where. Stop the servers of an SQLite database first.")
	db := dbFlag(fs, env)
	from := fs.String("from", "", "backup file to restore: an SQLite database file or a JSON archive (required)")
	force := fs.Bool("force", false, "replace a database that already holds data, after keeping a copy of it")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if *from == "" {
		return fmt.Errorf("--from: give the backup file to restore")
	}
	loc, err := store.ParseLocation(*db)
	if err != nil {
		return fmt.Errorf("--db: %w", err)
	}
	isSQLite, err := backupKind(*from)
	if err != nil {
		return err
	}
	log := newLogger(env.Stderr, "text")
	r := restorer{env: env, log: log, from: *from, force: *force, stamp: time.Now().UTC().Format(backupStamp)}
	if loc.Dialect == store.SQLite {
		return r.intoSQLite(ctx, *db, loc, isSQLite)
	}
	return r.intoPostgres(ctx, *db, isSQLite)
}

// backupKind tells an SQLite file from a JSON archive by the first bytes.
func backupKind(path string) (isSQLite bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return false, fmt.Errorf("--from: %w", err)
	}
	defer f.Close()
	head := make([]byte, 512)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return false, fmt.Errorf("--from: read %s: %w", path, err)
	}
	head = head[:n]
	if bytes.HasPrefix(head, sqliteHeader) {
		return true, nil
	}
	if t := bytes.TrimLeft(head, " \t\r\n"); len(t) > 0 && t[0] == '{' {
		return false, nil
	}
	return false, fmt.Errorf("--from: %s is neither an SQLite database nor a JSON archive", path)
}

type restorer struct {
	env   Env
	log   *slog.Logger
	from  string
	force bool
	stamp string
}

// intoSQLite builds the restored database beside the target under a
// temporary name and renames it over the target: the target is at every
// moment either the old database or the whole restored one.
func (r restorer) intoSQLite(ctx context.Context, dbValue string, loc store.Location, fromSQLite bool) error {
	if _, err := os.Stat(loc.Path); err == nil {
		if err := r.keepSQLite(ctx, dbValue, loc); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(filepath.Dir(loc.Path), 0o755); err != nil {
		return fmt.Errorf("--db: %w", err)
	}
	tmp, err := r.buildSQLite(ctx, filepath.Dir(loc.Path), fromSQLite)
	if err != nil {
		return err
	}
	// The old write-ahead log belongs to the old file: left beside the new
	// one, SQLite would replay it into it.
	for _, side := range []string{"-wal", "-shm"} {
		if err := os.Remove(loc.Path + side); err != nil && !errors.Is(err, os.ErrNotExist) {
			os.Remove(tmp)
			return fmt.Errorf("--db: remove %s: %w", loc.Path+side, err)
		}
	}
	if err := os.Rename(tmp, loc.Path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("--db: %w", err)
	}
	fmt.Fprintf(r.env.Stdout, "restored %s into %s\n", r.from, loc)
	return nil
}

// keepSQLite refuses a target that holds data, or with --force copies it
// aside first.
func (r restorer) keepSQLite(ctx context.Context, dbValue string, loc store.Location) error {
	s, err := openStore(ctx, dbValue, r.log)
	if err != nil {
		return err
	}
	defer s.Close()
	empty, err := s.IsEmpty(ctx)
	if err != nil || empty {
		return err
	}
	if !r.force {
		return refuseNotEmpty(s)
	}
	keep := loc.Path + ".before-restore-" + r.stamp
	if err := s.CopySQLite(ctx, keep); err != nil {
		return fmt.Errorf("keep a copy before replacing: %w", err)
	}
	fmt.Fprintf(r.env.Stderr, "kept a copy of the database being replaced in %s\n", keep)
	return nil
}

// buildSQLite makes the restored database as a new file in dir and returns
// its name.
func (r restorer) buildSQLite(ctx context.Context, dir string, fromSQLite bool) (string, error) {
	f, err := os.CreateTemp(dir, ".benicommunity-restore-*.db")
	if err != nil {
		return "", fmt.Errorf("--db: cannot write in %s: %w", dir, err)
	}
	tmp := f.Name()
	f.Close()
	fail := func(err error) (string, error) {
		for _, p := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
			os.Remove(p)
		}
		return "", err
	}
	if fromSQLite {
		if err := copyFile(r.from, tmp); err != nil {
			return fail(fmt.Errorf("--from: %w", err))
		}
	} else {
		os.Remove(tmp) // a fresh database, not an empty file
	}
	s, err := openStore(ctx, "sqlite:"+tmp, r.log) // migrates an older backup too
	if err != nil {
		return fail(fmt.Errorf("--from: %w", err))
	}
	if fromSQLite {
		err = s.IntegrityCheck(ctx)
	} else {
		var ds dataset.Dataset
		if ds, err = r.readArchive(); err == nil {
			err = s.Import(ctx, ds)
		}
	}
	if err == nil {
		// Fold the write-ahead log into the file, which alone is renamed.
		_, err = s.CheckpointSQLite(ctx)
	}
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fail(fmt.Errorf("nothing was restored: %w", err))
	}
	os.Remove(tmp + "-wal")
	os.Remove(tmp + "-shm")
	return tmp, nil
}

// intoPostgres imports the backup (an SQLite backup is read through a
// temporary copy) into an empty database, or with --force keeps an archive
// of the database and replaces its content in one transaction.
func (r restorer) intoPostgres(ctx context.Context, dbValue string, fromSQLite bool) error {
	ds, err := r.dataset(ctx, fromSQLite)
	if err != nil {
		return err
	}
	s, err := openStore(ctx, dbValue, r.log)
	if err != nil {
		return err
	}
	defer s.Close()
	empty, err := s.IsEmpty(ctx)
	if err != nil {
		return err
	}
	if empty {
		if err := s.Import(ctx, ds); err != nil {
			return fmt.Errorf("nothing was restored: %w", err)
		}
	} else {
		if !r.force {
			return refuseNotEmpty(s)
		}
		keep := filepath.Join(filepath.Dir(r.from), "benicommunity-before-restore-"+r.stamp+".json")
		_, data, err := encodeArchive(ctx, s, true)
		if err == nil {
			err = atomicWrite(keep, data)
		}
		if err != nil {
			return fmt.Errorf("keep a copy before replacing (nothing was changed): %w", err)
		}
		fmt.Fprintf(r.env.Stderr, "kept an archive of the database being replaced in %s\n", keep)
		if err := s.ReplaceWith(ctx, ds); err != nil {
			return fmt.Errorf("nothing was restored: %w", err)
		}
	}
	fmt.Fprintf(r.env.Stdout, "restored %s into %s\n", r.from, s.Location())
	return nil
}

// dataset reads the backup as an archive; an SQLite backup is copied to a
// temporary file (opening migrates it, which must not touch the backup) and
// exported with its personal data.
func (r restorer) dataset(ctx context.Context, fromSQLite bool) (dataset.Dataset, error) {
	if !fromSQLite {
		return r.readArchive()
	}
	dir, err := os.MkdirTemp("", "benicommunity-restore-")
	if err != nil {
		return dataset.Dataset{}, fmt.Errorf("restore: %w", err)
	}
	defer os.RemoveAll(dir)
	tmp := filepath.Join(dir, "backup.db")
	if err := copyFile(r.from, tmp); err != nil {
		return dataset.Dataset{}, fmt.Errorf("--from: %w", err)
	}
	s, err := openStore(ctx, "sqlite:"+tmp, r.log)
	if err != nil {
		return dataset.Dataset{}, fmt.Errorf("--from: %w", err)
	}
	defer s.Close()
	if err := s.IntegrityCheck(ctx); err != nil {
		return dataset.Dataset{}, fmt.Errorf("--from: %w", err)
	}
	return s.Export(ctx, store.ExportOptions{IncludePersonal: true})
}

func (r restorer) readArchive() (dataset.Dataset, error) {
	data, err := readArchive(Env{}, r.from)
	if err != nil {
		return dataset.Dataset{}, err
	}
	ds, err := dataset.Parse(data)
	if err != nil {
		return ds, fmt.Errorf("%s is not a valid archive: %w", r.from, err)
	}
	if err := ds.CheckArchive(); err != nil {
		return ds, fmt.Errorf("%s: %w", r.from, err)
	}
	return ds, nil
}

func refuseNotEmpty(s *store.Store) error {
	return fmt.Errorf("%s already holds data (a network, accounts or registrations): restore fills only an empty database; "+
		"give --force to replace it (a copy of it is kept first)", s.Location())
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}
