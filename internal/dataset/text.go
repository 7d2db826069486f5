package dataset

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// multiLine are the fields (by JSON name) whose text may span lines: long
// descriptions, reports, notes, addresses and stored JSON. Every other text
// field is one line, where a control character has no business.
var multiLine = map[string]bool{
	"description": true, "summary": true, "outcome_report": true, "outcome": true,
	"online_note": true, "note": true, "accessibility": true, "contact_office": true,
	"before_json": true, "after_json": true, "settings": true, "keys": true,
}

// CheckText refuses text an archive must never carry into the database:
// invalid UTF-8 (or the replacement character that decoding leaves in its
// place), NUL anywhere, and control characters in one-line fields. The
// error names the record and the field, e.g. `body "comune-x": field name:
// invalid UTF-8`. It walks every string of the dataset, so fields added
// later are checked too.
func (ds Dataset) CheckText() error {
	return checkValue(reflect.ValueOf(ds), "", "")
}

func checkValue(v reflect.Value, record, field string) error {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return checkValue(v.Elem(), record, field)
	case reflect.String:
		if msg := badText(v.String(), multiLine[field]); msg != "" {
			return fmt.Errorf("%sfield %s: %s", record, field, msg)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "-" {
				continue
			}
			if err := checkValue(v.Field(i), record, name); err != nil {
				return err
			}
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return nil // binary data: logos and attachments
		}
		for i := range v.Len() {
			e := v.Index(i)
			rec := record
			if e.Kind() == reflect.Struct {
				rec = record + recordName(e, i) + ": "
			}
			if err := checkValue(e, rec, field); err != nil {
				return err
			}
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			key := iter.Key().String()
			if msg := badText(key, false); msg != "" {
				return fmt.Errorf("%sfield %s: key %q: %s", record, field, key, msg)
			}
			if err := checkValue(iter.Value(), record, field); err != nil {
				return fmt.Errorf("key %q: %w", key, err)
			}
		}
	}
	return nil
}

// recordName says which record an element of a list is: its kind and its
// slug, e-mail or id, as a person would look it up.
func recordName(v reflect.Value, index int) string {
	kind := words(v.Type().Name())
	for _, key := range []string{"Slug", "Email", "Filename", "Title", "Body"} {
		if f := v.FieldByName(key); f.IsValid() && f.Kind() == reflect.String && f.String() != "" {
			return kind + " " + strconv.Quote(strings.ToValidUTF8(f.String(), "\uFFFD"))
		}
	}
	if f := v.FieldByName("ID"); f.IsValid() && f.Kind() == reflect.Int64 && f.Int() != 0 {
		return kind + " " + strconv.FormatInt(f.Int(), 10)
	}
	return fmt.Sprintf("%s #%d", kind, index+1)
}

// words turns a type name into words: ActivityType → "activity type".
func words(name string) string {
	var b strings.Builder
	for i, r := range name {
		if unicode.IsUpper(r) && i > 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// badText says what is wrong with s, or "" when nothing is.
func badText(s string, multi bool) string {
	if !utf8.ValidString(s) || strings.ContainsRune(s, utf8.RuneError) {
		return "invalid UTF-8"
	}
	for _, r := range s {
		switch {
		case r == 0:
			return "contains NUL"
		case multi && (r == '\n' || r == '\r' || r == '\t'):
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			return fmt.Sprintf("control character %U", r)
		}
	}
	return ""
}
