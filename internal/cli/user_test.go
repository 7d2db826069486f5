package cli_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"benicommunity/internal/auth"
	"benicommunity/internal/cli"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

func TestUserCreate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		loc := storetest.Location(t, d)
		db := "sqlite:" + loc.Path
		if d == store.Postgres {
			db = loc.URL
		}
		run := func(stdin string, args ...string) (int, string) {
			var out, errb bytes.Buffer
			code := cli.Run(context.Background(), append([]string{"user", "create", "--db", db}, args...),
				cli.Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb})
			return code, out.String() + errb.String()
		}
		if code, out := run("una password lunga\n", "--role", "coordinator", "--email", "Prima@Example.it"); code != 0 {
			t.Fatalf("user create: exit %d: %s", code, out)
		}
		s, err := store.Open(context.Background(), loc)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		u, err := s.UserByEmail(context.Background(), "prima@example.it")
		if err != nil || u.Role != auth.Coordinator || auth.CheckPassword(u.PasswordHash, "una password lunga") != nil {
			t.Errorf("created user = %+v, %v", u.User, err)
		}
		for _, c := range []struct {
			stdin string
			args  []string
			want  string
		}{
			{"una password lunga\n", []string{"--role", "coordinator", "--email", "prima@example.it"}, "already exists"},
			{"corta\n", []string{"--role", "coordinator", "--email", "b@example.it"}, "at least 10"},
			{"", []string{"--role", "coordinator", "--email", "b@example.it"}, "no password"},
			{"una password lunga\n", []string{"--role", "boss", "--email", "b@example.it"}, "--role"},
			{"una password lunga\n", []string{"--role", "referent", "--email", "b@example.it"}, "at least one body"},
			{"una password lunga\n", []string{"--role", "referent", "--email", "b@example.it", "--body", "nessuno"}, "no body with slug"},
			{"una password lunga\n", []string{"--role", "coordinator", "--email", "senza-chiocciola"}, "--email"},
		} {
			code, out := run(c.stdin, c.args...)
			if code == 0 || !strings.Contains(out, c.want) {
				t.Errorf("%v: exit %d, output %q (want an error saying %q)", c.args, code, out, c.want)
			}
		}
		if n, _ := s.CountUsers(context.Background()); n != 1 {
			t.Errorf("%d accounts after failed attempts, want 1", n)
		}
	})
}
