package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"benicommunity/internal/auth"
	"benicommunity/internal/istat"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

// italianCount writes n with the Italian thousands separator.
func italianCount(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}

func TestBodyFormPicksComuneFromRegistry(t *testing.T) {
	reg, err := istat.Load()
	if err != nil {
		t.Fatal(err)
	}
	pecetto, ok := reg.Find("Pecetto Torinese", "TO")
	if !ok {
		t.Fatal("Pecetto Torinese is not in the registry")
	}
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := NewAdminSite(t, d)
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		c := s.LoginAs(t, "coord@example.it")

		// The form offers the type-ahead (hidden until the script shows it),
		// its script as a file, and the search page that needs no script.
		form := c.Get(t, "/admin/enti/nuovo")
		for _, want := range []string{`data-comuni-typeahead="/enti/comuni.json"`, `data-fill-code="#f-istat_code"`,
			`data-fill-province="#f-province"`, `data-fill-province-code="#f-province_code"`, `data-fill-region="#f-region"`,
			`data-comuni-reveal hidden`, `js/insight-comuni`, `href="/enti/comuni?q="`, `id="f-latitude"`, `id="f-longitude"`} {
			if !strings.Contains(form.Body, want) {
				t.Errorf("new body form lacks %q", want)
			}
		}
		if strings.Contains(form.Body, "<script>") {
			t.Error("the body form has an inline script")
		}

		// An unknown code: Italian message next to the field, the form keeps what was typed.
		bad := url.Values{"name": {"Comune di Nessundove"}, "kind": {"comune"}, "istat_code": {"999999"}, "province": {"Boh"}, "website": {"https://nessundove.example.it"}}
		r := c.Post(t, "/admin/enti", bad)
		if r.Status != http.StatusUnprocessableEntity {
			t.Fatalf("unknown ISTAT code: status %d", r.Status)
		}
		for _, want := range []string{`id="f-istat_code-error"`, "non corrisponde a nessun comune del registro", `value="999999"`,
			`value="Comune di Nessundove"`, `value="Boh"`, `value="https://nessundove.example.it"`, `href="/enti/comuni?q=Nessundove"`} {
			if !strings.Contains(r.Body, want) {
				t.Errorf("form with an unknown code lacks %q", want)
			}
		}
		if _, err := s.Store.Body(ctx, "comune-di-nessundove"); err == nil {
			t.Error("a body with an unknown ISTAT code was stored")
		}

		// A known code without JavaScript: the server fills name, province, its code and region.
		good := url.Values{"name": {""}, "kind": {"comune"}, "istat_code": {pecetto.Code}, "province": {"scritta male"}, "latitude": {"45,0176"}, "longitude": {"7,7514"}}
		r = c.Post(t, "/admin/enti", good)
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create from the registry: %d %s", r.Status, Excerpt(r.Body, "invalid-feedback"))
		}
		b, err := s.Store.Body(ctx, "comune-di-pecetto-torinese")
		if err != nil {
			t.Fatalf("the body named from the registry: %v", err)
		}
		if b.Name != "Comune di Pecetto Torinese" || b.ISTATCode != pecetto.Code || b.Province != pecetto.ProvinceName ||
			b.ProvinceCode != "TO" || b.Region != pecetto.RegionName || b.Latitude == nil || *b.Latitude != 45.0176 {
			t.Errorf("stored body = %+v", b)
		}
		// the public page shows the registry's facts, population included
		code, page := s.Get(t, "/enti/comune-di-pecetto-torinese")
		if code != http.StatusOK || !strings.Contains(page, italianCount(pecetto.Population)) || !strings.Contains(page, pecetto.Code) {
			t.Errorf("body page: %d, population %s shown %v", code, italianCount(pecetto.Population), strings.Contains(page, italianCount(pecetto.Population)))
		}

		// Editing: a typed name stays, the registry's facts replace typed ones, coordinates change.
		in, _ := s.Store.BodyInputByID(ctx, b.ID)
		v := bodyValuesOf(in)
		v.Set("name", "Città di Pecetto")
		v.Set("region", "Liguria")
		v.Set("latitude", "45.02")
		v.Set("longitude", "7.75")
		if r := c.Post(t, "/admin/enti/"+Itoa(b.ID), v); r.Status != http.StatusSeeOther {
			t.Fatalf("edit: %d %s", r.Status, Excerpt(r.Body, "invalid-feedback"))
		}
		after, _ := s.Store.BodyInputByID(ctx, b.ID)
		if after.Name != "Città di Pecetto" || after.Region != pecetto.RegionName || after.Latitude == nil || *after.Latitude != 45.02 {
			t.Errorf("edited body = %+v", after)
		}
		v.Set("istat_code", "000000")
		r = c.Post(t, "/admin/enti/"+Itoa(b.ID), v)
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "non corrisponde") {
			t.Errorf("edit with an unknown code: %d", r.Status)
		}
		if kept, _ := s.Store.BodyInputByID(ctx, b.ID); kept.ISTATCode != pecetto.Code {
			t.Errorf("an unknown code was stored: %q", kept.ISTATCode)
		}
	})
}
