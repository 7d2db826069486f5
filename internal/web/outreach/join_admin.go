package outreach

import (
	"context"
	"errors"
	"net/http"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
	"benicommunity/internal/mail"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

// joinStatuses are the statuses coordinators filter by, in display order.
var joinStatuses = []domain.JoinStatus{domain.JoinAwaitingReview, domain.JoinAccepted, domain.JoinDeclined, domain.JoinPendingConfirmation}

type joinListData struct {
	Requests []store.JoinRequest
	Total    int
	Status   string
	Statuses []core.Option
	Pager    core.Pager
}

// AdminJoinRequests lists the join requests, filtered by status, oldest first.
func (s *Handler) AdminJoinRequests(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	p, ok := core.ReadPager(r)
	if !ok {
		s.BadRequest(w, r, "outreach.error.page")
		return
	}
	status := r.URL.Query().Get("stato")
	if status != "" && !domain.JoinStatus(status).Valid() {
		s.BadRequest(w, r, "outreach.admin.error.status")
		return
	}
	d := joinListData{Status: status}
	d.Statuses = append(d.Statuses, core.Option{Value: "", Label: l.T("outreach.admin.all_statuses"), Selected: status == ""})
	for _, st := range joinStatuses {
		d.Statuses = append(d.Statuses, core.Option{Value: string(st), Label: l.T("outreach.status." + string(st)), Selected: status == string(st)})
	}
	var err error
	d.Requests, d.Total, err = s.Store.JoinRequests(r.Context(), store.JoinRequestFilter{Status: domain.JoinStatus(status), Limit: p.Size, Offset: p.Offset()})
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	p.Total = d.Total
	d.Pager = p
	w.Header().Set("Cache-Control", "no-store")
	s.Render(w, r, http.StatusOK, "outreach_admin_joins", core.Page{L: l, Title: l.T("outreach.admin.joins.title"), Data: d})
}

type joinPageData struct {
	Request store.JoinRequest
	Form    *core.Form
	Today   string
}

func (s *Handler) joinByPath(w http.ResponseWriter, r *http.Request) (store.JoinRequest, bool) {
	id, ok := s.PathID(w, r)
	if !ok {
		return store.JoinRequest{}, false
	}
	req, err := s.Store.JoinRequest(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.NotFound(w, r)
		return req, false
	}
	if err != nil {
		s.ServerError(w, r, err)
		return req, false
	}
	return req, true
}

func (s *Handler) renderJoinPage(w http.ResponseWriter, r *http.Request, status int, req store.JoinRequest, f *core.Form) {
	l := s.Localizer(r)
	w.Header().Set("Cache-Control", "no-store")
	s.Render(w, r, status, "outreach_admin_join", core.Page{L: l, Title: l.T("outreach.admin.join.title", "Body", req.BodyName),
		Flash: flash(l, r), Data: joinPageData{Request: req, Form: f, Today: time.Now().In(s.Rome).Format(time.DateOnly)}})
}

// AdminJoinRequest shows one request with the forms to accept or decline it.
func (s *Handler) AdminJoinRequest(w http.ResponseWriter, r *http.Request) {
	req, ok := s.joinByPath(w, r)
	if !ok {
		return
	}
	s.renderJoinPage(w, r, http.StatusOK, req, core.NewForm(s.Localizer(r), nil))
}

// AdminAcceptJoin accepts a request: the body is created or linked, the
// requester invited as its referent with the backoffice's invitation
// e-mail and told the decision; if a message cannot leave nothing is kept.
func (s *Handler) AdminAcceptJoin(w http.ResponseWriter, r *http.Request) {
	req, ok := s.joinByPath(w, r)
	if !ok {
		return
	}
	l := s.Localizer(r)
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "outreach.error.form")
		return
	}
	f := core.NewForm(l, r.PostForm)
	f.IDPrefix = "accept-"
	joined := f.Date("joined_on", false)
	message := f.Get("message")
	f.MaxLen("message", 4000)
	if !f.OK() {
		s.renderJoinPage(w, r, http.StatusUnprocessableEntity, req, f)
		return
	}
	token, hash := auth.NewToken()
	acc := store.JoinAcceptance{Registry: s.istat, Message: message, InviteHash: hash, InviteExpires: time.Now().Add(inviteLifetime)}
	if joined != nil {
		acc.JoinedOn = time.Date(joined.Year(), joined.Month(), joined.Day(), 12, 0, 0, 0, s.Rome)
	}
	base := s.base(r)
	_, err := s.Store.AcceptJoinRequest(r.Context(), core.Actor(r), req.ID, acc, time.Now(), func(ctx context.Context, a store.JoinAccepted) error {
		if a.Invited {
			if err := s.sendMail(ctx, mail.Message{To: a.Request.Email, Subject: l.T("auth.mail.invite.subject"),
				Text: l.T("auth.mail.invite.text", "Link", base+"/accedi/link/"+token, "Role", l.T("auth.role."+string(auth.Referent)), "Days", int(inviteLifetime.Hours()/24))}); err != nil {
				return err
			}
		}
		return s.sendMail(ctx, mail.Message{To: a.Request.Email, Subject: l.T("outreach.mail.accepted.subject", "Body", a.Request.BodyName),
			Text: l.T("outreach.mail.accepted.text", "Name", a.Request.RequesterName, "Body", a.Request.BodyName, "Message", a.Request.DecisionMessage, "Base", base)})
	})
	if s.decisionFailed(w, r, req, f, err) {
		return
	}
	http.Redirect(w, r, "/admin/adesioni/"+r.PathValue("id")+"?fatto=accettata", http.StatusSeeOther)
}

// AdminDeclineJoin declines a request with a message e-mailed to the requester.
func (s *Handler) AdminDeclineJoin(w http.ResponseWriter, r *http.Request) {
	req, ok := s.joinByPath(w, r)
	if !ok {
		return
	}
	l := s.Localizer(r)
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "outreach.error.form")
		return
	}
	f := core.NewForm(l, r.PostForm)
	f.IDPrefix = "decline-"
	message := f.Required("decline_message")
	f.MaxLen("decline_message", 4000)
	if !f.OK() {
		s.renderJoinPage(w, r, http.StatusUnprocessableEntity, req, f)
		return
	}
	out, err := s.Store.DeclineJoinRequest(r.Context(), core.Actor(r), req.ID, message, time.Now())
	if s.decisionFailed(w, r, req, f, err) {
		return
	}
	err = s.sendMail(r.Context(), mail.Message{To: out.Email, Subject: l.T("outreach.mail.declined.subject", "Body", out.BodyName),
		Text: l.T("outreach.mail.declined.text", "Name", out.RequesterName, "Body", out.BodyName, "Message", out.DecisionMessage)})
	if err != nil {
		// Declined and recorded: the coordinator is told that the message
		// did not leave and can write to the person.
		s.Log.Error("send join decline e-mail", "request", out.ID, "err", err)
		http.Redirect(w, r, "/admin/adesioni/"+r.PathValue("id")+"?fatto=rifiutata-senza-email", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/admin/adesioni/"+r.PathValue("id")+"?fatto=rifiutata", http.StatusSeeOther)
}

// decisionFailed answers a decision that could not be recorded; false
// when err is nil.
func (s *Handler) decisionFailed(w http.ResponseWriter, r *http.Request, req store.JoinRequest, f *core.Form, err error) bool {
	switch {
	case err == nil:
		return false
	case errors.Is(err, store.ErrJoinDecided):
		f.Fail("decision", "outreach.admin.error.decided")
		s.renderJoinPage(w, r, http.StatusConflict, req, f)
	case errors.Is(err, store.ErrConflict):
		f.Fail("decision", "outreach.admin.error.conflict")
		s.renderJoinPage(w, r, http.StatusConflict, req, f)
	default:
		s.ServerError(w, r, err)
	}
	return true
}

// AdminDeleteJoin erases a request and its personal data, audited.
func (s *Handler) AdminDeleteJoin(w http.ResponseWriter, r *http.Request) {
	req, ok := s.joinByPath(w, r)
	if !ok {
		return
	}
	if err := s.Store.DeleteJoinRequest(r.Context(), core.Actor(r), req.ID); err != nil {
		s.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/adesioni?fatto=eliminata", http.StatusSeeOther)
}

// flash is the one-line confirmation after a decision (?fatto=).
func flash(l interface{ T(string, ...any) string }, r *http.Request) string {
	switch v := r.URL.Query().Get("fatto"); v {
	case "accettata", "rifiutata", "rifiutata-senza-email", "eliminata":
		return l.T("outreach.admin.flash." + v)
	}
	return ""
}
