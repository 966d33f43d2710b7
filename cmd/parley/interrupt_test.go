//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests run the parley binary, send it SIGINT or SIGTERM while it
// works, and check that it stops soon, exits non-zero, and leaves the
// file it was writing as it was, with no temporary file beside it.

// exitWithin bounds the time from a signal to the exit: far more than a
// prompt exit takes, far less than the work that was interrupted.
const exitWithin = 15 * time.Second

// buildParley builds the binary into a temporary folder.
func buildParley(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "parley")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	return bin
}

// cpuTime returns the CPU time the process has used, from /proc, and
// false where there is no /proc.
func cpuTime(pid int) (time.Duration, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, false
	}
	// The command name, in parentheses, may hold spaces: count fields
	// after it. utime and stime are fields 14 and 15, in clock ticks
	// (100 a second on Linux).
	s := string(b)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(fields) < 13 {
		return 0, false
	}
	u, err1 := strconv.ParseInt(fields[11], 10, 64)
	k, err2 := strconv.ParseInt(fields[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(u+k) * 10 * time.Millisecond, true
}

// started runs cmd and returns a channel that yields its Wait error.
func started(t *testing.T, cmd *exec.Cmd) <-chan error {
	t.Helper()
	require.NoError(t, cmd.Start())
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-done
		}
	})
	return done
}

// waitExit waits for the process to end after sig was sent at sent, and
// returns its exit code.
func waitExit(t *testing.T, cmd *exec.Cmd, done <-chan error, sent time.Time) int {
	t.Helper()
	select {
	case err := <-done:
		t.Logf("exited %v after the signal", time.Since(sent).Round(time.Millisecond))
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatalf("wait: %v", err)
		}
		ws := cmd.ProcessState.Sys().(syscall.WaitStatus)
		require.False(t, ws.Signaled(), "killed by %v: the signal was not handled", ws.Signal())
		return cmd.ProcessState.ExitCode()
	case <-time.After(exitWithin):
		cmd.Process.Kill()
		<-done
		t.Fatalf("still running %v after the signal", exitWithin)
		return -1
	}
}

// onlyFiles asserts that dir holds exactly the named files: no temporary
// file was left behind.
func onlyFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	assert.ElementsMatch(t, names, got)
}

// bigCorpus writes the corpus in data/corpus, repeated n times, as one TSV
// file.
func bigCorpus(t *testing.T, dir string, n int) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "data", "corpus", "*.tsv"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var one bytes.Buffer
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		one.Write(b)
		if !bytes.HasSuffix(b, []byte("\n")) {
			one.WriteByte('\n')
		}
	}
	path := filepath.Join(dir, "corpus.tsv")
	require.NoError(t, os.WriteFile(path, bytes.Repeat(one.Bytes(), n), 0o644))
	return path
}

func TestInterruptTrain(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and trains on a big corpus")
	}
	bin := buildParley(t)
	corpusDir := t.TempDir()
	corpus := bigCorpus(t, corpusDir, 8) // a full run takes a minute or more
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			model := filepath.Join(dir, "m.model")
			code, _, errOut := parley(t, "", "train", "-calibrate", "0", "-o", model, writeFile(t, corpusDir, "tiny.tsv", tinyCorpus))
			require.Equal(t, exitOK, code, errOut)
			old, err := os.ReadFile(model)
			require.NoError(t, err)

			var stderr bytes.Buffer
			cmd := exec.Command(bin, "train", "-o", model, corpus)
			cmd.Stderr = &stderr
			done := started(t, cmd)
			// Wait until it is busy: it has used a second of CPU, or, without
			// /proc, two seconds have passed.
			deadline := time.Now().Add(60 * time.Second)
			for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
				cpu, ok := cpuTime(cmd.Process.Pid)
				if ok && cpu >= time.Second || !ok && time.Since(start) > 2*time.Second {
					t.Logf("sending %v after %v of CPU time, %v in all", sig, cpu, time.Since(start).Round(time.Millisecond))
					break
				}
				select {
				case err := <-done:
					t.Fatalf("train ended (%v) before it could be interrupted; make the corpus bigger", err)
				default:
				}
				require.True(t, time.Now().Before(deadline), "train never got busy")
			}
			sent := time.Now()
			require.NoError(t, cmd.Process.Signal(sig))
			code = waitExit(t, cmd, done, sent)

			assert.Equal(t, exitFailure, code, "stderr: %s", stderr.String())
			assert.Contains(t, stderr.String(), "interrupted; "+model+" left as it was")
			now, err := os.ReadFile(model)
			require.NoError(t, err)
			assert.True(t, bytes.Equal(old, now), "the model file changed")
			onlyFiles(t, dir, "m.model")
		})
	}
}

// TestInterruptTrainInProcess: with the context cancelled, train returns
// at once and writes nothing.
func TestInterruptTrainInProcess(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "m.model")
	require.NoError(t, os.WriteFile(model, []byte("old model"), 0o644))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	code := run(ctx, []string{"train", "-o", model, writeFile(t, t.TempDir(), "corpus.tsv", tinyCorpus)}, strings.NewReader(""), &out, &errb)
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, errb.String(), "interrupted")
	b, err := os.ReadFile(model)
	require.NoError(t, err)
	assert.Equal(t, "old model", string(b))
	onlyFiles(t, dir, "m.model")
}

// TestInterruptWhileReadingStdin interrupts commands that wait for more
// standard input: they must stop at once, not when input comes, and
// leave their output file as it was.
func TestInterruptWhileReadingStdin(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildParley(t)
	article := `{"id":"a","text":"The two governments agreed to resume talks. He warned of sanctions."}` + "\n"
	tests := []struct {
		name string
		sig  os.Signal
		args []string // "OUT" is replaced by the output file
		// input is written before the signal, with standard input left
		// open; the command is busy once it has written outputLine lines
		// to standard output or, when outputLine is 0, once the temporary
		// file of OUT is there.
		input      string
		outputLine int
	}{
		{"score -o, SIGINT", os.Interrupt, []string{"score", "-input", "jsonl", "-o", "OUT"}, strings.Repeat(article, 100), 0},
		{"score -o, SIGTERM", syscall.SIGTERM, []string{"score", "-input", "jsonl", "-o", "OUT"}, strings.Repeat(article, 100), 0},
		{"classify, SIGINT", os.Interrupt, []string{"classify", "-format", "tsv"}, strings.Repeat("He warned of sanctions.\n", 5000), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out.jsonl")
			const old = "the output of an earlier run\n"
			require.NoError(t, os.WriteFile(out, []byte(old), 0o644))
			args := append([]string(nil), tt.args...)
			for i, a := range args {
				if a == "OUT" {
					args[i] = out
				}
			}
			cmd := exec.Command(bin, args...)
			stdin, err := cmd.StdinPipe()
			require.NoError(t, err)
			stdout, err := cmd.StdoutPipe()
			require.NoError(t, err)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			done := started(t, cmd)
			defer stdin.Close()
			_, err = io.WriteString(stdin, tt.input)
			require.NoError(t, err)

			lines := make(chan int, 1)
			go func() {
				n := 0
				sc := bufio.NewScanner(stdout)
				for sc.Scan() {
					if n++; n == tt.outputLine {
						lines <- n
					}
				}
			}()
			deadline := time.After(60 * time.Second)
			if tt.outputLine > 0 {
				select {
				case <-lines:
				case <-deadline:
					t.Fatal("no output")
				}
			} else {
				for {
					tmps, _ := filepath.Glob(filepath.Join(dir, ".out.jsonl.tmp-*"))
					if len(tmps) > 0 {
						break
					}
					select {
					case err := <-done:
						t.Fatalf("ended early: %v: %s", err, stderr.String())
					case <-deadline:
						t.Fatal("no temporary file")
					case <-time.After(10 * time.Millisecond):
					}
				}
			}
			// Standard input stays open: the command waits for more.
			sent := time.Now()
			require.NoError(t, cmd.Process.Signal(tt.sig))
			code := waitExit(t, cmd, done, sent)
			assert.Equal(t, exitFailure, code, "stderr: %s", stderr.String())
			b, err := os.ReadFile(out)
			require.NoError(t, err)
			assert.Equal(t, old, string(b), "the output file changed")
			onlyFiles(t, dir, "out.jsonl")
		})
	}
}

// TestScoreOutputSurvivesFailure: score -o replaces its output only when
// every input was read and scored; a failure on a later input, after good
// ones were scored, leaves it as it was.
func TestScoreOutputSurvivesFailure(t *testing.T) {
	in := t.TempDir()
	good := writeFile(t, in, "good.txt", "The envoy arrived on Thursday. He warned of sanctions.\n")
	var many strings.Builder
	for i := range 200 {
		fmt.Fprintf(&many, `{"id":"a%d","text":"The two sides agreed to resume talks."}`+"\n", i)
	}
	goodJSONL := writeFile(t, in, "good.jsonl", many.String())
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"bad JSON after good articles", []string{goodJSONL, good, writeFile(t, in, "bad.jsonl", many.String()+"{\n")}, "bad.jsonl:201: invalid JSON"},
		{"bad date", []string{good, writeFile(t, in, "date.jsonl", `{"date":"2025-02-30","text":"A."}`+"\n")}, "date.jsonl:1: invalid date"},
		{"CSV without a text column", []string{good, writeFile(t, in, "cols.csv", "id,body\na,Text.\n")}, `cols.csv:1: header has no "text" column`},
		{"a plain-text article with a bad date", []string{good, writeFile(t, in, "bad-date.txt", "date 2025-13-01\nText.\n")}, "bad-date.txt:1: invalid date"},
		{"a missing file", []string{good, filepath.Join(in, "missing.txt")}, "missing.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out.jsonl")
			const old = "the output of an earlier run\n"
			require.NoError(t, os.WriteFile(out, []byte(old), 0o600))
			code, stdout, errOut := parley(t, "", append([]string{"score", "-o", out}, tt.args...)...)
			assert.Equal(t, exitFailure, code)
			assert.Empty(t, stdout)
			assert.Contains(t, errOut, tt.stderr)
			b, err := os.ReadFile(out)
			require.NoError(t, err)
			assert.Equal(t, old, string(b))
			onlyFiles(t, dir, "out.jsonl")
		})
	}
	// And a run that succeeds replaces it, keeping its permissions.
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	require.NoError(t, os.WriteFile(out, []byte("old\n"), 0o600))
	code, _, errOut := parley(t, "", "score", "-o", out, good)
	require.Equal(t, exitOK, code, errOut)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"sentences"`)
	info, err := os.Stat(out)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	onlyFiles(t, dir, "out.jsonl")
}
