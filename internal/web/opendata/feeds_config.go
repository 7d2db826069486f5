package opendata

import (
	"fmt"
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

// ParseLicenseURL checks a licence address for the open data.
func ParseLicenseURL(s string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("%q is not an http(s) URL", s)
	}
	return u.String(), nil
}
