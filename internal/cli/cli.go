// Package cli implements the benicommunity command line: one binary with
// subcommands, each a visible sequence of start-up steps that fails loudly.
package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
)

// Env is what a command may touch of the outside world.
type Env struct {
	Stdin   io.Reader
	Stdout  io.Writer
	Stderr  io.Writer
	Getenv  func(string) string
	Version string

	// config, set by the config command, makes serve print its settings
	// instead of serving.
	config *configReport
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env Env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "run the web server", runServe},
		{"migrate", "bring the database schema up to date and exit", runMigrate},
		{"config", "print the settings serve would use and where each comes from", runConfig},
		{"backup", "copy the database to a file while the server runs", runBackup},
		{"restore", "fill a database from a backup or an archive", runRestore},
		{"export", "write the whole network as a JSON archive", runExport},
		{"import", "load a JSON archive into an empty database", runImport},
		{"seed", "fill an empty database with a generated network: seed --synthetic", runSeed},
		{"pacts", "import a body's file of pacts: pacts import --body SLUG --input FILE [--dry-run]", runPacts},
		{"user", "manage accounts: user create --role coordinator --email ADDRESS", runUser},
		{"version", "print the version", runVersion},
	}
}

// errUsage marks an error already explained by a usage message.
var errUsage = errors.New("usage")

// Run executes the command line and returns the process exit code.
func Run(ctx context.Context, args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	if len(args) == 0 {
		usage(env.Stderr)
		return 2
	}
	if args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(env.Stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			err := c.run(ctx, env, args[1:])
			switch {
			case err == nil, errors.Is(err, flag.ErrHelp):
				return 0
			case errors.Is(err, errUsage):
				return 2
			}
			fmt.Fprintf(env.Stderr, "benicommunity %s: %s\n", c.name, oneLine(err.Error()))
			return 1
		}
	}
	fmt.Fprintf(env.Stderr, "benicommunity: unknown command %q (run benicommunity --help)\n", args[0])
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: benicommunity <command> [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run benicommunity <command> --help for the flags of a command.")
}

// newFlags returns a flag set for a command; parseFlags decides where its
// messages go.
func newFlags(env Env, name, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: benicommunity %s [flags]\n\n%s\n\nFlags:\n", name, summary)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags reads the flags: --help prints the usage on standard output and
// succeeds; a bad flag or a stray argument is one line on standard error
// (exit 2), pointing at --help instead of repeating the whole usage.
func parseFlags(env Env, fs *flag.FlagSet, args []string) error {
	var out bytes.Buffer
	fs.SetOutput(&out)
	err := fs.Parse(args)
	fs.SetOutput(env.Stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		env.Stdout.Write(out.Bytes())
		return err
	case err != nil:
		fmt.Fprintf(env.Stderr, "benicommunity %s: %s (run benicommunity %s --help)\n", fs.Name(), err, fs.Name())
		return errUsage
	case fs.NArg() > 0:
		fmt.Fprintf(env.Stderr, "benicommunity %s: unexpected argument %q (run benicommunity %s --help)\n", fs.Name(), strings.Join(fs.Args(), " "), fs.Name())
		return errUsage
	}
	return nil
}

// oneLine keeps an error message on one line, whatever a driver put in it.
func oneLine(msg string) string {
	lines := strings.Split(msg, "\n")
	var keep []string
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" && !slices.Contains(keep, l) {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "; ")
}

// envOr returns the environment variable, or def when it is empty.
func envOr(env Env, key, def string) string {
	if v := env.Getenv(key); v != "" {
		return v
	}
	return def
}

func newLogger(w io.Writer, format string) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

func runVersion(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "version", "Print the version of this benicommunity binary.")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, "benicommunity", env.Version)
	return nil
}
