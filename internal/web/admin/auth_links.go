package admin

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/mail"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

// How long e-mail links work.
const (
	inviteLifetime = 7 * 24 * time.Hour
	resetLifetime  = time.Hour
)

// linkURL is the absolute address of a single-use link.
func (s *Handler) linkURL(r *http.Request, token string) string {
	base := strings.TrimRight(s.BaseURL, "/")
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
func (s *Handler) newLink(ctx context.Context, tx *store.Tx, r *http.Request, userID int64, purpose store.TokenPurpose) (string, error) {
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

func (s *Handler) sendMail(ctx context.Context, m mail.Message) error {
	if s.mail == nil {
		return errors.New("no mail sender configured")
	}
	return s.mail.Send(ctx, m)
}

type forgotData struct {
	Form *core.Form
	Sent bool
}

func (s *Handler) ForgotForm(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	w.Header().Set("Cache-Control", "no-store")
	s.Render(w, r, http.StatusOK, "auth_forgot", core.Page{L: l, Title: l.T("auth.forgot.title"), Description: l.T("auth.forgot.description"), Data: forgotData{Form: core.NewForm(l, nil)}})
}

// Forgot sends a reset link when the address has an account, and answers
// the same either way, so the form does not tell who has an account.
func (s *Handler) Forgot(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "auth.error.form")
		return
	}
	f := core.NewForm(l, r.PostForm)
	email := store.NormalizeEmail(f.Required("email"))
	if email != "" && !core.ValidEmail(email) {
		f.Fail("email", "auth.error.email")
	}
	w.Header().Set("Cache-Control", "no-store")
	if !f.OK() {
		s.Render(w, r, http.StatusUnprocessableEntity, "auth_forgot", core.Page{L: l, Title: l.T("auth.forgot.title"), Description: l.T("auth.forgot.description"), Data: forgotData{Form: f}})
		return
	}
	ip := s.ClientIP(r)
	wait, err := s.loginThrottle.wait(r.Context(), email, ip)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	if wait > 0 {
		f.Fail("email", "auth.login.throttled")
		s.Render(w, r, http.StatusTooManyRequests, "auth_forgot", core.Page{L: l, Title: l.T("auth.forgot.title"), Description: l.T("auth.forgot.description"), Data: forgotData{Form: f}})
		return
	}
	// Each request counts like a failed login: resets cannot flood a mailbox.
	s.loginThrottle.failed(r.Context(), email, ip)
	u, err := s.Store.UserByEmail(r.Context(), email)
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.Log.Info("password reset for an unknown address", "ip", ip)
	case err != nil:
		s.ServerError(w, r, err)
		return
	default:
		var link string
		err := s.Store.InTx(r.Context(), func(tx *store.Tx) error {
			var err error
			link, err = s.newLink(r.Context(), tx, r, u.ID, store.TokenReset)
			return err
		})
		if err == nil {
			err = s.sendMail(r.Context(), mail.Message{To: u.Email, Subject: l.T("auth.mail.reset.subject"),
				Text: l.T("auth.mail.reset.text", "Link", link, "Minutes", int(resetLifetime/time.Minute))})
		}
		if err != nil {
			s.ServerError(w, r, err)
			return
		}
	}
	s.Render(w, r, http.StatusOK, "auth_forgot", core.Page{L: l, Title: l.T("auth.forgot.title"), Description: l.T("auth.forgot.description"), Data: forgotData{Form: core.NewForm(l, nil), Sent: true}})
}

type linkData struct {
	Form    *core.Form
	User    auth.User
	Purpose store.TokenPurpose
	Invalid bool
}

// findLink tells which kind of valid link a token is.
func (s *Handler) findLink(ctx context.Context, token string) (auth.User, store.TokenPurpose, error) {
	now := time.Now()
	hash := auth.HashToken(token)
	for _, p := range []store.TokenPurpose{store.TokenInvite, store.TokenReset} {
		u, err := s.Store.PeekUserToken(ctx, hash, p, now)
		if err == nil {
			return u, p, nil
		}
		if !errors.Is(err, store.ErrTokenInvalid) && !errors.Is(err, store.ErrNotFound) {
			return u, "", err
		}
	}
	return auth.User{}, "", store.ErrTokenInvalid
}

func (s *Handler) renderLink(w http.ResponseWriter, r *http.Request, status int, d linkData) {
	l := s.Localizer(r)
	w.Header().Set("Cache-Control", "no-store")
	// The token is in the path: keep it out of any Referer.
	w.Header().Set("Referrer-Policy", "no-referrer")
	s.Render(w, r, status, "auth_link", core.Page{L: l, Title: l.T("auth.link.title"), Description: l.T("auth.link.description"), Data: d})
}

// LinkForm shows the "choose your password" form of an invitation or reset.
func (s *Handler) LinkForm(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	u, purpose, err := s.findLink(r.Context(), r.PathValue("token"))
	if errors.Is(err, store.ErrTokenInvalid) {
		s.renderLink(w, r, http.StatusGone, linkData{Form: core.NewForm(l, nil), Invalid: true})
		return
	}
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	s.renderLink(w, r, http.StatusOK, linkData{Form: core.NewForm(l, nil), User: u, Purpose: purpose})
}

// UseLink sets the password, spends the link and logs the person in.
func (s *Handler) UseLink(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	token := r.PathValue("token")
	u, purpose, err := s.findLink(r.Context(), token)
	if errors.Is(err, store.ErrTokenInvalid) {
		s.renderLink(w, r, http.StatusGone, linkData{Form: core.NewForm(l, nil), Invalid: true})
		return
	}
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "auth.error.form")
		return
	}
	f := core.NewForm(l, r.PostForm)
	pw := checkNewPassword(f)
	if !f.OK() {
		s.renderLink(w, r, http.StatusUnprocessableEntity, linkData{Form: f, User: u, Purpose: purpose})
		return
	}
	hash, err := auth.HashPassword(pw)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	err = s.Store.InTx(r.Context(), func(tx *store.Tx) error {
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
		s.renderLink(w, r, http.StatusGone, linkData{Form: core.NewForm(l, nil), Invalid: true})
		return
	}
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	if err := s.startSession(w, r, u.ID); err != nil {
		s.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin", http.StatusSeeOther)
}
