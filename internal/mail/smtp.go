package mail

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// SMTP sends through an SMTP server, one connection per message (the
// platform sends few messages; no pool to keep healthy).
type SMTP struct {
	st   smtpSettings
	from string
}

// NewSMTP checks the URL and returns a sender. It does not connect yet.
func NewSMTP(rawURL, from string) (*SMTP, error) {
	st, err := parseSMTPURL(rawURL)
	if err != nil {
		return nil, err
	}
	probe := gomail.NewMsg()
	if err := probe.From(from); err != nil {
		return nil, fmt.Errorf("mail: sender address %q: %w", from, err)
	}
	return &SMTP{st: st, from: from}, nil
}

// Describe says which server is used, without the password.
func (s *SMTP) Describe() string {
	return "smtp " + s.st.host + ":" + strconv.Itoa(s.st.port) + " (tls " + s.st.tls + ")"
}

// Send delivers one message.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg, err := build(s.from, m)
	if err != nil {
		return err
	}
	opts := []gomail.Option{gomail.WithPort(s.st.port), gomail.WithTimeout(20 * time.Second)}
	if s.st.implicit {
		opts = append(opts, gomail.WithSSLPort(false))
	} else {
		policy := map[string]gomail.TLSPolicy{"mandatory": gomail.TLSMandatory, "opportunistic": gomail.TLSOpportunistic, "none": gomail.NoTLS}[s.st.tls]
		opts = append(opts, gomail.WithTLSPortPolicy(policy))
	}
	if s.st.user != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover), gomail.WithUsername(s.st.user), gomail.WithPassword(s.st.password))
	}
	c, err := gomail.NewClient(s.st.host, opts...)
	if err != nil {
		return fmt.Errorf("mail: SMTP client for %s: %w", s.st.host, err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("mail: send %q to %s via %s: %w", m.Subject, m.To, s.st.host, err)
	}
	return nil
}

func build(from string, m Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	if err := msg.From(from); err != nil {
		return nil, fmt.Errorf("mail: sender %q: %w", from, err)
	}
	if err := msg.To(m.To); err != nil {
		return nil, fmt.Errorf("mail: recipient %q: %w", m.To, err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	if err := setHeaders(msg, m.Headers); err != nil {
		return nil, err
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	for _, a := range m.Attachments {
		msg.AttachReadSeeker(a.Filename, bytes.NewReader(a.Data), gomail.WithFileContentType(gomail.ContentType(a.ContentType)))
	}
	return msg, nil
}
