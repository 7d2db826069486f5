package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

func TestChangeOwnPassword(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewAdminSite(t, d)
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		s.AddUser(t, "ref@example.it", auth.Referent, "comune-di-chieri")
		s.AddUser(t, "part@example.it", auth.Participant)

		anon := s.NewClient(t)
		for _, res := range []Response{anon.Get(t, "/admin/password"), anon.Post(t, "/admin/password", url.Values{"current": {TestPassword}})} {
			if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/accedi") {
				t.Errorf("anonymous: %d to %q, want the login", res.Status, res.Header.Get("Location"))
			}
		}

		for _, email := range []string{"coord@example.it", "ref@example.it", "part@example.it"} {
			here := s.LoginAs(t, email)
			elsewhere := s.LoginAs(t, email)
			if home := here.Get(t, "/admin"); !ParseDOM(t, home.Body).Main().Find(func(n *html.Node) bool { return AttrOf(n, "href") == "/admin/password" }).OK() {
				t.Errorf("%s: the backoffice home has no link to the password form", email)
			}
			form := here.Get(t, "/admin/password")
			if form.Status != http.StatusOK {
				t.Fatalf("%s: GET /admin/password = %d", email, form.Status)
			}

			newPassword := "una nuova password per " + email
			bad := []url.Values{
				{"current": {"sbagliata del tutto"}, "password": {newPassword}, "password2": {newPassword}},
				{"current": {TestPassword}, "password": {"corta"}, "password2": {"corta"}},
				{"current": {TestPassword}, "password": {newPassword}, "password2": {newPassword + "x"}},
				{"current": {TestPassword}, "password": {TestPassword}, "password2": {TestPassword}},
				{"password": {newPassword}, "password2": {newPassword}},
			}
			for i, v := range bad {
				res := here.Post(t, "/admin/password", v)
				if res.Status != http.StatusUnprocessableEntity {
					t.Errorf("%s: bad change %d = %d, want 422", email, i, res.Status)
				}
				for _, in := range ParseDOM(t, res.Body).Tag("input") {
					if in.Attr("type") == "password" && in.Attr("value") != "" {
						t.Errorf("%s: bad change %d sends back what was typed in %s", email, i, in.Attr("name"))
					}
				}
				for _, typed := range []string{"sbagliata del tutto", newPassword, TestPassword} {
					if strings.Contains(res.Body, typed) {
						t.Errorf("%s: bad change %d shows a typed password", email, i)
					}
				}
			}
			if res := here.Post(t, "/admin/password", bad[0]); !strings.Contains(res.Body, "La password attuale non è corretta") {
				t.Errorf("%s: the wrong current password is not explained", email)
			}

			res := here.Post(t, "/admin/password", url.Values{"current": {TestPassword}, "password": {newPassword}, "password2": {newPassword}})
			if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/admin?password=1" {
				t.Fatalf("%s: change = %d to %q", email, res.Status, res.Header.Get("Location"))
			}
			if home := here.Get(t, "/admin?password=1"); home.Status != http.StatusOK || !strings.Contains(home.Body, "La password è cambiata") {
				t.Errorf("%s: this browser is no longer logged in after the change: %d", email, home.Status)
			}
			if res := elsewhere.Get(t, "/admin"); res.Status != http.StatusSeeOther {
				t.Errorf("%s: the other session survived the change: %d", email, res.Status)
			}
			if c := s.NewClient(t); c.Post(t, "/accedi", url.Values{"email": {email}, "password": {TestPassword}}).Status == http.StatusSeeOther {
				t.Errorf("%s: the old password still works", email)
			}
			if c := s.NewClient(t); c.Post(t, "/accedi", url.Values{"email": {email}, "password": {newPassword}}).Status != http.StatusSeeOther {
				t.Errorf("%s: the new password does not work", email)
			}
			u, err := s.Store.UserByEmail(context.Background(), email)
			if err != nil {
				t.Fatal(err)
			}
			entries, _, err := s.Store.AuditLog(context.Background(), store.AuditFilter{Action: "change_password", Limit: 50})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, e := range entries {
				if e.EntityID == u.ID && e.Email == email {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: the change is not in the audit log: %+v", email, entries)
			}
		}
	})
}
