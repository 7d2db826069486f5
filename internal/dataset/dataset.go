// Package dataset describes a whole network as one JSON document: the default
// data a new deployment starts with, and the shape a network is moved in.
// Bodies, types, themes and communities are referred to by slug.
package dataset

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
)

// ArchiveFormat and ArchiveVersion mark a document written by
// "benicommunity export". The version goes up whenever a field changes
// meaning or a required field is added; new optional fields keep it.
const (
	ArchiveFormat  = "benicommunity-archive"
	ArchiveVersion = 1
)

// Dataset is a network with everything it has recorded. The default data
// (default.json) leaves out what only a running database knows (format,
// settings, timestamps); an archive written by "benicommunity export" has
// it all. Lists keep their order: communities, activity types, an
// activity's themes and tables are stored in the order given.
type Dataset struct {
	Format        string            `json:"format,omitempty"`  // ArchiveFormat in an archive
	Version       int               `json:"version,omitempty"` // ArchiveVersion in an archive
	Network       Network           `json:"network"`
	Settings      map[string]string `json:"settings,omitempty"`
	Communities   []Community       `json:"communities"`
	ActivityTypes []ActivityType    `json:"activity_types"`
	Themes        []Theme           `json:"themes"`
	Bodies        []Body            `json:"bodies"`
	Activities    []Activity        `json:"activities"`
	// Personal is present only in archives exported with --include-personal.
	Personal *Personal `json:"personal,omitempty"`
}

// Personal holds the data about people (accounts, registrations). It is
// written only on explicit request and every section in it is optional.
// A feature that stores personal data adds its section here as a field
// with `json:",omitempty"` and fills/loads it in internal/store/archive.go
// (exportPersonal, importPersonal); docs/data-model.md lists the sections.
type Personal struct{}

type Network struct {
	Name        string `json:"name"`
	Tagline     string `json:"tagline"`
	Description string `json:"description"`
	Area        string `json:"area"`
}

type Community struct {
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// ActivityType carries Baseline: the activities of this type held before the
// platform, so the public counters stay truthful.
type ActivityType struct {
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Baseline    int    `json:"baseline"`
}

type Theme struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

type Body struct {
	Slug                string   `json:"slug"`
	Name                string   `json:"name"`
	Kind                string   `json:"kind"`
	Parent              string   `json:"parent,omitempty"`
	ISTATCode           string   `json:"istat_code,omitempty"`
	Province            string   `json:"province,omitempty"`
	ProvinceCode        string   `json:"province_code,omitempty"`
	Region              string   `json:"region,omitempty"`
	Latitude            *float64 `json:"latitude,omitempty"`
	Longitude           *float64 `json:"longitude,omitempty"`
	Website             string   `json:"website,omitempty"`
	Description         string   `json:"description,omitempty"`
	RegulationAdopted   bool     `json:"regulation_adopted,omitempty"`
	RegulationAdoptedOn string   `json:"regulation_adopted_on,omitempty"`
	CreatedAt           string   `json:"created_at,omitempty"` // RFC 3339, UTC, microseconds
	UpdatedAt           string   `json:"updated_at,omitempty"`
}

type Activity struct {
	Slug           string          `json:"slug"`
	Title          string          `json:"title"`
	Type           string          `json:"type"`
	Community      string          `json:"community,omitempty"`
	Stage          bool            `json:"stage"`
	Status         string          `json:"status"`
	Date           string          `json:"date"`
	StartTime      string          `json:"start_time,omitempty"`
	EndTime        string          `json:"end_time,omitempty"`
	Format         string          `json:"format"`
	Venue          string          `json:"venue,omitempty"`
	OnlineNote     string          `json:"online_note,omitempty"`
	Headline       string          `json:"headline,omitempty"`
	Summary        string          `json:"summary"`
	Description    string          `json:"description"`
	OutcomeShared  bool            `json:"outcome_shared"`
	OutcomeReport  string          `json:"outcome_report,omitempty"`
	Declared       Declared        `json:"declared"`
	Roles          []DeclaredRole  `json:"roles,omitempty"`
	Themes         []string        `json:"themes,omitempty"`
	Tables         []BreakoutTable `json:"tables,omitempty"`
	Participations []Participation `json:"participations"`
	PublishedAt    string          `json:"published_at,omitempty"` // RFC 3339, UTC, microseconds
	CreatedAt      string          `json:"created_at,omitempty"`
	UpdatedAt      string          `json:"updated_at,omitempty"`
}

// TimeLayout is how an archive writes instants: UTC with microseconds, the
// precision both databases keep, so an archive reads back unchanged.
const TimeLayout = "2006-01-02T15:04:05.000000Z07:00"

type Declared struct {
	People       *int `json:"people,omitempty"`
	PeopleApprox bool `json:"people_approx,omitempty"`
	Bodies       *int `json:"bodies,omitempty"`
	BodiesApprox bool `json:"bodies_approx,omitempty"`
}

type DeclaredRole struct {
	Role   string `json:"role"`
	People *int   `json:"people,omitempty"`
}

type BreakoutTable struct {
	Title   string `json:"title"`
	Theme   string `json:"theme,omitempty"`
	Outcome string `json:"outcome,omitempty"`
}

type Participation struct {
	Body string `json:"body"`
	Role string `json:"role"`
	Note string `json:"note,omitempty"`
}

//go:embed default.json
var defaultJSON []byte

// Default returns the network the platform ships with: the benicommunity of
// North-West Italy and its first five stages.
func Default() (Dataset, error) {
	return Parse(defaultJSON)
}

// CheckArchive tells whether ds is an archive this version can import.
func (ds Dataset) CheckArchive() error {
	if ds.Format != ArchiveFormat {
		return fmt.Errorf("not a benicommunity archive: \"format\" is %q, want %q", ds.Format, ArchiveFormat)
	}
	if ds.Version != ArchiveVersion {
		return fmt.Errorf("archive version %d is not supported: this benicommunity reads version %d", ds.Version, ArchiveVersion)
	}
	return nil
}

// Parse reads a dataset document, refusing unknown fields so typos surface.
func Parse(data []byte) (Dataset, error) {
	var ds Dataset
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ds); err != nil {
		return ds, fmt.Errorf("parse dataset: %w", err)
	}
	return ds, nil
}
