package web

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/mail"
	"benicommunity/internal/store"
)

// How long e-mail links work.
const (
	inviteLifetime = 7 * 24 * time.Hour
	resetLifetime  = time.Hour
)

// linkURL is the absolute address of a single-use link.
func (s *Server) linkURL(r *http.Request, token string) string {
	base := strings.TrimRight(s.baseURL, "/")
	if base == "" {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		base = scheme + "://" + r.Host
	}
	return base + "/accedi/link/" + token
}

// sendLink creates a single-use link for an account (inside the caller's
// transaction) and returns the message that carries it.
func (s *Server) newLink(ctx context.Context, tx *store.Tx, r *http.Request, userID int64, purpose store.TokenPurpose) (string, error) {
	token, hash := auth.NewToken()
	life := resetLifetime
	if purpose == store.TokenInvite {
		life = inviteLifetime
	}
	if err := tx.CreateUserToken(ctx, hash, userID, purpose, time.Now().Add(life)); err != nil {
		return "", err
	}
	return s.linkURL(r, token), nil
}

func (s *Server) sendMail(ctx context.Context, m mail.Message) error {
	if s.mail == nil {
		return errors.New("no mail sender configured")
	}
	return s.mail.Send(ctx, m)
}

type forgotData struct {
	Form *form
	Sent bool
}

func (s *Server) forgotForm(w http.ResponseWriter, r *http.Request) {
	l := s.localizer(r)
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "auth_forgot", page{L: l, Title: l.T("auth.forgot.title"), Description: l.T("auth.forgot.description"), Data: forgotData{Form: newForm(l, nil)}})
}

// forgot sends a reset link when the address has an account, and answers
// the same either way, so the form does not tell who has an account.
func (s *Server) forgot(w http.ResponseWriter, r *http.Request) {
	l := s.localizer(r)
	if err := parseForm(w, r); err != nil {
		s.badRequest(w, r, "auth.error.form")
		return
	}
	f := newForm(l, r.PostForm)
	email := store.NormalizeEmail(f.Required("email"))
	if email != "" && !validEmail(email) {
		f.Fail("email", "auth.error.email")
	}
	w.Header().Set("Cache-Control", "no-store")
	if !f.OK() {
		s.render(w, r, http.StatusUnprocessableEntity, "auth_forgot", page{L: l, Title: l.T("auth.forgot.title"), Description: l.T("auth.forgot.description"), Data: forgotData{Form: f}})
		return
	}
	ip := clientIP(r)
	if s.loginThrottle.blocked(email, ip) {
		f.Fail("email", "auth.login.throttled")
		s.render(w, r, http.StatusTooManyRequests, "auth_forgot", page{L: l, Title: l.T("auth.forgot.title"), Description: l.T("auth.forgot.description"), Data: forgotData{Form: f}})
		return
	}
	// Each request counts like a failed login: resets cannot flood a mailbox.
	s.loginThrottle.failed(email, ip)
	u, err := s.store.UserByEmail(r.Context(), email)
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.log.Info("password reset for an unknown address", "ip", ip)
	case err != nil:
		s.serverError(w, r, err)
		return
	default:
		var link string
		err := s.store.InTx(r.Context(), func(tx *store.Tx) error {
			var err error
			link, err = s.newLink(r.Context(), tx, r, u.ID, store.TokenReset)
			return err
		})
		if err == nil {
			err = s.sendMail(r.Context(), mail.Message{To: u.Email, Subject: l.T("auth.mail.reset.subject"),
				Text: l.T("auth.mail.reset.text", "Link", link, "Minutes", int(resetLifetime/time.Minute))})
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "auth_forgot", page{L: l, Title: l.T("auth.forgot.title"), Description: l.T("auth.forgot.description"), Data: forgotData{Form: newForm(l, nil), Sent: true}})
}

type linkData struct {
	Form    *form
	User    auth.User
	Purpose store.TokenPurpose
	Invalid bool
}

// findLink tells which kind of valid link a token is.
func (s *Server) findLink(ctx context.Context, token string) (auth.User, store.TokenPurpose, error) {
	now := time.Now()
	hash := auth.HashToken(token)
	for _, p := range []store.TokenPurpose{store.TokenInvite, store.TokenReset} {
		u, err := s.store.PeekUserToken(ctx, hash, p, now)
		if err == nil {
			return u, p, nil
		}
		if !errors.Is(err, store.ErrTokenInvalid) && !errors.Is(err, store.ErrNotFound) {
			return u, "", err
		}
	}
	return auth.User{}, "", store.ErrTokenInvalid
}

func (s *Server) renderLink(w http.ResponseWriter, r *http.Request, status int, d linkData) {
	l := s.localizer(r)
	w.Header().Set("Cache-Control", "no-store")
	// The token is in the path: keep it out of any Referer.
	w.Header().Set("Referrer-Policy", "no-referrer")
	s.render(w, r, status, "auth_link", page{L: l, Title: l.T("auth.link.title"), Description: l.T("auth.link.description"), Data: d})
}

// linkForm shows the "choose your password" form of an invitation or reset.
func (s *Server) linkForm(w http.ResponseWriter, r *http.Request) {
	l := s.localizer(r)
	u, purpose, err := s.findLink(r.Context(), r.PathValue("token"))
	if errors.Is(err, store.ErrTokenInvalid) {
		s.renderLink(w, r, http.StatusGone, linkData{Form: newForm(l, nil), Invalid: true})
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.renderLink(w, r, http.StatusOK, linkData{Form: newForm(l, nil), User: u, Purpose: purpose})
}

// useLink sets the password, spends the link and logs the person in.
func (s *Server) useLink(w http.ResponseWriter, r *http.Request) {
	l := s.localizer(r)
	token := r.PathValue("token")
	u, purpose, err := s.findLink(r.Context(), token)
	if errors.Is(err, store.ErrTokenInvalid) {
		s.renderLink(w, r, http.StatusGone, linkData{Form: newForm(l, nil), Invalid: true})
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := parseForm(w, r); err != nil {
		s.badRequest(w, r, "auth.error.form")
		return
	}
	f := newForm(l, r.PostForm)
	pw := f.Raw("password")
	if err := auth.CheckPasswordPolicy(pw); err != nil {
		f.Fail("password", "auth.error.password_policy", "Min", auth.MinPasswordLen, "Max", auth.MaxPasswordLen)
	} else if pw != f.Raw("password2") {
		f.Fail("password2", "auth.error.password_mismatch")
	}
	if !f.OK() {
		s.renderLink(w, r, http.StatusUnprocessableEntity, linkData{Form: f, User: u, Purpose: purpose})
		return
	}
	hash, err := auth.HashPassword(pw)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	err = s.store.InTx(r.Context(), func(tx *store.Tx) error {
		id, err := tx.UseUserToken(r.Context(), auth.HashToken(token), purpose, time.Now())
		if err != nil {
			return err
		}
		if err := tx.SetPassword(r.Context(), id, hash); err != nil {
			return err
		}
		return tx.Audit(r.Context(), store.Actor{UserID: id, Email: u.Email}, "set_password_"+string(purpose), "user", id, u.Email, nil, nil)
	})
	if errors.Is(err, store.ErrTokenInvalid) {
		s.renderLink(w, r, http.StatusGone, linkData{Form: newForm(l, nil), Invalid: true})
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.startSession(w, r, u.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin", http.StatusSeeOther)
}

// validEmail is a light check: one @, something on both sides, a dot in the domain.
func validEmail(e string) bool {
	local, domain, ok := strings.Cut(e, "@")
	return ok && local != "" && strings.Contains(domain, ".") && !strings.ContainsAny(e, " <>,;\"") &&
		!strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".") && len(e) <= 254
}
