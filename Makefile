# hookspec — see README.md. Every target works offline on a fresh clone with Go 1.26; the capture
# targets also need the vendor pages beside the checkout (../shared/vendor-docs).

GO        ?= go
VENDOR_DOCS ?= ../shared/vendor-docs

.PHONY: all generate capture check-generated test vet fmt-check fuzz example-test

all: generate

# Directories that hold generated files; check-generated fails when any of them is stale.
GENERATED := ccbill jsonschema/ccbill

# generate: regenerate every vendor package and JSON Schema from the spec, then check the spec and
# validate the shipped examples: every event version's documented example in each of its wire
# formats (ccbill tests), and the vendor's sample posts with both validators (hookcheck).
generate:
	$(GO) generate ./...
	$(GO) test ./spec/... ./ccbill/...
	$(GO) run ./cmd/hookcheck validate -engine both -strict conformance/testdata/captures

# capture: re-read the vendor pages into spec/<vendor>/; run `make generate` after it.
capture:
	$(GO) run ./cmd/specgen -vendor ccbill -src $(VENDOR_DOCS)/ccbill -out spec/ccbill

# check-generated: fail when a generated file differs from what the generators produce.
check-generated:
	$(GO) generate ./...
	git diff --exit-code -- spec $(GENERATED)
	@test -z "$$(git status --porcelain -- spec $(GENERATED))" || { git status --porcelain -- spec $(GENERATED); echo "untracked generated files" >&2; exit 1; }

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); test -z "$$out" || { echo "gofmt needed:"; echo "$$out"; exit 1; }

# test: what CI runs (.ci/run): vet, gofmt, every test, the example receiver's, and stale
# generated files.
test: vet fmt-check
	$(GO) test ./...
	$(MAKE) example-test
	$(MAKE) check-generated

# example-test: the example receiver is its own module (it needs a SQLite driver the main module
# does not), so ./... does not reach it. Its end-to-end test drives it with `hookcheck send`.
example-test:
	cd examples/receiver && $(GO) vet ./... && $(GO) test ./...

# fuzz: run every fuzz target for FUZZTIME each (go test runs one target at a time).
FUZZTIME ?= 1m
fuzz:
	$(GO) test ./ccbill -run '^$$' -fuzz '^FuzzDecodeJSON$$' -fuzztime $(FUZZTIME)
	$(GO) test ./ccbill -run '^$$' -fuzz '^FuzzDecodeForm$$' -fuzztime $(FUZZTIME)
	$(GO) test ./ccbill -run '^$$' -fuzz '^FuzzHandler$$' -fuzztime $(FUZZTIME)
	$(GO) test ./webhook -run '^$$' -fuzz '^FuzzJSONReader$$' -fuzztime $(FUZZTIME)
	$(GO) test ./webhook -run '^$$' -fuzz '^FuzzFormReader$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/readers/htmlpage -run '^$$' -fuzz '^FuzzReadHTML$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/readers/htmlpage -run '^$$' -fuzz '^FuzzReadWordPressJSON$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/readers/textpage -run '^$$' -fuzz '^FuzzRead$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/readers/openapi -run '^$$' -fuzz '^FuzzRead$$' -fuzztime $(FUZZTIME)
