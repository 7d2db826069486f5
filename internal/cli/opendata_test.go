package cli

import (
	"bytes"
	"context"
	"flag"
	"io"
	"strings"
	"testing"

	"benicommunity/internal/web"
)

func parseOpenData(t *testing.T, env map[string]string, args ...string) (string, web.OpenData, error) {
	t.Helper()
	e := Env{Stderr: io.Discard, Getenv: func(k string) string { return env[k] }}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	v := openDataFlags(fs, e)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return v.parse()
}

func TestOpenDataFlags(t *testing.T) {
	base, od, err := parseOpenData(t, nil)
	if err != nil || base != "" || od.LicenseURL != web.DefaultLicenseURL || od.PublisherName != "" {
		t.Errorf("defaults = %q %+v %v", base, od, err)
	}
	base, od, err = parseOpenData(t, map[string]string{"BENICOMMUNITY_BASE_URL": "https://env.example.it", "BENICOMMUNITY_DATA_LICENSE": "https://example.org/licenza",
		"BENICOMMUNITY_DATA_PUBLISHER": "Comune di Chieri", "BENICOMMUNITY_DATA_PUBLISHER_ID": "c_c627"},
		"--base-url", "https://rete.example.it/", "--data-license-name", "Licenza")
	if err != nil || base != "https://rete.example.it" || od.LicenseURL != "https://example.org/licenza" || od.LicenseName != "Licenza" ||
		od.PublisherName != "Comune di Chieri" || od.PublisherID != "c_c627" {
		t.Errorf("flags and env = %q %+v %v (a flag wins over its variable; the trailing slash goes)", base, od, err)
	}
	for _, c := range []struct {
		args []string
		flag string
	}{
		{[]string{"--base-url", "ftp://rete.example.it"}, "--base-url"},
		{[]string{"--base-url", "https://rete.example.it/?x=1"}, "--base-url"},
		{[]string{"--base-url", "rete.example.it"}, "--base-url"},
		{[]string{"--data-license-url", "licenza libera"}, "--data-license-url"},
		{[]string{"--data-contact-email", "Dati <dati@example.it>"}, "--data-contact-email"},
		{[]string{"--data-contact-email", "non-una-mail"}, "--data-contact-email"},
	} {
		if _, _, err := parseOpenData(t, nil, c.args...); err == nil || !strings.HasPrefix(err.Error(), c.flag+": ") {
			t.Errorf("%v: error %v, want one naming %s", c.args, err, c.flag)
		}
	}
}

// A bad --base-url stops serve before it listens or touches a database.
func TestServeRefusesBadBaseURL(t *testing.T) {
	var stderr bytes.Buffer
	db := "sqlite:" + t.TempDir() + "/x.db"
	code := Run(context.Background(), []string{"serve", "--addr", "127.0.0.1:0", "--db", db, "--base-url", "mailto:x"},
		Env{Stdout: io.Discard, Stderr: &stderr, Version: "test"})
	if code != 1 || !strings.Contains(stderr.String(), "--base-url") || strings.Count(strings.TrimSpace(stderr.String()), "\n") != 0 {
		t.Errorf("exit %d, stderr %q: want 1 and one line naming --base-url", code, stderr.String())
	}
}
