// Command loadgen drives a realistic mix of public requests against a
// benicommunity server on this machine for a bounded time and prints
// requests per second and latency percentiles per route. With -static it
// first records the answer of every route, serves exactly those bytes from a
// bare net/http handler, drives the same mix against it in the same run, and
// prints the ratio: how close the site comes to handing out stored bytes.
//
// It only ever talks to loopback addresses. scripts/load starts a server and
// runs it; see docs/benchmarks.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
)

// route is one kind of request of the mix, with its share.
type route struct {
	name   string
	path   string
	weight int
	post   url.Values // a form to POST instead of a GET
}

func main() {
	target := flag.String("url", "", "base URL of the server, e.g. http://127.0.0.1:8080 (loopback only)")
	duration := flag.Duration("duration", 10*time.Second, "how long to drive each server (1s to 5m)")
	conns := flag.Int("conns", 16, "concurrent connections (1 to 256)")
	static := flag.Bool("static", true, "also drive a bare server of the same bytes and print the ratio")
	register := flag.String("register", "", "slug of an activity with open registrations: 2% of the requests sign up to it")
	each := flag.Bool("each", false, "with -static: also drive each route alone against both servers (duration each)")
	flag.Parse()
	if err := run(*target, *duration, *conns, *static, *register, *each); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func run(target string, duration time.Duration, conns int, static bool, register string, each bool) error {
	base, err := loopbackURL(target)
	if err != nil {
		return err
	}
	if duration < time.Second || duration > 5*time.Minute {
		return fmt.Errorf("-duration: between 1s and 5m, not %s", duration)
	}
	if conns < 1 || conns > 256 {
		return fmt.Errorf("-conns: between 1 and 256, not %d", conns)
	}
	client := newClient(conns)
	mix, err := discoverMix(client, base, register)
	if err != nil {
		return err
	}
	// Recording every answer first also warms the server: the figures are
	// of a running site, not of its first requests.
	bare, stop, err := bareServer(client, base, mix)
	if err != nil {
		return err
	}
	defer stop()
	site := drive(client, base, mix, duration, conns)
	fmt.Printf("benicommunity at %s, %d connections, %s\n", base, conns, duration)
	printTable(mix, site, nil)
	if !static {
		return nil
	}
	gets := slices.DeleteFunc(slices.Clone(mix), func(r route) bool { return r.post != nil })
	ceiling := drive(client, bare, gets, duration, conns)
	fmt.Printf("\nbare net/http handler serving the same bytes at %s\n", bare)
	printTable(gets, ceiling, nil)
	fmt.Printf("\nratio (benicommunity / bare handler, requests per second)\n")
	printTable(gets, site, ceiling)
	if each {
		fmt.Printf("\neach route alone (benicommunity / bare handler)\n")
		fmt.Printf("%-10s %10s %10s %7s %9s\n", "route", "req/s", "bare req/s", "ratio", "p99")
		for _, r := range gets {
			one := []route{r}
			a := drive(client, base, one, duration, conns)[r.name]
			b := drive(client, bare, one, duration, conns)[r.name]
			ra, rb := float64(len(a.latencies))/a.elapsed.Seconds(), float64(len(b.latencies))/b.elapsed.Seconds()
			slices.Sort(a.latencies)
			fmt.Printf("%-10s %10.0f %10.0f %6.0f%% %9s\n", r.name, ra, rb, 100*ra/rb, pct(a.latencies, 99))
		}
	}
	return nil
}

// loopbackURL accepts only an http URL on a loopback address.
func loopbackURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" || u.Host == "" {
		return "", fmt.Errorf("-url: an http URL such as http://127.0.0.1:8080, not %q", raw)
	}
	host := u.Hostname()
	ip := net.ParseIP(host)
	if host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return "", fmt.Errorf("-url: %s is not a loopback address; load is only ever sent to this machine", host)
	}
	return strings.TrimSuffix(u.String(), "/"), nil
}

func newClient(conns int) *http.Client {
	tr := &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DisableCompression: true}
	return &http.Client{Transport: tr, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// browserEncodings is what a current browser accepts.
const browserEncodings = "gzip, deflate, br"

var hrefs = regexp.MustCompile(`href="(/(?:tappe|enti)/[a-z0-9-]+)"`)

// discoverMix builds the mix from what the site links to: the first stage
// and body it lists, so it works on the default and on a generated network.
func discoverMix(client *http.Client, base, register string) ([]route, error) {
	find := func(list string) (string, error) {
		body, _, err := fetch(client, base+list, "")
		if err != nil {
			return "", err
		}
		for _, m := range hrefs.FindAllStringSubmatch(string(body), -1) {
			if strings.HasPrefix(m[1], list+"/") && m[1] != "/enti/comuni" {
				return m[1], nil
			}
		}
		return "", fmt.Errorf("%s links to no page to load", list)
	}
	stage, err := find("/tappe")
	if err != nil {
		return nil, err
	}
	body, err := find("/enti")
	if err != nil {
		return nil, err
	}
	mix := []route{
		{"home", "/", 25, nil},
		{"stages", "/tappe", 8, nil},
		{"stage", stage, 15, nil},
		{"bodies", "/enti", 8, nil},
		{"body", body, 12, nil},
		{"rete", "/rete", 6, nil},
		{"search", "/cerca?q=comunicazione", 6, nil},
		{"api", "/api/v1/activities", 10, nil},
		{"csv", "/dati/attivita.csv", 4, nil},
		{"atom", "/feed.atom", 4, nil},
	}
	if register != "" {
		mix = append(mix, route{"register", "/iscrizioni/attivita/" + register, 2, url.Values{}})
	}
	return mix, nil
}

// fetch GETs a URL accepting the given encodings (browsers: "br, gzip").
func fetch(client *http.Client, u, encodings string) ([]byte, http.Header, error) {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return nil, nil, err
	}
	if encodings != "" {
		req.Header.Set("Accept-Encoding", encodings)
	}
	res, err := client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, nil, err
	}
	if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusNotModified {
		return nil, nil, fmt.Errorf("GET %s: %s", u, res.Status)
	}
	return body, res.Header, nil
}

// result is what the workers measured for one route.
type result struct {
	latencies []time.Duration
	errors    int
	elapsed   time.Duration
}

// drive runs conns workers for d, each picking routes by weight.
func drive(client *http.Client, base string, mix []route, d time.Duration, conns int) map[string]*result {
	total := 0
	for _, r := range mix {
		total += r.weight
	}
	results := map[string]*result{}
	for _, r := range mix {
		results[r.name] = &result{}
	}
	var mu sync.Mutex
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	for w := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 42))
			local := map[string]*result{}
			for ctx.Err() == nil {
				r := pick(mix, rng.IntN(total))
				t0 := time.Now()
				err := request(client, base, r, w)
				lr := local[r.name]
				if lr == nil {
					lr = &result{}
					local[r.name] = lr
				}
				if err != nil {
					lr.errors++
					continue
				}
				lr.latencies = append(lr.latencies, time.Since(t0))
			}
			mu.Lock()
			for name, lr := range local {
				results[name].latencies = append(results[name].latencies, lr.latencies...)
				results[name].errors += lr.errors
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	for _, r := range results {
		r.elapsed = elapsed
	}
	return results
}

func pick(mix []route, n int) route {
	for _, r := range mix {
		if n < r.weight {
			return r
		}
		n -= r.weight
	}
	return mix[len(mix)-1]
}

func request(client *http.Client, base string, r route, worker int) error {
	if r.post == nil {
		_, _, err := fetch(client, base+r.path, browserEncodings)
		return err
	}
	// A sign-up from a new address each time: the form answers 303 when it
	// took the registration (or 200/422 when the activity is full or closed).
	form := url.Values{"name": {"Persona di prova"}, "email": {fmt.Sprintf("carico-%d-%d@example.it", worker, time.Now().UnixNano())},
		"body": {"Comune di prova"}, "role": {"funzionario"}, "consent": {"1"}}
	res, err := client.PostForm(base+r.path, form)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode >= 500 {
		return fmt.Errorf("POST %s: %s", r.path, res.Status)
	}
	return nil
}

// bareServer records each GET route's answer and serves those bytes, with
// the same Content-Type and Content-Encoding, from a plain handler.
func bareServer(client *http.Client, base string, mix []route) (string, func(), error) {
	type stored struct {
		body   []byte
		header http.Header
	}
	pages := map[string]stored{}
	for _, r := range mix {
		if r.post != nil {
			continue
		}
		body, h, err := fetch(client, base+r.path, browserEncodings)
		if err != nil {
			return "", nil, err
		}
		pages[r.path] = stored{body, h}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := pages[r.URL.RequestURI()]
		if !ok {
			http.NotFound(w, r)
			return
		}
		for _, k := range []string{"Content-Type", "Content-Encoding", "ETag", "Cache-Control", "Vary"} {
			if v := p.header.Get(k); v != "" {
				w.Header().Set(k, v)
			}
		}
		w.Write(p.body)
	})}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), func() { srv.Close() }, nil
}

// printTable prints each route's figures, or with ceiling the ratio of
// requests per second to the ceiling's.
func printTable(mix []route, res, ceiling map[string]*result) {
	if ceiling == nil {
		fmt.Printf("%-10s %9s %10s %9s %9s %9s %7s\n", "route", "requests", "req/s", "p50", "p95", "p99", "errors")
	} else {
		fmt.Printf("%-10s %10s %10s %7s\n", "route", "req/s", "bare req/s", "ratio")
	}
	var all, allCeiling float64
	for _, r := range mix {
		x := res[r.name]
		rps := float64(len(x.latencies)) / x.elapsed.Seconds()
		all += rps
		if ceiling != nil {
			c := ceiling[r.name]
			crps := float64(len(c.latencies)) / c.elapsed.Seconds()
			allCeiling += crps
			fmt.Printf("%-10s %10.0f %10.0f %6.0f%%\n", r.name, rps, crps, 100*rps/crps)
			continue
		}
		slices.Sort(x.latencies)
		fmt.Printf("%-10s %9d %10.0f %9s %9s %9s %7d\n", r.name, len(x.latencies), rps,
			pct(x.latencies, 50), pct(x.latencies, 95), pct(x.latencies, 99), x.errors)
	}
	if ceiling != nil {
		fmt.Printf("%-10s %10.0f %10.0f %6.0f%%\n", "all", all, allCeiling, 100*all/allCeiling)
	} else {
		fmt.Printf("%-10s %9s %10.0f\n", "all", "", all)
	}
}

func pct(sorted []time.Duration, p int) string {
	if len(sorted) == 0 {
		return "-"
	}
	d := sorted[min(len(sorted)-1, len(sorted)*p/100)]
	return d.Round(10 * time.Microsecond).String()
}
