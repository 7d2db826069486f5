package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

var hiddenField = regexp.MustCompile(`name="(data|sig|body_id)" value="([^"]*)"`)

// confirmForm reads the hidden fields and the column selects of a preview.
func confirmForm(t *testing.T, body string) url.Values {
	t.Helper()
	v := url.Values{}
	for _, m := range hiddenField.FindAllStringSubmatch(body, -1) {
		v.Set(m[1], strings.ReplaceAll(m[2], "&#43;", "+"))
	}
	if v.Get("data") == "" || v.Get("sig") == "" {
		t.Fatalf("no signed file in the preview: %s", Excerpt(body, "alert"))
	}
	return v
}

func importedPacts(t *testing.T, s *AdminSite, body int64) int {
	page, err := s.Store.Pacts(context.Background(), store.PactFilter{WithDrafts: true, BodyIDs: []int64{body}})
	if err != nil {
		t.Fatal(err)
	}
	return page.Total
}

// TestPactImportBackoffice: a Windows-1252 file with semicolons and Italian
// dates goes through preview, dry run and import; the same file twice
// changes nothing; a file with a bad row names it and writes nothing; a
// tampered or foreign signed file is refused; the mapping can be changed.
func TestPactImportBackoffice(t *testing.T) {
	genova, err := os.ReadFile("../../pactimport/testdata/genova-1252.csv")
	if err != nil {
		t.Fatal(err)
	}
	bad, err := os.ReadFile("../../pactimport/testdata/bad-date.csv")
	if err != nil {
		t.Fatal(err)
	}
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := NewAdminSite(t, d)
		own, _ := s.Store.Body(ctx, "comune-di-chieri")
		other, _ := s.Store.Body(ctx, "comune-di-collegno")
		s.AddUser(t, "ref@example.it", auth.Referent, "comune-di-chieri")
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		c := s.LoginAs(t, "ref@example.it")
		if r := c.Get(t, "/admin/patti/importa"); r.Status != http.StatusOK {
			t.Fatalf("form: %d", r.Status)
		}
		body := map[string]string{"body_id": Itoa(own.ID)}
		prev := uploadTo(t, c, "/admin/patti/importa", "patti.csv", genova, body)
		if prev.Status != http.StatusOK || !strings.Contains(prev.Body, "windows-1252") || !strings.Contains(prev.Body, "Cura dell&#39;aiuola di piazza Libertà") ||
			!strings.Contains(prev.Body, "Prova riuscita") {
			t.Fatalf("preview: %d %s", prev.Status, Excerpt(prev.Body, "alert"))
		}
		if importedPacts(t, s, own.ID) != 0 {
			t.Fatal("the preview wrote pacts")
		}
		v := confirmForm(t, prev.Body)
		// The signed file for another body, or changed: refused.
		forged := url.Values{"body_id": {Itoa(other.ID)}, "data": {v.Get("data")}, "sig": {v.Get("sig")}, "step": {"import"}}
		if r := c.Post(t, "/admin/patti/importa/conferma", forged); r.Status != http.StatusForbidden {
			t.Errorf("another body: %d", r.Status)
		}
		tampered := url.Values{"body_id": {Itoa(own.ID)}, "data": {v.Get("data")[:len(v.Get("data"))-8] + "QUFBQUFB"}, "sig": {v.Get("sig")}, "step": {"import"}}
		if r := c.Post(t, "/admin/patti/importa/conferma", tampered); r.Status != http.StatusBadRequest {
			t.Errorf("tampered file: %d", r.Status)
		}
		coord := s.LoginAs(t, "coord@example.it")
		if r := coord.Post(t, "/admin/patti/importa/conferma", url.Values{"body_id": {Itoa(own.ID)}, "data": {v.Get("data")}, "sig": {v.Get("sig")}, "step": {"import"}}); r.Status != http.StatusBadRequest {
			t.Errorf("another account's signed file: %d", r.Status)
		}
		if importedPacts(t, s, own.ID) != 0 {
			t.Fatal("a refused confirmation wrote pacts")
		}
		// Change the mapping: ignore the title column → the preview says what is missing.
		remap := url.Values{}
		for k, vv := range v {
			remap[k] = vv
		}
		remap.Set("map_1", "-")
		remap.Set("step", "preview")
		if r := c.Post(t, "/admin/patti/importa/conferma", remap); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "manca una colonna") {
			t.Errorf("remap without title: %d %s", r.Status, Excerpt(r.Body, "alert"))
		}
		v.Set("step", "import")
		r := c.Post(t, "/admin/patti/importa/conferma", v)
		if r.Status != http.StatusSeeOther || !strings.Contains(r.Header.Get("Location"), "importati=3") {
			t.Fatalf("import: %d %s %s", r.Status, r.Header.Get("Location"), Excerpt(r.Body, "alert"))
		}
		if n := importedPacts(t, s, own.ID); n != 3 {
			t.Fatalf("imported %d pacts, want 3", n)
		}
		if list := c.Get(t, r.Header.Get("Location")); !strings.Contains(list.Body, "3 patti nuovi") {
			t.Error("the list does not say what was imported")
		}
		page, _ := s.Store.Pacts(ctx, store.PactFilter{WithDrafts: true, BodyIDs: []int64{own.ID}, Query: "aiuola"})
		if len(page.Pacts) != 1 || page.Pacts[0].SignedOn == nil || page.Pacts[0].SignedOn.Format("2006-01-02") != "2023-03-15" || page.Pacts[0].Place.Latitude == nil || *page.Pacts[0].Place.Latitude != 44.4056 {
			t.Errorf("imported pact = %+v", page.Pacts)
		}
		// The same file again changes nothing.
		again := confirmForm(t, uploadTo(t, c, "/admin/patti/importa", "patti.csv", genova, body).Body)
		again.Set("step", "import")
		if r := c.Post(t, "/admin/patti/importa/conferma", again); r.Status != http.StatusSeeOther || !strings.Contains(r.Header.Get("Location"), "importati=0") || !strings.Contains(r.Header.Get("Location"), "invariati=3") {
			t.Errorf("second import: %d %s", r.Status, r.Header.Get("Location"))
		}
		if n := importedPacts(t, s, own.ID); n != 3 {
			t.Errorf("after the second import: %d pacts", n)
		}
		// A bad row: named with line, column and reason; nothing written.
		before := importedPacts(t, s, other.ID)
		res := uploadTo(t, coord, "/admin/patti/importa", "bad.csv", bad, map[string]string{"body_id": Itoa(other.ID)})
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "riga 3, colonna «Data sottoscrizione»") || !strings.Contains(res.Body, "31/02/2023") {
			t.Errorf("bad file: %d %s", res.Status, Excerpt(res.Body, "alert"))
		}
		if strings.Contains(res.Body, `value="import"`) {
			t.Error("a file with a bad row can still be confirmed")
		}
		if importedPacts(t, s, other.ID) != before {
			t.Error("a file with a bad row wrote pacts")
		}
		// A referent cannot import for another body.
		if r := uploadTo(t, c, "/admin/patti/importa", "patti.csv", genova, map[string]string{"body_id": Itoa(other.ID)}); r.Status != http.StatusForbidden {
			t.Errorf("referent on another body: %d", r.Status)
		}
		if importedPacts(t, s, other.ID) != before {
			t.Error("a refused import wrote pacts")
		}
	})
}
