// Package pactimport reads a body's file of pacts (patti di collaborazione)
// as offices publish them — comma or semicolon separated, UTF-8 or
// Windows-1252, Italian dates and decimal commas, headers that vary — maps
// its columns to the public schema (docs/registry.md) and validates every
// row. It knows no HTTP and no SQL: the store writes the records it returns
// (store.ImportPacts), all of them or none.
package pactimport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// MaxBytes is the largest file Parse reads.
const MaxBytes = 32 << 20

// Table is a parsed file: its header and rows, all valid UTF-8.
type Table struct {
	Header    []string
	Rows      [][]string // each as long as Header
	Lines     []int      // the line in the file where each row starts (the header is line 1)
	Delimiter rune       // ',' or ';' (or tab)
	Encoding  string     // "utf-8" or "windows-1252"
}

// ErrEmpty means the file has no header.
var ErrEmpty = errors.New("the file is empty")

// Parse reads a CSV file: it detects the encoding (valid UTF-8, with or
// without a byte order mark, else Windows-1252) and the separator (the one
// of comma, semicolon and tab the header uses most, outside quotes).
// Blank lines are skipped; a row with another number of cells than the
// header is an error naming its line.
func Parse(r io.Reader) (*Table, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read the file: %w", err)
	}
	if len(data) > MaxBytes {
		return nil, &RowError{Line: 0, It: fmt.Sprintf("il file supera %d MB", MaxBytes>>20), En: fmt.Sprintf("the file is larger than %d MB", MaxBytes>>20)}
	}
	t := &Table{Encoding: "utf-8"}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		dec, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return nil, fmt.Errorf("decode Windows-1252: %w", err)
		}
		data, t.Encoding = dec, "windows-1252"
	}
	t.Delimiter = sniffDelimiter(data)
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = t.Delimiter
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			return nil, &RowError{Line: line, It: "riga non leggibile come CSV: " + err.Error(), En: "the line cannot be read as CSV: " + err.Error()}
		}
		if blank(rec) {
			continue
		}
		for i := range rec {
			rec[i] = strings.ToValidUTF8(strings.TrimSpace(rec[i]), "\uFFFD")
		}
		if t.Header == nil {
			t.Header = rec
			continue
		}
		if len(rec) != len(t.Header) {
			return nil, &RowError{Line: line,
				It: fmt.Sprintf("la riga ha %d colonne, l'intestazione %d", len(rec), len(t.Header)),
				En: fmt.Sprintf("the row has %d columns, the header %d", len(rec), len(t.Header))}
		}
		t.Rows = append(t.Rows, rec)
		t.Lines = append(t.Lines, line)
	}
	if t.Header == nil {
		return nil, ErrEmpty
	}
	return t, nil
}

func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// sniffDelimiter counts the candidate separators on the first line outside
// quotes and picks the most frequent (comma when none appears).
func sniffDelimiter(data []byte) rune {
	counts := map[rune]int{}
	inQuotes := false
	for _, r := range string(data) {
		if r == '"' {
			inQuotes = !inQuotes
			continue
		}
		if !inQuotes && (r == '\n' || r == '\r') {
			if len(counts) > 0 {
				break
			}
			continue
		}
		if !inQuotes && (r == ',' || r == ';' || r == '\t') {
			counts[r]++
		}
	}
	best, n := ',', 0
	for _, r := range []rune{',', ';', '\t'} {
		if counts[r] > n {
			best, n = r, counts[r]
		}
	}
	return best
}
