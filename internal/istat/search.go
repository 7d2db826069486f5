package istat

import "strings"

// Find returns the comune whose name is exactly name, ignoring case,
// accents and punctuation ("Leinì" finds Leini, "sant antonino di susa"
// finds Sant'Antonino di Susa). provinceSigla ("TO") is needed only when
// the name is shared by comuni of different provinces, as with Castro (BG,
// LE); without it such a name finds nothing.
func (r *Registry) Find(name, provinceSigla string) (Comune, bool) {
	matches := r.byName[searchKey(name)]
	sigla := strings.TrimSpace(provinceSigla)
	if sigla == "" {
		if len(matches) == 1 {
			return r.comuni[matches[0]], true
		}
		return Comune{}, false
	}
	for _, i := range matches {
		if strings.EqualFold(r.comuni[i].ProvinceSigla, sigla) {
			return r.comuni[i], true
		}
	}
	return Comune{}, false
}

// Search returns up to limit comuni whose name contains query, ignoring
// case, accents and punctuation; limit <= 0 means no limit. Names that
// start with the query come first, then names where it begins at a later
// word ("antonino" in Sant'Antonino di Susa), then names that merely
// contain it; within each group the most
// populous come first, then by name. An empty query, or one with no letter
// or digit, returns nil, as does a query that matches nothing.
func (r *Registry) Search(query string, limit int) []Comune {
	q := searchKey(query)
	if q == "" {
		return nil
	}
	word := " " + q
	var prefix, wordPrefix, inner []int32
	for _, i := range r.byPop {
		key := r.keys[i]
		switch {
		case strings.HasPrefix(key, q):
			prefix = append(prefix, i)
		case strings.Contains(key, word):
			wordPrefix = append(wordPrefix, i)
		case strings.Contains(key, q):
			inner = append(inner, i)
		default:
			continue
		}
		// byPop is in result order within each group, so once enough
		// names start with the query nothing later can displace them.
		if limit > 0 && len(prefix) >= limit {
			break
		}
	}
	var out []Comune
	for _, group := range [][]int32{prefix, wordPrefix, inner} {
		for _, i := range group {
			if limit > 0 && len(out) == limit {
				return out
			}
			out = append(out, r.comuni[i])
		}
	}
	return out
}
