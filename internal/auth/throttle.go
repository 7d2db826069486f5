package auth

import (
	"net/netip"
	"strings"
	"time"
)

// ThrottlePolicy slows down password guessing without locking anyone out.
// Failures are counted per (account e-mail, client) pair and per client
// across all accounts, never per account alone: someone else failing on a
// coordinator's account from elsewhere does not make the coordinator wait.
type ThrottlePolicy struct {
	Window        time.Duration // failures older than this no longer count
	FreePerPair   int           // failures of one e-mail from one client before any wait
	FreePerClient int           // failures of one client over all e-mails before any wait
	FirstDelay    time.Duration // wait after the first failure beyond the free ones
	MaxDelay      time.Duration // the wait doubles with each further failure up to this
}

// LoginThrottle is the policy of the login form: five tries per account and
// client in 15 minutes, then 2 s, 4 s, 8 s… up to 5 minutes after the last
// failure; a client failing on many accounts gets 30 tries, then the same.
var LoginThrottle = ThrottlePolicy{
	Window:        15 * time.Minute,
	FreePerPair:   5,
	FreePerClient: 30,
	FirstDelay:    2 * time.Second,
	MaxDelay:      5 * time.Minute,
}

// Failures is what the store counts for a key within the window.
type Failures struct {
	N    int       // failures within the window
	Last time.Time // the most recent of them
}

// Wait returns how long a login for the pair must wait at now (0: go on).
func (p ThrottlePolicy) Wait(pair, client Failures, now time.Time) time.Duration {
	return max(p.wait(pair, p.FreePerPair, now), p.wait(client, p.FreePerClient, now))
}

func (p ThrottlePolicy) wait(f Failures, free int, now time.Time) time.Duration {
	if f.N < free || f.N == 0 {
		return 0
	}
	d := p.FirstDelay
	for i := free; i < f.N && d < p.MaxDelay; i++ {
		d *= 2
	}
	d = min(d, p.MaxDelay)
	// Instances' clocks differ a little: a failure stamped in the future
	// must not make the wait longer than its delay.
	if left := f.Last.Add(d).Sub(now); left > 0 {
		return min(left, d)
	}
	return 0
}

// LoginEmailKey is the form of an e-mail the throttle counts under, so that
// case and spaces do not give a guesser fresh tries.
func LoginEmailKey(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

// ClientKey is the form of a client address the throttle counts under. An
// IPv6 client usually holds a whole /64, so it counts as one.
func ClientKey(addr string) string {
	a, err := netip.ParseAddr(strings.TrimSpace(addr))
	if err != nil {
		return strings.TrimSpace(addr)
	}
	a = a.Unmap()
	if a.Is4() {
		return a.String()
	}
	p, err := a.WithZone("").Prefix(64)
	if err != nil {
		return a.String()
	}
	return p.String()
}
