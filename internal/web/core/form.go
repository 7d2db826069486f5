package core

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
type Form struct {
	Values url.Values
	Errors map[string]string // field name → translated message
	L      *i18n.Localizer
	// IDPrefix starts the id of each control ("f-" unless several forms
	// share a page).
	IDPrefix string
}

func NewForm(l *i18n.Localizer, v url.Values) *Form {
	if v == nil {
		v = url.Values{}
	}
	return &Form{Values: v, Errors: map[string]string{}, L: l, IDPrefix: "f-"}
}

func (f *Form) Get(name string) string { return strings.TrimSpace(f.Values.Get(name)) }

// Raw returns a value untrimmed (passwords, Markdown).
func (f *Form) Raw(name string) string { return f.Values.Get(name) }

func (f *Form) Has(name, value string) bool {
	for _, v := range f.Values[name] {
		if v == value {
			return true
		}
	}
	return false
}

// Fail records the first problem of a field, by message id.
func (f *Form) Fail(name, msgID string, args ...any) {
	if _, ok := f.Errors[name]; !ok {
		f.Errors[name] = f.L.T(msgID, args...)
	}
}

func (f *Form) Err(name string) string { return f.Errors[name] }

// formProblem is one line of the summary above a form that failed.
type FormProblem struct {
	Anchor, Message string
}

// Problems lists the errors in a stable order with the id of the control
// each one belongs to, so the summary can link to the fields.
func (f *Form) Problems() []FormProblem {
	names := make([]string, 0, len(f.Errors))
	for n := range f.Errors {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]FormProblem, 0, len(names))
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
		out = append(out, FormProblem{Anchor: anchor, Message: f.Errors[n]})
	}
	return out
}
func (f *Form) OK() bool { return len(f.Errors) == 0 }

// Required fails when a field is empty, and returns its value.
func (f *Form) Required(name string) string {
	v := f.Get(name)
	if v == "" {
		f.Fail(name, "admin.error.required")
	}
	return v
}

// MaxLen fails when a field is longer than n characters.
func (f *Form) MaxLen(name string, n int) {
	if len([]rune(f.Get(name))) > n {
		f.Fail(name, "admin.error.too_long", "Max", n)
	}
}

// OptionalInt reads a non-negative whole number; empty gives nil.
func (f *Form) OptionalInt(name string) *int {
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
func (f *Form) OptionalFloat(name string, min, max float64) *float64 {
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
func (f *Form) Date(name string, required bool) *time.Time {
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
func (f *Form) Clock(name string) string {
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
func (f *Form) Bool(name string) bool { return f.Get(name) != "" }

// parseForm reads a posted urlencoded form, with a size limit.
func ParseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 2<<20)
	return r.ParseForm()
}

// fieldView is what the "field" template draws: label, control, hint and
// error, linked with aria-describedby and aria-invalid.
type FieldView struct {
	ID, Name, Label, Type, Value, Error, Help, Autocomplete string
	Required, Markdown                                      bool
	Rows                                                    int
	Options                                                 []Option
}

type Option struct {
	Value, Label string
	Selected     bool
}

// field builds a fieldView; opts are "type=email", "required", "rows=8",
// "help=<msg id>", "autocomplete=…", "markdown", "id=…".
func Field(f *Form, name, labelID string, opts ...string) FieldView {
	v := FieldView{ID: f.IDPrefix + name, Name: name, Label: f.L.T(labelID), Type: "text", Value: f.Raw(name), Error: f.Err(name)}
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
func SelectField(f *Form, name, labelID string, opts []Option, extra ...string) FieldView {
	v := Field(f, name, labelID, extra...)
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
func (s *Site) PathID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.NotFound(w, r)
		return 0, false
	}
	return id, true
}
