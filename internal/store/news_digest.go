package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"benicommunity/internal/domain"
)

// NewsItem is one thing published, to be announced in the news digest.
type NewsItem struct {
	ID           int64
	Kind         domain.NewsKind
	Ref          string // identifies the thing within its kind (e.g. the activity's slug)
	Title        string
	URLPath      string // site path, e.g. /tappe/chieri-2020
	ProvinceCode string // for pacts: the province they are in
	PublishedAt  time.Time
}

// PublishNews appends a published thing to the news queue. The same kind
// and ref are announced once: a second call returns false and changes
// nothing. Call it on a Tx to publish with the change that made the thing
// public.
func (c conn) PublishNews(ctx context.Context, it NewsItem) (bool, error) {
	if _, ok := it.Kind.Topic(); !ok {
		return false, fmt.Errorf("publish news: unknown kind %q", it.Kind)
	}
	if it.Ref == "" || it.Title == "" || !strings.HasPrefix(it.URLPath, "/") {
		return false, fmt.Errorf("publish news %s: ref, title and a site path are required", it.Kind)
	}
	res, err := c.exec(ctx, `INSERT INTO news_items (kind, ref, title, url_path, province_code, published_at)
VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind, ref) DO NOTHING`,
		string(it.Kind), it.Ref, it.Title, it.URLPath, strings.ToUpper(it.ProvinceCode), it.PublishedAt.UTC())
	if err != nil {
		return false, fmt.Errorf("publish news %s %q: %w", it.Kind, it.Ref, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// DueNewsSubscribers lists, in id order after afterID, the confirmed
// subscribers who have had no message since dayStart (the start of today in
// Europe/Rome), at most limit: a job pages through them with the last id.
func (s *Store) DueNewsSubscribers(ctx context.Context, dayStart time.Time, afterID int64, limit int) ([]NewsSubscriber, error) {
	rows, err := s.query(ctx, newsSubscriberSelect+`WHERE confirmed_at IS NOT NULL AND (last_sent_at IS NULL OR last_sent_at < ?)
AND id > ? ORDER BY id LIMIT ?`, dayStart.UTC(), afterID, limitOr(limit))
	if err != nil {
		return nil, fmt.Errorf("list due subscribers: %w", err)
	}
	defer rows.Close()
	var out []NewsSubscriber
	for rows.Next() {
		n, err := scanNewsSubscriber(rows)
		if err != nil {
			return nil, fmt.Errorf("list due subscribers: %w", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// NewsFor returns the items a subscriber wants that were published after
// their last message (or their confirmation) and up to until, oldest first.
func (s *Store) NewsFor(ctx context.Context, n NewsSubscriber, until time.Time) ([]NewsItem, error) {
	since := n.CreatedAt
	if n.ConfirmedAt != nil {
		since = *n.ConfirmedAt
	}
	if n.LastSentAt != nil {
		since = *n.LastSentAt
	}
	var (
		conds []string
		args  = []any{since.UTC(), until.UTC()}
	)
	var kinds []any
	for _, k := range []domain.NewsKind{domain.NewsStage, domain.NewsActivity, domain.NewsOutcome, domain.NewsMaterial, domain.NewsPractice} {
		if t, _ := k.Topic(); n.Has(t) {
			kinds = append(kinds, string(k))
		}
	}
	if len(kinds) > 0 {
		conds = append(conds, `kind IN (`+placeholders(len(kinds))+`)`)
		args = append(args, kinds...)
	}
	if n.Has(domain.TopicPacts) && len(n.PactProvinces) > 0 {
		conds = append(conds, `(kind = 'pact' AND province_code IN (`+placeholders(len(n.PactProvinces))+`))`)
		for _, p := range n.PactProvinces {
			args = append(args, p)
		}
	}
	if len(conds) == 0 {
		return nil, nil
	}
	rows, err := s.query(ctx, `SELECT id, kind, ref, title, url_path, province_code, published_at FROM news_items
WHERE published_at > ? AND published_at <= ? AND (`+strings.Join(conds, " OR ")+`) ORDER BY published_at, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("news for subscriber %d: %w", n.ID, err)
	}
	defer rows.Close()
	var out []NewsItem
	for rows.Next() {
		var it NewsItem
		if err := rows.Scan(&it.ID, &it.Kind, &it.Ref, &it.Title, &it.URLPath, &it.ProvinceCode, &it.PublishedAt); err != nil {
			return nil, fmt.Errorf("news for subscriber %d: %w", n.ID, err)
		}
		it.PublishedAt = it.PublishedAt.UTC()
		out = append(out, it)
	}
	return out, rows.Err()
}

// ClaimNewsDigest marks today's message of a subscriber as sent before it
// is sent and reports whether this caller won: with several instances
// running the job at once, exactly one gets true per subscriber and day.
func (s *Store) ClaimNewsDigest(ctx context.Context, id int64, dayStart, now time.Time) (bool, error) {
	res, err := s.exec(ctx, `UPDATE news_subscribers SET last_sent_at = ?
WHERE id = ? AND confirmed_at IS NOT NULL AND (last_sent_at IS NULL OR last_sent_at < ?)`, micro(now), id, dayStart.UTC())
	if err != nil {
		return false, fmt.Errorf("claim news digest of subscriber %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("claim news digest of subscriber %d: %w", id, err)
	}
	return n == 1, nil
}

// ReleaseNewsDigest gives a claim back when sending failed: last_sent_at
// returns to what it was, so the next run sends the same items.
func (s *Store) ReleaseNewsDigest(ctx context.Context, id int64, claimedAt time.Time, previous *time.Time) error {
	var prev any
	if previous != nil {
		prev = previous.UTC()
	}
	if _, err := s.exec(ctx, `UPDATE news_subscribers SET last_sent_at = ? WHERE id = ? AND last_sent_at = ?`, prev, id, micro(claimedAt)); err != nil {
		return fmt.Errorf("release news digest of subscriber %d: %w", id, err)
	}
	return nil
}

// micro is an instant at the precision both databases keep, so a value
// written can be compared with the same value later.
func micro(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }
