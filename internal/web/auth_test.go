package web_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

func TestLoginAndLogout(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := newAdminSite(t, d)
		s.addUser(t, "coord@example.it", auth.Coordinator)
		c := s.newClient(t)

		home := c.get(t, "/")
		if home.Status != http.StatusOK || home.Header.Get("Set-Cookie") != "" {
			t.Errorf("anonymous home: status %d, Set-Cookie %q (want no cookie)", home.Status, home.Header.Get("Set-Cookie"))
		}
		if r := c.get(t, "/admin"); r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/accedi?dopo=%2Fadmin" {
			t.Errorf("anonymous /admin: %d → %q", r.Status, r.Header.Get("Location"))
		}

		bad := c.post(t, "/accedi", url.Values{"email": {"coord@example.it"}, "password": {"sbagliata"}})
		if bad.Status != http.StatusUnauthorized || !strings.Contains(bad.Body, "Indirizzo e-mail o password non corretti") ||
			!strings.Contains(bad.Body, `value="coord@example.it"`) || bad.Header.Get("Set-Cookie") != "" {
			t.Errorf("wrong password: status %d, keeps e-mail %v, cookie %q", bad.Status, strings.Contains(bad.Body, `value="coord@example.it"`), bad.Header.Get("Set-Cookie"))
		}
		unknown := c.post(t, "/accedi", url.Values{"email": {"nessuno@example.it"}, "password": {testPassword}})
		if unknown.Status != http.StatusUnauthorized {
			t.Errorf("unknown address: status %d", unknown.Status)
		}
		empty := c.post(t, "/accedi", url.Values{"email": {""}, "password": {""}})
		if empty.Status != http.StatusUnprocessableEntity || !strings.Contains(empty.Body, `aria-invalid="true"`) || !strings.Contains(empty.Body, "f-email-error") {
			t.Errorf("empty form: status %d, field errors shown %v", empty.Status, strings.Contains(empty.Body, "f-email-error"))
		}

		ok := c.post(t, "/accedi", url.Values{"email": {"Coord@Example.it"}, "password": {testPassword}, "dopo": {"/admin/utenti"}})
		if ok.Status != http.StatusSeeOther || ok.Header.Get("Location") != "/admin/utenti" {
			t.Fatalf("login: %d → %q", ok.Status, ok.Header.Get("Location"))
		}
		cookie := ok.Header.Get("Set-Cookie")
		for _, want := range []string{"bc_session=", "HttpOnly", "SameSite=Lax", "Path=/"} {
			if !strings.Contains(cookie, want) {
				t.Errorf("session cookie %q lacks %s", cookie, want)
			}
		}
		admin := c.get(t, "/admin")
		if admin.Status != http.StatusOK || !strings.Contains(admin.Body, "coord@example.it") || admin.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("/admin after login: status %d, cache %q", admin.Status, admin.Header.Get("Cache-Control"))
		}
		if r := c.post(t, "/esci", nil); r.Status != http.StatusSeeOther {
			t.Errorf("logout: status %d", r.Status)
		}
		if r := c.get(t, "/admin"); r.Status != http.StatusSeeOther {
			t.Errorf("/admin after logout: status %d", r.Status)
		}
	})
}

func TestLoginRedirectStaysOnSite(t *testing.T) {
	s := newAdminSite(t, store.SQLite)
	s.addUser(t, "coord@example.it", auth.Coordinator)
	for _, next := range []string{"//evil.example/x", "https://evil.example/", "/\\evil.example"} {
		c := s.newClient(t)
		r := c.post(t, "/accedi", url.Values{"email": {"coord@example.it"}, "password": {testPassword}, "dopo": {next}})
		if r.Header.Get("Location") != "/admin" {
			t.Errorf("dopo=%q leads to %q, want /admin", next, r.Header.Get("Location"))
		}
	}
}

func TestLoginRotatesTokenAndLogoutEverywhere(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := newAdminSite(t, d)
		s.addUser(t, "ref@example.it", auth.Referent, "comune-di-chieri")
		a := s.loginAs(t, "ref@example.it")
		u, _ := url.Parse(s.URL)
		first := a.Jar.Cookies(u)[0].Value
		// Logging in again from the same browser gives a new token and ends the old one.
		r := a.post(t, "/accedi", url.Values{"email": {"ref@example.it"}, "password": {testPassword}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("second login: %d", r.Status)
		}
		second := a.Jar.Cookies(u)[0].Value
		if first == second {
			t.Error("the session token did not change on login")
		}
		if _, err := s.Store.SessionUser(context.Background(), auth.HashToken(first), timeNow()); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the old session still works: %v", err)
		}
		b := s.loginAs(t, "ref@example.it")
		if r := a.post(t, "/admin/esci-ovunque", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("logout everywhere: %d", r.Status)
		}
		if r := b.get(t, "/admin"); r.Status != http.StatusSeeOther {
			t.Errorf("the other device is still logged in: %d", r.Status)
		}
	})
}

func TestLoginThrottle(t *testing.T) {
	s := newAdminSite(t, store.SQLite)
	s.addUser(t, "coord@example.it", auth.Coordinator)
	c := s.newClient(t)
	for i := 0; i < 5; i++ {
		if r := c.post(t, "/accedi", url.Values{"email": {"coord@example.it"}, "password": {"sbagliata"}}); r.Status != http.StatusUnauthorized {
			t.Fatalf("attempt %d: status %d", i+1, r.Status)
		}
	}
	r := c.post(t, "/accedi", url.Values{"email": {"coord@example.it"}, "password": {testPassword}})
	if r.Status != http.StatusTooManyRequests || !strings.Contains(r.Body, "Troppi tentativi") || !strings.Contains(r.Body, `value="coord@example.it"`) {
		t.Errorf("after 5 failures the right password gives %d (want 429 with a message)", r.Status)
	}
	// Another account from the same address still logs in.
	s.addUser(t, "altro@example.it", auth.Coordinator)
	if r := s.newClient(t).post(t, "/accedi", url.Values{"email": {"altro@example.it"}, "password": {testPassword}}); r.Status != http.StatusSeeOther {
		t.Errorf("another account is throttled too: %d", r.Status)
	}
}

func TestIPThrottle(t *testing.T) {
	s := newAdminSite(t, store.SQLite)
	s.addUser(t, "coord@example.it", auth.Coordinator)
	c := s.newClient(t)
	// 20 failures spread over many addresses exhaust the per-address budget.
	for i := 0; i < 20; i++ {
		c.post(t, "/accedi", url.Values{"email": {"x" + string(rune('a'+i)) + "@example.it"}, "password": {"sbagliata"}})
	}
	if r := c.post(t, "/accedi", url.Values{"email": {"coord@example.it"}, "password": {testPassword}}); r.Status != http.StatusTooManyRequests {
		t.Errorf("after 20 failures from one address: status %d, want 429", r.Status)
	}
}

func TestCrossSitePostRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := newAdminSite(t, d)
		s.addUser(t, "coord@example.it", auth.Coordinator)
		c := s.loginAs(t, "coord@example.it")
		form := url.Values{"email": {"nuovo@example.it"}, "role": {"coordinator"}}
		for _, h := range []map[string]string{{"Sec-Fetch-Site": "cross-site"}, {"Origin": "http://evil.example"}} {
			req, _ := http.NewRequest(http.MethodPost, s.URL+"/admin/utenti/invita", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			for k, v := range h {
				req.Header.Set(k, v)
			}
			r := c.do(t, req)
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
		if r := c.do(t, req); r.Status != http.StatusSeeOther {
			t.Errorf("same-origin POST: status %d", r.Status)
		}
	})
}

func TestSecurityHeadersOnAdmin(t *testing.T) {
	s := newAdminSite(t, store.SQLite)
	s.addUser(t, "coord@example.it", auth.Coordinator)
	r := s.loginAs(t, "coord@example.it").get(t, "/admin")
	csp := r.Header.Get("Content-Security-Policy")
	if strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") || r.Header.Get("X-Content-Type-Options") != "nosniff" || r.Header.Get("Referrer-Policy") == "" {
		t.Errorf("headers: CSP %q, nosniff %q, referrer %q", csp, r.Header.Get("X-Content-Type-Options"), r.Header.Get("Referrer-Policy"))
	}
}

func TestInvitationByEmail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := newAdminSite(t, d)
		s.addUser(t, "coord@example.it", auth.Coordinator)
		c := s.loginAs(t, "coord@example.it")
		chieri, _ := s.Store.Body(context.Background(), "comune-di-chieri")

		noBody := c.post(t, "/admin/utenti/invita", url.Values{"email": {"ref@example.it"}, "role": {"referent"}})
		if noBody.Status != http.StatusUnprocessableEntity || !strings.Contains(noBody.Body, "almeno un ente") || !strings.Contains(noBody.Body, `value="ref@example.it"`) {
			t.Errorf("referent without body: status %d", noBody.Status)
		}
		r := c.post(t, "/admin/utenti/invita", url.Values{"email": {"ref@example.it"}, "role": {"referent"}, "bodies": {itoa(chieri.ID)}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("invite: status %d %s", r.Status, excerpt(r.Body, "alert"))
		}
		again := c.post(t, "/admin/utenti/invita", url.Values{"email": {"ref@example.it"}, "role": {"participant"}})
		if again.Status != http.StatusUnprocessableEntity || !strings.Contains(again.Body, "Esiste già un account") {
			t.Errorf("second invitation to the same address: %d", again.Status)
		}
		link := s.lastLink(t, "ref@example.it")
		p := s.newClient(t)
		if r := p.get(t, link); r.Status != http.StatusOK || !strings.Contains(r.Body, "ref@example.it") {
			t.Fatalf("invitation link: %d", r.Status)
		}
		short := p.post(t, link, url.Values{"password": {"corta"}, "password2": {"corta"}})
		if short.Status != http.StatusUnprocessableEntity || !strings.Contains(short.Body, "da 10 a 200 caratteri") {
			t.Errorf("short password: %d", short.Status)
		}
		if r := p.post(t, link, url.Values{"password": {testPassword}, "password2": {testPassword}}); r.Status != http.StatusSeeOther {
			t.Fatalf("set password: %d", r.Status)
		}
		if r := p.get(t, "/admin"); r.Status != http.StatusOK || !strings.Contains(r.Body, "Comune di Chieri") {
			t.Errorf("the invited referent does not see their body: %d", r.Status)
		}
		if r := s.newClient(t).get(t, link); r.Status != http.StatusGone {
			t.Errorf("invitation link used twice: %d", r.Status)
		}
		s.loginAs(t, "ref@example.it")
		log, _, _ := s.Store.AuditLog(context.Background(), store.AuditFilter{Entity: "user", Action: "invite"})
		if len(log) != 1 || log[0].Email != "coord@example.it" || log[0].Label != "ref@example.it" {
			t.Errorf("audit of the invitation = %+v", log)
		}
	})
}

func TestPasswordReset(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := newAdminSite(t, d)
		s.addUser(t, "part@example.it", auth.Participant)
		old := s.loginAs(t, "part@example.it")
		c := s.newClient(t)
		r := c.post(t, "/password-dimenticata", url.Values{"email": {"part@example.it"}})
		if r.Status != http.StatusOK || !strings.Contains(r.Body, "corrisponde a un account") {
			t.Fatalf("reset request: %d", r.Status)
		}
		unknown := c.post(t, "/password-dimenticata", url.Values{"email": {"nessuno@example.it"}})
		if unknown.Status != http.StatusOK || !strings.Contains(unknown.Body, "corrisponde a un account") {
			t.Errorf("unknown address answers differently: %d", unknown.Status)
		}
		if n := len(s.SMTP.Messages()); n != 1 {
			t.Errorf("%d messages sent, want 1 (none to an unknown address)", n)
		}
		link := s.lastLink(t, "part@example.it")
		newPw := "un'altra password lunga"
		if r := c.post(t, link, url.Values{"password": {newPw}, "password2": {newPw}}); r.Status != http.StatusSeeOther {
			t.Fatalf("reset: %d", r.Status)
		}
		if r := old.get(t, "/admin"); r.Status != http.StatusSeeOther {
			t.Errorf("a session opened before the reset still works: %d", r.Status)
		}
		u, err := s.Store.UserByEmail(context.Background(), "part@example.it")
		if err != nil || auth.CheckPassword(u.PasswordHash, newPw) != nil {
			t.Errorf("the new password is not stored: %v", err)
		}
		if r := c.post(t, link, url.Values{"password": {newPw}, "password2": {newPw}}); r.Status != http.StatusGone {
			t.Errorf("reset link used twice: %d", r.Status)
		}
	})
}

func TestCoordinatorChangesRoles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := newAdminSite(t, d)
		coordID := s.addUser(t, "coord@example.it", auth.Coordinator)
		partID := s.addUser(t, "part@example.it", auth.Participant)
		c := s.loginAs(t, "coord@example.it")
		a, _ := s.Store.Body(ctx, "comune-di-chieri")
		b, _ := s.Store.Body(ctx, "comune-di-collegno")
		r := c.post(t, "/admin/utenti/"+itoa(partID), url.Values{"role": {"referent"}, "bodies": {itoa(a.ID), itoa(b.ID)}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("make referent of two bodies: %d", r.Status)
		}
		u, _ := s.Store.User(ctx, partID)
		if u.Role != auth.Referent || !u.CanEditBody(a.ID) || !u.CanEditBody(b.ID) {
			t.Errorf("user after change = %+v", u)
		}
		if r := c.post(t, "/admin/utenti/"+itoa(coordID), url.Values{"role": {"participant"}}); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "il tuo ruolo") {
			t.Errorf("own demotion: %d", r.Status)
		}
		if me, _ := s.Store.User(ctx, coordID); me.Role != auth.Coordinator {
			t.Errorf("the coordinator demoted themselves")
		}
	})
}

func TestReinvitation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := newAdminSite(t, d)
		s.addUser(t, "coord@example.it", auth.Coordinator)
		c := s.loginAs(t, "coord@example.it")
		if r := c.post(t, "/admin/utenti/invita", url.Values{"email": {"nuova@example.it"}, "role": {"participant"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("invite: %d", r.Status)
		}
		first := s.lastLink(t, "nuova@example.it")
		u, _ := s.Store.UserByEmail(context.Background(), "nuova@example.it")
		page := c.get(t, "/admin/utenti/"+itoa(u.ID))
		if !strings.Contains(page.Body, "invita-di-nuovo") {
			t.Errorf("the page of an invited account offers no new invitation")
		}
		if r := c.post(t, "/admin/utenti/"+itoa(u.ID)+"/invita-di-nuovo", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("reinvite: %d", r.Status)
		}
		second := s.lastLink(t, "nuova@example.it")
		if first == second {
			t.Fatal("the new invitation carries the old link")
		}
		p := s.newClient(t)
		if r := p.get(t, first); r.Status != http.StatusGone {
			t.Errorf("the replaced link still works: %d", r.Status)
		}
		if r := p.post(t, second, url.Values{"password": {testPassword}, "password2": {testPassword}}); r.Status != http.StatusSeeOther {
			t.Errorf("the new link: %d", r.Status)
		}
		if r := c.post(t, "/admin/utenti/"+itoa(u.ID)+"/invita-di-nuovo", nil); r.Status != http.StatusConflict || !strings.Contains(r.Body, "già scelto la password") {
			t.Errorf("reinviting an active account: %d", r.Status)
		}
	})
}
