module github.com/hookspec/hookspec

go 1.26

require (
	github.com/PuerkitoBio/goquery v1.13.0
	github.com/dave/jennifer v1.7.1
	github.com/santhosh-tekuri/jsonschema/v5 v5.3.1
	go.yaml.in/yaml/v3 v3.0.6
)

require (
	github.com/andybalholm/cascadia v1.3.4 // indirect
	golang.org/x/net v0.58.0 // indirect
)
