package opendata

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/url"
	"sort"
	"strings"
	"sync"

	"benicommunity/internal/store"
)

// Cursors are opaque to clients but carry the position of the last row of a
// page (keyset pagination), which list they belong to and a fingerprint of
// the filters they were made for. They are signed with HMAC-SHA256 under a
// key kept in the database (store.Secret), so every instance and every
// restart accepts the cursors the others made, and an edited cursor, a cursor
// from another list or one reused with other filters is refused with 400.

const cursorSecretName = "api_cursor"

// errBadCursor is any cursor the server did not make for this list and filters.
var errBadCursor = errors.New("invalid cursor")

// cursorKeys loads the signing key once; a failed load is retried on the next request.
type cursorKeys struct {
	mu  sync.Mutex
	key []byte
}

func (c *cursorKeys) get(ctx context.Context, st *store.Store) ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.key != nil {
		return c.key, nil
	}
	key, err := st.Secret(ctx, cursorSecretName)
	if err != nil {
		return nil, err
	}
	c.key = key
	return key, nil
}

// cursor is what a cursor says once verified.
type cursor struct {
	Version int    `json:"v"`
	List    string `json:"l"`           // "activities" or "bodies"
	Filter  string `json:"f"`           // fingerprint of the filters
	Day     string `json:"d,omitempty"` // activities: starts_on of the last row
	Name    string `json:"n,omitempty"` // bodies: name of the last row
	ID      int64  `json:"i"`
}

const cursorMACSize = 16

func (s *Handler) encodeCursor(ctx context.Context, c cursor) (string, error) {
	key, err := s.cursorKeys.get(ctx, s.Store)
	if err != nil {
		return "", err
	}
	c.Version = 1
	payload, err := json.Marshal(c)
	if err != nil {
		return "", err
	}
	mac := hmac.New(sha256.New, key)
	mac.Write(payload)
	return base64.RawURLEncoding.EncodeToString(payload) + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil)[:cursorMACSize]), nil
}

// decodeCursor verifies a cursor for a list and filter fingerprint. A store
// failure is returned as such; everything else about a bad cursor is errBadCursor.
func (s *Handler) decodeCursor(ctx context.Context, raw, list, filter string) (cursor, error) {
	var c cursor
	key, err := s.cursorKeys.get(ctx, s.Store)
	if err != nil {
		return c, err
	}
	p64, m64, ok := strings.Cut(raw, ".")
	if !ok || len(raw) > 1024 {
		return c, errBadCursor
	}
	payload, err1 := base64.RawURLEncoding.DecodeString(p64)
	sum, err2 := base64.RawURLEncoding.DecodeString(m64)
	if err1 != nil || err2 != nil {
		return c, errBadCursor
	}
	mac := hmac.New(sha256.New, key)
	mac.Write(payload)
	if !hmac.Equal(sum, mac.Sum(nil)[:cursorMACSize]) {
		return c, errBadCursor
	}
	if err := json.Unmarshal(payload, &c); err != nil || c.Version != 1 || c.List != list || c.Filter != filter || c.ID <= 0 {
		return cursor{}, errBadCursor
	}
	return c, nil
}

// filterFingerprint names a set of filters independently of their order in
// the URL; paging parameters are left out, so the page size may change between pages.
func filterFingerprint(q url.Values) string {
	var parts []string
	for k, vs := range q {
		if k == "cursor" || k == "limit" {
			continue
		}
		for _, v := range vs {
			parts = append(parts, k+"="+v)
		}
	}
	sort.Strings(parts)
	sum := sha256.Sum256([]byte(strings.Join(parts, "&")))
	return hex.EncodeToString(sum[:8])
}
