package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// source mirrors one element of comuni.json. The postal codes (cap) are
// left out on purpose: upstream states they have no clear licence.
type source struct {
	Name     string `json:"nome"`
	Code     string `json:"codice"`
	Zone     named  `json:"zona"`
	Region   named  `json:"regione"`
	Province named  `json:"provincia"`
	Sigla    string `json:"sigla"`
	Cadastre string `json:"codiceCatastale"`
	Pop      *int   `json:"popolazione"`
}

type named struct {
	Code string `json:"codice"`
	Name string `json:"nome"`
}

// record is one output line, in column order.
type record struct {
	code, name, cadastralCode                  string
	provinceCode, provinceName, provinceSigla  string
	regionCode, regionName, zoneCode, zoneName string
	population                                 int
}

var (
	reComuneCode   = regexp.MustCompile(`^[0-9]{6}$`)
	reCadastral    = regexp.MustCompile(`^[A-Z][0-9]{3}$`)
	reSigla        = regexp.MustCompile(`^[A-Z]{2}$`)
	reRegionCode   = regexp.MustCompile(`^[0-9]{2}$`)
	reZoneCode     = regexp.MustCompile(`^[0-9]$`)
	reProvinceCode = regexp.MustCompile(`^[0-9]{3}$`)
)

// parseComuni decodes and validates comuni.json, returning the records
// sorted by ISTAT code. Anything the registry relies on is checked here so
// that a bad upstream file stops the generator instead of shipping.
func parseComuni(data []byte) ([]record, error) {
	var src []source
	if err := json.Unmarshal(data, &src); err != nil {
		return nil, fmt.Errorf("decode comuni.json: %w", err)
	}
	records := make([]record, 0, len(src))
	for i, s := range src {
		r, err := toRecord(s)
		if err != nil {
			return nil, fmt.Errorf("comuni.json element %d (%q): %w", i, s.Name, err)
		}
		records = append(records, r)
	}
	slices.SortFunc(records, func(a, b record) int { return strings.Compare(a.code, b.code) })
	if err := checkConsistency(records); err != nil {
		return nil, fmt.Errorf("comuni.json: %w", err)
	}
	return records, nil
}

func toRecord(s source) (record, error) {
	checks := []struct {
		field, value string
		re           *regexp.Regexp
	}{
		{"codice", s.Code, reComuneCode},
		{"codiceCatastale", s.Cadastre, reCadastral},
		{"sigla", s.Sigla, reSigla},
		{"provincia.codice", s.Province.Code, reProvinceCode},
		{"regione.codice", s.Region.Code, reRegionCode},
		{"zona.codice", s.Zone.Code, reZoneCode},
	}
	for _, c := range checks {
		if !c.re.MatchString(c.value) {
			return record{}, fmt.Errorf("%s %q does not match %s", c.field, c.value, c.re)
		}
	}
	for field, v := range map[string]string{
		"nome": s.Name, "provincia.nome": s.Province.Name,
		"regione.nome": s.Region.Name, "zona.nome": s.Zone.Name,
	} {
		if strings.TrimSpace(v) != v || v == "" || strings.ContainsAny(v, "\t\r\n") {
			return record{}, fmt.Errorf("%s %q is empty, padded or holds a tab or newline", field, v)
		}
	}
	// The registry derives nothing from this, but a mismatch would mean the
	// upstream columns are not what we think they are.
	if s.Code[:3] != s.Province.Code {
		return record{}, fmt.Errorf("codice %s outside provincia %s", s.Code, s.Province.Code)
	}
	if s.Pop == nil || *s.Pop < 0 {
		return record{}, fmt.Errorf("popolazione missing or negative")
	}
	return record{
		code: s.Code, name: s.Name, cadastralCode: s.Cadastre,
		provinceCode: s.Province.Code, provinceName: s.Province.Name, provinceSigla: s.Sigla,
		regionCode: s.Region.Code, regionName: s.Region.Name,
		zoneCode: s.Zone.Code, zoneName: s.Zone.Name,
		population: *s.Pop,
	}, nil
}

// checkConsistency makes sure codes are unique and that each province and
// region is described the same way on every line.
func checkConsistency(records []record) error {
	provinces := map[string]string{}
	regions := map[string]string{}
	cadastral := map[string]string{}
	for i, r := range records {
		if i > 0 && records[i-1].code == r.code {
			return fmt.Errorf("duplicate codice %s", r.code)
		}
		if other, dup := cadastral[r.cadastralCode]; dup {
			return fmt.Errorf("codiceCatastale %s shared by %s and %s", r.cadastralCode, other, r.code)
		}
		cadastral[r.cadastralCode] = r.code
		if err := same(provinces, "provincia "+r.provinceCode,
			strings.Join([]string{r.provinceName, r.provinceSigla, r.regionCode}, "|")); err != nil {
			return err
		}
		if err := same(regions, "regione "+r.regionCode,
			strings.Join([]string{r.regionName, r.zoneCode, r.zoneName}, "|")); err != nil {
			return err
		}
	}
	return nil
}

func same(seen map[string]string, key, value string) error {
	if prev, ok := seen[key]; ok && prev != value {
		return fmt.Errorf("%s described as both %q and %q", key, prev, value)
	}
	seen[key] = value
	return nil
}
