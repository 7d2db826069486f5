package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"benicommunity/internal/fulltext"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

func hitKeys(res store.SearchResults) []string {
	out := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = fmt.Sprintf("%s:%s:%s", h.Kind, h.Slug, h.Title)
	}
	return out
}

func TestSearchTry(t *testing.T) {
	ctx := context.Background()
	for _, d := range storetest.Dialects {
		s := storetest.OpenDefault(t, d)
		for _, q := range []string{"comunicazione", "comunicare", "citta metropolitana", "patti", "formazione", "Genova", "beni immateriali"} {
			res, err := s.Search(ctx, store.SearchQuery{Text: q, Limit: 8})
			if err != nil {
				t.Fatal(err)
			}
			fmt.Println(d, q, res.Total, strings.Join(hitKeys(res), " | "))
		}
	}
	_ = slices.Equal[[]string]
	_ = fulltext.Terms
}
