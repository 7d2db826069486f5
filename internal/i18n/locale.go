package i18n

import "golang.org/x/text/language"

// locale is the fixed data of one supported language.
type locale struct {
	code        string
	tag         language.Tag
	months      [12]string
	shortMonths [12]string
	weekdays    [7]string // indexed by time.Weekday: Sunday first
}

// locales lists the supported languages; the first is the default and
// the fallback for missing messages.
var locales = []locale{italian, english}

var italian = locale{
	code: "it",
	tag:  language.Italian,
	months: [12]string{
		"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
		"luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre",
	},
	shortMonths: [12]string{
		"gen", "feb", "mar", "apr", "mag", "giu",
		"lug", "ago", "set", "ott", "nov", "dic",
	},
	weekdays: [7]string{
		"domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato",
	},
}

var english = locale{
	code: "en",
	tag:  language.English,
	months: [12]string{
		"January", "February", "March", "April", "May", "June",
		"July", "August", "September", "October", "November", "December",
	},
	shortMonths: [12]string{
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
	},
	weekdays: [7]string{
		"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	},
}
