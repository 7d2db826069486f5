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
	fs := newFlags(env, "user create", "Create an account. The password is asked on the terminal or read\nfrom the first line of standard input, never given as a flag.")
	db := dbFlag(fs, env)
	role := fs.String("role", "", "coordinator, referent or participant (required)")
	email := fs.String("email", "", "e-mail address used to log in (required)")
	name := fs.String("name", "", "the person's name")
	var bodies stringList
	fs.Var(&bodies, "body", "slug of a body the referent edits (repeat for several)")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	r := auth.Role(*role)
	if !r.Valid() {
		return fmt.Errorf("--role: must be coordinator, referent or participant, not %q", *role)
	}
	addr := store.NormalizeEmail(*email)
	if addr == "" || !strings.Contains(addr, "@") || strings.ContainsAny(addr, " <>") {
		return fmt.Errorf("--email: %q is not an e-mail address", *email)
	}
	if r == auth.Referent && len(bodies) == 0 {
		return errors.New("--body: a referent needs at least one body (its slug, as in /enti/SLUG)")
	}
	if r != auth.Referent && len(bodies) > 0 {
		return errors.New("--body: only a referent has bodies")
	}
	pw, err := readPassword(env)
	if err != nil {
		return err
	}
	if err := auth.CheckPasswordPolicy(pw); err != nil {
		return err
	}
	hash, err := auth.HashPassword(pw)
	if err != nil {
		return err
	}
	log := newLogger(env.Stderr, "text")
	s, err := openStore(ctx, *db, log)
	if err != nil {
		return err
	}
	defer s.Close()
	var ids []int64
	for _, slug := range bodies {
		b, err := s.Body(ctx, slug)
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("--body: no body with slug %q", slug)
		}
		if err != nil {
			return err
		}
		ids = append(ids, b.ID)
	}
	var id int64
	err = s.InTx(ctx, func(tx *store.Tx) error {
		var err error
		id, err = tx.CreateUser(ctx, store.NewUser{Email: addr, Name: *name, Role: r, PasswordHash: hash, Bodies: ids})
		if err != nil {
			return err
		}
		return tx.Audit(ctx, store.Actor{Email: "command line"}, "create", "user", id, addr, nil, map[string]any{"email": addr, "role": r, "bodies": ids})
	})
	if errors.Is(err, store.ErrConflict) {
		return fmt.Errorf("--email: an account with address %s already exists", addr)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "created %s account %s (id %d)\n", r, addr, id)
	return nil
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
