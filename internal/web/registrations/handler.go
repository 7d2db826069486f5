// Package registrations serves registration to the network's activities:
// the public form with double opt-in by e-mail, the personal link where a
// person sees, corrects, cancels or erases their registration, certificates
// of attendance and their public check, and the coordinators' pages (lists,
// settings, attendance, waiting list, e-mails, outcome reports, CSV export).
// It also runs the scheduled jobs: reminders, outcome e-mails, erasure.
//
// It is the only room that handles the personal data of registrants; it
// shows them only to the person (through their signed link) and to
// coordinators (routes guarded in routes.go). Public pages get counted
// figures only.
package registrations

import (
	"context"
	"embed"
	"errors"

	"benicommunity/internal/mail"
	"benicommunity/internal/web/core"
)

//go:embed templates
var templateFiles embed.FS

// Deps are what registrations need besides the shared core.
type Deps struct {
	// Mail sends confirmation links, seats, reminders and outcome reports;
	// nil refuses to send them.
	Mail mail.Sender
	// RetentionMonths is how long registrations keep personal data after
	// the activity (0: DefaultRetentionMonths).
	RetentionMonths int
	// DataController is named by the registrations' privacy notice.
	DataController core.DataController
	// Metrics counts e-mails and job runs for the operators; nil counts nothing.
	Metrics Metrics
}

// Metrics receives what the room does, for the operators' metrics.
type Metrics interface {
	MailSent(err error)           // one e-mail sent, or failed when err is not nil
	JobRun(job string, err error) // one run of a job: "reminders", "outcomes", "erasure"
}

// Handler answers the registration pages and runs their jobs.
type Handler struct {
	*core.Site
	mail            mail.Sender
	retentionMonths int
	controller      core.DataController
	metrics         Metrics
}

// New parses the registration templates.
func New(shared core.Deps, d Deps) (*Handler, error) {
	s := &Handler{mail: d.Mail, retentionMonths: d.RetentionMonths, controller: d.DataController, metrics: d.Metrics}
	if s.retentionMonths <= 0 {
		s.retentionMonths = DefaultRetentionMonths
	}
	site, err := core.NewSite(shared, core.Templates(templateFiles), nil)
	if err != nil {
		return nil, err
	}
	s.Site = site
	return s, nil
}

func (s *Handler) sendMail(ctx context.Context, m mail.Message) error {
	err := errors.New("no mail sender configured")
	if s.mail != nil {
		err = s.mail.Send(ctx, m)
	}
	if s.metrics != nil {
		s.metrics.MailSent(err)
	}
	return err
}
