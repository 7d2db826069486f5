// Package mail sends the platform's e-mail: through an SMTP server when one
// is configured, or into an outbox folder on disk when none is, so a local
// installation still shows invitations and password resets.
package mail

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
)

// Message is one plain-text e-mail to one person, with optional attachments.
type Message struct {
	To          string
	Subject     string
	Text        string
	Attachments []Attachment
	// Headers are extra header fields, e.g. List-Unsubscribe and
	// List-Unsubscribe-Post (RFC 8058) of a mailing. Names the sender sets
	// itself (From, To, Subject, Date, Message-ID, MIME and content fields)
	// and values with line breaks are refused.
	Headers map[string]string
}

// Attachment is a file sent with a message (e.g. an .ics calendar entry).
type Attachment struct {
	Filename    string
	ContentType string // e.g. "text/calendar; charset=utf-8; method=PUBLISH"
	Data        []byte
}

// Sender delivers messages.
type Sender interface {
	Send(ctx context.Context, m Message) error
	// Describe says where messages go, without secrets (for the start-up log).
	Describe() string
}

// Config says how to send mail.
type Config struct {
	// SMTPURL is smtp://[user:pass@]host[:port] (STARTTLS required),
	// smtps://… (TLS from the first byte) or smtp://…?tls=none for a relay on
	// a trusted network. Empty means: write to OutboxDir.
	SMTPURL   string
	From      string // the sender address, e.g. "Rete <noreply@example.it>"
	OutboxDir string
}

// New returns the sender for cfg.
func New(cfg Config, log *slog.Logger) (Sender, error) {
	if cfg.From == "" {
		return nil, fmt.Errorf("mail: a sender address (--mail-from) is required")
	}
	if strings.TrimSpace(cfg.SMTPURL) == "" {
		if cfg.OutboxDir == "" {
			return nil, fmt.Errorf("mail: neither an SMTP server nor an outbox folder is configured")
		}
		return NewOutbox(cfg.OutboxDir, cfg.From, log)
	}
	return NewSMTP(cfg.SMTPURL, cfg.From)
}

// smtpSettings is a parsed SMTP URL.
type smtpSettings struct {
	host     string
	port     int
	user     string
	password string
	implicit bool   // smtps
	tls      string // "mandatory", "opportunistic", "none"
}

func parseSMTPURL(raw string) (smtpSettings, error) {
	var st smtpSettings
	u, err := url.Parse(raw)
	if err != nil {
		return st, fmt.Errorf("SMTP URL: %w", err)
	}
	switch u.Scheme {
	case "smtp":
		st.port = 587
	case "smtps":
		st.port, st.implicit = 465, true
	default:
		return st, fmt.Errorf("SMTP URL must start with smtp:// or smtps://, not %q", u.Scheme+"://")
	}
	st.host = u.Hostname()
	if st.host == "" {
		return st, fmt.Errorf("SMTP URL has no host")
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n <= 0 || n > 65535 {
			return st, fmt.Errorf("SMTP URL port %q is not a port number", p)
		}
		st.port = n
	}
	if u.User != nil {
		st.user = u.User.Username()
		st.password, _ = u.User.Password()
	}
	st.tls = "mandatory"
	if v := u.Query().Get("tls"); v != "" {
		if v != "mandatory" && v != "opportunistic" && v != "none" {
			return st, fmt.Errorf("SMTP URL: tls must be mandatory, opportunistic or none, not %q", v)
		}
		st.tls = v
	}
	if st.implicit && st.tls == "none" {
		return st, fmt.Errorf("SMTP URL: smtps:// cannot have tls=none")
	}
	return st, nil
}
