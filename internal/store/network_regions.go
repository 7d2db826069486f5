package store

import (
	"context"
	"fmt"

	"benicommunity/internal/domain"
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

// PageChrome is what the header and footer of every page show, read in one
// query: the network, its contacts (from the about page, empty until
// written) and the data version, so the regions (NetworkRegions) can be
// cached until the bodies, activities or participations change.
type PageChrome struct {
	Network       domain.Network
	ContactEmail  string
	ContactOffice string
	DataVersion   int64
}

// PageChrome reads the network, its contacts and the data version.
func (s *Store) PageChrome(ctx context.Context) (PageChrome, error) {
	var c PageChrome
	n := &c.Network
	err := s.queryRow(ctx, `SELECT n.name, n.tagline, n.description, n.area, COALESCE(a.contact_email, ''), COALESCE(a.contact_office, ''),
COALESCE(v.version, 0)
FROM network n LEFT JOIN network_about a ON a.id = 1 LEFT JOIN insight_data_version v ON v.id = 1 WHERE n.id = 1`).
		Scan(&n.Name, &n.Tagline, &n.Description, &n.Area, &c.ContactEmail, &c.ContactOffice, &c.DataVersion)
	if err != nil {
		return c, fmt.Errorf("load network and contacts: %w", scanOne(err))
	}
	return c, nil
}
