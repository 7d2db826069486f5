package i18n

import (
	"fmt"
	"reflect"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/nicksnyder/go-i18n/v2/i18n/template"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Localizer renders messages, dates and numbers in one language. It is
// shared by all requests in that language and safe for concurrent use.
// Pass it to templates as a pointer: all its methods have pointer
// receivers and return a string.
type Localizer struct {
	locale   locale
	own      *goi18n.Localizer
	fallback *goi18n.Localizer
	ids      map[string]struct{}
	parser   template.Parser
	printer  *message.Printer
}

// Lang returns the language code, "it" or "en", for <html lang> and links.
func (l *Localizer) Lang() string {
	return l.locale.code
}

// T returns the message id filled with args, given as key/value pairs:
//
//	T("stage.figures", "People", 50, "Bodies", 24)
//
// Integer values are formatted the local way (1.234) before they reach the
// message. A missing id, a malformed argument list or an argument the
// message needs but did not get yields "⟦id⟧", so that tests and crawls
// notice it.
func (l *Localizer) T(id string, args ...any) string {
	data, ok := l.templateData(args)
	if !ok {
		return missing(id)
	}
	return l.localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data})
}

// N returns the plural form of message id that count calls for. The
// message sees count as .Count, formatted the local way, besides args.
func (l *Localizer) N(id string, count int, args ...any) string {
	data, ok := l.templateData(args)
	if !ok {
		return missing(id)
	}
	if _, taken := data["Count"]; taken {
		return missing(id)
	}
	data["Count"] = l.Number(int64(count))
	return l.localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
}

func (l *Localizer) localize(cfg *goi18n.LocalizeConfig) string {
	loc := l.own
	if _, ok := l.ids[cfg.MessageID]; !ok {
		loc = l.fallback
	}
	cfg.TemplateParser = l.parser
	text, err := loc.Localize(cfg)
	if err != nil {
		return missing(cfg.MessageID)
	}
	return text
}

// templateData turns key/value pairs into the map a message is executed
// with. It reports false for an odd count or a key that is not a string.
func (l *Localizer) templateData(args []any) (map[string]any, bool) {
	if len(args)%2 != 0 {
		return nil, false
	}
	data := make(map[string]any, len(args)/2+1)
	for i := 0; i < len(args); i += 2 {
		key, ok := args[i].(string)
		if !ok {
			return nil, false
		}
		data[key] = l.localValue(args[i+1])
	}
	return data, true
}

// localValue formats integers, which would otherwise print as 1234 in
// the middle of Italian text.
func (l *Localizer) localValue(v any) any {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return l.Number(rv.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return l.printer.Sprint(number.Decimal(rv.Uint()))
	default:
		return v
	}
}

func missing(id string) string {
	return fmt.Sprintf("⟦%s⟧", id)
}
