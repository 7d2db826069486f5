package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"benicommunity/internal/dataset"
	"benicommunity/internal/domain"
)

// exportNews writes the queue of published things (public: titles and
// site paths of things already public).
func (c conn) exportNews(ctx context.Context, ds *dataset.Dataset) error {
	rows, err := c.query(ctx, `SELECT id, kind, ref, title, url_path, province_code, published_at FROM news_items ORDER BY id`)
	if err != nil {
		return fmt.Errorf("news: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			n  dataset.NewsItem
			at time.Time
		)
		if err := rows.Scan(&n.ID, &n.Kind, &n.Ref, &n.Title, &n.URLPath, &n.ProvinceCode, &at); err != nil {
			return fmt.Errorf("news: %w", err)
		}
		n.PublishedAt = instant(at)
		ds.News = append(ds.News, n)
	}
	return rows.Err()
}

func (tx *Tx) importNews(ctx context.Context, list []dataset.NewsItem) error {
	for _, n := range list {
		if _, ok := domain.NewsKind(n.Kind).Topic(); !ok {
			return fmt.Errorf("news item %d: unknown kind %q", n.ID, n.Kind)
		}
		at, err := parseInstant(n.PublishedAt)
		if err != nil {
			return fmt.Errorf("news item %d: published_at: %w", n.ID, err)
		}
		if _, err := tx.exec(ctx, withID(n.ID, `INSERT INTO news_items (kind, ref, title, url_path, province_code, published_at)
VALUES (?, ?, ?, ?, ?, ?)`), withIDArgs(n.ID, n.Kind, n.Ref, n.Title, n.URLPath, n.ProvinceCode, at)...); err != nil {
			return fmt.Errorf("news item %d: %w", n.ID, err)
		}
	}
	return nil
}

// exportNewsSubscribers writes every subscriber with all its columns, for
// the personal section.
func (c conn) exportNewsSubscribers(ctx context.Context) ([]dataset.NewsSubscriber, error) {
	rows, err := c.query(ctx, `SELECT id, email, topic_stages, topic_outcomes, topic_materials, topic_pacts, pact_provinces,
consent_version, consent_at, COALESCE(confirm_hash, ''), confirm_expires_at, confirmed_at, unsubscribe_token, last_sent_at, created_at
FROM news_subscribers ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("news subscribers: %w", err)
	}
	defer rows.Close()
	var out []dataset.NewsSubscriber
	for rows.Next() {
		var (
			n                         dataset.NewsSubscriber
			flags                     [4]bool
			provinces                 string
			consent, expires, created time.Time
			confirmed, last           sql.NullTime
		)
		if err := rows.Scan(&n.ID, &n.Email, &flags[0], &flags[1], &flags[2], &flags[3], &provinces, &n.ConsentVersion, &consent,
			&n.ConfirmHash, &expires, &confirmed, &n.UnsubscribeToken, &last, &created); err != nil {
			return nil, fmt.Errorf("news subscribers: %w", err)
		}
		n.Topics = []string{}
		for i, on := range flags {
			if on {
				n.Topics = append(n.Topics, string(domain.NewsTopics[i]))
			}
		}
		if provinces != "" {
			n.PactProvinces = strings.Split(provinces, ",")
		}
		n.ConsentAt, n.ConfirmExpiresAt, n.CreatedAt = instant(consent), instant(expires), instant(created)
		n.ConfirmedAt, n.LastSentAt = optInstant(confirmed), optInstant(last)
		out = append(out, n)
	}
	return out, rows.Err()
}

func (tx *Tx) importNewsSubscriber(ctx context.Context, n dataset.NewsSubscriber) error {
	var flags [4]bool
	for _, t := range n.Topics {
		i := slices.Index(domain.NewsTopics, domain.NewsTopic(t))
		if i < 0 {
			return fmt.Errorf("unknown topic %q", t)
		}
		flags[i] = true
	}
	var times [5]any
	for i, v := range []string{n.ConsentAt, n.ConfirmExpiresAt, n.ConfirmedAt, n.LastSentAt, n.CreatedAt} {
		t, err := timeArg(v)
		if err != nil {
			return err
		}
		times[i] = t
	}
	if times[0] == nil || times[1] == nil || times[4] == nil || n.UnsubscribeToken == "" {
		return fmt.Errorf("consent_at, confirm_expires_at, created_at and unsubscribe_token are required")
	}
	_, err := tx.exec(ctx, withID(n.ID, `INSERT INTO news_subscribers (email, topic_stages, topic_outcomes, topic_materials, topic_pacts,
pact_provinces, consent_version, consent_at, confirm_hash, confirm_expires_at, confirmed_at, unsubscribe_token, last_sent_at, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`), withIDArgs(n.ID, NormalizeEmail(n.Email), flags[0], flags[1], flags[2], flags[3],
		strings.Join(n.PactProvinces, ","), n.ConsentVersion, times[0], nullString(n.ConfirmHash), times[1], times[2],
		n.UnsubscribeToken, times[3], times[4])...)
	return err
}
