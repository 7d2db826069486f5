package cli_test

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"benicommunity/internal/cli"
)

// TestServeMetricsOnTheirOwnListener runs the real server with
// --metrics-addr: /metrics answers there and not on the public address,
// where /healthz and /readyz answer.
func TestServeMetricsOnTheirOwnListener(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "bc.db")
	ctx, cancel := context.WithCancel(context.Background())
	logs := &syncBuffer{}
	done := make(chan int, 1)
	env := map[string]string{"BENICOMMUNITY_METRICS_ADDR": "127.0.0.1:0"}
	go func() {
		done <- cli.Run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--data-dir", dir},
			cli.Env{Stdout: logs, Stderr: logs, Getenv: func(k string) string { return env[k] }, Version: "9.9.9"})
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	publicRe := regexp.MustCompile(`serving" url=(http://127\.0\.0\.1:\d+)/`)
	metricsRe := regexp.MustCompile(`msg=metrics url=(http://127\.0\.0\.1:\d+)/metrics`)
	var public, metrics string
	for i := 0; i < 300 && public == ""; i++ {
		if m := publicRe.FindStringSubmatch(logs.String()); m != nil {
			public = m[1]
		} else {
			time.Sleep(50 * time.Millisecond)
		}
	}
	if m := metricsRe.FindStringSubmatch(logs.String()); m != nil {
		metrics = m[1]
	}
	if public == "" || metrics == "" || public == metrics {
		t.Fatalf("server did not start with a metrics listener: %s", logs.String())
	}
	get := func(u string) (int, string) {
		res, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	for path, want := range map[string]int{"/healthz": 200, "/readyz": 200, "/metrics": 404} {
		if code, _ := get(public + path); code != want {
			t.Errorf("public %s = %d, want %d", path, code, want)
		}
	}
	code, body := get(metrics + "/metrics")
	if code != http.StatusOK || !strings.Contains(body, `benicommunity_build_info{version="9.9.9"} 1`) ||
		!strings.Contains(body, `route="GET /readyz"`) || !strings.Contains(body, "benicommunity_db_open_connections") {
		t.Errorf("metrics listener: %d\n%s", code, body)
	}
	if code, _ := get(metrics + "/"); code != http.StatusNotFound {
		t.Errorf("the metrics listener serves more than /metrics: / = %d", code)
	}
}

func TestServeRefusesBadOperationsFlags(t *testing.T) {
	for _, args := range [][]string{
		{"--trusted-proxies", "10.0.0.0/33"},
		{"--trusted-proxies", "proxy.example.org"},
	} {
		var out, errb strings.Builder
		code := cli.Run(context.Background(), append([]string{"serve", "--db", "sqlite:" + filepath.Join(t.TempDir(), "x.db"), "--addr", "127.0.0.1:0"}, args...),
			cli.Env{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }})
		if code == 0 || !strings.Contains(errb.String(), "--trusted-proxies") {
			t.Errorf("serve %v: exit %d, %q", args, code, errb.String())
		}
	}
}
