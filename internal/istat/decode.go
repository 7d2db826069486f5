package istat

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// dataHeader is the first line of the embedded file; internal/gen writes it.
// Checking it catches a data file whose columns no longer match this code.
const dataHeader = "#code\tname\tcadastral_code\tprovince_code\tprovince_name\tprovince_sigla\tregion_code\tregion_name\tzone_code\tzone_name\tpopulation"

const dataFields = 11

func load(gz []byte) (*Registry, error) {
	comuni, err := decode(gz)
	if err != nil {
		return nil, fmt.Errorf("load comuni: %w", err)
	}
	r, err := index(comuni)
	if err != nil {
		return nil, fmt.Errorf("load comuni: %w", err)
	}
	return r, nil
}

// decode turns the gzip-compressed TSV into comuni. All strings are slices
// of one decompressed text, which keeps Load to a handful of allocations.
func decode(gz []byte) ([]Comune, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	var buf strings.Builder
	buf.Grow(5 * len(gz)) // the text compresses a little over four to one
	if _, err := io.Copy(&buf, zr); err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	text := buf.String()

	header, rest, _ := strings.Cut(text, "\n")
	if header != dataHeader {
		return nil, fmt.Errorf("unexpected header %q", header)
	}
	comuni := make([]Comune, 0, strings.Count(rest, "\n"))
	for lineNo := 2; rest != ""; lineNo++ {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		c, err := parseLine(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", lineNo, err)
		}
		if n := len(comuni); n > 0 && comuni[n-1].Code >= c.Code {
			return nil, fmt.Errorf("line %d: code %s not after %s", lineNo, c.Code, comuni[n-1].Code)
		}
		comuni = append(comuni, c)
	}
	if len(comuni) == 0 {
		return nil, errors.New("no comuni")
	}
	return comuni, nil
}

func parseLine(line string) (Comune, error) {
	var f [dataFields]string
	for i := range dataFields - 1 {
		var ok bool
		if f[i], line, ok = strings.Cut(line, "\t"); !ok {
			return Comune{}, fmt.Errorf("%d fields, want %d", i+1, dataFields)
		}
	}
	f[dataFields-1] = line
	pop, err := strconv.Atoi(f[10])
	if err != nil || pop < 0 {
		return Comune{}, fmt.Errorf("population %q is not a count", f[10])
	}
	return Comune{
		Code: f[0], Name: f[1], CadastralCode: f[2],
		ProvinceCode: f[3], ProvinceName: f[4], ProvinceSigla: f[5],
		RegionCode: f[6], RegionName: f[7], ZoneCode: f[8], ZoneName: f[9],
		Population: pop,
	}, nil
}
