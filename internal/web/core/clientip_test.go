package core

import (
	"net/http/httptest"
	"testing"
)

func TestClientIP(t *testing.T) {
	trusted, err := ParseTrustedProxies("10.0.0.0/8, 192.168.1.10 ::1,2001:db8:1::/48")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name    string
		proxies TrustedProxies
		remote  string
		xff     []string
		want    string
	}{
		{"no proxy trusted: the header is ignored", TrustedProxies{}, "203.0.113.5:4000", []string{"198.51.100.1"}, "203.0.113.5"},
		{"untrusted peer spoofing the header", trusted, "203.0.113.5:4000", []string{"10.0.0.1, 198.51.100.1"}, "203.0.113.5"},
		{"trusted proxy, one hop", trusted, "10.1.2.3:4000", []string{"198.51.100.1"}, "198.51.100.1"},
		{"client-written entries left of the real one are ignored", trusted, "10.1.2.3:4000", []string{"1.2.3.4, 5.6.7.8, 198.51.100.1"}, "198.51.100.1"},
		{"a spoofed trusted address on the left does not help", trusted, "10.1.2.3:4000", []string{"10.9.9.9, 198.51.100.1"}, "198.51.100.1"},
		{"chain of trusted proxies", trusted, "10.1.2.3:4000", []string{"198.51.100.1, 192.168.1.10, 10.4.4.4"}, "198.51.100.1"},
		{"several header lines", trusted, "10.1.2.3:4000", []string{"6.6.6.6", "198.51.100.1, 10.4.4.4"}, "198.51.100.1"},
		{"every hop trusted", trusted, "10.1.2.3:4000", []string{"10.7.7.7, 10.4.4.4"}, "10.7.7.7"},
		{"no header from a trusted proxy", trusted, "10.1.2.3:4000", nil, "10.1.2.3"},
		{"garbage stops at the last trusted hop", trusted, "10.1.2.3:4000", []string{"198.51.100.1, <script>, 10.4.4.4"}, "10.4.4.4"},
		{"garbage only", trusted, "10.1.2.3:4000", []string{"'; DROP TABLE users; --"}, "10.1.2.3"},
		{"entry with a port", trusted, "10.1.2.3:4000", []string{"198.51.100.1:5555"}, "198.51.100.1"},
		{"IPv6 proxy and client", trusted, "[::1]:4000", []string{"[2001:db8:2::7]:80"}, "2001:db8:2::7"},
		{"IPv6 trusted prefix", trusted, "[2001:db8:1::9]:4000", []string{"2001:db8:2::7"}, "2001:db8:2::7"},
		{"IPv4-mapped peer", trusted, "[::ffff:10.1.2.3]:4000", []string{"198.51.100.1"}, "198.51.100.1"},
		{"IPv4-mapped client", trusted, "10.1.2.3:4000", []string{"::ffff:198.51.100.1"}, "198.51.100.1"},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.remote
		for _, v := range c.xff {
			r.Header.Add("X-Forwarded-For", v)
		}
		if got := c.proxies.ClientIP(r); got != c.want {
			t.Errorf("%s: ClientIP = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestParseTrustedProxies(t *testing.T) {
	for _, bad := range []string{"10.0.0.0/33", "example.org", "10.0.0", "1.2.3.4/x"} {
		if _, err := ParseTrustedProxies(bad); err == nil {
			t.Errorf("ParseTrustedProxies(%q) accepted", bad)
		}
	}
	p, err := ParseTrustedProxies(" 10.1.2.3/8 , ::1 ")
	if err != nil || p.String() != "10.0.0.0/8,::1/128" || p.Empty() {
		t.Errorf("ParseTrustedProxies = %q, %v", p.String(), err)
	}
	if p, _ := ParseTrustedProxies(""); !p.Empty() {
		t.Error("an empty list trusts someone")
	}
}
