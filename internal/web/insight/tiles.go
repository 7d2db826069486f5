package insight

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// MapTiles is an operator's tile server for the interactive map of /rete.
// The zero value is the default: no tiles, no request to any other host,
// only the map drawn on the server.
type MapTiles struct {
	URL         string // template with {z}, {x}, {y}, optionally {s} and {r}
	Attribution string // the credit the tile provider requires, plain text
}

// Enabled reports whether a tile server is configured.
func (t MapTiles) Enabled() bool { return t.URL != "" }

var tilePlaceholder = regexp.MustCompile(`\{[^{}]*\}`)

// ParseMapTiles checks the tile options; both empty means off. The errors
// name the flag so the CLI can print them as they are.
func ParseMapTiles(rawURL, attribution string) (MapTiles, error) {
	rawURL, attribution = strings.TrimSpace(rawURL), strings.TrimSpace(attribution)
	if rawURL == "" {
		if attribution != "" {
			return MapTiles{}, fmt.Errorf("--map-tiles-attribution: set only together with --map-tiles-url")
		}
		return MapTiles{}, nil
	}
	if attribution == "" {
		return MapTiles{}, fmt.Errorf("--map-tiles-attribution: required with --map-tiles-url (tile providers require credit, e.g. \"© OpenStreetMap contributors\")")
	}
	for _, p := range []string{"{z}", "{x}", "{y}"} {
		if !strings.Contains(rawURL, p) {
			return MapTiles{}, fmt.Errorf("--map-tiles-url: %q must contain {z}, {x} and {y}, e.g. https://tiles.example.org/{z}/{x}/{y}.png", rawURL)
		}
	}
	for _, p := range tilePlaceholder.FindAllString(rawURL, -1) {
		switch p {
		case "{z}", "{x}", "{y}", "{s}", "{r}":
		default:
			return MapTiles{}, fmt.Errorf("--map-tiles-url: unknown placeholder %s in %q (allowed: {z} {x} {y} {s} {r})", p, rawURL)
		}
	}
	if _, err := tileOrigin(rawURL); err != nil {
		return MapTiles{}, fmt.Errorf("--map-tiles-url: %w", err)
	}
	return MapTiles{URL: rawURL, Attribution: attribution}, nil
}

// tileOrigin is the source expression the Content-Security-Policy allows
// for the tiles: the scheme and host (with port) of the template, with a
// leading {s} subdomain turned into a wildcard.
func tileOrigin(rawURL string) (string, error) {
	scheme, rest, ok := strings.Cut(rawURL, "://")
	if !ok || (scheme != "https" && scheme != "http") {
		return "", fmt.Errorf("%q must start with https:// or http://", rawURL)
	}
	host, _, _ := strings.Cut(rest, "/")
	wildcard := false
	if strings.Contains(host, "{s}") {
		after, ok := strings.CutPrefix(host, "{s}.")
		if !ok || strings.Contains(after, "{") {
			return "", fmt.Errorf("%q: {s} may only be the first label of the host, as in https://{s}.tiles.example.org/…", rawURL)
		}
		host, wildcard = "a."+after, true
	}
	if strings.ContainsAny(host, "{}") {
		return "", fmt.Errorf("%q: placeholders other than {s} must be in the path, not the host", rawURL)
	}
	u, err := url.Parse(scheme + "://" + host + "/")
	if err != nil || u.Hostname() == "" {
		return "", fmt.Errorf("%q has no valid host", rawURL)
	}
	if u.User != nil {
		return "", fmt.Errorf("%q must not carry credentials", rawURL)
	}
	if strings.ContainsAny(rawURL, " \"'#;,") {
		return "", fmt.Errorf("%q must not contain spaces, quotes, '#', ';' or ','", rawURL)
	}
	origin := scheme + "://" + u.Host
	if wildcard {
		origin = scheme + "://*." + strings.TrimPrefix(u.Host, "a.")
	}
	return origin, nil
}

// Origin is the tile server's origin, for the img-src of the page policy;
// empty when no tile server is configured.
func (t MapTiles) Origin() string {
	if !t.Enabled() {
		return ""
	}
	// ParseMapTiles has checked the URL, so the origin is valid.
	origin, _ := tileOrigin(t.URL)
	return origin
}
