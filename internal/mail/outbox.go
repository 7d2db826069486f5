package mail

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"
)

// Outbox writes each message as an .eml file into a folder and logs where,
// for installations without an SMTP server.
type Outbox struct {
	dir  string
	from string
	log  *slog.Logger
}

// NewOutbox creates the folder if needed (readable by its owner only: the
// messages carry password-reset links).
func NewOutbox(dir, from string, log *slog.Logger) (*Outbox, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("mail: create outbox folder %s: %w", dir, err)
	}
	return &Outbox{dir: dir, from: from, log: log}, nil
}

// Describe says where messages go.
func (o *Outbox) Describe() string { return "outbox " + o.dir }

// Dir is the outbox folder.
func (o *Outbox) Dir() string { return o.dir }

// Send writes the message to a new file; a file is never overwritten.
func (o *Outbox) Send(ctx context.Context, m Message) error {
	msg, err := build(o.from, m)
	if err != nil {
		return err
	}
	suffix := make([]byte, 4)
	rand.Read(suffix)
	name := filepath.Join(o.dir, time.Now().UTC().Format("20060102T150405.000000000Z")+"-"+hex.EncodeToString(suffix)+".eml")
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("mail: write outbox file: %w", err)
	}
	if _, err := msg.WriteTo(f); err != nil {
		f.Close()
		os.Remove(name)
		return fmt.Errorf("mail: write outbox file %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("mail: write outbox file %s: %w", name, err)
	}
	o.log.Info("e-mail written to the outbox (no SMTP server configured)", "to", m.To, "subject", m.Subject, "file", name)
	return nil
}
