package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"benicommunity/internal/browsertest"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	"github.com/chromedp/chromedp"
)

// binary is the real benicommunity, built once for the end-to-end tests.
var binary string

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "benicommunity-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	binary = filepath.Join(dir, "benicommunity")
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(os.Getenv("GOROOT"), "bin", "go")
	}
	build := exec.Command(goTool, "build", "-ldflags", "-X main.version=e2e-test", "-o", binary, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: build benicommunity:", err)
		return 1
	}
	return m.Run()
}

// lockedLines collects a process's standard error while the test reads it.
type lockedLines struct {
	mu    sync.Mutex
	lines []string
}

func (l *lockedLines) add(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, s)
}

func (l *lockedLines) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

var servingURL = regexp.MustCompile(`msg="benicommunity is serving" url=(http://[^ ]+/)`)

// startBinary runs `benicommunity serve` on a fresh SQLite file and a free
// port, and returns its base URL once /healthz answers.
func startBinary(t *testing.T) (*exec.Cmd, string, *lockedLines, chan error) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "data", "benicommunity.db")
	cmd := exec.Command(binary, "serve", "--addr", "127.0.0.1:0", "--db", "sqlite:"+db)
	cmd.Env = append(os.Environ(), "BENICOMMUNITY_DB=", "BENICOMMUNITY_ADDR=", "BENICOMMUNITY_LOG_FORMAT=")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	logs := &lockedLines{}
	urls := make(chan string, 1)
	scanned := make(chan struct{})
	go func() {
		defer close(scanned)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			logs.add(sc.Text())
			if m := servingURL.FindStringSubmatch(sc.Text()); m != nil {
				urls <- m[1]
			}
		}
	}()
	exited := make(chan error, 1)
	go func() {
		<-scanned // Wait must not run before the pipe is read to its end
		exited <- cmd.Wait()
	}()
	// A test that fails half-way leaves no server behind (a no-op once it has exited).
	t.Cleanup(func() { cmd.Process.Kill() })

	var base string
	select {
	case base = <-urls:
	case err := <-exited:
		t.Fatalf("benicommunity exited at start (%v):\n%s", err, logs)
	case <-time.After(60 * time.Second):
		t.Fatalf("benicommunity did not start:\n%s", logs)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := http.Get(base + "healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("/healthz never answered 200 (%v):\n%s", err, logs)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return cmd, base, logs, exited
}

type stageCard struct {
	Title    string `json:"title"`
	Href     string `json:"href"`
	Date     string `json:"date"`
	DateTime string `json:"datetime"`
}

type counter struct {
	Text string `json:"text"`
	Href string `json:"href"`
}

// TestEndToEnd builds the real binary, starts it on a fresh database, looks
// at the home page in headless Chromium as a visitor does, follows a stage
// and stops the server with SIGTERM.
func TestEndToEnd(t *testing.T) {
	cmd, base, logs, exited := startBinary(t)
	ctx := browsertest.Timeout(t, browsertest.New(t), 90*time.Second)

	if err := chromedp.Do(ctx, chromedp.Navigate(base), chromedp.WaitVisible(chromedp.CSS(`main h2`))); err != nil {
		t.Fatal(err)
	}
	// The stylesheets loaded despite the strict CSP: the page is styled.
	sheets, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.styleSheets.length`))
	if err != nil || sheets < 3 {
		t.Errorf("stylesheets applied = %d (%v), want 3", sheets, err)
	}

	stages, err := chromedp.Run(ctx, chromedp.Evaluate[[]stageCard](`Array.from(document.querySelectorAll("main ol > li article")).map(a => ({
		title: a.querySelector("h3").innerText,
		href: a.querySelector("h3 a").getAttribute("href"),
		date: a.querySelector("time").innerText,
		datetime: a.querySelector("time").getAttribute("datetime"),
	}))`))
	if err != nil {
		t.Fatal(err)
	}
	wantDates := []string{"11 dicembre 2020", "12 marzo 2021", "21 settembre 2021", "15 dicembre 2021", "17 febbraio 2022"}
	wantPlaces := []string{"Chieri", "Collegno", "Genova", "Sant'Antonino di Susa", "Barge"}
	if len(stages) != 5 {
		t.Fatalf("the home page shows %d stages, want 5: %+v", len(stages), stages)
	}
	for i, s := range stages {
		if s.Date != wantDates[i] || !strings.Contains(s.Title, wantPlaces[i]) {
			t.Errorf("stage %d = %q on %q, want %s on %q", i+1, s.Title, s.Date, wantPlaces[i], wantDates[i])
		}
		if i > 0 && s.DateTime <= stages[i-1].DateTime {
			t.Errorf("stage %d (%s) is not after stage %d (%s)", i+1, s.DateTime, i, stages[i-1].DateTime)
		}
	}

	counters, err := chromedp.Run(ctx, chromedp.Evaluate[[]counter](`Array.from(document.querySelectorAll('section[aria-labelledby="counters-title"] li a')).map(a => ({
		text: a.innerText.replace(/\s+/g, " ").trim(),
		href: a.getAttribute("href"),
	}))`))
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	for _, c := range counters {
		seen = append(seen, c.Text)
	}
	wantCounters := []string{"35 Eventi pubblici", "34 Formazione", "128 Co-progettazione", "3 Beni community", "35 Networking"}
	if !slices.Equal(seen, wantCounters) {
		t.Errorf("counters = %q, want %q", seen, wantCounters)
	}

	// Follow the Genova stage as a visitor would.
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`main a[href="/tappe/genova-2021"]`)),
		chromedp.WaitVisible(chromedp.CSS(`section[aria-labelledby="new-title"]`)),
	); err != nil {
		t.Fatal(err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || loc != base+"tappe/genova-2021" {
		t.Errorf("after the click the browser is at %q (%v)", loc, err)
	}
	h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main h1`)))
	if err != nil || !strings.HasPrefix(h1, "Formazione a Genova") {
		t.Errorf("stage heading = %q (%v)", h1, err)
	}
	newBodies, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('section[aria-labelledby="new-title"] li')).map(li => li.innerText.trim())`))
	if err != nil {
		t.Fatal(err)
	}
	wantNew := []string{"Città metropolitana di Genova", "Comune di Asti", "Comune di Barge", "Comune di Cogoleto", "Comune di Davagna",
		"Comune di Genova", "Comune di Ronco Biellese", "Comune di Savignone", "Comune di Sestri Levante", "Comune di Valenza"}
	if !slices.Equal(newBodies, wantNew) {
		t.Errorf("new bodies at Genova = %q\nwant %q", newBodies, wantNew)
	}

	// SIGTERM stops the server cleanly.
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("benicommunity exited with %v after SIGTERM:\n%s", err, logs)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("benicommunity did not stop after SIGTERM:\n%s", logs)
	}
	if code := cmd.ProcessState.ExitCode(); code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
	for _, line := range []string{"shutting down", "msg=stopped"} {
		if !strings.Contains(logs.String(), line) {
			t.Errorf("the log lacks %q:\n%s", line, logs)
		}
	}
}

// TestBinaryCommands checks the built binary's own exit codes and output.
func TestBinaryCommands(t *testing.T) {
	out, err := exec.Command(binary, "version").Output()
	if err != nil || string(out) != "benicommunity e2e-test\n" {
		t.Errorf("version = %q, %v", out, err)
	}
	cmd := exec.Command(binary, "migrate", "--db", "postgres://x@127.0.0.1:1/db")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err = cmd.Run()
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) || exitErr.ExitCode() != 1 || strings.Count(stderr.String(), "\n") != 1 {
		t.Errorf("unreachable PostgreSQL: %v, stderr %q", err, stderr.String())
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := exec.CommandContext(ctx, binary, "--help").Run(); err != nil {
		t.Errorf("--help: %v", err)
	}
}

// TestBinaryReadsStandardInput: the password of `user create` and the
// archive of `import --input -` come from the process's standard input.
func TestBinaryReadsStandardInput(t *testing.T) {
	dir := t.TempDir()
	network := storetest.OpenDefault(t, store.SQLite) // a database holding the default network
	src, dst := "sqlite:"+network.Location().Path, "sqlite:"+filepath.Join(dir, "dst.db")
	create := exec.Command(binary, "user", "create", "--db", src, "--role", "coordinator", "--email", "coord@example.it")
	create.Stdin = strings.NewReader("una password lunga\n")
	if out, err := create.CombinedOutput(); err != nil {
		t.Fatalf("user create with the password on stdin: %v: %s", err, out)
	}
	archive, err := exec.Command(binary, "export", "--db", src).Output()
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	imp := exec.Command(binary, "import", "--db", dst, "--input", "-")
	imp.Stdin = strings.NewReader(string(archive))
	if out, err := imp.CombinedOutput(); err != nil {
		t.Fatalf("import from stdin: %v: %s", err, out)
	}
	again, err := exec.Command(binary, "export", "--db", dst).Output()
	if err != nil || string(again) != string(archive) {
		t.Errorf("the imported network exports differently (%v)", err)
	}
}
