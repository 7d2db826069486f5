package istat

import (
	_ "embed"
	"slices"
	"strings"
)

//go:embed comuni.tsv.gz
var embeddedData []byte

// Registry holds every comune and the indexes used to look them up. It is
// never modified after Load, so one Registry may serve any number of
// goroutines.
type Registry struct {
	comuni    []Comune           // sorted by Code
	keys      []string           // searchKey of each name, parallel to comuni
	byName    map[string][]int32 // searchKey of the name → positions in comuni
	byPop     []int32            // positions in comuni, most populous first
	provinces []Province         // sorted by name
	regions   []Region           // sorted by name
}

// Load decodes the embedded list of comuni and builds the registry.
func Load() (*Registry, error) {
	return load(embeddedData)
}

// Len returns the number of comuni.
func (r *Registry) Len() int { return len(r.comuni) }

// All returns every comune, sorted by ISTAT code. The slice is a copy.
func (r *Registry) All() []Comune { return slices.Clone(r.comuni) }

// ByCode returns the comune with the given 6-digit ISTAT code.
func (r *Registry) ByCode(code string) (Comune, bool) {
	i, ok := slices.BinarySearchFunc(r.comuni, code, func(c Comune, code string) int {
		return strings.Compare(c.Code, code)
	})
	if !ok {
		return Comune{}, false
	}
	return r.comuni[i], true
}

// Provinces returns every province, sorted by name. The slice is a copy.
func (r *Registry) Provinces() []Province { return slices.Clone(r.provinces) }

// Regions returns every region, sorted by name. The slice is a copy.
func (r *Registry) Regions() []Region { return slices.Clone(r.regions) }
