package admin_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

// The activity form grows without saving: "add rows" brings it back with
// everything typed and more empty rows, and writes nothing.
func TestActivityFormAddsRowsWithoutSaving(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := NewAdminSite(t, d)
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		c := s.LoginAs(t, "coord@example.it")
		typ, _ := s.Store.ActivityType(ctx, "co-progettazione")
		comms, _ := s.Store.Communities(ctx)
		host, _ := s.Store.Body(ctx, "comune-di-chieri")
		hostID := strconv.FormatInt(host.ID, 10)

		for _, tc := range []struct{ button, field, focus string }{
			{"enti", `name="part_body"`, `id="part_body-2" name="part_body" autofocus`},
			{"tavoli", `name="table_title"`, `id="table_title-2" name="table_title" value="" autofocus`},
		} {
			form := StageForm(typ.ID, comms[0].ID, host.ID)
			form.Set("add_rows", tc.button)
			r := c.Post(t, "/admin/attivita", form)
			if r.Status != http.StatusOK {
				t.Fatalf("add rows %s: status %d", tc.button, r.Status)
			}
			if n := strings.Count(r.Body, tc.field); n != 2+10 {
				t.Errorf("add rows %s: %d rows, want 12", tc.button, n)
			}
			for _, want := range []string{tc.focus, `role="status"`, `value="Tappa a Pinerolo"`, `value="17:30"`, `value="19:30"`, "Sala consiliare, Piazza Vittorio Veneto 1, Pinerolo",
				"Saluti **iniziali**", "Patti digitali", `value="Tavolo uno"`, "Esito del tavolo uno", `value="30"`, `name="role_sindaco" id="role_sindaco" value="1" checked`,
				`value="4"`, `<option value="` + hostID + `" selected>`} {
				if !strings.Contains(r.Body, want) {
					t.Errorf("add rows %s: the form lacks %q", tc.button, want)
				}
			}
			if strings.Contains(r.Body, "invalid-feedback") {
				t.Errorf("add rows %s: the form shows errors %s", tc.button, Excerpt(r.Body, "invalid-feedback"))
			}
		}
		if _, total, _ := s.Store.AdminActivities(ctx, store.AdminActivityFilter{Query: "Pinerolo"}); total != 0 {
			t.Error("adding rows stored the activity")
		}
	})
}

// A pasted list of body names becomes rows; names matching no body or
// several are listed back and kept, and stop the save.
func TestActivityFormPastedBodies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := NewAdminSite(t, d)
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		c := s.LoginAs(t, "coord@example.it")
		typ, _ := s.Store.ActivityType(ctx, "co-progettazione")
		comms, _ := s.Store.Communities(ctx)
		host, _ := s.Store.Body(ctx, "comune-di-chieri")
		all, err := s.Store.AllBodyRefs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]int{}
		for _, b := range all {
			names[strings.ToLower(b.Name)]++
		}
		var pasted []string
		for _, b := range all {
			if b.ID != host.ID && names[strings.ToLower(b.Name)] == 1 && len(pasted) < 16 {
				name := b.Name
				if len(pasted)%2 == 0 {
					name = "  " + strings.ToUpper(name) // case and spaces do not matter
				}
				pasted = append(pasted, name)
			}
		}
		if len(pasted) < 16 {
			t.Fatalf("the default network has only %d distinct bodies", len(pasted))
		}

		// Unknown and ambiguous names: reported, kept, nothing written.
		form := StageForm(typ.ID, comms[0].ID, host.ID)
		form.Set("paste_role", "partner")
		form.Set("paste_bodies", strings.Join(append([]string{"Comune di Atlantide", pasted[0], "Comune di"}, pasted[1:]...), "\n"))
		r := c.Post(t, "/admin/attivita", form)
		if r.Status != http.StatusUnprocessableEntity {
			t.Fatalf("unknown names: status %d", r.Status)
		}
		for _, want := range []string{"Nessun ente dell&#39;anagrafe si chiama così: Comune di Atlantide", "indicano più enti: Comune di.", `id="f-paste_bodies-error"`,
			">Comune di Atlantide\nComune di</textarea>"} {
			if !strings.Contains(r.Body, want) {
				t.Errorf("the form lacks %q: %s", want, Excerpt(r.Body, "f-paste_bodies"))
			}
		}
		if n := strings.Count(r.Body, `name="part_body"`); n != 1+16+3 {
			t.Errorf("%d body rows after pasting, want the host, 16 found and 3 empty", n)
		}
		if _, total, _ := s.Store.AdminActivities(ctx, store.AdminActivityFilter{Query: "Pinerolo"}); total != 0 {
			t.Error("a form with unmatched names stored an activity")
		}

		// The 16 names alone: saved as 16 participations besides the host.
		form = StageForm(typ.ID, comms[0].ID, host.ID)
		form.Set("paste_role", "partner")
		form.Set("paste_bodies", strings.Join(pasted, "\n"))
		r = c.Post(t, "/admin/attivita", form)
		if r.Status != http.StatusSeeOther {
			t.Fatalf("save with pasted bodies: status %d %s", r.Status, Excerpt(r.Body, "invalid-feedback"))
		}
		det, err := s.Store.ActivityDetail(ctx, "tappa-a-pinerolo")
		if err != nil {
			t.Fatal(err)
		}
		partners := 0
		for _, p := range det.Participations {
			if p.Role == domain.RolePartner {
				partners++
			}
		}
		if len(det.Participations) != 17 || partners != 16 {
			t.Errorf("stored %d participations, %d partners; want 17 and 16", len(det.Participations), partners)
		}
	})
}
