package web

import (
	"html/template"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/i18n"
)

// adminFuncs are the template helpers of the backoffice forms.
func (s *Server) adminFuncs() template.FuncMap {
	return template.FuncMap{
		"maxUpload":  func() int64 { return s.maxUpload },
		"add":        func(a, b int) int { return a + b },
		"prettyJSON": prettyJSON,
		"romeClock":  func(t time.Time) string { return inRome(t).Format("15:04") },
		"inRome":     inRome,
		"int64":      func(n int) int64 { return int64(n) },
		"bytesKB":    sizeLabel,
		"sectionOptions": func(l *i18n.Localizer) []option {
			return []option{{Value: "activity", Label: l.T("admin.attachments.section.activity")}, {Value: "outcome", Label: l.T("admin.attachments.section.outcome")}}
		},
		"field":       field,
		"selectField": selectField,
		"currentUser": func(p page) *auth.User { return p.User },
		"sortHeader": func(ls listState, field, label string) sortHeader {
			return sortHeader{List: ls, Field: field, Label: label}
		},
	}
}

// sortHeader is a sortable column header of a backoffice list ("sortth" in admin_partials.html).
type sortHeader struct {
	List  listState
	Field string
	Label string
}

// sizeLabel writes a file size in KB or MB, Italian style.
func sizeLabel(l *i18n.Localizer, n int64) string {
	if n >= 1<<20 {
		return l.T("admin.size.mb", "N", l.Decimal(float64(n)/(1<<20), 1))
	}
	return l.T("admin.size.kb", "N", l.Number(max(1, (n+1023)/1024)))
}

// inRome shows an instant as a clock in Italy reads it.
func inRome(t time.Time) time.Time {
	return t.In(romeLocation())
}
