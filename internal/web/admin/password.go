package admin

import (
	"errors"
	"net/http"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

// The password of an account, changed by its owner while logged in: the
// current password, then the new one twice (the rules of the invitation
// and reset form). The change ends every other session of the account;
// this browser stays logged in with a fresh session.

type passwordData struct {
	Form *core.Form
}

func (s *Handler) renderPassword(w http.ResponseWriter, r *http.Request, status int, f *core.Form) {
	l := s.Localizer(r)
	// Nothing typed in a password field is ever sent back.
	for _, k := range []string{"current", "password", "password2"} {
		f.Values.Del(k)
	}
	w.Header().Set("Cache-Control", "no-store")
	s.Render(w, r, status, "admin_password", core.Page{L: l, Title: l.T("admin.password.title"), Description: l.T("admin.password.description"), Data: passwordData{Form: f}})
}

// checkNewPassword applies the password rules to the "password" and
// "password2" fields of a form (invitation, reset, change).
func checkNewPassword(f *core.Form) string {
	pw := f.Raw("password")
	if err := auth.CheckPasswordPolicy(pw); err != nil {
		f.Fail("password", "auth.error.password_policy", "Min", auth.MinPasswordLen, "Max", auth.MaxPasswordLen)
	} else if pw != f.Raw("password2") {
		f.Fail("password2", "auth.error.password_mismatch")
	}
	return pw
}

// PasswordForm shows the form to change one's own password.
func (s *Handler) PasswordForm(w http.ResponseWriter, r *http.Request) {
	s.renderPassword(w, r, http.StatusOK, core.NewForm(s.Localizer(r), nil))
}

// ChangePassword checks the current password, sets the new one, ends the
// other sessions and logs the change.
func (s *Handler) ChangePassword(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "auth.error.form")
		return
	}
	me := core.CurrentUser(r)
	f := core.NewForm(l, r.PostForm)
	current := f.Raw("current")
	if current == "" {
		f.Fail("current", "admin.error.required")
	}
	pw := checkNewPassword(f)
	if !f.OK() {
		s.renderPassword(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	// A wrong current password counts against the login limits: a stolen
	// session must not become a way to guess the password.
	ip := s.ClientIP(r)
	wait, err := s.loginThrottle.wait(r.Context(), me.Email, ip)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	if wait > 0 {
		f.Fail("current", "auth.login.throttled")
		s.renderPassword(w, r, http.StatusTooManyRequests, f)
		return
	}
	u, err := s.Store.UserByEmail(r.Context(), me.Email)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		s.ServerError(w, r, err)
		return
	}
	if err != nil || u.ID != me.ID || u.PasswordHash == "" || auth.CheckPassword(u.PasswordHash, current) != nil {
		s.loginThrottle.failed(r.Context(), me.Email, ip)
		s.Log.Info("password change: wrong current password", "user", me.ID, "ip", ip)
		f.Fail("current", "admin.password.wrong_current")
		s.renderPassword(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	if pw == current {
		f.Fail("password", "admin.password.same")
		s.renderPassword(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	hash, err := auth.HashPassword(pw)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	err = s.Store.InTx(r.Context(), func(tx *store.Tx) error {
		if err := tx.SetPassword(r.Context(), me.ID, hash); err != nil { // ends every session
			return err
		}
		return tx.Audit(r.Context(), store.Actor{UserID: me.ID, Email: me.Email}, "change_password", "user", me.ID, me.Email, nil, nil)
	})
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	// This browser goes on with a new session; every other one has ended.
	if err := s.startSession(w, r, me.ID); err != nil {
		s.ServerError(w, r, err)
		return
	}
	s.Log.Info("password changed", "user", me.ID, "ip", ip)
	http.Redirect(w, r, "/admin?password=1", http.StatusSeeOther)
}
