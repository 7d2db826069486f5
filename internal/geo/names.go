package geo

import (
	"strconv"
	"strings"
	"unicode"
)

// regionKeys lists the normalised names under which a region can be found:
// its id, ISTAT code, ISTAT name, each half of a bilingual ISTAT name and the
// source map's English name.
func regionKeys(id, code, name, sourceName string) []string {
	keys := []string{normalizeName(id), normalizeName(code), normalizeName(name), normalizeName(sourceName)}
	if before, after, ok := strings.Cut(name, "/"); ok {
		keys = append(keys, normalizeName(before), normalizeName(after))
	}
	return keys
}

// normalizeName folds case and accents and drops everything but letters and
// digits, so "Friuli Venezia Giulia" and "Friuli-Venezia Giulia" meet.
// Numeric keys are ISTAT codes and are zero-padded to two digits.
func normalizeName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == 'ß':
			b.WriteString("ss")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(baseLetter(r))
		}
	}
	key := b.String()
	if n, err := strconv.Atoi(key); err == nil && n >= 0 && n < 100 {
		return strconv.Itoa(n/10) + strconv.Itoa(n%10)
	}
	return key
}

// baseLetter strips the accents found in Italian, French, German and Ladin
// region names.
func baseLetter(r rune) rune {
	switch r {
	case 'à', 'á', 'â', 'ä':
		return 'a'
	case 'è', 'é', 'ê', 'ë':
		return 'e'
	case 'ì', 'í', 'î', 'ï':
		return 'i'
	case 'ò', 'ó', 'ô', 'ö':
		return 'o'
	case 'ù', 'ú', 'û', 'ü':
		return 'u'
	case 'ç':
		return 'c'
	}
	return r
}
