package insight_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

// /rete shows pacts by year, status and kind and the regulation coverage,
// each chart with its table, and /rete/registro.json the same figures.
func TestReteRegistry(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		st := storetest.OpenDefault(t, d)
		if err := st.LoadSyntheticPacts(context.Background(), 400, 3); err != nil {
			t.Fatal(err)
		}
		s := NewSiteOn(t, st)
		var got struct {
			Pacts    int
			ByYear   []struct{ Count int } `json:"by_year"`
			ByStatus []struct{ Count int } `json:"by_status"`
			ByKind   []struct{ Count int } `json:"by_kind"`
		}
		code, body := s.Get(t, "/rete/registro.json")
		if code != 200 || json.Unmarshal([]byte(body), &got) != nil {
			t.Fatalf("GET /rete/registro.json = %d %s", code, body)
		}
		sum := func(in []struct{ Count int }) int {
			n := 0
			for _, v := range in {
				n += v.Count
			}
			return n
		}
		if got.Pacts < 300 || sum(got.ByStatus) != got.Pacts || sum(got.ByKind) != got.Pacts || sum(got.ByYear) > got.Pacts {
			t.Errorf("figures = %+v", got)
		}
		_, body = s.Get(t, "/rete")
		sec := ParseDOM(t, body).Main().Labelled("registry-title")
		if n := len(sec.Tag("svg")); n < 3 {
			t.Errorf("%d charts in the registry section", n)
		}
		if n := len(sec.Tag("table")); n < 3 || !strings.Contains(sec.Text(), "Sottoscritto") {
			t.Errorf("%d tables in the registry section: %q", n, Excerpt(sec.Text(), "Patti"))
		}
	})
}
