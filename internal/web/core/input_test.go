package core

import "testing"

func TestCheckText(t *testing.T) {
	for _, c := range []struct {
		in        string
		multiline bool
		want      TextProblem
	}{
		{"", false, TextOK},
		{"Comune di Genova", false, TextOK},
		{"perché è così 🙂", false, TextOK},
		{"riga\nriga\r\n\tfine", true, TextOK},
		{"riga\nriga", false, TextMultiline},
		{"tab\t", false, TextMultiline},
		{"a\x00b", true, TextControl},
		{"a\x1bb", true, TextControl},
		{"a\x7fb", true, TextControl},
		{"\xff", true, TextNotUTF8},
		{"\xc0\xaf", false, TextNotUTF8},    // an overlong "/"
		{"\xed\xa0\x80", true, TextNotUTF8}, // a surrogate
	} {
		if got := CheckText(c.in, c.multiline); got != c.want {
			t.Errorf("CheckText(%q, %v) = %q, want %q", c.in, c.multiline, got, c.want)
		}
	}
}
