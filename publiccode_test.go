package benicommunity_test

import (
	"bytes"
	"errors"
	"net/url"
	"os"
	"slices"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// publiccode mirrors the keys of publiccode.yml 0.4 that this project uses;
// decoding with known fields only makes a misspelt key an error. The
// reference parser (github.com/italia/publiccode-parser-go) could not be
// fetched through the module proxy, so this test checks the standard's
// required keys and value lists itself (see docs/operations.md).
type publiccode struct {
	PubliccodeYmlVersion string   `yaml:"publiccodeYmlVersion"`
	Name                 string   `yaml:"name"`
	URL                  string   `yaml:"url"`
	LandingURL           string   `yaml:"landingURL"`
	Platforms            []string `yaml:"platforms"`
	Categories           []string `yaml:"categories"`
	DevelopmentStatus    string   `yaml:"developmentStatus"`
	SoftwareType         string   `yaml:"softwareType"`
	Description          map[string]struct {
		GenericName      string   `yaml:"genericName"`
		ShortDescription string   `yaml:"shortDescription"`
		LongDescription  string   `yaml:"longDescription"`
		Features         []string `yaml:"features"`
	} `yaml:"description"`
	Legal *struct {
		License string `yaml:"license"`
	} `yaml:"legal"`
	Maintenance struct {
		Type     string `yaml:"type"`
		Contacts []struct {
			Name  string `yaml:"name"`
			Email string `yaml:"email"`
		} `yaml:"contacts"`
	} `yaml:"maintenance"`
	Localisation struct {
		LocalisationReady  *bool    `yaml:"localisationReady"`
		AvailableLanguages []string `yaml:"availableLanguages"`
	} `yaml:"localisation"`
	DependsOn struct {
		Open []struct {
			Name       string `yaml:"name"`
			VersionMin string `yaml:"versionMin"`
			Optional   bool   `yaml:"optional"`
		} `yaml:"open"`
	} `yaml:"dependsOn"`
	It struct {
		CountryExtensionVersion string `yaml:"countryExtensionVersion"`
	} `yaml:"it"`
}

// Value lists of the standard, version 0.4.
var (
	pcPlatforms   = []string{"web", "windows", "mac", "linux", "ios", "android"}
	pcStatus      = []string{"concept", "development", "beta", "stable", "obsolete"}
	pcSoftware    = []string{"standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web", "standalone/backend", "standalone/other", "addon", "library", "configurationFiles"}
	pcMaintenance = []string{"internal", "contract", "community", "none"}
	pcCategories  = []string{"accounting", "agile-project-management", "applicant-tracking", "application-development",
		"appointment-scheduling", "backup", "billing-and-invoicing", "blog", "budgeting", "business-intelligence",
		"business-process-management", "cad", "call-center-management", "cloud-management", "collaboration",
		"communications", "compliance-management", "contact-management", "content-management", "crm",
		"customer-service-and-support", "data-analytics", "data-collection", "data-visualization",
		"digital-asset-management", "digital-citizenship", "document-management", "donor-management", "e-commerce",
		"e-signature", "email-management", "email-marketing", "employee-management", "enterprise-project-management",
		"enterprise-social-networking", "erp", "event-management", "facility-management",
		"feedback-and-reviews-management", "financial-reporting", "fleet-management", "fund-accounting",
		"geographic-information-systems", "grant-management", "graphic-design", "help-desk", "hr", "ide",
		"identity-management", "instant-messaging", "inventory-management", "it-asset-management", "it-development",
		"it-management", "it-security", "it-service-management", "knowledge-management",
		"learning-management-system", "marketing", "mind-mapping", "mobile-marketing", "mobile-payment",
		"network-management", "office", "online-booking", "online-community", "payment-gateway", "payroll",
		"predictive-analysis", "procurement", "productivity-suite", "project-collaboration", "project-management",
		"property-management", "real-estate-management", "remote-support", "resource-management", "sales-management",
		"seo", "service-desk-software", "social-media-management", "survey", "task-management", "taxes-management",
		"test-management", "time-management", "time-tracking", "translation", "video-conferencing", "video-editing",
		"visitor-management", "voip", "warehouse-management", "web-collaboration", "web-conferencing",
		"website-builder", "whistleblowing", "workflow-management"}
)

func TestPubliccodeYmlFollowsTheStandard(t *testing.T) {
	data, err := os.ReadFile("publiccode.yml")
	if err != nil {
		t.Fatal(err)
	}
	var pc publiccode
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&pc); err != nil {
		t.Fatalf("publiccode.yml: %v", err)
	}
	if pc.PubliccodeYmlVersion != "0.4" || pc.Name != "benicommunity" {
		t.Errorf("publiccodeYmlVersion %q, name %q", pc.PubliccodeYmlVersion, pc.Name)
	}
	for _, u := range []string{pc.URL, pc.LandingURL} {
		if p, err := url.Parse(u); err != nil || p.Scheme != "https" || p.Host == "" {
			t.Errorf("%q is not an https URL", u)
		}
	}
	in := func(field string, list, allowed []string) {
		if len(list) == 0 {
			t.Errorf("%s is empty", field)
		}
		for _, v := range list {
			if !slices.Contains(allowed, v) {
				t.Errorf("%s: %q is not a value of the standard", field, v)
			}
		}
	}
	in("platforms", pc.Platforms, pcPlatforms)
	in("categories", pc.Categories, pcCategories)
	in("developmentStatus", []string{pc.DevelopmentStatus}, pcStatus)
	in("softwareType", []string{pc.SoftwareType}, pcSoftware)
	in("maintenance.type", []string{pc.Maintenance.Type}, pcMaintenance)
	if (pc.Maintenance.Type == "internal" || pc.Maintenance.Type == "community") && len(pc.Maintenance.Contacts) == 0 {
		t.Errorf("maintenance %s needs contacts", pc.Maintenance.Type)
	}
	for _, c := range pc.Maintenance.Contacts {
		if c.Name == "" {
			t.Errorf("a maintenance contact has no name")
		}
	}
	it, ok := pc.Description["it"]
	if !ok {
		t.Fatalf("no Italian description")
	}
	if n := utf8.RuneCountInString(it.ShortDescription); n == 0 || n > 150 {
		t.Errorf("shortDescription is %d characters, want 1-150", n)
	}
	if n := utf8.RuneCountInString(it.LongDescription); n < 150 || n > 10000 {
		t.Errorf("longDescription is %d characters, want 150-10000", n)
	}
	if len(it.Features) == 0 {
		t.Errorf("no features")
	}
	for _, f := range it.Features {
		if n := utf8.RuneCountInString(f); n == 0 || n > 100 {
			t.Errorf("feature %q is %d characters, want 1-100", f, n)
		}
	}
	if pc.Localisation.LocalisationReady == nil || len(pc.Localisation.AvailableLanguages) == 0 {
		t.Errorf("localisation needs localisationReady and availableLanguages")
	}
	var deps []string
	for _, d := range pc.DependsOn.Open {
		deps = append(deps, d.Name)
	}
	if !slices.Contains(deps, "PostgreSQL") || !slices.Contains(deps, "SQLite") {
		t.Errorf("dependsOn.open lists %v, want PostgreSQL and SQLite", deps)
	}
	if pc.It.CountryExtensionVersion != "1.0" {
		t.Errorf("it.countryExtensionVersion %q, want 1.0", pc.It.CountryExtensionVersion)
	}
	// legal.license is required by the standard, but it must name the
	// project's own licence: it is declared exactly when a LICENSE file is.
	_, statErr := os.Stat("LICENSE")
	hasLicense := !errors.Is(statErr, os.ErrNotExist)
	declared := pc.Legal != nil && pc.Legal.License != ""
	if hasLicense != declared {
		t.Errorf("LICENSE file present: %v, legal.license declared: %v; they must agree", hasLicense, declared)
	}
}
