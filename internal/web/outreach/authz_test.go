package outreach_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

// TestCoordinatorsOnly asks every backoffice page of the front door as
// every kind of account: anonymous visitors go to the login page,
// participants and referents get 403, coordinators get the page.
func TestCoordinatorsOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := NewAdminSite(t, d)
		now := time.Now()
		id, err := s.Store.CreateJoinRequest(ctx, store.NewJoinRequest{BodyName: "Comune di Moncalieri", BodyKind: "comune", Email: "g@example.it",
			RequesterName: "Giulia", ConfirmHash: "x", ConfirmExpires: now.Add(time.Hour)}, now)
		if err != nil {
			t.Fatal(err)
		}
		s.AddUser(t, "part@example.it", auth.Participant)
		s.AddUser(t, "ref@example.it", auth.Referent, "comune-di-chieri")
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		clients := map[string]*Client{
			"anonymous":   s.NewClient(t),
			"participant": s.LoginAs(t, "part@example.it"),
			"referent":    s.LoginAs(t, "ref@example.it"),
			"coordinator": s.LoginAs(t, "coord@example.it"),
		}
		pages := []string{"/admin/adesioni", "/admin/adesioni/" + Itoa(id), "/admin/novita"}
		posts := []string{"/admin/adesioni/" + Itoa(id) + "/accetta", "/admin/adesioni/" + Itoa(id) + "/rifiuta", "/admin/adesioni/" + Itoa(id) + "/elimina"}
		for who, c := range clients {
			for _, p := range pages {
				res := c.Get(t, p)
				switch who {
				case "anonymous":
					if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/accedi") {
						t.Errorf("%s GET %s: %d → %q, want the login page", who, p, res.Status, res.Header.Get("Location"))
					}
				case "coordinator":
					if res.Status != http.StatusOK {
						t.Errorf("%s GET %s: %d, want 200", who, p, res.Status)
					}
				default:
					if res.Status != http.StatusForbidden {
						t.Errorf("%s GET %s: %d, want 403", who, p, res.Status)
					}
				}
			}
			if who == "coordinator" {
				continue
			}
			for _, p := range posts {
				res := c.Post(t, p, nil)
				want := http.StatusForbidden
				if who == "anonymous" {
					want = http.StatusSeeOther
				}
				if res.Status != want {
					t.Errorf("%s POST %s: %d, want %d", who, p, res.Status, want)
				}
			}
		}
		if r, err := s.Store.JoinRequest(ctx, id); err != nil || r.Status != "pending_confirmation" {
			t.Errorf("refused requests changed the join request: %+v, %v", r, err)
		}
	})
}
