package admin

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

// sessionCookie is the only cookie the site sets, and only after login.
const sessionCookie = "bc_session"

// SessionLifetime is how long a login lasts before the person logs in again.
// The privacy notice states it from this constant (server.go passes it to
// the public room), so the two cannot drift apart.
const SessionLifetime = 7 * 24 * time.Hour

// WithUser loads the account of the session cookie, when there is one.
// Requests without the cookie (every anonymous visit) touch no session table.
func (s *Handler) WithUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(sessionCookie)
		if err != nil || c.Value == "" {
			next.ServeHTTP(w, r)
			return
		}
		u, err := s.Store.SessionUser(r.Context(), auth.HashToken(c.Value), time.Now())
		switch {
		case errors.Is(err, store.ErrNotFound):
			s.clearSessionCookie(w) // stale cookie: forget it
		case err != nil:
			s.ServerError(w, r, err)
			return
		default:
			r = core.WithCurrentUser(r, &u)
		}
		next.ServeHTTP(w, r)
	})
}

// startSession logs u in: a fresh token every time (so a token planted
// before login is worthless), and the old session of this browser ends.
func (s *Handler) startSession(w http.ResponseWriter, r *http.Request, userID int64) error {
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		if err := s.Store.DeleteSession(r.Context(), auth.HashToken(c.Value)); err != nil {
			return err
		}
	}
	token, hash := auth.NewToken()
	if err := s.Store.CreateSession(r.Context(), hash, userID, time.Now().Add(s.sessionMaxAge)); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: token, Path: "/", MaxAge: int(s.sessionMaxAge / time.Second),
		HttpOnly: true, Secure: s.secureCookies, SameSite: http.SameSiteLaxMode,
	})
	return nil
}

func (s *Handler) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.secureCookies, SameSite: http.SameSiteLaxMode})
}

// LoggedIn lets any account through and sends anonymous visitors to the
// login page, remembering where they were going.
func (s *Handler) LoggedIn(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if core.CurrentUser(r) == nil {
			s.toLogin(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		h(w, r)
	})
}

// RequireRole lets through accounts with one of the roles; anonymous
// visitors go to the login page and other accounts get 403.
func (s *Handler) RequireRole(h http.HandlerFunc, roles ...auth.Role) http.Handler {
	return s.LoggedIn(func(w http.ResponseWriter, r *http.Request) {
		u := core.CurrentUser(r)
		for _, role := range roles {
			if u.Role == role {
				h(w, r)
				return
			}
		}
		s.forbidden(w, r)
	})
}

// Coordinator is RequireRole(coordinator), the most common guard.
func (s *Handler) Coordinator(h http.HandlerFunc) http.Handler {
	return s.RequireRole(h, auth.Coordinator)
}

func (s *Handler) toLogin(w http.ResponseWriter, r *http.Request) {
	target := "/accedi"
	if r.Method == http.MethodGet {
		target += "?dopo=" + url.QueryEscape(r.URL.RequestURI())
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

func (s *Handler) forbidden(w http.ResponseWriter, r *http.Request) {
	s.RenderError(w, r, core.ErrorPage{Status: http.StatusForbidden, TitleID: "error.forbidden.title", TextID: "error.forbidden.text"})
}

func (s *Handler) CrossOriginDenied(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	s.RenderError(w, r, core.ErrorPage{Status: http.StatusForbidden, TitleID: "error.forbidden.title", TextID: "error.forbidden.text", Detail: l.T("auth.cross_origin")})
}

// safeNext keeps a post-login destination on this site: a local path, never
// "//host" or a full URL.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/admin"
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" || u.Scheme != "" {
		return "/admin"
	}
	return next
}
