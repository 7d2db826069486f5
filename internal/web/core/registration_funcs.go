package core

import (
	"fmt"
	"html/template"
	"time"

	"benicommunity/internal/i18n"
	"benicommunity/internal/store"
)

// countedLines writes the counted figures: people, bodies, then roles.
func CountedLines(l *i18n.Localizer, c store.CountedFigures) []string {
	lines := []string{l.N("registration.figures.people", c.People), l.N("registration.figures.bodies", c.Bodies)}
	for _, t := range c.Roles {
		lines = append(lines, l.N("registration.figures.role."+t.Label, t.People))
	}
	return lines
}

// registrationFuncs are the template helpers of the registration pages.
func registrationFuncs() template.FuncMap {
	return template.FuncMap{
		"countedLines": CountedLines,
		"now":          time.Now,
		// dict passes several values to a sub-template: dict "L" .L "A" $x.
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict needs key/value pairs")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
	}
}
