package admin

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
	"benicommunity/internal/mail"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

type adminUsersData struct {
	Users []store.UserRow
	Pager core.Pager
	List  core.ListState
	Roles []auth.Role
}

// Users lists the accounts, searchable by e-mail or name and by role.
func (s *Handler) Users(w http.ResponseWriter, r *http.Request) {
	ls, ok := s.ReadList(w, r, []string{"email", "name", "role", "created"}, "email")
	if !ok {
		return
	}
	role := auth.Role(r.URL.Query().Get("ruolo"))
	if role != "" && !role.Valid() {
		s.BadRequest(w, r, "admin.error.bad_role")
		return
	}
	rows, ok := core.FetchList(s.Site, w, r, &ls, func() ([]store.UserRow, int, error) {
		return s.Store.Users(r.Context(), store.UserFilter{Query: ls.Query, Role: role, Sort: ls.Sort, Desc: ls.Desc, Limit: ls.Pager.Size, Offset: ls.Pager.Offset()})
	})
	if !ok {
		return
	}
	l := s.Localizer(r)
	p := core.Page{L: l, Title: l.T("admin.users.title"), Data: adminUsersData{Users: rows, Pager: ls.Pager, List: ls, Roles: auth.Roles}}
	if e := r.URL.Query().Get("invitato"); e != "" {
		p.Flash = l.T("admin.users.invited_flash", "Email", e)
	}
	s.Render(w, r, http.StatusOK, "admin_users", p)
}

type inviteData struct {
	Form   *core.Form
	Roles  []core.Option
	Bodies []domain.BodyRef
}

func (s *Handler) inviteOptions(r *http.Request, f *core.Form) (inviteData, error) {
	l := s.Localizer(r)
	d := inviteData{Form: f}
	for _, role := range auth.Roles {
		d.Roles = append(d.Roles, core.Option{Value: string(role), Label: l.T("auth.role." + string(role))})
	}
	bodies, err := s.Store.AllBodyRefs(r.Context())
	d.Bodies = bodies
	return d, err
}

func (s *Handler) InviteForm(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	d, err := s.inviteOptions(r, core.NewForm(l, nil))
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	s.Render(w, r, http.StatusOK, "admin_invite", core.Page{L: l, Title: l.T("admin.invite.title"), Data: d})
}

// Invite creates an account without a password and e-mails a single-use
// link with which the person chooses one.
func (s *Handler) Invite(w http.ResponseWriter, r *http.Request) {
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
	f.MaxLen("name", 200)
	role, bodies := readRoleBodies(f)
	if f.OK() {
		var link string
		err := s.Store.InTx(r.Context(), func(tx *store.Tx) error {
			id, err := tx.CreateUser(r.Context(), store.NewUser{Email: email, Name: f.Get("name"), Role: role, Bodies: bodies})
			if err != nil {
				return err
			}
			if link, err = s.newLink(r.Context(), tx, r, id, store.TokenInvite); err != nil {
				return err
			}
			if err := tx.Audit(r.Context(), core.Actor(r), "invite", "user", id, email, nil,
				map[string]any{"email": email, "role": role, "bodies": bodies}); err != nil {
				return err
			}
			// Sent inside the transaction: if the mail cannot go out, no
			// account is left behind that nobody was told about.
			return s.sendMail(r.Context(), mail.Message{To: email, Subject: l.T("auth.mail.invite.subject"),
				Text: l.T("auth.mail.invite.text", "Link", link, "Role", l.T("auth.role."+string(role)), "Days", int(inviteLifetime.Hours()/24))})
		})
		switch {
		case errors.Is(err, store.ErrConflict):
			f.Fail("email", "admin.invite.error.taken")
		case errors.Is(err, store.ErrInUse):
			f.Fail("bodies", "admin.error.bad_body")
		case err != nil:
			s.ServerError(w, r, err)
			return
		default:
			http.Redirect(w, r, "/admin/utenti?invitato="+url.QueryEscape(email), http.StatusSeeOther)
			return
		}
	}
	d, err := s.inviteOptions(r, f)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	s.Render(w, r, http.StatusUnprocessableEntity, "admin_invite", core.Page{L: l, Title: l.T("admin.invite.title"), Data: d})
}

type userEditData struct {
	Form        *core.Form
	User        auth.User
	HasPassword bool
	Roles       []core.Option
	Bodies      []domain.BodyRef
	Self        bool
}

func (s *Handler) userByPath(w http.ResponseWriter, r *http.Request) (auth.User, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.NotFound(w, r)
		return auth.User{}, false
	}
	u, err := s.Store.User(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.NotFound(w, r)
		return u, false
	}
	if err != nil {
		s.ServerError(w, r, err)
		return u, false
	}
	return u, true
}

func (s *Handler) renderUserEdit(w http.ResponseWriter, r *http.Request, status int, f *core.Form, u auth.User) {
	l := s.Localizer(r)
	opts, err := s.inviteOptions(r, f)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	creds, err := s.Store.UserByEmail(r.Context(), u.Email)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	p := core.Page{L: l, Title: l.T("admin.users.edit_title", "Email", u.Email),
		Data: userEditData{Form: f, User: u, HasPassword: creds.PasswordHash != "", Roles: opts.Roles, Bodies: opts.Bodies, Self: u.ID == core.CurrentUser(r).ID}}
	if r.URL.Query().Get("fatto") != "" {
		p.Flash = l.T("admin.saved")
	}
	s.Render(w, r, status, "admin_user", p)
}

// EditUserForm shows an account's role and bodies.
func (s *Handler) EditUserForm(w http.ResponseWriter, r *http.Request) {
	u, ok := s.userByPath(w, r)
	if !ok {
		return
	}
	f := core.NewForm(s.Localizer(r), nil)
	f.Values.Set("role", string(u.Role))
	for _, b := range u.Bodies {
		f.Values.Add("bodies", strconv.FormatInt(b, 10))
	}
	s.renderUserEdit(w, r, http.StatusOK, f, u)
}

// UpdateUser changes an account's role and the bodies it is referent of.
// A coordinator cannot change their own role, so the network never loses
// its last coordinator by mistake.
func (s *Handler) UpdateUser(w http.ResponseWriter, r *http.Request) {
	u, ok := s.userByPath(w, r)
	if !ok {
		return
	}
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "auth.error.form")
		return
	}
	f := core.NewForm(s.Localizer(r), r.PostForm)
	role, bodies := readRoleBodies(f)
	if u.ID == core.CurrentUser(r).ID && role != u.Role {
		f.Fail("role", "admin.users.error.own_role")
	}
	if f.OK() {
		err := s.Store.InTx(r.Context(), func(tx *store.Tx) error {
			if err := tx.SetUserRole(r.Context(), u.ID, role, bodies); err != nil {
				return err
			}
			return tx.Audit(r.Context(), core.Actor(r), "update", "user", u.ID, u.Email,
				map[string]any{"role": u.Role, "bodies": u.Bodies}, map[string]any{"role": role, "bodies": bodies})
		})
		switch {
		case err == nil:
			http.Redirect(w, r, "/admin/utenti/"+strconv.FormatInt(u.ID, 10)+"?fatto=1", http.StatusSeeOther)
			return
		case errors.Is(err, store.ErrInUse):
			f.Fail("bodies", "admin.error.bad_body")
		default:
			s.ServerError(w, r, err)
			return
		}
	}
	s.renderUserEdit(w, r, http.StatusUnprocessableEntity, f, u)
}

// Reinvite sends a new invitation link to an account that has not chosen a
// password yet (the earlier link stops working).
func (s *Handler) Reinvite(w http.ResponseWriter, r *http.Request) {
	u, ok := s.userByPath(w, r)
	if !ok {
		return
	}
	creds, err := s.Store.UserByEmail(r.Context(), u.Email)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	l := s.Localizer(r)
	if creds.PasswordHash != "" {
		f := core.NewForm(l, nil)
		f.Values.Set("role", string(u.Role))
		for _, b := range u.Bodies {
			f.Values.Add("bodies", strconv.FormatInt(b, 10))
		}
		f.Fail("reinvite", "admin.users.error.already_active")
		s.renderUserEdit(w, r, http.StatusConflict, f, u)
		return
	}
	err = s.Store.InTx(r.Context(), func(tx *store.Tx) error {
		link, err := s.newLink(r.Context(), tx, r, u.ID, store.TokenInvite)
		if err != nil {
			return err
		}
		if err := tx.Audit(r.Context(), core.Actor(r), "invite", "user", u.ID, u.Email, nil, map[string]any{"email": u.Email, "role": u.Role, "again": true}); err != nil {
			return err
		}
		return s.sendMail(r.Context(), mail.Message{To: u.Email, Subject: l.T("auth.mail.invite.subject"),
			Text: l.T("auth.mail.invite.text", "Link", link, "Role", l.T("auth.role."+string(u.Role)), "Days", int(inviteLifetime.Hours()/24))})
	})
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/utenti?invitato="+url.QueryEscape(u.Email), http.StatusSeeOther)
}

// readRoleBodies reads the role and the bodies of an invitation or a role
// change: only a referent has bodies, and a referent needs at least one.
func readRoleBodies(f *core.Form) (auth.Role, []int64) {
	role := auth.Role(f.Get("role"))
	if !role.Valid() {
		f.Fail("role", "admin.error.bad_role")
	}
	var bodies []int64
	for _, v := range f.Values["bodies"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			f.Fail("bodies", "admin.error.bad_body")
			break
		}
		bodies = append(bodies, id)
	}
	if role == auth.Referent && len(bodies) == 0 {
		f.Fail("bodies", "admin.invite.error.referent_needs_body")
	}
	if role != auth.Referent {
		bodies = nil
	}
	return role, bodies
}
