package pactimport

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"benicommunity/internal/domain"
)

// Record is one valid row: the values of the public schema it gives.
// Pointers and empty strings are cells left empty.
type Record struct {
	Line          int
	SourceID      string
	Title         string
	Summary       string
	Status        domain.PactStatus
	StatusOn      *time.Time
	SignedOn      *time.Time
	Duration      *int
	EndsOn        *time.Time
	Latitude      *float64
	Longitude     *float64
	Address       string
	Municipality  string
	Neighbourhood string
	District      string
	ProposerKind  domain.ProposerKind
	ProposerCount *int
	Organisations []string
	CommonsKind   string // slug or name of a kind of commons, matched by the store
	PactType      string // slug or name of one of the body's pact types, matched by the store
	ActNumber     string
	ActDate       *time.Time
	URL           string
	Monitoring    string
}

// Batch is a file's valid records and the fields its columns fill: an
// import changes only those fields of a pact it already has.
type Batch struct {
	Fields  []Field
	Records []Record
}

// Has reports whether the batch's columns fill f.
func (b Batch) Has(f Field) bool {
	for _, v := range b.Fields {
		if v == f {
			return true
		}
	}
	return false
}

// Convert validates every row with the mapping and returns the records. The
// first invalid row stops it: the error is a *RowError naming line, column
// and reason. Two rows with the same id are an error too.
func Convert(t *Table, m Mapping) (Batch, error) {
	b := Batch{Fields: m.Fields()}
	seen := map[string]int{}
	for i, row := range t.Rows {
		r, err := convertRow(t.Header, row, t.Lines[i], m)
		if err != nil {
			return Batch{}, err
		}
		if prev, dup := seen[r.SourceID]; dup {
			return Batch{}, &RowError{Line: r.Line, Column: columnOf(t.Header, m, FieldSourceID),
				It: fmt.Sprintf("l'id «%s» è già alla riga %d", r.SourceID, prev), En: fmt.Sprintf("the id %q is already on line %d", r.SourceID, prev)}
		}
		seen[r.SourceID] = r.Line
		b.Records = append(b.Records, r)
	}
	return b, nil
}

func columnOf(header []string, m Mapping, f Field) string {
	for i, v := range m {
		if v == f {
			return header[i]
		}
	}
	return ""
}

func convertRow(header, row []string, line int, m Mapping) (Record, error) {
	r := Record{Line: line}
	fail := func(col int, it, en string) error { return &RowError{Line: line, Column: header[col], It: it, En: en} }
	for col := 0; col < len(header); col++ {
		f, ok := m[col]
		if !ok {
			continue
		}
		v := row[col]
		var err error
		switch f {
		case FieldSourceID:
			r.SourceID = v
		case FieldTitle:
			r.Title = v
		case FieldSummary:
			r.Summary = v
		case FieldMonitoring:
			r.Monitoring = v
		case FieldAddress:
			r.Address = v
		case FieldMunicipality:
			r.Municipality = v
		case FieldNeighbourhood:
			r.Neighbourhood = v
		case FieldDistrict:
			r.District = v
		case FieldCommonsKind:
			r.CommonsKind = v
		case FieldPactType:
			r.PactType = v
		case FieldActNumber:
			r.ActNumber = v
		case FieldURL:
			if v != "" && !strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "https://") {
				return r, fail(col, fmt.Sprintf("«%s» non è un indirizzo web (deve iniziare con http:// o https://)", v),
					fmt.Sprintf("%q is not a web address (it must start with http:// or https://)", v))
			}
			r.URL = v
		case FieldStatus:
			s, ok := ParseStatus(v)
			if !ok {
				return r, fail(col, fmt.Sprintf("stato «%s» non riconosciuto", v), fmt.Sprintf("unknown status %q", v))
			}
			r.Status = s
		case FieldProposerKind:
			if v == "" {
				break
			}
			k, ok := ParseProposerKind(v)
			if !ok {
				return r, fail(col, fmt.Sprintf("tipo di proponente «%s» non riconosciuto", v), fmt.Sprintf("unknown kind of proposer %q", v))
			}
			r.ProposerKind = k
		case FieldOrganisations:
			for _, o := range strings.Split(v, "|") {
				if o = strings.TrimSpace(o); o != "" {
					r.Organisations = append(r.Organisations, o)
				}
			}
		case FieldStatusOn, FieldSignedOn, FieldEndsOn, FieldActDate:
			var d *time.Time
			if d, err = ParseDate(v); err != nil {
				return r, fail(col, fmt.Sprintf("data «%s» non valida: scrivi gg/mm/aaaa o aaaa-mm-gg", v),
					fmt.Sprintf("invalid date %q: write dd/mm/yyyy or yyyy-mm-dd", v))
			}
			switch f {
			case FieldStatusOn:
				r.StatusOn = d
			case FieldSignedOn:
				r.SignedOn = d
			case FieldEndsOn:
				r.EndsOn = d
			case FieldActDate:
				r.ActDate = d
			}
		case FieldDuration, FieldProposerCount:
			if v == "" {
				break
			}
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || (f == FieldDuration && n == 0) {
				return r, fail(col, fmt.Sprintf("«%s» non è un numero intero positivo", v), fmt.Sprintf("%q is not a positive whole number", v))
			}
			if f == FieldDuration {
				r.Duration = &n
			} else {
				r.ProposerCount = &n
			}
		case FieldLatitude, FieldLongitude:
			x, err := ParseNumber(v)
			if err != nil {
				return r, fail(col, fmt.Sprintf("coordinata «%s» non valida", v), fmt.Sprintf("invalid coordinate %q", v))
			}
			limit := 90.0
			if f == FieldLongitude {
				limit = 180
			}
			if x != nil && (*x < -limit || *x > limit) {
				return r, fail(col, fmt.Sprintf("coordinata %s fuori intervallo (±%.0f)", v, limit), fmt.Sprintf("coordinate %s out of range (±%.0f)", v, limit))
			}
			if f == FieldLatitude {
				r.Latitude = x
			} else {
				r.Longitude = x
			}
		}
	}
	col := func(f Field) int {
		for i, v := range m {
			if v == f {
				return i
			}
		}
		return 0
	}
	switch {
	case r.SourceID == "":
		return r, fail(col(FieldSourceID), "manca l'id", "the id is missing")
	case r.Title == "":
		return r, fail(col(FieldTitle), "manca il titolo", "the title is missing")
	case r.Status == "":
		return r, fail(col(FieldStatus), "manca lo stato", "the status is missing")
	case (r.Latitude == nil) != (r.Longitude == nil):
		return r, fail(col(FieldLatitude), "indica latitudine e longitudine, o nessuna delle due", "give both latitude and longitude, or neither")
	case len(r.Organisations) > 0 && !r.ProposerKind.MayNameOrganisations():
		return r, fail(col(FieldOrganisations), "i nomi si registrano solo per le organizzazioni, mai per un privato cittadino",
			"names are recorded for organisations only, never for a private citizen")
	case len(r.Organisations) > 0 && r.ProposerKind == "":
		return r, fail(col(FieldOrganisations), "indica il tipo di proponente per registrare il nome dell'organizzazione",
			"give the kind of proposer to record an organisation's name")
	}
	if _, err := domain.ValidatePactDates(r.SignedOn, r.Duration, r.EndsOn); err != nil {
		return r, fail(col(FieldEndsOn), "la data di fine non è coerente con la data di sottoscrizione e la durata", err.Error())
	}
	return r, nil
}

// ParseDate reads dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy) or
// yyyy-mm-dd; an empty cell is nil.
func ParseDate(v string) (*time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil, nil
	}
	if len(v) > 10 && v[10] == ' ' || len(v) > 10 && v[10] == 'T' {
		v = v[:10] // a time after the day is dropped
	}
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006", "02-01-2006", "2-1-2006", "02.01.2006", "2.1.2006"} {
		if t, err := time.Parse(layout, v); err == nil {
			return &t, nil
		}
	}
	return nil, fmt.Errorf("invalid date %q", v)
}

// ParseNumber reads a decimal number with a point or a comma; an empty cell is nil.
func ParseNumber(v string) (*float64, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil, nil
	}
	if strings.Count(v, ",") == 1 && !strings.Contains(v, ".") {
		v = strings.Replace(v, ",", ".", 1)
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil || x != x { // NaN
		return nil, fmt.Errorf("invalid number %q", v)
	}
	return &x, nil
}

// statusWords map words found in offices' files to statuses, checked in
// order: "istruttoria in corso" is under review, not active; Palermo's
// "proroga e/o monitoraggio e valutazione dei risultati" is extended.
var statusWords = []struct {
	word   string
	status domain.PactStatus
}{
	{"archiviat", domain.PactArchived}, {"respint", domain.PactRejected}, {"rigettat", domain.PactRejected},
	{"integrazion", domain.PactAwaitingDocs}, {"istruttori", domain.PactInReview}, {"proroga", domain.PactExtended},
	{"stipulat", domain.PactSigned}, {"sottoscritt", domain.PactSigned}, {"firmat", domain.PactSigned},
	{"in corso", domain.PactActive}, {"attivo", domain.PactActive}, {"conclus", domain.PactConcluded},
	{"terminat", domain.PactConcluded}, {"scadut", domain.PactConcluded}, {"propost", domain.PactProposed}, {"presentat", domain.PactProposed},
}

// ParseStatus reads a status as a code of the schema or as offices write it.
func ParseStatus(v string) (domain.PactStatus, bool) {
	n := Normalise(v)
	if s := domain.PactStatus(strings.ReplaceAll(n, " ", "_")); s.Valid() {
		return s, true
	}
	for _, w := range statusWords {
		if strings.Contains(n, w.word) {
			return w.status, true
		}
	}
	return "", false
}

var proposerWords = []struct {
	word string
	kind domain.ProposerKind
}{
	{"persona fisica", domain.ProposerCitizen}, {"privat", domain.ProposerCitizen}, {"cittadin", domain.ProposerCitizen},
	{"singol", domain.ProposerCitizen}, {"gruppo", domain.ProposerInformalGroup}, {"terzo settore", domain.ProposerThirdSector},
	{"ets", domain.ProposerThirdSector}, {"associazion", domain.ProposerAssociation}, {"comitat", domain.ProposerCommittee},
	{"scuol", domain.ProposerSchool}, {"istitut", domain.ProposerSchool}, {"societa", domain.ProposerCompany},
	{"impres", domain.ProposerCompany}, {"aziend", domain.ProposerCompany},
}

// ParseProposerKind reads a kind of proposer as a code of the schema or as
// offices write it (Palermo: persona fisica, gruppo informale, associazione,
// comitato civico, società, istituto).
func ParseProposerKind(v string) (domain.ProposerKind, bool) {
	n := Normalise(v)
	if k := domain.ProposerKind(strings.ReplaceAll(n, " ", "_")); k.Valid() {
		return k, true
	}
	for _, w := range proposerWords {
		if n == w.word || strings.HasPrefix(n, w.word) || strings.Contains(n, " "+w.word) {
			return w.kind, true
		}
	}
	return "", false
}

// Preview is what an import would read: the detected mapping and the first rows.
type Preview struct {
	Encoding  string
	Delimiter string
	Columns   []ColumnMapping
	Records   []Record
	Total     int // rows in the file
}

// PreviewFile parses a file, maps its columns (override as in DetectMapping)
// and converts its first n rows. An invalid row among them is an error.
func PreviewFile(t *Table, override map[string]Field, n int) (Preview, error) {
	p := Preview{Encoding: t.Encoding, Delimiter: string(t.Delimiter), Total: len(t.Rows)}
	m, err := DetectMapping(t.Header, override)
	if err != nil {
		return p, err
	}
	p.Columns = m.Columns(t.Header)
	head := &Table{Header: t.Header, Rows: t.Rows[:min(n, len(t.Rows))], Lines: t.Lines[:min(n, len(t.Rows))]}
	b, err := Convert(head, m)
	if err != nil {
		return p, err
	}
	p.Records = b.Records
	return p, nil
}
