package pactimport

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Field is a field of the public schema of pacts a column can fill.
type Field string

const (
	FieldIgnore        Field = "-" // a column deliberately not imported
	FieldSourceID      Field = "source_id"
	FieldTitle         Field = "title"
	FieldSummary       Field = "summary"
	FieldStatus        Field = "status"
	FieldStatusOn      Field = "status_on"
	FieldSignedOn      Field = "signed_on"
	FieldDuration      Field = "duration_months"
	FieldEndsOn        Field = "ends_on"
	FieldLatitude      Field = "latitude"
	FieldLongitude     Field = "longitude"
	FieldAddress       Field = "address"
	FieldMunicipality  Field = "municipality"
	FieldNeighbourhood Field = "neighbourhood"
	FieldDistrict      Field = "district"
	FieldProposerKind  Field = "proposer_kind"
	FieldProposerCount Field = "proposer_count"
	FieldOrganisations Field = "proposer_orgs"
	FieldCommonsKind   Field = "commons_kind"
	FieldPactType      Field = "pact_type"
	FieldActNumber     Field = "act_number"
	FieldActDate       Field = "act_date"
	FieldURL           Field = "url"
	FieldMonitoring    Field = "monitoring"
)

// Fields lists the fields a column can be mapped to, in schema order.
var Fields = []Field{FieldSourceID, FieldTitle, FieldSummary, FieldStatus, FieldStatusOn, FieldSignedOn, FieldDuration, FieldEndsOn,
	FieldLatitude, FieldLongitude, FieldAddress, FieldMunicipality, FieldNeighbourhood, FieldDistrict, FieldProposerKind,
	FieldProposerCount, FieldOrganisations, FieldCommonsKind, FieldPactType, FieldActNumber, FieldActDate, FieldURL, FieldMonitoring}

// Valid reports whether f is a known field or FieldIgnore.
func (f Field) Valid() bool {
	if f == FieldIgnore {
		return true
	}
	for _, v := range Fields {
		if v == f {
			return true
		}
	}
	return false
}

// headerNames are the normalised column names each field is known by;
// Palermo's monitoring file is covered (Id, Lat., Long., Indirizzo,
// Quartiere, Circoscrizione, Proponente, Titolo proposta, Stato di
// avanzamento, Patto di Collaborazione sottoscritto).
var headerNames = map[string]Field{
	"id": FieldSourceID, "codice": FieldSourceID, "id patto": FieldSourceID, "codice patto": FieldSourceID, "source id": FieldSourceID,
	"titolo proposta": FieldTitle, "titolo": FieldTitle, "titolo patto": FieldTitle, "oggetto": FieldTitle, "denominazione": FieldTitle, "title": FieldTitle,
	"descrizione": FieldSummary, "summary": FieldSummary,
	"stato di avanzamento": FieldStatus, "stato": FieldStatus, "stato patto": FieldStatus, "fase": FieldStatus, "status": FieldStatus,
	"data stato": FieldStatusOn, "data aggiornamento": FieldStatusOn, "data proposta": FieldStatusOn, "status on": FieldStatusOn,
	"data sottoscrizione": FieldSignedOn, "data firma": FieldSignedOn, "data stipula": FieldSignedOn, "signed on": FieldSignedOn,
	"durata": FieldDuration, "durata mesi": FieldDuration, "durata in mesi": FieldDuration, "duration months": FieldDuration,
	"data fine": FieldEndsOn, "scadenza": FieldEndsOn, "data scadenza": FieldEndsOn, "ends on": FieldEndsOn,
	"lat": FieldLatitude, "latitudine": FieldLatitude, "latitude": FieldLatitude,
	"long": FieldLongitude, "lon": FieldLongitude, "lng": FieldLongitude, "longitudine": FieldLongitude, "longitude": FieldLongitude,
	"indirizzo": FieldAddress, "ubicazione": FieldAddress, "luogo": FieldAddress, "address": FieldAddress,
	"comune": FieldMunicipality, "municipality": FieldMunicipality,
	"quartiere": FieldNeighbourhood, "rione": FieldNeighbourhood, "neighbourhood": FieldNeighbourhood,
	"circoscrizione": FieldDistrict, "municipio": FieldDistrict, "district": FieldDistrict,
	"proponente": FieldProposerKind, "tipo proponente": FieldProposerKind, "soggetto proponente": FieldProposerKind, "proposer kind": FieldProposerKind,
	"numero proponenti": FieldProposerCount, "n proponenti": FieldProposerCount, "proposer count": FieldProposerCount,
	"organizzazione": FieldOrganisations, "organizzazioni": FieldOrganisations, "ente proponente": FieldOrganisations, "proposer orgs": FieldOrganisations,
	"tipo di bene": FieldCommonsKind, "tipo bene": FieldCommonsKind, "tipologia bene": FieldCommonsKind, "commons kind": FieldCommonsKind,
	"tipo patto": FieldPactType, "tipologia patto": FieldPactType, "pact type": FieldPactType,
	"numero atto": FieldActNumber, "determinazione": FieldActNumber, "act number": FieldActNumber,
	"data atto": FieldActDate, "data determinazione": FieldActDate, "act date": FieldActDate,
	"patto di collaborazione sottoscritto": FieldURL, "link patto": FieldURL, "link": FieldURL, "url": FieldURL, "documento": FieldURL,
	"nota per attivita conclusive": FieldMonitoring, "monitoraggio": FieldMonitoring, "monitoring": FieldMonitoring,
	// personal data is never imported, whatever the file holds
	"rappresentante": FieldIgnore, "referente": FieldIgnore, "nome": FieldIgnore, "cognome": FieldIgnore,
	"email": FieldIgnore, "e mail": FieldIgnore, "telefono": FieldIgnore, "cellulare": FieldIgnore, "codice fiscale": FieldIgnore,
}

// Normalise folds a header for matching: lower case, accents removed,
// punctuation turned into spaces, spaces collapsed ("Lat." → "lat",
// "Attività" → "attivita", "E-mail" → "e mail").
func Normalise(s string) string {
	folded, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	if err != nil {
		folded = s
	}
	var b strings.Builder
	for _, r := range strings.ToLower(folded) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		} else {
			b.WriteRune(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// Mapping tells which field each column fills, by column index; columns
// not in it are not imported.
type Mapping map[int]Field

// DetectMapping maps the header's columns by their names. override maps a
// column (as written, or normalised) to a field, or to FieldIgnore, and
// wins over detection. Two columns mapped to one field, an unknown field in
// the override, or no title or id column is an error.
func DetectMapping(header []string, override map[string]Field) (Mapping, error) {
	norm := map[string]Field{}
	for col, f := range override {
		if !f.Valid() {
			return nil, &RowError{It: fmt.Sprintf("campo sconosciuto «%s» per la colonna «%s»", f, col), En: fmt.Sprintf("unknown field %q for column %q", f, col)}
		}
		norm[Normalise(col)] = f
	}
	m := Mapping{}
	used := map[Field]string{}
	for i, h := range header {
		n := Normalise(h)
		f, ok := norm[n]
		if !ok {
			f, ok = headerNames[n]
		}
		if !ok || f == FieldIgnore {
			continue
		}
		if prev, dup := used[f]; dup {
			return nil, &RowError{Line: 1, Column: h,
				It: fmt.Sprintf("anche la colonna «%s» corrisponde al campo %s: indica quale usare", prev, f),
				En: fmt.Sprintf("column %q maps to field %s too: say which one to use", prev, f)}
		}
		used[f] = h
		m[i] = f
	}
	for _, need := range []Field{FieldSourceID, FieldTitle, FieldStatus} {
		if _, ok := used[need]; !ok {
			return nil, &RowError{Line: 1,
				It: fmt.Sprintf("manca una colonna per il campo %s (per esempio «%s»)", need, example(need)),
				En: fmt.Sprintf("no column for the field %s (for example %q)", need, example(need))}
		}
	}
	return m, nil
}

func example(f Field) string {
	return map[Field]string{FieldSourceID: "Id", FieldTitle: "Titolo proposta", FieldStatus: "Stato di avanzamento"}[f]
}

// ColumnMapping is one column and the field it fills ("" when not imported).
type ColumnMapping struct {
	Column string
	Field  Field
}

// Columns lists the header with the field of each column, in file order.
func (m Mapping) Columns(header []string) []ColumnMapping {
	out := make([]ColumnMapping, len(header))
	for i, h := range header {
		out[i] = ColumnMapping{Column: h, Field: m[i]}
	}
	return out
}

// Fields lists the fields the mapping fills, in schema order.
func (m Mapping) Fields() []Field {
	var out []Field
	for _, f := range m {
		out = append(out, f)
	}
	order := map[Field]int{}
	for i, f := range Fields {
		order[f] = i
	}
	sort.Slice(out, func(i, j int) bool { return order[out[i]] < order[out[j]] })
	return out
}
