package core

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
)

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

// base returns the public base URL: the configured one, or else the address
// the request came to (useful in development and tests).
func (s *Site) Base(r *http.Request) string {
	if s.BaseURL != "" {
		return s.BaseURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// hostOf returns the host name of a base URL without the port, as tag URIs
// and calendar UIDs want it.
func HostOf(base string) string {
	u, err := url.Parse(base)
	if err != nil {
		return "localhost"
	}
	if h, _, err := net.SplitHostPort(u.Host); err == nil {
		return h
	}
	return u.Host
}
