package data_test

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/parley-nlp/parley/data"
)

func ExampleNewTSVReader() {
	in := "# label<TAB>text<TAB>tags\n" +
		"conciliatory\tBoth sides agreed to resume talks.\tarea:border\n" +
		"\n" +
		"warning\t\n" +
		"neutral\tThe meeting lasted two hours.\n"
	r := data.NewTSVReader(strings.NewReader(in))
	r.File = "corpus.tsv"
	for {
		e, err := r.Read()
		if err == io.EOF {
			break
		}
		var pe *data.ParseError
		if errors.As(err, &pe) {
			// Reading can go on after an error about one line.
			fmt.Println("skipped:", err, "| empty text:", errors.Is(err, data.ErrEmptyText))
			continue
		}
		area, _ := e.Tag("area")
		fmt.Printf("%d %s %q area=%q\n", e.Line, e.Label, e.Text, area)
	}
	// Output:
	// 2 conciliatory "Both sides agreed to resume talks." area="border"
	// skipped: corpus.tsv:4: empty text | empty text: true
	// 5 neutral "The meeting lasted two hours." area=""
}

func ExampleNewCSVReader() {
	in := "id,Sentence,Stance,notes\n" +
		"1,\"Talks resumed in Geneva on Monday, officials said.\",neutral,\n" +
		"2,\"The ministry warned:\n\"\"Any incursion will be met with force.\"\"\",warning,two lines\n"
	r := data.NewCSVReader(strings.NewReader(in))
	r.TextColumn, r.LabelColumn = "sentence", "stance"
	examples, err := data.ReadAll(r)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range examples {
		fmt.Printf("%d %s %q\n", e.Line, e.Label, e.Text)
	}
	// Output:
	// 2 neutral "Talks resumed in Geneva on Monday, officials said."
	// 3 warning "The ministry warned:\n\"Any incursion will be met with force.\""
}

func ExampleNewJSONLReader() {
	in := `{"text":"Both sides agreed to resume talks.","label":"conciliatory","tags":["area:border"]}` + "\n" +
		`{"text":"The army said it was ready."}` + "\n"
	r := data.NewJSONLReader(strings.NewReader(in))
	r.File = "corpus.jsonl"
	e, err := r.Read()
	fmt.Println(e.Label, e.Text, e.Tags, err)
	_, err = r.Read()
	fmt.Println(err, errors.Is(err, data.ErrMissingLabel))
	_, err = r.Read()
	fmt.Println(err)
	// Output:
	// conciliatory Both sides agreed to resume talks. [area:border] <nil>
	// corpus.jsonl:2: missing "label" field: missing label true
	// EOF
}

func ExampleParseArticle() {
	text := "date 2025-01-14\n" +
		"title: Pakistan offers talks\n" +
		"source: Parley sample wire\n" +
		"\n" +
		"ISLAMABAD: Pakistan said on Tuesday it was ready to hold talks.\n"
	a, err := data.ParseArticle("articles/01-talks.txt", text)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s | %s | %s | %s | %q\n", a.ID, a.Date, a.Title, a.Source, a.Text)

	// The header may share its line with the text.
	a, _ = data.ParseArticle("kabul.txt", " date 2025-01-14 KABUL: Officials said on Tuesday ...")
	fmt.Printf("%s | %s | %q\n", a.ID, a.Date, a.Text)

	_, err = data.ParseArticle("bad.txt", "date 2025-13-45\nBody.")
	fmt.Println(err)
	// Output:
	// 01-talks | 2025-01-14 | Pakistan offers talks | Parley sample wire | "\nISLAMABAD: Pakistan said on Tuesday it was ready to hold talks.\n"
	// kabul | 2025-01-14 | "KABUL: Officials said on Tuesday ..."
	// bad.txt:1: invalid date "2025-13-45" in header: want YYYY-MM-DD
}
