package domain

import (
	"encoding/json"
	"time"
)

// RegulationStatus says whether a body has adopted a regulation on shared
// administration of the commons. It has three values: the zero value means
// not known (the body has no regulation record).
type RegulationStatus string

const (
	RegulationUnknown    RegulationStatus = ""
	RegulationAdopted    RegulationStatus = "adopted"
	RegulationNotAdopted RegulationStatus = "not_adopted"
)

// RegulationStatuses lists the statuses a record can hold, in display order.
var RegulationStatuses = []RegulationStatus{RegulationAdopted, RegulationNotAdopted}

// Valid reports whether s is a status a record can hold (not unknown).
func (s RegulationStatus) Valid() bool { return s == RegulationAdopted || s == RegulationNotAdopted }

// Known reports whether the status is known. Exports write an unknown status
// as null (JSON) or an empty cell (CSV), never as "not adopted".
func (s RegulationStatus) Known() bool { return s.Valid() }

// Adopted reports whether the regulation is known to be adopted.
func (s RegulationStatus) Adopted() bool { return s == RegulationAdopted }

// LabelKey is the catalogue id of the status's label ("adottato",
// "non adottato", "non indicato").
func (s RegulationStatus) LabelKey() string {
	if !s.Known() {
		return "registry.regulation_status.unknown"
	}
	return "registry.regulation_status." + string(s)
}

// Bool is the status as an optional boolean: nil when not known.
func (s RegulationStatus) Bool() *bool {
	if !s.Known() {
		return nil
	}
	v := s == RegulationAdopted
	return &v
}

// CSV is the status as a CSV cell: "true", "false" or empty when not known.
func (s RegulationStatus) CSV() string {
	switch s {
	case RegulationAdopted:
		return "true"
	case RegulationNotAdopted:
		return "false"
	}
	return ""
}

// MarshalJSON writes the status code, or null when not known.
func (s RegulationStatus) MarshalJSON() ([]byte, error) {
	if !s.Known() {
		return []byte("null"), nil
	}
	return json.Marshal(string(s))
}

// UnmarshalJSON reads a status code; null or "" is not known.
func (s *RegulationStatus) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*s = RegulationUnknown
		return nil
	}
	var v string
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*s = RegulationStatus(v)
	return nil
}

// RegulationRevision is a later change of a regulation by a new act.
type RegulationRevision struct {
	ID        int64
	ActNumber string
	ActDate   time.Time
	URL       string
	Note      string
}

// Regulation is a body's regulation on shared administration of the commons:
// the council act that approved it (delibera di Consiglio), the official text
// and its later revisions.
type Regulation struct {
	ID        int64
	BodyID    int64
	Status    RegulationStatus
	Title     string
	ActNumber string     // number of the delibera di Consiglio
	ActDate   *time.Time // a day
	URL       string     // the official text
	Offices   string     // offices in charge
	Revisions []RegulationRevision
	CreatedAt time.Time
	UpdatedAt time.Time
}
