package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"benicommunity/internal/dataset"
	"benicommunity/internal/store"
)

// maxArchive bounds what import reads, so a wrong file fails fast.
const maxArchive = 1 << 30

func runImport(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "import", "Load an archive written by benicommunity export into an EMPTY database, SQLite\n"+
		"or PostgreSQL, in one transaction: all of it or nothing. This is the supported\n"+
		"way to move a network from SQLite to PostgreSQL (and back).")
	db := dbFlag(fs, env)
	input := fs.String("input", "", "archive file to read, or - for standard input (required)")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if *input == "" {
		return fmt.Errorf("--input: give the archive to import (a file written by benicommunity export, or - for standard input)")
	}
	data, err := readArchive(env, *input)
	if err != nil {
		return err
	}
	ds, err := dataset.Parse(data)
	if err != nil {
		return fmt.Errorf("%s is not a valid archive: %w", *input, err)
	}
	if err := ds.CheckArchive(); err != nil {
		return fmt.Errorf("%s: %w", *input, err)
	}
	log := newLogger(env.Stderr, "text")
	s, err := openStore(ctx, *db, log)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Import(ctx, ds); err != nil {
		if errors.Is(err, store.ErrNotEmpty) {
			return fmt.Errorf("%s already holds data (a network, accounts or registrations): import writes only into an empty database (give a new sqlite: file, or a new PostgreSQL database made with createdb)", s.Location())
		}
		return fmt.Errorf("nothing was imported: %w", err)
	}
	fmt.Fprintf(env.Stdout, "imported %d bodies, %d activities, %d themes into %s\n", len(ds.Bodies), len(ds.Activities), len(ds.Themes), s.Location())
	return nil
}

func readArchive(env Env, input string) ([]byte, error) {
	var r io.Reader
	if input == "-" {
		r = env.Stdin
	} else {
		f, err := os.Open(input)
		if err != nil {
			return nil, fmt.Errorf("--input: %w", err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxArchive+1))
	if err != nil {
		return nil, fmt.Errorf("--input: read %s: %w", input, err)
	}
	if len(data) > maxArchive {
		return nil, fmt.Errorf("--input: %s is larger than 1 GiB: not an archive", input)
	}
	return data, nil
}
