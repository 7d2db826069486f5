package istat

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// index builds the lookup structures over comuni, which must be sorted by
// code.
func index(comuni []Comune) (*Registry, error) {
	r := &Registry{
		comuni: comuni,
		keys:   make([]string, len(comuni)),
		byName: make(map[string][]int32, len(comuni)),
		byPop:  make([]int32, len(comuni)),
	}
	for i, c := range comuni {
		key := searchKey(c.Name)
		// Find relies on name and sigla together naming one comune.
		for _, j := range r.byName[key] {
			if comuni[j].ProvinceSigla == c.ProvinceSigla {
				return nil, fmt.Errorf("comuni %s and %s share name %q in %s",
					comuni[j].Code, c.Code, c.Name, c.ProvinceSigla)
			}
		}
		r.keys[i] = key
		r.byName[key] = append(r.byName[key], int32(i))
		r.byPop[i] = int32(i)
	}
	slices.SortFunc(r.byPop, func(a, b int32) int {
		return cmp.Or(
			cmp.Compare(comuni[b].Population, comuni[a].Population),
			strings.Compare(r.keys[a], r.keys[b]),
			strings.Compare(comuni[a].Code, comuni[b].Code),
		)
	})
	r.provinces = summariseProvinces(comuni)
	r.regions = summariseRegions(comuni)
	return r, nil
}

func summariseProvinces(comuni []Comune) []Province {
	var out []Province
	at := map[string]int{} // province code → position in out
	for _, c := range comuni {
		i, ok := at[c.ProvinceCode]
		if !ok {
			i = len(out)
			at[c.ProvinceCode] = i
			out = append(out, Province{
				Code: c.ProvinceCode, Name: c.ProvinceName, Sigla: c.ProvinceSigla,
				RegionCode: c.RegionCode, RegionName: c.RegionName,
			})
		}
		out[i].Comuni++
		out[i].Population += c.Population
	}
	slices.SortFunc(out, func(a, b Province) int {
		return byName(a.Name, a.Code, b.Name, b.Code)
	})
	return out
}

func summariseRegions(comuni []Comune) []Region {
	var out []Region
	at := map[string]int{} // region code → position in out
	provinces := map[string]bool{}
	for _, c := range comuni {
		i, ok := at[c.RegionCode]
		if !ok {
			i = len(out)
			at[c.RegionCode] = i
			out = append(out, Region{
				Code: c.RegionCode, Name: c.RegionName,
				ZoneCode: c.ZoneCode, ZoneName: c.ZoneName,
			})
		}
		if !provinces[c.ProvinceCode] {
			provinces[c.ProvinceCode] = true
			out[i].Provinces++
		}
		out[i].Comuni++
		out[i].Population += c.Population
	}
	slices.SortFunc(out, func(a, b Region) int {
		return byName(a.Name, a.Code, b.Name, b.Code)
	})
	return out
}

// byName orders by name ignoring case and accents, so that "Forlì-Cesena"
// sits among the F's; the code breaks ties.
func byName(nameA, codeA, nameB, codeB string) int {
	return cmp.Or(
		strings.Compare(searchKey(nameA), searchKey(nameB)),
		strings.Compare(nameA, nameB),
		strings.Compare(codeA, codeB),
	)
}
