package admin_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

func TestLoginAndLogout(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewAdminSite(t, d)
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		c := s.NewClient(t)

		home := c.Get(t, "/")
		if home.Status != http.StatusOK || home.Header.Get("Set-Cookie") != "" {
			t.Errorf("anonymous home: status %d, Set-Cookie %q (want no cookie)", home.Status, home.Header.Get("Set-Cookie"))
		}
		if r := c.Get(t, "/admin"); r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/accedi?dopo=%2Fadmin" {
			t.Errorf("anonymous /admin: %d → %q", r.Status, r.Header.Get("Location"))
		}

		bad := c.Post(t, "/accedi", url.Values{"email": {"coord@example.it"}, "password": {"sbagliata"}})
		if bad.Status != http.StatusUnauthorized || !strings.Contains(bad.Body, "Indirizzo e-mail o password non corretti") ||
			!strings.Contains(bad.Body, `value="coord@example.it"`) || bad.Header.Get("Set-Cookie") != "" {
			t.Errorf("wrong password: status %d, keeps e-mail %v, cookie %q", bad.Status, strings.Contains(bad.Body, `value="coord@example.it"`), bad.Header.Get("Set-Cookie"))
		}
		unknown := c.Post(t, "/accedi", url.Values{"email": {"nessuno@example.it"}, "password": {TestPassword}})
		if unknown.Status != http.StatusUnauthorized {
			t.Errorf("unknown address: status %d", unknown.Status)
		}
		empty := c.Post(t, "/accedi", url.Values{"email": {""}, "password": {""}})
		if empty.Status != http.StatusUnprocessableEntity || !strings.Contains(empty.Body, `aria-invalid="true"`) || !strings.Contains(empty.Body, "f-email-error") {
			t.Errorf("empty form: status %d, field errors shown %v", empty.Status, strings.Contains(empty.Body, "f-email-error"))
		}

		ok := c.Post(t, "/accedi", url.Values{"email": {"Coord@Example.it"}, "password": {TestPassword}, "dopo": {"/admin/utenti"}})
		if ok.Status != http.StatusSeeOther || ok.Header.Get("Location") != "/admin/utenti" {
			t.Fatalf("login: %d → %q", ok.Status, ok.Header.Get("Location"))
		}
		cookie := ok.Header.Get("Set-Cookie")
		for _, want := range []string{"bc_session=", "HttpOnly", "SameSite=Lax", "Path=/"} {
			if !strings.Contains(cookie, want) {
				t.Errorf("session cookie %q lacks %s", cookie, want)
			}
		}
		admin := c.Get(t, "/admin")
		if admin.Status != http.StatusOK || !strings.Contains(admin.Body, "coord@example.it") || admin.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("/admin after login: status %d, cache %q", admin.Status, admin.Header.Get("Cache-Control"))
		}
		if r := c.Post(t, "/esci", nil); r.Status != http.StatusSeeOther {
			t.Errorf("logout: status %d", r.Status)
		}
		if r := c.Get(t, "/admin"); r.Status != http.StatusSeeOther {
			t.Errorf("/admin after logout: status %d", r.Status)
		}
	})
}

func TestLoginRedirectStaysOnSite(t *testing.T) {
	s := NewAdminSite(t, store.SQLite)
	s.AddUser(t, "coord@example.it", auth.Coordinator)
	for _, next := range []string{"//evil.example/x", "https://evil.example/", "/\\evil.example"} {
		c := s.NewClient(t)
		r := c.Post(t, "/accedi", url.Values{"email": {"coord@example.it"}, "password": {TestPassword}, "dopo": {next}})
		if r.Header.Get("Location") != "/admin" {
			t.Errorf("dopo=%q leads to %q, want /admin", next, r.Header.Get("Location"))
		}
	}
}

func TestLoginRotatesTokenAndLogoutEverywhere(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewAdminSite(t, d)
		s.AddUser(t, "ref@example.it", auth.Referent, "comune-di-chieri")
		a := s.LoginAs(t, "ref@example.it")
		u, _ := url.Parse(s.URL)
		first := a.Jar.Cookies(u)[0].Value
		// Logging in again from the same browser gives a new token and ends the old one.
		r := a.Post(t, "/accedi", url.Values{"email": {"ref@example.it"}, "password": {TestPassword}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("second login: %d", r.Status)
		}
		second := a.Jar.Cookies(u)[0].Value
		if first == second {
			t.Error("the session token did not change on login")
		}
		if _, err := s.Store.SessionUser(context.Background(), auth.HashToken(first), TimeNow()); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the old session still works: %v", err)
		}
		b := s.LoginAs(t, "ref@example.it")
		if r := a.Post(t, "/admin/esci-ovunque", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("logout everywhere: %d", r.Status)
		}
		if r := b.Get(t, "/admin"); r.Status != http.StatusSeeOther {
			t.Errorf("the other device is still logged in: %d", r.Status)
		}
	})
}

func TestLoginThrottle(t *testing.T) {
	s := NewAdminSite(t, store.SQLite)
	s.AddUser(t, "coord@example.it", auth.Coordinator)
	c := s.NewClient(t)
	for i := 0; i < 5; i++ {
		if r := c.Post(t, "/accedi", url.Values{"email": {"coord@example.it"}, "password": {"sbagliata"}}); r.Status != http.StatusUnauthorized {
			t.Fatalf("attempt %d: status %d", i+1, r.Status)
		}
	}
	r := c.Post(t, "/accedi", url.Values{"email": {"coord@example.it"}, "password": {TestPassword}})
	if r.Status != http.StatusTooManyRequests || !strings.Contains(r.Body, "Troppi tentativi") || !strings.Contains(r.Body, `value="coord@example.it"`) {
		t.Errorf("after 5 failures the right password gives %d (want 429 with a message)", r.Status)
	}
	// Another account from the same address still logs in.
	s.AddUser(t, "altro@example.it", auth.Coordinator)
	if r := s.NewClient(t).Post(t, "/accedi", url.Values{"email": {"altro@example.it"}, "password": {TestPassword}}); r.Status != http.StatusSeeOther {
		t.Errorf("another account is throttled too: %d", r.Status)
	}
}

func TestIPThrottle(t *testing.T) {
	s := NewAdminSite(t, store.SQLite)
	s.AddUser(t, "coord@example.it", auth.Coordinator)
	c := s.NewClient(t)
	// Failures spread over many accounts from one address exhaust the
	// per-address allowance.
	for i := 0; i < auth.LoginThrottle.FreePerClient; i++ {
		c.Post(t, "/accedi", url.Values{"email": {"x" + strconv.Itoa(i) + "@example.it"}, "password": {"sbagliata"}})
	}
	if r := c.Post(t, "/accedi", url.Values{"email": {"coord@example.it"}, "password": {TestPassword}}); r.Status != http.StatusTooManyRequests {
		t.Errorf("after %d failures from one address: status %d, want 429", auth.LoginThrottle.FreePerClient, r.Status)
	}
}

func TestCrossSitePostRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewAdminSite(t, d)
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		c := s.LoginAs(t, "coord@example.it")
		form := url.Values{"email": {"nuovo@example.it"}, "role": {"coordinator"}}
		for _, h := range []map[string]string{{"Sec-Fetch-Site": "cross-site"}, {"Origin": "http://evil.example"}} {
			req, _ := http.NewRequest(http.MethodPost, s.URL+"/admin/utenti/invita", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			for k, v := range h {
				req.Header.Set(k, v)
			}
			r := c.Do(t, req)
			if r.Status != http.StatusForbidden || !strings.Contains(r.Body, "un altro sito") {
				t.Errorf("forged POST with %v: status %d", h, r.Status)
			}
		}
		if _, err := s.Store.UserByEmail(context.Background(), "nuovo@example.it"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a forged request created an account: %v", err)
		}
		// The same request from the site itself goes through.
		req, _ := http.NewRequest(http.MethodPost, s.URL+"/admin/utenti/invita", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		if r := c.Do(t, req); r.Status != http.StatusSeeOther {
			t.Errorf("same-origin POST: status %d", r.Status)
		}
	})
}

func TestSecurityHeadersOnAdmin(t *testing.T) {
	s := NewAdminSite(t, store.SQLite)
	s.AddUser(t, "coord@example.it", auth.Coordinator)
	r := s.LoginAs(t, "coord@example.it").Get(t, "/admin")
	csp := r.Header.Get("Content-Security-Policy")
	if strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") || r.Header.Get("X-Content-Type-Options") != "nosniff" || r.Header.Get("Referrer-Policy") == "" {
		t.Errorf("headers: CSP %q, nosniff %q, referrer %q", csp, r.Header.Get("X-Content-Type-Options"), r.Header.Get("Referrer-Policy"))
	}
}

func TestInvitationByEmail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewAdminSite(t, d)
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		c := s.LoginAs(t, "coord@example.it")
		chieri, _ := s.Store.Body(context.Background(), "comune-di-chieri")

		noBody := c.Post(t, "/admin/utenti/invita", url.Values{"email": {"ref@example.it"}, "role": {"referent"}})
		if noBody.Status != http.StatusUnprocessableEntity || !strings.Contains(noBody.Body, "almeno un ente") || !strings.Contains(noBody.Body, `value="ref@example.it"`) {
			t.Errorf("referent without body: status %d", noBody.Status)
		}
		r := c.Post(t, "/admin/utenti/invita", url.Values{"email": {"ref@example.it"}, "role": {"referent"}, "bodies": {Itoa(chieri.ID)}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("invite: status %d %s", r.Status, Excerpt(r.Body, "alert"))
		}
		again := c.Post(t, "/admin/utenti/invita", url.Values{"email": {"ref@example.it"}, "role": {"participant"}})
		if again.Status != http.StatusUnprocessableEntity || !strings.Contains(again.Body, "Esiste già un account") {
			t.Errorf("second invitation to the same address: %d", again.Status)
		}
		link := s.LastLink(t, "ref@example.it")
		p := s.NewClient(t)
		if r := p.Get(t, link); r.Status != http.StatusOK || !strings.Contains(r.Body, "ref@example.it") {
			t.Fatalf("invitation link: %d", r.Status)
		}
		short := p.Post(t, link, url.Values{"password": {"corta"}, "password2": {"corta"}})
		if short.Status != http.StatusUnprocessableEntity || !strings.Contains(short.Body, "da 10 a 200 caratteri") {
			t.Errorf("short password: %d", short.Status)
		}
		if r := p.Post(t, link, url.Values{"password": {TestPassword}, "password2": {TestPassword}}); r.Status != http.StatusSeeOther {
			t.Fatalf("set password: %d", r.Status)
		}
		if r := p.Get(t, "/admin"); r.Status != http.StatusOK || !strings.Contains(r.Body, "Comune di Chieri") {
			t.Errorf("the invited referent does not see their body: %d", r.Status)
		}
		if r := s.NewClient(t).Get(t, link); r.Status != http.StatusGone {
			t.Errorf("invitation link used twice: %d", r.Status)
		}
		s.LoginAs(t, "ref@example.it")
		log, _, _ := s.Store.AuditLog(context.Background(), store.AuditFilter{Entity: "user", Action: "invite"})
		if len(log) != 1 || log[0].Email != "coord@example.it" || log[0].Label != "ref@example.it" {
			t.Errorf("audit of the invitation = %+v", log)
		}
	})
}

func TestPasswordReset(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewAdminSite(t, d)
		s.AddUser(t, "part@example.it", auth.Participant)
		old := s.LoginAs(t, "part@example.it")
		c := s.NewClient(t)
		r := c.Post(t, "/password-dimenticata", url.Values{"email": {"part@example.it"}})
		if r.Status != http.StatusOK || !strings.Contains(r.Body, "corrisponde a un account") {
			t.Fatalf("reset request: %d", r.Status)
		}
		unknown := c.Post(t, "/password-dimenticata", url.Values{"email": {"nessuno@example.it"}})
		if unknown.Status != http.StatusOK || !strings.Contains(unknown.Body, "corrisponde a un account") {
			t.Errorf("unknown address answers differently: %d", unknown.Status)
		}
		if n := len(s.SMTP.Messages()); n != 1 {
			t.Errorf("%d messages sent, want 1 (none to an unknown address)", n)
		}
		link := s.LastLink(t, "part@example.it")
		newPw := "un'altra password lunga"
		if r := c.Post(t, link, url.Values{"password": {newPw}, "password2": {newPw}}); r.Status != http.StatusSeeOther {
			t.Fatalf("reset: %d", r.Status)
		}
		if r := old.Get(t, "/admin"); r.Status != http.StatusSeeOther {
			t.Errorf("a session opened before the reset still works: %d", r.Status)
		}
		u, err := s.Store.UserByEmail(context.Background(), "part@example.it")
		if err != nil || auth.CheckPassword(u.PasswordHash, newPw) != nil {
			t.Errorf("the new password is not stored: %v", err)
		}
		if r := c.Post(t, link, url.Values{"password": {newPw}, "password2": {newPw}}); r.Status != http.StatusGone {
			t.Errorf("reset link used twice: %d", r.Status)
		}
	})
}

func TestCoordinatorChangesRoles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := NewAdminSite(t, d)
		coordID := s.AddUser(t, "coord@example.it", auth.Coordinator)
		partID := s.AddUser(t, "part@example.it", auth.Participant)
		c := s.LoginAs(t, "coord@example.it")
		a, _ := s.Store.Body(ctx, "comune-di-chieri")
		b, _ := s.Store.Body(ctx, "comune-di-collegno")
		r := c.Post(t, "/admin/utenti/"+Itoa(partID), url.Values{"role": {"referent"}, "bodies": {Itoa(a.ID), Itoa(b.ID)}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("make referent of two bodies: %d", r.Status)
		}
		u, _ := s.Store.User(ctx, partID)
		if u.Role != auth.Referent || !u.CanEditBody(a.ID) || !u.CanEditBody(b.ID) {
			t.Errorf("user after change = %+v", u)
		}
		if r := c.Post(t, "/admin/utenti/"+Itoa(coordID), url.Values{"role": {"participant"}}); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "il tuo ruolo") {
			t.Errorf("own demotion: %d", r.Status)
		}
		if me, _ := s.Store.User(ctx, coordID); me.Role != auth.Coordinator {
			t.Errorf("the coordinator demoted themselves")
		}
	})
}

func TestReinvitation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewAdminSite(t, d)
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		c := s.LoginAs(t, "coord@example.it")
		if r := c.Post(t, "/admin/utenti/invita", url.Values{"email": {"nuova@example.it"}, "role": {"participant"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("invite: %d", r.Status)
		}
		first := s.LastLink(t, "nuova@example.it")
		u, _ := s.Store.UserByEmail(context.Background(), "nuova@example.it")
		page := c.Get(t, "/admin/utenti/"+Itoa(u.ID))
		if !strings.Contains(page.Body, "invita-di-nuovo") {
			t.Errorf("the page of an invited account offers no new invitation")
		}
		if r := c.Post(t, "/admin/utenti/"+Itoa(u.ID)+"/invita-di-nuovo", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("reinvite: %d", r.Status)
		}
		second := s.LastLink(t, "nuova@example.it")
		if first == second {
			t.Fatal("the new invitation carries the old link")
		}
		p := s.NewClient(t)
		if r := p.Get(t, first); r.Status != http.StatusGone {
			t.Errorf("the replaced link still works: %d", r.Status)
		}
		if r := p.Post(t, second, url.Values{"password": {TestPassword}, "password2": {TestPassword}}); r.Status != http.StatusSeeOther {
			t.Errorf("the new link: %d", r.Status)
		}
		if r := c.Post(t, "/admin/utenti/"+Itoa(u.ID)+"/invita-di-nuovo", nil); r.Status != http.StatusConflict || !strings.Contains(r.Body, "già scelto la password") {
			t.Errorf("reinviting an active account: %d", r.Status)
		}
	})
}
