package web

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// OpenData says who publishes the open data and under which licence; it
// feeds the DCAT-AP_IT catalogue. Empty names fall back to the network's name.
type OpenData struct {
	PublisherName string // dct:publisher and dct:rightsHolder foaf:name
	PublisherID   string // their dct:identifier (e.g. the IPA code of the body running the site)
	LicenseURL    string // dct:license of every distribution
	LicenseName   string
	ContactEmail  string // vcard:hasEmail of the catalogue's contact point, when given
}

// Default licence of the open data: Creative Commons Attribution 4.0.
const (
	DefaultLicenseURL  = "https://creativecommons.org/licenses/by/4.0/"
	DefaultLicenseName = "Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)"
)

func (o OpenData) withDefaults() OpenData {
	if o.LicenseURL == "" {
		o.LicenseURL = DefaultLicenseURL
	}
	if o.LicenseName == "" && o.LicenseURL == DefaultLicenseURL {
		o.LicenseName = DefaultLicenseName
	}
	if o.LicenseName == "" {
		o.LicenseName = o.LicenseURL
	}
	return o
}

// ParseBaseURL checks the public address of the site, used for absolute
// links in feeds, calendars, sitemaps and linked data: an http or https URL
// with a host and no query or fragment. The trailing slash is dropped.
func ParseBaseURL(s string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return "", fmt.Errorf("invalid URL %q: %v", s, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("%q must start with http:// or https://", s)
	}
	if u.Host == "" || u.Hostname() == "" {
		return "", fmt.Errorf("%q has no host", s)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("%q must not carry a query, a fragment or credentials", s)
	}
	return strings.TrimRight(u.Scheme+"://"+u.Host+u.EscapedPath(), "/"), nil
}

// ParseLicenseURL checks a licence address for the open data.
func ParseLicenseURL(s string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("%q is not an http(s) URL", s)
	}
	return u.String(), nil
}

// base returns the public base URL: the configured one, or else the address
// the request came to (useful in development and tests).
func (s *Server) base(r *http.Request) string {
	if s.baseURL != "" {
		return s.baseURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// hostOf returns the host name of a base URL without the port, as tag URIs
// and calendar UIDs want it.
func hostOf(base string) string {
	u, err := url.Parse(base)
	if err != nil {
		return "localhost"
	}
	if h, _, err := net.SplitHostPort(u.Host); err == nil {
		return h
	}
	return u.Host
}
