package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// FeedFilter chooses the activities of a calendar or news feed.
type FeedFilter struct {
	TypeSlug      string
	CommunitySlug string
	StagesOnly    bool
	WithCancelled bool // calendars keep cancelled activities so subscribers see the cancellation
	OutcomesOnly  bool // activities whose outcome report was written or shared
	ByUpdate      bool // most recently changed first (news feeds); otherwise by date, newest first
	Limit         int
	// Before, with ByUpdate, starts after this entry: the next (older) page
	// of a paged news feed.
	Before *FeedPosition
}

// FeedPosition is where a page of a news feed ends: the last entry's
// update time and id, the feed's order.
type FeedPosition struct {
	UpdatedAt time.Time
	ID        int64
}

// FeedLimit caps how many activities one feed carries.
const FeedLimit = 2000

func (f FeedFilter) where() (string, []any) {
	conds := []string{"a.status = 'published'"}
	if f.WithCancelled {
		conds[0] = "a.status IN ('published', 'cancelled')"
	}
	var args []any
	if f.TypeSlug != "" {
		conds = append(conds, "t.slug = ?")
		args = append(args, f.TypeSlug)
	}
	if f.CommunitySlug != "" {
		conds = append(conds, "c.slug = ?")
		args = append(args, f.CommunitySlug)
	}
	if f.StagesOnly {
		conds = append(conds, "a.is_stage = ?")
		args = append(args, true)
	}
	if f.OutcomesOnly {
		conds = append(conds, "(a.outcome_report <> '' OR a.outcome_shared = ?)")
		args = append(args, true)
	}
	if f.ByUpdate && f.Before != nil {
		conds = append(conds, "(a.updated_at < ? OR (a.updated_at = ? AND a.id < ?))")
		args = append(args, f.Before.UpdatedAt.UTC(), f.Before.UpdatedAt.UTC(), f.Before.ID)
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// FeedActivities returns the activities of a feed with their hosts, loaded in
// two queries whatever their number.
func (s *Store) FeedActivities(ctx context.Context, f FeedFilter) ([]ActivitySummary, error) {
	where, args := f.where()
	order := " ORDER BY a.starts_on DESC, a.id DESC"
	if f.ByUpdate {
		order = " ORDER BY a.updated_at DESC, a.id DESC"
	}
	limit := f.Limit
	if limit <= 0 || limit > FeedLimit {
		limit = FeedLimit
	}
	rows, err := s.query(ctx, `SELECT `+activityColumns+activityFrom+where+order+` LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("list feed activities: %w", err)
	}
	defer rows.Close()
	var out []ActivitySummary
	for rows.Next() {
		a, err := scanActivity(rows)
		if err != nil {
			return nil, fmt.Errorf("list feed activities: %w", err)
		}
		out = append(out, ActivitySummary{Activity: a})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list feed activities: %w", err)
	}
	if err := s.fillSummaries(ctx, out); err != nil {
		return nil, err
	}
	return out, nil
}

// FeedActivity returns one activity with its hosts, whatever its status.
func (s *Store) FeedActivity(ctx context.Context, slug string) (ActivitySummary, error) {
	a, err := s.Activity(ctx, slug)
	if err != nil {
		return ActivitySummary{}, err
	}
	list := []ActivitySummary{{Activity: a}}
	if err := s.fillSummaries(ctx, list); err != nil {
		return ActivitySummary{}, err
	}
	return list[0], nil
}

// Community returns one community by slug.
func (s *Store) Community(ctx context.Context, slug string) (CommunityRef, error) {
	var c CommunityRef
	err := s.queryRow(ctx, `SELECT id, slug, name FROM communities WHERE slug = ?`, slug).Scan(&c.ID, &c.Slug, &c.Name)
	if err != nil {
		return c, fmt.Errorf("load community %q: %w", slug, scanOne(err))
	}
	return c, nil
}

// CommunityRef is the short form of a community.
type CommunityRef struct {
	ID   int64
	Slug string
	Name string
}

// SitemapEntry is one public page and when its content last changed.
type SitemapEntry struct {
	Slug     string
	IsStage  bool
	Modified time.Time
}

// SitemapActivities lists every published activity's page.
func (s *Store) SitemapActivities(ctx context.Context) ([]SitemapEntry, error) {
	return s.sitemapEntries(ctx, `SELECT slug, is_stage, updated_at FROM activities WHERE status = 'published' ORDER BY starts_on, id`)
}

// SitemapBodies lists every body's page.
func (s *Store) SitemapBodies(ctx context.Context) ([]SitemapEntry, error) {
	return s.sitemapEntries(ctx, `SELECT slug, FALSE, updated_at FROM bodies ORDER BY name, id`)
}

func (s *Store) sitemapEntries(ctx context.Context, query string) ([]SitemapEntry, error) {
	rows, err := s.query(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("sitemap entries: %w", err)
	}
	defer rows.Close()
	var out []SitemapEntry
	for rows.Next() {
		var e SitemapEntry
		if err := rows.Scan(&e.Slug, &e.IsStage, &e.Modified); err != nil {
			return nil, fmt.Errorf("sitemap entries: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// OpenDataDates are the dates the open-data catalogue declares.
type OpenDataDates struct {
	Issued             time.Time // first record of the network
	ActivitiesModified time.Time // last change to a published activity (its participations and counters too)
	BodiesModified     time.Time
}

// OpenDataDates finds when the published data began and last changed. A
// database with no data yet gets the zero time for each.
func (s *Store) OpenDataDates(ctx context.Context) (OpenDataDates, error) {
	var d OpenDataDates
	// Reading a column (not MAX of it) keeps its declared type, so SQLite's
	// driver returns a time as PostgreSQL's does.
	queries := []struct {
		dst *time.Time
		sql string
	}{
		{&d.ActivitiesModified, `SELECT updated_at FROM activities WHERE status = 'published' ORDER BY updated_at DESC LIMIT 1`},
		{&d.BodiesModified, `SELECT updated_at FROM bodies ORDER BY updated_at DESC LIMIT 1`},
		{&d.Issued, `SELECT created_at FROM activities WHERE status = 'published' ORDER BY created_at LIMIT 1`},
	}
	for _, q := range queries {
		err := s.queryRow(ctx, q.sql).Scan(q.dst)
		if err := scanOne(err); err != nil && err != ErrNotFound {
			return d, fmt.Errorf("open data dates: %w", err)
		}
	}
	return d, nil
}
