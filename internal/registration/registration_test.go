package registration_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"benicommunity/internal/registration"
)

func TestICSParsesBackInRome(t *testing.T) {
	rome, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2027, 3, 12, 9, 30, 0, 0, rome)
	out := registration.ICS(registration.Event{UID: "reg-7@example.it", Title: "Tappa, Chieri; città", Start: start, End: start.Add(3 * time.Hour),
		Location: "Sala consiliare", Description: "Collegamento: https://meet.example.it/x", URL: "https://example.it/tappe/x"}, time.Now())
	text := string(out)
	for _, want := range []string{"BEGIN:VTIMEZONE", "TZID:Europe/Rome", "BEGIN:DAYLIGHT", "DTSTART;TZID=Europe/Rome:20270312T093000", "\r\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("calendar lacks %q:\n%s", want, text)
		}
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	evs := cal.Events()
	if len(evs) != 1 {
		t.Fatalf("%d events", len(evs))
	}
	got, err := evs[0].GetStartAt()
	if err != nil {
		t.Fatal(err)
	}
	end, err := evs[0].GetEndAt()
	if err != nil {
		t.Fatal(err)
	}
	if !got.Equal(start) || !end.Equal(start.Add(3*time.Hour)) {
		t.Errorf("start/end parsed back = %v / %v, want %v", got, end, start)
	}
	if s := evs[0].GetProperty(ics.ComponentPropertySummary).Value; s != "Tappa, Chieri; città" {
		t.Errorf("summary parsed back = %q", s)
	}
}

func TestCertificateText(t *testing.T) {
	pdf, err := registration.CertificatePDF(registration.CertificateText{Network: "Rete dei beni comuni", Heading: "Attestato di partecipazione",
		Intro: "Si attesta che", Name: "Niccolò Fornà", Body: "ha partecipato all'attività", Activity: "Formazione sulla città",
		When: "il 12 marzo 2027, per 3,5 ore", Code: "Codice di verifica: ABCD-EFGH-JKLM", VerifyAt: "https://example.it/attestati/ABCD-EFGH-JKLM"})
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	for _, want := range []string{"Attestato di partecipazione", "Niccolò Fornà", "Formazione sulla città", "12 marzo 2027", "ABCD-EFGH-JKLM"} {
		if !strings.Contains(text, want) {
			t.Errorf("certificate text lacks %q:\n%s", want, text)
		}
	}
}

// pdfText extracts the text of a PDF with poppler's pdftotext.
func pdfText(t *testing.T, pdf []byte) string {
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
