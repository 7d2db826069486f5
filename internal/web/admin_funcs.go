package web

import (
	"html/template"

	"benicommunity/internal/auth"
)

// adminFuncs are the template helpers of the backoffice forms.
func adminFuncs() template.FuncMap {
	return template.FuncMap{
		"field":       field,
		"selectField": selectField,
		"currentUser": func(p page) *auth.User { return p.User },
	}
}
