package insight

import (
	"html/template"
	"maps"

	"benicommunity/internal/i18n"
)

// localValue pairs a value with the localizer for sub-templates.
type localValue struct {
	L *i18n.Localizer
	V any
}

type shareView struct {
	L       *i18n.Localizer
	Key     string
	Chart   template.HTML
	TitleID string
	Shares  []shareJSON
}

// Funcs are the template helpers of the insight pages.
func Funcs() template.FuncMap {
	return template.FuncMap{
		"dict2": func(l *i18n.Localizer, v any) localValue { return localValue{L: l, V: v} },
		"dec":   func(i int) int { return i - 1 },
		"shareView": func(l *i18n.Localizer, key string, chart template.HTML, titleID string, shares []shareJSON) shareView {
			return shareView{L: l, Key: key, Chart: chart, TitleID: titleID, Shares: shares}
		},
	}
}

func mergeFuncs(a, b template.FuncMap) template.FuncMap {
	out := maps.Clone(a)
	maps.Copy(out, b)
	return out
}
