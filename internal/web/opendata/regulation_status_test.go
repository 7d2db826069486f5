package opendata_test

import (
	"context"
	"encoding/json"
	"testing"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

var coordinator = &auth.User{Role: auth.Coordinator, Email: "coordinamento@example.it"}

// A body whose regulation is not known exports null (JSON) and an empty
// cell (CSV), never false; a known status exports true or false.
func TestRegulationStatusExports(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		ctx := context.Background()
		set := func(slug, status string) {
			b, err := s.Store.Body(ctx, slug)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Store.SetRegulation(ctx, coordinator, b.ID, store.RegulationInput{Status: domain.RegulationStatus(status)}); err != nil {
				t.Fatal(err)
			}
		}
		set("comune-di-genova", "adopted")
		set("comune-di-chivasso", "not_adopted")
		want := map[string]struct{ json, status, csv string }{
			"comune-di-genova":   {"true", `"adopted"`, "true"},
			"comune-di-chivasso": {"false", `"not_adopted"`, "false"},
			"comune-di-chieri":   {"null", "null", ""},
		}
		_, rows := readCSV(t, s, "/dati/enti.csv", ',')
		cells := map[string]string{}
		for _, r := range rows {
			cells[r["slug"]] = r["regulation_adopted"]
		}
		for slug, w := range want {
			var b map[string]json.RawMessage
			s.APIJSON(t, "/api/v1/bodies/"+slug, &b)
			if string(b["regulation_adopted"]) != w.json || string(b["regulation_status"]) != w.status {
				t.Errorf("%s: regulation_adopted %s, regulation_status %s; want %s, %s", slug, b["regulation_adopted"], b["regulation_status"], w.json, w.status)
			}
			if got, ok := cells[slug]; !ok || got != w.csv {
				t.Errorf("%s: CSV regulation_adopted %q (listed %v), want %q", slug, got, ok, w.csv)
			}
		}
	})
}
