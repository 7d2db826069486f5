package auth

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/argon2"
)

// FuzzClientKey checks the throttle's client key on any text: it is stable
// (a key keys to itself for addresses) and every address of one IPv6 /64
// shares a key while IPv4 addresses keep their own.
func FuzzClientKey(f *testing.F) {
	for _, s := range []string{"192.0.2.1", "::ffff:192.0.2.1", "2001:db8::1", "fe80::1%eth0", "", "x", " 10.0.0.1 ", "::"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := ClientKey(s)
		a, err := netip.ParseAddr(strings.TrimSpace(s))
		if err != nil {
			return
		}
		a = a.Unmap()
		if a.Is4() {
			if k != a.String() {
				t.Fatalf("ClientKey(%q) = %q, want %q", s, k, a.String())
			}
			return
		}
		p, err := netip.ParsePrefix(k)
		if err != nil || p.Bits() != 64 || !p.Contains(a.WithZone("")) {
			t.Fatalf("ClientKey(%q) = %q: not the /64 holding the address", s, k)
		}
		// another address of the same /64
		b := a.WithZone("").As16()
		b[15] ^= 0xff
		if other := ClientKey(netip.AddrFrom16(b).String()); other != k {
			t.Fatalf("ClientKey of two addresses of one /64: %q and %q", k, other)
		}
	})
}

// FuzzThrottleWait checks the policy for any counts and times: the wait is
// never negative nor above the cap, and one more failure never shortens it.
func FuzzThrottleWait(f *testing.F) {
	f.Add(5, 0, int64(0))
	f.Add(40, 31, int64(-3_000_000_000))
	f.Add(0, 0, int64(1<<62))
	f.Fuzz(func(t *testing.T, pairN, clientN int, ago int64) {
		p := LoginThrottle
		now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
		last := now.Add(-time.Duration(ago))
		w := p.Wait(Failures{N: pairN, Last: last}, Failures{N: clientN, Last: last}, now)
		if w < 0 || w > p.MaxDelay {
			t.Fatalf("wait %v outside [0, %v]", w, p.MaxDelay)
		}
		if pairN < 1<<30 {
			if more := p.Wait(Failures{N: pairN + 1, Last: last}, Failures{N: clientN, Last: last}, now); more < w {
				t.Fatalf("%d failures wait %v, %d wait %v", pairN, w, pairN+1, more)
			}
		}
	})
}

// FuzzParsePHC feeds any stored hash (an archive carries them) to the
// parser: it never panics, what it accepts has bounded costs (a tampered row
// must not exhaust memory), and it reads back the same once written again.
// It tests the parser, not CheckPassword, so that no input makes the fuzzer
// itself hash with a gigabyte of memory.
func FuzzParsePHC(f *testing.F) {
	for _, s := range []string{"", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=0,t=0,p=0$$", "$argon2id$v=19$m=4294967295,t=4294967295,p=255$AAAA$AAAA",
		"$argon2i$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", "$$$$$$", "$argon2id$v=19$m=1,t=1,p=1$$AAAAAAAAAAAAAAAAAAAAAA"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, hash string) {
		p, salt, key, err := parsePHC(hash)
		if err != nil {
			return
		}
		if p.Memory == 0 || p.Memory > 1<<20 || p.Time == 0 || p.Time > 10 || p.Threads == 0 || len(key) < 16 {
			t.Fatalf("parsePHC(%q) accepted %+v with a %d-byte key", hash, p, len(key))
		}
		enc := base64.RawStdEncoding
		again := fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
			enc.EncodeToString(salt), enc.EncodeToString(key))
		p2, salt2, key2, err := parsePHC(again)
		if err != nil || p2 != p || !bytes.Equal(salt2, salt) || !bytes.Equal(key2, key) {
			t.Fatalf("parsePHC(%q) = %+v; written again as %q it reads %+v, %v", hash, p, again, p2, err)
		}
	})
}
