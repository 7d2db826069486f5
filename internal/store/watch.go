package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// The data version (table insight_data_version) is bumped by triggers on
// every table a public page shows (migrations 0004 and 0009), so a cached
// page is valid for exactly one version. A VersionWatcher knows the current
// version without a database round trip per request:
//
//   - on this instance, every committed Store.InTx wakes it at once;
//   - on PostgreSQL it listens on the channel benicommunity_data_version,
//     notified by the triggers at commit, on a dedicated connection; while
//     that connection is down it reads the version row every pollInterval
//     and reconnects;
//   - on SQLite, where another process (benicommunity import) may write the
//     same file, it reads the version row every pollInterval.

const (
	versionChannel  = "benicommunity_data_version"
	pollInterval    = 250 * time.Millisecond
	reconnectPause  = time.Second
	watchAppName    = "benicommunity-version-watch"
	versionReadWait = 5 * time.Second
)

// VersionWatcher tells the current data version cheaply and when it changes.
type VersionWatcher struct {
	s       *Store
	log     *slog.Logger
	version atomic.Int64
	listen  atomic.Bool // PostgreSQL: the LISTEN connection is up

	mu      sync.Mutex
	changed chan struct{} // closed when the version changes
	poke    chan struct{}
}

// DataVersion returns the current data version with one query.
func (s *Store) DataVersion(ctx context.Context) (int64, error) { return s.InsightDataVersion(ctx) }

// WatchVersion starts watching the data version until ctx ends (end it
// before closing the store). It reads the version once before returning, so
// Version is right from the start. A cache compares Version with the one it
// rendered at, or waits on Changed.
func (s *Store) WatchVersion(ctx context.Context, log *slog.Logger) (*VersionWatcher, error) {
	v, err := s.DataVersion(ctx)
	if err != nil {
		return nil, fmt.Errorf("watch data version: %w", err)
	}
	w := &VersionWatcher{s: s, log: log, changed: make(chan struct{}), poke: make(chan struct{}, 1)}
	w.version.Store(v)
	s.addWatcher(w)
	go func() {
		defer s.removeWatcher(w)
		if s.dialect == Postgres {
			w.runPostgres(ctx)
			return
		}
		w.runPoll(ctx)
	}()
	return w, nil
}

// Version is the last data version seen: no database round trip.
func (w *VersionWatcher) Version() int64 { return w.version.Load() }

// Changed returns a channel closed at the next change of Version.
func (w *VersionWatcher) Changed() <-chan struct{} {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.changed
}

// Listening tells whether, on PostgreSQL, the notification connection is
// up (false on SQLite, which always polls).
func (w *VersionWatcher) Listening() bool { return w.listen.Load() }

// refresh reads the version row and publishes a change.
func (w *VersionWatcher) refresh(ctx context.Context) {
	rctx, cancel := context.WithTimeout(ctx, versionReadWait)
	defer cancel()
	v, err := w.s.DataVersion(rctx)
	if err != nil {
		if ctx.Err() == nil {
			w.log.Warn("read data version", "err", err)
		}
		return
	}
	if w.version.Swap(v) == v {
		return
	}
	w.mu.Lock()
	close(w.changed)
	w.changed = make(chan struct{})
	w.mu.Unlock()
}

// wake asks the watcher to read the version now (after a local commit).
func (w *VersionWatcher) wake() {
	select {
	case w.poke <- struct{}{}:
	default:
	}
}

// runPoll reads the version every pollInterval, and at once when woken.
func (w *VersionWatcher) runPoll(ctx context.Context) {
	t := time.NewTicker(pollInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-w.poke:
		}
		w.refresh(ctx)
	}
}

// runPostgres listens for notifications; while it cannot, it polls.
func (w *VersionWatcher) runPostgres(ctx context.Context) {
	for ctx.Err() == nil {
		err := w.listenOnce(ctx)
		w.listen.Store(false)
		if ctx.Err() != nil {
			return
		}
		w.log.Warn("data version notifications interrupted, polling until reconnected", "err", err)
		w.pollFor(ctx, reconnectPause)
	}
}

// pollFor polls the version for d.
func (w *VersionWatcher) pollFor(ctx context.Context, d time.Duration) {
	end := time.NewTimer(d)
	defer end.Stop()
	t := time.NewTicker(pollInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-end.C:
			return
		case <-t.C:
		case <-w.poke:
		}
		w.refresh(ctx)
	}
}

// listenOnce opens the dedicated connection, listens, and returns when it
// fails or ctx ends.
func (w *VersionWatcher) listenOnce(ctx context.Context) error {
	cfg, err := pgx.ParseConfig(w.s.loc.URL)
	if err != nil {
		return fmt.Errorf("parse PostgreSQL URL: %w", err)
	}
	cfg.RuntimeParams["application_name"] = watchAppName
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	c, err := pgx.ConnectConfig(cctx, cfg)
	cancel()
	if err != nil {
		return fmt.Errorf("connect: %s", postgresCause(err))
	}
	defer c.Close(context.WithoutCancel(ctx))
	if _, err := c.Exec(ctx, "LISTEN "+versionChannel); err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	w.listen.Store(true)
	// Changes made while nobody listened are read now.
	w.refresh(ctx)
	notes := make(chan error, 1)
	lctx, stop := context.WithCancel(ctx)
	defer stop()
	go func() {
		for {
			_, err := c.WaitForNotification(lctx)
			notes <- err
			if err != nil {
				return
			}
		}
	}()
	for {
		select {
		case err := <-notes:
			if err != nil {
				if errors.Is(err, context.Canceled) && ctx.Err() != nil {
					return nil
				}
				return fmt.Errorf("wait for notification: %w", err)
			}
			w.refresh(ctx)
		case <-w.poke:
			w.refresh(ctx)
		}
	}
}

// watchers are the running watchers of a store, woken after each commit.
type watchers struct {
	mu   sync.Mutex
	list []*VersionWatcher
	// commits counts the transactions this instance committed, at once:
	// a cache keyed by it reads its own writes without waiting for the
	// watcher to hear of them.
	commits atomic.Int64
}

// LocalCommits is the number of transactions this Store has committed.
func (s *Store) LocalCommits() int64 { return s.watchers.commits.Load() }

func (s *Store) addWatcher(w *VersionWatcher) {
	s.watchers.mu.Lock()
	s.watchers.list = append(s.watchers.list, w)
	s.watchers.mu.Unlock()
}

func (s *Store) removeWatcher(w *VersionWatcher) {
	s.watchers.mu.Lock()
	defer s.watchers.mu.Unlock()
	for i, x := range s.watchers.list {
		if x == w {
			s.watchers.list = append(s.watchers.list[:i], s.watchers.list[i+1:]...)
			return
		}
	}
}

// afterCommit wakes this instance's watchers: a local write is seen at once.
func (s *Store) afterCommit() {
	s.watchers.commits.Add(1)
	s.watchers.mu.Lock()
	defer s.watchers.mu.Unlock()
	for _, w := range s.watchers.list {
		w.wake()
	}
}
