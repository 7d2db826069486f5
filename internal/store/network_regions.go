package store

import (
	"context"
	"fmt"
)

// NetworkRegions returns the regions the network's member bodies come from,
// distinct and in alphabetical order: the regions of the bodies that joined
// (a counted participation in a member role, or an office's, counted for
// its parent body; an activity whose day has not passed does not count). Guest speakers and partners who never joined do not add
// their region. Pages show this instead of a typed list of regions, so the
// network never claims a region none of its members is in.
func (s *Store) NetworkRegions(ctx context.Context) ([]string, error) {
	rows, err := s.query(ctx, `
SELECT DISTINCT mb.region
FROM bodies mb
WHERE mb.parent_id IS NULL AND mb.region <> '' AND `+s.memberCountsSQL("mb")+`
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
