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
	ArchiveVersion = 3
	// OldestArchiveVersion is the oldest archive this version still imports:
	// version 1 is version 2 without ids, logos, attachments, registrations
	// and personal sections, so it reads unchanged; version 3 replaced a
	// body's regulation_adopted(_on) with a regulation record, and the old
	// fields are still read (a date or the flag: adopted; else not known).
	OldestArchiveVersion = 1
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
	// Registrations are the registrations with every personal field erased
	// (as the retention job leaves them), written when Personal is absent so
	// the counted figures of the public pages survive the move.
	Registrations []Registration `json:"registrations,omitempty"`
	// About is the "Chi siamo" page, the footer's contacts, the data
	// controller and the partners, as coordinators wrote them.
	About *About `json:"about,omitempty"`
	// News is the queue of things published for the news digest.
	News []NewsItem `json:"news,omitempty"`
	// Personal is present only in archives exported with --include-personal.
	Personal *Personal `json:"personal,omitempty"`
}

// Personal holds the data about people (accounts, registrations). It is
// written only on explicit request and every section in it is optional.
// A feature that stores personal data adds its section here as a field
// with `json:",omitempty"` and fills/loads it in the store
// (internal/store/archive_personal.go: exportPersonal and
// importRegistrationsAndPersonal); docs/data-model.md lists the sections.
type Personal struct {
	// Keys are the secrets that signed links already sent by e-mail
	// (settings "key.*", e.g. key.registration_links): they travel so the
	// personal links keep working after a move.
	Keys          map[string]string `json:"keys,omitempty"`
	Users         []User            `json:"users,omitempty"`
	Registrations []Registration    `json:"registrations,omitempty"`
	AuditLog      []AuditEntry      `json:"audit_log,omitempty"`
	JoinRequests  []JoinRequest     `json:"join_requests,omitempty"`
	// NewsSubscribers are the subscribers to the news with every column,
	// so subscriptions and their unsubscribe links survive a move.
	NewsSubscribers []NewsSubscriber `json:"news_subscribers,omitempty"`
}

// About is the network's about page and contacts; partners in display order.
type About struct {
	BodyMarkdown      string    `json:"body_markdown,omitempty"`
	ContactEmail      string    `json:"contact_email,omitempty"`
	ContactOffice     string    `json:"contact_office,omitempty"`
	ControllerName    string    `json:"controller_name,omitempty"`
	ControllerContact string    `json:"controller_contact,omitempty"`
	Partners          []Partner `json:"partners,omitempty"`
	UpdatedAt         string    `json:"updated_at,omitempty"`
}

// Partner is a partner of the network.
type Partner struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// NewsItem is one thing published, announced in the news digest.
type NewsItem struct {
	ID           int64  `json:"id"`
	Kind         string `json:"kind"`
	Ref          string `json:"ref"`
	Title        string `json:"title"`
	URLPath      string `json:"url_path"`
	ProvinceCode string `json:"province_code,omitempty"`
	PublishedAt  string `json:"published_at"`
}

// NewsSubscriber is a subscriber to the news.
type NewsSubscriber struct {
	ID               int64    `json:"id"`
	Email            string   `json:"email"`
	Topics           []string `json:"topics"`
	PactProvinces    []string `json:"pact_provinces,omitempty"`
	ConsentVersion   string   `json:"consent_version"`
	ConsentAt        string   `json:"consent_at"`
	ConfirmHash      string   `json:"confirm_hash,omitempty"`
	ConfirmExpiresAt string   `json:"confirm_expires_at"`
	ConfirmedAt      string   `json:"confirmed_at,omitempty"`
	UnsubscribeToken string   `json:"unsubscribe_token"`
	LastSentAt       string   `json:"last_sent_at,omitempty"`
	CreatedAt        string   `json:"created_at"`
}

// JoinRequest is a body's request to join the network, with every column:
// it names a person, so it travels only with the personal data.
type JoinRequest struct {
	ID               int64  `json:"id"`
	ISTATCode        string `json:"istat_code,omitempty"`
	BodyName         string `json:"body_name"`
	BodyKind         string `json:"body_kind"`
	BodyPlace        string `json:"body_place,omitempty"`
	RequesterName    string `json:"requester_name"`
	Email            string `json:"email"`
	RequesterRole    string `json:"requester_role,omitempty"`
	HasRegulation    string `json:"has_regulation"`
	RegulationURL    string `json:"regulation_url,omitempty"`
	Message          string `json:"message,omitempty"`
	ConsentVersion   string `json:"consent_version"`
	ConsentAt        string `json:"consent_at"`
	ClientHash       string `json:"client_hash,omitempty"`
	Status           string `json:"status"`
	ConfirmHash      string `json:"confirm_hash,omitempty"`
	ConfirmExpiresAt string `json:"confirm_expires_at"`
	ConfirmedAt      string `json:"confirmed_at,omitempty"`
	DecisionMessage  string `json:"decision_message,omitempty"`
	DecidedBy        int64  `json:"decided_by,omitempty"` // a user id of the archive
	DecidedByEmail   string `json:"decided_by_email,omitempty"`
	DecidedAt        string `json:"decided_at,omitempty"`
	Body             string `json:"body,omitempty"` // slug of the body created or linked
	InvitedUserID    int64  `json:"invited_user_id,omitempty"`
	JoinedOn         string `json:"joined_on,omitempty"`
	CreatedAt        string `json:"created_at"`
	UpdatedAt        string `json:"updated_at"`
}

// User is an account with its password hash (never the password) and, for
// a referent, the bodies it answers for. Ids are kept: registrations, the
// audit log and personal links refer to them.
type User struct {
	ID           int64    `json:"id"`
	Email        string   `json:"email"`
	Name         string   `json:"name,omitempty"`
	Role         string   `json:"role"`
	PasswordHash string   `json:"password_hash,omitempty"`
	Bodies       []string `json:"bodies,omitempty"`
	CreatedAt    string   `json:"created_at"`
	UpdatedAt    string   `json:"updated_at"`
}

// Registration is one registration to an activity. In the public list
// (Dataset.Registrations) only the fields the aggregates need are set; in
// Personal.Registrations every field is, including the id and the secrets
// its e-mailed links are made from.
type Registration struct {
	ID                int64  `json:"id,omitempty"`
	Activity          string `json:"activity"`
	UserID            int64  `json:"user_id,omitempty"`
	Name              string `json:"name,omitempty"`
	Email             string `json:"email,omitempty"`
	Accessibility     string `json:"accessibility,omitempty"`
	Body              string `json:"body,omitempty"`
	ProposedBodyName  string `json:"proposed_body_name,omitempty"`
	ProposedBodyKind  string `json:"proposed_body_kind,omitempty"`
	ProposedBodyPlace string `json:"proposed_body_place,omitempty"`
	Role              string `json:"role"`
	TableID           int64  `json:"table_id,omitempty"` // id of one of the activity's tables
	ConsentVersion    string `json:"consent_version"`
	ConsentAt         string `json:"consent_at"`
	Status            string `json:"status"`
	QueuedAt          string `json:"queued_at,omitempty"`
	ConfirmHash       string `json:"confirm_hash,omitempty"`
	ConfirmExpiresAt  string `json:"confirm_expires_at,omitempty"`
	ConfirmedAt       string `json:"confirmed_at,omitempty"`
	ManageNonce       string `json:"manage_nonce,omitempty"`
	CancelledAt       string `json:"cancelled_at,omitempty"`
	Attended          bool   `json:"attended,omitempty"`
	CertificateCode   string `json:"certificate_code,omitempty"`
	ReminderSentAt    string `json:"reminder_sent_at,omitempty"`
	OutcomeSentAt     string `json:"outcome_sent_at,omitempty"`
	ErasedAt          string `json:"erased_at,omitempty"`
	CreatedAt         string `json:"created_at"`
	UpdatedAt         string `json:"updated_at"`
}

// AuditEntry is one line of the audit log; EntityID and the ids inside
// Before/After refer to the archive's own ids, which an import keeps.
type AuditEntry struct {
	ID        int64  `json:"id"`
	At        string `json:"at"`
	UserID    int64  `json:"user_id,omitempty"`
	UserEmail string `json:"user_email,omitempty"`
	Action    string `json:"action"`
	Entity    string `json:"entity"`
	EntityID  *int64 `json:"entity_id,omitempty"`
	Label     string `json:"label,omitempty"`
	Before    string `json:"before_json,omitempty"`
	After     string `json:"after_json,omitempty"`
}

type Network struct {
	Name        string `json:"name"`
	Tagline     string `json:"tagline"`
	Description string `json:"description"`
	Area        string `json:"area"`
}

type Community struct {
	ID          int64  `json:"id,omitempty"`
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// ActivityType carries Baseline: the activities of this type held before the
// platform, so the public counters stay truthful.
type ActivityType struct {
	ID          int64  `json:"id,omitempty"`
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Baseline    int    `json:"baseline"`
}

type Theme struct {
	ID   int64  `json:"id,omitempty"`
	Slug string `json:"slug"`
	Name string `json:"name"`
}

type Body struct {
	ID           int64    `json:"id,omitempty"`
	Slug         string   `json:"slug"`
	Name         string   `json:"name"`
	Kind         string   `json:"kind"`
	Parent       string   `json:"parent,omitempty"`
	ISTATCode    string   `json:"istat_code,omitempty"`
	Province     string   `json:"province,omitempty"`
	ProvinceCode string   `json:"province_code,omitempty"`
	Region       string   `json:"region,omitempty"`
	Latitude     *float64 `json:"latitude,omitempty"`
	Longitude    *float64 `json:"longitude,omitempty"`
	Website      string   `json:"website,omitempty"`
	Description  string   `json:"description,omitempty"`
	// RegulationAdopted and RegulationAdoptedOn are the old two-valued
	// form, read from archives up to version 2 and never written: a date or
	// the flag makes an adopted regulation, anything else none (not known).
	RegulationAdopted   bool        `json:"regulation_adopted,omitempty"`
	RegulationAdoptedOn string      `json:"regulation_adopted_on,omitempty"`
	Regulation          *Regulation `json:"regulation,omitempty"`
	ContactOffice       string      `json:"contact_office,omitempty"`
	Logo                *Logo       `json:"logo,omitempty"`
	CreatedAt           string      `json:"created_at,omitempty"` // RFC 3339, UTC, microseconds
	UpdatedAt           string      `json:"updated_at,omitempty"`
}

// Regulation is a body's regulation on shared administration (version 3):
// absent when not known. Dates are days (YYYY-MM-DD).
type Regulation struct {
	Status      string       `json:"status"` // adopted or not_adopted
	Title       string       `json:"title,omitempty"`
	ActNumber   string       `json:"act_number,omitempty"`
	ActDate     string       `json:"act_date,omitempty"`
	URL         string       `json:"url,omitempty"`
	Offices     string       `json:"offices,omitempty"`
	Revisions   []Revision   `json:"revisions,omitempty"`
	Attachments []Attachment `json:"attachments,omitempty"`
	CreatedAt   string       `json:"created_at,omitempty"`
	UpdatedAt   string       `json:"updated_at,omitempty"`
}

// Revision is a later act that revised a regulation.
type Revision struct {
	ActNumber string `json:"act_number,omitempty"`
	ActDate   string `json:"act_date"`
	URL       string `json:"url,omitempty"`
	Note      string `json:"note,omitempty"`
}

// Logo is a body's logo; Data is base64 in JSON.
type Logo struct {
	ContentType string `json:"content_type"`
	SHA256      string `json:"sha256"`
	Data        []byte `json:"data"`
	UpdatedAt   string `json:"updated_at"`
}

type Activity struct {
	ID             int64           `json:"id,omitempty"`
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
	// OnlineLink is sent only to registered people: not personal data, but
	// not shown on public pages either.
	OnlineLink    string                `json:"online_link,omitempty"`
	Registrations *RegistrationSettings `json:"registration_settings,omitempty"`
	Attachments   []Attachment          `json:"attachments,omitempty"`
	PublishedAt   string                `json:"published_at,omitempty"` // RFC 3339, UTC, microseconds
	CreatedAt     string                `json:"created_at,omitempty"`
	UpdatedAt     string                `json:"updated_at,omitempty"`
}

// TimeLayout is how an archive writes instants: UTC with microseconds, the
// precision both databases keep, so an archive reads back unchanged.
const TimeLayout = "2006-01-02T15:04:05.000000Z07:00"

// RegistrationSettings are an activity's registration window and capacity;
// OutcomeSentAt records that the outcome e-mail went out.
type RegistrationSettings struct {
	Enabled       bool   `json:"enabled,omitempty"`
	Capacity      *int   `json:"capacity,omitempty"`
	OpenFrom      string `json:"open_from,omitempty"`
	CloseAt       string `json:"close_at,omitempty"`
	OutcomeSentAt string `json:"outcome_sent_at,omitempty"`
}

// Attachment is a file published with an activity; Data is base64 in JSON.
type Attachment struct {
	ID          int64  `json:"id"`
	Section     string `json:"section"`
	Filename    string `json:"filename"`
	Title       string `json:"title,omitempty"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
	Data        []byte `json:"data"`
	CreatedAt   string `json:"created_at"`
}

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
	ID      int64  `json:"id,omitempty"`
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
	if ds.Version > ArchiveVersion {
		return fmt.Errorf("archive version %d is newer than this benicommunity reads (up to %d): upgrade benicommunity first", ds.Version, ArchiveVersion)
	}
	if ds.Version < OldestArchiveVersion {
		return fmt.Errorf("archive version %d is not supported: this benicommunity reads versions %d to %d", ds.Version, OldestArchiveVersion, ArchiveVersion)
	}
	if ds.Personal != nil && len(ds.Personal.Registrations) > 0 && len(ds.Registrations) > 0 {
		return fmt.Errorf("the archive lists registrations both erased and with personal data: keep one list")
	}
	return ds.CheckText()
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
