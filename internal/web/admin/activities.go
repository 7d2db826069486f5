package admin

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

type adminActivitiesData struct {
	Rows     []store.AdminActivityRow
	Pager    core.Pager
	List     core.ListState
	Statuses []domain.Status
}

// Activities lists activities of every status: searchable, sortable, paged.
func (s *Handler) Activities(w http.ResponseWriter, r *http.Request) {
	ls, ok := s.ReadList(w, r, []string{"date", "title", "type", "status"}, "date")
	if !ok {
		return
	}
	status := domain.Status(r.URL.Query().Get("stato"))
	if status != "" && status != domain.StatusDraft && status != domain.StatusPublished && status != domain.StatusCancelled {
		s.BadRequest(w, r, "admin.error.bad_list")
		return
	}
	if r.URL.Query().Get("ordina") == "" {
		ls.Desc = true // newest first by default
	}
	rows, ok := core.FetchList(s.Site, w, r, &ls, func() ([]store.AdminActivityRow, int, error) {
		return s.Store.AdminActivities(r.Context(), store.AdminActivityFilter{Query: ls.Query, Status: status, Sort: ls.Sort, Desc: ls.Desc, Limit: ls.Pager.Size, Offset: ls.Pager.Offset()})
	})
	if !ok {
		return
	}
	l := s.Localizer(r)
	p := core.Page{L: l, Title: l.T("admin.activities.title"), Data: adminActivitiesData{Rows: rows, Pager: ls.Pager, List: ls,
		Statuses: []domain.Status{domain.StatusDraft, domain.StatusPublished, domain.StatusCancelled}}}
	if r.URL.Query().Get("eliminata") != "" {
		p.Flash = l.T("admin.activity.deleted")
	}
	s.Render(w, r, http.StatusOK, "admin_activities", p)
}

// activityFormData is what the activity form shows.
type activityFormData struct {
	Form           *core.Form
	ID             int64 // 0 for a new activity
	Status         domain.Status
	Slug           string
	Types          []core.Option
	Communities    []core.Option
	Formats        []core.Option
	Bodies         []core.Option
	PartRoles      []core.Option
	PersonRoles    []domain.PersonRole
	Tables         []tableRow
	Participations []partRow
	Attachments    []store.AttachmentInfo
	TrainingLinks  []domain.TrainingLink
	// FocusPart and FocusTable are the index of the row that takes the
	// focus after rows were added without saving, or -1.
	FocusPart, FocusTable int
	MoreRows              int // how many rows the "add rows" buttons add
}

// formGrowth says which section of the activity form the "add rows" buttons
// grew, so the new empty rows replace the usual ones and the first takes the focus.
type formGrowth struct {
	Parts, Tables bool
}

type tableRow struct {
	Index                 int
	Title, Theme, Outcome string
	Error                 string
}

type partRow struct {
	Index       int
	Body, Role  string
	Note, Error string
}

// blankRows is how many empty rows of tables and participations the form
// offers, so more can be added without JavaScript (save and come back for more).
const blankRows = 3

func (s *Handler) activityFormData(r *http.Request, f *core.Form, id int64, grow formGrowth) (activityFormData, error) {
	ctx := r.Context()
	l := s.Localizer(r)
	d := activityFormData{Form: f, ID: id, PersonRoles: domain.PersonRoles, FocusPart: -1, FocusTable: -1, MoreRows: moreRows}
	types, err := s.Store.ActivityTypes(ctx)
	if err != nil {
		return d, err
	}
	d.Types = idOptions(l.T("admin.form.choose"), types, func(t domain.ActivityType) (int64, string) { return t.ID, t.Name })
	communities, err := s.Store.Communities(ctx)
	if err != nil {
		return d, err
	}
	d.Communities = idOptions(l.T("admin.activity.no_community"), communities, func(c domain.Community) (int64, string) { return c.ID, c.Name })
	for _, fm := range domain.Formats {
		d.Formats = append(d.Formats, core.Option{Value: string(fm), Label: l.T("format." + string(fm))})
	}
	bodies, err := s.Store.AllBodyRefs(ctx)
	if err != nil {
		return d, err
	}
	d.Bodies = idOptions(l.T("admin.activity.no_body"), bodies, func(b domain.BodyRef) (int64, string) { return b.ID, b.Name })
	for _, pr := range domain.ParticipationRoles {
		d.PartRoles = append(d.PartRoles, core.Option{Value: string(pr), Label: l.T("role." + string(pr))})
	}
	titles, themes, outcomes := f.Values["table_title"], f.Values["table_theme"], f.Values["table_outcome"]
	n := max(len(titles), len(themes), len(outcomes))
	blank := blankRows
	if grow.Tables {
		blank, d.FocusTable = moreRows, n
	}
	for i := 0; i < n+blank; i++ {
		d.Tables = append(d.Tables, tableRow{Index: i, Title: at(titles, i), Theme: at(themes, i), Outcome: at(outcomes, i), Error: f.Err("table." + strconv.Itoa(i))})
	}
	pb, pr, pn := f.Values["part_body"], f.Values["part_role"], f.Values["part_note"]
	n = max(len(pb), len(pr), len(pn))
	blank = blankRows
	if grow.Parts {
		blank, d.FocusPart = moreRows, n
	}
	for i := 0; i < n+blank; i++ {
		d.Participations = append(d.Participations, partRow{Index: i, Body: at(pb, i), Role: at(pr, i), Note: at(pn, i), Error: f.Err("part." + strconv.Itoa(i))})
	}
	if id != 0 {
		if d.Attachments, err = s.Store.Attachments(ctx, id); err != nil {
			return d, err
		}
		training, err := s.Store.TrainingOf(ctx, []int64{id})
		if err != nil {
			return d, err
		}
		d.TrainingLinks = training[id].Links
	}
	return d, nil
}

func at(list []string, i int) string {
	if i < len(list) {
		return list[i]
	}
	return ""
}

// activityValues fills a form from a stored activity.
func activityValues(d store.ActivityDetail) url.Values {
	in := store.ActivityInputOf(d)
	v := url.Values{}
	v.Set("title", in.Title)
	v.Set("slug", in.Slug)
	v.Set("type", strconv.FormatInt(in.TypeID, 10))
	if in.CommunityID != nil {
		v.Set("community", strconv.FormatInt(*in.CommunityID, 10))
	}
	if in.IsStage {
		v.Set("is_stage", "1")
	}
	v.Set("starts_on", in.StartsOn.Format("2006-01-02"))
	v.Set("start_time", in.StartTime)
	v.Set("end_time", in.EndTime)
	v.Set("format", string(in.Format))
	v.Set("venue", in.Venue)
	v.Set("online_note", in.OnlineNote)
	v.Set("headline", in.Headline)
	v.Set("summary", in.Summary)
	v.Set("description", in.Description)
	if in.OutcomeShared {
		v.Set("outcome_shared", "1")
	}
	v.Set("outcome_report", in.OutcomeReport)
	if in.Declared.People != nil {
		v.Set("people", strconv.Itoa(*in.Declared.People))
	}
	if in.Declared.PeopleApprox {
		v.Set("people_approx", "1")
	}
	if in.Declared.Bodies != nil {
		v.Set("bodies", strconv.Itoa(*in.Declared.Bodies))
	}
	if in.Declared.BodiesApprox {
		v.Set("bodies_approx", "1")
	}
	v.Set("themes", strings.Join(in.Themes, "\n"))
	for _, t := range in.Tables {
		v.Add("table_title", t.Title)
		v.Add("table_theme", t.Theme)
		v.Add("table_outcome", t.Outcome)
	}
	for _, r := range in.Roles {
		v.Set("role_"+string(r.Role), "1")
		if r.People != nil {
			v.Set("role_people_"+string(r.Role), strconv.Itoa(*r.People))
		}
	}
	for _, p := range in.Participations {
		v.Add("part_body", strconv.FormatInt(p.BodyID, 10))
		v.Add("part_role", string(p.Role))
		v.Add("part_note", p.Note)
	}
	return v
}

// readActivity validates the posted form; problems are recorded on f.
func (s *Handler) readActivity(r *http.Request, f *core.Form) store.ActivityInput {
	var in store.ActivityInput
	readActivityIdentity(f, &in)
	readActivitySchedule(f, &in)
	readActivityPlace(f, &in)
	readActivityTexts(f, &in)
	readActivityThemes(f, &in)
	readActivityTables(f, &in)
	readActivityRoles(f, &in)
	readActivityParticipations(f, &in)
	return in
}

// readActivityIdentity reads the title, slug, type, community and stage flag.
func readActivityIdentity(f *core.Form, in *store.ActivityInput) {
	in.Title = f.Required("title")
	f.MaxLen("title", 200)
	in.Slug = f.Get("slug")
	if in.Slug == "" && in.Title != "" {
		in.Slug = store.Slugify(in.Title)
	}
	if in.Slug != "" && store.Slugify(in.Slug) != in.Slug {
		f.Fail("slug", "admin.error.slug")
	}
	if id, err := strconv.ParseInt(f.Get("type"), 10, 64); err == nil && id > 0 {
		in.TypeID = id
	} else {
		f.Fail("type", "admin.activity.error.type")
	}
	if v := f.Get("community"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			f.Fail("community", "admin.activity.error.community")
		} else {
			in.CommunityID = &id
		}
	}
	in.IsStage = f.Bool("is_stage")
	if in.IsStage && in.CommunityID == nil {
		f.Fail("community", "admin.activity.error.stage_needs_community")
	}
}

// readActivitySchedule reads the day and the optional start and end times.
func readActivitySchedule(f *core.Form, in *store.ActivityInput) {
	if d := f.Date("starts_on", true); d != nil {
		in.StartsOn = *d
	}
	in.StartTime, in.EndTime = f.Clock("start_time"), f.Clock("end_time")
	if in.EndTime != "" && in.StartTime == "" {
		f.Fail("start_time", "admin.activity.error.end_without_start")
	}
	if in.StartTime != "" && in.EndTime != "" && in.EndTime <= in.StartTime {
		f.Fail("end_time", "admin.activity.error.end_before_start")
	}
}

// readActivityPlace reads the format, the venue and the online link.
func readActivityPlace(f *core.Form, in *store.ActivityInput) {
	in.Format = domain.Format(f.Get("format"))
	if !in.Format.Valid() {
		f.Fail("format", "admin.activity.error.format")
	}
	in.Venue, in.OnlineNote = f.Get("venue"), f.Get("online_note")
	in.OnlineLink = f.Get("online_link")
	if in.OnlineLink != "" {
		u, err := url.Parse(in.OnlineLink)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			f.Fail("online_link", "registration.error.link")
		}
	}
	f.MaxLen("online_link", 500)
	if in.Format != domain.FormatOnline && in.Format.Valid() && in.Venue == "" {
		f.Fail("venue", "admin.activity.error.venue")
	}
}

// readActivityTexts reads the texts, the outcome report and the declared
// participation figures.
func readActivityTexts(f *core.Form, in *store.ActivityInput) {
	in.Headline, in.Summary = f.Get("headline"), f.Get("summary")
	f.MaxLen("headline", 300)
	f.MaxLen("summary", 1000)
	in.Description, in.OutcomeReport = f.Raw("description"), f.Raw("outcome_report")
	f.MaxLen("description", 50000)
	f.MaxLen("outcome_report", 50000)
	in.OutcomeShared = f.Bool("outcome_shared")
	in.Declared.People, in.Declared.PeopleApprox = f.OptionalInt("people"), f.Bool("people_approx")
	in.Declared.Bodies, in.Declared.BodiesApprox = f.OptionalInt("bodies"), f.Bool("bodies_approx")
}

// readActivityThemes reads the themes, one a line.
func readActivityThemes(f *core.Form, in *store.ActivityInput) {
	for _, line := range strings.Split(f.Raw("themes"), "\n") {
		if t := strings.TrimSpace(line); t != "" {
			if len([]rune(t)) > 120 {
				f.Fail("themes", "admin.error.too_long", "Max", 120)
			}
			in.Themes = append(in.Themes, t)
		}
	}
}

// readActivityTables reads the discussion tables; rows left empty are skipped.
func readActivityTables(f *core.Form, in *store.ActivityInput) {
	titles, themes, outcomes := f.Values["table_title"], f.Values["table_theme"], f.Values["table_outcome"]
	for i := 0; i < max(len(titles), len(themes), len(outcomes)); i++ {
		t := store.TableInput{Title: strings.TrimSpace(at(titles, i)), Theme: strings.TrimSpace(at(themes, i)), Outcome: at(outcomes, i)}
		if t.Title == "" && t.Theme == "" && strings.TrimSpace(t.Outcome) == "" {
			continue
		}
		if t.Title == "" {
			f.Fail("table."+strconv.Itoa(i), "admin.activity.error.table_title")
			continue
		}
		in.Tables = append(in.Tables, t)
	}
}

// readActivityRoles reads the declared roles of people, with their optional counts.
func readActivityRoles(f *core.Form, in *store.ActivityInput) {
	for _, role := range domain.PersonRoles {
		key := "role_people_" + string(role)
		people := f.OptionalInt(key)
		if f.Bool("role_"+string(role)) || people != nil {
			in.Roles = append(in.Roles, domain.DeclaredRole{Role: role, People: people})
		}
	}
}

// readActivityParticipations reads the participating bodies; rows left empty
// are skipped and a body may hold each role once.
func readActivityParticipations(f *core.Form, in *store.ActivityInput) {
	pb, pr, pn := f.Values["part_body"], f.Values["part_role"], f.Values["part_note"]
	seen := map[string]bool{}
	for i := 0; i < max(len(pb), len(pr), len(pn)); i++ {
		body, role, note := strings.TrimSpace(at(pb, i)), strings.TrimSpace(at(pr, i)), strings.TrimSpace(at(pn, i))
		if body == "" && note == "" {
			continue
		}
		key := "part." + strconv.Itoa(i)
		id, err := strconv.ParseInt(body, 10, 64)
		if err != nil {
			f.Fail(key, "admin.activity.error.part_body")
			continue
		}
		if !domain.ParticipationRole(role).Valid() {
			f.Fail(key, "admin.activity.error.part_role")
			continue
		}
		if seen[body+"/"+role] {
			f.Fail(key, "admin.activity.error.part_twice")
			continue
		}
		seen[body+"/"+role] = true
		in.Participations = append(in.Participations, store.ParticipationInput{BodyID: id, Role: domain.ParticipationRole(role), Note: note})
	}
}

func (s *Handler) renderActivityForm(w http.ResponseWriter, r *http.Request, status int, f *core.Form, id int64, st domain.Status, slug string) {
	s.renderGrownActivityForm(w, r, status, f, id, st, slug, formGrowth{}, "")
}

func (s *Handler) renderGrownActivityForm(w http.ResponseWriter, r *http.Request, status int, f *core.Form, id int64, st domain.Status, slug string, grow formGrowth, flash string) {
	d, err := s.activityFormData(r, f, id, grow)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	d.Status, d.Slug = st, slug
	l := s.Localizer(r)
	title := l.T("admin.activity.new_title")
	if id != 0 {
		title = l.T("admin.activity.edit_title")
	}
	p := core.Page{L: l, Title: title, Data: d, Flash: flash}
	switch r.URL.Query().Get("fatto") {
	case "salvata":
		p.Flash = l.T("admin.activity.saved")
	case "stato":
		p.Flash = l.T("admin.activity.status_changed")
	}
	s.Render(w, r, status, "admin_activity", p)
}

func (s *Handler) NewActivityForm(w http.ResponseWriter, r *http.Request) {
	f := core.NewForm(s.Localizer(r), url.Values{"format": {string(domain.FormatOnline)}})
	s.renderActivityForm(w, r, http.StatusOK, f, 0, domain.StatusDraft, "")
}

// idOptions makes the choices of a select of records by id, after a first
// choice with an empty value that stands for "none" or "choose".
func idOptions[T any](blank string, rows []T, idName func(T) (int64, string)) []core.Option {
	opts := []core.Option{{Value: "", Label: blank}}
	for _, row := range rows {
		id, name := idName(row)
		opts = append(opts, core.Option{Value: strconv.FormatInt(id, 10), Label: name})
	}
	return opts
}

// writeError turns a store error on save into a message on the form, or
// reports false when it is not the person's to fix.
func writeError(f *core.Form, err error) bool {
	switch {
	case errors.Is(err, store.ErrConflict):
		f.Fail("slug", "admin.error.slug_taken")
	case errors.Is(err, store.ErrInUse):
		f.Fail("type", "admin.activity.error.reference")
	default:
		return false
	}
	return true
}

func (s *Handler) CreateActivity(w http.ResponseWriter, r *http.Request) {
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "auth.error.form")
		return
	}
	f := core.NewForm(s.Localizer(r), r.PostForm)
	if s.growActivityForm(w, r, f, 0, domain.StatusDraft, "") {
		return
	}
	in := s.readActivity(r, f)
	if f.OK() {
		id, err := s.Store.CreateActivity(r.Context(), core.Actor(r), in)
		if err == nil {
			http.Redirect(w, r, "/admin/attivita/"+strconv.FormatInt(id, 10)+"?fatto=salvata", http.StatusSeeOther)
			return
		}
		if !writeError(f, err) {
			s.ServerError(w, r, err)
			return
		}
	}
	s.renderActivityForm(w, r, http.StatusUnprocessableEntity, f, 0, domain.StatusDraft, "")
}

// activityID reads {id} from the path and loads the activity.
func (s *Handler) activityByPath(w http.ResponseWriter, r *http.Request) (store.ActivityDetail, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.NotFound(w, r)
		return store.ActivityDetail{}, false
	}
	d, err := s.Store.ActivityDetailByID(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.NotFound(w, r)
		return d, false
	}
	if err != nil {
		s.ServerError(w, r, err)
		return d, false
	}
	return d, true
}

func (s *Handler) EditActivityForm(w http.ResponseWriter, r *http.Request) {
	d, ok := s.activityByPath(w, r)
	if !ok {
		return
	}
	v := activityValues(d)
	link, err := s.Store.ActivityOnlineLink(r.Context(), d.ID)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	v.Set("online_link", link)
	f := core.NewForm(s.Localizer(r), v)
	s.renderActivityForm(w, r, http.StatusOK, f, d.ID, d.Status, d.Slug)
}

func (s *Handler) UpdateActivity(w http.ResponseWriter, r *http.Request) {
	d, ok := s.activityByPath(w, r)
	if !ok {
		return
	}
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "auth.error.form")
		return
	}
	f := core.NewForm(s.Localizer(r), r.PostForm)
	if s.growActivityForm(w, r, f, d.ID, d.Status, d.Slug) {
		return
	}
	in := s.readActivity(r, f)
	if f.OK() {
		err := s.Store.UpdateActivity(r.Context(), core.Actor(r), d.ID, in)
		if err == nil {
			if in.OutcomeShared && strings.TrimSpace(in.OutcomeReport) != "" {
				s.mailOutcomes(r)
			}
			http.Redirect(w, r, "/admin/attivita/"+strconv.FormatInt(d.ID, 10)+"?fatto=salvata", http.StatusSeeOther)
			return
		}
		if !writeError(f, err) {
			s.ServerError(w, r, err)
			return
		}
	}
	s.renderActivityForm(w, r, http.StatusUnprocessableEntity, f, d.ID, d.Status, d.Slug)
}

// SetActivityStatus returns a handler for publish, unpublish and cancel.
func (s *Handler) SetActivityStatus(status domain.Status, action string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		d, ok := s.activityByPath(w, r)
		if !ok {
			return
		}
		if err := s.Store.SetActivityStatus(r.Context(), core.Actor(r), d.ID, status, action); err != nil {
			s.ServerError(w, r, err)
			return
		}
		if status == domain.StatusPublished && d.OutcomeShared && strings.TrimSpace(d.OutcomeReport) != "" {
			s.mailOutcomes(r) // only published activities' reports are sent
		}
		http.Redirect(w, r, "/admin/attivita/"+strconv.FormatInt(d.ID, 10)+"?fatto=stato", http.StatusSeeOther)
	}
}

// DeleteActivityForm asks for confirmation: deleting cannot be undone.
func (s *Handler) DeleteActivityForm(w http.ResponseWriter, r *http.Request) {
	d, ok := s.activityByPath(w, r)
	if !ok {
		return
	}
	l := s.Localizer(r)
	s.Render(w, r, http.StatusOK, "admin_activity_delete", core.Page{L: l, Title: l.T("admin.activity.delete_title"), Data: d})
}

func (s *Handler) DeleteActivity(w http.ResponseWriter, r *http.Request) {
	d, ok := s.activityByPath(w, r)
	if !ok {
		return
	}
	if err := core.ParseForm(w, r); err != nil || r.PostForm.Get("conferma") != "1" {
		l := s.Localizer(r)
		s.Render(w, r, http.StatusUnprocessableEntity, "admin_activity_delete", core.Page{L: l, Title: l.T("admin.activity.delete_title"), Flash: "", Data: d})
		return
	}
	if err := s.Store.DeleteActivity(r.Context(), core.Actor(r), d.ID); err != nil {
		s.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/attivita?eliminata=1", http.StatusSeeOther)
}

// MarkdownPreview renders posted Markdown with the same renderer and
// sanitiser as the public pages, for the live preview of the forms.
func (s *Handler) MarkdownPreview(w http.ResponseWriter, r *http.Request) {
	if err := core.ParseForm(w, r); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	html, err := s.Markdown.Render(r.PostForm.Get("text"))
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write([]byte(html))
}

// mailOutcomes sends the shared outcome reports still owed to attendees, as
// the registrations page does: each attendee gets a report once (the e-mails
// are claimed in the database). The activity is already saved, so a failure is
// logged, not shown: the claim is given back and the registration jobs retry.
func (s *Handler) mailOutcomes(r *http.Request) {
	if n, err := s.sendOutcomes(r.Context(), r); err != nil {
		s.Log.Error("e-mail outcome reports after saving an activity", "err", err, "sent", n)
	}
}
