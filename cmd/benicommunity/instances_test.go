package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/mail/mailtest"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	"benicommunity/internal/web/webtest"
)

// instance is one `benicommunity serve` process of a shared database.
type instance struct {
	base string
	logs *lockedLines
}

// startInstance runs the real binary on a database URL, with its mail going
// to smtp, its registration jobs every minute, and returns once /healthz
// answers.
func startInstance(t *testing.T, db, smtp string) instance {
	t.Helper()
	cmd := exec.Command(binary, "serve", "--addr", "127.0.0.1:0", "--db", db, "--smtp-url", smtp,
		"--insecure-cookies", "--registration-jobs-every", "1m", "--data-dir", t.TempDir())
	cmd.Env = append(os.Environ(), "BENICOMMUNITY_DB=", "BENICOMMUNITY_ADDR=", "BENICOMMUNITY_LOG_FORMAT=")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	logs := &lockedLines{}
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			logs.add(sc.Text())
			if m := servingURL.FindStringSubmatch(sc.Text()); m != nil {
				urls <- strings.TrimSuffix(m[1], "/")
			}
		}
	}()
	select {
	case base := <-urls:
		return instance{base: base, logs: logs}
	case <-time.After(90 * time.Second):
		t.Fatalf("benicommunity did not start:\n%s", logs)
	}
	return instance{}
}

func browser(t *testing.T) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 60 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func post(t *testing.T, c *http.Client, u string, form url.Values) (int, string) {
	t.Helper()
	res, err := c.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

func get(t *testing.T, c *http.Client, u string) (int, string) {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

var confirmLink = regexp.MustCompile(`http://[^\s]+/iscrizioni/conferma/[A-Za-z0-9_-]+`)

// Two real serve processes on one PostgreSQL behave as one site: a login
// made on one is valid on the other, wrong passwords split across both are
// throttled as on one, an edit on one shows on the other's
// pages at once, 300 sign-ups for 50 seats split across both give exactly 50
// seats and 250 on the waiting list with none lost, and a day-before
// reminder goes out once.
func TestTwoInstancesAreOneSite(t *testing.T) {
	ctx := context.Background()
	loc := storetest.Location(t, store.Postgres)
	st, err := store.Open(ctx, loc)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx, storetest.Discard()); err != nil {
		t.Fatal(err)
	}
	smtp := mailtest.Start(t)
	a := startInstance(t, loc.URL, smtp.URL())
	b := startInstance(t, loc.URL, smtp.URL())

	// One account, logged in on A, used on B.
	hash, err := auth.HashPassword("una password di prova")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateUser(ctx, store.NewUser{Email: "coord@example.it", Role: auth.Coordinator, PasswordHash: hash}); err != nil {
		t.Fatal(err)
	}
	coord := browser(t)
	if code, _ := post(t, coord, a.base+"/accedi", url.Values{"email": {"coord@example.it"}, "password": {"una password di prova"}}); code != http.StatusSeeOther {
		t.Fatalf("login on A: %d", code)
	}
	baseB, _ := url.Parse(b.base)
	baseA, _ := url.Parse(a.base)
	coord.Jar.SetCookies(baseB, coord.Jar.Cookies(baseA))
	if code, body := get(t, coord, b.base+"/admin"); code != http.StatusOK || !strings.Contains(body, "coord@example.it") {
		t.Fatalf("the session of A on B: %d", code)
	}

	// Wrong passwords from one client, alternating between the instances,
	// are throttled as they would be on one: the failures are counted in
	// the database, so two instances give no more tries than one.
	guesser := browser(t)
	failures := 0
	for i := range 20 {
		inst := []instance{a, b}[i%2]
		code, _ := post(t, guesser, inst.base+"/accedi", url.Values{"email": {"coord@example.it"}, "password": {"sbagliata"}})
		if code == http.StatusTooManyRequests {
			break
		}
		if code != http.StatusUnauthorized {
			t.Fatalf("wrong password %d on %s: %d", i+1, inst.base, code)
		}
		failures++
	}
	if failures != auth.LoginThrottle.FreePerPair {
		t.Errorf("%d wrong passwords across two instances before the throttle, want %d as on one", failures, auth.LoginThrottle.FreePerPair)
	}

	// An edit on A shows on B's page, which B had cached.
	visitor := browser(t)
	chieri, err := st.Body(ctx, "comune-di-chieri")
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		get(t, visitor, b.base+"/enti/comune-di-chieri")
	}
	in, err := st.BodyInputByID(ctx, chieri.ID)
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"name": {in.Name}, "slug": {in.Slug}, "kind": {in.Kind}, "istat_code": {in.ISTATCode},
		"province": {in.Province}, "province_code": {in.ProvinceCode}, "region": {in.Region}, "website": {in.Website},
		"description": {"Modificata sull'istanza A."}, "contact_office": {in.ContactOffice}}
	if in.Latitude != nil && in.Longitude != nil {
		form.Set("latitude", strings.ReplaceAll(fmt.Sprint(*in.Latitude), ".", ","))
		form.Set("longitude", strings.ReplaceAll(fmt.Sprint(*in.Longitude), ".", ","))
	}
	if code, body := post(t, coord, a.base+fmt.Sprintf("/admin/enti/%d", chieri.ID), form); code != http.StatusSeeOther {
		t.Fatalf("edit on A: %d %.300s", code, body)
	}
	deadline := time.Now().Add(time.Second)
	for {
		_, body := get(t, visitor, b.base+"/enti/comune-di-chieri")
		if strings.Contains(body, "Modificata sull&#39;istanza A.") || strings.Contains(body, "Modificata sull'istanza A.") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("B does not show A's edit within a second")
		}
		time.Sleep(20 * time.Millisecond)
	}

	// 300 sign-ups for 50 seats, split across both, confirmed concurrently.
	capacity := 50
	actID := webtest.RegActivity(t, st, "formazione-doppia", "formazione", 1, &capacity)
	const people = 300
	var wg sync.WaitGroup
	errs := make(chan error, people)
	for i := range people {
		wg.Add(1)
		go func() {
			defer wg.Done()
			inst := []instance{a, b}[i%2]
			f := webtest.RegForm(fmt.Sprintf("persona%03d@example.it", i))
			res, err := http.PostForm(inst.base+"/iscrizioni/attivita/formazione-doppia", f)
			if err != nil {
				errs <- err
				return
			}
			res.Body.Close()
			if res.StatusCode != http.StatusSeeOther && res.StatusCode != http.StatusOK {
				errs <- fmt.Errorf("sign-up %d: %d", i, res.StatusCode)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	links := map[string]string{}
	for _, m := range smtp.Messages() {
		if l := confirmLink.FindString(m.Body); l != "" && len(m.To) == 1 {
			links[m.To[0]] = l
		}
	}
	if len(links) != people {
		t.Fatalf("%d confirmation links for %d sign-ups", len(links), people)
	}
	i := 0
	confirmErrs := make(chan error, people)
	for _, l := range links {
		wg.Add(1)
		go func(i int, l string) {
			defer wg.Done()
			// Half the links are confirmed on the other instance than the
			// one that e-mailed them.
			target := l
			if i%2 == 0 {
				target = otherInstance(l, a.base, b.base)
			}
			res, err := http.PostForm(target, url.Values{})
			if err != nil {
				confirmErrs <- err
				return
			}
			res.Body.Close()
			if res.StatusCode >= 400 {
				confirmErrs <- fmt.Errorf("confirm %s: %d", target, res.StatusCode)
			}
		}(i, l)
		i++
	}
	wg.Wait()
	close(confirmErrs)
	for err := range confirmErrs {
		t.Fatal(err)
	}
	counts, err := st.RegistrationCounts(ctx, actID)
	if err != nil {
		t.Fatal(err)
	}
	if counts.Confirmed != capacity || counts.Waiting != people-capacity {
		t.Errorf("after %d confirmations for %d seats across two instances: %d confirmed, %d waiting", people, capacity, counts.Confirmed, counts.Waiting)
	}

	// The day-before reminder: both instances run their jobs (at start and
	// every minute); each confirmed person gets exactly one.
	deadline = time.Now().Add(90 * time.Second)
	for {
		reminders := map[string]int{}
		for _, m := range smtp.Messages() {
			if strings.HasPrefix(m.Subject, "Domani: ") && len(m.To) == 1 {
				reminders[m.To[0]]++
			}
		}
		for to, n := range reminders {
			if n > 1 {
				t.Fatalf("%s got %d reminders", to, n)
			}
		}
		if len(reminders) == capacity {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d reminders sent for %d confirmed people after 90 s", len(reminders), capacity)
		}
		time.Sleep(time.Second)
	}
}

// otherInstance moves a link of one instance to the other.
func otherInstance(link, a, b string) string {
	if strings.HasPrefix(link, a) {
		return b + strings.TrimPrefix(link, a)
	}
	return a + strings.TrimPrefix(link, b)
}
