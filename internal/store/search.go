package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"benicommunity/internal/fulltext"
)

// The search index (table search_documents, migration 0003) is written from
// Go, not by database triggers on the data tables: its terms come from the
// Italian stemmer in internal/fulltext, which SQLite cannot call. So every
// store method that writes an activity (with its tables and outcome report),
// a body or a theme must call the matching reindex method on the same
// connection, inside the transaction of the write. Deleting a row needs
// nothing: its documents go with it (ON DELETE CASCADE).

// SearchIndexVersion names the way terms are computed. When it changes,
// EnsureSearchIndex rebuilds the index at start-up.
const SearchIndexVersion = "1"

// SearchKind is what a search result is.
type SearchKind string

const (
	SearchActivity SearchKind = "activity"
	SearchReport   SearchKind = "report" // an activity's outcome report
	SearchTable    SearchKind = "table"  // a breakout table of an activity
	SearchBody     SearchKind = "body"
	SearchTheme    SearchKind = "theme"
)

// SearchKinds lists the kinds in display order.
var SearchKinds = []SearchKind{SearchActivity, SearchReport, SearchTable, SearchBody, SearchTheme}

// Valid reports whether k is a known kind.
func (k SearchKind) Valid() bool {
	for _, v := range SearchKinds {
		if v == k {
			return true
		}
	}
	return false
}

type searchDoc struct {
	kind                                 SearchKind
	activityID, tableID, bodyID, themeID *int64
	typeID                               *int64
	pactID, regulationID, practiceID     *int64
	title, content, extraTerms           string
}

func (c conn) insertSearchDoc(ctx context.Context, d searchDoc) error {
	terms := fulltext.Terms(d.content)
	if d.extraTerms != "" {
		terms = strings.TrimSpace(terms + " " + fulltext.Terms(d.extraTerms))
	}
	_, err := c.exec(ctx, `INSERT INTO search_documents (kind, activity_id, table_id, body_id, theme_id, type_id,
pact_id, regulation_id, practice_id, title, content, title_terms, content_terms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		string(d.kind), d.activityID, d.tableID, d.bodyID, d.themeID, d.typeID, d.pactID, d.regulationID, d.practiceID,
		d.title, d.content, fulltext.Terms(d.title), terms)
	return err
}

// reindexActivity rewrites the search documents of an activity: the
// activity itself, its outcome report and its breakout tables. Only
// published activities are searchable; for any other status the activity
// simply leaves the index. Call it after every write to the activity or its
// tables, in the same transaction.
func (c conn) reindexActivity(ctx context.Context, id int64) error {
	if _, err := c.exec(ctx, `DELETE FROM search_documents WHERE activity_id = ?`, id); err != nil {
		return fmt.Errorf("reindex activity %d: %w", id, err)
	}
	var (
		title, headline, summary, description, report, status string
		typeID                                                int64
	)
	err := c.queryRow(ctx, `SELECT title, headline, summary, description, outcome_report, status, type_id
FROM activities WHERE id = ?`, id).Scan(&title, &headline, &summary, &description, &report, &status, &typeID)
	if err != nil {
		return fmt.Errorf("reindex activity %d: %w", id, scanOne(err))
	}
	if status != "published" {
		return nil
	}
	var parts []string
	for _, p := range []string{headline, summary, description} {
		if strings.TrimSpace(p) != "" {
			parts = append(parts, p)
		}
	}
	// The names of its themes make an activity findable by theme (a theme's
	// search result links to the activities on it).
	themeNames, err := c.strings(ctx, `SELECT th.name FROM activity_themes at JOIN themes th ON th.id = at.theme_id
WHERE at.activity_id = ? ORDER BY at.position, th.id`, id)
	if err != nil {
		return fmt.Errorf("reindex activity %d: themes: %w", id, err)
	}
	docs := []searchDoc{{kind: SearchActivity, activityID: &id, typeID: &typeID, title: title,
		content: strings.Join(parts, "\n\n"), extraTerms: strings.Join(themeNames, " ")}}
	if strings.TrimSpace(report) != "" {
		docs = append(docs, searchDoc{kind: SearchReport, activityID: &id, typeID: &typeID, title: title, content: report})
	}
	rows, err := c.query(ctx, `SELECT id, title, outcome FROM breakout_tables WHERE activity_id = ? ORDER BY position, id`, id)
	if err != nil {
		return fmt.Errorf("reindex activity %d: tables: %w", id, err)
	}
	for rows.Next() {
		var tid int64
		var ttitle, outcome string
		if err := rows.Scan(&tid, &ttitle, &outcome); err != nil {
			rows.Close()
			return fmt.Errorf("reindex activity %d: tables: %w", id, err)
		}
		docs = append(docs, searchDoc{kind: SearchTable, activityID: &id, tableID: &tid, typeID: &typeID, title: ttitle, content: outcome})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reindex activity %d: tables: %w", id, err)
	}
	for _, d := range docs {
		if err := c.insertSearchDoc(ctx, d); err != nil {
			return fmt.Errorf("reindex activity %d: %w", id, err)
		}
	}
	return nil
}

// reindexBody rewrites the search document of a body (name, description,
// province). Call it after every write to the body, in the same transaction.
func (c conn) reindexBody(ctx context.Context, id int64) error {
	if _, err := c.exec(ctx, `DELETE FROM search_documents WHERE body_id = ?`, id); err != nil {
		return fmt.Errorf("reindex body %d: %w", id, err)
	}
	var name, description, province string
	if err := c.queryRow(ctx, `SELECT name, description, province FROM bodies WHERE id = ?`, id).Scan(&name, &description, &province); err != nil {
		return fmt.Errorf("reindex body %d: %w", id, scanOne(err))
	}
	if err := c.insertSearchDoc(ctx, searchDoc{kind: SearchBody, bodyID: &id, title: name, content: description, extraTerms: province}); err != nil {
		return fmt.Errorf("reindex body %d: %w", id, err)
	}
	return nil
}

// reindexTheme rewrites the search document of a theme, and those of the
// activities on it. Call it after every write to the theme, in the same
// transaction. Linking a theme to an activity is a write to the activity.
func (c conn) reindexTheme(ctx context.Context, id int64) error {
	if err := c.indexTheme(ctx, id); err != nil {
		return err
	}
	// activities carry the names of their themes
	ids, err := c.ids(ctx, `SELECT activity_id FROM activity_themes WHERE theme_id = ? ORDER BY activity_id`, id)
	if err != nil {
		return fmt.Errorf("reindex theme %d: activities: %w", id, err)
	}
	for _, aid := range ids {
		if err := c.reindexActivity(ctx, aid); err != nil {
			return err
		}
	}
	return nil
}

// indexTheme rewrites the theme's own document only.
func (c conn) indexTheme(ctx context.Context, id int64) error {
	if _, err := c.exec(ctx, `DELETE FROM search_documents WHERE theme_id = ?`, id); err != nil {
		return fmt.Errorf("reindex theme %d: %w", id, err)
	}
	var name string
	if err := c.queryRow(ctx, `SELECT name FROM themes WHERE id = ?`, id).Scan(&name); err != nil {
		return fmt.Errorf("reindex theme %d: %w", id, scanOne(err))
	}
	if err := c.insertSearchDoc(ctx, searchDoc{kind: SearchTheme, themeID: &id, title: name}); err != nil {
		return fmt.Errorf("reindex theme %d: %w", id, err)
	}
	return nil
}

func (c conn) strings(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := c.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// markSearchIndex records how the index was built.
func (c conn) markSearchIndex(ctx context.Context) error {
	_, err := c.exec(ctx, `INSERT INTO settings (key, value) VALUES ('search_index_version', ?)
ON CONFLICT (key) DO UPDATE SET value = excluded.value`, SearchIndexVersion)
	return err
}

// EnsureSearchIndex rebuilds the search index when it was built another way
// (or never: a database that had data before migration 0003).
func (s *Store) EnsureSearchIndex(ctx context.Context) (rebuilt bool, err error) {
	var v string
	err = s.queryRow(ctx, `SELECT value FROM settings WHERE key = 'search_index_version'`).Scan(&v)
	if err == nil && v == SearchIndexVersion {
		return false, nil
	}
	if err != nil && err != sql.ErrNoRows {
		return false, fmt.Errorf("read search index version: %w", err)
	}
	return true, s.RebuildSearchIndex(ctx)
}

// RebuildSearchIndex recomputes every search document in one transaction.
func (s *Store) RebuildSearchIndex(ctx context.Context) error {
	return s.InTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM search_documents`); err != nil {
			return fmt.Errorf("clear search index: %w", err)
		}
		for _, q := range []struct {
			sql     string
			reindex func(context.Context, int64) error
		}{
			{`SELECT id FROM themes ORDER BY id`, tx.indexTheme}, // activities follow
			{`SELECT id FROM bodies ORDER BY id`, tx.reindexBody},
			{`SELECT id FROM activities WHERE status = 'published' ORDER BY id`, tx.reindexActivity},
			{`SELECT id FROM regulations WHERE status = 'adopted' ORDER BY id`, tx.reindexRegulation},
			{`SELECT id FROM pacts WHERE published ORDER BY id`, tx.reindexPact},
			{`SELECT id FROM practices WHERE published ORDER BY id`, tx.reindexPractice},
		} {
			ids, err := tx.ids(ctx, q.sql)
			if err != nil {
				return fmt.Errorf("rebuild search index: %w", err)
			}
			for _, id := range ids {
				if err := q.reindex(ctx, id); err != nil {
					return err
				}
			}
		}
		return tx.markSearchIndex(ctx)
	})
}

func (c conn) ids(ctx context.Context, query string, args ...any) ([]int64, error) {
	rows, err := c.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// SearchQuery is a full-text search: the words a person typed and filters.
type SearchQuery struct {
	Text     string
	Kind     SearchKind // empty: every kind
	TypeSlug string     // activity type; keeps only activities, reports and tables
	Limit    int
	Offset   int
}

// SearchHit is one result. Title and Content are the indexed text, for the
// caller to excerpt and highlight with the query's Terms.
type SearchHit struct {
	Kind     SearchKind
	Title    string
	Content  string
	Slug     string // of the page to open: the activity's, the body's, the theme's, the pact's or the practice's; for a regulation its body's
	IsStage  bool   // the activity is a stage (its page is under /tappe)
	Activity string // for reports and tables: the activity's title
	TypeName string // for activities, reports and tables
	Place    string // for bodies: province and region
}

// SearchResults is one page of hits, best first, and how many match in all.
type SearchResults struct {
	Terms []string // the query's search terms; empty when it had no searchable word
	Hits  []SearchHit
	Total int
}

// Search finds published activities, outcome reports, breakout tables,
// bodies, themes, published pacts and practices and adopted regulations by their words, best match first. Both databases match
// the same terms (computed by internal/fulltext) and rank by relevance with
// the title weighing more than the text: BM25 on SQLite, ts_rank (normalised
// by document length) on PostgreSQL. Only published activities are ever in
// the index (reindexActivity), so no join is needed to filter them.
func (s *Store) Search(ctx context.Context, q SearchQuery) (SearchResults, error) {
	res := SearchResults{Terms: fulltext.QueryTerms(q.Text)}
	if len(res.Terms) == 0 {
		return res, nil
	}
	// matched lists the matching documents with their score (lower is
	// better); its arguments come first. On SQLite the ranking runs on the
	// FTS5 table alone, which is three times faster than ranking a join.
	var matched string
	var args []any
	switch s.dialect {
	case SQLite:
		quoted := make([]string, len(res.Terms))
		for i, t := range res.Terms {
			quoted[i] = `"` + t + `"` // terms are letters and digits only
		}
		matched = `SELECT rowid AS id, bm25(search_index, 4.0, 1.0) AS score FROM search_index WHERE search_index MATCH ?`
		args = append(args, strings.Join(quoted, " "))
	case Postgres:
		matched = `SELECT d.id, -ts_rank(d.tsv, query, 1) AS score
FROM search_documents d, plainto_tsquery('italian', ?) query WHERE d.tsv @@ query`
		args = append(args, strings.Join(res.Terms, " "))
	}
	var filters []string
	if q.Kind != "" {
		filters = append(filters, `kind = ?`)
		args = append(args, string(q.Kind))
	}
	if q.TypeSlug != "" {
		filters = append(filters, `type_id = (SELECT id FROM activity_types WHERE slug = ?)`)
		args = append(args, q.TypeSlug)
	}
	if len(filters) > 0 {
		cond := strings.Join(filters, " AND ")
		if s.dialect == SQLite {
			// "+rowid" keeps SQLite from handing the list to FTS5, which
			// would run the whole match once per listed document.
			matched += ` AND +rowid IN (SELECT id FROM search_documents WHERE ` + cond + `)`
		} else {
			matched += ` AND d.` + strings.Join(filters, " AND d.")
		}
	}
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM (`+matched+`) m`, args...).Scan(&res.Total); err != nil {
		return res, fmt.Errorf("count search results for %q: %w", q.Text, err)
	}
	if res.Total == 0 {
		return res, nil
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	// Equal scores are listed by document id: the same on both databases
	// for the same data loaded in the same order. Only the page's rows are
	// joined for display.
	rows, err := s.query(ctx, `WITH page AS (`+matched+` ORDER BY score, id LIMIT ? OFFSET ?)
SELECT d.kind, d.title, d.content, COALESCE(a.slug, b.slug, th.slug, pa.slug, pr.slug, rb.slug, ''), COALESCE(a.is_stage, FALSE), COALESCE(a.title, ''),
COALESCE(t.name, ''), COALESCE(b.province, ''), COALESCE(b.region, '')
FROM page JOIN search_documents d ON d.id = page.id
LEFT JOIN pacts pa ON pa.id = d.pact_id
LEFT JOIN practices pr ON pr.id = d.practice_id
LEFT JOIN regulations rg ON rg.id = d.regulation_id
LEFT JOIN bodies rb ON rb.id = rg.body_id
LEFT JOIN activities a ON a.id = d.activity_id
LEFT JOIN activity_types t ON t.id = d.type_id
LEFT JOIN bodies b ON b.id = d.body_id
LEFT JOIN themes th ON th.id = d.theme_id
ORDER BY page.score, page.id`, append(args, limit, q.Offset)...)
	if err != nil {
		return res, fmt.Errorf("search %q: %w", q.Text, err)
	}
	defer rows.Close()
	for rows.Next() {
		var h SearchHit
		var province, region string
		if err := rows.Scan(&h.Kind, &h.Title, &h.Content, &h.Slug, &h.IsStage, &h.Activity, &h.TypeName, &province, &region); err != nil {
			return res, fmt.Errorf("search %q: %w", q.Text, err)
		}
		h.Place = strings.Trim(province+", "+region, ", ")
		res.Hits = append(res.Hits, h)
	}
	return res, rows.Err()
}
