package outreach

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
	"benicommunity/internal/i18n"
	"benicommunity/internal/istat"
	"benicommunity/internal/mail"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

// honeypot is a field people never see; a form that fills it is a robot's.
const honeypot = "sito_web"

var (
	istatCodePattern = regexp.MustCompile(`^[0-9]{6}$`)
	// comuneWithProvince is "Castro (LE)", what a person types to tell
	// apart comuni with the same name.
	comuneWithProvince = regexp.MustCompile(`^(.+?)\s*\(([A-Za-z]{2})\)$`)
)

type joinFormData struct {
	Form        *core.Form
	Kinds       []core.Option
	Regulations []core.Option
	ComuniHref  string
	Honeypot    string
}

func (s *Handler) renderJoinForm(w http.ResponseWriter, r *http.Request, status int, f *core.Form) {
	l := s.Localizer(r)
	d := joinFormData{Form: f, Honeypot: honeypot,
		ComuniHref: "/enti/comuni?" + url.Values{"q": {f.Get("comune")}}.Encode()}
	d.Kinds = append(d.Kinds, core.Option{Value: "", Label: l.T("outreach.join.choose")})
	for _, k := range domain.BodyKinds {
		if k != domain.KindComune {
			d.Kinds = append(d.Kinds, core.Option{Value: string(k), Label: l.T("kind." + string(k))})
		}
	}
	for _, a := range []domain.RegulationAnswer{domain.AnswerUnknown, domain.AnswerYes, domain.AnswerNo} {
		d.Regulations = append(d.Regulations, core.Option{Value: string(a), Label: l.T("outreach.join.regulation." + string(a))})
	}
	w.Header().Set("Cache-Control", "no-store")
	s.Render(w, r, status, "outreach_join", core.Page{L: l, Title: l.T("outreach.join.title"), Description: l.T("outreach.join.description"), Data: d})
}

// JoinForm shows the request form.
func (s *Handler) JoinForm(w http.ResponseWriter, r *http.Request) {
	f := core.NewForm(s.Localizer(r), nil)
	if q := strings.TrimSpace(r.URL.Query().Get("comune")); q != "" && len(q) <= 80 {
		f.Values.Set("comune", q) // back from the search of the registry
	}
	s.renderJoinForm(w, r, http.StatusOK, f)
}

// resolveComune finds the Comune a person named: by the code the type-ahead
// filled in (when it still matches the name), by a 6-digit code, by
// "Name (XX)", or by a name only one Comune has.
func resolveComune(reg *istat.Registry, typed, code string) (istat.Comune, bool) {
	if c, ok := reg.ByCode(strings.TrimSpace(code)); ok {
		if strings.EqualFold(c.Name, typed) {
			return c, true
		}
		if m := comuneWithProvince.FindStringSubmatch(typed); m != nil && strings.EqualFold(c.Name, m[1]) && strings.EqualFold(c.ProvinceSigla, m[2]) {
			return c, true
		}
	}
	if istatCodePattern.MatchString(typed) {
		return reg.ByCode(typed)
	}
	if m := comuneWithProvince.FindStringSubmatch(typed); m != nil {
		return reg.Find(m[1], strings.ToUpper(m[2]))
	}
	return reg.Find(typed, "")
}

// readJoin validates the form into a request; the body comes either from
// the ISTAT registry (a Comune) or by name with its kind and place.
func (s *Handler) readJoin(f *core.Form) store.NewJoinRequest {
	now := time.Now()
	nr := store.NewJoinRequest{ConsentVersion: privacyVersion, ConsentAt: now, ConfirmExpires: now.Add(confirmLifetime)}
	comune, other := f.Get("comune"), f.Get("body_name")
	f.MaxLen("comune", 80)
	f.MaxLen("body_name", 200)
	f.MaxLen("body_place", 200)
	switch {
	case comune != "" && other != "":
		f.Fail("comune", "outreach.join.error.both")
	case comune != "":
		c, ok := resolveComune(s.istat, comune, f.Get("istat_code"))
		if !ok {
			f.Fail("comune", "outreach.join.error.comune", "Name", comune)
			break
		}
		b := store.BodyFromComune(c)
		nr.ISTATCode, nr.BodyName, nr.BodyKind, nr.BodyPlace = c.Code, b.Name, b.Kind, c.Name+" ("+c.ProvinceSigla+")"
		f.Values.Set("istat_code", c.Code)
	case other != "":
		nr.BodyName = other
		nr.BodyKind = domain.BodyKind(f.Get("body_kind"))
		if !nr.BodyKind.Valid() || nr.BodyKind == domain.KindComune {
			f.Fail("body_kind", "outreach.join.error.kind")
		}
		nr.BodyPlace = f.Required("body_place")
	default:
		f.Fail("comune", "outreach.join.error.body")
	}
	nr.RequesterName = f.Required("name")
	f.MaxLen("name", 200)
	nr.Email = store.NormalizeEmail(f.Required("email"))
	if nr.Email != "" && !core.ValidEmail(nr.Email) {
		f.Fail("email", "outreach.error.email")
	}
	nr.RequesterRole = f.Required("role")
	f.MaxLen("role", 200)
	nr.HasRegulation = domain.RegulationAnswer(f.Get("regulation"))
	if !nr.HasRegulation.Valid() {
		f.Fail("regulation", "outreach.join.error.regulation")
	}
	nr.RegulationURL = f.Get("regulation_url")
	if u, err := url.Parse(nr.RegulationURL); nr.RegulationURL != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
		f.Fail("regulation_url", "outreach.join.error.url")
	}
	f.MaxLen("regulation_url", 500)
	nr.Message = f.Get("message")
	f.MaxLen("message", 4000)
	if !f.Bool("consent") {
		f.Fail("consent", "outreach.error.consent")
	}
	return nr
}

// Join checks the request, refuses it when too many came from the same
// client or address, tells a body already in the network whom to contact,
// and otherwise records it and e-mails the confirmation link.
func (s *Handler) Join(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "outreach.error.form")
		return
	}
	f := core.NewForm(l, r.PostForm)
	if f.Get(honeypot) != "" {
		http.Redirect(w, r, "/aderisci/inviata", http.StatusSeeOther)
		return
	}
	nr := s.readJoin(f)
	if !f.OK() {
		s.renderJoinForm(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	ctx := r.Context()
	nr.ClientHash = store.HashClientAddress(clientAddress(r))
	n, err := s.Store.CountRecentJoinRequests(ctx, nr.Email, nr.ClientHash, time.Now().Add(-time.Hour))
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	if n >= s.joinLimit {
		w.Header().Set("Retry-After", "3600")
		s.renderMessage(w, r, http.StatusTooManyRequests, messageData{Heading: l.T("outreach.join.limit.title"), Text: l.T("outreach.join.limit.text")})
		return
	}
	found, err := s.Store.LookupJoinBody(ctx, nr.ISTATCode, nr.BodyName)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	if found.Member {
		s.renderMember(w, r, l, found)
		return
	}
	token, hash := auth.NewToken()
	nr.ConfirmHash = hash
	if _, err := s.Store.CreateJoinRequest(ctx, nr, time.Now()); err != nil {
		s.ServerError(w, r, err)
		return
	}
	// A message that cannot leave leaves an unconfirmed request, which is
	// erased when its link expires.
	link := s.base(r) + "/aderisci/conferma/" + token
	if err := s.sendMail(ctx, mail.Message{To: nr.Email, Subject: l.T("outreach.mail.join_confirm.subject"),
		Text: l.T("outreach.mail.join_confirm.text", "Name", nr.RequesterName, "Body", nr.BodyName, "Link", link, "Days", int(confirmLifetime.Hours()/24))}); err != nil {
		s.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, "/aderisci/inviata", http.StatusSeeOther)
}

// renderMember tells that the body is already in the network and whom to ask.
func (s *Handler) renderMember(w http.ResponseWriter, r *http.Request, l *i18n.Localizer, found store.JoinLookup) {
	text := l.T("outreach.join.member.no_contact", "Body", found.Body.Name)
	if found.ContactOffice != "" {
		text = l.T("outreach.join.member.contact", "Body", found.Body.Name, "Contact", found.ContactOffice)
	}
	s.renderMessage(w, r, http.StatusOK, messageData{Heading: l.T("outreach.join.member.title"), Text: text,
		LinkHref: "/enti/" + found.Body.Slug, LinkText: l.T("outreach.join.member.link", "Body", found.Body.Name)})
}

// JoinSent says the confirmation e-mail is on its way.
func (s *Handler) JoinSent(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	s.renderMessage(w, r, http.StatusOK, messageData{Heading: l.T("outreach.join.sent.title"), Text: l.T("outreach.join.sent.text", "Days", int(confirmLifetime.Hours()/24))})
}

// linkError is the message of a refused e-mail link, "" when err is not one.
func linkError(err error) string {
	switch {
	case errors.Is(err, store.ErrLinkUnknown):
		return "outreach.link.unknown"
	case errors.Is(err, store.ErrLinkExpired):
		return "outreach.link.expired"
	case errors.Is(err, store.ErrLinkUsed):
		return "outreach.link.used"
	}
	return ""
}

// JoinConfirmPage shows a button that confirms: mail scanners that open
// links confirm nothing on their own.
func (s *Handler) JoinConfirmPage(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	s.renderMessage(w, r, http.StatusOK, messageData{Heading: l.T("outreach.join.confirm.title"), Text: l.T("outreach.join.confirm.text"),
		Action: "/aderisci/conferma/" + r.PathValue("token"), Button: l.T("outreach.join.confirm.button")})
}

// JoinConfirm spends the confirmation link: the request goes to the coordinators.
func (s *Handler) JoinConfirm(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	req, err := s.Store.ConfirmJoinRequest(r.Context(), auth.HashToken(r.PathValue("token")), time.Now())
	if msg := linkError(err); msg != "" {
		s.renderMessage(w, r, http.StatusGone, messageData{Heading: l.T("outreach.link.invalid_title"), Text: l.T(msg)})
		return
	}
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	s.renderMessage(w, r, http.StatusOK, messageData{Heading: l.T("outreach.join.confirmed.title"), Text: l.T("outreach.join.confirmed.text", "Body", req.BodyName)})
}
