package store

import (
	"context"
	"fmt"
	"strings"
)

// Search documents of the registry (migration 0008). Like the others they
// are written from Go in the transaction of every write: reindexPact after
// each write to a pact (fields, status, themes), reindexPractice after each
// write to a practice, reindexRegulation after each write to a regulation.
// Drafts (published = false) leave the index.

const (
	SearchPact       SearchKind = "pact"
	SearchRegulation SearchKind = "regulation"
	SearchPractice   SearchKind = "practice"
)

// RegistrySearchKinds are the registry's kinds. They are not in
// SearchKinds yet, so the search page's category filter stays as it is
// until it learns to link them; Search with no kind already finds them.
var RegistrySearchKinds = []SearchKind{SearchPact, SearchRegulation, SearchPractice}

// AllSearchKinds lists every kind, the registry's last.
func AllSearchKinds() []SearchKind {
	return append(append([]SearchKind{}, SearchKinds...), RegistrySearchKinds...)
}

func (c conn) themeNamesOf(ctx context.Context, table, column string, id int64) (string, error) {
	names, err := c.strings(ctx, `SELECT th.name FROM `+table+` x JOIN themes th ON th.id = x.theme_id WHERE x.`+column+` = ? ORDER BY th.name`, id)
	return strings.Join(names, " "), err
}

func (c conn) reindexPact(ctx context.Context, id int64) error {
	if _, err := c.exec(ctx, `DELETE FROM search_documents WHERE pact_id = ?`, id); err != nil {
		return fmt.Errorf("reindex pact %d: %w", id, err)
	}
	var (
		title, summary, monitoring, results, address, neighbourhood, municipality, orgs, body string
		published                                                                             bool
	)
	err := c.queryRow(ctx, `SELECT p.title, p.summary, p.monitoring, p.results, p.address, p.neighbourhood, p.municipality,
p.proposer_orgs, b.name, p.published FROM pacts p JOIN bodies b ON b.id = p.body_id WHERE p.id = ?`, id).
		Scan(&title, &summary, &monitoring, &results, &address, &neighbourhood, &municipality, &orgs, &body, &published)
	if err != nil {
		return fmt.Errorf("reindex pact %d: %w", id, scanOne(err))
	}
	if !published {
		return nil
	}
	themes, err := c.themeNamesOf(ctx, "pact_themes", "pact_id", id)
	if err != nil {
		return fmt.Errorf("reindex pact %d: themes: %w", id, err)
	}
	content := joinNonEmpty(summary, monitoring, results)
	extra := strings.Join([]string{address, neighbourhood, municipality, orgs, body, themes}, " ")
	if err := c.insertSearchDoc(ctx, searchDoc{kind: SearchPact, pactID: &id, title: title, content: content, extraTerms: extra}); err != nil {
		return fmt.Errorf("reindex pact %d: %w", id, err)
	}
	return nil
}

func (c conn) reindexPractice(ctx context.Context, id int64) error {
	if _, err := c.exec(ctx, `DELETE FROM search_documents WHERE practice_id = ?`, id); err != nil {
		return fmt.Errorf("reindex practice %d: %w", id, err)
	}
	var (
		title, problem, actions, tools, results, body string
		published                                     bool
	)
	err := c.queryRow(ctx, `SELECT p.title, p.problem, p.actions, p.tools, p.results, b.name, p.published
FROM practices p JOIN bodies b ON b.id = p.body_id WHERE p.id = ?`, id).Scan(&title, &problem, &actions, &tools, &results, &body, &published)
	if err != nil {
		return fmt.Errorf("reindex practice %d: %w", id, scanOne(err))
	}
	if !published {
		return nil
	}
	themes, err := c.themeNamesOf(ctx, "practice_themes", "practice_id", id)
	if err != nil {
		return fmt.Errorf("reindex practice %d: themes: %w", id, err)
	}
	if err := c.insertSearchDoc(ctx, searchDoc{kind: SearchPractice, practiceID: &id, title: title,
		content: joinNonEmpty(problem, actions, tools, results), extraTerms: body + " " + themes}); err != nil {
		return fmt.Errorf("reindex practice %d: %w", id, err)
	}
	return nil
}

// reindexRegulation indexes an adopted regulation under its body's name.
func (c conn) reindexRegulation(ctx context.Context, id int64) error {
	if _, err := c.exec(ctx, `DELETE FROM search_documents WHERE regulation_id = ?`, id); err != nil {
		return fmt.Errorf("reindex regulation %d: %w", id, err)
	}
	var title, status, offices, body string
	err := c.queryRow(ctx, `SELECT r.title, r.status, r.offices, b.name FROM regulations r JOIN bodies b ON b.id = r.body_id WHERE r.id = ?`, id).
		Scan(&title, &status, &offices, &body)
	if err != nil {
		return fmt.Errorf("reindex regulation %d: %w", id, scanOne(err))
	}
	if status != "adopted" {
		return nil
	}
	if title == "" {
		title = "Regolamento per l'amministrazione condivisa dei beni comuni"
	}
	if err := c.insertSearchDoc(ctx, searchDoc{kind: SearchRegulation, regulationID: &id, title: title + " — " + body,
		content: offices, extraTerms: "regolamento beni comuni amministrazione condivisa"}); err != nil {
		return fmt.Errorf("reindex regulation %d: %w", id, err)
	}
	return nil
}

func joinNonEmpty(parts ...string) string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n\n")
}
