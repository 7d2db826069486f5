package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
)

// stringList is a repeatable flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func runUser(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		fmt.Fprintln(env.Stderr, "Usage: benicommunity user create --role coordinator|referent|participant --email ADDRESS [--name NAME] [--body SLUG]...")
		return errUsage
	}
	return runUserCreate(ctx, env, args[1:])
}

// runUserCreate creates an account. The password is never a flag (it would
// stay in the shell history and the process list): it is asked on the
// terminal, or read as the first line of standard input.
func runUserCreate(ctx context.Context, env Env, args []string) error {
	u, err := parseUserCreateFlags(env, args)
	if err != nil {
		return err
	}
	hash, err := readPasswordHash(env)
	if err != nil {
		return err
	}
	log := newLogger(env.Stderr, "text")
	s, err := openStore(ctx, u.db, log)
	if err != nil {
		return err
	}
	defer s.Close()
	ids, err := bodyIDs(ctx, s, u.bodies)
	if err != nil {
		return err
	}
	id, err := createUser(ctx, s, store.NewUser{Email: u.email, Name: u.name, Role: u.role, PasswordHash: hash, Bodies: ids})
	if errors.Is(err, store.ErrConflict) {
		return fmt.Errorf("--email: an account with address %s already exists", u.email)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "created %s account %s (id %d)\n", u.role, u.email, id)
	return nil
}

// userCreateFlags is the command line of user create, checked.
type userCreateFlags struct {
	db     string
	role   auth.Role
	email  string // normalised
	name   string
	bodies []string // slugs
}

// parseUserCreateFlags reads the flags of user create and checks that the
// role, the address and the bodies go together.
func parseUserCreateFlags(env Env, args []string) (userCreateFlags, error) {
	fs := newFlags(env, "user create", "Create an account. The password is asked on the terminal or read\nfrom the first line of standard input, never given as a flag.")
	db := dbFlag(fs, env)
	role := fs.String("role", "", "coordinator, referent or participant (required)")
	email := fs.String("email", "", "e-mail address used to log in (required)")
	name := fs.String("name", "", "the person's name")
	var bodies stringList
	fs.Var(&bodies, "body", "slug of a body the referent edits (repeat for several)")
	if err := parseFlags(env, fs, args); err != nil {
		return userCreateFlags{}, err
	}
	u := userCreateFlags{db: *db, role: auth.Role(*role), email: store.NormalizeEmail(*email), name: *name, bodies: bodies}
	if !u.role.Valid() {
		return u, fmt.Errorf("--role: must be coordinator, referent or participant, not %q", *role)
	}
	if u.email == "" || !strings.Contains(u.email, "@") || strings.ContainsAny(u.email, " <>") {
		return u, fmt.Errorf("--email: %q is not an e-mail address", *email)
	}
	if u.role == auth.Referent && len(bodies) == 0 {
		return u, errors.New("--body: a referent needs at least one body (its slug, as in /enti/SLUG)")
	}
	if u.role != auth.Referent && len(bodies) > 0 {
		return u, errors.New("--body: only a referent has bodies")
	}
	return u, nil
}

// readPasswordHash reads the new password, checks it against the policy
// and hashes it.
func readPasswordHash(env Env) (string, error) {
	pw, err := readPassword(env)
	if err != nil {
		return "", err
	}
	if err := auth.CheckPasswordPolicy(pw); err != nil {
		return "", err
	}
	return auth.HashPassword(pw)
}

// bodyIDs looks up the bodies a referent edits by their slugs.
func bodyIDs(ctx context.Context, s *store.Store, slugs []string) ([]int64, error) {
	var ids []int64
	for _, slug := range slugs {
		b, err := s.Body(ctx, slug)
		if errors.Is(err, store.ErrNotFound) {
			return nil, fmt.Errorf("--body: no body with slug %q", slug)
		}
		if err != nil {
			return nil, err
		}
		ids = append(ids, b.ID)
	}
	return ids, nil
}

// createUser records the account and its entry in the change log, as done
// from the command line.
func createUser(ctx context.Context, s *store.Store, u store.NewUser) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *store.Tx) error {
		var err error
		id, err = tx.CreateUser(ctx, u)
		if err != nil {
			return err
		}
		return tx.Audit(ctx, store.Actor{Email: "command line"}, "create", "user", id, u.Email, nil, map[string]any{"email": u.Email, "role": u.Role, "bodies": u.Bodies})
	})
	return id, err
}

func readPassword(env Env) (string, error) {
	if f, ok := env.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(env.Stderr, "Password: ")
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(env.Stderr)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		fmt.Fprint(env.Stderr, "Password again: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(env.Stderr)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		if string(a) != string(b) {
			return "", errors.New("the two passwords differ")
		}
		return string(a), nil
	}
	if env.Stdin == nil {
		return "", errors.New("no password: type it on the terminal or pipe it on standard input")
	}
	line, err := bufio.NewReader(io.LimitReader(env.Stdin, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read password from standard input: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", errors.New("no password on standard input (give it as the first line)")
	}
	return line, nil
}
