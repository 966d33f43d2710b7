// Command parley labels the stance of every sentence in news text
// (conciliatory, warning or neutral), trains models on labelled corpora,
// and evaluates them. Run `parley help` for the commands.
package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], &interruptible{ctx: ctx, r: os.Stdin}, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// interruptible is a reader whose Read returns the context's error as soon
// as the context is done, even while the underlying Read waits for input
// (a terminal, a pipe): without it an interrupt would not be noticed until
// more input came. A Read that was cut short goes on in the background,
// and what it reads is lost; the process is about to exit.
type interruptible struct {
	ctx context.Context
	r   io.Reader
	buf []byte // read into, not p: the Read may outlive the call
}

func (in *interruptible) Read(p []byte) (int, error) {
	if err := in.ctx.Err(); err != nil {
		return 0, err
	}
	if cap(in.buf) < len(p) {
		in.buf = make([]byte, len(p))
	}
	buf := in.buf[:len(p)]
	type result struct {
		n   int
		err error
	}
	done := make(chan result, 1)
	go func() {
		n, err := in.r.Read(buf)
		done <- result{n, err}
	}()
	select {
	case r := <-done:
		return copy(p, buf[:r.n]), r.err
	case <-in.ctx.Done():
		in.buf = nil // still being read into
		return 0, in.ctx.Err()
	}
}
