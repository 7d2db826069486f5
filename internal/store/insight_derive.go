package store

import (
	"cmp"
	"slices"
	"time"

	"benicommunity/internal/domain"
)

// The derivations below turn InsightData into the figures of /rete. They
// are pure functions of the loaded data, so each can be tested on a small
// hand-built network and the result cached as a whole.

// InsightReport is every figure of the network overview.
type InsightReport struct {
	Stages  []StageFigures
	Members []MemberFigures // most stages attended first, then by name
	Totals  InsightTotals
	ByKind  []Share // in domain.BodyKinds order, kinds with no member left out
	ByProv  []Share // most members first, then by name
	ByBand  []Share // piccolo, medio, grande, then "" for bodies that are not a Comune
	// OnceOnly are the members that attended exactly one stage although
	// later stages took place in the scope: they did not come back.
	OnceOnly []MemberFigures
	Pairs    []Pair // most shared stages first
}

// StageFigures is what happened at one stage.
type StageFigures struct {
	InsightStage
	Number     int           // 1-based position in the scope
	Counted    int           // member bodies recorded as taking part
	New        int           // of which at their first stage in the scope
	Returning  int           // Counted - New
	Cumulative int           // members so far, this stage included
	Hosts      []InsightBody // member bodies that hosted it, by id
}

// MemberFigures is one member body's engagement in the scope.
type MemberFigures struct {
	InsightBody
	Stages     int // stages attended (in any member role)
	Hosted     int // stages hosted
	FirstStage int // index into Stages of the first stage attended
	LastStage  int
}

// Share is how many member bodies fall in a group.
type Share struct {
	Key    string
	Label  string
	Bodies int
}

// Pair is two member bodies and the number of stages both attended.
type Pair struct {
	A, B   InsightBody
	Stages int
}

// InsightTotals are the headline numbers.
type InsightTotals struct {
	Stages    int
	Members   int
	Comuni    int
	Provinces int
	Regions   int
	// DeclaredPeople sums the people declared by the stages that declared
	// a figure (DeclaredStages of them); it counts people per stage, so a
	// person at two stages counts twice.
	DeclaredPeople int
	DeclaredStages int
	PeopleApprox   bool // at least one summed figure is approximate
	First, Last    time.Time
}

// MaxPairs bounds the co-participation list.
const MaxPairs = 20

// BandFunc gives the population band of a Comune by ISTAT code.
type BandFunc func(istatCode string) (band string, ok bool)

// DeriveInsight computes every figure of the overview from the raw data.
func DeriveInsight(d InsightData, band BandFunc) InsightReport {
	var r InsightReport
	r.Stages = make([]StageFigures, len(d.Stages))
	for i, st := range d.Stages {
		r.Stages[i] = StageFigures{InsightStage: st, Number: i + 1}
	}
	members := map[int64]*MemberFigures{}
	byStage := make([][]int64, len(d.Stages))
	for _, a := range d.Attendance {
		m, ok := members[a.BodyID]
		if !ok {
			m = &MemberFigures{InsightBody: d.Bodies[a.BodyID], FirstStage: a.Stage, LastStage: a.Stage}
			members[a.BodyID] = m
			r.Stages[a.Stage].New++
		}
		m.Stages++
		if a.Host {
			m.Hosted++
			r.Stages[a.Stage].Hosts = append(r.Stages[a.Stage].Hosts, d.Bodies[a.BodyID])
		}
		m.FirstStage = min(m.FirstStage, a.Stage)
		m.LastStage = max(m.LastStage, a.Stage)
		r.Stages[a.Stage].Counted++
		byStage[a.Stage] = append(byStage[a.Stage], a.BodyID)
	}
	cum := 0
	for i := range r.Stages {
		s := &r.Stages[i]
		s.Returning = s.Counted - s.New
		cum += s.New
		s.Cumulative = cum
	}
	for _, m := range members {
		r.Members = append(r.Members, *m)
	}
	slices.SortFunc(r.Members, func(a, b MemberFigures) int {
		return cmp.Or(cmp.Compare(b.Stages, a.Stages), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	for _, m := range r.Members {
		if m.Stages == 1 && m.FirstStage < len(d.Stages)-1 {
			r.OnceOnly = append(r.OnceOnly, m)
		}
	}
	r.Totals = totals(r, d)
	r.ByKind = sharesByKind(r.Members)
	r.ByProv = sharesByProvince(r.Members)
	r.ByBand = sharesByBand(r.Members, band)
	r.Pairs = coParticipation(byStage, d.Bodies)
	return r
}

// sortAttendance orders attendance by stage, then body, so derivations are
// deterministic whatever order the database returned.
func sortAttendance(a []InsightAttendance) {
	slices.SortFunc(a, func(x, y InsightAttendance) int {
		return cmp.Or(cmp.Compare(x.Stage, y.Stage), cmp.Compare(x.BodyID, y.BodyID))
	})
}

func totals(r InsightReport, d InsightData) InsightTotals {
	t := InsightTotals{Stages: len(r.Stages), Members: len(r.Members)}
	provinces, regions := map[string]bool{}, map[string]bool{}
	for _, m := range r.Members {
		if m.Kind == domain.KindComune {
			t.Comuni++
		}
		if m.ProvinceCode != "" {
			provinces[m.ProvinceCode] = true
		}
		if m.Region != "" {
			regions[m.Region] = true
		}
	}
	t.Provinces, t.Regions = len(provinces), len(regions)
	for _, s := range d.Stages {
		if s.DeclaredPeople != nil {
			t.DeclaredPeople += *s.DeclaredPeople
			t.DeclaredStages++
			t.PeopleApprox = t.PeopleApprox || s.PeopleApprox
		}
	}
	if len(d.Stages) > 0 {
		t.First, t.Last = d.Stages[0].StartsOn, d.Stages[len(d.Stages)-1].StartsOn
	}
	return t
}

func sharesByKind(ms []MemberFigures) []Share {
	count := map[domain.BodyKind]int{}
	for _, m := range ms {
		count[m.Kind]++
	}
	var out []Share
	for _, k := range domain.BodyKinds {
		if count[k] > 0 {
			out = append(out, Share{Key: string(k), Bodies: count[k]})
		}
	}
	return out
}

func sharesByProvince(ms []MemberFigures) []Share {
	count := map[string]*Share{}
	for _, m := range ms {
		key := m.ProvinceCode
		s, ok := count[key]
		if !ok {
			s = &Share{Key: key, Label: m.Province}
			count[key] = s
		}
		s.Bodies++
	}
	out := make([]Share, 0, len(count))
	for _, s := range count {
		out = append(out, *s)
	}
	slices.SortFunc(out, func(a, b Share) int {
		return cmp.Or(cmp.Compare(b.Bodies, a.Bodies), cmp.Compare(a.Label, b.Label), cmp.Compare(a.Key, b.Key))
	})
	return out
}

// BandOrder lists the population bands in display order; "" collects the
// members that are not a Comune of the registry.
var BandOrder = []string{"piccolo", "medio", "grande", ""}

func sharesByBand(ms []MemberFigures, band BandFunc) []Share {
	count := map[string]int{}
	for _, m := range ms {
		key := ""
		if m.Kind == domain.KindComune && band != nil {
			if b, ok := band(m.ISTATCode); ok {
				key = b
			}
		}
		count[key]++
	}
	var out []Share
	for _, k := range BandOrder {
		if count[k] > 0 {
			out = append(out, Share{Key: k, Bodies: count[k]})
		}
	}
	return out
}

// coParticipation counts, for every pair of members, the stages both
// attended, and keeps the MaxPairs pairs that met most often. On a large
// network there are millions of pair occurrences: they are packed into one
// slice of integers and sorted, which is several times faster than counting
// them in a map, and only the pairs at or above the MaxPairs-th count are
// then ordered by name.
func coParticipation(byStage [][]int64, bodies map[int64]InsightBody) []Pair {
	total := 0
	for _, ids := range byStage {
		total += len(ids) * (len(ids) - 1) / 2
	}
	keys := make([]uint64, 0, total)
	for _, ids := range byStage {
		for i := 0; i < len(ids); i++ {
			for j := i + 1; j < len(ids); j++ {
				a, b := ids[i], ids[j]
				if a > b {
					a, b = b, a
				}
				keys = append(keys, uint64(a)<<32|uint64(b))
			}
		}
	}
	slices.Sort(keys)
	type run struct {
		key uint64 // a<<32 | b, a < b
		n   int32  // stages both attended
	}
	var runs []run
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j] == keys[i] {
			j++
		}
		runs = append(runs, run{keys[i], int32(j - i)})
		i = j
	}
	// byCount[n] = how many pairs met n times; find the smallest n that
	// still belongs to the top MaxPairs.
	var byCount []int
	for _, r := range runs {
		n := r.n
		for int(n) >= len(byCount) {
			byCount = append(byCount, 0)
		}
		byCount[n]++
	}
	threshold, kept := 1, 0
	for n := len(byCount) - 1; n >= 1; n-- {
		kept += byCount[n]
		if kept >= MaxPairs {
			threshold = n
			break
		}
	}
	type kv struct {
		a, b int64
		n    int
	}
	var all []kv
	for _, r := range runs {
		if int(r.n) >= threshold {
			all = append(all, kv{int64(r.key >> 32), int64(r.key & 0xffffffff), int(r.n)})
		}
	}
	slices.SortFunc(all, func(x, y kv) int {
		return cmp.Or(cmp.Compare(y.n, x.n),
			cmp.Compare(bodies[x.a].Name, bodies[y.a].Name), cmp.Compare(bodies[x.b].Name, bodies[y.b].Name),
			cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b))
	})
	if len(all) > MaxPairs {
		all = all[:MaxPairs]
	}
	out := make([]Pair, len(all))
	for i, p := range all {
		a, b := bodies[p.a], bodies[p.b]
		if b.Name < a.Name {
			a, b = b, a
		}
		out[i] = Pair{A: a, B: b, Stages: p.n}
	}
	return out
}
