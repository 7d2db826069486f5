package store

import (
	"context"
	"fmt"
	"strings"

	"benicommunity/internal/dataset"
)

// tableNames lists the tables of the schema from the database's own
// catalogue, so code over it also sees tables added later. SQLite's FTS5
// bookkeeping tables are left out: they belong to their index.
func (c conn) tableNames(ctx context.Context) ([]string, error) {
	q := `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	if c.d == SQLite {
		q = `SELECT t.name FROM sqlite_master t WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite_%' AND NOT EXISTS (
SELECT 1 FROM sqlite_master v WHERE v.type = 'table' AND v.sql LIKE 'CREATE VIRTUAL TABLE%' AND t.name IN
(v.name || '_data', v.name || '_idx', v.name || '_content', v.name || '_docsize', v.name || '_config'))`
	}
	rows, err := c.query(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("list tables: %w", err)
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	return names, nil
}

// ReplaceWith empties every table but the migration record and loads ds, in
// one transaction: the database holds either what it held or the archive,
// never a mix. It is restore --force; the caller keeps a copy first.
func (s *Store) ReplaceWith(ctx context.Context, ds dataset.Dataset) error {
	if err := ds.CheckArchive(); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Tx) error {
		names, err := tx.tableNames(ctx)
		if err != nil {
			return err
		}
		var quoted []string
		for _, n := range names {
			if n != "schema_migrations" {
				quoted = append(quoted, `"`+n+`"`) // names come from the catalogue
			}
		}
		if s.dialect == Postgres {
			if _, err := tx.exec(ctx, `TRUNCATE `+strings.Join(quoted, ", ")+` RESTART IDENTITY CASCADE`); err != nil {
				return fmt.Errorf("replace: empty the tables: %w", err)
			}
		} else {
			// Rows go in catalogue order: foreign keys are checked at commit.
			if _, err := tx.exec(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
				return fmt.Errorf("replace: %w", err)
			}
			for _, n := range quoted {
				if _, err := tx.exec(ctx, `DELETE FROM `+n); err != nil {
					return fmt.Errorf("replace: empty %s: %w", n, err)
				}
			}
		}
		return tx.importAll(ctx, ds)
	})
}
