package registrations_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/mail/mailtest"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
	ics "github.com/arran4/golang-ical"
)

func TestRegistrationDoubleOptIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewAdminSite(t, d)
		ctx := context.Background()
		id := RegActivity(t, s.Store, "patti-2027", "formazione", 10, Intp(1))
		c := s.NewClient(t)

		res := c.Get(t, "/attivita/patti-2027")
		if res.Status != http.StatusOK || !strings.Contains(res.Body, `href="/iscrizioni/attivita/patti-2027"`) {
			t.Fatalf("public page: %d, registration link missing", res.Status)
		}
		if strings.Contains(res.Body, "stanza-segreta") {
			t.Error("the online link is shown publicly")
		}

		// Bad input: each field says what to fix, and nothing is written.
		bad := RegForm("anna@")
		bad.Del("consent")
		bad.Set("role", "papa")
		res = c.Post(t, "/iscrizioni/attivita/patti-2027", bad)
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("bad form: status %d", res.Status)
		}
		for _, want := range []string{"L&#39;indirizzo e-mail non è valido", "devi dichiarare di aver letto l&#39;informativa", "Scegli il tuo ruolo", `value="Anna Bianchi"`} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("bad form answer lacks %q", want)
			}
		}
		unknownBody := RegForm("anna@example.it")
		unknownBody.Set("body", "Comune che non esiste")
		if res = c.Post(t, "/iscrizioni/attivita/patti-2027", unknownBody); res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "non è nell&#39;elenco") {
			t.Errorf("unknown body: status %d", res.Status)
		}
		if n, _ := s.Store.RegistrationCounts(ctx, id); n != (store.RegistrationCounts{}) {
			t.Errorf("refused forms wrote registrations: %+v", n)
		}
		if len(s.SMTP.Messages()) != 0 {
			t.Errorf("refused forms sent %d e-mails", len(s.SMTP.Messages()))
		}

		// A good registration: pending until the link is used.
		res = c.Post(t, "/iscrizioni/attivita/patti-2027", RegForm("Anna@Example.it"))
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/iscrizioni/attivita/patti-2027/inviata" {
			t.Fatalf("registration: status %d, location %q: %s", res.Status, res.Header.Get("Location"), Excerpt(res.Body, "alert"))
		}
		if n, _ := s.Store.RegistrationCounts(ctx, id); n.Pending != 1 || n.Confirmed != 0 {
			t.Errorf("before confirming: %+v", n)
		}
		msg := LastMessage(t, s.SMTP, "anna@example.it", "Conferma l'iscrizione")
		confirm := FindLink(t, ConfirmLinkPattern, msg.Body, s.URL)
		if strings.Contains(msg.Body, "stanza-segreta") {
			t.Error("the online link went out before the confirmation")
		}
		if res = c.Get(t, confirm); res.Status != http.StatusOK || !strings.Contains(res.Body, "Conferma l&#39;iscrizione") {
			t.Fatalf("confirm page: %d", res.Status)
		}
		if n, _ := s.Store.RegistrationCounts(ctx, id); n.Confirmed != 0 {
			t.Error("opening the link (as a mail scanner would) confirmed the registration")
		}
		if res = c.Post(t, confirm, nil); res.Status != http.StatusOK || !strings.Contains(res.Body, "è confermata") {
			t.Fatalf("confirm: %d %s", res.Status, Excerpt(res.Body, "<h1"))
		}
		// Reused and forged links change nothing and say why.
		if res = c.Post(t, confirm, nil); res.Status != http.StatusGone || !strings.Contains(res.Body, "già stato usato") {
			t.Errorf("reused link: %d", res.Status)
		}
		if res = c.Post(t, "/iscrizioni/conferma/inventato", nil); res.Status != http.StatusGone || !strings.Contains(res.Body, "non è valido") {
			t.Errorf("forged link: %d", res.Status)
		}
		if res = c.Get(t, "/iscrizioni/conferma/inventato"); res.Status != http.StatusGone || !strings.Contains(res.Body, "non è valido") || strings.Contains(res.Body, "bc-confirm-form") {
			t.Errorf("opening a forged link: %d", res.Status)
		}
		if res = c.Get(t, confirm); res.Status != http.StatusGone || !strings.Contains(res.Body, "già stato usato") {
			t.Errorf("opening a used link: %d", res.Status)
		}
		if n, _ := s.Store.RegistrationCounts(ctx, id); n.Confirmed != 1 || n.Pending != 0 {
			t.Errorf("after confirming: %+v", n)
		}

		// The confirmation e-mail: details, online link, calendar entry, personal link.
		msg = LastMessage(t, s.SMTP, "anna@example.it", "Iscrizione confermata")
		for _, want := range []string{"Formazione sui patti patti-2027", "stanza-segreta", "Sala consiliare di Chieri", "/iscrizioni/gestisci/"} {
			if !strings.Contains(msg.Body, want) {
				t.Errorf("confirmation e-mail lacks %q: %s", want, msg.Body)
			}
		}
		checkCalendar(t, msg, "Formazione sui patti patti-2027", time.Now().AddDate(0, 0, 10))
		manage := FindLink(t, ManageLinkPattern, msg.Body, s.URL)

		// The same address cannot register twice.
		if res = c.Post(t, "/iscrizioni/attivita/patti-2027", RegForm("anna@example.it")); res.Status != http.StatusConflict || !strings.Contains(res.Body, "già iscritto") {
			t.Errorf("second registration: %d", res.Status)
		}

		// Seats are taken: Bruno goes on the waiting list, then gets Anna's seat.
		if res = c.Post(t, "/iscrizioni/attivita/patti-2027", RegForm("bruno@example.it")); res.Status != http.StatusSeeOther {
			t.Fatalf("second person: %d", res.Status)
		}
		bconfirm := FindLink(t, ConfirmLinkPattern, LastMessage(t, s.SMTP, "bruno@example.it", "Conferma").Body, s.URL)
		if res = c.Post(t, bconfirm, nil); !strings.Contains(res.Body, "lista d&#39;attesa") {
			t.Errorf("second person not told about the waiting list: %s", Excerpt(res.Body, "<p>"))
		}
		LastMessage(t, s.SMTP, "bruno@example.it", "lista d'attesa")

		// The personal link: see, correct, cancel; a forged one is refused.
		if res = c.Get(t, manage); res.Status != http.StatusOK || !strings.Contains(res.Body, "hai un posto") {
			t.Fatalf("manage page: %d", res.Status)
		}
		forged := manage[:len(manage)-3] + "abc"
		if res = c.Get(t, forged); res.Status != http.StatusGone || !strings.Contains(res.Body, "non è valido") {
			t.Errorf("forged personal link: %d", res.Status)
		}
		fix := RegForm("anna@example.it")
		fix.Set("name", "Anna Maria Bianchi")
		if res = c.Post(t, manage, fix); res.Status != http.StatusSeeOther {
			t.Fatalf("correction: %d %s", res.Status, Excerpt(res.Body, "alert"))
		}
		if res = c.Post(t, manage+"/annulla", nil); res.Status != http.StatusOK {
			t.Fatalf("cancel: %d", res.Status)
		}
		if res = c.Post(t, manage+"/annulla", nil); res.Status != http.StatusGone || !strings.Contains(res.Body, "già stata annullata") {
			t.Errorf("second cancel: %d", res.Status)
		}
		promoted := LastMessage(t, s.SMTP, "bruno@example.it", "Si è liberato un posto")
		checkCalendar(t, promoted, "Formazione sui patti patti-2027", time.Now().AddDate(0, 0, 10))
		n, _ := s.Store.RegistrationCounts(ctx, id)
		if n.Confirmed != 1 || n.Waiting != 0 || n.Cancelled != 1 {
			t.Errorf("after cancelling: %+v", n)
		}
		rows, _, _ := s.Store.Registrations(ctx, store.RegistrationFilter{ActivityID: id, Status: store.RegCancelled})
		if len(rows) != 1 || rows[0].Name != "Anna Maria Bianchi" {
			t.Errorf("cancelled rows = %+v", rows)
		}

		// Delete my data: the link stops working.
		if res = c.Post(t, manage+"/elimina", nil); res.Status != http.StatusOK {
			t.Fatalf("delete: %d", res.Status)
		}
		if res = c.Get(t, manage); res.Status != http.StatusGone {
			t.Errorf("personal link after deletion: %d", res.Status)
		}
		if r, _ := s.Store.Registration(ctx, rows[0].ID); r.Email != "" || r.Name != "" {
			t.Errorf("after deletion the registration keeps %q %q", r.Name, r.Email)
		}
	})
}

// checkCalendar parses the .ics attachment back and checks its event.
func checkCalendar(t *testing.T, m mailtest.Received, title string, day time.Time) {
	t.Helper()
	if len(m.Attachments) != 1 || !strings.HasPrefix(m.Attachments[0].ContentType, "text/calendar") {
		t.Fatalf("attachments = %+v", m.Attachments)
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(m.Attachments[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	evs := cal.Events()
	if len(evs) != 1 {
		t.Fatalf("%d events", len(evs))
	}
	start, err := evs[0].GetStartAt()
	if err != nil {
		t.Fatal(err)
	}
	rome, _ := time.LoadLocation("Europe/Rome")
	want := time.Date(day.Year(), day.Month(), day.Day(), 9, 30, 0, 0, rome)
	if !start.Equal(want) || evs[0].GetProperty(ics.ComponentPropertySummary).Value != title {
		t.Errorf("event starts %v (want %v), summary %q", start, want, evs[0].GetProperty(ics.ComponentPropertySummary).Value)
	}
	if len(cal.Timezones()) != 1 {
		t.Error("calendar has no VTIMEZONE")
	}
}

func TestRegistrationExpiredLinkAndClosed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewAdminSite(t, d)
		ctx := context.Background()
		id := RegActivity(t, s.Store, "scaduta", "formazione", 5, nil)
		token, hash := auth.NewToken()
		if _, err := s.Store.Register(ctx, store.NewRegistration{ActivityID: id, Name: "Carla", Email: "carla@example.it", Role: "dirigente",
			ConsentVersion: "x", ConsentAt: time.Now(), ConfirmHash: hash, ConfirmExpires: time.Now().Add(-time.Hour), ManageNonce: "n"}, time.Now()); err != nil {
			t.Fatal(err)
		}
		c := s.NewClient(t)
		if res := c.Get(t, "/iscrizioni/conferma/"+token); res.Status != http.StatusGone || !strings.Contains(res.Body, "è scaduto") {
			t.Errorf("opening an expired link: %d", res.Status)
		}
		if res := c.Post(t, "/iscrizioni/conferma/"+token, nil); res.Status != http.StatusGone || !strings.Contains(res.Body, "è scaduto") {
			t.Errorf("expired link: %d", res.Status)
		}
		if n, _ := s.Store.RegistrationCounts(ctx, id); n.Pending != 1 || n.Confirmed != 0 {
			t.Errorf("expired link changed the counts: %+v", n)
		}
		if _, err := s.Store.SetRegistrationSettings(ctx, store.Actor{}, id, store.RegistrationSettings{Enabled: false}); err != nil {
			t.Fatal(err)
		}
		res := c.Post(t, "/iscrizioni/attivita/scaduta", RegForm("dario@example.it"))
		if res.Status != http.StatusGone || !strings.Contains(res.Body, "sono chiuse") {
			t.Errorf("closed registrations: %d", res.Status)
		}
		if n, _ := s.Store.RegistrationCounts(ctx, id); n.Pending != 1 {
			t.Errorf("closed registrations wrote: %+v", n)
		}
	})
}

// TestRegistrationAdminAuthorization checks every coordinator route with
// each kind of visitor.
func TestRegistrationAdminAuthorization(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewAdminSite(t, d)
		RegActivity(t, s.Store, "autorizzazioni", "formazione", 5, nil)
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		s.AddUser(t, "ref@example.it", auth.Referent, "comune-di-chieri")
		s.AddUser(t, "part@example.it", auth.Participant)
		base := "/admin/iscrizioni/autorizzazioni"
		routes := []struct {
			method, path string
			form         url.Values
		}{
			{"GET", "/admin/iscrizioni", nil},
			{"GET", base, nil},
			{"GET", base + "/export.csv", nil},
			{"GET", base + "/nuova", nil},
			{"POST", base + "/impostazioni", url.Values{"enabled": {"1"}, "capacity": {"30"}}},
			{"POST", base + "/presenze", url.Values{"id": {"999999"}, "presente": {"1"}}},
			{"POST", base + "/sposta", url.Values{"id": {"999999"}, "verso": {"waiting"}}},
			{"POST", base + "/annulla", url.Values{"id": {"999999"}}},
			{"POST", base + "/nuova", RegForm("nuova@example.it")},
			{"POST", base + "/email", url.Values{"subject": {"Avviso"}, "text": {"Testo"}}},
			{"POST", base + "/restituzione", url.Values{"report": {"Restituzione"}}},
			{"POST", base + "/ente", url.Values{"id": {"999999"}}},
		}
		clients := map[string]*Client{"anonymous": s.NewClient(t), "participant": s.LoginAs(t, "part@example.it"),
			"referent": s.LoginAs(t, "ref@example.it"), "coordinator": s.LoginAs(t, "coord@example.it")}
		for who, c := range clients {
			for _, rt := range routes {
				var res Response
				if rt.method == "GET" {
					res = c.Get(t, rt.path)
				} else {
					res = c.Post(t, rt.path, rt.form)
				}
				switch who {
				case "anonymous":
					if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/accedi") {
						t.Errorf("%s %s %s: %d → %q, want the login page", who, rt.method, rt.path, res.Status, res.Header.Get("Location"))
					}
				case "participant", "referent":
					if res.Status != http.StatusForbidden {
						t.Errorf("%s %s %s: %d, want 403", who, rt.method, rt.path, res.Status)
					}
				case "coordinator":
					if res.Status >= 500 || res.Status == http.StatusForbidden || (res.Status == http.StatusSeeOther && strings.HasPrefix(res.Header.Get("Location"), "/accedi")) {
						t.Errorf("%s %s %s: %d", who, rt.method, rt.path, res.Status)
					}
				}
			}
		}
	})
}

func TestRegistrationAdminWork(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewAdminSite(t, d)
		ctx := context.Background()
		id := RegActivity(t, s.Store, "lavoro", "formazione", 3, Intp(2))
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		c := s.LoginAs(t, "coord@example.it")
		base := "/admin/iscrizioni/lavoro"
		for _, e := range []string{"uno@example.it", "due@example.it", "tre@example.it"} {
			f := RegForm(e)
			f.Set("name", "Persona "+strings.TrimSuffix(e, "@example.it"))
			if res := c.Post(t, base+"/nuova", f); res.Status != http.StatusSeeOther {
				t.Fatalf("manual registration of %s: %d %s", e, res.Status, Excerpt(res.Body, "alert"))
			}
		}
		// A proposed body and a formula-looking name, for the CSV.
		f := RegForm("quattro@example.it")
		f.Set("name", "=SOMMA(A1)")
		f.Del("body")
		f.Set("new_body_name", "Comune di Prova")
		f.Set("new_body_kind", "comune")
		f.Set("new_body_place", "Prova")
		if res := c.Post(t, base+"/nuova", f); res.Status != http.StatusSeeOther {
			t.Fatalf("manual registration with a proposed body: %d %s", res.Status, Excerpt(res.Body, "alert"))
		}
		n, _ := s.Store.RegistrationCounts(ctx, id)
		if n.Confirmed != 2 || n.Waiting != 2 {
			t.Fatalf("after manual registrations: %+v", n)
		}
		res := c.Get(t, base+"?q=persona+u")
		if res.Status != http.StatusOK || !strings.Contains(res.Body, "uno@example.it") || strings.Contains(res.Body, "due@example.it") {
			t.Errorf("search: %d", res.Status)
		}
		res = c.Get(t, base+"/export.csv")
		if !strings.HasPrefix(res.Body, "\uFEFF") || !strings.Contains(res.Body, "Comune di Chieri") || !strings.Contains(res.Body, "'=SOMMA(A1)") ||
			!strings.Contains(res.Body, "Comune di Prova (Comune, Prova)") || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
			t.Errorf("CSV export: %q", res.Body[:min(len(res.Body), 400)])
		}
		if res = c.Get(t, base+"?stato=sbagliato"); res.Status != http.StatusBadRequest {
			t.Errorf("bad status filter: %d", res.Status)
		}

		rows, _, _ := s.Store.Registrations(ctx, store.RegistrationFilter{ActivityID: id, Limit: -1})
		byEmail := map[string]store.Registration{}
		for _, r := range rows {
			byEmail[r.Email] = r
		}
		// The proposed body joins the registry and the registration points to it.
		if res = c.Post(t, base+"/ente", url.Values{"id": {Itoa(byEmail["quattro@example.it"].ID)}}); res.Status != http.StatusSeeOther {
			t.Fatalf("confirm proposed body: %d %s", res.Status, Excerpt(res.Body, "alert"))
		}
		prova, err := s.Store.Body(ctx, "comune-di-prova")
		if err != nil || prova.Kind != "comune" {
			t.Fatalf("proposed body in the registry: %+v, %v", prova, err)
		}
		if r, _ := s.Store.Registration(ctx, byEmail["quattro@example.it"].ID); r.BodyID != prova.ID || r.ProposedBodyName != "" {
			t.Errorf("after confirming the body the registration is %+v", r)
		}
		if res = c.Post(t, base+"/ente", url.Values{"id": {Itoa(byEmail["quattro@example.it"].ID)}}); res.Status != http.StatusBadRequest {
			t.Errorf("confirming the body twice: %d", res.Status)
		}

		// Moving onto a full activity is refused with a reason.
		if res = c.Post(t, base+"/sposta", url.Values{"id": {Itoa(byEmail["tre@example.it"].ID)}, "verso": {"confirmed"}}); res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "posti sono esauriti") {
			t.Errorf("move onto a full activity: %d", res.Status)
		}
		if res = c.Post(t, base+"/sposta", url.Values{"id": {Itoa(byEmail["due@example.it"].ID)}, "verso": {"waiting"}}); res.Status != http.StatusSeeOther {
			t.Errorf("move to waiting: %d", res.Status)
		}
		if res = c.Post(t, base+"/sposta", url.Values{"id": {Itoa(byEmail["tre@example.it"].ID)}, "verso": {"confirmed"}}); res.Status != http.StatusSeeOther {
			t.Errorf("move to confirmed: %d", res.Status)
		}
		LastMessage(t, s.SMTP, "tre@example.it", "Si è liberato un posto")

		// Attendance in bulk, then the public page counts it.
		if res = c.Post(t, base+"/presenze", url.Values{"id": {Itoa(byEmail["uno@example.it"].ID), Itoa(byEmail["tre@example.it"].ID)}, "presente": {"1"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("attendance: %d", res.Status)
		}
		if res = c.Post(t, base+"/presenze", url.Values{"presente": {"1"}}); res.Status != http.StatusBadRequest {
			t.Errorf("attendance without anyone: %d", res.Status)
		}
		_, page := s.Get(t, "/attivita/lavoro")
		if !strings.Contains(page, "2 persone presenti") || !strings.Contains(page, "1 ente presente") || !strings.Contains(page, "2 assessori") {
			t.Errorf("public figures: %s", Excerpt(page, "figures-title"))
		}
		for _, private := range []string{"uno@example.it", "Persona uno", "stanza-segreta"} {
			if strings.Contains(page, private) {
				t.Errorf("the public page shows %q", private)
			}
		}

		// E-mail to everyone live.
		before := len(s.SMTP.Messages())
		if res = c.Post(t, base+"/email", url.Values{"subject": {"Cambio di sala"}, "text": {"Ci vediamo in sala B."}}); res.Status != http.StatusSeeOther {
			t.Fatalf("mail all: %d", res.Status)
		}
		if got := len(s.SMTP.Messages()) - before; got != 4 {
			t.Errorf("mail to all reached %d people, want 4", got)
		}
		if res = c.Post(t, base+"/email", url.Values{"subject": {""}, "text": {"x"}}); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("mail without subject: %d", res.Status)
		}

		// Outcome: every attendee gets it once, with the certificate link.
		if res = c.Post(t, base+"/restituzione", url.Values{"report": {"Abbiamo scritto tre patti."}}); res.Status != http.StatusSeeOther {
			t.Fatalf("publish outcome: %d", res.Status)
		}
		out := LastMessage(t, s.SMTP, "uno@example.it", "Restituzione")
		if !strings.Contains(out.Body, "Abbiamo scritto tre patti.") || !strings.Contains(out.Body, "attestato.pdf") {
			t.Errorf("outcome e-mail: %s", out.Body)
		}
		LastMessage(t, s.SMTP, "tre@example.it", "Restituzione")
		for _, m := range s.SMTP.Messages() {
			if strings.Contains(m.Subject, "Restituzione") && m.To[0] != "uno@example.it" && m.To[0] != "tre@example.it" {
				t.Errorf("outcome sent to %s, who did not attend", m.To[0])
			}
		}
		before = len(s.SMTP.Messages())
		if res = c.Post(t, base+"/restituzione", url.Values{"report": {"Abbiamo scritto tre patti."}}); res.Status != http.StatusSeeOther {
			t.Fatalf("publish outcome again: %d", res.Status)
		}
		if len(s.SMTP.Messages()) != before {
			t.Error("publishing again sent the outcome twice")
		}

		// The certificate: downloaded through the personal link, its text read back.
		cert := FindLink(t, regexp.MustCompile(`http://[^\s]+/attestato\.pdf`), out.Body, s.URL)
		anon := s.NewClient(t)
		res = anon.Get(t, cert)
		if res.Status != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("certificate: %d %s", res.Status, res.Header.Get("Content-Type"))
		}
		text := PDFToText(t, []byte(res.Body))
		uno, _ := s.Store.Registration(ctx, byEmail["uno@example.it"].ID)
		for _, want := range []string{"Attestato di partecipazione", "Persona uno", "Formazione sui patti lavoro", "3,5 ore", uno.CertificateCode} {
			if !strings.Contains(text, want) {
				t.Errorf("certificate text lacks %q:\n%s", want, text)
			}
		}
		_, verify := s.Get(t, "/attestati/"+uno.CertificateCode)
		if !strings.Contains(verify, "è autentico") || !strings.Contains(verify, "Persona uno") {
			t.Errorf("verification page: %s", Excerpt(verify, "<h1"))
		}
		if status, _ := s.Get(t, "/attestati/AAAA-BBBB-CCCC"); status != http.StatusNotFound {
			t.Errorf("unknown certificate: %d", status)
		}
		// Who did not attend has no certificate.
		due, _ := s.Store.ManageNonce(ctx, byEmail["due@example.it"].ID)
		if due == "" {
			t.Fatal("no personal link secret")
		}
	})
}

func TestRegistrationFormPrefilledForAccounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewAdminSite(t, d)
		RegActivity(t, s.Store, "precompilato", "formazione", 5, nil)
		s.AddUser(t, "referente@example.it", auth.Referent, "comune-di-chieri")
		res := s.LoginAs(t, "referente@example.it").Get(t, "/iscrizioni/attivita/precompilato")
		if res.Status != http.StatusOK || !strings.Contains(res.Body, `value="referente@example.it"`) || !strings.Contains(res.Body, `value="Comune di Chieri"`) {
			t.Errorf("form for a logged-in referent: %d, not pre-filled", res.Status)
		}
		res = s.NewClient(t).Get(t, "/iscrizioni/attivita/precompilato")
		if strings.Contains(res.Body, "referente@example.it") {
			t.Error("an anonymous visitor sees someone else's address")
		}
		if status, _ := s.Get(t, "/iscrizioni/attivita/non-esiste"); status != http.StatusNotFound {
			t.Errorf("form of an unknown activity: %d", status)
		}
	})
}

func TestRegistrationSettingsValidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewAdminSite(t, d)
		ctx := context.Background()
		id := RegActivity(t, s.Store, "impostazioni", "formazione", 5, Intp(1))
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		c := s.LoginAs(t, "coord@example.it")
		base := "/admin/iscrizioni/impostazioni"
		res := c.Post(t, base+"/impostazioni", url.Values{"enabled": {"1"}, "capacity": {"-3"}, "open_from": {"2027-03-10T10:00"},
			"close_at": {"2027-03-01T10:00"}, "online_link": {"javascript:alert(1)"}})
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("bad settings: %d", res.Status)
		}
		for _, want := range []string{"numero intero non negativo", "La chiusura delle iscrizioni deve venire dopo", "indirizzo web completo", `value="javascript:alert(1)"`} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("bad settings answer lacks %q", want)
			}
		}
		a, _ := s.Store.RegistrationActivity(ctx, "impostazioni")
		if a.Settings.Capacity == nil || *a.Settings.Capacity != 1 || a.Settings.OnlineLink != "https://meet.example.it/stanza-segreta" {
			t.Errorf("refused settings were saved: %+v", a.Settings)
		}
		// More seats promote the waiting people, who are told.
		for _, e := range []string{"p1@example.it", "p2@example.it"} {
			if res = c.Post(t, base+"/nuova", RegForm(e)); res.Status != http.StatusSeeOther {
				t.Fatalf("manual registration: %d", res.Status)
			}
		}
		res = c.Post(t, base+"/impostazioni", url.Values{"enabled": {"1"}, "capacity": {"5"}, "close_at": {"2099-03-01T10:00"}, "online_link": {"https://meet.example.it/nuova"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("settings: %d %s", res.Status, Excerpt(res.Body, "alert"))
		}
		LastMessage(t, s.SMTP, "p2@example.it", "Si è liberato un posto")
		if n, _ := s.Store.RegistrationCounts(ctx, id); n.Confirmed != 2 || n.Waiting != 0 {
			t.Errorf("after adding seats: %+v", n)
		}
		a, _ = s.Store.RegistrationActivity(ctx, "impostazioni")
		rome, _ := time.LoadLocation("Europe/Rome")
		if a.Settings.CloseAt == nil || !a.Settings.CloseAt.Equal(time.Date(2099, 3, 1, 10, 0, 0, 0, rome)) || a.Settings.OnlineLink != "https://meet.example.it/nuova" {
			t.Errorf("saved settings: %+v", a.Settings)
		}
	})
}
