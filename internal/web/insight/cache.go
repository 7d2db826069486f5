package insight

import (
	"context"
	"fmt"
	"sync"
	"time"

	"benicommunity/internal/geo"
	"benicommunity/internal/istat"
	"benicommunity/internal/store"
)

// insightCacheSize bounds how many filter combinations are kept; the
// filters are a community, a start and an end date, so a handful are hot.
const insightCacheSize = 64

// insightCache keeps derived reports in memory, keyed by filter. Before
// using an entry it reads the database's data version (one single-row
// query, bumped by triggers on every write), so an instance never serves
// figures older than the last write, even one made by another instance;
// and it drops them when an upcoming activity's day passes, which changes
// what counts without any write.
type insightCache struct {
	store *store.Store
	band  store.BandFunc

	mu      sync.Mutex
	version int64
	// expires is when the figures change by time alone (an upcoming
	// activity's day passing makes it count); zero: not known to change.
	expires time.Time
	entries map[string]store.InsightReport
	order   []string       // insertion order, to drop the oldest when full
	views   map[string]any // values built from a report (page data, map), same life
}

func newInsightCache(s *store.Store, reg *istat.Registry) *insightCache {
	band := func(code string) (string, bool) {
		c, ok := reg.ByCode(code)
		if !ok {
			return "", false
		}
		return string(c.Band()), true
	}
	return &insightCache{store: s, band: band, entries: map[string]store.InsightReport{}, views: map[string]any{}}
}

// view returns a value derived from the report of f (rendered charts, the
// map), built once per data version: on a large network drawing thousands
// of markers and bars costs more than deriving the figures.
func (c *insightCache) view(ctx context.Context, f store.InsightFilter, name string, build func(store.InsightReport) (any, error)) (any, error) {
	r, err := c.report(ctx, f)
	if err != nil {
		return nil, err
	}
	key := name + "|" + f.Key()
	c.mu.Lock()
	v, ok := c.views[key]
	version := c.version
	c.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err = build(r)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.version == version && len(c.views) < 4*insightCacheSize {
		c.views[key] = v
	}
	c.mu.Unlock()
	return v, nil
}

// report returns the figures for a filter, from memory when nothing was
// written since they were computed.
func (c *insightCache) report(ctx context.Context, f store.InsightFilter) (store.InsightReport, error) {
	v, err := c.store.InsightDataVersion(ctx)
	if err != nil {
		return store.InsightReport{}, err
	}
	key := f.Key()
	now := c.store.Now()
	c.mu.Lock()
	stale := v != c.version || (!c.expires.IsZero() && !now.Before(c.expires))
	c.mu.Unlock()
	if stale {
		at, ok, err := c.store.NextPageChange(ctx)
		if err != nil {
			return store.InsightReport{}, err
		}
		if !ok {
			at = time.Time{}
		}
		c.mu.Lock()
		c.version, c.expires = v, at
		c.entries = map[string]store.InsightReport{}
		c.order = nil
		c.views = map[string]any{}
		c.mu.Unlock()
	}
	c.mu.Lock()
	r, ok := c.entries[key]
	c.mu.Unlock()
	if ok {
		return r, nil
	}
	data, err := c.store.InsightData(ctx, f)
	if err != nil {
		return store.InsightReport{}, err
	}
	r = store.DeriveInsight(data, c.band)
	c.mu.Lock()
	// Store only if no write happened meanwhile: otherwise the next
	// request recomputes with the new data.
	if c.version == v {
		if _, dup := c.entries[key]; !dup {
			if len(c.order) >= insightCacheSize {
				delete(c.entries, c.order[0])
				c.order = c.order[1:]
			}
			c.order = append(c.order, key)
		}
		c.entries[key] = r
	}
	c.mu.Unlock()
	return r, nil
}

func (s *Handler) loadInsightDeps() error {
	if s.istat == nil {
		reg, err := istat.Load()
		if err != nil {
			return fmt.Errorf("load the comuni registry: %w", err)
		}
		s.istat = reg
	}
	if s.geo == nil {
		m, err := geo.Load()
		if err != nil {
			return fmt.Errorf("load the map: %w", err)
		}
		s.geo = m
	}
	s.insight = newInsightCache(s.Store, s.istat)
	return nil
}
