package opendata

import (
	"time"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

// The JSON shapes of the API. Field names are English snake_case; absent
// values are null rather than missing, so every field is always there.
// docs/api.md and api_openapi.json describe the same shapes: change them together.

type apiTypeRef struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

type apiCommunityRef struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

type apiBodyRef struct {
	ID   int64  `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

type apiFigure struct {
	Value       int  `json:"value"`
	Approximate bool `json:"approximate"`
}

type apiLinks struct {
	Self string `json:"self"`
	HTML string `json:"html,omitempty"`
}

type apiActivity struct {
	ID             int64            `json:"id"`
	Slug           string           `json:"slug"`
	Title          string           `json:"title"`
	Type           apiTypeRef       `json:"type"`
	Community      *apiCommunityRef `json:"community"`
	IsStage        bool             `json:"is_stage"`
	StartsOn       string           `json:"starts_on"`
	StartTime      *string          `json:"start_time"`
	EndTime        *string          `json:"end_time"`
	Format         string           `json:"format"`
	Venue          string           `json:"venue"`
	Headline       string           `json:"headline"`
	Summary        string           `json:"summary"`
	DeclaredPeople *apiFigure       `json:"declared_people"`
	DeclaredBodies *apiFigure       `json:"declared_bodies"`
	OutcomeShared  bool             `json:"outcome_shared"`
	Hosts          []apiBodyRef     `json:"hosts"`
	NamedBodies    int              `json:"named_bodies"`
	Links          apiLinks         `json:"links"`
}

type apiTheme struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

type apiTable struct {
	Position int       `json:"position"`
	Title    string    `json:"title"`
	Theme    *apiTheme `json:"theme"`
	Outcome  string    `json:"outcome"`
}

type apiDeclaredRole struct {
	Role   string `json:"role"`
	Group  string `json:"group"`
	People *int   `json:"people"`
}

// apiParticipation leaves out the participation's note: the public pages
// do not show it, so neither does the API.
type apiParticipation struct {
	Body apiBodyRef `json:"body"`
	Role string     `json:"role"`
}

type apiActivityDetail struct {
	apiActivity
	OnlineNote     string             `json:"online_note"`
	Description    string             `json:"description"`
	OutcomeReport  string             `json:"outcome_report"`
	StageNumber    *int               `json:"stage_number"`
	PublishedAt    *string            `json:"published_at"`
	Themes         []apiTheme         `json:"themes"`
	BreakoutTables []apiTable         `json:"breakout_tables"`
	DeclaredRoles  []apiDeclaredRole  `json:"declared_roles"`
	Participations []apiParticipation `json:"participations"`
	NewBodies      []apiBodyRef       `json:"new_bodies"`
}

type apiActivityRef struct {
	ID       int64  `json:"id"`
	Slug     string `json:"slug"`
	Title    string `json:"title"`
	IsStage  bool   `json:"is_stage"`
	StartsOn string `json:"starts_on"`
	Format   string `json:"format"`
	TypeName string `json:"type_name"`
}

type apiBody struct {
	ID                  int64                   `json:"id"`
	Slug                string                  `json:"slug"`
	Name                string                  `json:"name"`
	Kind                string                  `json:"kind"`
	Parent              *apiBodyRef             `json:"parent"`
	ISTATCode           *string                 `json:"istat_code"`
	Province            string                  `json:"province"`
	ProvinceCode        string                  `json:"province_code"`
	Region              string                  `json:"region"`
	Latitude            *float64                `json:"latitude"`
	Longitude           *float64                `json:"longitude"`
	Website             string                  `json:"website"`
	RegulationAdopted   *bool                   `json:"regulation_adopted"` // null when not known
	RegulationAdoptedOn *string                 `json:"regulation_adopted_on"`
	RegulationStatus    domain.RegulationStatus `json:"regulation_status"` // adopted, not_adopted or null
	Member              bool                    `json:"member"`
	JoinedAt            *apiActivityRef         `json:"joined_at"`
	Activities          int                     `json:"activities"`
	Links               apiLinks                `json:"links"`
}

type apiBodyParticipation struct {
	Activity apiActivityRef `json:"activity"`
	Role     string         `json:"role"`
	Via      *apiBodyRef    `json:"via"`
}

type apiBodyDetail struct {
	apiBody
	Description    string                 `json:"description"`
	Offices        []apiBodyRef           `json:"offices"`
	Participations []apiBodyParticipation `json:"participations"`
}

// apiFilterLinks point to the activities of a type or community.
type apiFilterLinks struct {
	Activities string `json:"activities"`
	HTML       string `json:"html"`
}

type apiCommunity struct {
	Slug        string         `json:"slug"`
	Name        string         `json:"name"`
	Description string         `json:"description"`
	Stages      int            `json:"stages"`
	Links       apiFilterLinks `json:"links"`
}

type apiActivityType struct {
	Slug        string         `json:"slug"`
	Name        string         `json:"name"`
	Description string         `json:"description"`
	Baseline    int            `json:"baseline"`
	Published   int            `json:"published"`
	Total       int            `json:"total"`
	Links       apiFilterLinks `json:"links"`
}

type apiFigures struct {
	Members                      int `json:"members"`
	Bodies                       int `json:"bodies"`
	Communities                  int `json:"communities"`
	ActivitiesPublished          int `json:"activities_published"`
	ActivitiesCounted            int `json:"activities_counted"`
	Stages                       int `json:"stages"`
	Participations               int `json:"participations"`
	PeopleDeclared               int `json:"people_declared"`
	BodiesDeclared               int `json:"bodies_declared"`
	ActivitiesWithDeclaredPeople int `json:"activities_with_declared_people"`
}

type apiNetwork struct {
	Name        string            `json:"name"`
	Tagline     string            `json:"tagline"`
	Description string            `json:"description"`
	Area        string            `json:"area"`
	Figures     apiFigures        `json:"figures"`
	Counters    []apiActivityType `json:"counters"`
}

// apiList is the envelope of every paginated list.
type apiList[T any] struct {
	Data       []T          `json:"data"`
	Total      int          `json:"total"`
	Limit      int          `json:"limit"`
	NextCursor *string      `json:"next_cursor"`
	Links      apiListLinks `json:"links"`
}

type apiListLinks struct {
	Self string  `json:"self"`
	Next *string `json:"next"`
}

// apiCollection is the envelope of the short, unpaginated lists.
type apiCollection[T any] struct {
	Data []T `json:"data"`
}

func isoDay(t time.Time) string { return t.Format(time.DateOnly) }

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func figure(n *int, approx bool) *apiFigure {
	if n == nil {
		return nil
	}
	return &apiFigure{Value: *n, Approximate: approx}
}

// activityHTML is where a person reads the activity: stages live under /tappe.
func activityHTML(slug string, isStage bool) string {
	if isStage {
		return "/tappe/" + slug
	}
	return "/attivita/" + slug
}

func toAPIBodyRef(b domain.BodyRef) apiBodyRef {
	return apiBodyRef{ID: b.ID, Slug: b.Slug, Name: b.Name, Kind: string(b.Kind)}
}

func toAPIBodyRefs(refs []domain.BodyRef) []apiBodyRef {
	out := make([]apiBodyRef, len(refs))
	for i, r := range refs {
		out[i] = toAPIBodyRef(r)
	}
	return out
}

func toAPIActivity(a domain.Activity, hosts []domain.BodyRef, named int) apiActivity {
	out := apiActivity{
		ID: a.ID, Slug: a.Slug, Title: a.Title, Type: apiTypeRef{Slug: a.Type.Slug, Name: a.Type.Name},
		IsStage: a.IsStage, StartsOn: isoDay(a.StartsOn), StartTime: optString(a.StartTime), EndTime: optString(a.EndTime),
		Format: string(a.Format), Venue: a.Venue, Headline: a.Headline, Summary: a.Summary,
		DeclaredPeople: figure(a.Declared.People, a.Declared.PeopleApprox),
		DeclaredBodies: figure(a.Declared.Bodies, a.Declared.BodiesApprox),
		OutcomeShared:  a.OutcomeShared, Hosts: toAPIBodyRefs(hosts), NamedBodies: named,
		Links: apiLinks{Self: "/api/v1/activities/" + a.Slug, HTML: activityHTML(a.Slug, a.IsStage)},
	}
	if a.Community != nil {
		out.Community = &apiCommunityRef{Slug: a.Community.Slug, Name: a.Community.Name}
	}
	return out
}

func toAPIActivityDetail(d store.ActivityDetail) apiActivityDetail {
	named := core.NamedBodies(d.Participations)
	out := apiActivityDetail{
		apiActivity: toAPIActivity(d.Activity, core.HostsOf(d.Participations), len(named)),
		OnlineNote:  d.OnlineNote, Description: d.Description, OutcomeReport: d.OutcomeReport,
		Themes: []apiTheme{}, BreakoutTables: []apiTable{}, DeclaredRoles: []apiDeclaredRole{},
		Participations: []apiParticipation{}, NewBodies: toAPIBodyRefs(d.NewBodies),
	}
	if d.StageNumber > 0 {
		n := d.StageNumber
		out.StageNumber = &n
	}
	if d.PublishedAt != nil {
		t := d.PublishedAt.UTC().Format(time.RFC3339)
		out.PublishedAt = &t
	}
	for _, t := range d.Themes {
		out.Themes = append(out.Themes, apiTheme{Slug: t.Slug, Name: t.Name})
	}
	for _, t := range d.Tables {
		row := apiTable{Position: t.Position, Title: t.Title, Outcome: t.Outcome}
		if t.Theme != nil {
			row.Theme = &apiTheme{Slug: t.Theme.Slug, Name: t.Theme.Name}
		}
		out.BreakoutTables = append(out.BreakoutTables, row)
	}
	for _, r := range d.Roles {
		out.DeclaredRoles = append(out.DeclaredRoles, apiDeclaredRole{Role: string(r.Role), Group: string(r.Role.Group()), People: r.People})
	}
	for _, p := range d.Participations {
		out.Participations = append(out.Participations, apiParticipation{Body: toAPIBodyRef(p.Body), Role: string(p.Role)})
	}
	return out
}

func toAPIActivityRef(a domain.ActivityRef) apiActivityRef {
	return apiActivityRef{ID: a.ID, Slug: a.Slug, Title: a.Title, IsStage: a.IsStage, StartsOn: isoDay(a.StartsOn),
		Format: string(a.Format), TypeName: a.TypeName}
}

func toAPIBody(b domain.Body, joined *domain.Membership, activities int) apiBody {
	out := apiBody{
		ID: b.ID, Slug: b.Slug, Name: b.Name, Kind: string(b.Kind), ISTATCode: optString(b.ISTATCode),
		Province: b.Province, ProvinceCode: b.ProvinceCode, Region: b.Region, Latitude: b.Latitude, Longitude: b.Longitude,
		Website: b.Website, RegulationAdopted: b.Regulation.Bool(), RegulationStatus: b.Regulation, Member: joined != nil, Activities: activities,
		Links: apiLinks{Self: "/api/v1/bodies/" + b.Slug, HTML: "/enti/" + b.Slug},
	}
	if b.Parent != nil {
		p := toAPIBodyRef(*b.Parent)
		out.Parent = &p
	}
	if b.RegulationAdoptedOn != nil {
		d := isoDay(*b.RegulationAdoptedOn)
		out.RegulationAdoptedOn = &d
	}
	if joined != nil {
		ref := toAPIActivityRef(joined.Activity)
		out.JoinedAt = &ref
	}
	return out
}

func toAPIActivityType(c domain.Counter) apiActivityType {
	return apiActivityType{Slug: c.Type.Slug, Name: c.Type.Name, Description: c.Type.Description,
		Baseline: c.Type.Baseline, Published: c.Published, Total: c.Total(),
		Links: apiFilterLinks{Activities: "/api/v1/activities?type=" + c.Type.Slug, HTML: "/attivita?tipo=" + c.Type.Slug}}
}
