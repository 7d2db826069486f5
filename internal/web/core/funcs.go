package core

import (
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"

	"benicommunity/internal/domain"
	"benicommunity/internal/i18n"
	"benicommunity/internal/store"
)

// funcs are the helpers templates may call besides the localizer's methods.
func (s *Site) funcs() template.FuncMap {
	fm := template.FuncMap{
		"asset": s.Assets.URL,
		"markdown": func(src string) (template.HTML, error) {
			return s.Markdown.Render(src)
		},
		"isoDate":     func(t time.Time) string { return t.Format(time.DateOnly) },
		"figures":     FigureLines,
		"joinNames":   joinBodyNames,
		"personRoles": personRolesText,
		"hostsOf":     HostsOf,
		"byRole":      ByRole,
		"withQuery":   withQuery,
		"ogLocale":    OGLocale,
		"itoa":        strconv.Itoa,
		"inc":         func(i int) int { return i + 1 },
		"num":         func(l *i18n.Localizer, n int) string { return l.Number(int64(n)) },
		"navItem":     navItem,
		"stageCard": func(l *i18n.Localizer, s store.ActivitySummary, n int) stageCard {
			return stageCard{L: l, S: s, Number: n}
		},
		"namedBodies": NamedBodies,
		"pagerView": func(l *i18n.Localizer, p Pager) pagerView {
			return pagerView{L: l, P: p, Pages: p.Pages()}
		},
	}
	for k, v := range formFuncs() {
		fm[k] = v
	}
	for k, v := range registrationFuncs() {
		fm[k] = v
	}
	for k, v := range langFuncs() {
		fm[k] = v
	}
	return fm
}

// joinBodyNames lists the names of bodies as a sentence: "A, B e C".
func joinBodyNames(l *i18n.Localizer, refs []domain.BodyRef) string {
	names := make([]string, len(refs))
	for i, r := range refs {
		names[i] = r.Name
	}
	return JoinList(l, names)
}

// personRolesText lists the declared roles of people, with their counts
// where known.
func personRolesText(l *i18n.Localizer, roles []domain.DeclaredRole) string {
	names := make([]string, len(roles))
	for i, r := range roles {
		if r.People != nil {
			names[i] = l.N("person.count."+string(r.Role), *r.People)
		} else {
			names[i] = l.T("person.plural." + string(r.Role))
		}
	}
	return JoinList(l, names)
}

// withQuery is path with the query q, key set to value (or removed when
// value is empty); q itself is left unchanged.
func withQuery(path string, q url.Values, key, value string) string {
	c := url.Values{}
	for k, v := range q {
		c[k] = append([]string(nil), v...)
	}
	if value == "" {
		c.Del(key)
	} else {
		c.Set(key, value)
	}
	if enc := c.Encode(); enc != "" {
		return path + "?" + enc
	}
	return path
}

// navItem is a link of the main navigation, current on its page and the
// pages below it.
func navItem(p Page, href, labelID string) navLink {
	current := p.Path == href || (href != "/" && strings.HasPrefix(p.Path, href+"/"))
	return navLink{Href: href, Label: p.L.T(labelID), Current: current}
}

type navLink struct {
	Href, Label string
	Current     bool
}

type stageCard struct {
	L      *i18n.Localizer
	S      store.ActivitySummary
	Number int
}

type pagerView struct {
	L     *i18n.Localizer
	P     Pager
	Pages int
}

// namedBodies returns each body named at an activity once, whatever its roles.
func NamedBodies(ps []domain.Participation) []domain.BodyRef {
	seen := map[int64]bool{}
	var out []domain.BodyRef
	for _, p := range ps {
		if !seen[p.Body.ID] {
			seen[p.Body.ID] = true
			out = append(out, p.Body)
		}
	}
	return out
}

// joinList writes "a, b e c" (or "a, b and c").
func JoinList(l *i18n.Localizer, items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	out := ""
	for i, it := range items[:len(items)-1] {
		if i > 0 {
			out += ", "
		}
		out += it
	}
	return l.T("list.and", "Head", out, "Last", items[len(items)-1])
}

// figureLines says, in words, what is known of an activity's size: the
// declared people and bodies (approximate where the source was), and how many
// bodies are named. Partial knowledge is normal and is shown as such.
func FigureLines(l *i18n.Localizer, f domain.Figures, named int) []string {
	var people, bodies string
	if f.People != nil {
		people = l.N("count.participants", *f.People)
		if f.PeopleApprox {
			people = l.T("figures.about", "Value", people)
		}
	}
	if f.Bodies != nil {
		bodies = l.N("count.bodies", *f.Bodies)
		if f.BodiesApprox {
			bodies = l.T("figures.about", "Value", bodies)
		}
	}
	var lines []string
	switch {
	case people != "" && bodies != "":
		lines = append(lines, l.T("figures.people_from_bodies", "People", people, "Bodies", bodies))
	case people != "":
		lines = append(lines, people)
	case bodies != "":
		lines = append(lines, bodies)
	}
	if named > 0 {
		lines = append(lines, l.N("figures.named_bodies", named))
	}
	return lines
}

func HostsOf(ps []domain.Participation) []domain.BodyRef {
	return ByRole(ps, domain.RoleHost)
}

func ByRole(ps []domain.Participation, role domain.ParticipationRole) []domain.BodyRef {
	var out []domain.BodyRef
	for _, p := range ps {
		if p.Role == role {
			out = append(out, p.Body)
		}
	}
	return out
}
