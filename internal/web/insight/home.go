package insight

import (
	"context"

	"benicommunity/internal/store"
)

// NetworkNumbers are the home page's "la rete in numeri": the same cached
// figures as /rete, unfiltered.
func (s *Handler) NetworkNumbers(ctx context.Context) (store.InsightTotals, error) {
	rep, err := s.insight.report(ctx, store.InsightFilter{})
	if err != nil {
		return store.InsightTotals{}, err
	}
	return rep.Totals, nil
}
