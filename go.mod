module github.com/parley-nlp/parley

go 1.26.8

require (
	github.com/cdipaolo/goml v0.0.0-20220715001353-00e0c845ae1c
	github.com/kljensen/snowball v0.10.0
	github.com/stretchr/testify v1.12.1
)

require (
	go.yaml.in/yaml/v3 v3.0.5 // indirect
	golang.org/x/text v0.3.6 // indirect
)
