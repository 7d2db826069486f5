package core

import (
	"net/mail"
	"net/url"
	"strings"
)

// DataController is the titolare del trattamento the privacy notices name
// (GDPR art. 13): the body that runs the site, set by the operator with
// serve --data-controller and --data-controller-contact. The zero value
// makes the notices say that it has not been configured yet, rather than
// leaving the reader without anyone to turn to.
type DataController struct {
	Name    string // e.g. "Comune di Chieri"
	Contact string // an e-mail address, a web address or a postal address
}

// Set reports whether the operator named the controller.
func (d DataController) Set() bool { return strings.TrimSpace(d.Name) != "" }

// ContactHref is a link for the contact (mailto: for an e-mail address, the
// address itself for an http(s) URL), or "" when it is plain text such as a
// postal address.
func (d DataController) ContactHref() string {
	c := strings.TrimSpace(d.Contact)
	if a, err := mail.ParseAddress(c); err == nil && a.Name == "" && !strings.ContainsAny(c, " <>") {
		return "mailto:" + a.Address
	}
	if u, err := url.Parse(c); err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
		return u.String()
	}
	return ""
}
