package web

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"benicommunity/internal/i18n"
)

// form carries what a person typed and what is wrong with it, so a form
// that fails validation comes back filled in, with the error next to each field.
type form struct {
	Values url.Values
	Errors map[string]string // field name → translated message
	L      *i18n.Localizer
	// IDPrefix starts the id of each control ("f-" unless several forms
	// share a page).
	IDPrefix string
}

func newForm(l *i18n.Localizer, v url.Values) *form {
	if v == nil {
		v = url.Values{}
	}
	return &form{Values: v, Errors: map[string]string{}, L: l, IDPrefix: "f-"}
}

func (f *form) Get(name string) string { return strings.TrimSpace(f.Values.Get(name)) }

// Raw returns a value untrimmed (passwords, Markdown).
func (f *form) Raw(name string) string { return f.Values.Get(name) }

func (f *form) Has(name, value string) bool {
	for _, v := range f.Values[name] {
		if v == value {
			return true
		}
	}
	return false
}

// Fail records the first problem of a field, by message id.
func (f *form) Fail(name, msgID string, args ...any) {
	if _, ok := f.Errors[name]; !ok {
		f.Errors[name] = f.L.T(msgID, args...)
	}
}

func (f *form) Err(name string) string { return f.Errors[name] }

// formProblem is one line of the summary above a form that failed.
type formProblem struct {
	Anchor, Message string
}

// Problems lists the errors in a stable order with the id of the control
// each one belongs to, so the summary can link to the fields.
func (f *form) Problems() []formProblem {
	names := make([]string, 0, len(f.Errors))
	for n := range f.Errors {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]formProblem, 0, len(names))
	for _, n := range names {
		anchor := f.IDPrefix + n
		switch {
		case strings.HasPrefix(n, "table."):
			anchor = "table_title-" + strings.TrimPrefix(n, "table.")
		case strings.HasPrefix(n, "part."):
			anchor = "part_body-" + strings.TrimPrefix(n, "part.")
		case strings.HasPrefix(n, "role_people_"):
			anchor = n
		}
		out = append(out, formProblem{Anchor: anchor, Message: f.Errors[n]})
	}
	return out
}
func (f *form) OK() bool { return len(f.Errors) == 0 }

// Required fails when a field is empty, and returns its value.
func (f *form) Required(name string) string {
	v := f.Get(name)
	if v == "" {
		f.Fail(name, "admin.error.required")
	}
	return v
}

// MaxLen fails when a field is longer than n characters.
func (f *form) MaxLen(name string, n int) {
	if len([]rune(f.Get(name))) > n {
		f.Fail(name, "admin.error.too_long", "Max", n)
	}
}

// OptionalInt reads a non-negative whole number; empty gives nil.
func (f *form) OptionalInt(name string) *int {
	v := f.Get(name)
	if v == "" {
		return nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 10_000_000 {
		f.Fail(name, "admin.error.whole_number")
		return nil
	}
	return &n
}

// OptionalFloat reads a decimal number in [min, max], with a comma or a point.
func (f *form) OptionalFloat(name string, min, max float64) *float64 {
	v := strings.ReplaceAll(f.Get(name), ",", ".")
	if v == "" {
		return nil
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil || x < min || x > max {
		f.Fail(name, "admin.error.number_range", "Min", min, "Max", max)
		return nil
	}
	return &x
}

// Date reads a yyyy-mm-dd date (what <input type="date"> sends).
func (f *form) Date(name string, required bool) *time.Time {
	v := f.Get(name)
	if v == "" {
		if required {
			f.Fail(name, "admin.error.required")
		}
		return nil
	}
	d, err := time.Parse(time.DateOnly, v)
	if err != nil || d.Year() < 1900 || d.Year() > 2200 {
		f.Fail(name, "admin.error.date")
		return nil
	}
	return &d
}

// Clock reads an optional HH:MM time.
func (f *form) Clock(name string) string {
	v := f.Get(name)
	if v == "" {
		return ""
	}
	t, err := time.Parse("15:04", v)
	if err != nil {
		f.Fail(name, "admin.error.time")
		return ""
	}
	return t.Format("15:04")
}

// Bool reads a checkbox.
func (f *form) Bool(name string) bool { return f.Get(name) != "" }

// parseForm reads a posted urlencoded form, with a size limit.
func parseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 2<<20)
	return r.ParseForm()
}

// fieldView is what the "field" template draws: label, control, hint and
// error, linked with aria-describedby and aria-invalid.
type fieldView struct {
	ID, Name, Label, Type, Value, Error, Help, Autocomplete string
	Required, Markdown                                      bool
	Rows                                                    int
	Options                                                 []option
}

type option struct {
	Value, Label string
	Selected     bool
}

// field builds a fieldView; opts are "type=email", "required", "rows=8",
// "help=<msg id>", "autocomplete=…", "markdown", "id=…".
func field(f *form, name, labelID string, opts ...string) fieldView {
	v := fieldView{ID: f.IDPrefix + name, Name: name, Label: f.L.T(labelID), Type: "text", Value: f.Raw(name), Error: f.Err(name)}
	for _, o := range opts {
		k, val, _ := strings.Cut(o, "=")
		switch k {
		case "type":
			v.Type = val
		case "required":
			v.Required = true
		case "rows":
			v.Rows, _ = strconv.Atoi(val)
		case "help":
			v.Help = f.L.T(val)
		case "autocomplete":
			v.Autocomplete = val
		case "markdown":
			v.Markdown = true
		case "id":
			v.ID = val
		}
	}
	if v.Type == "password" {
		v.Value = "" // never sent back
	}
	return v
}

// selectField is a field with a list of choices.
func selectField(f *form, name, labelID string, opts []option, extra ...string) fieldView {
	v := field(f, name, labelID, extra...)
	v.Type = "select"
	cur := f.Get(name)
	for _, o := range opts {
		o.Selected = o.Value == cur
		v.Options = append(v.Options, o)
	}
	return v
}

// pathID reads the {id} of the route; an id that is not a number names no
// record, so it has already been answered 404 when ok is false.
func (s *Server) pathID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return 0, false
	}
	return id, true
}
