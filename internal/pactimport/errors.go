package pactimport

import "fmt"

// RowError is an invalid row: the line of the file, the column (its header
// as written) and the reason in plain Italian (for the pages) and English
// (for the command line and logs). Line 0 is the file as a whole.
type RowError struct {
	Line   int
	Column string
	It     string
	En     string
}

// Error is the English message.
func (e *RowError) Error() string {
	switch {
	case e.Line == 0:
		return e.En
	case e.Column == "":
		return fmt.Sprintf("line %d: %s", e.Line, e.En)
	}
	return fmt.Sprintf("line %d, column %q: %s", e.Line, e.Column, e.En)
}

// Italian is the message for the pages.
func (e *RowError) Italian() string {
	switch {
	case e.Line == 0:
		return e.It
	case e.Column == "":
		return fmt.Sprintf("riga %d: %s", e.Line, e.It)
	}
	return fmt.Sprintf("riga %d, colonna «%s»: %s", e.Line, e.Column, e.It)
}
