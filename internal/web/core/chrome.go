package core

import (
	"context"
	"sync"

	"benicommunity/internal/store"
)

// Chrome is what the header and footer of every page show besides the
// network's name: the regions its member bodies come from and its contacts.
type Chrome struct {
	Regions       []string
	ContactEmail  string
	ContactOffice string
}

// regionCache keeps the network's regions until the data version moves
// (a body, activity or participation was written), so a page costs one
// query for the network, its contacts and that version.
type regionCache struct {
	mu      sync.Mutex
	version int64
	regions []string
	ok      bool
}

// chrome loads the network and what its header and footer show.
func (s *Site) chrome(ctx context.Context) (store.PageChrome, []string, error) {
	c, err := s.Store.PageChrome(ctx)
	if err != nil {
		return c, nil, err
	}
	rc := s.regions
	rc.mu.Lock()
	if rc.ok && rc.version == c.DataVersion {
		regions := rc.regions
		rc.mu.Unlock()
		return c, regions, nil
	}
	rc.mu.Unlock()
	regions, err := s.Store.NetworkRegions(ctx)
	if err != nil {
		return c, nil, err
	}
	rc.mu.Lock()
	rc.version, rc.regions, rc.ok = c.DataVersion, regions, true
	rc.mu.Unlock()
	return c, regions, nil
}
