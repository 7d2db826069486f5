package admin

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Failed logins are limited per account and per address (the client's, as
// core.Site.ClientIP tells it: X-Forwarded-For counts only from a trusted
// proxy): a person who mistypes gets a few tries, a script guessing
// passwords gets one try a minute per account and a few a minute per address.
const (
	accountBurst = 5
	accountEvery = time.Minute
	ipBurst      = 20
	ipEvery      = 6 * time.Second
	throttleKeep = 10000 // entries kept before idle ones are dropped
)

type throttle struct {
	mu      sync.Mutex
	limits  map[string]*limitEntry
	account func() *rate.Limiter
	ip      func() *rate.Limiter
}

type limitEntry struct {
	lim  *rate.Limiter
	seen time.Time
}

func newThrottle() *throttle {
	return &throttle{
		limits:  map[string]*limitEntry{},
		account: func() *rate.Limiter { return rate.NewLimiter(rate.Every(accountEvery), accountBurst) },
		ip:      func() *rate.Limiter { return rate.NewLimiter(rate.Every(ipEvery), ipBurst) },
	}
}

func (t *throttle) get(key string, mk func() *rate.Limiter, now time.Time) *rate.Limiter {
	e, ok := t.limits[key]
	if !ok {
		if len(t.limits) >= throttleKeep {
			for k, v := range t.limits {
				if now.Sub(v.seen) > time.Hour {
					delete(t.limits, k)
				}
			}
		}
		e = &limitEntry{lim: mk()}
		t.limits[key] = e
	}
	e.seen = now
	return e.lim
}

// blocked reports whether a login for this account from this address must
// wait, without counting the attempt.
func (t *throttle) blocked(email, ip string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := time.Now()
	return t.get("a:"+email, t.account, now).TokensAt(now) < 1 || t.get("i:"+ip, t.ip, now).TokensAt(now) < 1
}

// failed counts a failed attempt against the account and the address.
func (t *throttle) failed(email, ip string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := time.Now()
	t.get("a:"+email, t.account, now).AllowN(now, 1)
	t.get("i:"+ip, t.ip, now).AllowN(now, 1)
}
