package cli_test

import (
	"regexp"
	"strings"
	"testing"
)

// configLine finds the line of one setting: value and source.
func configLine(t *testing.T, out, name string) (value, from string) {
	t.Helper()
	m := regexp.MustCompile(`(?m)^--` + regexp.QuoteMeta(name) + `\s+(\S+)\s+(.+?)\s*$`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no line for --%s in:\n%s", name, out)
	}
	return m[1], m[2]
}

func TestConfigShowsEverySettingWithItsSourceAndMasksSecrets(t *testing.T) {
	ctx := testContext(t)
	env := map[string]string{
		"BENICOMMUNITY_DB":         "postgres://app:s3cret-db@db.example.internal/rete?sslmode=require&password=other-secret",
		"BENICOMMUNITY_LOG_FORMAT": "json",
	}
	res := run(t, ctx, env, "config", "--smtp-url", "smtps://mailer:s3cret-mail@mail.example.it:465", "--addr", "0.0.0.0:9000", "--backup-every", "24h")
	if res.code != 0 {
		t.Fatalf("config: exit %d, stderr %s", res.code, res.stderr)
	}
	for _, secret := range []string{"s3cret-db", "other-secret", "s3cret-mail"} {
		if strings.Contains(res.stdout+res.stderr, secret) {
			t.Errorf("config prints the secret %q:\n%s", secret, res.stdout)
		}
	}
	for _, c := range []struct{ name, value, from string }{
		{"addr", "0.0.0.0:9000", "flag"},
		{"db", "postgres://app:xxxxx@db.example.internal/rete?password=xxxxx&sslmode=require", "environment BENICOMMUNITY_DB"},
		{"log-format", "json", "environment BENICOMMUNITY_LOG_FORMAT"},
		{"smtp-url", "smtps://mailer:xxxxx@mail.example.it:465", "flag"},
		{"backup-every", "24h0m0s", "flag"},
		{"backup-keep", "14", "default"},
		{"max-upload-mb", "10", "default"},
		{"mail-from", "benicommunity <noreply@localhost>", "default"},
	} {
		if c.name == "mail-from" {
			// a value with spaces: look at the whole line
			if !regexp.MustCompile(`(?m)^--mail-from\s+benicommunity <noreply@localhost>\s+default$`).MatchString(res.stdout) {
				t.Errorf("--mail-from line wrong in:\n%s", res.stdout)
			}
			continue
		}
		value, from := configLine(t, res.stdout, c.name)
		if value != c.value || from != c.from {
			t.Errorf("--%s: %q from %q, want %q from %q", c.name, value, from, c.value, c.from)
		}
	}
	// Every serve flag is there: serve --help lists the same names.
	help := run(t, ctx, nil, "serve", "--help")
	for _, m := range regexp.MustCompile(`(?m)^  -([a-z0-9-]+)`).FindAllStringSubmatch(help.stdout, -1) {
		if !regexp.MustCompile(`(?m)^--` + regexp.QuoteMeta(m[1]) + `\s`).MatchString(res.stdout) {
			t.Errorf("config does not show --%s", m[1])
		}
	}
}

func TestConfigChecksFlagsLikeServe(t *testing.T) {
	ctx := testContext(t)
	res := run(t, ctx, nil, "config", "--backup-keep", "0")
	if res.code != 1 || !strings.Contains(res.stderr, "benicommunity config: --backup-keep: must be between 1 and 10000") {
		t.Errorf("bad --backup-keep: exit %d, stderr %q", res.code, res.stderr)
	}
	res = run(t, ctx, nil, "config", "--nope")
	if res.code != 2 || !strings.Contains(res.stderr, "benicommunity config: flag provided but not defined: -nope (run benicommunity config --help)") {
		t.Errorf("unknown flag: exit %d, stderr %q", res.code, res.stderr)
	}
	res = run(t, ctx, nil, "config", "--help")
	if res.code != 0 || !strings.Contains(res.stdout, "Usage: benicommunity config") || !strings.Contains(res.stdout, "-backup-every") {
		t.Errorf("config --help: exit %d, stdout %q", res.code, res.stdout)
	}
}
