package registrations

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"benicommunity/internal/mail"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

// DefaultRetentionMonths is how long the personal data of registrations is
// kept after the activity.
const DefaultRetentionMonths = 24

// JobReport says what one run of the registration jobs did.
type JobReport struct {
	Reminders, Outcomes int
	Erased              int64
}

// RunRegistrationJobs sends the reminders of tomorrow's activities, the
// outcome reports still owed to attendees, and erases personal data past the
// retention time. Every e-mail is claimed in the database before it is sent,
// so several instances running the jobs at once send each e-mail once.
func (s *Handler) RunRegistrationJobs(ctx context.Context, now time.Time) (JobReport, error) {
	var rep JobReport
	var err error
	if rep.Reminders, err = s.sendReminders(ctx, now); s.jobRun("reminders", err) != nil {
		return rep, err
	}
	if rep.Outcomes, err = s.SendOutcomeMails(ctx, nil); s.jobRun("outcomes", err) != nil {
		return rep, err
	}
	cutoff := now.In(core.RomeLocation()).AddDate(0, -s.retentionMonths, 0)
	if rep.Erased, err = s.Store.ErasePastRegistrations(ctx, store.RomeDate(cutoff), now); s.jobRun("erasure", err) != nil {
		return rep, err
	}
	return rep, nil
}

// jobRun counts one run of a job in the metrics and returns its error.
func (s *Handler) jobRun(job string, err error) error {
	if s.metrics != nil {
		s.metrics.JobRun(job, err)
	}
	return err
}

// StartRegistrationJobs runs the jobs every interval until ctx ends.
func (s *Handler) StartRegistrationJobs(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		rep, err := s.RunRegistrationJobs(ctx, time.Now())
		if err != nil && ctx.Err() == nil {
			s.Log.Error("registration jobs", "err", err)
		} else if rep != (JobReport{}) {
			s.Log.Info("registration jobs", "reminders", rep.Reminders, "outcomes", rep.Outcomes, "erased", rep.Erased)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// claimAndSend sends one e-mail if this instance wins its claim; a failed
// send gives the claim back for the next run.
func (s *Handler) claimAndSend(ctx context.Context, kind store.MailKind, id int64, now time.Time, m mail.Message) (bool, error) {
	won, err := s.Store.ClaimMail(ctx, kind, id, now)
	if err != nil || !won {
		return false, err
	}
	if err := s.sendMail(ctx, m); err != nil {
		if rerr := s.Store.ReleaseMail(ctx, kind, id); rerr != nil {
			return false, fmt.Errorf("%w; and %w", err, rerr)
		}
		return false, err
	}
	return true, nil
}

func (s *Handler) sendReminders(ctx context.Context, now time.Time) (int, error) {
	tomorrow := store.RomeDate(now.In(core.RomeLocation()).AddDate(0, 0, 1))
	due, err := s.Store.DueReminders(ctx, tomorrow)
	if err != nil {
		return 0, err
	}
	l := s.Bundle.Match("it", "")
	return s.mailEach(ctx, nil, store.MailReminder, due, func() time.Time { return now },
		func(reg store.Registration, a store.RegistrationActivity, manage string) mail.Message {
			return mail.Message{To: reg.Email,
				Subject: l.T("registration.mail.reminder.subject", "Title", a.Title),
				Text:    l.T("registration.mail.reminder.text", "Name", reg.Name, "Details", s.detailsText(l, nil, a, true), "Manage", manage),
			}
		})
}

// SendOutcomeMails e-mails the published outcome report to each attendee who
// has not had it; r is the request when a coordinator triggered it.
func (s *Handler) SendOutcomeMails(ctx context.Context, r *http.Request) (int, error) {
	due, err := s.Store.DueOutcomeMails(ctx)
	if err != nil {
		return 0, err
	}
	l := s.Bundle.Match("it", "")
	return s.mailEach(ctx, r, store.MailOutcome, due, time.Now,
		func(reg store.Registration, a store.RegistrationActivity, manage string) mail.Message {
			textID := "registration.mail.outcome.text"
			if canCertificate(a, reg) {
				textID = "registration.mail.outcome.text_certificate"
			}
			return mail.Message{To: reg.Email,
				Subject: l.T("registration.mail.outcome.subject", "Title", a.Title),
				Text: l.T(textID, "Name", reg.Name, "Title", a.Title, "Report", a.OutcomeReport, "URL", s.activityURL(r, a),
					"Certificate", manage+"/attestato.pdf", "Manage", manage),
			}
		})
}

// mailEach sends the e-mail of one kind to each registration due, each once
// across instances (claimAndSend), and counts those this run sent. Each
// activity is loaded once however many of its people are due; message writes
// the e-mail from the registration, its activity and its manage link. now is
// the claim time, asked per e-mail.
func (s *Handler) mailEach(ctx context.Context, r *http.Request, kind store.MailKind, due []store.Registration, now func() time.Time,
	message func(reg store.Registration, a store.RegistrationActivity, manage string) mail.Message) (int, error) {
	sent := 0
	cache := map[int64]store.RegistrationActivity{}
	for _, reg := range due {
		a, ok := cache[reg.ActivityID]
		if !ok {
			var err error
			if a, err = s.regActivityOf(ctx, reg); err != nil {
				return sent, err
			}
			cache[reg.ActivityID] = a
		}
		manage, err := s.manageURL(ctx, r, reg.ID)
		if err != nil {
			return sent, err
		}
		ok, err = s.claimAndSend(ctx, kind, reg.ID, now(), message(reg, a, manage))
		if err != nil {
			return sent, err
		}
		if ok {
			sent++
		}
	}
	return sent, nil
}
