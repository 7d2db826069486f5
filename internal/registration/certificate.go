package registration

import (
	"bytes"
	"fmt"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// CertificateText is what an attendance certificate states, already in the
// reader's language.
type CertificateText struct {
	Network  string // the network issuing it
	Heading  string // "Attestato di partecipazione"
	Intro    string // "Si attesta che"
	Name     string
	Body     string // "ha partecipato all'attività"
	Activity string
	When     string // date and hours, written out
	Code     string // verification code line
	VerifyAt string // where to verify it
}

// CertificatePDF renders the certificate on one A4 landscape page. It uses a
// PDF core font with the cp1252 encoding, which holds every Italian accented
// letter, so no font file has to be embedded.
func CertificatePDF(c CertificateText) ([]byte, error) {
	pdf := fpdf.New("L", "mm", "A4", "")
	pdf.SetTitle(c.Heading+" - "+c.Name, true)
	pdf.SetCreator(c.Network, true)
	tr := pdf.UnicodeTranslatorFromDescriptor("cp1252")
	pdf.SetMargins(25, 25, 25)
	pdf.SetAutoPageBreak(false, 20)
	pdf.AddPage()
	w, h := pdf.GetPageSize()
	pdf.SetDrawColor(0, 102, 204)
	pdf.SetLineWidth(1.2)
	pdf.Rect(12, 12, w-24, h-24, "D")

	line := func(style string, size float64, text string, gap float64) {
		pdf.SetFont("Helvetica", style, size)
		pdf.SetY(pdf.GetY() + gap)
		pdf.MultiCell(0, size*0.5, tr(text), "", "C", false)
	}
	pdf.SetY(30)
	pdf.SetTextColor(0, 102, 204)
	line("", 14, c.Network, 0)
	line("B", 30, c.Heading, 10)
	pdf.SetTextColor(25, 25, 25)
	line("", 14, c.Intro, 12)
	line("B", 24, c.Name, 4)
	line("", 14, c.Body, 6)
	line("B", 18, c.Activity, 4)
	line("", 13, c.When, 6)
	pdf.SetTextColor(80, 80, 80)
	pdf.SetY(h - 48)
	line("", 11, c.Code, 0)
	line("", 10, c.VerifyAt, 2)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("render certificate PDF: %w", err)
	}
	return buf.Bytes(), nil
}

// CertificateFilename is a safe download name for a certificate.
func CertificateFilename(code string) string {
	return "attestato-" + strings.ToLower(strings.ReplaceAll(code, "-", "")) + ".pdf"
}
