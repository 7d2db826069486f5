package domain

import (
	"fmt"
	"time"
)

// PactStatus is a step in the life of a patto di collaborazione.
type PactStatus string

const (
	PactProposed     PactStatus = "proposta"
	PactInReview     PactStatus = "istruttoria"
	PactAwaitingDocs PactStatus = "in_attesa_integrazione"
	PactRejected     PactStatus = "respinta"
	PactSigned       PactStatus = "sottoscritto"
	PactActive       PactStatus = "in_corso"
	PactExtended     PactStatus = "prorogato"
	PactConcluded    PactStatus = "concluso"
	PactArchived     PactStatus = "archiviato"
)

// PactStatuses lists the statuses in the order of a pact's life.
var PactStatuses = []PactStatus{PactProposed, PactInReview, PactAwaitingDocs, PactRejected, PactSigned,
	PactActive, PactExtended, PactConcluded, PactArchived}

// pactTransitions are the statuses a pact may move to from each status.
var pactTransitions = map[PactStatus][]PactStatus{
	PactProposed:     {PactInReview, PactRejected, PactArchived},
	PactInReview:     {PactAwaitingDocs, PactRejected, PactSigned, PactArchived},
	PactAwaitingDocs: {PactInReview, PactRejected, PactArchived},
	PactRejected:     {PactArchived},
	PactSigned:       {PactActive, PactConcluded, PactArchived},
	PactActive:       {PactExtended, PactConcluded},
	PactExtended:     {PactExtended, PactConcluded},
	PactConcluded:    {PactExtended, PactArchived},
	PactArchived:     nil,
}

// Valid reports whether s is a known status.
func (s PactStatus) Valid() bool {
	_, ok := pactTransitions[s]
	return ok
}

// LabelKey is the catalogue id of the status's label.
func (s PactStatus) LabelKey() string { return "registry.pact_status." + string(s) }

// Next lists the statuses a pact in s may move to.
func (s PactStatus) Next() []PactStatus { return pactTransitions[s] }

// CanMoveTo reports whether a pact in s may move to next.
func (s PactStatus) CanMoveTo(next PactStatus) bool {
	for _, v := range pactTransitions[s] {
		if v == next {
			return true
		}
	}
	return false
}

// IsSigned reports whether a pact in s has been signed (it has a signing date).
func (s PactStatus) IsSigned() bool {
	switch s {
	case PactSigned, PactActive, PactExtended, PactConcluded:
		return true
	}
	return false
}

// ErrTransition is returned for a status change the life of a pact does not allow.
type ErrTransition struct{ From, To PactStatus }

func (e ErrTransition) Error() string {
	return fmt.Sprintf("a pact cannot go from %q to %q", e.From, e.To)
}

// CheckTransition returns an ErrTransition when from may not move to to.
func CheckTransition(from, to PactStatus) error {
	if !to.Valid() {
		return fmt.Errorf("unknown pact status %q", to)
	}
	if !from.CanMoveTo(to) {
		return ErrTransition{From: from, To: to}
	}
	return nil
}

// ProposerKind is who proposed a pact. Pacts record kinds, counts and
// organisation names only: never the names of private persons.
type ProposerKind string

const (
	ProposerCitizen       ProposerKind = "privato_cittadino"
	ProposerInformalGroup ProposerKind = "gruppo_informale"
	ProposerAssociation   ProposerKind = "associazione"
	ProposerCommittee     ProposerKind = "comitato"
	ProposerThirdSector   ProposerKind = "ente_terzo_settore"
	ProposerSchool        ProposerKind = "scuola"
	ProposerCompany       ProposerKind = "impresa"
)

// ProposerKinds lists the kinds in display order.
var ProposerKinds = []ProposerKind{ProposerCitizen, ProposerInformalGroup, ProposerAssociation, ProposerCommittee,
	ProposerThirdSector, ProposerSchool, ProposerCompany}

// Valid reports whether k is a known kind.
func (k ProposerKind) Valid() bool {
	for _, v := range ProposerKinds {
		if v == k {
			return true
		}
	}
	return false
}

// LabelKey is the catalogue id of the kind's label.
func (k ProposerKind) LabelKey() string { return "registry.proposer_kind." + string(k) }

// MayNameOrganisations reports whether organisation names may be recorded
// for proposers of this kind: a private citizen is a person, not published.
func (k ProposerKind) MayNameOrganisations() bool { return k != ProposerCitizen }

// CommonsKind is a kind of common good (area verde, piazza, edificio…): data.
type CommonsKind struct {
	ID       int64
	Slug     string
	Name     string
	Position int
}

// PactType is a type of pact as a body's regulation names it (ordinario,
// complesso…). BodyID is 0 for the network's defaults.
type PactType struct {
	ID       int64
	BodyID   int64
	Slug     string
	Name     string
	Position int
}

// PactStatusChange is one step of a pact's history.
type PactStatusChange struct {
	Status PactStatus
	On     time.Time // a day
	Note   string
}

// Place is where a common good is.
type Place struct {
	Address           string
	MunicipalityISTAT string
	Municipality      string
	Neighbourhood     string
	District          string // circoscrizione
	Latitude          *float64
	Longitude         *float64
}

// Act is an administrative act: number, date and link.
type Act struct {
	Number string
	Date   *time.Time
	URL    string
}

// Pact is a patto di collaborazione between a body and active citizens.
type Pact struct {
	ID             int64
	Body           BodyRef
	Slug           string
	Title          string
	Summary        string // Markdown
	CommonsKind    *CommonsKind
	Type           *PactType
	Place          Place
	ProposerKind   ProposerKind // empty when not known
	ProposerCount  *int
	ProposerOrgs   []string // organisation names; never private persons
	Status         PactStatus
	StatusOn       *time.Time // day of the last status change
	SignedOn       *time.Time
	DurationMonths *int
	EndsOn         *time.Time
	Act            Act
	Monitoring     string // Markdown
	Results        string // Markdown
	Published      bool
	SourceID       string
	Themes         []Theme
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Year is the year a pact counts in: its signing year, else the year of its
// last status change, else 0.
func (p Pact) Year() int { return PactYear(p.SignedOn, p.StatusOn) }

// PactYear is the year a pact counts in (see Pact.Year).
func PactYear(signedOn, statusOn *time.Time) int {
	if signedOn != nil {
		return signedOn.Year()
	}
	if statusOn != nil {
		return statusOn.Year()
	}
	return 0
}

// EndDate returns the end date derived from signing date and duration
// (signing date plus the months), or nil when either is missing.
func EndDate(signedOn *time.Time, months *int) *time.Time {
	if signedOn == nil || months == nil || *months <= 0 {
		return nil
	}
	t := signedOn.AddDate(0, *months, 0)
	return &t
}

// ValidatePactDates checks the dates of a pact: an end date entered must
// not come before the signing date, and must match signing date plus
// duration when all three are given. It returns the end date to store
// (entered or derived).
func ValidatePactDates(signedOn *time.Time, months *int, endsOn *time.Time) (*time.Time, error) {
	if months != nil && *months <= 0 {
		return nil, fmt.Errorf("the duration must be a positive number of months, not %d", *months)
	}
	derived := EndDate(signedOn, months)
	if endsOn == nil {
		return derived, nil
	}
	if signedOn != nil && endsOn.Before(*signedOn) {
		return nil, fmt.Errorf("the end date %s comes before the signing date %s", endsOn.Format(time.DateOnly), signedOn.Format(time.DateOnly))
	}
	if derived != nil && !derived.Equal(*endsOn) {
		return nil, fmt.Errorf("the end date %s does not match signing date plus %d months (%s)", endsOn.Format(time.DateOnly), *months, derived.Format(time.DateOnly))
	}
	return endsOn, nil
}
