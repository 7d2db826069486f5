package registrations

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
	"benicommunity/internal/i18n"
	"benicommunity/internal/mail"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

// registrationRoles are the roles a person registers with.
var registrationRoles = []string{"sindaco", "assessore", "consigliere", "dirigente", "funzionario", "altro"}

type registrationFormData struct {
	Activity store.RegistrationActivity
	Form     *core.Form
	Action   string
	Bodies   []domain.BodyRef
	Roles    []core.Option
	Kinds    []core.Option
	Tables   []core.Option
	Admin    bool // a coordinator registering someone
}

// registrationOptions fills the choices of the registration form.
func (s *Handler) registrationOptions(ctx context.Context, l *i18n.Localizer, a store.RegistrationActivity, f *core.Form) (registrationFormData, error) {
	d := registrationFormData{Activity: a, Form: f, Action: "/iscrizioni/attivita/" + a.Slug}
	var err error
	if d.Bodies, err = s.Store.AllBodyRefs(ctx); err != nil {
		return d, err
	}
	d.Roles = append(d.Roles, core.Option{Value: "", Label: l.T("registration.form.choose")})
	for _, r := range registrationRoles {
		d.Roles = append(d.Roles, core.Option{Value: r, Label: l.T("registration.role." + r)})
	}
	d.Kinds = append(d.Kinds, core.Option{Value: "", Label: l.T("registration.form.choose")})
	for _, k := range domain.BodyKinds {
		d.Kinds = append(d.Kinds, core.Option{Value: string(k), Label: l.T("kind." + string(k))})
	}
	detail, err := s.Store.ActivityDetail(ctx, a.Slug)
	if err != nil {
		return d, err
	}
	if len(detail.Tables) > 0 {
		d.Tables = append(d.Tables, core.Option{Value: "", Label: l.T("registration.form.no_table")})
		for _, t := range detail.Tables {
			d.Tables = append(d.Tables, core.Option{Value: strconv.FormatInt(t.ID, 10), Label: t.Title})
		}
	}
	return d, nil
}

// openActivity loads a published activity whose registrations may be shown.
func (s *Handler) openActivity(w http.ResponseWriter, r *http.Request) (store.RegistrationActivity, bool) {
	return s.registrationActivity(w, r, func(a store.RegistrationActivity) bool { return a.Status == string(domain.StatusPublished) })
}

func (s *Handler) renderRegistrationForm(w http.ResponseWriter, r *http.Request, status int, a store.RegistrationActivity, f *core.Form) {
	l := s.Localizer(r)
	d, err := s.registrationOptions(r.Context(), l, a, f)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.Render(w, r, status, "registration_form", core.Page{L: l, Title: l.T("registration.form.title", "Title", a.Title),
		Description: l.T("registration.form.description", "Title", a.Title), Data: d})
}

// Form shows the form, or why registrations are not open.
func (s *Handler) Form(w http.ResponseWriter, r *http.Request) {
	a, ok := s.openActivity(w, r)
	if !ok {
		return
	}
	l := s.Localizer(r)
	f := core.NewForm(l, nil)
	// A logged-in person does not type what the platform knows.
	if u := core.CurrentUser(r); u != nil {
		f.Values.Set("name", u.Name)
		f.Values.Set("email", u.Email)
		if len(u.Bodies) > 0 {
			if refs, err := s.Store.BodyRefsByID(r.Context(), u.Bodies[:1]); err == nil && len(refs) == 1 {
				f.Values.Set("body", refs[0].Name)
			}
		}
	}
	status := http.StatusOK
	if !a.OpenAt(time.Now()) {
		status = http.StatusGone
	}
	s.renderRegistrationForm(w, r, status, a, f)
}

// readRegistration validates the registration form into a NewRegistration.
func (s *Handler) readRegistration(ctx context.Context, f *core.Form, a store.RegistrationActivity, needConsent bool) (store.NewRegistration, error) {
	nr := store.NewRegistration{ActivityID: a.ID, ConsentVersion: privacyVersion, ConsentAt: time.Now()}
	nr.Name = f.Required("name")
	f.MaxLen("name", 200)
	nr.Email = store.NormalizeEmail(f.Required("email"))
	if nr.Email != "" && !core.ValidEmail(nr.Email) {
		f.Fail("email", "registration.error.email")
	}
	nr.Role = f.Get("role")
	if !validRegistrationRole(nr.Role) {
		f.Fail("role", "registration.error.role")
	}
	if err := s.readRegistrationBody(ctx, f, &nr); err != nil {
		return nr, err
	}
	if err := s.readRegistrationTable(ctx, f, a, &nr); err != nil {
		return nr, err
	}
	nr.Accessibility = f.Get("accessibility")
	f.MaxLen("accessibility", 1000)
	if needConsent && !f.Bool("consent") {
		f.Fail("consent", "registration.error.consent")
	}
	return nr, nil
}

// readRegistrationBody reads the body the person comes from: one already
// known, or a new one they propose by name, kind and place.
func (s *Handler) readRegistrationBody(ctx context.Context, f *core.Form, nr *store.NewRegistration) error {
	bodyText := f.Get("body")
	nr.ProposedBodyName = f.Get("new_body_name")
	f.MaxLen("new_body_name", 200)
	f.MaxLen("new_body_place", 200)
	switch {
	case bodyText != "":
		id, err := s.findBody(ctx, bodyText)
		if err != nil {
			return err
		}
		if id == 0 {
			f.Fail("body", "registration.error.body_unknown")
		}
		nr.BodyID, nr.ProposedBodyName = id, ""
	case nr.ProposedBodyName != "":
		nr.ProposedBodyKind = f.Get("new_body_kind")
		if !domain.BodyKind(nr.ProposedBodyKind).Valid() {
			f.Fail("new_body_kind", "registration.error.kind")
		}
		nr.ProposedBodyPlace = f.Required("new_body_place")
	default:
		f.Fail("body", "registration.error.body_missing")
	}
	return nil
}

// readRegistrationTable reads the optional discussion table, which must be
// one of the activity's.
func (s *Handler) readRegistrationTable(ctx context.Context, f *core.Form, a store.RegistrationActivity, nr *store.NewRegistration) error {
	v := f.Get("table")
	if v == "" {
		return nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	detail, derr := s.Store.ActivityDetail(ctx, a.Slug)
	if derr != nil {
		return derr
	}
	found := false
	for _, t := range detail.Tables {
		found = found || (err == nil && t.ID == id)
	}
	if !found {
		f.Fail("table", "registration.error.table")
	}
	nr.TableID = id
	return nil
}

func validRegistrationRole(role string) bool {
	for _, r := range registrationRoles {
		if r == role {
			return true
		}
	}
	return false
}

// findBody resolves the name typed or picked from the list (case and
// surrounding spaces ignored); 0 when no body has that name.
func (s *Handler) findBody(ctx context.Context, name string) (int64, error) {
	refs, err := s.Store.AllBodyRefs(ctx)
	if err != nil {
		return 0, err
	}
	for _, b := range refs {
		if strings.EqualFold(strings.TrimSpace(b.Name), strings.TrimSpace(name)) {
			return b.ID, nil
		}
	}
	return 0, nil
}

// Register records a registration and e-mails the confirmation link.
func (s *Handler) Register(w http.ResponseWriter, r *http.Request) {
	a, ok := s.openActivity(w, r)
	if !ok {
		return
	}
	l := s.Localizer(r)
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "registration.error.form")
		return
	}
	f := core.NewForm(l, r.PostForm)
	if !a.OpenAt(time.Now()) {
		s.renderRegistrationForm(w, r, http.StatusGone, a, f)
		return
	}
	nr, err := s.readRegistration(r.Context(), f, a, true)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	if !f.OK() {
		s.renderRegistrationForm(w, r, http.StatusUnprocessableEntity, a, f)
		return
	}
	if u := core.CurrentUser(r); u != nil && store.NormalizeEmail(u.Email) == nr.Email {
		nr.UserID = u.ID
	}
	token, hash := auth.NewToken()
	nonce, _ := auth.NewToken()
	nr.ConfirmHash, nr.ConfirmExpires, nr.ManageNonce = hash, time.Now().Add(confirmLifetime), nonce
	_, err = s.Store.Register(r.Context(), nr, time.Now())
	switch {
	case errors.Is(err, store.ErrAlreadyRegistered):
		f.Fail("email", "registration.error.already")
		s.renderRegistrationForm(w, r, http.StatusConflict, a, f)
		return
	case errors.Is(err, store.ErrRegistrationsClosed):
		s.renderRegistrationForm(w, r, http.StatusGone, a, f)
		return
	case err != nil:
		s.ServerError(w, r, err)
		return
	}
	link := s.publicBase(r) + "/iscrizioni/conferma/" + token
	err = s.sendMail(r.Context(), mail.Message{To: nr.Email, Subject: l.T("registration.mail.confirm.subject", "Title", a.Title),
		Text: l.T("registration.mail.confirm.text", "Name", nr.Name, "Details", s.detailsText(l, r, a, false), "Link", link, "Days", int(confirmLifetime.Hours()/24))})
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, "/iscrizioni/attivita/"+a.Slug+"/inviata", http.StatusSeeOther)
}

// Sent says the confirmation e-mail is on its way.
func (s *Handler) Sent(w http.ResponseWriter, r *http.Request) {
	a, ok := s.openActivity(w, r)
	if !ok {
		return
	}
	l := s.Localizer(r)
	s.renderRegistrationMessage(w, r, http.StatusOK, l.T("registration.sent.title"), l.N("registration.sent.text", int(confirmLifetime.Hours()/24)), a.Title, "")
}

type registrationMessageData struct {
	Heading, Text, Activity, Next string
	Token                         string // a confirmation form to show, when set
}

func (s *Handler) renderRegistrationMessage(w http.ResponseWriter, r *http.Request, status int, heading, text, activity, next string) {
	l := s.Localizer(r)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	s.Render(w, r, status, "registration_message", core.Page{L: l, Title: heading,
		Data: registrationMessageData{Heading: heading, Text: text, Activity: activity, Next: next}})
}

// ConfirmPage shows a button that confirms: mail scanners that open links
// do not confirm anything on their own.
func (s *Handler) ConfirmPage(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	err := s.Store.CheckConfirmation(r.Context(), auth.HashToken(r.PathValue("token")), time.Now())
	if msg := linkErrorID(err); msg != "" {
		s.renderRegistrationMessage(w, r, http.StatusGone, l.T("registration.link.invalid_title"), l.T(msg), "", "")
		return
	}
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	s.Render(w, r, http.StatusOK, "registration_message", core.Page{L: l, Title: l.T("registration.confirm.title"),
		Data: registrationMessageData{Heading: l.T("registration.confirm.title"), Text: l.T("registration.confirm.text"), Token: r.PathValue("token")}})
}

// Confirm spends the confirmation link and assigns a seat or the waiting list.
func (s *Handler) Confirm(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	reg, err := s.Store.ConfirmRegistration(r.Context(), auth.HashToken(r.PathValue("token")), time.Now())
	if msg := linkErrorID(err); msg != "" {
		s.renderRegistrationMessage(w, r, http.StatusGone, l.T("registration.link.invalid_title"), l.T(msg), "", "")
		return
	}
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	a, err := s.regActivityOf(r.Context(), reg)
	if err == nil {
		err = s.sendSeatMail(r.Context(), l, r, a, reg, false)
	}
	if err != nil {
		// The seat is taken either way; the person sees where they stand here.
		s.Log.Error("send registration e-mail", "registration", reg.ID, "err", err)
	}
	textID := "registration.confirmed.text"
	if reg.Status == store.RegWaiting {
		textID = "registration.waiting.text"
	}
	s.renderRegistrationMessage(w, r, http.StatusOK, l.T("registration.confirmed.title"), l.T(textID), a.Title, "")
}

// linkErrorID is the message of a refused e-mail link, "" when err is not one.
func linkErrorID(err error) string {
	switch {
	case errors.Is(err, store.ErrLinkUnknown), errors.Is(err, errBadLink):
		return "registration.link.unknown"
	case errors.Is(err, store.ErrLinkExpired):
		return "registration.link.expired"
	case errors.Is(err, store.ErrLinkUsed):
		return "registration.link.used"
	}
	return ""
}

// Privacy is the privacy notice of registrations.
func (s *Handler) Privacy(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	s.Render(w, r, http.StatusOK, "registration_privacy", core.Page{L: l, Title: l.T("registration.privacy.title"), Description: l.T("registration.privacy.description"),
		Data: map[string]any{"Version": privacyVersion, "Months": s.retentionMonths, "Controller": s.controller}})
}
