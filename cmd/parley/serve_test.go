package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/parley-nlp/parley/classifier"
	"github.com/parley-nlp/parley/data"
)

// serveModel is a model trained on tinyCorpus, so that the answers of the
// server do not change when the default model is retrained.
var serveModel = sync.OnceValues(func() (*classifier.Classifier, error) {
	var ex []data.Example
	for _, line := range strings.Split(strings.TrimSpace(tinyCorpus), "\n") {
		label, text, _ := strings.Cut(line, "\t")
		ex = append(ex, data.Example{Label: label, Text: text})
	}
	return classifier.Train(ex, classifier.Options{})
})

// serveModelFile writes serveModel to a file for the CLI.
func serveModelFile(t testing.TB) string {
	t.Helper()
	c, err := serveModel()
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "tiny.model")
	f, err := os.Create(path)
	require.NoError(t, err)
	_, err = c.WriteTo(f)
	require.NoError(t, err)
	require.NoError(t, f.Close())
	return path
}

// syncBuffer is a bytes.Buffer that several goroutines may use.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func testAPI(t testing.TB, maxBody int64) (http.Handler, *syncBuffer) {
	t.Helper()
	c, err := serveModel()
	require.NoError(t, err)
	var logs syncBuffer
	h, err := newAPI(c, maxBody, slog.New(slog.NewTextHandler(&logs, nil)))
	require.NoError(t, err)
	return h, &logs
}

func do(h http.Handler, method, path, contentType, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

const jsonType = "application/json"

// Sentences of tinyCorpus, so that even the tiny model knows their labels.
const (
	warnSentence = "He warned that patience was wearing thin and threatened sanctions."
	concSentence = "Both sides pledged to respect the ceasefire and release prisoners."
	neutSentence = "The envoy arrived in the capital on Thursday for a two-day visit."
)

func TestServeEndpoints(t *testing.T) {
	h, _ := testAPI(t, 1<<20)
	article := neutSentence + " " + warnSentence + "\n\n" + concSentence
	scoreBody := `{"articles":[{"id":"a1","date":"2024-05-14","title":"Border <b>talks</b>","source":"Wire","text":` + quote(article) + `}],"explain":2}`

	t.Run("healthz", func(t *testing.T) {
		rec := do(h, "GET", "/healthz", "", "")
		assert.Equal(t, 200, rec.Code)
		assert.JSONEq(t, `{"status":"ok"}`, rec.Body.String())
		rec = do(h, "HEAD", "/healthz", "", "")
		assert.Equal(t, 200, rec.Code)
	})
	t.Run("model", func(t *testing.T) {
		rec := do(h, "GET", "/v1/model", "", "")
		require.Equal(t, 200, rec.Code)
		var m struct {
			Format        string         `json:"format"`
			FormatVersion int            `json:"format_version"`
			Labels        []string       `json:"labels"`
			Training      map[string]any `json:"training"`
		}
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &m))
		assert.Equal(t, "parley-model", m.Format)
		assert.Equal(t, classifier.FormatVersion, m.FormatVersion)
		assert.Equal(t, []string{"conciliatory", "neutral", "warning"}, m.Labels)
		assert.EqualValues(t, 12, m.Training["examples"])
	})
	t.Run("page", func(t *testing.T) {
		rec := do(h, "GET", "/", "", "")
		require.Equal(t, 200, rec.Code)
		page := rec.Body.String()
		assert.Equal(t, "text/html; charset=utf-8", rec.Header().Get("Content-Type"))
		assert.Contains(t, rec.Header().Get("Content-Security-Policy"), "connect-src 'self'")
		doc, err := html.Parse(rec.Body)
		require.NoError(t, err)
		var textareas, forms, scripts int
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			switch n.Data {
			case "textarea":
				textareas++
			case "form":
				forms++
			case "script":
				scripts++
			}
			for _, a := range n.Attr {
				if a.Key == "src" || (a.Key == "href" && !strings.HasPrefix(a.Val, "#") && !strings.HasPrefix(a.Val, "data:")) {
					t.Errorf("<%s %s=%q> fetches from elsewhere", n.Data, a.Key, a.Val)
				}
			}
		}
		assert.Equal(t, 1, textareas)
		assert.Equal(t, 1, forms)
		assert.Equal(t, 2, scripts, "the report's script and the page's")
		assert.Contains(t, page, `fetch("/v1/render"`)
	})
	t.Run("classify", func(t *testing.T) {
		body := `{"sentences":[` + quote(warnSentence) + `,` + quote(concSentence) + `,` + quote(neutSentence) + `],"explain":2}`
		rec := do(h, "POST", "/v1/classify", jsonType, body)
		require.Equal(t, 200, rec.Code, rec.Body.String())
		assert.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
		var got struct {
			Predictions []struct {
				Text          string             `json:"text"`
				Label         string             `json:"label"`
				Confidence    float64            `json:"confidence"`
				Probabilities map[string]float64 `json:"probabilities"`
				Reasons       []classifier.Reason
			} `json:"predictions"`
		}
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
		require.Len(t, got.Predictions, 3)
		for i, want := range []string{"warning", "conciliatory", "neutral"} {
			p := got.Predictions[i]
			assert.Equal(t, want, p.Label, p.Text)
			assert.Len(t, p.Probabilities, 3)
			assert.Equal(t, p.Probabilities[p.Label], p.Confidence)
			assert.NotEmpty(t, p.Reasons)
			assert.LessOrEqual(t, len(p.Reasons), 2)
		}
		// The same shape as 'classify -format json'.
		c, _ := serveModel()
		var line bytes.Buffer
		require.NoError(t, writeSentenceJSON(&line, warnSentence, c.Classify(warnSentence, classifier.WithExplain(2))))
		var all struct{ Predictions []json.RawMessage }
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &all))
		assert.JSONEq(t, line.String(), string(all.Predictions[0]))
	})
	t.Run("classify min_confidence", func(t *testing.T) {
		rec := do(h, "POST", "/v1/classify", "application/json; charset=UTF-8", `{"sentences":["the the the"],"min_confidence":1}`)
		require.Equal(t, 200, rec.Code, rec.Body.String())
		assert.Contains(t, rec.Body.String(), `"label":"uncertain"`)
	})
	t.Run("score has the shape of score -format jsonl", func(t *testing.T) {
		rec := do(h, "POST", "/v1/score", jsonType, scoreBody)
		require.Equal(t, 200, rec.Code, rec.Body.String())
		var got struct{ Articles []json.RawMessage }
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
		require.Len(t, got.Articles, 1)

		model := serveModelFile(t)
		in := `{"id":"a1","date":"2024-05-14","title":"Border <b>talks</b>","source":"Wire","text":` + quote(article) + "}\n"
		code, out, errOut := parley(t, in, "score", "-model", model, "-input", "jsonl", "-explain", "2")
		require.Equal(t, exitOK, code, errOut)
		assert.JSONEq(t, strings.TrimSpace(out), string(got.Articles[0]))
		assert.Contains(t, string(got.Articles[0]), `"label":"warning"`)
	})
	t.Run("render", func(t *testing.T) {
		rec := do(h, "POST", "/v1/render", jsonType, scoreBody)
		require.Equal(t, 200, rec.Code, rec.Body.String())
		var got struct{ HTML string }
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
		assert.True(t, strings.HasPrefix(got.HTML, `<article class="doc"`), got.HTML)
		assert.NotContains(t, got.HTML, "<html", "a fragment, not a page")
		assert.Contains(t, got.HTML, "Border &lt;b&gt;talks&lt;/b&gt;")
		frag, err := html.Parse(strings.NewReader(got.HTML))
		require.NoError(t, err)
		var labels []string
		for n := range frag.Descendants() {
			for _, a := range n.Attr {
				if a.Key == "data-label" {
					labels = append(labels, a.Val)
				}
			}
		}
		assert.Equal(t, []string{"neutral", "warning", "conciliatory"}, labels)
	})
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestServeErrors(t *testing.T) {
	const limit = 4096
	h, _ := testAPI(t, limit)
	big := `{"sentences":["` + strings.Repeat("a", limit) + `"]}`
	for _, tc := range []struct {
		name, method, path, ct, body string
		status                       int
		code, message                string
	}{
		{"bad JSON", "POST", "/v1/classify", jsonType, `{"sentences":[`, 400, "bad_json", "ends too early"},
		{"syntax", "POST", "/v1/score", jsonType, `{"articles":[}`, 400, "bad_json", "invalid JSON at byte"},
		{"empty body", "POST", "/v1/classify", jsonType, ``, 400, "bad_json", "body is empty"},
		{"wrong type", "POST", "/v1/classify", jsonType, `{"sentences":[1]}`, 400, "bad_json", `"sentences" must be a string`},
		{"not an object", "POST", "/v1/render", jsonType, `["x"]`, 400, "bad_json", "must be a JSON object"},
		{"unknown field", "POST", "/v1/classify", jsonType, `{"sentences":["x"],"explian":3}`, 400, "bad_json", `unknown field "explian"`},
		{"two values", "POST", "/v1/classify", jsonType, `{"sentences":["x"]} {}`, 400, "bad_json", "more than one JSON value"},
		{"GET a POST endpoint", "GET", "/v1/classify", "", "", 405, "method_not_allowed", "use POST"},
		{"PUT score", "PUT", "/v1/score", jsonType, `{}`, 405, "method_not_allowed", "use POST"},
		{"POST the model", "POST", "/v1/model", jsonType, `{}`, 405, "method_not_allowed", "use GET"},
		{"DELETE healthz", "DELETE", "/healthz", "", "", 405, "method_not_allowed", "use GET"},
		{"POST the page", "POST", "/", jsonType, `{}`, 405, "method_not_allowed", "use GET"},
		{"too large", "POST", "/v1/classify", jsonType, big, 413, "body_too_large", "larger than 4096 bytes"},
		{"too large render", "POST", "/v1/render", jsonType, big, 413, "body_too_large", "larger than 4096 bytes"},
		{"text/plain", "POST", "/v1/classify", "text/plain", `{"sentences":["x"]}`, 415, "unsupported_media_type", "send application/json"},
		{"form", "POST", "/v1/score", "application/x-www-form-urlencoded", `a=b`, 415, "unsupported_media_type", "send application/json"},
		{"no content type", "POST", "/v1/render", "", `{}`, 415, "unsupported_media_type", "no Content-Type"},
		{"latin1", "POST", "/v1/classify", "application/json; charset=latin1", `{}`, 415, "unsupported_media_type", "send UTF-8"},
		{"no sentences", "POST", "/v1/classify", jsonType, `{"sentences":[]}`, 422, "empty_input", "sentences is empty"},
		{"null", "POST", "/v1/classify", jsonType, `null`, 422, "empty_input", "sentences is empty"},
		{"blank sentence", "POST", "/v1/classify", jsonType, `{"sentences":["ok"," \t"]}`, 422, "empty_input", "sentences[1] is blank"},
		{"no articles", "POST", "/v1/score", jsonType, `{"articles":[]}`, 422, "empty_input", "articles is empty"},
		{"blank text", "POST", "/v1/render", jsonType, `{"articles":[{"text":"x"},{"title":"t","text":"  "}]}`, 422, "empty_input", "articles[1].text is empty"},
		{"bad date", "POST", "/v1/score", jsonType, `{"articles":[{"date":"14/05/2024","text":"x"}]}`, 422, "invalid_article", `articles[0].date "14/05/2024"`},
		{"explain too big", "POST", "/v1/classify", jsonType, `{"sentences":["x"],"explain":1000}`, 422, "invalid_option", "explain must be between 0 and 100"},
		{"negative min_confidence", "POST", "/v1/score", jsonType, `{"articles":[{"text":"x"}],"min_confidence":-0.5}`, 422, "invalid_option", "min_confidence must be between 0 and 1"},
		{"unknown path", "GET", "/v2/classify", "", "", 404, "not_found", "/v2/classify"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(h, tc.method, tc.path, tc.ct, tc.body)
			assert.Equal(t, tc.status, rec.Code, rec.Body.String())
			assert.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
			var e struct {
				Error struct{ Code, Message string }
			}
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &e), rec.Body.String())
			assert.Equal(t, tc.code, e.Error.Code)
			assert.Contains(t, e.Error.Message, tc.message)
			if tc.status == 405 {
				assert.NotEmpty(t, rec.Header().Get("Allow"))
			}
		})
	}
}

func TestServeLogsRequests(t *testing.T) {
	h, logs := testAPI(t, 1<<20)
	do(h, "POST", "/v1/classify", jsonType, `{"sentences":["x"]}`)
	do(h, "GET", "/nowhere", "", "")
	out := logs.String()
	assert.Regexp(t, `msg=request method=POST path=/v1/classify status=200 bytes=\d+ duration=\S+`, out)
	assert.Regexp(t, `method=GET path=/nowhere status=404 bytes=\d+`, out)
}

func TestServeRecoversFromPanics(t *testing.T) {
	var logs syncBuffer
	a := &api{log: slog.New(slog.NewTextHandler(&logs, nil))}
	h := a.recovered(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	rec := do(h, "GET", "/", "", "")
	assert.Equal(t, 500, rec.Code)
	assert.JSONEq(t, `{"error":{"code":"internal","message":"internal error"}}`, rec.Body.String())
	assert.Contains(t, logs.String(), "panic=boom")
}

func TestByteSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1024", 1024, true}, {"8MiB", 8 << 20, true}, {"512 KiB", 512 << 10, true}, {"2G", 2 << 30, true},
		{"100B", 100, true}, {"", 0, false}, {"x", 0, false}, {"-1", 0, false}, {"1.5MiB", 0, false}, {"99999999999GiB", 0, false},
	} {
		var b byteSize
		err := b.Set(tc.in)
		if !tc.ok {
			assert.Error(t, err, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, int64(b), tc.in)
	}
}

func TestServeUsage(t *testing.T) {
	code, _, errOut := parley(t, "", "serve", "extra")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "serve takes no arguments")
	code, _, errOut = parley(t, "", "serve", "-max-body", "0")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "-max-body must be positive")
	code, _, _ = parley(t, "", "serve", "-max-body", "lots")
	assert.Equal(t, exitUsage, code)
	code, _, errOut = parley(t, "", "serve", "-model", serveModelFile(t), "-addr", "127.0.0.1:99999")
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, errOut, "listen on 127.0.0.1:99999")
}

// startServe runs 'parley serve' in-process on a free port and returns its
// address, its standard error, and a function that waits for its exit code.
func startServe(ctx context.Context, t *testing.T, args ...string) (string, *syncBuffer, func() int) {
	t.Helper()
	var stderr syncBuffer
	done := make(chan int, 1)
	args = append([]string{"serve", "-addr", "127.0.0.1:0", "-model", serveModelFile(t)}, args...)
	go func() { done <- run(ctx, args, strings.NewReader(""), io.Discard, &stderr) }()
	re := regexp.MustCompile(`listening on http://(\S+)`)
	deadline := time.Now().Add(10 * time.Second)
	for {
		if m := re.FindStringSubmatch(stderr.String()); m != nil {
			return m[1], &stderr, func() int {
				select {
				case code := <-done:
					return code
				case <-time.After(10 * time.Second):
					t.Fatal("serve did not return")
					return -1
				}
			}
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d: %s", code, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not print its address: %s", stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestServeCommand(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr, stderr, wait := startServe(ctx, t)
	resp, err := http.Get("http://" + addr + "/healthz")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, 200, resp.StatusCode)
	assert.JSONEq(t, `{"status":"ok"}`, string(body))
	cancel()
	assert.Equal(t, exitOK, wait())
	out := stderr.String()
	assert.Contains(t, out, "method=GET path=/healthz status=200")
	assert.Contains(t, out, "shutting down")
	assert.Contains(t, out, "stopped")
}

// startSlowRequest sends the head of a POST /v1/classify with "Expect:
// 100-continue" and waits for the server's "100 Continue", which it sends
// when the handler starts to read the body: from then on the request is in
// flight. It returns the connection, its reader and the body to send.
func startSlowRequest(t *testing.T, addr string) (net.Conn, *bufio.Reader, string) {
	t.Helper()
	body := `{"sentences":[` + quote(warnSentence) + `]}`
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	_, err = fmt.Fprintf(conn, "POST /v1/classify HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nExpect: 100-continue\r\n\r\n", addr, len(body))
	require.NoError(t, err)
	r := bufio.NewReader(conn)
	resp, err := http.ReadResponse(r, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusContinue, resp.StatusCode)
	return conn, r, body
}

// waitRefused waits until the server no longer accepts connections, which
// is when the shutdown has begun.
func waitRefused(t *testing.T, addr string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			return
		}
		c.Close()
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("the server still accepts connections")
}

func TestServeDrainsInFlightRequests(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr, stderr, wait := startServe(ctx, t, "-shutdown-timeout", "10s")
	conn, r, body := startSlowRequest(t, addr)
	cancel()
	waitRefused(t, addr)
	// The request began before the shutdown: it is answered in full.
	_, err := io.WriteString(conn, body)
	require.NoError(t, err)
	resp, err := http.ReadResponse(r, nil)
	require.NoError(t, err)
	answer, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode, string(answer))
	assert.Contains(t, string(answer), `"label":"warning"`)
	assert.Equal(t, exitOK, wait(), stderr.String())
}

func TestServeShutdownDeadline(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr, stderr, wait := startServe(ctx, t, "-shutdown-timeout", "200ms")
	startSlowRequest(t, addr) // never finished
	cancel()
	assert.Equal(t, exitFailure, wait())
	assert.Contains(t, stderr.String(), "requests still running after 200ms were cut off")
}

// TestServeSlowClientGets408 sends the headers of a request and then only
// part of its body: once the read timeout passes, the server answers 408
// with a JSON error (not the socket error) and closes the connection.
func TestServeSlowClientGets408(t *testing.T) {
	c, err := loadModel("")
	require.NoError(t, err)
	logger := slog.New(slog.DiscardHandler)
	h, err := newAPI(c, 1<<20, logger)
	require.NoError(t, err)
	srv := httptest.NewUnstartedServer(nil)
	tm := defaultTimeouts
	tm.read = 300 * time.Millisecond
	srv.Config = newHTTPServer(h, logger, tm)
	srv.Start()
	defer srv.Close()

	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	require.NoError(t, err)
	defer conn.Close()
	_, err = fmt.Fprintf(conn, "POST /v1/classify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"sentences\":")
	require.NoError(t, err)
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(10*time.Second)))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	assert.Equal(t, http.StatusRequestTimeout, resp.StatusCode, "%s", body)
	assert.Contains(t, string(body), `"code":"timeout"`)
	assert.NotContains(t, string(body), "127.0.0.1")
}
