package store

import (
	"context"
	"fmt"
)

// NetworkRegions returns the regions the network's member bodies come from,
// distinct and in alphabetical order: the regions of the bodies that joined
// (a published participation in a member role, or an office's, counted for
// its parent body). Guest speakers and partners who never joined do not add
// their region. Pages show this instead of a typed list of regions, so the
// network never claims a region none of its members is in.
func (s *Store) NetworkRegions(ctx context.Context) ([]string, error) {
	rows, err := s.query(ctx, `
SELECT DISTINCT mb.region
FROM `+memberParticipationsSQL()+` p
JOIN activities a ON a.id = p.activity_id AND a.status = 'published'
JOIN bodies b ON b.id = p.body_id
JOIN bodies mb ON mb.id = COALESCE(b.parent_id, b.id)
WHERE mb.region <> ''
ORDER BY mb.region`)
	if err != nil {
		return nil, fmt.Errorf("list network regions: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return nil, fmt.Errorf("list network regions: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list network regions: %w", err)
	}
	return out, nil
}
