package auth

import (
	"testing"
	"time"
)

func TestThrottleWaitGrowsAndIsCapped(t *testing.T) {
	p := LoginThrottle
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	cases := []struct {
		n    int
		want time.Duration
	}{
		{0, 0}, {1, 0}, {4, 0},
		{5, 2 * time.Second}, {6, 4 * time.Second}, {7, 8 * time.Second},
		{12, 256 * time.Second}, {13, 5 * time.Minute}, {40, 5 * time.Minute},
	}
	for _, c := range cases {
		got := p.Wait(Failures{N: c.n, Last: now}, Failures{}, now)
		if got != c.want {
			t.Errorf("%d failures just now: wait %v, want %v", c.n, got, c.want)
		}
	}
	// The wait counts from the last failure.
	if got := p.Wait(Failures{N: 6, Last: now.Add(-3 * time.Second)}, Failures{}, now); got != time.Second {
		t.Errorf("6 failures 3 s ago: wait %v, want 1s", got)
	}
	if got := p.Wait(Failures{N: 6, Last: now.Add(-time.Minute)}, Failures{}, now); got != 0 {
		t.Errorf("6 failures a minute ago: wait %v, want 0", got)
	}
	// Another instance's clock runs ahead: the wait is still at most the delay.
	if got := p.Wait(Failures{N: 13, Last: now.Add(time.Hour)}, Failures{}, now); got != p.MaxDelay {
		t.Errorf("a failure stamped in the future: wait %v, want %v", got, p.MaxDelay)
	}
}

func TestThrottleClientCapAppliesAcrossAccounts(t *testing.T) {
	p := LoginThrottle
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	// A fresh pair from a client that failed on many accounts waits too.
	if got := p.Wait(Failures{}, Failures{N: p.FreePerClient - 1, Last: now}, now); got != 0 {
		t.Errorf("client below its cap: wait %v", got)
	}
	if got := p.Wait(Failures{}, Failures{N: p.FreePerClient + 1, Last: now}, now); got != 4*time.Second {
		t.Errorf("client over its cap by one: wait %v, want 4s", got)
	}
	// The longer of the two waits wins.
	if got := p.Wait(Failures{N: 13, Last: now}, Failures{N: p.FreePerClient, Last: now}, now); got != p.MaxDelay {
		t.Errorf("pair at the cap: wait %v, want %v", got, p.MaxDelay)
	}
}

func TestThrottleKeys(t *testing.T) {
	if got := LoginEmailKey("  Coord@Comune.Example.IT "); got != "coord@comune.example.it" {
		t.Errorf("LoginEmailKey = %q", got)
	}
	for in, want := range map[string]string{
		"192.0.2.7":            "192.0.2.7",
		"::ffff:192.0.2.7":     "192.0.2.7",
		"2001:db8:1:2:3:4:5:6": "2001:db8:1:2::/64",
		"2001:db8:1:2:ffff::1": "2001:db8:1:2::/64",
		"fe80::1%eth0":         "fe80::/64",
		"not an address":       "not an address",
	} {
		if got := ClientKey(in); got != want {
			t.Errorf("ClientKey(%q) = %q, want %q", in, got, want)
		}
	}
}
