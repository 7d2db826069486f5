package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"benicommunity/internal/auth"
	"benicommunity/internal/pactimport"
	"benicommunity/internal/store"
)

// runPacts dispatches "pacts import".
func runPacts(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "import" {
		fmt.Fprintln(env.Stderr, "Usage: benicommunity pacts import --body SLUG --input FILE [--dry-run] [--map COLUMN=FIELD,...]")
		return errUsage
	}
	return runPactsImport(ctx, env, args[1:])
}

func runPactsImport(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "pacts import", "Import a body's file of pacts (patti di collaborazione): CSV separated by commas or\n"+
		"semicolons, UTF-8 or Windows-1252, dates dd/mm/yyyy or yyyy-mm-dd. Columns are mapped by\n"+
		"their names (see docs/registry.md); every row is checked and the first invalid one stops\n"+
		"the import with its line: all rows are written in one transaction, or none. Rows match\n"+
		"the body's pacts by their Id, so importing the same file again changes nothing.")
	db := dbFlag(fs, env)
	body := fs.String("body", "", "slug of the body the pacts belong to (required)")
	input := fs.String("input", "", "CSV file to read, or - for standard input (required)")
	dryRun := fs.Bool("dry-run", false, "check the file and tell what would change, writing nothing")
	mapping := fs.String("map", "", "columns to map by hand: COLUMN=FIELD pairs separated by commas (FIELD - ignores a column)")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if *body == "" || *input == "" {
		return fmt.Errorf("--body and --input are required (run benicommunity pacts import --help)")
	}
	override, err := parseMapping(*mapping)
	if err != nil {
		return err
	}
	data, err := readArchive(env, *input)
	if err != nil {
		return err
	}
	tab, err := pactimport.Parse(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s: nothing was imported: %w", *input, err)
	}
	m, err := pactimport.DetectMapping(tab.Header, override)
	if err != nil {
		return fmt.Errorf("%s: nothing was imported: %w", *input, err)
	}
	batch, err := pactimport.Convert(tab, m)
	if err != nil {
		return fmt.Errorf("%s: nothing was imported: %w", *input, err)
	}
	log := newLogger(env.Stderr, "text")
	s, err := openStore(ctx, *db, log)
	if err != nil {
		return err
	}
	defer s.Close()
	b, err := s.Body(ctx, *body)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("--body: no body with slug %q", *body)
	}
	if err != nil {
		return err
	}
	// the command line is the operator: it acts with a coordinator's rights
	operator := &auth.User{Role: auth.Coordinator, Email: "command line (pacts import)"}
	res, err := s.ImportPacts(ctx, operator, b.ID, batch, *dryRun)
	if err != nil {
		return fmt.Errorf("%s: nothing was imported: %w", *input, err)
	}
	verb := "imported"
	if *dryRun {
		verb = "dry run, nothing written: would import"
	}
	fmt.Fprintf(env.Stdout, "%s %d rows of %s (%s, separator %q) for %s: %d new, %d updated, %d unchanged\n",
		verb, len(batch.Records), *input, tab.Encoding, tab.Delimiter, b.Name, res.Created, res.Updated, res.Unchanged)
	for _, c := range m.Columns(tab.Header) {
		f := string(c.Field)
		if f == "" {
			f = "(not imported)"
		}
		fmt.Fprintf(env.Stdout, "  %-40s → %s\n", c.Column, f)
	}
	return nil
}

func parseMapping(v string) (map[string]pactimport.Field, error) {
	out := map[string]pactimport.Field{}
	if strings.TrimSpace(v) == "" {
		return out, nil
	}
	for _, pair := range strings.Split(v, ",") {
		col, field, ok := strings.Cut(pair, "=")
		if !ok || strings.TrimSpace(col) == "" {
			return nil, fmt.Errorf("--map: %q is not COLUMN=FIELD", pair)
		}
		f := pactimport.Field(strings.TrimSpace(field))
		if !f.Valid() {
			return nil, fmt.Errorf("--map: unknown field %q (fields: %v, or - to ignore)", field, pactimport.Fields)
		}
		out[strings.TrimSpace(col)] = f
	}
	return out, nil
}
