// Package domain holds the types of the benicommunity network and the rules
// that derive facts from them. It knows nothing about storage or HTTP.
package domain

import "time"

// Network is the one network a deployment serves.
type Network struct {
	Name        string
	Tagline     string
	Description string
	Area        string
}

// Community is a sub-community (petalo) of the network with its own path of stages.
type Community struct {
	ID          int64
	Slug        string
	Name        string
	Description string
	Position    int
}

// ActivityType is a kind of activity the network counts (Eventi pubblici, Formazione, …).
// Baseline is the number of earlier activities of this type recorded before the platform.
type ActivityType struct {
	ID          int64
	Slug        string
	Name        string
	Description string
	Baseline    int
	Position    int
}

// Counter is the public count of one activity type.
type Counter struct {
	Type      ActivityType
	Published int
}

// Total is what the public sees: the recorded baseline plus published activities.
func (c Counter) Total() int { return c.Type.Baseline + c.Published }

// Theme is a subject the network works on.
type Theme struct {
	ID   int64
	Slug string
	Name string
}

// BreakoutTable is a discussion group of an activity, with its own outcome.
type BreakoutTable struct {
	ID       int64
	Position int
	Title    string
	Theme    *Theme
	Outcome  string
}

// DeclaredRole records that people of a role took part, and how many where known.
type DeclaredRole struct {
	Role   PersonRole
	People *int
}

// Figures are the declared totals of an activity. Approximate figures come
// from phrases such as "una cinquantina" or "circa 20 enti".
type Figures struct {
	People       *int
	PeopleApprox bool
	Bodies       *int
	BodiesApprox bool
}

// Activity is anything the network counts; a stage is an activity on a community's path.
type Activity struct {
	ID            int64
	Slug          string
	Title         string
	Type          ActivityType
	Community     *Community
	IsStage       bool
	Status        Status
	StartsOn      time.Time // a calendar date in Europe/Rome
	StartTime     string    // "HH:MM" Europe/Rome, empty when unknown
	EndTime       string
	Format        Format
	Venue         string
	OnlineNote    string
	Headline      string // the question or title the activity worked on
	Summary       string
	Description   string // Markdown
	OutcomeShared bool
	OutcomeReport string // Markdown
	Declared      Figures
	PublishedAt   *time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// BodyRef is the short form of a body used in lists.
type BodyRef struct {
	ID   int64
	Slug string
	Name string
	Kind BodyKind
}

// Body is an ente: a Comune, a Città metropolitana, an association, an office…
type Body struct {
	ID           int64
	Slug         string
	Name         string
	Kind         BodyKind
	Parent       *BodyRef
	ISTATCode    string
	Province     string
	ProvinceCode string
	Region       string
	Latitude     *float64
	Longitude    *float64
	Website      string
	Description  string
	// Regulation is the status of the body's regulation record (unknown
	// when it has none). RegulationAdopted and RegulationAdoptedOn are
	// derived from it for the old two-valued views: false and nil both
	// when not adopted and when not known, so exports must use Regulation.
	Regulation          RegulationStatus
	RegulationAdopted   bool
	RegulationAdoptedOn *time.Time
	CreatedAt           time.Time
	UpdatedAt           time.Time
}

// Ref returns the short form of the body.
func (b Body) Ref() BodyRef { return BodyRef{ID: b.ID, Slug: b.Slug, Name: b.Name, Kind: b.Kind} }

// Participation is a body's role at an activity.
type Participation struct {
	ActivityID int64
	Body       BodyRef
	Role       ParticipationRole
	Note       string
}

// ActivityRef is the short form of an activity used in lists.
type ActivityRef struct {
	ID       int64
	Slug     string
	Title    string
	IsStage  bool
	StartsOn time.Time
	Format   Format
	TypeName string
}

// Membership tells when a body joined the network: its first participation
// as a member in a published activity.
type Membership struct {
	BodyID   int64
	Activity ActivityRef
}
