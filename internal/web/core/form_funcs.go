package core

import (
	"html/template"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/i18n"
)

// formFuncs are the template helpers of the backoffice forms and lists.
func formFuncs() template.FuncMap {
	return template.FuncMap{
		"add":       func(a, b int) int { return a + b },
		"romeClock": func(t time.Time) string { return InRome(t).Format("15:04") },
		"inRome":    InRome,
		"int64":     func(n int) int64 { return int64(n) },
		"bytesKB":   SizeLabel,
		"sectionOptions": func(l *i18n.Localizer) []Option {
			return []Option{{Value: "activity", Label: l.T("admin.attachments.section.activity")}, {Value: "outcome", Label: l.T("admin.attachments.section.outcome")},
				{Value: "training", Label: l.T("admin.attachments.section.training")}}
		},
		"field":       Field,
		"selectField": SelectField,
		"currentUser": func(p Page) *auth.User { return p.User },
		"sortHeader": func(ls ListState, Field, label string) sortHeader {
			return sortHeader{List: ls, Field: Field, Label: label}
		},
	}
}

// sortHeader is a sortable column header of a backoffice list ("sortth" in admin_partials.html).
type sortHeader struct {
	List  ListState
	Field string
	Label string
}

// sizeLabel writes a file size in KB or MB, Italian style.
func SizeLabel(l *i18n.Localizer, n int64) string {
	if n >= 1<<20 {
		return l.T("admin.size.mb", "N", l.Decimal(float64(n)/(1<<20), 1))
	}
	return l.T("admin.size.kb", "N", l.Number(max(1, (n+1023)/1024)))
}

// inRome shows an instant as a clock in Italy reads it.
func InRome(t time.Time) time.Time {
	return t.In(RomeLocation())
}
