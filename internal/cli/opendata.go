package cli

import (
	"flag"
	"fmt"
	"net/mail"

	"benicommunity/internal/web"
)

// openDataFlagValues are the serve flags that shape absolute links and the
// open-data catalogue.
type openDataFlagValues struct {
	baseURL, licenseURL, licenseName, publisherName, publisherID, contactEmail *string
}

func openDataFlags(fs *flag.FlagSet, env Env) openDataFlagValues {
	return openDataFlagValues{
		baseURL: fs.String("base-url", env.Getenv("BENICOMMUNITY_BASE_URL"),
			"public address of the site for absolute links in feeds, calendars, sitemap and open data, e.g. https://benicommunity.example.it (env BENICOMMUNITY_BASE_URL; default: the address each request came to)"),
		licenseURL: fs.String("data-license-url", envOr(env, "BENICOMMUNITY_DATA_LICENSE", web.DefaultLicenseURL),
			"licence of the open data (env BENICOMMUNITY_DATA_LICENSE)"),
		licenseName: fs.String("data-license-name", env.Getenv("BENICOMMUNITY_DATA_LICENSE_NAME"),
			"name of the licence of the open data (env BENICOMMUNITY_DATA_LICENSE_NAME; default: the CC BY 4.0 name, or the licence URL)"),
		publisherName: fs.String("data-publisher", env.Getenv("BENICOMMUNITY_DATA_PUBLISHER"),
			"publisher and rights holder of the open data (env BENICOMMUNITY_DATA_PUBLISHER; default: the network's name)"),
		publisherID: fs.String("data-publisher-id", env.Getenv("BENICOMMUNITY_DATA_PUBLISHER_ID"),
			"identifier of the publisher, e.g. its IPA code (env BENICOMMUNITY_DATA_PUBLISHER_ID; default: the network's name)"),
		contactEmail: fs.String("data-contact-email", env.Getenv("BENICOMMUNITY_DATA_CONTACT_EMAIL"),
			"contact e-mail of the open-data catalogue (env BENICOMMUNITY_DATA_CONTACT_EMAIL)"),
	}
}

// parse checks the values.
func (v openDataFlagValues) parse() (string, web.OpenData, error) {
	// Without --base-url, pages and e-mail links use the address each
	// request came to, which stays right behind a proxy that keeps the Host.
	var base string
	if raw := *v.baseURL; raw != "" {
		b, err := web.ParseBaseURL(raw)
		if err != nil {
			return "", web.OpenData{}, fmt.Errorf("--base-url: %w", err)
		}
		base = b
	}
	license, err := web.ParseLicenseURL(*v.licenseURL)
	if err != nil {
		return "", web.OpenData{}, fmt.Errorf("--data-license-url: %w", err)
	}
	od := web.OpenData{LicenseURL: license, LicenseName: *v.licenseName, PublisherName: *v.publisherName,
		PublisherID: *v.publisherID, ContactEmail: *v.contactEmail}
	if od.ContactEmail != "" {
		a, err := mail.ParseAddress(od.ContactEmail)
		if err != nil || a.Name != "" {
			return "", web.OpenData{}, fmt.Errorf("--data-contact-email: %q is not a plain e-mail address", od.ContactEmail)
		}
	}
	return base, od, nil
}
