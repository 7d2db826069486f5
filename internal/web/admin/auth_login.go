package admin

import (
	"errors"
	"net/http"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

type loginData struct {
	Form    *core.Form
	Next    string
	Problem string // a message above the form (wrong credentials, throttled)
}

func (s *Handler) LoginForm(w http.ResponseWriter, r *http.Request) {
	if core.CurrentUser(r) != nil {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("dopo")), http.StatusSeeOther)
		return
	}
	l := s.Localizer(r)
	s.renderLogin(w, r, http.StatusOK, loginData{Form: core.NewForm(l, nil), Next: r.URL.Query().Get("dopo")})
}

func (s *Handler) renderLogin(w http.ResponseWriter, r *http.Request, status int, d loginData) {
	l := s.Localizer(r)
	w.Header().Set("Cache-Control", "no-store")
	s.Render(w, r, status, "auth_login", core.Page{L: l, Title: l.T("auth.login.title"), Description: l.T("auth.login.description"), Data: d})
}

// Login checks e-mail and password, with failures limited per account and
// per address, and starts a new session.
func (s *Handler) Login(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "auth.error.form")
		return
	}
	f := core.NewForm(l, r.PostForm)
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
	ip := s.ClientIP(r)
	wait, err := s.loginThrottle.wait(r.Context(), email, ip)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	if wait > 0 {
		s.Log.Warn("login throttled", "email", email, "ip", ip)
		d.Problem = l.T("auth.login.throttled")
		s.renderLogin(w, r, http.StatusTooManyRequests, d)
		return
	}
	u, err := s.Store.UserByEmail(r.Context(), email)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		s.ServerError(w, r, err)
		return
	}
	hash := u.PasswordHash
	if err != nil || hash == "" {
		hash = s.dummyHash
	}
	if auth.CheckPassword(hash, password) != nil || err != nil || u.PasswordHash == "" {
		s.loginThrottle.failed(r.Context(), email, ip)
		s.Log.Info("login failed", "email", email, "ip", ip)
		d.Problem = l.T("auth.login.wrong")
		s.renderLogin(w, r, http.StatusUnauthorized, d)
		return
	}
	if auth.NeedsRehash(u.PasswordHash) {
		if h, err := auth.HashPassword(password); err == nil {
			if err := s.Store.SetPassword(r.Context(), u.ID, h); err != nil {
				s.Log.Error("rehash password", "user", u.ID, "err", err)
			}
		}
	}
	if err := s.startSession(w, r, u.ID); err != nil {
		s.ServerError(w, r, err)
		return
	}
	s.loginThrottle.succeeded(r.Context(), email, ip)
	s.Log.Info("login", "user", u.ID)
	http.Redirect(w, r, safeNext(d.Next), http.StatusSeeOther)
}

// Logout ends this browser's session.
func (s *Handler) Logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		if err := s.Store.DeleteSession(r.Context(), auth.HashToken(c.Value)); err != nil {
			s.ServerError(w, r, err)
			return
		}
	}
	s.clearSessionCookie(w)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// LogoutEverywhere ends every session of the account, on every device.
func (s *Handler) LogoutEverywhere(w http.ResponseWriter, r *http.Request) {
	u := core.CurrentUser(r)
	if err := s.Store.DeleteUserSessions(r.Context(), u.ID); err != nil {
		s.ServerError(w, r, err)
		return
	}
	s.clearSessionCookie(w)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
