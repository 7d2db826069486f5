package i18n

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/nicksnyder/go-i18n/v2/i18n/template"
)

// messageKeys are the keys a plural message object may carry. The list is
// narrower than go-i18n's so that a typo such as "ohter" fails at start-up.
var messageKeys = map[string]bool{
	"description": true,
	"zero":        true,
	"one":         true,
	"two":         true,
	"few":         true,
	"many":        true,
	"other":       true,
}

// parseCatalogue reads a flat go-i18n JSON file: each id maps either to a
// string or to an object of CLDR plural forms. Nesting is refused so that
// the file stays one sorted list of ids.
func parseCatalogue(data []byte) ([]*goi18n.Message, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	ids := make([]string, 0, len(raw))
	for id := range raw {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	msgs := make([]*goi18n.Message, 0, len(raw))
	var errs []error
	for _, id := range ids {
		m, err := parseMessage(id, raw[id])
		if err != nil {
			errs = append(errs, fmt.Errorf("id %q: %w", id, err))
			continue
		}
		msgs = append(msgs, m)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return msgs, nil
}

func parseMessage(id string, raw json.RawMessage) (*goi18n.Message, error) {
	if id == "" {
		return nil, errors.New("empty id")
	}
	m := &goi18n.Message{ID: id}
	var text string
	if err := json.Unmarshal(raw, &text); err == nil {
		m.Other = text
	} else {
		forms, err := parseForms(raw)
		if err != nil {
			return nil, err
		}
		m.Description, m.Zero, m.One, m.Two = forms["description"], forms["zero"], forms["one"], forms["two"]
		m.Few, m.Many, m.Other = forms["few"], forms["many"], forms["other"]
	}
	if m.Other == "" {
		return nil, errors.New(`no "other" text`)
	}
	// Italian selects "many" for exact millions ("1.000.000 di persone");
	// a message that does not care reads like "other" there.
	if m.Many == "" {
		m.Many = m.Other
	}
	if err := checkTemplates(m); err != nil {
		return nil, err
	}
	return m, nil
}

func parseForms(raw json.RawMessage) (map[string]string, error) {
	var forms map[string]string
	if err := json.Unmarshal(raw, &forms); err != nil {
		return nil, errors.New("want a string or an object of plural forms with string values")
	}
	for key := range forms {
		if !messageKeys[key] {
			return nil, fmt.Errorf("unknown key %q", key)
		}
	}
	return forms, nil
}

// checkTemplates parses every form now, because go-i18n would otherwise
// only find a syntax error when a page first shows the message.
func checkTemplates(m *goi18n.Message) error {
	parser := &template.TextParser{}
	for _, src := range []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
		if _, err := parser.Parse(src, "", ""); err != nil {
			return fmt.Errorf("template %q: %w", src, err)
		}
	}
	return nil
}
