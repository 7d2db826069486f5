package core

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"
)

// The boundary of the site: text that is not valid UTF-8 or carries control
// characters never reaches a handler or the database. PostgreSQL refuses
// such text (the request would fail with 500) and SQLite would store it as
// it is, so both are stopped here, in one place, with a 400 that names the
// parameter or field at fault.

// MaxFormBody is the largest urlencoded form body read (as core.ParseForm).
const MaxFormBody = 2 << 20

// TextProblem says why a piece of text is refused, or "" when it is fine.
type TextProblem string

const (
	TextOK        TextProblem = ""
	TextNotUTF8   TextProblem = "utf8"    // not valid UTF-8
	TextControl   TextProblem = "control" // NUL or another control character
	TextMultiline TextProblem = "newline" // a line break where one line is expected
)

// CheckText reports whether s may enter the site as text: valid UTF-8,
// without NUL or any other C0 control character or DEL. Tab, newline and
// carriage return are allowed when multiline is true (form fields, query
// values); a path or a one-line field refuses them too.
func CheckText(s string, multiline bool) TextProblem {
	if !utf8.ValidString(s) {
		return TextNotUTF8
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != 0x7f {
			continue
		}
		if c == '\t' || c == '\n' || c == '\r' {
			if multiline {
				continue
			}
			return TextMultiline
		}
		return TextControl
	}
	return TextOK
}

// BadInput names one piece of a request that CheckInput refused.
type BadInput struct {
	Where   string // "path", "query" or "form"
	Name    string // the parameter or field (for the path: empty)
	Problem TextProblem
}

// FindBadInput checks the decoded path, every query parameter (names and
// values) and the given form values (names and values), and returns the
// first that is refused.
func FindBadInput(r *http.Request, form url.Values) (BadInput, bool) {
	if p := CheckText(r.URL.Path, false); p != TextOK {
		return BadInput{Where: "path", Problem: p}, true
	}
	check := func(where string, vs url.Values) (BadInput, bool) {
		for k, list := range vs {
			if p := CheckText(k, false); p != TextOK {
				return BadInput{Where: where, Name: printable(k), Problem: p}, true
			}
			for _, v := range list {
				if p := CheckText(v, true); p != TextOK {
					return BadInput{Where: where, Name: k, Problem: p}, true
				}
			}
		}
		return BadInput{}, false
	}
	if bad, ok := check("query", r.URL.Query()); ok {
		return bad, true
	}
	return check("form", form)
}

// printable makes a refused name safe to show: invalid bytes and controls
// become U+FFFD.
func printable(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return '\uFFFD'
		}
		return r
	}, s)
}

// errBody replays the error met while reading a body, so the handler that
// reads it again answers as it always did (for instance 413 for a body
// over its limit).
type errBody struct{ err error }

func (e errBody) Read([]byte) (int, error) { return 0, e.err }
func (e errBody) Close() error             { return nil }

// CheckInput refuses requests whose path, query or form holds text that is
// not valid UTF-8 or has control characters (see CheckText), with 400: an
// error page for people, a problem document under /api/ and /dati/. Forms
// are read only for POST, PUT and PATCH with an urlencoded or multipart
// body; urlencoded bodies are given back to the handler unchanged, and
// multipart bodies are parsed once (up to maxMultipart bytes) for the
// handler to use. File contents are not text and are not checked.
func (s *Site) CheckInput(maxMultipart int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var form url.Values
		if r.Method == http.MethodPost || r.Method == http.MethodPut || r.Method == http.MethodPatch {
			ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
			switch ct {
			case "application/x-www-form-urlencoded":
				body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxFormBody))
				r.Body.Close()
				if err != nil {
					r.Body = errBody{err}
					break
				}
				r.Body = io.NopCloser(bytes.NewReader(body))
				form, _ = url.ParseQuery(string(body))
			case "multipart/form-data":
				r.Body = http.MaxBytesReader(w, r.Body, maxMultipart)
				if err := r.ParseMultipartForm(1 << 20); err != nil {
					// Let the handler meet the same error when it reads the form.
					r.Body, r.Form, r.PostForm, r.MultipartForm = errBody{err}, nil, nil, nil
					break
				}
				defer r.MultipartForm.RemoveAll()
				form = url.Values{}
				for k, v := range r.MultipartForm.Value {
					form[k] = v
				}
				for k, files := range r.MultipartForm.File {
					for _, f := range files { // the file's name, not its contents
						form[k] = append(form[k], f.Filename)
					}
				}
			}
		}
		if bad, ok := FindBadInput(r, form); ok {
			s.RefuseInput(w, r, bad)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// IsDataPath reports whether a path belongs to the open data, which answers
// errors as problem documents.
func IsDataPath(p string) bool {
	return strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/dati/")
}

// RefuseInput answers 400 for a refused piece of input.
func (s *Site) RefuseInput(w http.ResponseWriter, r *http.Request, bad BadInput) {
	l := s.Localizer(r)
	var detail string
	switch bad.Where {
	case "path":
		detail = l.T("error.bad_input.path")
	case "query":
		detail = l.T("error.bad_input.query", "Name", bad.Name)
	default:
		detail = l.T("error.bad_input.form", "Name", bad.Name)
	}
	if bad.Problem == TextMultiline && bad.Where != "path" {
		detail += " " + l.T("error.bad_input.newline")
	}
	if !IsDataPath(r.URL.Path) {
		s.RenderError(w, r, ErrorPage{Status: http.StatusBadRequest, TitleID: "error.bad_request.title", TextID: "error.bad_request.text", Detail: detail})
		return
	}
	name := bad.Name
	if bad.Where == "path" {
		name = "path"
	}
	p := Problem{Type: "/api#problem-invalid-params", Title: l.T("api.problem.invalid_params.title"), Status: http.StatusBadRequest,
		Detail: l.N("api.problem.invalid_params.detail", 1), Instance: strings.ToValidUTF8(r.URL.EscapedPath(), ""),
		InvalidParams: []InvalidParam{{Name: name, Reason: detail}}}
	body, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		s.ServerError(w, r, errors.Join(errors.New("encode problem document"), err))
		return
	}
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Content-Type", "application/problem+json; charset=utf-8")
	h.Set("Content-Language", l.Lang())
	h.Add("Vary", "Accept-Language")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusBadRequest)
	w.Write(append(body, '\n'))
}
