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

// Who is asking, in the authorisation table.
const (
	anonymous   = "anonymous"
	participant = "participant"
	refOther    = "referent of body A on body B"
	refOwn      = "referent on own body"
	coordinator = "coordinator"
)

var everyone = []string{anonymous, participant, refOther, refOwn, coordinator}

// TestAuthorisationTable asks every backoffice route as every kind of
// account and checks the server allows or refuses it: anonymous visitors are
// sent to the login page, accounts without the right get 403.
func TestAuthorisationTable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := NewAdminSite(t, d)
		bodyA, _ := s.Store.Body(ctx, "comune-di-chieri")
		bodyB, _ := s.Store.Body(ctx, "comune-di-collegno")
		act, err := s.Store.Activity(ctx, "chieri-2020")
		if err != nil {
			t.Fatal(err)
		}
		types, _ := s.Store.ActivityTypes(ctx)
		comms, _ := s.Store.Communities(ctx)
		attID, err := s.Store.AddAttachment(ctx, store.Actor{}, store.NewAttachment{ActivityID: act.ID, Section: "activity", Filename: "a.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4 x")})
		if err != nil {
			t.Fatal(err)
		}
		coordUser := &auth.User{Role: auth.Coordinator}
		pactA, err := s.Store.CreatePact(ctx, coordUser, store.PactInput{BodyID: bodyA.ID, Title: "Orto di via Roma", Status: domain.PactProposed})
		if err != nil {
			t.Fatal(err)
		}
		pactB, err := s.Store.CreatePact(ctx, coordUser, store.PactInput{BodyID: bodyB.ID, Title: "Piazza del mercato", Status: domain.PactProposed})
		if err != nil {
			t.Fatal(err)
		}
		practiceA, err := s.Store.CreatePractice(ctx, coordUser, store.PracticeInput{BodyID: bodyA.ID, Title: "Modulo unico"})
		if err != nil {
			t.Fatal(err)
		}
		practiceB, err := s.Store.CreatePractice(ctx, coordUser, store.PracticeInput{BodyID: bodyB.ID, Title: "Sportello patti"})
		if err != nil {
			t.Fatal(err)
		}
		partID := s.AddUser(t, "part@example.it", auth.Participant)
		s.AddUser(t, "refa@example.it", auth.Referent, "comune-di-chieri")
		s.AddUser(t, "refa2@example.it", auth.Referent, "comune-di-chieri")
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		clients := map[string]*Client{
			anonymous:   s.NewClient(t),
			participant: s.LoginAs(t, "part@example.it"),
			refOther:    s.LoginAs(t, "refa2@example.it"),
			refOwn:      s.LoginAs(t, "refa@example.it"),
			coordinator: s.LoginAs(t, "coord@example.it"),
		}
		a, b := Itoa(bodyA.ID), Itoa(bodyB.ID)
		aid := Itoa(act.ID)
		// The referent asks about body B as "referent of A on B", and about A as "on own body".
		bodyFor := func(role string) string {
			if role == refOwn {
				return a
			}
			return b
		}
		practiceFor := func(role string) string {
			if role == refOwn {
				return Itoa(practiceA)
			}
			return Itoa(practiceB)
		}
		pactFor := func(role string) string {
			if role == refOwn {
				return Itoa(pactA)
			}
			return Itoa(pactB)
		}
		routes := []struct {
			method, path string
			form         url.Values
			allowed      []string
		}{
			{"GET", "/admin", nil, []string{participant, refOther, refOwn, coordinator}},
			{"GET", "/admin/utenti", nil, []string{coordinator}},
			{"GET", "/admin/utenti/invita", nil, []string{coordinator}},
			{"POST", "/admin/utenti/invita", url.Values{"email": {""}}, []string{coordinator}},
			{"GET", "/admin/utenti/" + Itoa(partID), nil, []string{coordinator}},
			{"POST", "/admin/utenti/" + Itoa(partID), url.Values{"role": {"boss"}}, []string{coordinator}},
			{"POST", "/admin/utenti/" + Itoa(partID) + "/invita-di-nuovo", nil, []string{coordinator}}, // has a password: refused with 409
			{"GET", "/admin/attivita", nil, []string{coordinator}},
			{"GET", "/admin/attivita/nuova", nil, []string{coordinator}},
			{"POST", "/admin/attivita", url.Values{"title": {""}}, []string{coordinator}},
			{"GET", "/admin/attivita/" + aid, nil, []string{coordinator}},
			{"POST", "/admin/attivita/" + aid, url.Values{"title": {""}}, []string{coordinator}},
			{"POST", "/admin/attivita/" + aid + "/ritira", nil, []string{coordinator}},
			{"POST", "/admin/attivita/" + aid + "/pubblica", nil, []string{coordinator}},
			{"POST", "/admin/attivita/" + aid + "/annulla", nil, []string{coordinator}},
			{"POST", "/admin/attivita/" + aid + "/pubblica", nil, []string{coordinator}},
			{"GET", "/admin/attivita/" + aid + "/elimina", nil, []string{coordinator}},
			{"POST", "/admin/attivita/" + aid + "/elimina", url.Values{}, []string{coordinator}}, // unconfirmed: nothing deleted
			{"POST", "/admin/attivita/" + aid + "/allegati", url.Values{}, []string{coordinator}},
			{"POST", "/admin/attivita/" + aid + "/formazione", url.Values{"training_title": {""}}, []string{coordinator}},
			{"POST", "/admin/attivita/" + aid + "/formazione/999999/elimina", nil, []string{coordinator}}, // no such link: 404
			{"POST", "/admin/anteprima", url.Values{"text": {"**x**"}}, []string{refOther, refOwn, coordinator}},
			{"GET", "/admin/enti", nil, []string{refOther, refOwn, coordinator}},
			{"GET", "/admin/enti/nuovo", nil, []string{coordinator}},
			{"POST", "/admin/enti", url.Values{"name": {""}}, []string{coordinator}},
			{"GET", "/admin/enti/{body}", nil, []string{refOwn, coordinator}},
			{"POST", "/admin/enti/{body}", url.Values{"description": {strings.Repeat("x", 6000)}}, []string{refOwn, coordinator}},
			{"POST", "/admin/enti/{body}/logo", url.Values{}, []string{refOwn, coordinator}},
			{"GET", "/admin/enti/{body}/unisci", nil, []string{coordinator}},
			{"POST", "/admin/enti/{body}/unisci", url.Values{}, []string{coordinator}}, // unconfirmed: nothing merged
			{"GET", "/admin/enti/{body}/regolamento", nil, []string{refOwn, coordinator}},
			{"POST", "/admin/enti/{body}/regolamento", url.Values{"status": {"maybe"}}, []string{refOwn, coordinator}},
			{"POST", "/admin/enti/{body}/regolamento/testo", url.Values{}, []string{refOwn, coordinator}},
			{"GET", "/admin/patti", nil, []string{refOther, refOwn, coordinator}},
			{"GET", "/admin/patti?ente={body}", nil, []string{refOwn, coordinator}}, // another body's filter: 400 for a referent
			{"GET", "/admin/patti/nuovo", nil, []string{refOther, refOwn, coordinator}},
			{"POST", "/admin/patti", url.Values{"body_id": {"{body}"}, "title": {""}}, []string{refOwn, coordinator}},
			{"GET", "/admin/patti/{pact}", nil, []string{refOwn, coordinator}},
			{"POST", "/admin/patti/{pact}", url.Values{"body_id": {"{body}"}, "title": {""}}, []string{refOwn, coordinator}},
			{"POST", "/admin/patti/{pact}/stato", url.Values{"status": {"concluso"}}, []string{refOwn, coordinator}}, // not allowed from proposta: 422
			{"POST", "/admin/patti/{pact}/pubblica", nil, []string{refOwn, coordinator}},
			{"POST", "/admin/patti/{pact}/ritira", nil, []string{refOwn, coordinator}},
			{"GET", "/admin/patti/{pact}/elimina", nil, []string{refOwn, coordinator}},
			{"POST", "/admin/patti/{pact}/elimina", url.Values{}, []string{refOwn, coordinator}}, // unconfirmed: nothing deleted
			{"POST", "/admin/patti/{pact}/allegati", url.Values{}, []string{refOwn, coordinator}},
			{"GET", "/admin/patti/importa", nil, []string{refOther, refOwn, coordinator}},
			{"POST", "/admin/patti/importa", url.Values{"body_id": {"{body}"}}, []string{refOwn, coordinator}},                                          // not multipart: refused before anything is read
			{"POST", "/admin/patti/importa/conferma", url.Values{"body_id": {"{body}"}, "data": {"YQ=="}, "sig": {"x"}}, []string{refOwn, coordinator}}, // bad signature: 400
			{"GET", "/admin/buone-pratiche", nil, []string{refOther, refOwn, coordinator}},
			{"GET", "/admin/buone-pratiche/nuova", nil, []string{refOther, refOwn, coordinator}},
			{"POST", "/admin/buone-pratiche", url.Values{"body_id": {"{body}"}, "title": {""}}, []string{refOwn, coordinator}},
			{"GET", "/admin/buone-pratiche/{practice}", nil, []string{refOwn, coordinator}},
			{"POST", "/admin/buone-pratiche/{practice}", url.Values{"body_id": {"{body}"}, "title": {""}}, []string{refOwn, coordinator}},
			{"POST", "/admin/buone-pratiche/{practice}/pubblica", nil, []string{refOwn, coordinator}},
			{"POST", "/admin/buone-pratiche/{practice}/ritira", nil, []string{refOwn, coordinator}},
			{"GET", "/admin/buone-pratiche/{practice}/elimina", nil, []string{refOwn, coordinator}},
			{"POST", "/admin/buone-pratiche/{practice}/elimina", url.Values{}, []string{refOwn, coordinator}}, // unconfirmed: nothing deleted
			{"POST", "/admin/buone-pratiche/{practice}/allegati", url.Values{}, []string{refOwn, coordinator}},
			{"GET", "/admin/patti/beni", nil, []string{coordinator}},
			{"POST", "/admin/patti/beni", url.Values{"name": {""}}, []string{coordinator}},
			{"GET", "/admin/patti/tipi", nil, []string{coordinator}},
			{"POST", "/admin/patti/tipi", url.Values{"name": {""}}, []string{coordinator}},
			{"GET", "/admin/tipi", nil, []string{coordinator}},
			{"POST", "/admin/tipi", url.Values{"name": {""}}, []string{coordinator}},
			{"POST", "/admin/tipi/" + Itoa(types[0].ID), url.Values{"name": {""}}, []string{coordinator}},
			{"GET", "/admin/community", nil, []string{coordinator}},
			{"POST", "/admin/community", url.Values{"name": {""}}, []string{coordinator}},
			{"POST", "/admin/community/" + Itoa(comms[0].ID), url.Values{"name": {""}}, []string{coordinator}},
			{"GET", "/admin/registro", nil, []string{coordinator}},
			{"GET", "/admin/chi-siamo", nil, []string{coordinator}},
			{"POST", "/admin/chi-siamo", url.Values{"contact_email": {"non valida"}}, []string{coordinator}},
			{"POST", "/admin/allegati/" + Itoa(attID) + "/elimina", nil, []string{coordinator}},
			{"GET", "/admin/password", nil, []string{participant, refOther, refOwn, coordinator}},
			{"POST", "/admin/password", url.Values{"current": {"sbagliata"}}, []string{participant, refOther, refOwn, coordinator}}, // refused: 422
			// Last: it ends the sessions of whoever is allowed.
			{"POST", "/admin/esci-ovunque", nil, []string{participant, refOther, refOwn, coordinator}},
		}
		for _, rt := range routes {
			for _, role := range everyone {
				path := strings.ReplaceAll(strings.ReplaceAll(rt.path, "{body}", bodyFor(role)), "{pact}", pactFor(role))
				path = strings.ReplaceAll(path, "{practice}", practiceFor(role))
				form := url.Values{}
				for k, v := range rt.form {
					form[k] = []string{strings.ReplaceAll(v[0], "{body}", bodyFor(role))}
				}
				c := clients[role]
				var res Response
				if rt.method == "GET" {
					res = c.Get(t, path)
				} else {
					req, _ := http.NewRequest(http.MethodPost, s.URL+path, strings.NewReader(form.Encode()))
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					res = c.Do(t, req)
				}
				allowed := false
				for _, a := range rt.allowed {
					allowed = allowed || a == role
				}
				toLogin := res.Status == http.StatusSeeOther && strings.HasPrefix(res.Header.Get("Location"), "/accedi")
				switch {
				case res.Status >= 500:
					t.Errorf("%s %s as %s: server error %d", rt.method, path, role, res.Status)
				case allowed && (res.Status == http.StatusForbidden || toLogin):
					t.Errorf("%s %s as %s: refused (%d), want allowed", rt.method, path, role, res.Status)
				case !allowed && role == anonymous && !toLogin:
					t.Errorf("%s %s as %s: %d, want a redirect to the login page", rt.method, path, role, res.Status)
				case !allowed && role != anonymous && res.Status != http.StatusForbidden && !(strings.Contains(path, "ente=") && res.Status == http.StatusBadRequest):
					t.Errorf("%s %s as %s: %d, want 403", rt.method, path, role, res.Status)
				}
			}
		}
		// What was refused changed nothing: body B keeps its profile, the activity exists.
		after, err := s.Store.BodyInputByID(ctx, bodyB.ID)
		if err != nil || after.Description != bodyB.Description {
			t.Errorf("body B changed after refused requests: %q (%v)", after.Description, err)
		}
		if got, err := s.Store.PactInputByID(ctx, pactB); err != nil || got.Title != "Piazza del mercato" || got.Status != domain.PactProposed || got.BodyID != bodyB.ID {
			t.Errorf("pact B changed after refused requests: %+v (%v)", got, err)
		}
		if _, err := s.Store.PactInputByID(ctx, pactA); err != nil {
			t.Errorf("pact A is gone after unconfirmed deletes: %v", err)
		}
		if got, err := s.Store.PracticeInputByID(ctx, practiceB); err != nil || got.Title != "Sportello patti" || got.Published {
			t.Errorf("practice B changed after refused requests: %+v (%v)", got, err)
		}
		if _, err := s.Store.PracticeInputByID(ctx, practiceA); err != nil {
			t.Errorf("practice A is gone after unconfirmed deletes: %v", err)
		}
		if _, ok, _ := s.Store.Regulation(ctx, bodyB.ID); ok {
			t.Error("body B got a regulation record from refused requests")
		}
		if _, err := s.Store.Activity(ctx, "chieri-2020"); err != nil {
			t.Errorf("the activity is gone after unconfirmed deletes: %v", err)
		}
		_ = a
	})
}

// TestReferentEditsOnlyOwnBody: a referent changes their body's profile and
// is refused, with nothing written, on another body even by a typed URL.
func TestReferentEditsOnlyOwnBody(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := NewAdminSite(t, d)
		own, _ := s.Store.Body(ctx, "comune-di-chieri")
		other, _ := s.Store.Body(ctx, "comune-di-collegno")
		s.AddUser(t, "ref@example.it", auth.Referent, "comune-di-chieri")
		c := s.LoginAs(t, "ref@example.it")
		profile := url.Values{"description": {"Il Comune promuove i patti di collaborazione."}, "website": {"https://www.comune.chieri.to.it"},
			"contact_office": {"Ufficio beni comuni"},
			// Fields only coordinators may set are ignored for a referent.
			"name": {"Nome cambiato"}, "kind": {"altro"}}
		if r := c.Post(t, "/admin/enti/"+Itoa(own.ID), profile); r.Status != http.StatusSeeOther {
			t.Fatalf("own body: status %d %s", r.Status, Excerpt(r.Body, "invalid-feedback"))
		}
		got, _ := s.Store.BodyInputByID(ctx, own.ID)
		if got.Description != "Il Comune promuove i patti di collaborazione." || got.ContactOffice != "Ufficio beni comuni" ||
			got.RegulationAdopted != own.RegulationAdopted {
			t.Errorf("own body after save = %+v", got)
		}
		if got.Name != own.Name || got.Kind != string(own.Kind) {
			t.Errorf("a referent changed the name or kind: %q %q", got.Name, got.Kind)
		}
		bad := c.Post(t, "/admin/enti/"+Itoa(own.ID), url.Values{"website": {"comune punto it"}, "description": {"testo tenuto"}})
		if bad.Status != http.StatusUnprocessableEntity || !strings.Contains(bad.Body, "https://") || !strings.Contains(bad.Body, "testo tenuto") || !strings.Contains(bad.Body, `aria-invalid="true"`) {
			t.Errorf("bad website: status %d", bad.Status)
		}
		if r := c.Post(t, "/admin/enti/"+Itoa(other.ID), profile); r.Status != http.StatusForbidden {
			t.Errorf("other body: status %d, want 403", r.Status)
		}
		if got, _ := s.Store.BodyInputByID(ctx, other.ID); got.Description != other.Description || got.ContactOffice != "" {
			t.Errorf("the other body changed: %+v", got)
		}
		log, _, _ := s.Store.AuditLog(ctx, store.AuditFilter{Entity: "body", EntityID: own.ID})
		if len(log) != 1 || log[0].Action != "update_profile" || !strings.Contains(log[0].After, "Ufficio beni comuni") {
			t.Errorf("audit of the profile change = %+v", log)
		}
	})
}
