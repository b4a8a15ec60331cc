# hookspec — see README.md. Every target works offline on a fresh clone with Go 1.26; the capture
# targets also need the vendor pages beside the checkout (../shared/vendor-docs).

GO        ?= go
VENDOR_DOCS ?= ../shared/vendor-docs

.PHONY: all generate capture check-generated test vet fmt-check fuzz example-test store-test schema-tools-test

all: generate

# Directories that hold generated files; check-generated fails when any of them is stale.
GENERATED := vendors.go ccbill jsonschema/ccbill chargebee jsonschema/chargebee internal/testvendor/vendors.go internal/testvendor/feed internal/testvendor/jsonschema

# generate: regenerate every vendor package and JSON Schema from the spec, then check the spec and
# validate the shipped examples: every CCBill event version's documented example in each of its
# wire formats (ccbill tests), the real Chargebee payloads with their recorded verdicts (chargebee
# tests), and CCBill's sample posts with both validators (hookcheck).
generate:
	$(GO) generate ./...
	$(GO) test ./spec/... ./ccbill/... ./chargebee/...
	$(GO) run ./cmd/hookcheck validate -engine both -strict conformance/testdata/captures

# capture: re-read the vendor pages into spec/<vendor>/; run `make generate` after it. Chargebee's
# capture also reads the real payloads beside its documents ($(VENDOR_DOCS)/../real-payloads/chargebee).
capture:
	$(GO) run ./cmd/specgen -vendor ccbill -src $(VENDOR_DOCS)/ccbill -out spec/ccbill
	$(GO) run ./cmd/specgen -vendor chargebee -src $(VENDOR_DOCS)/chargebee -out spec/chargebee

# check-generated: fail when a generated file differs from what the generators produce.
check-generated:
	$(GO) generate ./...
	git diff --exit-code -- spec $(GENERATED)
	@test -z "$$(git status --porcelain -- spec $(GENERATED))" || { git status --porcelain -- spec $(GENERATED); echo "untracked generated files" >&2; exit 1; }

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); test -z "$$out" || { echo "gofmt needed:"; echo "$$out"; exit 1; }

# test: what CI runs (.ci/run): vet, gofmt, every test, the example receiver's, the schemas in
# python-jsonschema and ajv, and stale generated files.
test: vet fmt-check
	$(GO) test ./...
	$(MAKE) store-test
	$(MAKE) example-test
	$(MAKE) schema-tools-test
	$(MAKE) check-generated

# WITH_POSTGRES runs a command with a throwaway PostgreSQL server on a loopback port
# (HOOKSPEC_POSTGRES_URL), installing Debian's postgresql package when it is missing, and stops
# the server afterwards, whatever the command's outcome.
WITH_POSTGRES := webhook/sqlstore/dbtest/with-postgres

# store-test: webhook/sqlstore on real SQLite and PostgreSQL. Its own module (dbtest), so that
# the drivers stay out of the main module.
store-test:
	$(WITH_POSTGRES) sh -c 'cd webhook/sqlstore/dbtest && $(GO) vet ./... && $(GO) test ./...'

# example-test: the example receiver is its own module (it needs SQLite and PostgreSQL drivers
# the main module does not), so ./... does not reach it. Its end-to-end tests drive it with
# `hookcheck send`; its load and fault test runs three replicas on one PostgreSQL.
example-test:
	$(WITH_POSTGRES) sh -c 'cd examples/receiver && $(GO) vet ./... && $(GO) test ./...'

# WITH_SCHEMA_TOOLS runs a command once ajv and ajv-cli (npm, the versions
# conformance/external/package-lock.json pins, installed beside it) and python-jsonschema (Debian's
# python3-jsonschema, for SCHEMA_PYTHON, the interpreter Debian installs it for) are there,
# installing what is missing.
WITH_SCHEMA_TOOLS := conformance/external/with-schema-tools
SCHEMA_PYTHON ?= /usr/bin/python3

# schema-tools-test: the JSON Schemas work outside Go. python-jsonschema and ajv (strict mode, no
# warning allowed) each read every schema file alone and reach the Go validator's verdicts on
# every shipped sample and on invalid mutations of them (conformance/external_test.go); the
# README's one-line Python and npx ajv commands work on a valid and an invalid payload per vendor.
schema-tools-test:
	SCHEMA_PYTHON=$(SCHEMA_PYTHON) $(WITH_SCHEMA_TOOLS) $(GO) test ./conformance -count=1 -timeout 30m -run '^TestExternalTools' -external-tools -python $(SCHEMA_PYTHON)

# fuzz: run every fuzz target for FUZZTIME each (go test runs one target at a time).
FUZZTIME ?= 1m
fuzz:
	$(GO) test ./ccbill -run '^$$' -fuzz '^FuzzDecodeJSON$$' -fuzztime $(FUZZTIME)
	$(GO) test ./ccbill -run '^$$' -fuzz '^FuzzDecodeForm$$' -fuzztime $(FUZZTIME)
	$(GO) test ./ccbill -run '^$$' -fuzz '^FuzzHandler$$' -fuzztime $(FUZZTIME)
	$(GO) test ./webhook -run '^$$' -fuzz '^FuzzJSONReader$$' -fuzztime $(FUZZTIME)
	$(GO) test ./webhook -run '^$$' -fuzz '^FuzzDecoder$$' -fuzztime $(FUZZTIME)
	$(GO) test ./jsonschema -run '^$$' -fuzz '^FuzzReadTree$$' -fuzztime $(FUZZTIME)
	$(GO) test ./jsonschema -run '^$$' -fuzz '^FuzzReadJSON$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/testvendor/feed -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME)
	$(GO) test ./webhook/inttext -run '^$$' -fuzz '^FuzzCompare$$' -fuzztime $(FUZZTIME)
	$(GO) test ./webhook/numtext -run '^$$' -fuzz '^FuzzPlain$$' -fuzztime $(FUZZTIME)
	$(GO) test ./webhook/compat -run '^$$' -fuzz '^FuzzLevelJSON$$' -fuzztime $(FUZZTIME)
	$(GO) test ./webhook -run '^$$' -fuzz '^FuzzFormReader$$' -fuzztime $(FUZZTIME)
	$(GO) test ./webhook -run '^$$' -fuzz '^FuzzParseMinorUnits$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/readers/htmlpage -run '^$$' -fuzz '^FuzzReadHTML$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/readers/htmlpage -run '^$$' -fuzz '^FuzzReadWordPressJSON$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/readers/textpage -run '^$$' -fuzz '^FuzzRead$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/readers/openapi -run '^$$' -fuzz '^FuzzRead$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/survey -run '^$$' -fuzz '^FuzzReadManifest$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/survey -run '^$$' -fuzz '^FuzzSurveyAdd$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/payload -run '^$$' -fuzz '^FuzzParsePath$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/readers/tsdecl -run '^$$' -fuzz '^FuzzRead$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/capture/chargebee -run '^$$' -fuzz '^FuzzSourceRanges$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/capture -run '^$$' -fuzz '^FuzzEventsSample$$' -fuzztime $(FUZZTIME)
	$(GO) test ./webhook/sqlstore -run '^$$' -fuzz '^FuzzCheckTableName$$' -fuzztime $(FUZZTIME)
	$(GO) test ./chargebee -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME)
	$(GO) test ./chargebee -run '^$$' -fuzz '^FuzzHandler$$' -fuzztime $(FUZZTIME)
