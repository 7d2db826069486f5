package fulltext

import (
	"strings"
	"unicode/utf8"
)

// Segment is a piece of text; Match is set on the words that match the query.
// Templates escape Text and wrap matches in <mark>, so no HTML is built here.
type Segment struct {
	Text  string
	Match bool
}

// word is a word of a text and where it lies, in bytes.
type word struct{ start, end int }

func words(text string) []word {
	var out []word
	start := -1
	for i, r := range text {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, word{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, word{start, len(text)})
	}
	return out
}

// Highlight splits a whole text into segments, marking the words whose
// term is one of terms.
func Highlight(text string, terms []string) []Segment {
	return excerpt(text, terms, 0)
}

// Snippet returns a short excerpt of text around its first matching word, at
// most about maxWords words long, with "…" where text was cut. When no word
// matches it returns the beginning of the text.
func Snippet(text string, terms []string, maxWords int) []Segment {
	return excerpt(plain(text), terms, maxWords)
}

func excerpt(text string, terms []string, maxWords int) []Segment {
	want := map[string]bool{}
	for _, t := range terms {
		want[t] = true
	}
	ws := words(text)
	match := make([]bool, len(ws))
	first := -1
	for i, w := range ws {
		if t := Stem(text[w.start:w.end]); t != "" && want[t] {
			match[i] = true
			if first < 0 {
				first = i
			}
		}
	}
	from, to := 0, len(ws)
	if maxWords > 0 && len(ws) > maxWords {
		if first > maxWords/3 {
			from = first - maxWords/3
		}
		to = min(len(ws), from+maxWords)
	}
	if from >= to {
		return nil
	}
	start, end := ws[from].start, ws[to-1].end
	if from == 0 {
		start = 0
	}
	if to == len(ws) {
		end = len(text)
	}
	var out []Segment
	if from > 0 {
		out = append(out, Segment{Text: "… "})
	}
	pos := start
	for i := from; i < to; i++ {
		if !match[i] {
			continue
		}
		if ws[i].start > pos {
			out = append(out, Segment{Text: text[pos:ws[i].start]})
		}
		out = append(out, Segment{Text: text[ws[i].start:ws[i].end], Match: true})
		pos = ws[i].end
	}
	if end > pos {
		out = append(out, Segment{Text: text[pos:end]})
	}
	if to < len(ws) {
		out = append(out, Segment{Text: " …"})
	}
	return out
}

// plain removes the Markdown marks that would look odd in an excerpt and
// folds line breaks into spaces: a snippet is one line of text.
func plain(md string) string {
	var b strings.Builder
	b.Grow(len(md))
	lineStart := true // headings and quotes are marked at the start of a line only
	for i := 0; i < len(md); {
		r, size := utf8.DecodeRuneInString(md[i:])
		switch {
		case r == '(' && i > 0 && md[i-1] == ']':
			// a link target: keep the link text, drop the address
			if j := strings.IndexByte(md[i:], ')'); j >= 0 {
				i += j + 1
				continue
			}
			b.WriteRune(r)
		case lineStart && (r == '#' || r == '>'):
			i += size
			continue
		case strings.ContainsRune("*_[]`|", r):
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
			lineStart = r != '\t'
			i += size
			continue
		case r == ' ':
			b.WriteByte(' ')
			i += size
			continue
		default:
			b.WriteRune(r)
		}
		lineStart = false
		i += size
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
