package store

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
)

// SiteKey returns a secret kept in the database under a name, creating it
// on first use. Every instance on the same database signs with the same key.
func (s *Store) SiteKey(ctx context.Context, name string) ([]byte, error) {
	key := "key." + name
	fresh := make([]byte, 32)
	rand.Read(fresh)
	if _, err := s.exec(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`,
		key, base64.RawStdEncoding.EncodeToString(fresh)); err != nil {
		return nil, fmt.Errorf("create site key %s: %w", name, err)
	}
	var v string
	if err := s.queryRow(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v); err != nil {
		return nil, fmt.Errorf("load site key %s: %w", name, err)
	}
	b, err := base64.RawStdEncoding.DecodeString(v)
	if err != nil || len(b) < 32 {
		return nil, fmt.Errorf("site key %s is damaged", name)
	}
	return b, nil
}
