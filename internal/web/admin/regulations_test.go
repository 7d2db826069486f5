package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

// TestRegulationForm: a referent records their body's regulation with its
// act, revisions and text; the three-way status round-trips, "non indicato"
// deletes the record, saving the body form leaves it alone, and another
// body's regulation is refused with nothing written.
func TestRegulationForm(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := NewAdminSite(t, d)
		own, _ := s.Store.Body(ctx, "comune-di-chieri")
		other, _ := s.Store.Body(ctx, "comune-di-collegno")
		s.AddUser(t, "ref@example.it", auth.Referent, "comune-di-chieri")
		c := s.LoginAs(t, "ref@example.it")
		path := "/admin/enti/" + Itoa(own.ID) + "/regolamento"
		if r := c.Get(t, path); r.Status != http.StatusOK || !strings.Contains(r.Body, "non indicato") {
			t.Fatalf("form: %d", r.Status)
		}
		form := url.Values{"status": {"adopted"}, "title": {"Regolamento beni comuni"}, "act_number": {"12"}, "act_date": {"2016-03-01"},
			"url": {"https://www.comune.chieri.to.it/regolamento"}, "offices": {"Ufficio partecipazione"}, "revisions": {"2"},
			"rev0_number": {"40"}, "rev0_date": {"2020-05-04"}, "rev0_url": {""}, "rev1_number": {""}, "rev1_date": {""}}
		// One more row, without JavaScript: nothing saved, what was typed kept.
		more := url.Values{}
		for k, v := range form {
			more[k] = v
		}
		more.Set("add_revision", "1")
		if r := c.Post(t, path, more); r.Status != http.StatusOK || !strings.Contains(r.Body, `name="rev2_date"`) || !strings.Contains(r.Body, "Ufficio partecipazione") {
			t.Errorf("add a row: %d", r.Status)
		}
		if _, ok, _ := s.Store.Regulation(ctx, own.ID); ok {
			t.Error("adding a row saved the record")
		}
		// A revision without its date: refused in Italian, typed text kept, nothing written.
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("rev0_date", "")
		if r := c.Post(t, path, bad); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "obbligatorio") || !strings.Contains(r.Body, "Regolamento beni comuni") {
			t.Errorf("revision without date: %d", r.Status)
		}
		if _, ok, _ := s.Store.Regulation(ctx, own.ID); ok {
			t.Error("an invalid form was written")
		}
		if r := c.Post(t, path, form); r.Status != http.StatusSeeOther {
			t.Fatalf("save: %d %s", r.Status, Excerpt(r.Body, "invalid-feedback"))
		}
		reg, ok, _ := s.Store.Regulation(ctx, own.ID)
		if !ok || reg.Status != domain.RegulationAdopted || reg.ActNumber != "12" || reg.Offices != "Ufficio partecipazione" || len(reg.Revisions) != 1 || reg.Revisions[0].ActNumber != "40" {
			t.Fatalf("saved regulation = %+v", reg)
		}
		// The text: a PDF is attached, another kind refused.
		if r := upload(t, c, path+"/testo", "file", "regolamento.pdf", []byte("%PDF-1.4 testo")); r.Status != http.StatusSeeOther {
			t.Errorf("upload pdf: %d %s", r.Status, Excerpt(r.Body, "invalid-feedback"))
		}
		if r := upload(t, c, path+"/testo", "file", "foto.png", pngBytes()); r.Status != http.StatusUnsupportedMediaType {
			t.Errorf("upload png as text: %d", r.Status)
		}
		files, _ := s.Store.OwnerAttachments(ctx, store.AttachmentOwner{Kind: store.OwnerRegulation, ID: reg.ID})
		if len(files) != 1 || files[0].Filename != "regolamento.pdf" {
			t.Fatalf("files = %+v", files)
		}
		// Saving the body's profile leaves the record alone.
		if r := c.Post(t, "/admin/enti/"+Itoa(own.ID), url.Values{"description": {"Profilo"}}); r.Status != http.StatusSeeOther {
			t.Errorf("profile: %d", r.Status)
		}
		if again, _, _ := s.Store.Regulation(ctx, own.ID); again.ActNumber != "12" || len(again.Revisions) != 1 {
			t.Errorf("the body form changed the regulation: %+v", again)
		}
		// Not adopted with an act: refused.
		if r := c.Post(t, path, url.Values{"status": {"not_adopted"}, "act_number": {"3"}}); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("not adopted with an act: %d", r.Status)
		}
		// Another body: 403 on every route, nothing written.
		op := "/admin/enti/" + Itoa(other.ID) + "/regolamento"
		for _, r := range []Response{c.Get(t, op), c.Post(t, op, form), upload(t, c, op+"/testo", "file", "r.pdf", []byte("%PDF-1.4 x"))} {
			if r.Status != http.StatusForbidden && r.Status != http.StatusNotFound {
				t.Errorf("other body: %d", r.Status)
			}
		}
		if _, ok, _ := s.Store.Regulation(ctx, other.ID); ok {
			t.Error("another body's regulation was written")
		}
		// A referent of another body cannot delete this body's file.
		s.AddUser(t, "ref2@example.it", auth.Referent, "comune-di-collegno")
		c2 := s.LoginAs(t, "ref2@example.it")
		if r := c2.Post(t, "/admin/allegati-registro/"+Itoa(files[0].ID)+"/elimina", url.Values{"back": {op}}); r.Status != http.StatusForbidden {
			t.Errorf("delete another body's file: %d", r.Status)
		}
		if r := c.Post(t, "/admin/allegati-registro/"+Itoa(files[0].ID)+"/elimina", url.Values{"back": {path}}); r.Status != http.StatusSeeOther {
			t.Errorf("delete own file: %d", r.Status)
		}
		// "Non indicato" deletes the record.
		if r := c.Post(t, path, url.Values{"status": {""}}); r.Status != http.StatusSeeOther {
			t.Errorf("unknown: %d %s", r.Status, Excerpt(r.Body, "invalid-feedback"))
		}
		if _, ok, _ := s.Store.Regulation(ctx, own.ID); ok {
			t.Error("the record survived «non indicato»")
		}
	})
}

func pngBytes() []byte {
	return append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 100)...)
}
