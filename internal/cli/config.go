package cli

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"text/tabwriter"
)

// runConfig reads serve's flags and environment exactly as serve does (the
// same definitions, the same checks) and prints the result, so what it shows
// cannot drift from what serve would use.
func runConfig(ctx context.Context, env Env, args []string) error {
	env.config = &configReport{env: env}
	return runServe(ctx, env, args)
}

// configReport turns serve into the config command.
type configReport struct {
	env Env
}

// prepare renames serve's flag set so usage and errors speak of config.
func (c *configReport) prepare(fs *flag.FlagSet) {
	if c == nil {
		return
	}
	fs.Init("config", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: benicommunity config [serve flags]\n\n"+
			"Print every setting of serve with its value and where it comes from (a flag,\n"+
			"an environment variable or the default), passwords masked. Takes the same\n"+
			"flags as serve and checks them the same way.\n\nFlags:\n")
		fs.PrintDefaults()
	}
}

// envKey finds the environment variable a flag reads in its usage text,
// where every serve flag that reads one names it ("env BENICOMMUNITY_…").
var envKey = regexp.MustCompile(`env (BENICOMMUNITY_[A-Z0-9_]+)`)

// report prints one line per flag: name, value, source.
func (c *configReport) report(fs *flag.FlagSet) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	tw := tabwriter.NewWriter(c.env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "setting\tvalue\tfrom")
	fs.VisitAll(func(f *flag.Flag) {
		from := "default"
		if m := envKey.FindStringSubmatch(f.Usage); m != nil && c.env.Getenv(m[1]) != "" {
			from = "environment " + m[1]
		}
		if set[f.Name] {
			from = "flag"
		}
		fmt.Fprintf(tw, "--%s\t%s\t%s\n", f.Name, displayValue(f.Name, f.Value.String()), from)
	})
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write configuration: %w", err)
	}
	return nil
}

// secretQuery are URL parameters that carry credentials (libpq accepts a
// password in the query as well as in the user part).
var secretQuery = []string{"password", "sslpassword", "pass", "secret", "token", "key"}

// displayValue masks secrets: the password of any URL, credential
// parameters, and whole values of flags named like secrets.
func displayValue(name, v string) string {
	if v == "" {
		return `""`
	}
	for _, w := range []string{"password", "secret", "token"} {
		if strings.Contains(name, w) {
			return "xxxxx"
		}
	}
	if !strings.Contains(v, "://") {
		return v
	}
	u, err := url.Parse(v)
	if err != nil {
		// An unparsable URL may still hold a password: show only its scheme.
		scheme, _, _ := strings.Cut(v, "://")
		return scheme + "://xxxxx (unparsable)"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	if u.RawQuery != "" {
		q := u.Query()
		for k := range q {
			for _, s := range secretQuery {
				if strings.EqualFold(k, s) {
					q.Set(k, "xxxxx")
				}
			}
		}
		u.RawQuery = q.Encode()
	}
	return u.String()
}
