package cli

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"benicommunity/internal/store"
)

// backupSchedule holds serve's --backup-every and --backup-keep.
type backupSchedule struct {
	every *time.Duration
	keep  *int
}

func backupFlags(fs *flag.FlagSet) backupSchedule {
	return backupSchedule{
		every: fs.Duration("backup-every", 0, "take a backup of the database into DATA-DIR/backups this often, e.g. 24h; 0 (the default) takes none"),
		keep:  fs.Int("backup-keep", 14, "how many backups --backup-every keeps in DATA-DIR/backups; older ones are removed"),
	}
}

func (b backupSchedule) enabled() bool { return *b.every > 0 }

func (b backupSchedule) check() error {
	if *b.every < 0 || (*b.every > 0 && *b.every < time.Minute) || *b.every > 31*24*time.Hour {
		return fmt.Errorf("--backup-every: must be 0 (no backups) or between 1m and 744h, not %s", *b.every)
	}
	if *b.keep < 1 || *b.keep > 10000 {
		return fmt.Errorf("--backup-keep: must be between 1 and 10000, not %d", *b.keep)
	}
	return nil
}

// Backup files are named by the time they were taken, so that the names
// sort in age order.
const (
	backupPrefix = "benicommunity-"
	backupStamp  = "20060102T150405Z"
)

// runBackups takes a backup now and then every period, while the server
// runs. With several instances on one PostgreSQL only the instance that
// claims the period in the database takes it.
func runBackups(ctx context.Context, s *store.Store, dir string, b backupSchedule, log *slog.Logger) {
	t := time.NewTicker(*b.every)
	defer t.Stop()
	for {
		if path, err := scheduledBackup(ctx, s, dir, *b.every, *b.keep, time.Now()); err != nil && ctx.Err() == nil {
			log.Error("scheduled backup", "err", err)
		} else if path != "" {
			log.Info("backed up the database", "file", path)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// scheduledBackup takes one rotating backup into dir if this instance wins
// the period, and removes the oldest beyond keep. It returns the file
// written, or "" when another instance has this period.
func scheduledBackup(ctx context.Context, s *store.Store, dir string, every time.Duration, keep int, now time.Time) (string, error) {
	ok, err := s.ClaimJob(ctx, "backup", now, every)
	if err != nil || !ok {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create the backup folder: %w", err)
	}
	ext := ".db"
	if s.Dialect() == store.Postgres {
		ext = ".json"
	}
	path := filepath.Join(dir, backupPrefix+now.UTC().Format(backupStamp)+ext)
	if err := backupTo(ctx, s, path); err != nil {
		return "", err
	}
	if err := pruneBackups(dir, keep); err != nil {
		return path, err
	}
	return path, nil
}

// pruneBackups removes the oldest backups beyond keep. Only files named as
// this server names them are touched.
func pruneBackups(dir string, keep int) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("list backups: %w", err)
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		stamp, _, _ := strings.Cut(strings.TrimPrefix(n, backupPrefix), ".")
		if e.Type().IsRegular() && strings.HasPrefix(n, backupPrefix) && (strings.HasSuffix(n, ".db") || strings.HasSuffix(n, ".json")) {
			if _, err := time.Parse(backupStamp, stamp); err == nil {
				names = append(names, n)
			}
		}
	}
	slices.Sort(names)
	for len(names) > keep {
		if err := os.Remove(filepath.Join(dir, names[0])); err != nil {
			return fmt.Errorf("remove old backup: %w", err)
		}
		names = names[1:]
	}
	return nil
}
