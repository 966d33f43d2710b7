package classifier_test

import (
	"bytes"
	"fmt"
	"log"

	"github.com/parley-nlp/parley/classifier"
	"github.com/parley-nlp/parley/data"
)

func ExampleDefault() {
	c, err := classifier.Default()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.Labels())
	// Output: [conciliatory neutral warning]
}

func ExampleClassifier_Classify() {
	c, err := classifier.Default()
	if err != nil {
		log.Fatal(err)
	}
	p := c.Classify("The defence ministry warned that any incursion would be met with a swift and forceful response.")
	fmt.Println(p.Label, p.Confidence > 0.9)
	// Output: warning true
}

func ExampleClassifier_ClassifyText() {
	c, err := classifier.Default()
	if err != nil {
		log.Fatal(err)
	}
	doc := c.ClassifyText(`GENEVA (Reuters) - The two governments agreed on Monday to resume talks on their disputed border.
The envoy arrived in the capital on Thursday for a two-day visit.`)
	for _, s := range doc.Sentences {
		fmt.Printf("%d-%d %s: %s\n", s.Start, s.End, s.Prediction.Label, s.Text)
	}
	fmt.Println("sentences:", doc.Summary.Sentences, "tone above zero:", *doc.Summary.Tone > 0)
	// Output:
	// 19-97 conciliatory: The two governments agreed on Monday to resume talks on their disputed border.
	// 98-163 neutral: The envoy arrived in the capital on Thursday for a two-day visit.
	// sentences: 2 tone above zero: true
}

func ExampleTrain() {
	examples := []data.Example{
		{Label: "positive", Text: "A warm, funny and moving film."},
		{Label: "positive", Text: "The cast is wonderful and the script sparkles."},
		{Label: "negative", Text: "A dull, lifeless and tedious film."},
		{Label: "negative", Text: "The plot is a mess and the jokes fall flat."},
	}
	c, err := classifier.Train(examples, classifier.Options{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.Labels(), c.Classify("wonderful and moving").Label)
	// Output: [negative positive] positive
}

func ExampleLoad() {
	c, err := classifier.Train([]data.Example{
		{Label: "yes", Text: "agreed to talks"},
		{Label: "no", Text: "refused all talks"},
	}, classifier.Options{})
	if err != nil {
		log.Fatal(err)
	}
	var file bytes.Buffer
	if _, err := c.WriteTo(&file); err != nil {
		log.Fatal(err)
	}
	loaded, err := classifier.Load(&file)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(loaded.Classify("agreed").Label)

	_, err = classifier.Load(bytes.NewReader([]byte(`{"name":"something else"}`)))
	fmt.Println(err)
	// Output:
	// yes
	// not a Parley model file: no "parley-model" format marker
}

func ExampleWithExplain() {
	c, err := classifier.Default()
	if err != nil {
		log.Fatal(err)
	}
	p := c.Classify("He vowed to retaliate against any attack.", classifier.WithExplain(2))
	for _, r := range p.Reasons {
		fmt.Println(r.Words)
	}
	// Output:
	// retaliate
	// any attack
}

func ExampleClassifier_Explain() {
	c, err := classifier.Default()
	if err != nil {
		log.Fatal(err)
	}
	x := c.Explain("The ministry said it was ready for talks but would answer any attack with force.", 2)
	fmt.Println(x.Label, "over", x.RunnerUp)
	for _, r := range x.For {
		fmt.Printf("for:     %s\n", r.Words)
	}
	for _, r := range x.Against {
		fmt.Printf("against: %s\n", r.Words)
	}
	// Output:
	// warning over conciliatory
	// for:     any attack
	// for:     answer
	// against: for talks
	// against: talks
}
