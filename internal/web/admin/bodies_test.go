package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

func TestCoordinatorEditsAndMergesBodies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := NewAdminSite(t, d)
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		c := s.LoginAs(t, "coord@example.it")
		chieri, _ := s.Store.Body(ctx, "comune-di-chieri")

		bad := url.Values{"name": {"Comune di Pecetto"}, "kind": {"comune"}, "istat_code": {"12"}, "province_code": {"torino"},
			"latitude": {"45,02"}, "longitude": {""}, "website": {"www.comune.pecetto.to.it"}}
		r := c.Post(t, "/admin/enti", bad)
		if r.Status != http.StatusUnprocessableEntity {
			t.Fatalf("invalid body: %d", r.Status)
		}
		for _, want := range []string{"6 cifre", "due lettere", "sia la latitudine sia la longitudine", "https://", `value="Comune di Pecetto"`, `href="#f-istat_code"`} {
			if !strings.Contains(r.Body, want) {
				t.Errorf("invalid body form lacks %q", want)
			}
		}
		dupISTAT := url.Values{"name": {"Comune di Pecetto"}, "kind": {"comune"}, "istat_code": {chieri.ISTATCode}}
		if r := c.Post(t, "/admin/enti", dupISTAT); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "doppione") {
			t.Errorf("duplicate ISTAT code: %d", r.Status)
		}
		good := url.Values{"name": {"Città di Chieri (doppione)"}, "kind": {"comune"}, "province": {"Torino"}, "province_code": {"to"},
			"region": {"Piemonte"}, "latitude": {"45,0126"}, "longitude": {"7.8249"},
			// The regulation has its own page: the old fields of the body form are ignored.
			"regulation_adopted": {"1"}, "regulation_adopted_on": {"2015-06-30"}}
		r = c.Post(t, "/admin/enti", good)
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create body: %d %s", r.Status, Excerpt(r.Body, "invalid-feedback"))
		}
		dup, err := s.Store.Body(ctx, "citta-di-chieri-doppione")
		if err != nil || dup.ProvinceCode != "TO" || dup.Latitude == nil || *dup.Latitude != 45.0126 || dup.Regulation.Known() {
			t.Fatalf("created body = %+v, %v", dup, err)
		}
		merge := "/admin/enti/" + Itoa(chieri.ID) + "/unisci"
		if r := c.Post(t, merge, url.Values{"duplicate": {Itoa(dup.ID)}}); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "spuntando la casella") {
			t.Errorf("unconfirmed merge: %d", r.Status)
		}
		if _, err := s.Store.Body(ctx, dup.Slug); err != nil {
			t.Errorf("an unconfirmed merge deleted the duplicate")
		}
		if r := c.Post(t, merge, url.Values{"duplicate": {Itoa(dup.ID)}, "confirm": {"1"}}); r.Status != http.StatusSeeOther {
			t.Errorf("merge: %d", r.Status)
		}
		if _, err := s.Store.Body(ctx, dup.Slug); err == nil {
			t.Errorf("the duplicate survives the merge")
		}
	})
}

func TestReferentListsOwnBodies(t *testing.T) {
	s := NewAdminSite(t, store.SQLite)
	s.AddUser(t, "ref@example.it", auth.Referent, "comune-di-chieri", "comune-di-collegno")
	r := s.LoginAs(t, "ref@example.it").Get(t, "/admin/enti")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, "Comune di Chieri") || !strings.Contains(r.Body, "Comune di Collegno") ||
		strings.Contains(r.Body, "Comune di Torino") || strings.Contains(r.Body, "/admin/enti/nuovo") {
		t.Errorf("referent's body list: %d", r.Status)
	}
	s.AddUser(t, "coord@example.it", auth.Coordinator)
	all := s.LoginAs(t, "coord@example.it")
	r = all.Get(t, "/admin/enti?q=torino&ordina=name&verso=desc")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, "Comune di Torino") || strings.Contains(r.Body, "Comune di Chieri") {
		t.Errorf("coordinator's search: %d", r.Status)
	}
	if r := all.Get(t, "/admin/enti?ordina=password"); r.Status != http.StatusBadRequest {
		t.Errorf("unknown sort column: %d", r.Status)
	}
}
