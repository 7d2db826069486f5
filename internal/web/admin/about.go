package admin

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

// partnerRow is one line of the partners in the about form.
type partnerRow struct {
	Index               int
	Name, URL           string
	NameError, URLError string
}

type aboutFormData struct {
	Form     *core.Form
	Partners []partnerRow
}

func (s *Handler) renderAbout(w http.ResponseWriter, r *http.Request, status int, f *core.Form, rows []partnerRow, flash string) {
	l := s.Localizer(r)
	// One empty line is always there to add a partner.
	rows = append(rows, partnerRow{})
	for i := range rows {
		rows[i].Index = i
	}
	w.Header().Set("Cache-Control", "no-store")
	s.Render(w, r, status, "admin_about", core.Page{L: l, Title: l.T("outreach.admin.about.title"), Flash: flash,
		Data: aboutFormData{Form: f, Partners: rows}})
}

// AboutForm shows "Chi siamo" and the contacts, ready to edit.
func (s *Handler) AboutForm(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	a, err := s.Store.About(r.Context())
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	f := core.NewForm(l, url.Values{"body": {a.BodyMarkdown}, "contact_email": {a.ContactEmail}, "contact_office": {a.ContactOffice},
		"controller_name": {a.ControllerName}, "controller_contact": {a.ControllerContact}})
	var rows []partnerRow
	for _, p := range a.Partners {
		rows = append(rows, partnerRow{Name: p.Name, URL: p.URL})
	}
	flash := ""
	if r.URL.Query().Get("fatto") != "" {
		flash = l.T("admin.saved")
	}
	s.renderAbout(w, r, http.StatusOK, f, rows, flash)
}

// readPartners reads the repeated partner lines; lines left empty are
// dropped, a link without a name or a link that is not a web address fails.
func readPartners(f *core.Form) ([]store.Partner, []partnerRow) {
	names, urls := f.Values["partner_name"], f.Values["partner_url"]
	var (
		out  []store.Partner
		rows []partnerRow
	)
	for i := 0; i < max(len(names), len(urls)); i++ {
		var row partnerRow
		if i < len(names) {
			row.Name = strings.TrimSpace(names[i])
		}
		if i < len(urls) {
			row.URL = strings.TrimSpace(urls[i])
		}
		if row.Name == "" && row.URL == "" {
			continue
		}
		n := strconv.Itoa(len(rows))
		if row.Name == "" {
			row.NameError = f.L.T("outreach.admin.about.error.partner_name")
			f.Fail("partner_name-"+n, "outreach.admin.about.error.partner_name")
		}
		if len([]rune(row.Name)) > 200 {
			row.NameError = f.L.T("admin.error.too_long", "Max", 200)
			f.Fail("partner_name-"+n, "admin.error.too_long", "Max", 200)
		}
		if row.URL != "" {
			if u, err := url.Parse(row.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				row.URLError = f.L.T("outreach.admin.about.error.partner_url")
				f.Fail("partner_url-"+n, "outreach.admin.about.error.partner_url")
			}
		}
		rows = append(rows, row)
		out = append(out, store.Partner{Name: row.Name, URL: row.URL})
	}
	return out, rows
}

// UpdateAbout saves "Chi siamo", the partners and the contacts (audited by
// the store); "add a line" only shows the form again with one more line.
func (s *Handler) UpdateAbout(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "auth.error.form")
		return
	}
	f := core.NewForm(l, r.PostForm)
	partners, rows := readPartners(f)
	if f.Get("add_row") != "" {
		f.Errors = map[string]string{} // not saving: nothing to complain about yet
		for i := range rows {
			rows[i].NameError, rows[i].URLError = "", ""
		}
		s.renderAbout(w, r, http.StatusOK, f, rows, "")
		return
	}
	a := store.About{BodyMarkdown: f.Raw("body"), ContactEmail: f.Get("contact_email"), ContactOffice: f.Get("contact_office"),
		ControllerName: f.Get("controller_name"), ControllerContact: f.Get("controller_contact"), Partners: partners}
	f.MaxLen("body", 20000)
	f.MaxLen("contact_office", 500)
	f.MaxLen("controller_name", 200)
	f.MaxLen("controller_contact", 500)
	if a.ContactEmail != "" && !core.ValidEmail(a.ContactEmail) {
		f.Fail("contact_email", "outreach.admin.about.error.email")
	}
	if f.OK() {
		if err := a.Check(); err != nil {
			f.Fail("contact_email", "outreach.admin.about.error.email")
		}
	}
	if !f.OK() {
		s.renderAbout(w, r, http.StatusUnprocessableEntity, f, rows, "")
		return
	}
	err := s.Store.UpdateAbout(r.Context(), core.Actor(r), a, time.Now())
	if errors.Is(err, store.ErrAboutInvalid) {
		f.Fail("contact_email", "outreach.admin.about.error.email")
		s.renderAbout(w, r, http.StatusUnprocessableEntity, f, rows, "")
		return
	}
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/chi-siamo?fatto=1", http.StatusSeeOther)
}
