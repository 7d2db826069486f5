package cli_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"benicommunity/internal/cli"
)

// TestServeWritesMailToOutbox runs the real server without an SMTP server:
// a password reset lands as a file in DATA-DIR/outbox, the log says where,
// and the link in it works.
func TestServeWritesMailToOutbox(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "bc.db")
	var out, errb bytes.Buffer
	if code := cli.Run(context.Background(), []string{"user", "create", "--db", db, "--role", "participant", "--email", "p@example.it"},
		cli.Env{Stdin: strings.NewReader("una password lunga\n"), Stdout: &out, Stderr: &errb}); code != 0 {
		t.Fatalf("user create: %s", errb.String())
	}
	ctx, cancel := context.WithCancel(context.Background())
	logs := &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- cli.Run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--data-dir", dir, "--insecure-cookies"},
			cli.Env{Stdout: logs, Stderr: logs, Getenv: func(string) string { return "" }, Version: "test"})
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	urlRe := regexp.MustCompile(`url=(http://127\.0\.0\.1:\d+)/`)
	var base string
	for i := 0; i < 300 && base == ""; i++ {
		if m := urlRe.FindStringSubmatch(logs.String()); m != nil {
			base = m[1]
		} else {
			time.Sleep(50 * time.Millisecond)
		}
	}
	if base == "" {
		t.Fatalf("server did not start: %s", logs.String())
	}
	if !strings.Contains(logs.String(), "outbox") {
		t.Errorf("the start-up log does not say mail goes to the outbox: %s", logs.String())
	}
	res, err := http.PostForm(base+"/password-dimenticata", url.Values{"email": {"p@example.it"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	files, _ := filepath.Glob(filepath.Join(dir, "outbox", "*.eml"))
	if res.StatusCode != http.StatusOK || len(files) != 1 {
		t.Fatalf("reset request: status %d, %d outbox files", res.StatusCode, len(files))
	}
	if !strings.Contains(logs.String(), files[0]) {
		t.Errorf("the log does not name the outbox file %s", files[0])
	}
	raw, _ := os.ReadFile(files[0])
	// Quoted-printable may fold long lines with "=\r\n".
	text := strings.NewReplacer("=\r\n", "", "=\n", "", "=3D", "=").Replace(string(raw))
	link := regexp.MustCompile(regexp.QuoteMeta(base) + `/accedi/link/[A-Za-z0-9_-]+`).FindString(text)
	if link == "" {
		t.Fatalf("no link in the outbox message:\n%s", raw)
	}
	res, err = http.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("the link from the outbox gives %d", res.StatusCode)
	}
}
