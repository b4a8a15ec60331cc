# hookspec — see README.md. Every target works offline on a fresh clone with Go 1.26; the capture
# targets also need the vendor pages beside the checkout (../shared/vendor-docs).

GO        ?= go
VENDOR_DOCS ?= ../shared/vendor-docs

.PHONY: all generate capture check-generated test vet fmt-check

all: generate

# generate: regenerate everything from the spec and the captured pages, then check the result.
generate:
	$(GO) generate ./...
	$(GO) test ./spec/... ./internal/capture/...

# capture: re-read the vendor pages into spec/<vendor>/ (what go generate runs today).
capture:
	$(GO) run ./cmd/specgen -vendor ccbill -src $(VENDOR_DOCS)/ccbill -out spec/ccbill

# check-generated: fail when a generated file differs from what the generators produce.
check-generated:
	$(GO) generate ./...
	git diff --exit-code -- spec
	@test -z "$$(git status --porcelain -- spec)" || { git status --porcelain -- spec; echo "untracked generated files" >&2; exit 1; }

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); test -z "$$out" || { echo "gofmt needed:"; echo "$$out"; exit 1; }

# test: what CI runs (.ci/run): vet, gofmt, every test, and stale generated files.
test: vet fmt-check
	$(GO) test ./...
	$(MAKE) check-generated
