package registrations

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/mail"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

type adminRegListData struct {
	Activities []store.ActivitySummary
	Counts     map[int64]store.RegistrationCounts
	Pager      core.Pager
}

// AdminActivities lists the activities, newest first, with
// their registration counts.
func (s *Handler) AdminActivities(w http.ResponseWriter, r *http.Request) {
	pg, ok := core.ReadPager(r)
	if !ok {
		s.BadRequest(w, r, "admin.error.bad_list")
		return
	}
	pg.Size = 25
	list, total, err := s.Store.Activities(r.Context(), store.ActivityFilter{IncludeHidden: true, Descending: true, Limit: pg.Size, Offset: pg.Offset()})
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	pg.Total = total
	ids := make([]int64, len(list))
	for i, a := range list {
		ids[i] = a.ID
	}
	counts, err := s.Store.RegistrationCountsFor(r.Context(), ids)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	l := s.Localizer(r)
	s.Render(w, r, http.StatusOK, "registration_admin_list", core.Page{L: l, Title: l.T("registration.admin.list_title"),
		Data: adminRegListData{Activities: list, Counts: counts, Pager: pg}})
}

type adminRegData struct {
	Activity     store.RegistrationActivity
	Counts       store.RegistrationCounts
	ByBody       []store.Tally
	ByRole       []store.Tally
	Rows         []store.Registration
	Pager        core.Pager
	Query        string
	Status       string
	Statuses     []store.RegistrationStatus
	Settings     *core.Form
	Mail         *core.Form
	Outcome      *core.Form
	Flash        string
	Done         string // which change the flash confirms
	IsFormazione bool
}

// adminActivity loads the activity of an admin registrations route; the
// coordinator manages registrations whatever the activity's status.
func (s *Handler) adminActivity(w http.ResponseWriter, r *http.Request) (store.RegistrationActivity, bool) {
	return s.registrationActivity(w, r, func(store.RegistrationActivity) bool { return true })
}

// registrationActivity loads the activity named in the path. An activity this
// caller may not see (visible says false) is answered 404 like a missing one,
// so that its existence does not leak; on false the answer has been sent.
func (s *Handler) registrationActivity(w http.ResponseWriter, r *http.Request, visible func(store.RegistrationActivity) bool) (store.RegistrationActivity, bool) {
	a, err := s.Store.RegistrationActivity(r.Context(), r.PathValue("slug"))
	if errors.Is(err, store.ErrNotFound) || (err == nil && !visible(a)) {
		s.NotFound(w, r)
		return a, false
	}
	if err != nil {
		s.ServerError(w, r, err)
		return a, false
	}
	return a, true
}

// adminActivityPost is the prelude of the coordinator's registration actions:
// the activity named in the path and the posted form. When it returns false
// it has already answered (404, 500 or 400), so the handler only returns.
func (s *Handler) adminActivityPost(w http.ResponseWriter, r *http.Request) (store.RegistrationActivity, bool) {
	a, ok := s.adminActivity(w, r)
	if !ok {
		return a, false
	}
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "registration.error.form")
		return a, false
	}
	return a, true
}

func settingsForm(f *core.Form, a store.RegistrationActivity) *core.Form {
	st := a.Settings
	if st.Enabled {
		f.Values.Set("enabled", "1")
	}
	if st.Capacity != nil {
		f.Values.Set("capacity", strconv.Itoa(*st.Capacity))
	}
	if st.OpenFrom != nil {
		f.Values.Set("open_from", st.OpenFrom.In(core.RomeLocation()).Format(datetimeLocal))
	}
	if st.CloseAt != nil {
		f.Values.Set("close_at", st.CloseAt.In(core.RomeLocation()).Format(datetimeLocal))
	}
	f.Values.Set("online_link", st.OnlineLink)
	return f
}

// datetimeLocal is what <input type="datetime-local"> sends.
const datetimeLocal = "2006-01-02T15:04"

// AdminList is the coordinator's page of one activity's registrations.
func (s *Handler) AdminList(w http.ResponseWriter, r *http.Request) {
	a, ok := s.adminActivity(w, r)
	if !ok {
		return
	}
	l := s.Localizer(r)
	s.renderAdminRegistrations(w, r, http.StatusOK, a, settingsForm(core.NewForm(l, nil), a), core.NewForm(l, nil), core.NewForm(l, url.Values{"report": {a.OutcomeReport}}))
}

func (s *Handler) renderAdminRegistrations(w http.ResponseWriter, r *http.Request, status int, a store.RegistrationActivity, settings, mailForm, outcome *core.Form) {
	l := s.Localizer(r)
	pg, ok := core.ReadPager(r)
	q := r.URL.Query()
	st := store.RegistrationStatus(q.Get("stato"))
	if !ok || (st != "" && !st.Valid()) || len(q.Get("q")) > 200 {
		s.BadRequest(w, r, "admin.error.bad_list")
		return
	}
	pg.Size = 50
	d := adminRegData{Activity: a, Query: q.Get("q"), Status: string(st), Statuses: store.RegistrationStatuses,
		Settings: settings, Mail: mailForm, Outcome: outcome, IsFormazione: a.TypeSlug == "formazione"}
	var err error
	if d.Counts, err = s.Store.RegistrationCounts(r.Context(), a.ID); err != nil {
		s.ServerError(w, r, err)
		return
	}
	if d.ByBody, d.ByRole, err = s.Store.RegistrationTotals(r.Context(), a.ID); err != nil {
		s.ServerError(w, r, err)
		return
	}
	d.Rows, pg.Total, err = s.Store.Registrations(r.Context(), store.RegistrationFilter{ActivityID: a.ID, Status: st, Query: d.Query, Limit: pg.Size, Offset: pg.Offset()})
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	d.Pager = pg
	if m := q.Get("fatto"); m != "" {
		d.Done = flashKey(m)
		d.Flash = l.T("registration.admin.done." + d.Done)
	}
	w.Header().Set("Cache-Control", "no-store")
	s.Render(w, r, status, "registration_admin", core.Page{L: l, Title: l.T("registration.admin.title", "Title", a.Title), Data: d})
}

// flashKey keeps the confirmation message id to a known set.
func flashKey(m string) string {
	switch m {
	case "impostazioni", "presenze", "spostata", "annullata", "email", "restituzione", "aggiunta", "ente":
		return m
	}
	return "generic"
}

func (s *Handler) backToRegistrations(w http.ResponseWriter, r *http.Request, a store.RegistrationActivity, done string) {
	http.Redirect(w, r, "/admin/iscrizioni/"+a.Slug+"?fatto="+done, http.StatusSeeOther)
}

// AdminSettings saves capacity, window, online link and the open flag.
func (s *Handler) AdminSettings(w http.ResponseWriter, r *http.Request) {
	a, ok := s.adminActivityPost(w, r)
	if !ok {
		return
	}
	l := s.Localizer(r)
	f := core.NewForm(l, r.PostForm)
	rs := store.RegistrationSettings{Enabled: f.Bool("enabled"), Capacity: f.OptionalInt("capacity"), OnlineLink: f.Get("online_link")}
	rs.OpenFrom = readLocalTime(f, "open_from")
	rs.CloseAt = readLocalTime(f, "close_at")
	if rs.OpenFrom != nil && rs.CloseAt != nil && !rs.CloseAt.After(*rs.OpenFrom) {
		f.Fail("close_at", "registration.error.window")
	}
	if link := rs.OnlineLink; link != "" {
		u, err := url.Parse(link)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			f.Fail("online_link", "registration.error.link")
		}
	}
	f.MaxLen("online_link", 500)
	if !f.OK() {
		s.renderAdminRegistrations(w, r, http.StatusUnprocessableEntity, a, f, core.NewForm(l, nil), core.NewForm(l, url.Values{"report": {a.OutcomeReport}}))
		return
	}
	promoted, err := s.Store.SetRegistrationSettings(r.Context(), core.Actor(r), a.ID, rs)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	a.Settings = rs
	for i := range promoted {
		s.tellPromoted(r, a, &promoted[i])
	}
	s.backToRegistrations(w, r, a, "impostazioni")
}

func readLocalTime(f *core.Form, name string) *time.Time {
	v := f.Get(name)
	if v == "" {
		return nil
	}
	t, err := time.ParseInLocation(datetimeLocal, v, core.RomeLocation())
	if err != nil {
		f.Fail(name, "registration.error.datetime")
		return nil
	}
	return &t
}

// formIDs reads the registration ids ticked in a form.
func formIDs(r *http.Request) ([]int64, bool) {
	var ids []int64
	for _, v := range r.PostForm["id"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return nil, false
		}
		ids = append(ids, id)
	}
	return ids, true
}

// pickedRegistration is the one registration ticked in a coordinator's form,
// which must belong to the activity a. Any other pick (none, several, unknown,
// another activity's) has already been answered with a 400.
func (s *Handler) pickedRegistration(w http.ResponseWriter, r *http.Request, a store.RegistrationActivity) (store.Registration, bool) {
	ids, ok := formIDs(r)
	if !ok || len(ids) != 1 {
		s.BadRequest(w, r, "registration.error.pick")
		return store.Registration{}, false
	}
	reg, err := s.Store.Registration(r.Context(), ids[0])
	if err != nil || reg.ActivityID != a.ID {
		s.BadRequest(w, r, "registration.error.pick")
		return store.Registration{}, false
	}
	return reg, true
}

// AdminAttendance marks or unmarks attendance, for one person or many.
func (s *Handler) AdminAttendance(w http.ResponseWriter, r *http.Request) {
	a, ok := s.adminActivityPost(w, r)
	if !ok {
		return
	}
	ids, ok := formIDs(r)
	attended := r.PostForm.Get("presente")
	if !ok || len(ids) == 0 || (attended != "1" && attended != "0") {
		s.BadRequest(w, r, "registration.error.pick")
		return
	}
	if _, err := s.Store.SetAttendance(r.Context(), core.Actor(r), a.ID, ids, attended == "1"); err != nil {
		s.ServerError(w, r, err)
		return
	}
	s.backToRegistrations(w, r, a, "presenze")
}

// AdminMove moves a person between confirmed and waiting.
func (s *Handler) AdminMove(w http.ResponseWriter, r *http.Request) {
	a, ok := s.adminActivityPost(w, r)
	if !ok {
		return
	}
	to := store.RegistrationStatus(r.PostForm.Get("verso"))
	if to != store.RegConfirmed && to != store.RegWaiting {
		s.BadRequest(w, r, "registration.error.pick")
		return
	}
	reg, ok := s.pickedRegistration(w, r, a)
	if !ok {
		return
	}
	err := s.Store.MoveRegistration(r.Context(), core.Actor(r), reg.ID, to, time.Now())
	switch {
	case errors.Is(err, store.ErrNoSeat):
		s.BadRequest(w, r, "registration.error.no_seat")
		return
	case errors.Is(err, store.ErrNotFound):
		s.BadRequest(w, r, "registration.error.pick")
		return
	case err != nil:
		s.ServerError(w, r, err)
		return
	}
	if to == store.RegConfirmed && reg.Status == store.RegWaiting {
		reg.Status = store.RegConfirmed
		s.tellPromoted(r, a, &reg)
	}
	s.backToRegistrations(w, r, a, "spostata")
}

// AdminCancel cancels a registration on the person's behalf.
func (s *Handler) AdminCancel(w http.ResponseWriter, r *http.Request) {
	a, ok := s.adminActivityPost(w, r)
	if !ok {
		return
	}
	reg, ok := s.pickedRegistration(w, r, a)
	if !ok {
		return
	}
	promoted, err := s.Store.CancelRegistration(r.Context(), core.Actor(r), reg.ID, time.Now())
	if errors.Is(err, store.ErrLinkUsed) {
		s.BadRequest(w, r, "registration.cancel.already")
		return
	}
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	s.tellPromoted(r, a, promoted)
	s.backToRegistrations(w, r, a, "annullata")
}

// AdminNewRegistrationForm is the form to register someone on their behalf.
func (s *Handler) AdminNewRegistrationForm(w http.ResponseWriter, r *http.Request) {
	a, ok := s.adminActivity(w, r)
	if !ok {
		return
	}
	s.renderAdminNew(w, r, http.StatusOK, a, core.NewForm(s.Localizer(r), nil))
}

func (s *Handler) renderAdminNew(w http.ResponseWriter, r *http.Request, status int, a store.RegistrationActivity, f *core.Form) {
	l := s.Localizer(r)
	d, err := s.registrationOptions(r.Context(), l, a, f)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	d.Action = "/admin/iscrizioni/" + a.Slug + "/nuova"
	d.Admin = true
	s.Render(w, r, status, "registration_form", core.Page{L: l, Title: l.T("registration.admin.new_title"), Data: d})
}

// AdminNewRegistration registers someone, confirmed at once (no opt-in:
// the coordinator vouches for them), and e-mails them their details.
func (s *Handler) AdminNewRegistration(w http.ResponseWriter, r *http.Request) {
	a, ok := s.adminActivityPost(w, r)
	if !ok {
		return
	}
	l := s.Localizer(r)
	f := core.NewForm(l, r.PostForm)
	nr, err := s.readRegistration(r.Context(), f, a, false)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	if !f.OK() {
		s.renderAdminNew(w, r, http.StatusUnprocessableEntity, a, f)
		return
	}
	nr.ConsentVersion = privacyVersion + "/coordinatore"
	nonce, _ := auth.NewToken()
	nr.ManageNonce = nonce
	reg, err := s.Store.AddRegistration(r.Context(), core.Actor(r), nr, time.Now())
	if errors.Is(err, store.ErrAlreadyRegistered) {
		f.Fail("email", "registration.error.already")
		s.renderAdminNew(w, r, http.StatusConflict, a, f)
		return
	}
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	if err := s.sendSeatMail(r.Context(), l, r, a, reg, false); err != nil {
		s.Log.Error("send registration e-mail", "registration", reg.ID, "err", err)
	}
	s.backToRegistrations(w, r, a, "aggiunta")
}

// AdminMailAll e-mails every confirmed and waiting person of the activity.
func (s *Handler) AdminMailAll(w http.ResponseWriter, r *http.Request) {
	a, ok := s.adminActivityPost(w, r)
	if !ok {
		return
	}
	l := s.Localizer(r)
	f := core.NewForm(l, r.PostForm)
	subject := f.Required("subject")
	f.MaxLen("subject", 200)
	text := f.Required("text")
	f.MaxLen("text", 10000)
	if !f.OK() {
		s.renderAdminRegistrations(w, r, http.StatusUnprocessableEntity, a, settingsForm(core.NewForm(l, nil), a), f, core.NewForm(l, url.Values{"report": {a.OutcomeReport}}))
		return
	}
	var failed int
	for _, st := range []store.RegistrationStatus{store.RegConfirmed, store.RegWaiting} {
		rows, _, err := s.Store.Registrations(r.Context(), store.RegistrationFilter{ActivityID: a.ID, Status: st, Limit: -1})
		if err != nil {
			s.ServerError(w, r, err)
			return
		}
		for _, reg := range rows {
			if reg.Email == "" {
				continue
			}
			if err := s.sendMail(r.Context(), mail.Message{To: reg.Email, Subject: subject,
				Text: text + "\n\n-- \n" + s.detailsText(l, r, a, st == store.RegConfirmed)}); err != nil {
				failed++
				s.Log.Error("e-mail to registrants", "registration", reg.ID, "err", err)
			}
		}
	}
	if failed > 0 {
		s.ServerError(w, r, errors.New(strconv.Itoa(failed)+" e-mails to registrants failed"))
		return
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error {
		return tx.Audit(r.Context(), core.Actor(r), "mail_registrants", "activity", a.ID, a.Title, nil, map[string]any{"subject": subject})
	}); err != nil {
		s.ServerError(w, r, err)
		return
	}
	s.backToRegistrations(w, r, a, "email")
}

// AdminPublishOutcome publishes the outcome report and e-mails it to every
// attendee (each once, even with several instances: the e-mails are claimed).
func (s *Handler) AdminPublishOutcome(w http.ResponseWriter, r *http.Request) {
	a, ok := s.adminActivityPost(w, r)
	if !ok {
		return
	}
	l := s.Localizer(r)
	f := core.NewForm(l, r.PostForm)
	f.Required("report")
	f.MaxLen("report", 50000)
	if !f.OK() {
		s.renderAdminRegistrations(w, r, http.StatusUnprocessableEntity, a, settingsForm(core.NewForm(l, nil), a), core.NewForm(l, nil), f)
		return
	}
	if err := s.Store.PublishOutcome(r.Context(), core.Actor(r), a.ID, f.Raw("report")); err != nil {
		s.ServerError(w, r, err)
		return
	}
	if _, err := s.SendOutcomeMails(r.Context(), r); err != nil {
		s.ServerError(w, r, err)
		return
	}
	s.backToRegistrations(w, r, a, "restituzione")
}
