package webtest

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"benicommunity/internal/dataset"
	"benicommunity/internal/mail/mailtest"
	"benicommunity/internal/store"
)

// regActivity adds a published activity days from today with registrations
// open, a secret online link and two breakout tables.
func RegActivity(t *testing.T, st *store.Store, slug, typ string, days int, capacity *int) int64 {
	t.Helper()
	ctx := context.Background()
	id, err := st.LoadActivity(ctx, dataset.Activity{Slug: slug, Title: "Formazione sui patti " + slug, Type: typ, Status: "published",
		Date: time.Now().AddDate(0, 0, days).Format(time.DateOnly), StartTime: "09:30", EndTime: "13:00", Format: "ibrido",
		Venue: "Sala consiliare di Chieri", Summary: "Una giornata di formazione", Description: "Programma",
		Tables: []dataset.BreakoutTable{{Title: "Tavolo sui patti"}, {Title: "Tavolo sulla comunicazione"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SetRegistrationSettings(ctx, store.Actor{}, id, store.RegistrationSettings{Enabled: true, Capacity: capacity,
		OnlineLink: "https://meet.example.it/stanza-segreta"}); err != nil {
		t.Fatal(err)
	}
	return id
}

func RegForm(email string) url.Values {
	return url.Values{"name": {"Anna Bianchi"}, "email": {email}, "body": {"Comune di Chieri"}, "role": {"assessore"},
		"accessibility": {"Accesso senza gradini"}, "consent": {"1"}}
}

var (
	ConfirmLinkPattern = regexp.MustCompile(`http://[^\s]+/iscrizioni/conferma/[A-Za-z0-9_-]+`)
	ManageLinkPattern  = regexp.MustCompile(`http://[^\s]+/iscrizioni/gestisci/[0-9]+\.[A-Za-z0-9_-]+`)
)

// lastMessage is the newest message to an address whose subject contains subj.
func LastMessage(t *testing.T, smtp *mailtest.Server, to, subj string) mailtest.Received {
	t.Helper()
	msgs := smtp.Messages()
	for i := len(msgs) - 1; i >= 0; i-- {
		if len(msgs[i].To) == 1 && msgs[i].To[0] == to && strings.Contains(msgs[i].Subject, subj) {
			return msgs[i]
		}
	}
	t.Fatalf("no message to %s about %q among %d", to, subj, len(msgs))
	return mailtest.Received{}
}

func FindLink(t *testing.T, re *regexp.Regexp, body, base string) string {
	t.Helper()
	link := re.FindString(body)
	if link == "" {
		t.Fatalf("no link %s in %q", re, body)
	}
	return strings.TrimPrefix(link, base)
}

func Intp(n int) *int { return &n }

// pdfToText extracts the text of a PDF with poppler's pdftotext.
func PDFToText(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "a.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (Debian package poppler-utils) failed: %v", err)
	}
	return string(out)
}
