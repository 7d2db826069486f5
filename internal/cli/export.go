package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"benicommunity/internal/dataset"
	"benicommunity/internal/store"
)

func runExport(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "export", "Write the whole network (activities, bodies with logos, attachments, themes, tables,\n"+
		"types, communities, settings, registrations with personal fields erased) as one JSON\n"+
		"archive, documented in docs/data-model.md#archive. Personal data (accounts, whole\n"+
		"registrations, the audit log, the registration link key) is written only with\n"+
		"--include-personal. Sessions and single-use tokens are never written.")
	db := dbFlag(fs, env)
	output := fs.String("output", "-", "file to write the archive to, or - for standard output")
	personal := fs.Bool("include-personal", false, "also write personal data (accounts, registrations, audit log, link key)")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if *output == "" {
		return fmt.Errorf("--output: give a file name, or - for standard output")
	}
	if err := checkDatabaseExists(*db); err != nil {
		return err
	}
	log := newLogger(env.Stderr, "text")
	s, err := openStore(ctx, *db, log)
	if err != nil {
		return err
	}
	defer s.Close()
	ds, data, err := encodeArchive(ctx, s, *personal)
	if err != nil {
		return err
	}
	if err := writeArchive(env, *output, data); err != nil {
		return err
	}
	log.Info("exported the network", "bodies", len(ds.Bodies), "activities", len(ds.Activities),
		"personal", *personal, "output", *output)
	return nil
}

// encodeArchive reads the whole network and encodes it as an archive; export
// and the PostgreSQL backups share it.
func encodeArchive(ctx context.Context, s *store.Store, personal bool) (dataset.Dataset, []byte, error) {
	ds, err := s.Export(ctx, store.ExportOptions{IncludePersonal: personal})
	if err != nil {
		return ds, nil, err
	}
	data, err := json.MarshalIndent(ds, "", "  ")
	if err != nil {
		return ds, nil, fmt.Errorf("encode archive: %w", err)
	}
	return ds, append(data, '\n'), nil
}

// checkDatabaseExists refuses an SQLite file that is not there, which
// opening would create empty: an export of nothing is a mistake.
func checkDatabaseExists(dbValue string) error {
	loc, err := store.ParseLocation(dbValue)
	if err != nil {
		return fmt.Errorf("--db: %w", err)
	}
	if loc.Dialect == store.SQLite {
		if _, err := os.Stat(loc.Path); err != nil {
			return fmt.Errorf("--db: no database at %s", loc.Path)
		}
	}
	return nil
}

// writeArchive writes the archive to standard output ("-") or, atomically,
// to a file.
func writeArchive(env Env, output string, data []byte) error {
	if output == "-" {
		if _, err := env.Stdout.Write(data); err != nil {
			return fmt.Errorf("write archive: %w", err)
		}
		return nil
	}
	return writeFileAtomic(output, data)
}

// writeFileAtomic writes through a temporary file renamed into place, so a
// failure never leaves half an archive under the requested name.
func writeFileAtomic(path string, data []byte) error {
	if err := atomicWrite(path, data); err != nil {
		return fmt.Errorf("--output: %w", err)
	}
	return nil
}

func atomicWrite(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".benicommunity-export-*")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", dir, err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
