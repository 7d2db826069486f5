package domain

import "time"

// Practice is a good practice (buona pratica): a body's account, for peers,
// of something that worked.
type Practice struct {
	ID            int64
	Body          BodyRef
	Slug          string
	Title         string
	Problem       string // Markdown
	Actions       string // Markdown: what was done
	Tools         string // Markdown: type of pact, article of the regulation, forms, templates
	Results       string // Markdown
	ContactOffice string
	Published     bool
	Themes        []Theme
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// TrainingLink is a recording (or other online material) of an activity's
// training; slides and handouts are attachments in the section "training".
type TrainingLink struct {
	ID         int64
	ActivityID int64
	Title      string
	URL        string
	Position   int
}
