package main

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// End-to-end tests in headless Chromium, driven over the DevTools protocol
// with chromedp: the page of 'parley serve', and the page of
// 'score -format html'. They save screenshots to a temporary folder and to
// /tmp/parley-serve.png and /tmp/parley-report.png.

// chromiumPath returns the browser to use, or skips the test.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("skipping the browser tests: Chromium is not installed (/usr/bin/chromium; apt-get install chromium)")
	return ""
}

// newBrowser starts a headless Chromium with a fresh profile and returns
// the context of its first tab.
func newBrowser(t *testing.T, width, height int) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	// The first call starts the browser; its life is bound to ctx, which
	// has no deadline, so steps below may use their own.
	require.NoError(t, chromedp.Do(ctx))
	return ctx
}

// step runs actions with a deadline.
func step(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	require.NoError(t, chromedp.Do(sctx, actions...))
}

// eval evaluates a JavaScript expression and decodes its value.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	v, err := chromedp.Run(sctx, chromedp.Evaluate[T](expr))
	require.NoError(t, err, expr)
	return v
}

// js is an action that runs a JavaScript statement.
func js(stmt string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Evaluate[any](stmt)(ctx, t)
		return err
	})
}

// hover moves the mouse over the first line of the element that selector
// finds, after scrolling it into view.
func hover(t *testing.T, ctx context.Context, selector string) {
	t.Helper()
	xy := eval[[]float64](t, ctx, `(function(){var e=document.querySelector(`+strconv.Quote(selector)+`);
		e.scrollIntoView({block:"center"});var r=e.getClientRects()[0];return [r.left+12,r.top+r.height/2]})()`)
	require.Len(t, xy, 2)
	step(t, ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, xy[0], xy[1]))
	step(t, ctx, chromedp.WaitVisible(chromedp.CSS(".tip")))
}

// screenshot saves a PNG of the viewport to the test's folder and to keep.
func screenshot(t *testing.T, ctx context.Context, keep string) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	png, err := chromedp.Run(sctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(png), "\x89PNG"), "a PNG image")
	require.NoError(t, os.WriteFile(filepath.Join(t.TempDir(), filepath.Base(keep)), png, 0o644))
	if err := os.WriteFile(keep, png, 0o644); err != nil {
		t.Logf("could not keep the screenshot: %v", err)
	}
}

// sentenceLabels returns the label of each highlighted sentence under
// root, by its text.
func sentenceLabels(t *testing.T, ctx context.Context, root string) map[string]string {
	t.Helper()
	pairs := eval[[][2]string](t, ctx, `Array.from(document.querySelectorAll(`+strconv.Quote(root+" .s")+`)).map(function(s){return [s.textContent,s.dataset.label]})`)
	out := make(map[string]string, len(pairs))
	for _, p := range pairs {
		out[p[0]] = p[1]
	}
	return out
}

func TestBrowserServePage(t *testing.T) {
	chromiumPath(t)
	h, _ := testAPI(t, 1<<20)
	srv := httptest.NewServer(h) // on 127.0.0.1, a free port
	defer srv.Close()
	ctx := newBrowser(t, 1280, 1000)

	article := "The two governments agreed to resume talks on the border next month. " + neutSentence + "\n\n" +
		"The defence ministry said any incursion would be met with a forceful response. " + warnSentence + "\n\n" + concSentence
	step(t, ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#text")),
		chromedp.SetValue(chromedp.CSS("#title"), "Border talks"),
		chromedp.SetValue(chromedp.CSS("#date"), "2024-05-14"),
		chromedp.SetValue(chromedp.CSS("#text"), article),
		chromedp.Click(chromedp.CSS("#go")),
		chromedp.WaitVisible(chromedp.CSS("#out article .s")),
	)
	got := sentenceLabels(t, ctx, "#out")
	assert.Equal(t, map[string]string{
		"The two governments agreed to resume talks on the border next month.": "conciliatory",
		neutSentence: "neutral",
		"The defence ministry said any incursion would be met with a forceful response.": "warning",
		warnSentence: "warning",
		concSentence: "conciliatory",
	}, got)
	assert.Equal(t, "Border talks", eval[string](t, ctx, `document.querySelector("#out h2").textContent`))
	assert.Equal(t, 3, eval[int](t, ctx, `document.querySelectorAll("#out .text p").length`), "paragraphs are kept")

	// The tooltip of a sentence shows its label, probabilities and reasons.
	hover(t, ctx, `#out .s[data-label="warning"]`)
	tip := eval[string](t, ctx, `document.querySelector(".tip").textContent`)
	assert.Contains(t, tip, "warning")
	assert.Contains(t, tip, "conciliatory")
	assert.Contains(t, tip, "why (weight for warning")

	// The page fetched nothing but its own server.
	for _, u := range eval[[]string](t, ctx, `performance.getEntriesByType("resource").map(function(e){return e.name})`) {
		assert.True(t, strings.HasPrefix(u, srv.URL), "fetched %s", u)
	}
	screenshotAfterHover(t, ctx, `#out .s[data-label="warning"]`, "/tmp/parley-serve.png")

	// An error from the server is shown on the page.
	step(t, ctx,
		js(`document.getElementById("text").removeAttribute("required")`),
		chromedp.SetValue(chromedp.CSS("#date"), ""),
		chromedp.SetValue(chromedp.CSS("#text"), " "),
		chromedp.Click(chromedp.CSS("#go")),
		chromedp.WaitVisible(chromedp.CSS("#msg.err")),
	)
	assert.Contains(t, eval[string](t, ctx, `document.getElementById("msg").textContent`), "articles[0].text is empty")
}

// screenshotAfterHover shows the tooltip of a sentence, with the article
// in view, and saves a screenshot.
func screenshotAfterHover(t *testing.T, ctx context.Context, selector, keep string) {
	t.Helper()
	hover(t, ctx, selector)
	screenshot(t, ctx, keep)
}

func TestBrowserReport(t *testing.T) {
	chromiumPath(t)
	files, err := filepath.Glob("../../data/articles/*.txt")
	require.NoError(t, err)
	require.Greater(t, len(files), 2)
	out := filepath.Join(t.TempDir(), "report.html")
	code, _, errOut := parley(t, "", "score", "-format", "html", "-explain", "3", "-o", out, "../../data/articles")
	require.Equal(t, exitOK, code, errOut)

	ctx := newBrowser(t, 1280, 1800)
	step(t, ctx, chromedp.Navigate("file://"+out), chromedp.WaitVisible(chromedp.CSS("#overview svg")))
	assert.Equal(t, len(files), eval[int](t, ctx, `document.querySelectorAll("article.doc").length`))
	assert.Equal(t, len(files), eval[int](t, ctx, `document.querySelectorAll("#overview tbody tr").length`))
	assert.Equal(t, len(files), eval[int](t, ctx, `document.querySelectorAll("#overview circle").length`), "every article has a date")
	// The overview comes first on screen, though it is written last.
	assert.True(t, eval[bool](t, ctx, `document.getElementById("overview").getBoundingClientRect().top < document.querySelector("article.doc").getBoundingClientRect().top`))
	// Nothing was fetched: the page is self-contained.
	assert.Empty(t, eval[[]string](t, ctx, `performance.getEntriesByType("resource").map(function(e){return e.name})`))

	// Sorting the list by tone, twice: ascending, then descending.
	tones := func() []float64 {
		return eval[[]float64](t, ctx, `Array.from(document.querySelectorAll("#overview tbody tr")).map(function(r){return parseFloat(r.lastElementChild.dataset.v)})`)
	}
	step(t, ctx, chromedp.Click(chromedp.CSS(`#overview th:last-child button`)))
	asc := tones()
	assert.True(t, sort.Float64sAreSorted(asc), "ascending: %v", asc)
	step(t, ctx, chromedp.Click(chromedp.CSS(`#overview th:last-child button`)))
	desc := tones()
	sort.Float64s(desc)
	assert.Equal(t, asc, desc)
	assert.Equal(t, "descending", eval[string](t, ctx, `document.querySelector("#overview th:last-child").getAttribute("aria-sort")`))
	step(t, ctx, chromedp.Click(chromedp.CSS(`#overview th:first-child button`))) // back to date order for the picture

	labels := sentenceLabels(t, ctx, "#a1")
	assert.NotEmpty(t, labels)
	for s, l := range labels {
		assert.Contains(t, []string{"conciliatory", "neutral", "warning"}, l, s)
	}
	step(t, ctx, js(`window.scrollTo(0,0)`))
	screenshot(t, ctx, "/tmp/parley-report.png")
	hover(t, ctx, `#a1 .s[data-label="warning"]`)
	screenshot(t, ctx, "/tmp/parley-report-article.png")
}
