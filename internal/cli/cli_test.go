package cli_test

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"benicommunity/internal/cli"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// syncBuffer is written by the server's logger while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type result struct {
	code           int
	stdout, stderr string
}

// run calls the command line as main does, with the given environment.
func run(t *testing.T, ctx context.Context, env map[string]string, args ...string) result {
	t.Helper()
	var stdout, stderr syncBuffer
	code := cli.Run(ctx, args, cli.Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(k string) string { return env[k] }, Version: "1.2.3-test"})
	return result{code, stdout.String(), stderr.String()}
}

// testContext bounds a command that should fail fast, so a regression hangs
// no test run; it is not an assertion on speed.
func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// oneLineError checks the command failed with exit code 1 and one line on
// standard error that says what it must.
func oneLineError(t *testing.T, r result, says ...string) {
	t.Helper()
	if r.code != 1 {
		t.Errorf("exit code %d, want 1 (stderr %q)", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, "benicommunity ") {
		t.Errorf("the last line on stderr is not the error: %q", r.stderr)
	}
	if strings.Count(last, "\t") > 0 || !strings.HasSuffix(r.stderr, "\n") {
		t.Errorf("error line is not a clean single line: %q", last)
	}
	for _, s := range says {
		if !strings.Contains(last, s) {
			t.Errorf("error %q does not say %q", last, s)
		}
	}
	// Everything before the error line must be structured log lines, never a second error text.
	for _, l := range lines[:len(lines)-1] {
		if !strings.Contains(l, "level=") {
			t.Errorf("stray stderr line: %q", l)
		}
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}, {"serve", "--help"}, {"serve", "-h"}, {"migrate", "--help"}, {"version", "--help"}} {
		r := run(t, context.Background(), nil, args...)
		if r.code != 0 || !strings.HasPrefix(r.stdout, "Usage: benicommunity") || r.stderr != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, r.code, r.stdout, r.stderr)
		}
	}
	r := run(t, context.Background(), nil, "serve", "--help")
	for _, flag := range []string{"-addr", "-db", "-empty", "-log-format", "BENICOMMUNITY_DB", "BENICOMMUNITY_ADDR"} {
		if !strings.Contains(r.stdout, flag) {
			t.Errorf("serve --help does not mention %s", flag)
		}
	}
	r = run(t, context.Background(), nil, "--help")
	for _, cmd := range []string{"serve", "migrate", "version"} {
		if !strings.Contains(r.stdout, "  "+cmd+" ") {
			t.Errorf("--help does not list %s", cmd)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		says string
	}{
		{nil, "Usage: benicommunity"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"serve", "--nope"}, "flag provided but not defined: -nope (run benicommunity serve --help)"},
		{[]string{"migrate", "extra"}, `unexpected argument "extra"`},
		{[]string{"version", "now"}, `unexpected argument "now"`},
	}
	for _, c := range cases {
		r := run(t, context.Background(), nil, c.args...)
		if r.code != 2 || !strings.Contains(r.stderr, c.says) || r.stdout != "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 saying %q", c.args, r.code, r.stderr, c.says)
		}
		if len(c.args) > 0 && strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%v: not one line: %q", c.args, r.stderr)
		}
	}
}

func TestVersion(t *testing.T) {
	r := run(t, context.Background(), nil, "version")
	if r.code != 0 || r.stdout != "benicommunity 1.2.3-test\n" {
		t.Errorf("version = %d %q", r.code, r.stdout)
	}
}

func TestBadDatabaseLocation(t *testing.T) {
	for _, cmd := range [][]string{{"migrate"}, {"serve", "--addr", "127.0.0.1:0"}} {
		for _, db := range []string{"mysql://root@localhost/bc", "sqlite:", "postgres://", "nonsense"} {
			r := run(t, testContext(t), nil, append(cmd, "--db", db)...)
			oneLineError(t, r, "benicommunity "+cmd[0]+": --db: ")
		}
	}
	// A password in a URL that does not parse stays out of the message.
	r := run(t, testContext(t), nil, "migrate", "--db", "postgres://bc:s3cret@db:port/bc")
	oneLineError(t, r, "invalid PostgreSQL URL")
	if strings.Contains(r.stderr, "s3cret") {
		t.Errorf("the error shows the password: %q", r.stderr)
	}
}

func TestUnreachablePostgres(t *testing.T) {
	// Port 1 on the loopback refuses at once.
	for _, cmd := range [][]string{{"migrate"}, {"serve", "--addr", "127.0.0.1:0"}} {
		r := run(t, testContext(t), nil, append(cmd, "--db", "postgres://x:pw@127.0.0.1:1/db")...)
		oneLineError(t, r, "cannot reach PostgreSQL at postgres://x:xxxxx@127.0.0.1:1/db", "connection refused")
		if strings.Contains(r.stderr, ":pw@") {
			t.Errorf("the error shows the password: %q", r.stderr)
		}
	}
}

func TestUnwritableDatabaseFolder(t *testing.T) {
	// Tests run as root, which ignores permission bits: use places no one can
	// create a folder or a file in.
	dir := t.TempDir()
	file := filepath.Join(dir, "file.txt")
	if err := os.WriteFile(file, []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ db, says string }{
		{"sqlite:" + filepath.Join(file, "db.db"), "cannot create the database folder " + file + ": part of that path is a file, not a folder"},
		{"sqlite:" + filepath.Join(file, "deeper", "db.db"), "part of that path is a file, not a folder"},
		{"sqlite:/proc/benicommunity-test.db", "the database folder /proc is not writable"},
		{"sqlite:" + dir, "the database path " + dir + " is a folder"},
	}
	for _, c := range cases {
		oneLineError(t, run(t, testContext(t), nil, "migrate", "--db", c.db), c.says)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("failed starts left files behind: %v", entries)
	}
}

func TestAddressProblems(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	db := "sqlite:" + filepath.Join(t.TempDir(), "bc.db")
	oneLineError(t, run(t, testContext(t), nil, "serve", "--addr", busy.Addr().String(), "--db", db),
		"cannot listen on "+busy.Addr().String()+": the address is already in use")
	oneLineError(t, run(t, testContext(t), nil, "serve", "--addr", "no-port", "--db", db), "cannot listen on no-port", "missing port")
	oneLineError(t, run(t, testContext(t), nil, "serve", "--log-format", "xml", "--db", db), "--log-format: must be text or json")
	oneLineError(t, run(t, testContext(t), nil, "serve", "--news-every", "1s", "--db", db), "--news-every: must be between 1m and 24h")
	// The address is checked before the database is touched.
	if _, err := os.Stat(strings.TrimPrefix(db, "sqlite:")); !os.IsNotExist(err) {
		t.Errorf("a failed start created the database: %v", err)
	}
}

func TestMigrateFreshSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nested", "folder", "bc.db")
	want := "database schema at version " + strconv.Itoa(store.LatestVersion(store.SQLite)) + "\n"
	for range 2 {
		r := run(t, testContext(t), nil, "migrate", "--db", "sqlite:"+path)
		if r.code != 0 || r.stdout != want {
			t.Errorf("migrate = %d, stdout %q, stderr %q; want %q", r.code, r.stdout, r.stderr, want)
		}
	}
	// A schema from a newer benicommunity is refused, and left as it is.
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', '2099-01-01')`); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range [][]string{{"migrate"}, {"serve", "--addr", "127.0.0.1:0"}} {
		r := run(t, testContext(t), nil, append(cmd, "--db", "sqlite:"+path)...)
		oneLineError(t, r, "the database schema is at version 999", "upgrade benicommunity")
	}
}

func TestMigratePostgres(t *testing.T) {
	loc := storetest.Location(t, store.Postgres)
	r := run(t, testContext(t), nil, "migrate", "--db", loc.URL)
	if r.code != 0 || !strings.Contains(r.stdout, "database schema at version") {
		t.Errorf("migrate on PostgreSQL = %d %q %q", r.code, r.stdout, r.stderr)
	}
}

func TestEnvironmentAndFlags(t *testing.T) {
	dir := t.TempDir()
	fromEnv, fromFlag := filepath.Join(dir, "env.db"), filepath.Join(dir, "flag.db")
	env := map[string]string{"BENICOMMUNITY_DB": "sqlite:" + fromEnv}
	if r := run(t, testContext(t), env, "migrate"); r.code != 0 {
		t.Fatalf("migrate with BENICOMMUNITY_DB = %d %q", r.code, r.stderr)
	}
	if _, err := os.Stat(fromEnv); err != nil {
		t.Errorf("BENICOMMUNITY_DB was not honoured: %v", err)
	}
	if r := run(t, testContext(t), env, "migrate", "--db", "sqlite:"+fromFlag); r.code != 0 {
		t.Fatalf("migrate with --db = %d %q", r.code, r.stderr)
	}
	if _, err := os.Stat(fromFlag); err != nil {
		t.Errorf("--db did not win over BENICOMMUNITY_DB: %v", err)
	}
	// A bad value in the environment is reported like a bad flag.
	oneLineError(t, run(t, testContext(t), map[string]string{"BENICOMMUNITY_DB": "mysql://x"}, "migrate"), "--db: invalid database location")

	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	addrEnv := map[string]string{"BENICOMMUNITY_ADDR": busy.Addr().String(), "BENICOMMUNITY_DB": "sqlite:" + fromEnv, "BENICOMMUNITY_LOG_FORMAT": "json"}
	oneLineError(t, run(t, testContext(t), addrEnv, "serve"), "cannot listen on "+busy.Addr().String())

	// With --addr the busy address from the environment is not used.
	srv := startServe(t, addrEnv, "--addr", "127.0.0.1:0")
	if srv.addr == busy.Addr().String() {
		t.Errorf("serve listened on the environment's address despite --addr")
	}
	srv.stop(t)
	if !strings.Contains(srv.logs.String(), `"db":"sqlite:`+fromEnv+`"`) {
		t.Errorf("serve did not use BENICOMMUNITY_DB or BENICOMMUNITY_LOG_FORMAT=json: %s", srv.logs.String())
	}
}

type served struct {
	addr   string
	logs   *syncBuffer
	cancel context.CancelFunc
	done   chan int
}

// servingAt finds the address in the start line, in text or JSON logs.
var servingAt = regexp.MustCompile(`benicommunity is serving"[ ,]"?url"?[=:]"?http://([^/]+)/`)

// startServe runs `serve` until the test stops it, and waits until it answers.
func startServe(t *testing.T, env map[string]string, args ...string) *served {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &served{logs: &syncBuffer{}, cancel: cancel, done: make(chan int, 1)}
	go func() {
		s.done <- cli.Run(ctx, append([]string{"serve"}, args...), cli.Env{Stdout: io.Discard, Stderr: s.logs,
			Getenv: func(k string) string { return env[k] }, Version: "test"})
	}()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if m := servingAt.FindStringSubmatch(s.logs.String()); m != nil {
			s.addr = m[1]
			return s
		}
		select {
		case code := <-s.done:
			t.Fatalf("serve exited with %d: %s", code, s.logs.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	cancel()
	t.Fatalf("serve did not start: %s", s.logs.String())
	return nil
}

// stop cancels the context, as SIGTERM does, and checks a clean exit.
func (s *served) stop(t *testing.T) {
	t.Helper()
	s.cancel()
	select {
	case code := <-s.done:
		if code != 0 {
			t.Errorf("serve exited with %d after shutdown: %s", code, s.logs.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop after its context was cancelled")
	}
}

func TestServeOnBothDatabasesAndStopsGracefully(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		loc := storetest.Location(t, d)
		db := loc.URL
		if d == store.SQLite {
			db = "sqlite:" + loc.Path
		}
		srv := startServe(t, nil, "--addr", "127.0.0.1:0", "--db", db, "--log-format", "text")
		res, err := http.Get("http://" + srv.addr + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(body), `"database":"`+string(d)+`"`) {
			t.Errorf("healthz = %d %s", res.StatusCode, body)
		}
		res, err = http.Get("http://" + srv.addr + "/")
		if err != nil {
			t.Fatal(err)
		}
		home, _ := io.ReadAll(res.Body)
		res.Body.Close()
		// The five stages of the path (the next or last one is also linked
		// from the ways in).
		stages := map[string]bool{}
		for _, m := range regexp.MustCompile(`href="(/tappe/[^"]+)"`).FindAllStringSubmatch(string(home), -1) {
			stages[m[1]] = true
		}
		if res.StatusCode != 200 || len(stages) != 5 {
			t.Errorf("home = %d linking %d stages", res.StatusCode, len(stages))
		}
		srv.stop(t)
		logs := srv.logs.String()
		for _, line := range []string{"applied migration", "loaded the default dataset", "shutting down", "msg=stopped", `msg=request method=GET path=/healthz status=200`} {
			if !strings.Contains(logs, line) {
				t.Errorf("log lacks %q:\n%s", line, logs)
			}
		}
		if _, err := http.Get("http://" + srv.addr + "/healthz"); err == nil {
			t.Error("the server still answers after it stopped")
		}

		// A restart neither migrates again nor loads the data twice.
		again := startServe(t, nil, "--addr", "127.0.0.1:0", "--db", db)
		again.stop(t)
		if l := again.logs.String(); strings.Contains(l, "applied migration") || strings.Contains(l, "loaded the default dataset") {
			t.Errorf("the restart changed the database:\n%s", l)
		}
	})
}
