package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

// outcomeMails counts the outcome e-mails each address received.
func outcomeMails(s *AdminSite) map[string]int {
	n := map[string]int{}
	for _, m := range s.SMTP.Messages() {
		if strings.Contains(m.Subject, "Restituzione") {
			n[m.To[0]]++
		}
	}
	return n
}

// The activity form of the backoffice carries the online link and leads to
// the registrations page; an outcome report shared from it reaches the
// attendees once, as from the registrations page.
func TestActivityFormOnlineLinkAndOutcomeMails(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := NewAdminSite(t, d)
		id := RegActivity(t, s.Store, "integra", "formazione", 3, nil)
		typ, _ := s.Store.ActivityType(ctx, "formazione")
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		c := s.LoginAs(t, "coord@example.it")
		base := "/admin/iscrizioni/integra"
		for _, e := range []string{"uno@example.it", "due@example.it", "tre@example.it"} {
			f := RegForm(e)
			f.Set("name", "Persona "+strings.TrimSuffix(e, "@example.it"))
			if res := c.Post(t, base+"/nuova", f); res.Status != http.StatusSeeOther {
				t.Fatalf("registration of %s: %d %s", e, res.Status, Excerpt(res.Body, "alert"))
			}
		}
		rows, _, _ := s.Store.Registrations(ctx, store.RegistrationFilter{ActivityID: id, Limit: -1})
		var attended []string
		for _, r := range rows {
			if r.Email != "due@example.it" {
				attended = append(attended, Itoa(r.ID))
			}
		}
		if res := c.Post(t, base+"/presenze", url.Values{"id": attended, "presente": {"1"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("attendance: %d", res.Status)
		}

		edit := "/admin/attivita/" + Itoa(id)
		form := c.Get(t, edit)
		for _, want := range []string{`name="online_link"`, `value="https://meet.example.it/stanza-segreta"`, `href="` + base + `"`} {
			if !strings.Contains(form.Body, want) {
				t.Errorf("activity form lacks %q", want)
			}
		}

		v := url.Values{"title": {"Formazione sui patti integra"}, "slug": {"integra"}, "type": {Itoa(typ.ID)},
			"starts_on": {time.Now().AddDate(0, 0, 3).Format(time.DateOnly)}, "start_time": {"09:30"}, "end_time": {"13:00"},
			"format": {"ibrido"}, "venue": {"Sala consiliare di Chieri"}, "summary": {"Una giornata di formazione"},
			"description": {"Programma"}, "table_title": {"Tavolo sui patti", "Tavolo sulla comunicazione", ""},
			"online_link": {"ftp://meet.example.it/x"}, "outcome_report": {"Abbiamo firmato due patti di collaborazione."}, "outcome_shared": {"1"}}
		// A bad link: message next to the field, nothing saved or sent.
		res := c.Post(t, edit, v)
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `id="f-online_link-error"`) ||
			!strings.Contains(res.Body, `value="ftp://meet.example.it/x"`) || !strings.Contains(res.Body, "Abbiamo firmato due patti") {
			t.Fatalf("bad online link: %d", res.Status)
		}
		if n := outcomeMails(s); len(n) != 0 {
			t.Fatalf("a refused form sent outcome e-mails: %v", n)
		}

		v.Set("online_link", "https://meet.example.it/nuova-stanza")
		if res := c.Post(t, edit, v); res.Status != http.StatusSeeOther {
			t.Fatalf("save with outcome: %d %s", res.Status, Excerpt(res.Body, "invalid-feedback"))
		}
		if link, _ := s.Store.ActivityOnlineLink(ctx, id); link != "https://meet.example.it/nuova-stanza" {
			t.Errorf("stored online link = %q", link)
		}
		n := outcomeMails(s)
		if n["uno@example.it"] != 1 || n["tre@example.it"] != 1 || n["due@example.it"] != 0 || len(n) != 2 {
			t.Errorf("outcome e-mails after saving the form: %v", n)
		}
		if m := LastMessage(t, s.SMTP, "uno@example.it", "Restituzione"); !strings.Contains(m.Body, "Abbiamo firmato due patti di collaborazione.") {
			t.Errorf("outcome e-mail: %s", m.Body)
		}
		// the link never reaches public pages; the report reaches search
		if _, page := s.Get(t, "/attivita/integra"); strings.Contains(page, "nuova-stanza") || !strings.Contains(page, "firmato due patti") {
			t.Error("public page: the online link is shown or the report is not")
		}
		if !s.Found(t, "firmato", "/attivita/integra#outcome-title") {
			t.Error("the outcome report saved from the form is not searchable")
		}

		// Saving again, or withdrawing and publishing again, sends nothing more.
		v.Set("outcome_report", "Abbiamo firmato due patti di collaborazione. Aggiornato.")
		if res := c.Post(t, edit, v); res.Status != http.StatusSeeOther {
			t.Fatalf("save again: %d", res.Status)
		}
		c.Post(t, edit+"/ritira", nil)
		c.Post(t, edit+"/pubblica", nil)
		if n := outcomeMails(s); n["uno@example.it"] != 1 || n["tre@example.it"] != 1 || len(n) != 2 {
			t.Errorf("outcome e-mails after saving again: %v", n)
		}
	})
}

// An activity whose shared report was saved as a draft is mailed when it is
// published, not before.
func TestOutcomeMailedWhenPublished(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := NewAdminSite(t, d)
		id := RegActivity(t, s.Store, "bozza", "formazione", 3, nil)
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		c := s.LoginAs(t, "coord@example.it")
		base := "/admin/iscrizioni/bozza"
		if res := c.Post(t, base+"/nuova", RegForm("uno@example.it")); res.Status != http.StatusSeeOther {
			t.Fatalf("registration: %d", res.Status)
		}
		rows, _, _ := s.Store.Registrations(ctx, store.RegistrationFilter{ActivityID: id, Limit: -1})
		if res := c.Post(t, base+"/presenze", url.Values{"id": {Itoa(rows[0].ID)}, "presente": {"1"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("attendance: %d", res.Status)
		}
		edit := "/admin/attivita/" + Itoa(id)
		c.Post(t, edit+"/ritira", nil)
		det, _ := s.Store.ActivityDetailByID(ctx, id)
		in := store.ActivityInputOf(det)
		in.OutcomeShared, in.OutcomeReport = true, "Resoconto della giornata."
		if err := s.Store.UpdateActivity(ctx, store.Actor{}, id, in); err != nil {
			t.Fatal(err)
		}
		if n := outcomeMails(s); len(n) != 0 {
			t.Fatalf("a draft's report was mailed: %v", n)
		}
		if res := c.Post(t, edit+"/pubblica", nil); res.Status != http.StatusSeeOther {
			t.Fatalf("publish: %d", res.Status)
		}
		if n := outcomeMails(s); n["uno@example.it"] != 1 || len(n) != 1 {
			t.Errorf("outcome e-mails after publishing: %v", n)
		}
	})
}
