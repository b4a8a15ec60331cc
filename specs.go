package hookspec

import "embed"

// Specs holds the committed vendor specs (spec/<vendor>/*.yaml), so that tools such as
// `hookcheck send` can build payloads from them outside a checkout; load one with
// spec.LoadFS(hookspec.Specs, "spec/ccbill"). Generated vendor packages do not import it, so a
// service that receives webhooks does not carry the spec's text.
//
//go:embed spec/*/*.yaml
var Specs embed.FS
