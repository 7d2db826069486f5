package outreach

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
	"benicommunity/internal/mail"
	"benicommunity/internal/newsletter"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

type newsFormData struct {
	Form      *core.Form
	Topics    []core.Option
	Provinces []core.Option
	Honeypot  string
}

// memberProvinces are the provinces of the network's bodies, for the
// choice of where new pacts interest a subscriber.
func (s *Handler) memberProvinces(ctx context.Context) ([]core.Option, error) {
	bodies, _, err := s.Store.Bodies(ctx, store.BodyFilter{Limit: 10000})
	if err != nil {
		return nil, err
	}
	seen := map[string]string{}
	for _, b := range bodies {
		if b.ProvinceCode != "" && b.Province != "" {
			seen[b.ProvinceCode] = b.Province
		}
	}
	var out []core.Option
	for code, name := range seen {
		out = append(out, core.Option{Value: code, Label: name + " (" + code + ")"})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Label < out[j].Label })
	return out, nil
}

func (s *Handler) renderNewsForm(w http.ResponseWriter, r *http.Request, status int, f *core.Form) {
	l := s.Localizer(r)
	d := newsFormData{Form: f, Honeypot: honeypot}
	for _, t := range domain.NewsTopics {
		d.Topics = append(d.Topics, core.Option{Value: string(t), Label: l.T("outreach.news.topic." + string(t)), Selected: f.Has("topic", string(t))})
	}
	provinces, err := s.memberProvinces(r.Context())
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	for _, p := range provinces {
		p.Selected = f.Has("province", p.Value)
		d.Provinces = append(d.Provinces, p)
	}
	w.Header().Set("Cache-Control", "no-store")
	s.Render(w, r, status, "outreach_news", core.Page{L: l, Title: l.T("outreach.news.title"), Description: l.T("outreach.news.description"), Data: d})
}

// NewsForm shows the subscription form.
func (s *Handler) NewsForm(w http.ResponseWriter, r *http.Request) {
	s.renderNewsForm(w, r, http.StatusOK, core.NewForm(s.Localizer(r), nil))
}

// readSubscription validates the form.
func (s *Handler) readSubscription(ctx context.Context, f *core.Form) (store.NewSubscription, error) {
	now := time.Now()
	ns := store.NewSubscription{ConsentVersion: privacyVersion, ConsentAt: now, ConfirmExpires: now.Add(confirmLifetime)}
	ns.Email = store.NormalizeEmail(f.Required("email"))
	if ns.Email != "" && !core.ValidEmail(ns.Email) {
		f.Fail("email", "outreach.error.email")
	}
	for _, v := range f.Values["topic"] {
		t := domain.NewsTopic(v)
		if !slices.Contains(domain.NewsTopics, t) {
			f.Fail("topic", "outreach.news.error.topic")
			continue
		}
		ns.Topics = append(ns.Topics, t)
	}
	if len(f.Values["topic"]) == 0 {
		f.Fail("topic", "outreach.news.error.topic")
	}
	if slices.Contains(ns.Topics, domain.TopicPacts) {
		provinces, err := s.memberProvinces(ctx)
		if err != nil {
			return ns, err
		}
		for _, p := range f.Values["province"] {
			if !slices.ContainsFunc(provinces, func(o core.Option) bool { return o.Value == p }) {
				f.Fail("province", "outreach.news.error.province")
				continue
			}
			ns.PactProvinces = append(ns.PactProvinces, p)
		}
		if len(ns.PactProvinces) == 0 {
			f.Fail("province", "outreach.news.error.province")
		}
	}
	if !f.Bool("consent") {
		f.Fail("consent", "outreach.error.consent")
	}
	return ns, nil
}

// Subscribe records a subscription and e-mails the confirmation link. An
// address already subscribed gets the same answer as a new one, and no
// message: the page never tells whether an address is subscribed.
func (s *Handler) Subscribe(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "outreach.error.form")
		return
	}
	f := core.NewForm(l, r.PostForm)
	if f.Get(honeypot) != "" {
		http.Redirect(w, r, "/iscriviti-alle-novita/inviata", http.StatusSeeOther)
		return
	}
	ns, err := s.readSubscription(r.Context(), f)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	if !f.OK() {
		s.renderNewsForm(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	token, hash := auth.NewToken()
	unsub, _ := auth.NewToken()
	ns.ConfirmHash, ns.UnsubscribeToken = hash, unsub
	_, err = s.Store.Subscribe(r.Context(), ns, time.Now())
	switch {
	case errors.Is(err, store.ErrAlreadySubscribed):
		http.Redirect(w, r, "/iscriviti-alle-novita/inviata", http.StatusSeeOther)
		return
	case err != nil:
		s.ServerError(w, r, err)
		return
	}
	base := s.base(r)
	err = s.sendMail(r.Context(), mail.Message{To: ns.Email, Subject: l.T("outreach.mail.news_confirm.subject"),
		Text: l.T("outreach.mail.news_confirm.text", "Link", base+"/novita/conferma/"+token, "Days", int(confirmLifetime.Hours()/24),
			"Unsubscribe", base+newsletter.UnsubscribePath+unsub)})
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, "/iscriviti-alle-novita/inviata", http.StatusSeeOther)
}

// NewsSent says the confirmation e-mail is on its way (also to an address
// already subscribed, which gets none).
func (s *Handler) NewsSent(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	s.renderMessage(w, r, http.StatusOK, messageData{Heading: l.T("outreach.news.sent.title"), Text: l.T("outreach.news.sent.text", "Days", int(confirmLifetime.Hours()/24))})
}

// NewsConfirmPage shows the button that confirms the subscription.
func (s *Handler) NewsConfirmPage(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	s.renderMessage(w, r, http.StatusOK, messageData{Heading: l.T("outreach.news.confirm.title"), Text: l.T("outreach.news.confirm.text"),
		Action: "/novita/conferma/" + r.PathValue("token"), Button: l.T("outreach.news.confirm.button")})
}

// NewsConfirm spends the confirmation link: news published from now on is sent.
func (s *Handler) NewsConfirm(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	_, err := s.Store.ConfirmSubscription(r.Context(), auth.HashToken(r.PathValue("token")), time.Now())
	if msg := linkError(err); msg != "" {
		s.renderMessage(w, r, http.StatusGone, messageData{Heading: l.T("outreach.link.invalid_title"), Text: l.T(msg)})
		return
	}
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	s.renderMessage(w, r, http.StatusOK, messageData{Heading: l.T("outreach.news.confirmed.title"), Text: l.T("outreach.news.confirmed.text")})
}

// UnsubscribePage shows one button: link scanners that open the address
// unsubscribe nobody.
func (s *Handler) UnsubscribePage(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	s.renderMessage(w, r, http.StatusOK, messageData{Heading: l.T("outreach.news.unsubscribe.title"), Text: l.T("outreach.news.unsubscribe.text"),
		Action: newsletter.UnsubscribePath + r.PathValue("token"), Button: l.T("outreach.news.unsubscribe.button")})
}

// Unsubscribe erases the subscription at once. It also answers the RFC 8058
// one-click POST a mail program sends (body List-Unsubscribe=One-Click, no
// cookie); an unknown link gets the same page, so nothing is disclosed.
func (s *Handler) Unsubscribe(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	err := s.Store.Unsubscribe(r.Context(), strings.TrimSpace(r.PathValue("token")))
	if err != nil && !errors.Is(err, store.ErrLinkUnknown) {
		s.ServerError(w, r, err)
		return
	}
	s.renderMessage(w, r, http.StatusOK, messageData{Heading: l.T("outreach.news.unsubscribed.title"), Text: l.T("outreach.news.unsubscribed.text"),
		LinkHref: "/iscriviti-alle-novita", LinkText: l.T("outreach.news.again")})
}

type newsCountsData struct {
	Counts    store.NewsCounts
	Topics    []countRow
	Provinces []countRow
}

type countRow struct {
	Label string
	Count int
}

// AdminNewsCounts shows how many people follow each topic, never who.
func (s *Handler) AdminNewsCounts(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	c, err := s.Store.NewsSubscriberCounts(r.Context())
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	d := newsCountsData{Counts: c}
	for _, t := range domain.NewsTopics {
		d.Topics = append(d.Topics, countRow{Label: l.T("outreach.news.topic." + string(t)), Count: c.ByTopic[t]})
	}
	for p, n := range c.ByProvince {
		d.Provinces = append(d.Provinces, countRow{Label: p, Count: n})
	}
	sort.Slice(d.Provinces, func(i, j int) bool { return d.Provinces[i].Label < d.Provinces[j].Label })
	w.Header().Set("Cache-Control", "no-store")
	s.Render(w, r, http.StatusOK, "outreach_admin_news", core.Page{L: l, Title: l.T("outreach.admin.news.title"), Data: d})
}
