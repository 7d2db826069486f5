package opendata_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

// The pacts' API walks thousands of pacts by cursor, every answer valid
// against the OpenAPI document, and the CSV holds the same pacts.
func TestAPIPacts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		st := storetest.OpenDefault(t, d)
		ctx := context.Background()
		if err := st.LoadSyntheticPacts(ctx, 2500, 11); err != nil {
			t.Fatal(err)
		}
		genova, err := st.Body(ctx, "comune-di-genova")
		if err != nil {
			t.Fatal(err)
		}
		on := time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC)
		id, err := st.CreatePact(ctx, coordinator, store.PactInput{BodyID: genova.ID, Title: "=HYPERLINK(\"x\") orti",
			Status: domain.PactInReview, StatusOn: &on, ProposerKind: domain.ProposerCitizen, Published: true})
		if err != nil {
			t.Fatal(err)
		}
		s := NewSiteOn(t, st)
		o := loadOpenAPI(t, s)
		all, err := st.Pacts(ctx, store.PactFilter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		path := "/api/v1/pacts?limit=100"
		for path != "" {
			res := s.APIGet(t, path)
			o.validate(t, "/api/v1/pacts", "get", res)
			var page struct {
				Data  []struct{ Slug string }
				Total int
				Links struct{ Next *string }
			}
			s.APIJSON(t, path, &page)
			if page.Total != all.Total {
				t.Fatalf("total %d, want %d", page.Total, all.Total)
			}
			for _, p := range page.Data {
				if seen[p.Slug] {
					t.Fatalf("%s listed twice", p.Slug)
				}
				seen[p.Slug] = true
			}
			path = ""
			if page.Links.Next != nil {
				path = *page.Links.Next
			}
		}
		if len(seen) != all.Total {
			t.Errorf("walked %d pacts, want %d", len(seen), all.Total)
		}

		detail, err := st.PactByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		res := s.APIGet(t, "/api/v1/pacts/"+detail.Slug)
		if res.StatusCode != 200 {
			t.Fatalf("GET pact: %d %s", res.StatusCode, res.Body)
		}
		o.validate(t, "/api/v1/pacts/{slug}", "get", res)
		var got map[string]json.RawMessage
		if err := json.Unmarshal(res.Body, &got); err != nil || string(got["regulation_status"]) != "null" || string(got["status"]) != `"istruttoria"` {
			t.Errorf("pact detail = %s", res.Body)
		}
		for _, bad := range []string{"/api/v1/pacts?status=firmato", "/api/v1/pacts?year=abc", "/api/v1/pacts?cursor=xyz", "/api/v1/pacts?body=A%20B"} {
			res := s.APIGet(t, bad)
			if res.StatusCode != http.StatusBadRequest {
				t.Errorf("GET %s = %d, want 400", bad, res.StatusCode)
			}
			o.validate(t, "/api/v1/pacts", "get", res)
		}

		_, rows := readCSV(t, s, "/dati/patti.csv", ',')
		if len(rows) != all.Total {
			t.Errorf("%d CSV rows, want %d", len(rows), all.Total)
		}
		if rows[0]["slug"] != detail.Slug || rows[0]["title"] != "'=HYPERLINK(\"x\") orti" || rows[0]["status_on"] != "2024-02-03" {
			t.Errorf("first CSV row = %v", rows[0])
		}
		_, _ = readCSV(t, s, "/dati/patti.csv?sep=;", ';')
	})
}

// seedRegistry adds the published pact the OpenAPI document's examples name,
// in Genova, with the status and year its list examples filter by.
func seedRegistry(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	genova, err := st.Body(ctx, "comune-di-genova")
	if err != nil {
		t.Fatal(err)
	}
	signed := time.Date(2023, 4, 12, 0, 0, 0, 0, time.UTC)
	if _, err := st.CreatePact(ctx, coordinator, store.PactInput{BodyID: genova.ID, Title: "Cura dei giardini di via Roma",
		Status: domain.PactSigned, SignedOn: &signed, StatusOn: &signed, Published: true}); err != nil {
		t.Fatal(err)
	}
}
