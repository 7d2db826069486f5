package mail_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"benicommunity/internal/mail"
	"benicommunity/internal/mail/mailtest"
)

func discard() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestSMTPDelivers(t *testing.T) {
	srv := mailtest.Start(t)
	s, err := mail.New(mail.Config{SMTPURL: srv.URL(), From: "Rete <noreply@example.it>"}, discard())
	if err != nil {
		t.Fatal(err)
	}
	err = s.Send(context.Background(), mail.Message{To: "anna@example.it", Subject: "Invito alla rete", Text: "Apri il collegamento: https://example.it/x?token=àbc"})
	if err != nil {
		t.Fatal(err)
	}
	got := srv.Messages()
	if len(got) != 1 {
		t.Fatalf("received %d messages, want 1", len(got))
	}
	m := got[0]
	if m.From != "noreply@example.it" || len(m.To) != 1 || m.To[0] != "anna@example.it" || m.Subject != "Invito alla rete" {
		t.Errorf("envelope/subject = %q %q %q", m.From, m.To, m.Subject)
	}
	if !strings.Contains(m.Body, "https://example.it/x?token=àbc") {
		t.Errorf("body = %q", m.Body)
	}
}

func TestSMTPUnreachableFails(t *testing.T) {
	s, err := mail.NewSMTP("smtp://127.0.0.1:1?tls=none", "noreply@example.it")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), mail.Message{To: "a@example.it", Subject: "x", Text: "y"}); err == nil {
		t.Error("sending to a closed port succeeded")
	}
}

func TestOutboxWritesFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "outbox")
	s, err := mail.New(mail.Config{From: "noreply@example.it", OutboxDir: dir}, discard())
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		if err := s.Send(context.Background(), mail.Message{To: "b@example.it", Subject: "Reimposta la password", Text: "collegamento"}); err != nil {
			t.Fatal(err)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	if len(files) != 2 {
		t.Fatalf("outbox holds %d files, want 2", len(files))
	}
	b, _ := os.ReadFile(files[0])
	if !strings.Contains(string(b), "b@example.it") || !strings.Contains(string(b), "collegamento") {
		t.Errorf("outbox file = %s", b)
	}
}

func TestBadConfig(t *testing.T) {
	for _, c := range []mail.Config{
		{SMTPURL: "http://example.it", From: "a@example.it"},
		{SMTPURL: "smtp://", From: "a@example.it"},
		{SMTPURL: "smtp://h:99999", From: "a@example.it"},
		{SMTPURL: "smtp://h?tls=maybe", From: "a@example.it"},
		{SMTPURL: "smtp://h", From: "not an address"},
		{From: "a@example.it"},
		{SMTPURL: "smtp://h"},
	} {
		if _, err := mail.New(c, discard()); err == nil {
			t.Errorf("config %+v accepted", c)
		}
	}
}

func TestSMTPDeliversAttachments(t *testing.T) {
	srv := mailtest.Start(t)
	s, err := mail.New(mail.Config{SMTPURL: srv.URL(), From: "Rete <noreply@example.it>"}, discard())
	if err != nil {
		t.Fatal(err)
	}
	cal := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
	err = s.Send(context.Background(), mail.Message{To: "anna@example.it", Subject: "Iscrizione confermata", Text: "Ti aspettiamo a Chieri",
		Attachments: []mail.Attachment{{Filename: "tappa.ics", ContentType: "text/calendar; charset=utf-8", Data: []byte(cal)}}})
	if err != nil {
		t.Fatal(err)
	}
	got := srv.Messages()
	if len(got) != 1 {
		t.Fatalf("received %d messages", len(got))
	}
	m := got[0]
	if !strings.Contains(m.Body, "Ti aspettiamo a Chieri") || strings.Contains(m.Body, "VCALENDAR") {
		t.Errorf("body = %q", m.Body)
	}
	if len(m.Attachments) != 1 || m.Attachments[0].Filename != "tappa.ics" || string(m.Attachments[0].Data) != cal ||
		!strings.HasPrefix(m.Attachments[0].ContentType, "text/calendar") {
		t.Errorf("attachments = %+v", m.Attachments)
	}
}

// A mailing carries its List-Unsubscribe fields (RFC 8058) to the server
// unchanged, and a header that would override the sender's or inject a
// line is refused.
func TestSMTPDeliversExtraHeaders(t *testing.T) {
	srv := mailtest.Start(t)
	s, err := mail.New(mail.Config{SMTPURL: srv.URL(), From: "Rete <noreply@example.it>"}, discard())
	if err != nil {
		t.Fatal(err)
	}
	unsub := "<https://rete.example.it/novita/disiscrizione/abcdefghijklmnopqrstuvwxyz0123456789>, <mailto:novita@example.it?subject=disiscrizione>"
	err = s.Send(context.Background(), mail.Message{To: "anna@example.it", Subject: "Novità della rete", Text: "Testo",
		Headers: map[string]string{"List-Unsubscribe": unsub, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}})
	if err != nil {
		t.Fatal(err)
	}
	got := srv.Messages()
	if len(got) != 1 {
		t.Fatalf("received %d messages", len(got))
	}
	if h := got[0].Header.Get("List-Unsubscribe"); h != unsub {
		t.Errorf("List-Unsubscribe = %q, want %q", h, unsub)
	}
	if h := got[0].Header.Get("List-Unsubscribe-Post"); h != "List-Unsubscribe=One-Click" {
		t.Errorf("List-Unsubscribe-Post = %q", h)
	}
	for _, bad := range []map[string]string{{"Subject": "altro"}, {"X-Prova": "a\r\nBcc: x@example.it"}, {"X Prova": "a"}} {
		if err := s.Send(context.Background(), mail.Message{To: "anna@example.it", Subject: "x", Text: "x", Headers: bad}); err == nil {
			t.Errorf("header %v accepted", bad)
		}
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("refused messages were delivered: %d messages", n)
	}
}
