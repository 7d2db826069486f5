package pactimport

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"benicommunity/internal/domain"
)

func load(t *testing.T, name string) *Table {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab, err := Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func TestWindows1252SemicolonItalianDates(t *testing.T) {
	tab := load(t, "genova-1252.csv")
	if tab.Encoding != "windows-1252" || tab.Delimiter != ';' || len(tab.Rows) != 3 {
		t.Fatalf("encoding %s, delimiter %q, %d rows", tab.Encoding, tab.Delimiter, len(tab.Rows))
	}
	m, err := DetectMapping(tab.Header, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Convert(tab, m)
	if err != nil {
		t.Fatal(err)
	}
	r := b.Records[0]
	if r.Title != "Cura dell'aiuola di piazza Libertà" || r.Status != domain.PactSigned || r.SignedOn.Format("2006-01-02") != "2023-03-15" {
		t.Errorf("record = %+v", r)
	}
	if *r.Latitude != 44.4056 || *r.Longitude != 8.9463 || *r.Duration != 12 || r.Organisations[0] != "Amici della città" {
		t.Errorf("numbers or names = %v %v %v %v", *r.Latitude, *r.Longitude, *r.Duration, r.Organisations)
	}
	if b.Records[1].ProposerKind != domain.ProposerSchool || b.Records[1].Status != domain.PactInReview || b.Records[2].Status != domain.PactAwaitingDocs {
		t.Errorf("row 2-3 = %+v %+v", b.Records[1], b.Records[2])
	}
	if b.Records[2].ProposerKind != domain.ProposerCitizen || b.Records[2].Latitude != nil {
		t.Errorf("row 3 = %+v", b.Records[2])
	}
}

func TestPalermoHeaderMapsAutomatically(t *testing.T) {
	tab := load(t, "palermo.csv")
	if tab.Encoding != "utf-8" || tab.Delimiter != ',' || tab.Header[0] != "Id" {
		t.Fatalf("encoding %s, delimiter %q, header %q (a byte order mark must not stick to it)", tab.Encoding, tab.Delimiter, tab.Header[0])
	}
	m, err := DetectMapping(tab.Header, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Field{"Id": FieldSourceID, "Lat.": FieldLatitude, "Long.": FieldLongitude, "Indirizzo": FieldAddress,
		"Quartiere": FieldNeighbourhood, "Circoscrizione": FieldDistrict, "Proponente": FieldProposerKind, "Titolo proposta": FieldTitle,
		"Stato di avanzamento": FieldStatus, "Patto di Collaborazione sottoscritto": FieldURL, "Nota per attività conclusive": FieldMonitoring,
		"Rappresentante": "", "UPL": "", "Foto": "", "Coordinate": ""}
	for _, c := range m.Columns(tab.Header) {
		if w, ok := want[c.Column]; !ok || w != c.Field {
			t.Errorf("column %q → %q, want %q", c.Column, c.Field, w)
		}
	}
	b, err := Convert(tab, m)
	if err != nil {
		t.Fatal(err)
	}
	statuses := []domain.PactStatus{domain.PactSigned, domain.PactInReview, domain.PactExtended, domain.PactArchived}
	for i, r := range b.Records {
		if r.Status != statuses[i] {
			t.Errorf("row %d status %s, want %s", i, r.Status, statuses[i])
		}
		if strings.Contains(r.Title+r.Address+strings.Join(r.Organisations, ""), "Rossi") {
			t.Errorf("a representative's name was imported: %+v", r)
		}
	}
	if *b.Records[0].Latitude != 38.1157 || b.Records[1].ProposerKind != domain.ProposerCommittee || b.Records[3].ProposerKind != domain.ProposerCitizen {
		t.Errorf("records = %+v", b.Records)
	}
	// a manual mapping wins: take Foto as the link and ignore the pact link
	m, err = DetectMapping(tab.Header, map[string]Field{"Foto": FieldURL, "Patto di Collaborazione sottoscritto": FieldIgnore})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range m.Columns(tab.Header) {
		if (c.Column == "Foto") != (c.Field == FieldURL) {
			t.Errorf("override: %q → %q", c.Column, c.Field)
		}
	}
}

func TestBadRowNamesLineAndColumn(t *testing.T) {
	tab := load(t, "bad-date.csv")
	m, err := DetectMapping(tab.Header, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Convert(tab, m)
	var re *RowError
	if !errors.As(err, &re) || re.Line != 3 || re.Column != "Data sottoscrizione" {
		t.Fatalf("error = %v, want line 3, column Data sottoscrizione", err)
	}
	if !strings.Contains(re.Italian(), "riga 3") || !strings.Contains(re.Italian(), "31/02/2023") || !strings.Contains(re.Error(), "line 3") {
		t.Errorf("messages: %q / %q", re.Italian(), re.Error())
	}
}

func TestRowRules(t *testing.T) {
	for _, c := range []struct{ csv, column string }{
		{"Id,Titolo,Stato,Proponente,Organizzazione\n1,T,proposta,privato cittadino,Mario Rossi\n", "Organizzazione"},
		{"Id,Titolo,Stato\n1,T,boh\n", "Stato"},
		{"Id,Titolo,Stato\n1,,proposta\n", "Titolo"},
		{"Id,Titolo,Stato\n1,T,proposta\n1,U,proposta\n", "Id"},
		{"Id,Titolo,Stato,Lat\n1,T,proposta,95\n", "Lat"},
		{"Id,Titolo,Stato,Link\n1,T,proposta,javascript:alert(1)\n", "Link"},
	} {
		tab, err := Parse(strings.NewReader(c.csv))
		if err != nil {
			t.Fatal(err)
		}
		m, err := DetectMapping(tab.Header, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Convert(tab, m)
		var re *RowError
		if !errors.As(err, &re) || re.Column != c.column {
			t.Errorf("%q: %v, want an error on column %s", c.csv, err, c.column)
		}
	}
	if _, err := DetectMapping([]string{"Titolo", "Stato"}, nil); err == nil {
		t.Error("a file without an id column was accepted")
	}
}

func TestPreview(t *testing.T) {
	p, err := PreviewFile(load(t, "palermo.csv"), nil, 2)
	if err != nil {
		t.Fatal(err)
	}
	if p.Total != 4 || len(p.Records) != 2 || len(p.Columns) != 15 {
		t.Errorf("preview = %+v", p)
	}
}

// FuzzParse checks the parser's invariants on any input: it never panics;
// a parsed table has a header, every row is as long as the header, lines
// grow, and every cell is valid UTF-8 without surrounding spaces; mapping
// and converting never panic and every error is a RowError or ErrEmpty.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"palermo.csv", "genova-1252.csv", "bad-date.csv"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := Parse(bytes.NewReader(data))
		if err != nil {
			var re *RowError
			if !errors.Is(err, ErrEmpty) && !errors.As(err, &re) {
				t.Fatalf("error of an unexpected type: %v", err)
			}
			return
		}
		if len(tab.Header) == 0 || len(tab.Rows) != len(tab.Lines) {
			t.Fatalf("header %v, %d rows, %d lines", tab.Header, len(tab.Rows), len(tab.Lines))
		}
		prev := 1
		for i, row := range tab.Rows {
			if len(row) != len(tab.Header) {
				t.Fatalf("row %d has %d cells, header %d", i, len(row), len(tab.Header))
			}
			if tab.Lines[i] <= prev-1 || tab.Lines[i] < 2 {
				t.Fatalf("row %d starts at line %d after %d", i, tab.Lines[i], prev)
			}
			prev = tab.Lines[i]
			for _, c := range row {
				if !utf8.ValidString(c) || c != strings.TrimSpace(c) {
					t.Fatalf("cell %q", c)
				}
			}
		}
		m, err := DetectMapping(tab.Header, nil)
		if err != nil {
			return
		}
		b, err := Convert(tab, m)
		if err != nil {
			var re *RowError
			if !errors.As(err, &re) || re.Line < 2 {
				t.Fatalf("convert error %v", err)
			}
			return
		}
		for _, r := range b.Records {
			if r.SourceID == "" || r.Title == "" || !r.Status.Valid() {
				t.Fatalf("an invalid record passed: %+v", r)
			}
			if len(r.Organisations) > 0 && !r.ProposerKind.MayNameOrganisations() {
				t.Fatalf("a private citizen's name passed: %+v", r)
			}
		}
	})
}
