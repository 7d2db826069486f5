package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
)

// sessionCookie is the only cookie the site sets, and only after login.
const sessionCookie = "bc_session"

// sessionLifetime is how long a login lasts before the person logs in again.
const sessionLifetime = 7 * 24 * time.Hour

type userKey struct{}

// CurrentUser returns the logged-in account of a request, or nil.
func CurrentUser(r *http.Request) *auth.User {
	u, _ := r.Context().Value(userKey{}).(*auth.User)
	return u
}

func withCurrentUser(r *http.Request, u *auth.User) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), userKey{}, u))
}

// withUser loads the account of the session cookie, when there is one.
// Requests without the cookie (every anonymous visit) touch no session table.
func (s *Server) withUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(sessionCookie)
		if err != nil || c.Value == "" {
			next.ServeHTTP(w, r)
			return
		}
		u, err := s.store.SessionUser(r.Context(), auth.HashToken(c.Value), time.Now())
		switch {
		case errors.Is(err, store.ErrNotFound):
			s.clearSessionCookie(w) // stale cookie: forget it
		case err != nil:
			s.serverError(w, r, err)
			return
		default:
			r = withCurrentUser(r, &u)
		}
		next.ServeHTTP(w, r)
	})
}

// startSession logs u in: a fresh token every time (so a token planted
// before login is worthless), and the old session of this browser ends.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, userID int64) error {
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		if err := s.store.DeleteSession(r.Context(), auth.HashToken(c.Value)); err != nil {
			return err
		}
	}
	token, hash := auth.NewToken()
	if err := s.store.CreateSession(r.Context(), hash, userID, time.Now().Add(s.sessionMaxAge)); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: token, Path: "/", MaxAge: int(s.sessionMaxAge / time.Second),
		HttpOnly: true, Secure: s.secureCookies, SameSite: http.SameSiteLaxMode,
	})
	return nil
}

func (s *Server) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.secureCookies, SameSite: http.SameSiteLaxMode})
}

// actor is who acts in a request, for the audit log.
func actor(r *http.Request) store.Actor {
	if u := CurrentUser(r); u != nil {
		return store.Actor{UserID: u.ID, Email: u.Email}
	}
	return store.Actor{}
}

// loggedIn lets any account through and sends anonymous visitors to the
// login page, remembering where they were going.
func (s *Server) loggedIn(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if CurrentUser(r) == nil {
			s.toLogin(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		h(w, r)
	})
}

// RequireRole lets through accounts with one of the roles; anonymous
// visitors go to the login page and other accounts get 403.
func (s *Server) RequireRole(h http.HandlerFunc, roles ...auth.Role) http.Handler {
	return s.loggedIn(func(w http.ResponseWriter, r *http.Request) {
		u := CurrentUser(r)
		for _, role := range roles {
			if u.Role == role {
				h(w, r)
				return
			}
		}
		s.forbidden(w, r)
	})
}

// coordinator is RequireRole(coordinator), the most common guard.
func (s *Server) coordinator(h http.HandlerFunc) http.Handler {
	return s.RequireRole(h, auth.Coordinator)
}

func (s *Server) toLogin(w http.ResponseWriter, r *http.Request) {
	target := "/accedi"
	if r.Method == http.MethodGet {
		target += "?dopo=" + url.QueryEscape(r.URL.RequestURI())
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

func (s *Server) forbidden(w http.ResponseWriter, r *http.Request) {
	s.renderError(w, r, errorPage{Status: http.StatusForbidden, TitleID: "error.forbidden.title", TextID: "error.forbidden.text"})
}

func (s *Server) crossOriginDenied(w http.ResponseWriter, r *http.Request) {
	l := s.localizer(r)
	s.renderError(w, r, errorPage{Status: http.StatusForbidden, TitleID: "error.forbidden.title", TextID: "error.forbidden.text", Detail: l.T("auth.cross_origin")})
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
