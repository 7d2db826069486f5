package web

import (
	"errors"
	"net/http"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
)

type loginData struct {
	Form    *form
	Next    string
	Problem string // a message above the form (wrong credentials, throttled)
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	if CurrentUser(r) != nil {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("dopo")), http.StatusSeeOther)
		return
	}
	l := s.localizer(r)
	s.renderLogin(w, r, http.StatusOK, loginData{Form: newForm(l, nil), Next: r.URL.Query().Get("dopo")})
}

func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, d loginData) {
	l := s.localizer(r)
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "auth_login", page{L: l, Title: l.T("auth.login.title"), Description: l.T("auth.login.description"), Data: d})
}

// login checks e-mail and password, with failures limited per account and
// per address, and starts a new session.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	l := s.localizer(r)
	if err := parseForm(w, r); err != nil {
		s.badRequest(w, r, "auth.error.form")
		return
	}
	f := newForm(l, r.PostForm)
	d := loginData{Form: f, Next: f.Get("dopo")}
	email := store.NormalizeEmail(f.Required("email"))
	password := f.Raw("password")
	if password == "" {
		f.Fail("password", "admin.error.required")
	}
	if !f.OK() {
		s.renderLogin(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	ip := clientIP(r)
	if s.loginThrottle.blocked(email, ip) {
		s.log.Warn("login throttled", "email", email, "ip", ip)
		d.Problem = l.T("auth.login.throttled")
		s.renderLogin(w, r, http.StatusTooManyRequests, d)
		return
	}
	u, err := s.store.UserByEmail(r.Context(), email)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		s.serverError(w, r, err)
		return
	}
	hash := u.PasswordHash
	if err != nil || hash == "" {
		hash = s.dummyHash
	}
	if auth.CheckPassword(hash, password) != nil || err != nil || u.PasswordHash == "" {
		s.loginThrottle.failed(email, ip)
		s.log.Info("login failed", "email", email, "ip", ip)
		d.Problem = l.T("auth.login.wrong")
		s.renderLogin(w, r, http.StatusUnauthorized, d)
		return
	}
	if auth.NeedsRehash(u.PasswordHash) {
		if h, err := auth.HashPassword(password); err == nil {
			if err := s.store.SetPassword(r.Context(), u.ID, h); err != nil {
				s.log.Error("rehash password", "user", u.ID, "err", err)
			}
		}
	}
	if err := s.startSession(w, r, u.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.log.Info("login", "user", u.ID)
	http.Redirect(w, r, safeNext(d.Next), http.StatusSeeOther)
}

// logout ends this browser's session.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		if err := s.store.DeleteSession(r.Context(), auth.HashToken(c.Value)); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.clearSessionCookie(w)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// logoutEverywhere ends every session of the account, on every device.
func (s *Server) logoutEverywhere(w http.ResponseWriter, r *http.Request) {
	u := CurrentUser(r)
	if err := s.store.DeleteUserSessions(r.Context(), u.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.clearSessionCookie(w)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
