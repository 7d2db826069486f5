package auth

import (
	"errors"
	"strings"
	"testing"
)

func TestHashAndCheckPassword(t *testing.T) {
	h, err := HashPassword("una password lunga")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not a PHC argon2id string with the default parameters", h)
	}
	if err := CheckPassword(h, "una password lunga"); err != nil {
		t.Errorf("the right password is refused: %v", err)
	}
	if err := CheckPassword(h, "una password lungA"); !errors.Is(err, ErrMismatch) {
		t.Errorf("a wrong password gives %v, want ErrMismatch", err)
	}
	h2, _ := HashPassword("una password lunga")
	if h == h2 {
		t.Error("two hashes of the same password are equal: the salt is not random")
	}
	if NeedsRehash(h) {
		t.Error("a fresh hash needs rehash")
	}
}

func TestCheckPasswordRefusesMalformedHashes(t *testing.T) {
	for _, h := range []string{"", "plain", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdA$a2V5", "$argon2id$v=19$m=99999999,t=2,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5"} {
		if err := CheckPassword(h, ""); !errors.Is(err, ErrMismatch) {
			t.Errorf("CheckPassword(%q) = %v, want ErrMismatch", h, err)
		}
	}
}

func TestNeedsRehashForWeakParams(t *testing.T) {
	weak, err := hashWith("x", Params{Memory: 1024, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16})
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckPassword(weak, "x"); err != nil {
		t.Errorf("weak hash does not verify: %v", err)
	}
	if !NeedsRehash(weak) {
		t.Error("a 1 MiB hash does not need rehash")
	}
}

func TestPasswordPolicy(t *testing.T) {
	if CheckPasswordPolicy("corta") == nil {
		t.Error("a 5-character password is accepted")
	}
	if CheckPasswordPolicy(strings.Repeat("x", MaxPasswordLen+1)) == nil {
		t.Error("an over-long password is accepted")
	}
	if err := CheckPasswordPolicy("abbastanza lunga"); err != nil {
		t.Error(err)
	}
}

func TestTokens(t *testing.T) {
	a, ha := NewToken()
	b, _ := NewToken()
	if a == b || len(a) < 40 {
		t.Errorf("tokens %q and %q are not long random values", a, b)
	}
	if HashToken(a) != ha || ha == a {
		t.Error("the stored hash is not the hash of the token")
	}
}

func TestCanEditBody(t *testing.T) {
	coord := &User{Role: Coordinator}
	ref := &User{Role: Referent, Bodies: []int64{3, 5}}
	part := &User{Role: Participant, Bodies: []int64{3}}
	var anon *User
	cases := []struct {
		u    *User
		body int64
		want bool
	}{{coord, 9, true}, {ref, 5, true}, {ref, 4, false}, {part, 3, false}, {anon, 3, false}}
	for _, c := range cases {
		if got := c.u.CanEditBody(c.body); got != c.want {
			t.Errorf("%+v CanEditBody(%d) = %v, want %v", c.u, c.body, got, c.want)
		}
	}
}

// BenchmarkHashPassword measures the cost of one login (one argon2id hash
// with the default parameters).
func BenchmarkHashPassword(b *testing.B) {
	for b.Loop() {
		if _, err := HashPassword("una password di prova"); err != nil {
			b.Fatal(err)
		}
	}
}
