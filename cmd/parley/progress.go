package main

import (
	"fmt"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
)

// terminal reports whether w is a terminal; tests replace it to exercise
// the progress bar without one.
var terminal = isTerminal

// progress draws a bar on standard error while score works through its
// input files. A nil *progress draws nothing, so callers need not check.
type progress struct {
	bar *progressbar.ProgressBar
}

// newProgress returns a bar over files input files, or nil when none
// should be drawn: when there is one input file and no folder (args as
// given on the command line), when standard error is not a terminal (so
// logs and tests stay clean), or when the results go to standard output
// and that is a terminal too (they would show progress themselves, and a
// bar would be drawn among them).
func newProgress(e *env, args []string, files int, toStdout bool) *progress {
	if files == 0 || !manyInputs(args) || !terminal(e.stderr) || (toStdout && terminal(e.stdout)) {
		return nil
	}
	stderr := e.stderr
	bar := progressbar.NewOptions(files,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionSetDescription("scoring"),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowCount(),
		progressbar.OptionSetItsString("files"),
		progressbar.OptionShowIts(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(stderr) }),
		progressbar.OptionSetRenderBlankState(true),
	)
	return &progress{bar: bar}
}

// manyInputs reports whether the arguments name more than one input, or
// a folder.
func manyInputs(args []string) bool {
	if len(args) > 1 {
		return true
	}
	for _, a := range args {
		if info, err := os.Stat(a); err == nil && info.IsDir() {
			return true
		}
	}
	return false
}

// set moves the bar to n files done.
func (p *progress) set(n int) {
	if p != nil {
		p.bar.Set(n)
	}
}

// done fills the bar when err is nil, or leaves it where it stopped, and
// ends its line so that what is written to standard error next (an error
// message) starts on a line of its own.
func (p *progress) done(err error) {
	if p == nil {
		return
	}
	if err == nil && !p.bar.IsFinished() {
		p.bar.Finish()
		return
	}
	if !p.bar.IsFinished() {
		p.bar.Exit()
	}
}
