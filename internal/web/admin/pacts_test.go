package admin_test

import (
	"bytes"
	"context"
	"mime/multipart"
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

// uploadTo posts a multipart form with one file and other fields.
func uploadTo(t *testing.T, c *Client, path, filename string, data []byte, fields map[string]string) Response {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile("file", filename)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.Base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.Do(t, req)
}

func pactForm(body int64) url.Values {
	return url.Values{"body_id": {Itoa(body)}, "title": {"Cura del giardino di via Po"}, "summary": {"Il **giardino** curato dal comitato."},
		"address": {"Via Po 3"}, "municipality": {"Chieri"}, "neighbourhood": {"Centro"}, "latitude": {"45,0123"}, "longitude": {"7,8234"},
		"proposer_kind": {"associazione"}, "proposer_count": {"3"}, "proposer_orgs": {"Amici del giardino\nPro loco"},
		"status": {"sottoscritto"}, "status_on": {"2024-03-01"}, "signed_on": {"2024-03-01"}, "duration_months": {"12"},
		"act_number": {"DD 45"}, "act_date": {"2024-02-20"}, "act_url": {"https://www.comune.chieri.to.it/patti/45"},
		"monitoring": {"Sfalci mensili."}, "results": {"Giardino aperto."}, "source_id": {"P-1"}}
}

// TestPactBackoffice: a referent records a pact of their body through the
// form, changes its status, publishes it, attaches the signed text and
// deletes it after confirming; a refused form keeps what was typed.
func TestPactBackoffice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := NewAdminSite(t, d)
		own, _ := s.Store.Body(ctx, "comune-di-chieri")
		s.AddUser(t, "ref@example.it", auth.Referent, "comune-di-chieri")
		c := s.LoginAs(t, "ref@example.it")
		if r := c.Get(t, "/admin/patti/nuovo"); r.Status != http.StatusOK || !strings.Contains(r.Body, "Privato cittadino") {
			t.Fatalf("new form: %d", r.Status)
		}
		// Names with a private citizen: refused in Italian, nothing written, text kept.
		bad := pactForm(own.ID)
		bad.Set("proposer_kind", "privato_cittadino")
		bad.Set("proposer_orgs", "Mario Rossi")
		if r := c.Post(t, "/admin/patti", bad); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "mai di persone") || !strings.Contains(r.Body, "Cura del giardino di via Po") {
			t.Errorf("private name: %d %s", r.Status, Excerpt(r.Body, "invalid-feedback"))
		}
		if page, _ := s.Store.Pacts(ctx, store.PactFilter{WithDrafts: true}); page.Total != 0 {
			t.Fatalf("a refused form wrote %d pacts", page.Total)
		}
		r := c.Post(t, "/admin/patti", pactForm(own.ID))
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create: %d %s", r.Status, Excerpt(r.Body, "invalid-feedback"))
		}
		id := strings.TrimPrefix(strings.TrimSuffix(r.Header.Get("Location"), "?fatto=1"), "/admin/patti/")
		page, _ := s.Store.Pacts(ctx, store.PactFilter{WithDrafts: true})
		if page.Total != 1 {
			t.Fatalf("pacts = %d", page.Total)
		}
		p := page.Pacts[0]
		if Itoa(p.ID) != id || p.Published || p.Place.Latitude == nil || *p.Place.Latitude != 45.0123 || p.EndsOn == nil || p.EndsOn.Format("2006-01-02") != "2025-03-01" || len(p.ProposerOrgs) != 2 {
			t.Errorf("created pact = %+v", p)
		}
		if r := c.Get(t, "/admin/patti?q=giardino"); !strings.Contains(r.Body, "Cura del giardino") || !strings.Contains(r.Body, "Bozza") {
			t.Errorf("list: %d", r.Status)
		}
		if r := c.Get(t, "/admin/patti?stato=concluso"); strings.Contains(r.Body, "Cura del giardino") {
			t.Error("the status filter shows a pact of another status")
		}
		// Edit: keep what was typed on error, save when right.
		edit := pactForm(own.ID)
		edit.Set("ends_on", "2023-01-01")
		if r := c.Post(t, "/admin/patti/"+id, edit); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Le date non tornano") {
			t.Errorf("bad dates: %d", r.Status)
		}
		edit.Set("ends_on", "")
		edit.Set("title", "Cura del giardino di via Po e dintorni")
		if r := c.Post(t, "/admin/patti/"+id, edit); r.Status != http.StatusSeeOther {
			t.Errorf("edit: %d %s", r.Status, Excerpt(r.Body, "invalid-feedback"))
		}
		// Status: an allowed move with its day and note; a forbidden one refused.
		if r := c.Post(t, "/admin/patti/"+id+"/stato", url.Values{"status": {"proposta"}, "on": {"2024-05-01"}}); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("forbidden move: %d", r.Status)
		}
		if r := c.Post(t, "/admin/patti/"+id+"/stato", url.Values{"status": {"in_corso"}, "on": {"2024-05-01"}, "note": {"Avvio lavori"}}); r.Status != http.StatusSeeOther {
			t.Errorf("status: %d %s", r.Status, Excerpt(r.Body, "invalid-feedback"))
		}
		if r := c.Post(t, "/admin/patti/"+id+"/pubblica", nil); r.Status != http.StatusSeeOther {
			t.Errorf("publish: %d", r.Status)
		}
		det, _ := s.Store.PactByID(ctx, p.ID)
		if !det.Pact.Published || det.Pact.Status != domain.PactActive || len(det.History) != 2 || det.History[1].Note != "Avvio lavori" || det.Pact.Title != "Cura del giardino di via Po e dintorni" {
			t.Errorf("after status and publish: %+v %+v", det.Pact, det.History)
		}
		form := c.Get(t, "/admin/patti/"+id)
		if !strings.Contains(form.Body, "Avvio lavori") || !strings.Contains(form.Body, "Amici del giardino") {
			t.Error("the form does not show the history or the organisations")
		}
		// Files: the signed pact as PDF, a photo; a PDF as photo refused.
		if r := uploadTo(t, c, "/admin/patti/"+id+"/allegati", "patto.pdf", []byte("%PDF-1.4 patto"), map[string]string{"section": "pact"}); r.Status != http.StatusSeeOther {
			t.Errorf("pdf: %d %s", r.Status, Excerpt(r.Body, "invalid-feedback"))
		}
		if r := uploadTo(t, c, "/admin/patti/"+id+"/allegati", "foto.png", pngBytes(), map[string]string{"section": "photo"}); r.Status != http.StatusSeeOther {
			t.Errorf("photo: %d", r.Status)
		}
		if r := uploadTo(t, c, "/admin/patti/"+id+"/allegati", "patto.pdf", []byte("%PDF-1.4 patto"), map[string]string{"section": "photo"}); r.Status != http.StatusUnsupportedMediaType {
			t.Errorf("pdf as photo: %d", r.Status)
		}
		if r := uploadTo(t, c, "/admin/patti/"+id+"/allegati", "patto.pdf", []byte("MZ\x90\x00 not a pdf"), map[string]string{"section": "pact"}); r.Status != http.StatusUnsupportedMediaType {
			t.Errorf("disguised file: %d", r.Status)
		}
		if files, _ := s.Store.OwnerAttachments(ctx, store.AttachmentOwner{Kind: store.OwnerPact, ID: p.ID}); len(files) != 2 {
			t.Errorf("files = %+v", files)
		}
		if r := c.Post(t, "/admin/patti/"+id+"/ritira", nil); r.Status != http.StatusSeeOther {
			t.Errorf("unpublish: %d", r.Status)
		}
		// Delete: the confirmation page, then the confirmed POST.
		if r := c.Get(t, "/admin/patti/"+id+"/elimina"); r.Status != http.StatusOK {
			t.Errorf("delete page: %d", r.Status)
		}
		if r := c.Post(t, "/admin/patti/"+id+"/elimina", url.Values{}); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("unconfirmed delete: %d", r.Status)
		}
		if r := c.Post(t, "/admin/patti/"+id+"/elimina", url.Values{"confirm": {"1"}}); r.Status != http.StatusSeeOther {
			t.Errorf("delete: %d", r.Status)
		}
		if _, err := s.Store.PactInputByID(ctx, p.ID); err == nil {
			t.Error("the pact survived its deletion")
		}
	})
}

// TestPactOtherBody: a referent cannot create, move or change another
// body's pact through any route or form field, and nothing is written.
func TestPactOtherBody(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := NewAdminSite(t, d)
		own, _ := s.Store.Body(ctx, "comune-di-chieri")
		other, _ := s.Store.Body(ctx, "comune-di-collegno")
		coord := &auth.User{Role: auth.Coordinator}
		mine, err := s.Store.CreatePact(ctx, coord, store.PactInput{BodyID: own.ID, Title: "Mio", Status: domain.PactProposed})
		if err != nil {
			t.Fatal(err)
		}
		theirs, err := s.Store.CreatePact(ctx, coord, store.PactInput{BodyID: other.ID, Title: "Loro", Status: domain.PactProposed})
		if err != nil {
			t.Fatal(err)
		}
		s.AddUser(t, "ref@example.it", auth.Referent, "comune-di-chieri")
		c := s.LoginAs(t, "ref@example.it")
		tp := "/admin/patti/" + Itoa(theirs)
		for _, r := range []Response{
			c.Post(t, "/admin/patti", pactForm(other.ID)),             // create for another body
			c.Post(t, "/admin/patti/"+Itoa(mine), pactForm(other.ID)), // move own pact to another body
			c.Get(t, tp), c.Post(t, tp, pactForm(own.ID)), // take theirs
			c.Post(t, tp+"/stato", url.Values{"status": {"istruttoria"}, "on": {"2024-01-01"}}),
			c.Post(t, tp+"/pubblica", nil), c.Get(t, tp+"/elimina"), c.Post(t, tp+"/elimina", url.Values{"confirm": {"1"}}),
			uploadTo(t, c, tp+"/allegati", "p.pdf", []byte("%PDF-1.4 x"), map[string]string{"section": "pact"}),
		} {
			if r.Status != http.StatusForbidden {
				t.Errorf("status %d, want 403", r.Status)
			}
		}
		if r := c.Get(t, "/admin/patti"); strings.Contains(r.Body, ">Loro<") || !strings.Contains(r.Body, ">Mio<") {
			t.Error("the referent's list shows another body's pact, or not their own")
		}
		page, _ := s.Store.Pacts(ctx, store.PactFilter{WithDrafts: true})
		if page.Total != 2 {
			t.Errorf("pacts = %d", page.Total)
		}
		for _, id := range []int64{mine, theirs} {
			in, err := s.Store.PactInputByID(ctx, id)
			if err != nil || in.Published || in.Status != domain.PactProposed || (id == mine && in.BodyID != own.ID) || (id == theirs && (in.BodyID != other.ID || in.Title != "Loro")) {
				t.Errorf("pact %d changed: %+v %v", id, in, err)
			}
		}
	})
}
