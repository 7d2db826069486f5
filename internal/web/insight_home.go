package web

import (
	"context"

	"benicommunity/internal/store"
)

// networkNumbers are the home page's "la rete in numeri": the same cached
// figures as /rete, unfiltered.
func (s *Server) networkNumbers(ctx context.Context) (store.InsightTotals, error) {
	rep, err := s.insight.report(ctx, store.InsightFilter{})
	if err != nil {
		return store.InsightTotals{}, err
	}
	return rep.Totals, nil
}
