package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/parley-nlp/parley/classifier"
	"github.com/parley-nlp/parley/data"
	"github.com/parley-nlp/parley/internal/parallel"
	"github.com/parley-nlp/parley/internal/report"
)

var serveCmd = &command{
	streams: true,
	name:    "serve",
	args:    "",
	summary: "serve the classifier over HTTP: a JSON API and a web page",
	help: `Serve answers HTTP requests with one model shared by all of them:

  POST /v1/classify  {"sentences":[...], "explain":N, "min_confidence":P}
                     -> {"predictions":[{"text","label","confidence","probabilities","reasons"}]}
  POST /v1/score     {"articles":[{"id","date","title","source","text"}], "explain":N, "min_confidence":P}
                     -> {"articles":[...]}, each as a line of 'score -format jsonl'
  POST /v1/render    the body of /v1/score -> {"html":"..."}, the articles as in 'score -format html'
  GET  /v1/model     the model's labels, format version, settings and training data
  GET  /healthz      {"status":"ok"}
  GET  /             a page to paste an article into and see it highlighted

Requests and responses are JSON (Content-Type: application/json). Errors are
{"error":{"code","message"}} with status 400 (malformed JSON), 404, 405, 413 (body
over -max-body), 415 (not JSON) or 422 (empty input, options out of range).
Requests are logged on standard error. On SIGINT or SIGTERM the server stops
accepting connections and waits up to -shutdown-timeout for requests in flight.`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		addr := fs.String("addr", "127.0.0.1:8080", "listen on this host:port (port 0 picks a free port)")
		model := fs.String("model", "", "model file (default: the embedded default model)")
		maxBody := byteSize(8 << 20)
		fs.Var(&maxBody, "max-body", "largest request body accepted, in bytes, or with a suffix KiB, MiB or GiB")
		drain := fs.Duration("shutdown-timeout", 10*time.Second, "on SIGINT or SIGTERM, how long to wait for requests in flight")
		t := defaultTimeouts
		fs.DurationVar(&t.readHeader, "read-header-timeout", t.readHeader, "longest wait for a request's headers")
		fs.DurationVar(&t.read, "read-timeout", t.read, "longest wait for a whole request, body included (a slower client gets 408)")
		fs.DurationVar(&t.write, "write-timeout", t.write, "longest time to score a request and write the answer")
		fs.DurationVar(&t.idle, "idle-timeout", t.idle, "longest a kept-alive connection may sit idle")
		return func(e *env, args []string) error {
			if len(args) > 0 {
				return usagef("serve takes no arguments, got %q", args[0])
			}
			if maxBody <= 0 {
				return usagef("-max-body must be positive")
			}
			if *drain < 0 {
				return usagef("-shutdown-timeout must not be negative")
			}
			if t.readHeader <= 0 || t.read <= 0 || t.write <= 0 || t.idle <= 0 {
				return usagef("the timeouts must be positive")
			}
			c, err := loadModel(*model)
			if err != nil {
				return err
			}
			logger := slog.New(slog.NewTextHandler(e.stderr, nil))
			h, err := newAPI(c, int64(maxBody), logger)
			if err != nil {
				return err
			}
			ln, err := net.Listen("tcp", *addr)
			if err != nil {
				return fmt.Errorf("listen on %s: %w", *addr, err)
			}
			fmt.Fprintf(e.stderr, "parley serve: listening on http://%s (%s)\n", ln.Addr(), c)
			return runServer(e.ctx, newHTTPServer(h, logger, t), ln, *drain, logger)
		}
	},
}

// timeouts are the server's timeouts: a slow or stalled client cannot hold
// a connection for long, and a request has time to send and score a large
// body.
type timeouts struct {
	readHeader, read, write, idle time.Duration
}

// defaultTimeouts are the timeouts of serve's flags.
var defaultTimeouts = timeouts{
	readHeader: 10 * time.Second,
	read:       60 * time.Second,
	write:      120 * time.Second,
	idle:       120 * time.Second,
}

func newHTTPServer(h http.Handler, logger *slog.Logger, t timeouts) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: t.readHeader,
		ReadTimeout:       t.read,
		WriteTimeout:      t.write,
		IdleTimeout:       t.idle,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
}

// runServer serves on ln until ctx is cancelled, then stops accepting
// connections and waits up to drain for the requests in flight.
func runServer(ctx context.Context, srv *http.Server, ln net.Listener, drain time.Duration, logger *slog.Logger) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down", "drain", drain.String())
	sctx, cancel := context.WithTimeout(context.Background(), drain)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
		<-errc
		return fmt.Errorf("shutdown: requests still running after %v were cut off", drain)
	}
	<-errc // http.ErrServerClosed
	logger.Info("stopped")
	return nil
}

// byteSize is a flag value: a number of bytes, optionally with a binary
// suffix (KiB, MiB, GiB; also K, M, G).
type byteSize int64

func (b *byteSize) String() string { return strconv.FormatInt(int64(*b), 10) }

func (b *byteSize) Set(s string) error {
	s = strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > (1<<62)/mult {
		return fmt.Errorf("want a size in bytes such as 1048576 or 8MiB")
	}
	*b = byteSize(n * mult)
	return nil
}

// Limits on request options.
const maxExplain = 100

// api serves the HTTP API with one shared model.
type api struct {
	c       *classifier.Classifier
	maxBody int64
	log     *slog.Logger
	page    []byte // the page at /, rendered once
	model   []byte // the answer to /v1/model, rendered once
}

// newAPI returns the handler of every route, with request logging and
// recovery from panics around it.
func newAPI(c *classifier.Classifier, maxBody int64, logger *slog.Logger) (http.Handler, error) {
	a := &api{c: c, maxBody: maxBody, log: logger}
	var page bytes.Buffer
	err := pageTemplate.Execute(&page, pageData{
		Assets:  report.Assets(c.Labels()),
		Legend:  report.Legend(c.Labels()),
		Model:   c.String(),
		Example: exampleArticle,
	})
	if err != nil {
		return nil, fmt.Errorf("render page: %w", err)
	}
	a.page = page.Bytes()
	a.model, err = json.Marshal(struct {
		Format      string `json:"format"`
		Description string `json:"description"`
		classifier.Info
	}{classifier.FormatName, c.String(), c.Info()})
	if err != nil {
		return nil, fmt.Errorf("describe model: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/v1/classify", a.post(a.classify))
	mux.Handle("/v1/score", a.post(a.score))
	mux.Handle("/v1/render", a.post(a.render))
	mux.Handle("/v1/model", get(func(w http.ResponseWriter, r *http.Request) {
		writeRawJSON(w, http.StatusOK, a.model)
	}))
	mux.Handle("/healthz", get(func(w http.ResponseWriter, r *http.Request) {
		writeRawJSON(w, http.StatusOK, []byte(`{"status":"ok"}`))
	}))
	mux.Handle("/{$}", get(a.index))
	mux.Handle("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, &apiError{http.StatusNotFound, "not_found", "no such endpoint: " + r.URL.Path})
	}))
	return a.logged(a.recovered(mux)), nil
}

// apiError is an error answer: {"error":{"code","message"}}.
type apiError struct {
	status  int
	Code    string `json:"code"`
	Message string `json:"message"`
}

func errorf(status int, code, format string, args ...any) *apiError {
	return &apiError{status, code, fmt.Sprintf(format, args...)}
}

func writeError(w http.ResponseWriter, e *apiError) {
	b, _ := json.Marshal(struct {
		Error *apiError `json:"error"`
	}{e}) // two strings: cannot fail
	writeRawJSON(w, e.status, b)
}

func writeRawJSON(w http.ResponseWriter, status int, b []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.Itoa(len(b)+1))
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// writeJSONResponse writes v as JSON. It does not escape <, > and & in
// strings: the content type says JSON, so no browser reads it as HTML, and
// the HTML of /v1/render stays small.
func writeJSONResponse(w http.ResponseWriter, status int, v any) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		writeError(w, errorf(http.StatusInternalServerError, "internal", "encode response: %v", err))
		return
	}
	writeRawJSON(w, status, bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

// get allows GET and HEAD only.
func get(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, errorf(http.StatusMethodNotAllowed, "method_not_allowed", "%s is not allowed here; use GET", r.Method))
			return
		}
		h(w, r)
	})
}

// post allows POST only, with a JSON body of at most maxBody bytes, and
// writes what h returns as JSON.
func (a *api) post(h func(r *http.Request, body io.Reader) (any, *apiError)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", "POST")
			writeError(w, errorf(http.StatusMethodNotAllowed, "method_not_allowed", "%s is not allowed here; use POST", r.Method))
			return
		}
		if e := checkJSONType(r.Header.Get("Content-Type")); e != nil {
			writeError(w, e)
			return
		}
		v, e := h(r, http.MaxBytesReader(w, r.Body, a.maxBody))
		if e != nil {
			writeError(w, e)
			return
		}
		writeJSONResponse(w, http.StatusOK, v)
	})
}

func checkJSONType(ct string) *apiError {
	if ct == "" {
		return errorf(http.StatusUnsupportedMediaType, "unsupported_media_type", "the request has no Content-Type; send application/json")
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || mt != "application/json" {
		return errorf(http.StatusUnsupportedMediaType, "unsupported_media_type", "Content-Type %q is not supported; send application/json", ct)
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return errorf(http.StatusUnsupportedMediaType, "unsupported_media_type", "charset %q is not supported; send UTF-8", cs)
	}
	return nil
}

// decodeJSON reads exactly one JSON object into v, refusing unknown
// fields, and turns each kind of failure into its answer.
func (a *api) decodeJSON(body io.Reader, v any) *apiError {
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		// Nothing but space may follow the object.
		if _, terr := dec.Token(); terr != io.EOF {
			err = terr
			if err == nil {
				return errorf(http.StatusBadRequest, "bad_json", "the body holds more than one JSON value")
			}
		}
	}
	if err == nil {
		return nil
	}
	var (
		maxErr    *http.MaxBytesError
		syntaxErr *json.SyntaxError
		typeErr   *json.UnmarshalTypeError
		netErr    net.Error
	)
	switch {
	case errors.As(err, &maxErr):
		return errorf(http.StatusRequestEntityTooLarge, "body_too_large", "the request body is larger than %d bytes", maxErr.Limit)
	case errors.Is(err, os.ErrDeadlineExceeded) || errors.As(err, &netErr) && netErr.Timeout():
		return errorf(http.StatusRequestTimeout, "timeout", "the request body did not arrive within the server's read timeout")
	case errors.As(err, &netErr):
		return errorf(http.StatusBadRequest, "bad_request", "the request body could not be read")
	case errors.Is(err, io.EOF):
		return errorf(http.StatusBadRequest, "bad_json", "the request body is empty; send a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errorf(http.StatusBadRequest, "bad_json", "the JSON ends too early")
	case errors.As(err, &syntaxErr):
		return errorf(http.StatusBadRequest, "bad_json", "invalid JSON at byte %d: %v", syntaxErr.Offset, err)
	case errors.As(err, &typeErr):
		if typeErr.Field == "" {
			return errorf(http.StatusBadRequest, "bad_json", "the body must be a JSON object, not %s", typeErr.Value)
		}
		return errorf(http.StatusBadRequest, "bad_json", "field %q must be %s, not %s", typeErr.Field, jsonKind(typeErr.Type.String()), typeErr.Value)
	}
	return errorf(http.StatusBadRequest, "bad_json", "%s", strings.TrimPrefix(err.Error(), "json: "))
}

// jsonKind names a Go type the way a JSON user would.
func jsonKind(goType string) string {
	switch {
	case goType == "string":
		return "a string"
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "float"):
		return "a number"
	case strings.HasPrefix(goType, "[]"):
		return "an array"
	}
	return "an object"
}

// options are the scoring options of /v1/classify, /v1/score and /v1/render.
type options struct {
	Explain       int     `json:"explain"`
	MinConfidence float64 `json:"min_confidence"`
}

func (o options) classifierOptions() ([]classifier.Option, *apiError) {
	if o.Explain < 0 || o.Explain > maxExplain {
		return nil, errorf(http.StatusUnprocessableEntity, "invalid_option", "explain must be between 0 and %d, not %d", maxExplain, o.Explain)
	}
	if o.MinConfidence < 0 || o.MinConfidence > 1 {
		return nil, errorf(http.StatusUnprocessableEntity, "invalid_option", "min_confidence must be between 0 and 1, not %v", o.MinConfidence)
	}
	opts := []classifier.Option{classifier.WithMinConfidence(o.MinConfidence)}
	if o.Explain > 0 {
		opts = append(opts, classifier.WithExplain(o.Explain))
	}
	return opts, nil
}

type classifyRequest struct {
	Sentences []string `json:"sentences"`
	options
}

// textPrediction is one line of 'classify -format json':
// {"text","label","confidence","probabilities","reasons"}.
type textPrediction struct {
	text string
	p    classifier.Prediction
}

func (t textPrediction) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	if err := writeSentenceJSON(&b, t.text, t.p); err != nil {
		return nil, err
	}
	return bytes.TrimSpace(b.Bytes()), nil
}

func (a *api) classify(r *http.Request, body io.Reader) (any, *apiError) {
	var req classifyRequest
	if e := a.decodeJSON(body, &req); e != nil {
		return nil, e
	}
	if len(req.Sentences) == 0 {
		return nil, errorf(http.StatusUnprocessableEntity, "empty_input", "sentences is empty; send at least one sentence")
	}
	for i, s := range req.Sentences {
		if strings.TrimSpace(s) == "" {
			return nil, errorf(http.StatusUnprocessableEntity, "empty_input", "sentences[%d] is blank", i)
		}
	}
	opts, e := req.classifierOptions()
	if e != nil {
		return nil, e
	}
	preds := make([]textPrediction, len(req.Sentences))
	parallel.For(len(preds), func(i int) {
		preds[i] = textPrediction{req.Sentences[i], a.c.Classify(req.Sentences[i], opts...)}
	})
	return struct {
		Predictions []textPrediction `json:"predictions"`
	}{preds}, nil
}

type scoreRequest struct {
	Articles []data.Article `json:"articles"`
	options
}

// scoreRequest reads and checks a /v1/score or /v1/render body and scores
// its articles.
func (a *api) scoreBody(body io.Reader) ([]data.Article, []classifier.Document, *apiError) {
	var req scoreRequest
	if e := a.decodeJSON(body, &req); e != nil {
		return nil, nil, e
	}
	if len(req.Articles) == 0 {
		return nil, nil, errorf(http.StatusUnprocessableEntity, "empty_input", "articles is empty; send at least one article")
	}
	for i, art := range req.Articles {
		if strings.TrimSpace(art.Text) == "" {
			return nil, nil, errorf(http.StatusUnprocessableEntity, "empty_input", "articles[%d].text is empty", i)
		}
		if art.Date != "" {
			if _, err := time.Parse(time.DateOnly, art.Date); err != nil {
				return nil, nil, errorf(http.StatusUnprocessableEntity, "invalid_article", "articles[%d].date %q is not a date in the form YYYY-MM-DD", i, art.Date)
			}
		}
	}
	opts, e := req.classifierOptions()
	if e != nil {
		return nil, nil, e
	}
	docs := make([]classifier.Document, len(req.Articles))
	parallel.For(len(docs), func(i int) { docs[i] = a.c.ClassifyText(req.Articles[i].Text, opts...) })
	return req.Articles, docs, nil
}

func (a *api) score(r *http.Request, body io.Reader) (any, *apiError) {
	arts, docs, e := a.scoreBody(body)
	if e != nil {
		return nil, e
	}
	// Each article is written by the jsonl writer of 'score', so that the
	// two always have the same shape.
	var buf bytes.Buffer
	buf.WriteString(`{"articles":[`)
	jw := newJSONLWriter(&buf, formatOptions{model: a.c})
	for i := range arts {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := jw.WriteArticle(arts[i], docs[i]); err != nil {
			return nil, errorf(http.StatusInternalServerError, "internal", "encode article %d: %v", i, err)
		}
		buf.Truncate(len(bytes.TrimRight(buf.Bytes(), "\n")))
	}
	buf.WriteString(`]}`)
	return json.RawMessage(buf.Bytes()), nil
}

func (a *api) render(r *http.Request, body io.Reader) (any, *apiError) {
	arts, docs, e := a.scoreBody(body)
	if e != nil {
		return nil, e
	}
	var buf bytes.Buffer
	rw := report.NewWriter(&buf, report.Options{Labels: a.c.Labels(), Fragment: true})
	for i := range arts {
		if err := rw.WriteArticle(arts[i], docs[i]); err != nil {
			return nil, errorf(http.StatusInternalServerError, "internal", "render article %d: %v", i, err)
		}
	}
	if err := rw.Close(); err != nil {
		return nil, errorf(http.StatusInternalServerError, "internal", "render: %v", err)
	}
	return struct {
		HTML string `json:"html"`
	}{buf.String()}, nil
}

func (a *api) index(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(a.page)))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	h.Set("Referrer-Policy", "no-referrer")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(a.page)
	}
}

// recorder remembers the status and size of a response for the log.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// logged logs every request: method, path, status, bytes and duration.
func (a *api) logged(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w}
		defer func() {
			if rec.status == 0 {
				rec.status = http.StatusOK
			}
			a.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
				slog.String("method", r.Method), slog.String("path", r.URL.Path),
				slog.Int("status", rec.status), slog.Int64("bytes", rec.bytes),
				slog.Duration("duration", time.Since(start)))
		}()
		h.ServeHTTP(rec, r)
	})
}

// recovered answers 500 instead of dropping the connection when a handler
// panics, and logs the stack.
func (a *api) recovered(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				a.log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				writeError(w, errorf(http.StatusInternalServerError, "internal", "internal error"))
			}
		}()
		h.ServeHTTP(w, r)
	})
}

// exampleArticle is the text the page's Example button fills in.
const exampleArticle = `The foreign ministers of the two neighbours met in Geneva on Tuesday, three weeks after clashes along their disputed border killed eleven soldiers.

Both governments said they were ready to resume talks on the demarcation of the frontier and agreed to set up a hotline between their military commanders. The host government welcomed the agreement and urged both sides to show restraint.

The defence minister of the larger neighbour warned, however, that any new incursion would be met with a swift and forceful response. He accused the other side of massing troops near the border and said his country's patience was wearing thin.

The talks are scheduled to continue next month in Vienna.`

type pageData struct {
	Assets, Legend template.HTML
	Model, Example string
}

var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Parley</title>
<link rel="icon" href="data:,">
{{.Assets}}
<style>
.form{background:var(--bg);border:1px solid var(--line);border-radius:10px;padding:20px 24px}
.form h2{margin:0 0 12px;font-size:1.2rem}
.row{display:flex;flex-wrap:wrap;gap:12px 16px;margin-bottom:12px}
.row label{display:flex;flex-direction:column;gap:4px;font-size:.8125rem;font-weight:600;color:var(--muted)}
.row label.grow{flex:1 1 320px}
input,textarea{font:inherit;font-weight:400;color:var(--fg);background:#fff;border:1px solid #c5ccd3;border-radius:6px;padding:7px 10px}
input:focus,textarea:focus{outline:2px solid #0072B2;outline-offset:-1px;border-color:#0072B2}
textarea{width:100%;min-height:220px;resize:vertical;line-height:1.5;display:block}
input[type=number]{width:7.5em}
.actions{display:flex;align-items:center;gap:12px;margin-top:14px}
button.primary,button.plain{font:inherit;font-weight:600;border-radius:6px;padding:8px 18px;cursor:pointer;border:1px solid transparent}
button.primary{background:#0072B2;color:#fff}
button.primary:hover{background:#005f94}
button.primary[disabled]{opacity:.6;cursor:progress}
button.plain{background:var(--panel);color:var(--fg);border-color:#c5ccd3}
button.plain:hover{background:#eaeef2}
#msg{font-size:.875rem;color:var(--muted)}
#msg.err{color:#b3261e;font-weight:600}
#out:empty{display:none}
</style>
</head>
<body>
<header class="top"><div class="wrap">
<h1>Parley</h1>
{{.Legend}}
<p class="hint">Paste a news article and highlight the stance of every sentence. Hover over a sentence, or tab to it, for its probabilities and the words that decided it.</p>
</div></header>
<main class="report">
<form class="form" id="form" autocomplete="off">
<h2>Article</h2>
<div class="row">
<label class="grow">Title <input id="title" name="title" placeholder="optional"></label>
<label>Date <input id="date" name="date" type="date"></label>
</div>
<label for="text" class="vh">Text</label>
<textarea id="text" name="text" required placeholder="Paste the text of an article here"></textarea>
<div class="row" style="margin:12px 0 0">
<label>Reasons per sentence <input id="explain" name="explain" type="number" min="0" max="10" value="3"></label>
<label>Minimum confidence <input id="minconf" name="minconf" type="number" min="0" max="1" step="0.05" value="0"></label>
</div>
<div class="actions"><button class="primary" id="go" type="submit">Highlight</button><button class="plain" id="example" type="button">Example</button><span id="msg" role="status"></span></div>
</form>
<div id="out" aria-live="polite"></div>
</main>
<footer class="foot">Model: {{.Model}}. API: POST /v1/classify, /v1/score, /v1/render; GET /v1/model, /healthz.</footer>
<script>
(function(){
"use strict";
var form=document.getElementById("form"),out=document.getElementById("out"),msg=document.getElementById("msg"),go=document.getElementById("go");
var example={{.Example}};
function v(id){return document.getElementById(id).value}
function say(text,err){msg.textContent=text;msg.className=err?"err":""}
document.getElementById("example").addEventListener("click",function(){
  document.getElementById("text").value=example;document.getElementById("title").value="Neighbours agree to talks after border clashes";
  document.getElementById("date").value="2024-05-14";say("");
});
form.addEventListener("submit",function(e){
  e.preventDefault();
  var body={articles:[{title:v("title").trim(),date:v("date"),text:v("text")}],explain:parseInt(v("explain")||"0",10),min_confidence:parseFloat(v("minconf")||"0")};
  go.disabled=true;say("Scoring\u2026");
  fetch("/v1/render",{method:"POST",headers:{"Content-Type":"application/json"},body:JSON.stringify(body)})
    .then(function(r){return r.json().catch(function(){return {}}).then(function(j){
      if(!r.ok)throw new Error(j.error?j.error.message:"the server answered "+r.status);return j})})
    .then(function(j){out.innerHTML=j.html;say("");var a=out.querySelector("article");if(a)a.scrollIntoView({behavior:"smooth",block:"start"})})
    .catch(function(err){say(err.message,true)})
    .finally(function(){go.disabled=false});
});
})();
</script>
</body>
</html>
`))
