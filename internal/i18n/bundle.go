// Package i18n holds the interface catalogue and the Italian and English
// formatting of dates and numbers. Italian is the first language: every
// message must exist in Italian, and an English message that is missing
// falls back to the Italian one.
//
// Templates receive a *Localizer (by convention as .L) and call its methods:
//
//	{{.L.T "nav.stages"}}  {{.L.N "count.bodies" .Bodies}}  {{.L.Date .Stage.Date}}
package i18n

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/nicksnyder/go-i18n/v2/i18n/template"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

//go:embed locales/*.json
var localeFiles embed.FS

// Bundle is the loaded catalogue with one ready Localizer per language.
// It is read-only after NewBundle, so one Bundle serves all requests.
type Bundle struct {
	matcher    language.Matcher
	localizers []*Localizer // in the order of locales: Italian first
	ids        map[string][]string
}

// NewBundle loads the embedded catalogue.
func NewBundle() (*Bundle, error) {
	return newBundle(localeFiles)
}

// newBundle loads locales/<lang>.json for every supported language from
// fsys, so tests can feed broken catalogues.
func newBundle(fsys fs.FS) (*Bundle, error) {
	goBundle := goi18n.NewBundle(italian.tag)
	b := &Bundle{ids: make(map[string][]string, len(locales))}
	tags := make([]language.Tag, 0, len(locales))
	for _, loc := range locales {
		files, err := catalogueFiles(fsys, loc.code)
		if err != nil {
			return nil, err
		}
		seen := map[string]string{}
		var all []*goi18n.Message
		for _, name := range files {
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				return nil, fmt.Errorf("read catalogue %q: %w", name, err)
			}
			msgs, err := parseCatalogue(data)
			if err != nil {
				return nil, fmt.Errorf("parse catalogue %q: %w", name, err)
			}
			for _, m := range msgs {
				if other, dup := seen[m.ID]; dup {
					return nil, fmt.Errorf("catalogue %q: id %q is already defined in %q", name, m.ID, other)
				}
				seen[m.ID] = name
			}
			all = append(all, msgs...)
		}
		if err := goBundle.AddMessages(loc.tag, all...); err != nil {
			return nil, fmt.Errorf("add catalogue for %s: %w", loc.code, err)
		}
		b.ids[loc.code] = messageIDs(all)
		tags = append(tags, loc.tag)
	}
	if err := checkComplete(b.ids); err != nil {
		return nil, err
	}
	// missingkey=error turns a message that names an argument the caller
	// did not pass into a visible marker instead of "<no value>".
	parser := &template.TextParser{Option: "missingkey=error"}
	for _, loc := range locales {
		b.localizers = append(b.localizers, &Localizer{
			locale:   loc,
			own:      goi18n.NewLocalizer(goBundle, loc.code),
			fallback: goi18n.NewLocalizer(goBundle, italian.code),
			ids:      idSet(b.ids[loc.code]),
			parser:   parser,
			printer:  message.NewPrinter(loc.tag),
		})
	}
	b.matcher = language.NewMatcher(tags)
	return b, nil
}

// catalogueFiles lists a language's catalogue: locales/<lang>.json, the
// core, plus one locales/<feature>.<lang>.json per feature, so features add
// their messages without touching each other's files.
func catalogueFiles(fsys fs.FS, code string) ([]string, error) {
	core := "locales/" + code + ".json"
	if _, err := fs.Stat(fsys, core); err != nil {
		return nil, fmt.Errorf("read catalogue %q: %w", core, err)
	}
	extra, err := fs.Glob(fsys, "locales/*."+code+".json")
	if err != nil {
		return nil, err
	}
	sort.Strings(extra)
	return append([]string{core}, extra...), nil
}

// checkComplete enforces that Italian, the fallback, has every id: an
// English-only id would show up as a missing marker on Italian pages.
func checkComplete(ids map[string][]string) error {
	it := idSet(ids[italian.code])
	var missing []string
	for _, loc := range locales {
		for _, id := range ids[loc.code] {
			if _, ok := it[id]; !ok {
				missing = append(missing, id)
			}
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("ids missing from the Italian catalogue: %q", missing)
	}
	return nil
}

// Match picks the language of a machine-readable response (API problem
// documents): a supported ?lang= value wins, then the Accept-Language
// header, then Italian. Pages do not use it: the public site is Italian
// unless the visitor chooses English (see web/core Site.Localizer).
func (b *Bundle) Match(queryLang, acceptLanguage string) *Localizer {
	if tag, err := language.Parse(strings.TrimSpace(queryLang)); err == nil {
		if l, ok := b.match(tag); ok {
			return l
		}
	}
	// A malformed header is ignored as a whole, as if it were absent.
	if tags, _, err := language.ParseAcceptLanguage(acceptLanguage); err == nil {
		if l, ok := b.match(tags...); ok {
			return l
		}
	}
	return b.localizers[0]
}

// Choose returns the localizer for a language the visitor picked (a ?lang=
// value or the language preference cookie), and false when code names no
// supported language, so that the caller falls back to its own default.
func (b *Bundle) Choose(code string) (*Localizer, bool) {
	tag, err := language.Parse(strings.TrimSpace(code))
	if err != nil {
		return nil, false
	}
	return b.match(tag)
}

// Localizer returns the localizer for a language code such as "it" or
// "en"; an unsupported or malformed code gets Italian.
func (b *Bundle) Localizer(lang string) *Localizer {
	return b.Match(lang, "")
}

func (b *Bundle) match(tags ...language.Tag) (*Localizer, bool) {
	if len(tags) == 0 {
		return nil, false
	}
	_, i, conf := b.matcher.Match(tags...)
	if conf == language.No {
		return nil, false
	}
	return b.localizers[i], true
}

// IDs returns the sorted message ids of a language's catalogue, or nil
// for an unsupported language. Tests use it to check that templates only
// name ids that exist.
func (b *Bundle) IDs(lang string) []string {
	return slices.Clone(b.ids[lang])
}

func messageIDs(msgs []*goi18n.Message) []string {
	ids := make([]string, 0, len(msgs))
	for _, m := range msgs {
		ids = append(ids, m.ID)
	}
	slices.Sort(ids)
	return ids
}

func idSet(ids []string) map[string]struct{} {
	set := make(map[string]struct{}, len(ids))
	for _, id := range ids {
		set[id] = struct{}{}
	}
	return set
}
