package admin

import (
	"net/http"
	"strconv"
	"strings"

	"benicommunity/internal/domain"
	"benicommunity/internal/istat"
	"benicommunity/internal/web/core"
)

// moreRows is how many empty rows the "add rows" buttons of the activity
// form add to their section, without saving.
const moreRows = 10

// Values of the add_rows button: which section of the activity form grows.
const (
	addPartRows  = "enti"
	addTableRows = "tavoli"
	addPasted    = "elenco"
)

// bodyMatches is the outcome of matching pasted names to the registry.
type bodyMatches struct {
	Found     []domain.BodyRef
	Unknown   []string // names that match no body
	Ambiguous []string // names that match several bodies
}

// matchBodyNames matches names, one a line, to the bodies of the registry:
// first the exact name (ignoring case, accents and punctuation), then a unique
// body whose name starts with it, then a unique body whose name contains it.
func matchBodyNames(bodies []domain.BodyRef, text string) bodyMatches {
	keys := make([]string, len(bodies))
	for i, b := range bodies {
		keys[i] = istat.SearchKey(b.Name)
	}
	var m bodyMatches
	for _, line := range strings.Split(text, "\n") {
		name := strings.TrimSpace(line)
		key := istat.SearchKey(name)
		if key == "" {
			continue
		}
		var hits []domain.BodyRef
		for _, same := range []func(string) bool{
			func(k string) bool { return k == key },
			func(k string) bool { return strings.HasPrefix(k, key) },
			func(k string) bool { return strings.Contains(k, key) },
		} {
			for i, k := range keys {
				if same(k) {
					hits = append(hits, bodies[i])
				}
			}
			if len(hits) > 0 {
				break
			}
		}
		switch len(hits) {
		case 0:
			m.Unknown = append(m.Unknown, name)
		case 1:
			m.Found = append(m.Found, hits[0])
		default:
			m.Ambiguous = append(m.Ambiguous, name)
		}
	}
	return m
}

// addPastedBodies turns the names pasted in the activity form into rows of
// participating bodies with the chosen role. The names that match no body, or
// several, stay in the box with a message saying what to do; the others leave
// it. It reports how many rows were added.
func (s *Handler) addPastedBodies(f *core.Form, bodies []domain.BodyRef) int {
	text := f.Raw("paste_bodies")
	if strings.TrimSpace(text) == "" {
		return 0
	}
	role := f.Get("paste_role")
	if !domain.ParticipationRole(role).Valid() {
		f.Fail("paste_role", "admin.activity.error.part_role")
		return 0
	}
	m := matchBodyNames(bodies, text)
	// Keep the rows that hold something, then add the found bodies once each.
	pb, pr, pn := f.Values["part_body"], f.Values["part_role"], f.Values["part_note"]
	var body, roles, notes []string
	seen := map[string]bool{}
	for i := 0; i < max(len(pb), len(pr), len(pn)); i++ {
		b, n := strings.TrimSpace(at(pb, i)), strings.TrimSpace(at(pn, i))
		if b == "" && n == "" {
			continue
		}
		body, roles, notes = append(body, at(pb, i)), append(roles, at(pr, i)), append(notes, at(pn, i))
		seen[b+"/"+strings.TrimSpace(at(pr, i))] = true
	}
	added := 0
	for _, b := range m.Found {
		id := strconv.FormatInt(b.ID, 10)
		if seen[id+"/"+role] {
			continue
		}
		seen[id+"/"+role] = true
		body, roles, notes = append(body, id), append(roles, role), append(notes, "")
		added++
	}
	f.Values["part_body"], f.Values["part_role"], f.Values["part_note"] = body, roles, notes
	left := append(append([]string{}, m.Unknown...), m.Ambiguous...)
	f.Values.Set("paste_bodies", strings.Join(left, "\n"))
	switch {
	case len(m.Unknown) > 0 && len(m.Ambiguous) > 0:
		f.Fail("paste_bodies", "admin.activity.error.paste_both", "Unknown", strings.Join(m.Unknown, "; "), "Ambiguous", strings.Join(m.Ambiguous, "; "))
	case len(m.Unknown) > 0:
		f.Fail("paste_bodies", "admin.activity.error.paste_unknown", "Unknown", strings.Join(m.Unknown, "; "))
	case len(m.Ambiguous) > 0:
		f.Fail("paste_bodies", "admin.activity.error.paste_ambiguous", "Ambiguous", strings.Join(m.Ambiguous, "; "))
	}
	return added
}

// growActivityForm adds the pasted bodies to the rows of a posted activity
// form and, when one of the "add rows" buttons was pressed, shows the form
// again with everything typed and more empty rows, writing nothing: it then
// reports true. When the form is being saved it reports false, and a pasted
// name left unmatched stops the save with its message.
func (s *Handler) growActivityForm(w http.ResponseWriter, r *http.Request, f *core.Form, id int64, st domain.Status, slug string) bool {
	bodies, err := s.Store.AllBodyRefs(r.Context())
	if err != nil {
		s.ServerError(w, r, err)
		return true
	}
	added := s.addPastedBodies(f, bodies)
	l := s.Localizer(r)
	var grow formGrowth
	var flash string
	switch f.Get("add_rows") {
	case "":
		return false
	case addPartRows:
		grow.Parts, flash = true, l.T("admin.activity.rows_added_parts", "N", moreRows)
	case addTableRows:
		grow.Tables, flash = true, l.T("admin.activity.rows_added_tables", "N", moreRows)
	default: // addPasted
		flash = l.N("admin.activity.pasted_added", added)
	}
	f.Values.Del("add_rows")
	s.renderGrownActivityForm(w, r, http.StatusOK, f, id, st, slug, grow, flash)
	return true
}
