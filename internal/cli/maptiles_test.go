package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"testing"
)

// Bad tile options stop serve before it listens or touches a database, with
// one line naming the flag.
func TestServeRefusesBadMapTiles(t *testing.T) {
	cases := []struct {
		args []string
		env  map[string]string
		flag string
	}{
		{[]string{"--map-tiles-url", "ftp://tiles.example.org/{z}/{x}/{y}.png", "--map-tiles-attribution", "© X"}, nil, "--map-tiles-url"},
		{[]string{"--map-tiles-url", "tiles.example.org/{z}/{x}/{y}.png", "--map-tiles-attribution", "© X"}, nil, "--map-tiles-url"},
		{[]string{"--map-tiles-url", "https://tiles.example.org/{z}/{x}.png", "--map-tiles-attribution", "© X"}, nil, "--map-tiles-url"},
		{[]string{"--map-tiles-url", "https://tiles.example.org/{z}/{x}/{y}.png?key={k}", "--map-tiles-attribution", "© X"}, nil, "--map-tiles-url"},
		{[]string{"--map-tiles-url", "https://t{s}.example.org/{z}/{x}/{y}.png", "--map-tiles-attribution", "© X"}, nil, "--map-tiles-url"},
		{[]string{"--map-tiles-url", "https://u:p@tiles.example.org/{z}/{x}/{y}.png", "--map-tiles-attribution", "© X"}, nil, "--map-tiles-url"},
		{[]string{"--map-tiles-url", "https://tiles.example.org/{z}/{x}/{y}.png"}, nil, "--map-tiles-attribution"},
		{[]string{"--map-tiles-attribution", "© X"}, nil, "--map-tiles-attribution"},
		{nil, map[string]string{"BENICOMMUNITY_MAP_TILES_URL": "https://tiles.example.org/{z}/{y}.png", "BENICOMMUNITY_MAP_TILES_ATTRIBUTION": "© X"}, "--map-tiles-url"},
		{nil, map[string]string{"BENICOMMUNITY_MAP_TILES_URL": "https://tiles.example.org/{z}/{x}/{y}.png"}, "--map-tiles-attribution"},
	}
	for _, c := range cases {
		var stderr bytes.Buffer
		dir := t.TempDir()
		db := "sqlite:" + dir + "/x.db"
		args := append([]string{"serve", "--addr", "127.0.0.1:0", "--db", db}, c.args...)
		code := Run(context.Background(), args, Env{Stdout: io.Discard, Stderr: &stderr, Version: "test",
			Getenv: func(k string) string { return c.env[k] }})
		msg := strings.TrimSpace(stderr.String())
		if code != 1 || !strings.Contains(msg, c.flag) || strings.Count(msg, "\n") != 0 {
			t.Errorf("%v %v: exit %d, stderr %q: want 1 and one line naming %s", c.args, c.env, code, msg, c.flag)
		}
		if _, err := os.Stat(dir + "/x.db"); err == nil {
			t.Errorf("%v %v: the database was created before the options were checked", c.args, c.env)
		}
	}
}
