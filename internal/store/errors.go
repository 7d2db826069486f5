package store

import (
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// ErrNotFound is returned when the requested row does not exist.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned when a write breaks a uniqueness rule (e.g. a slug in use).
var ErrConflict = errors.New("already exists")

// ErrInUse is returned when a row cannot be removed because others refer to it.
var ErrInUse = errors.New("still referenced")

// mapError turns driver errors into the package's sentinel errors, in one place,
// so callers above never look at driver types.
func mapError(err error) error {
	if err == nil {
		return nil
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "23505":
			return errors.Join(ErrConflict, err)
		case "23503":
			return errors.Join(ErrInUse, err)
		}
		return err
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "UNIQUE constraint failed"), strings.Contains(msg, "PRIMARY KEY constraint failed"):
		return errors.Join(ErrConflict, err)
	case strings.Contains(msg, "FOREIGN KEY constraint failed"):
		return errors.Join(ErrInUse, err)
	}
	return err
}
