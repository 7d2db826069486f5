package istat

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// searchKey reduces a name to the form used for matching: lower case,
// accents removed, and every run of punctuation or spaces turned into a
// single space. So "Leinì" and "leini" meet, and so do "Sant'Antonino",
// "Sant’Antonino" and "sant antonino", whatever apostrophe a user types.
func searchKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pending := false // a separator is due before the next letter
	separate := func() {
		if pending && b.Len() > 0 {
			b.WriteByte(' ')
		}
		pending = false
	}
	for _, r := range s {
		if r < utf8.RuneSelf {
			switch {
			case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
				separate()
				b.WriteByte(byte(r))
			case 'A' <= r && r <= 'Z':
				separate()
				b.WriteByte(byte(r - 'A' + 'a'))
			default:
				pending = true
			}
			continue
		}
		r = unicode.ToLower(r)
		switch base := foldAccent(r); {
		case base != "":
			separate()
			b.WriteString(base)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			separate()
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r):
			// A combining mark is a decomposed accent: drop it.
		default:
			pending = true
		}
	}
	return b.String()
}

// foldAccent maps a lower-case Latin letter with a diacritic to its base
// letters, or returns "" when r has none. It covers Latin-1 and the Latin
// Extended-A letters found in Italian, Ladin, German, French, Slovene and
// other names a user may type.
func foldAccent(r rune) string {
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'ā', 'ă', 'ą':
		return "a"
	case 'æ':
		return "ae"
	case 'ç', 'ć', 'ĉ', 'ċ', 'č':
		return "c"
	case 'ď', 'đ':
		return "d"
	case 'è', 'é', 'ê', 'ë', 'ē', 'ĕ', 'ė', 'ę', 'ě':
		return "e"
	case 'ĝ', 'ğ', 'ġ', 'ģ':
		return "g"
	case 'ì', 'í', 'î', 'ï', 'ĩ', 'ī', 'ĭ', 'į', 'ı':
		return "i"
	case 'ł', 'ľ', 'ĺ', 'ļ':
		return "l"
	case 'ñ', 'ń', 'ň', 'ņ':
		return "n"
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø', 'ō', 'ŏ', 'ő':
		return "o"
	case 'œ':
		return "oe"
	case 'ŕ', 'ř':
		return "r"
	case 'ś', 'š', 'ş':
		return "s"
	case 'ß':
		return "ss"
	case 'ť', 'ţ':
		return "t"
	case 'ù', 'ú', 'û', 'ü', 'ũ', 'ū', 'ŭ', 'ů', 'ű', 'ų':
		return "u"
	case 'ý', 'ÿ':
		return "y"
	case 'ź', 'ż', 'ž':
		return "z"
	}
	return ""
}
