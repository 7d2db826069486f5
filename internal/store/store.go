// Package store keeps the network's data in SQLite or PostgreSQL. It is the
// only package that knows there are two databases: everything above it calls
// the same methods and gets the same domain types and sentinel errors.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // registers the "sqlite" database/sql driver
)

// Store is the data access layer.
type Store struct {
	db      *sql.DB
	dialect Dialect
	loc     Location
	conn
	clock
	watchers *watchers

	// afterVersionRead, when set by a test, runs in Migrate between reading
	// the schema version and applying migrations: where two starts race.
	afterVersionRead func()
}

// Open connects to the database at loc and checks it answers. It does not migrate.
func Open(ctx context.Context, loc Location) (*Store, error) {
	var (
		db  *sql.DB
		err error
	)
	switch loc.Dialect {
	case SQLite:
		db, err = openSQLite(loc.Path)
	case Postgres:
		db, err = openPostgres(loc.URL)
	default:
		return nil, fmt.Errorf("unknown database dialect %q", loc.Dialect)
	}
	if err != nil {
		return nil, err
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		db.Close()
		if loc.Dialect == Postgres {
			return nil, fmt.Errorf("cannot reach PostgreSQL at %s: %s", loc, postgresCause(err))
		}
		return nil, fmt.Errorf("cannot open SQLite database %s: %w", loc.Path, err)
	}
	s := &Store{db: db, dialect: loc.Dialect, loc: loc, watchers: &watchers{}}
	s.conn = conn{q: db, d: loc.Dialect}
	return s, nil
}

func openSQLite(path string) (*sql.DB, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		if errors.Is(err, syscall.ENOTDIR) {
			return nil, fmt.Errorf("cannot create the database folder %s: part of that path is a file, not a folder", dir)
		}
		return nil, fmt.Errorf("cannot create the database folder %s: %v", dir, pathCause(err))
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("the database path %s is a folder: give a file path such as %s", path, filepath.Join(path, "benicommunity.db"))
	}
	if err := checkWritable(dir); err != nil {
		return nil, err
	}
	// WAL lets readers run beside the writer; an immediate transaction lock
	// avoids the deadlock of two readers upgrading to writers; the busy
	// timeout makes a second writer wait instead of failing.
	dsn := "file:" + path +
		"?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)" +
		"&_pragma=synchronous(NORMAL)&_txlock=immediate&_time_format=sqlite"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open SQLite database %s: %w", path, err)
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return db, nil
}

// checkWritable tries to create a file beside the database: SQLite needs to
// write its journal there, and a clear message now beats an I/O error later.
// It is a real attempt, not a look at permission bits, which root ignores.
func checkWritable(dir string) error {
	f, err := os.CreateTemp(dir, ".write-check-*")
	if err != nil {
		return fmt.Errorf("the database folder %s is not writable (%v): choose a folder where files can be created", dir, pathCause(err))
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// pathCause keeps the reason of a file-system error without repeating the path.
func pathCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// postgresCause says in one line why PostgreSQL did not answer. The driver
// lists every address it tried on lines of their own; the first network or
// server error says it all.
func postgresCause(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Message
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		return opErr.Error()
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return dnsErr.Error()
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "no answer within 10 seconds"
	}
	return strings.Join(strings.Fields(err.Error()), " ")
}

func openPostgres(url string) (*sql.DB, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("open PostgreSQL: %w", err)
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(10)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return db, nil
}

// Dialect tells which database the store runs on (for logs and health checks).
func (s *Store) Dialect() Dialect { return s.dialect }

// Location returns where the store is, without secrets.
func (s *Store) Location() Location { return s.loc }

// Ping checks the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// Close releases the connections.
func (s *Store) Close() error { return s.db.Close() }

// InTx runs fn in one transaction: all of it is written, or none.
func (s *Store) InTx(ctx context.Context, fn func(tx *Tx) error) error {
	sqlTx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	tx := &Tx{conn: conn{q: sqlTx, d: s.dialect}}
	if err := fn(tx); err != nil {
		sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", mapError(err))
	}
	s.afterCommit()
	return nil
}

// Tx is a transaction; it has the same write methods as the store.
type Tx struct {
	conn
}

// querier is what *sql.DB and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// conn runs portable SQL on a database or a transaction.
type conn struct {
	q querier
	d Dialect
}

func (c conn) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := c.q.ExecContext(ctx, c.d.rebind(query), args...)
	return res, mapError(err)
}

func (c conn) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	rows, err := c.q.QueryContext(ctx, c.d.rebind(query), args...)
	return rows, mapError(err)
}

func (c conn) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return c.q.QueryRowContext(ctx, c.d.rebind(query), args...)
}

// insertID runs an INSERT … RETURNING id and returns the new id.
func (c conn) insertID(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	if err := c.queryRow(ctx, query+" RETURNING id", args...).Scan(&id); err != nil {
		return 0, mapError(err)
	}
	return id, nil
}

// scanOne maps sql.ErrNoRows to ErrNotFound.
func scanOne(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return mapError(err)
}
