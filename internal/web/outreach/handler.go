// Package outreach is the network's front door for people who are not yet
// part of it: the public form where a body asks to join the network
// ("Aderisci alla rete") and the news subscription ("Iscriviti alle
// novità"), both confirmed by e-mail (double opt-in), the one-click
// unsubscribe, and the coordinators' pages where join requests are accepted
// or declined and subscriber counts are read.
//
// It handles the personal data of people who ask to join or subscribe: it
// shows them only to coordinators (routes guarded in routes.go), never lists
// subscribers' addresses, and keeps no client address (only its hash, for
// the rate limit).
package outreach

import (
	"context"
	"embed"
	"errors"
	"net"
	"net/http"
	"strings"
	"time"

	"benicommunity/internal/istat"
	"benicommunity/internal/mail"
	"benicommunity/internal/web/core"
)

//go:embed templates
var templateFiles embed.FS

const (
	// confirmLifetime is how long an e-mail confirmation link works.
	confirmLifetime = 48 * time.Hour
	// inviteLifetime is how long the invitation of a new referent works
	// (the same as the backoffice's invitations).
	inviteLifetime = 7 * 24 * time.Hour
	// DefaultJoinLimit is how many join requests one client address or
	// one e-mail address may make in an hour.
	DefaultJoinLimit = 3
	// privacyVersion is the version of the privacy notice people consent to.
	privacyVersion = "2026-12"
)

// Deps are what outreach needs besides the shared core.
type Deps struct {
	// Mail sends confirmation links, invitations and decisions; nil refuses
	// to send them.
	Mail mail.Sender
	// Istat resolves the Comune a join request names.
	Istat *istat.Registry
	// JoinLimit is the number of join requests allowed per hour from one
	// client or e-mail address (0: DefaultJoinLimit).
	JoinLimit int
}

// Handler answers the front door's pages.
type Handler struct {
	*core.Site
	mail      mail.Sender
	istat     *istat.Registry
	joinLimit int
}

// New parses the outreach templates.
func New(shared core.Deps, d Deps) (*Handler, error) {
	if d.Istat == nil {
		return nil, errors.New("outreach: missing ISTAT registry")
	}
	s := &Handler{mail: d.Mail, istat: d.Istat, joinLimit: d.JoinLimit}
	if s.joinLimit <= 0 {
		s.joinLimit = DefaultJoinLimit
	}
	site, err := core.NewSite(shared, core.Templates(templateFiles), nil)
	if err != nil {
		return nil, err
	}
	s.Site = site
	return s, nil
}

func (s *Handler) sendMail(ctx context.Context, m mail.Message) error {
	if s.mail == nil {
		return errors.New("no mail sender configured")
	}
	return s.mail.Send(ctx, m)
}

// base is the site address for e-mail links.
func (s *Handler) base(r *http.Request) string { return strings.TrimRight(s.Base(r), "/") }

// clientAddress is the address the request came from, without the port.
func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return strings.TrimSpace(r.RemoteAddr)
	}
	return host
}

// messageData is what the one-message page shows: a heading, a text, an
// optional link and an optional confirmation button.
type messageData struct {
	Heading, Text string
	LinkHref      string
	LinkText      string
	Action        string // a form with one button posts here, when set
	Button        string
}

func (s *Handler) renderMessage(w http.ResponseWriter, r *http.Request, status int, d messageData) {
	l := s.Localizer(r)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	s.Render(w, r, status, "outreach_message", core.Page{L: l, Title: d.Heading, Data: d})
}
