package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// env is what a command runs with: its streams and context.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// command is one subcommand: its usage, its flags, and what it does.
type command struct {
	name    string
	args    string // the arguments after the flags, for the usage line
	summary string
	help    string // longer description
	// flags registers the command's flags and returns the function that
	// runs it with the remaining arguments.
	flags func(fs *flag.FlagSet) func(e *env, args []string) error
	// streams marks a command that reads inputs of any length with the
	// model as its only large, lasting data: it runs under a soft memory
	// limit (streamMemoryLimit), collecting garbage only near it, so that
	// its peak stays low and flat and start-up is not slowed by
	// collections.
	streams bool
}

// streamMemoryLimit is the soft memory limit of a streaming command,
// unless GOMEMLIMIT is set. The default model and its scoring index are
// about 36 MB live; without a limit the garbage collector lets the heap
// grow to twice the live data, which puts a long stream near 100 MB.
const streamMemoryLimit = 64 << 20

// commands is the table of subcommands.
var commands []*command

func init() {
	commands = []*command{scoreCmd, classifyCmd, trainCmd, evalCmd, statsCmd, timelineCmd, explainCmd, serveCmd, featuresCmd}
}

// usageError marks an error as bad usage (exit 2).
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		printUsage(stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			if c := lookup(args[1]); c != nil {
				fs := newFlagSet(c, stdout)
				c.flags(fs)
				fs.Usage()
				return exitOK
			}
		}
		printUsage(stdout)
		return exitOK
	}
	c := lookup(name)
	if c == nil {
		fmt.Fprintf(stderr, "parley: unknown command %q\n\n", name)
		printUsage(stderr)
		return exitUsage
	}
	if c.streams && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(streamMemoryLimit)
		if os.Getenv("GOGC") == "" {
			// Collect only near the limit: no collection at all while
			// the model loads, and a heap that stays under the limit.
			debug.SetGCPercent(-1)
		}
	}
	fs := newFlagSet(c, stderr)
	runFn := c.flags(fs)
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	err := runFn(e, fs.Args())
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "parley %s: %v\n", c.name, err)
		fmt.Fprintf(stderr, "run 'parley %s -h' for usage\n", c.name)
		return exitUsage
	default:
		fmt.Fprintf(stderr, "parley %s: %v\n", c.name, err)
		return exitFailure
	}
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

func newFlagSet(c *command, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("parley "+c.name, flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() {
		fmt.Fprintf(out, "usage: parley %s [flags] %s\n\n%s\n", c.name, c.args, strings.TrimSpace(c.help))
		if hasFlags(fs) {
			fmt.Fprintln(out, "\nflags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "Parley labels the stance of every sentence in news text: conciliatory, warning or neutral.")
	fmt.Fprintln(w, "\nusage: parley <command> [flags] [arguments]")
	fmt.Fprintln(w, "\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'parley <command> -h' for a command's flags. Without -model, commands use the")
	fmt.Fprintln(w, "default model embedded in the binary. Files default to standard input.")
}
