package registrations

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"benicommunity/internal/i18n"
	"benicommunity/internal/registration"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

type manageData struct {
	Opts           registrationFormData
	Registration   store.Registration
	Token          string
	CanCertificate bool
	Flash          string
}

// fromLink checks the personal link of the request; a bad link gets the
// Italian explanation and false.
func (s *Handler) fromLink(w http.ResponseWriter, r *http.Request) (store.Registration, store.RegistrationActivity, bool) {
	l := s.Localizer(r)
	reg, err := s.registrationFromLink(r.Context(), r.PathValue("token"))
	if errors.Is(err, errBadLink) || errors.Is(err, store.ErrNotFound) {
		s.renderRegistrationMessage(w, r, http.StatusGone, l.T("registration.link.invalid_title"), l.T("registration.link.unknown"), "", "")
		return reg, store.RegistrationActivity{}, false
	}
	if err != nil {
		s.ServerError(w, r, err)
		return reg, store.RegistrationActivity{}, false
	}
	a, err := s.regActivityOf(r.Context(), reg)
	if err != nil {
		s.ServerError(w, r, err)
		return reg, a, false
	}
	return reg, a, true
}

func canCertificate(a store.RegistrationActivity, reg store.Registration) bool {
	return reg.Attended && reg.CertificateCode != "" && a.TypeSlug == "formazione"
}

func (s *Handler) renderManage(w http.ResponseWriter, r *http.Request, status int, reg store.Registration, a store.RegistrationActivity, f *core.Form, flash string) {
	l := s.Localizer(r)
	opts, err := s.registrationOptions(r.Context(), l, a, f)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	token := r.PathValue("token")
	opts.Action = "/iscrizioni/gestisci/" + token
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	s.Render(w, r, status, "registration_manage", core.Page{L: l, Title: l.T("registration.manage.title"), Description: l.T("registration.manage.description"),
		Data: manageData{Opts: opts, Registration: reg, Token: token, CanCertificate: canCertificate(a, reg), Flash: flash}})
}

// registrationValues fills the edit form with what is stored.
func registrationValues(l *i18n.Localizer, reg store.Registration) *core.Form {
	f := core.NewForm(l, nil)
	f.Values.Set("name", reg.Name)
	f.Values.Set("email", reg.Email)
	if reg.BodyID != 0 {
		f.Values.Set("body", reg.BodyName)
	}
	f.Values.Set("new_body_name", reg.ProposedBodyName)
	f.Values.Set("new_body_kind", reg.ProposedBodyKind)
	f.Values.Set("new_body_place", reg.ProposedBodyPlace)
	f.Values.Set("role", reg.Role)
	if reg.TableID != 0 {
		f.Values.Set("table", strconv.FormatInt(reg.TableID, 10))
	}
	f.Values.Set("accessibility", reg.Accessibility)
	return f
}

// ManagePage shows a person their registration, with what they may do.
func (s *Handler) ManagePage(w http.ResponseWriter, r *http.Request) {
	reg, a, ok := s.fromLink(w, r)
	if !ok {
		return
	}
	l := s.Localizer(r)
	flash := ""
	if r.URL.Query().Get("salvato") == "1" {
		flash = l.T("registration.manage.saved")
	}
	s.renderManage(w, r, http.StatusOK, reg, a, registrationValues(l, reg), flash)
}

// ManageUpdate corrects the person's details (the e-mail stays: it is who they are).
func (s *Handler) ManageUpdate(w http.ResponseWriter, r *http.Request) {
	reg, a, ok := s.fromLink(w, r)
	if !ok {
		return
	}
	l := s.Localizer(r)
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "registration.error.form")
		return
	}
	f := core.NewForm(l, r.PostForm)
	f.Values.Set("email", reg.Email)
	nr, err := s.readRegistration(r.Context(), f, a, false)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	if !f.OK() {
		s.renderManage(w, r, http.StatusUnprocessableEntity, reg, a, f, "")
		return
	}
	err = s.Store.UpdateRegistration(r.Context(), reg.ID, store.RegistrationChange{Name: nr.Name, BodyID: nr.BodyID, ProposedBodyName: nr.ProposedBodyName,
		ProposedBodyKind: nr.ProposedBodyKind, ProposedBodyPlace: nr.ProposedBodyPlace, Role: nr.Role, TableID: nr.TableID, Accessibility: nr.Accessibility})
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, "/iscrizioni/gestisci/"+r.PathValue("token")+"?salvato=1", http.StatusSeeOther)
}

// ManageCancel cancels the registration; the first person waiting is told.
func (s *Handler) ManageCancel(w http.ResponseWriter, r *http.Request) {
	reg, a, ok := s.fromLink(w, r)
	if !ok {
		return
	}
	l := s.Localizer(r)
	promoted, err := s.Store.CancelRegistration(r.Context(), store.Actor{Email: reg.Email}, reg.ID, time.Now())
	if errors.Is(err, store.ErrLinkUsed) {
		s.renderRegistrationMessage(w, r, http.StatusGone, l.T("registration.link.invalid_title"), l.T("registration.cancel.already"), a.Title, "")
		return
	}
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	s.tellPromoted(r, a, promoted)
	s.renderRegistrationMessage(w, r, http.StatusOK, l.T("registration.cancel.done_title"), l.T("registration.cancel.done"), a.Title, "")
}

// tellPromoted e-mails the person who got a freed seat; a failure is logged,
// the seat stays theirs.
func (s *Handler) tellPromoted(r *http.Request, a store.RegistrationActivity, promoted *store.Registration) {
	if promoted == nil || promoted.Email == "" {
		return
	}
	if err := s.sendSeatMail(r.Context(), s.Localizer(r), r, a, *promoted, true); err != nil {
		s.Log.Error("tell promoted registration", "registration", promoted.ID, "err", err)
	}
}

// ManageDelete cancels and erases the person's data at once.
func (s *Handler) ManageDelete(w http.ResponseWriter, r *http.Request) {
	reg, a, ok := s.fromLink(w, r)
	if !ok {
		return
	}
	l := s.Localizer(r)
	promoted, err := s.Store.DeleteOwnRegistration(r.Context(), reg.ID, time.Now())
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	s.tellPromoted(r, a, promoted)
	s.renderRegistrationMessage(w, r, http.StatusOK, l.T("registration.delete.done_title"), l.T("registration.delete.done"), a.Title, "")
}

// CertificatePDF serves the attendance certificate of a Formazione activity.
func (s *Handler) CertificatePDF(w http.ResponseWriter, r *http.Request) {
	reg, a, ok := s.fromLink(w, r)
	if !ok {
		return
	}
	if !canCertificate(a, reg) {
		s.NotFound(w, r)
		return
	}
	l := s.Localizer(r)
	n, err := s.Store.Network(r.Context())
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	verify := s.publicBase(r) + "/attestati/" + reg.CertificateCode
	pdf, err := registration.CertificatePDF(registration.CertificateText{
		Network: n.Name, Heading: l.T("registration.certificate.heading"), Intro: l.T("registration.certificate.intro"),
		Name: reg.Name, Body: l.T("registration.certificate.body"), Activity: a.Title, When: certificateWhen(l, a),
		Code: l.T("registration.certificate.code", "Code", reg.CertificateCode), VerifyAt: l.T("registration.certificate.verify", "URL", verify),
	})
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+registration.CertificateFilename(reg.CertificateCode)+`"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Write(pdf)
}

// certificateWhen states the date and, when known, the hours.
func certificateWhen(l *i18n.Localizer, a store.RegistrationActivity) string {
	if h := a.Hours(); h > 0 {
		hours := strings.TrimSuffix(strings.TrimSuffix(strconv.FormatFloat(h, 'f', 1, 64), "0"), ".")
		hours = strings.ReplaceAll(hours, ".", ",")
		// The plural form follows the hours as written: "1 ora", but
		// "1,5 ore" (a decimal takes the plural in Italian and English).
		form := 2
		if hours == "1" {
			form = 1
		}
		return l.N("registration.certificate.when_hours", form, "Date", l.Date(a.StartsOn), "Start", a.StartTime, "End", a.EndTime, "Hours", hours)
	}
	return l.T("registration.certificate.when", "Date", l.Date(a.StartsOn))
}

type verifyData struct {
	Certificate store.Certificate
	When        string
	Found       bool
}

// VerifyCertificate lets anyone check a code printed on a certificate.
func (s *Handler) VerifyCertificate(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	c, err := s.Store.CertificateByCode(r.Context(), r.PathValue("code"))
	if errors.Is(err, store.ErrNotFound) {
		s.Render(w, r, http.StatusNotFound, "registration_certificate", core.Page{L: l, Title: l.T("registration.verify.title"), Data: verifyData{}})
		return
	}
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	s.Render(w, r, http.StatusOK, "registration_certificate", core.Page{L: l, Title: l.T("registration.verify.title"),
		Data: verifyData{Certificate: c, When: certificateWhen(l, c.Activity), Found: true}})
}
