package main

import (
	"context"
	"net/http"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/chargebee"
	"github.com/hookspec/hookspec/webhook"
)

// matrixHandlers build each generated vendor package's HTTP handler for
// TestNoSecretInAnyOutput, by vendor id. The matrix runs on every package hookspec.Vendors
// lists, and fails for one without an entry here: a new vendor package is one more line.
var matrixHandlers = map[string]func(onEvent onDelivery, opt webhook.Options) (http.Handler, error){
	"ccbill": func(on onDelivery, opt webhook.Options) (http.Handler, error) {
		return ccbill.NewHandler(ccbill.HandlerConfig{OnEvent: deliveryCallback[ccbill.Event](on), Options: opt})
	},
	"chargebee": func(on onDelivery, opt webhook.Options) (http.Handler, error) {
		return chargebee.NewHandler(chargebee.HandlerConfig{OnEvent: deliveryCallback[chargebee.Event](on), Options: opt})
	},
}

// deliveryCallback adapts the matrix's callback to a generated package's OnEvent.
func deliveryCallback[E webhook.Event](onEvent onDelivery) func(context.Context, *webhook.Delivery[E]) error {
	return func(ctx context.Context, d *webhook.Delivery[E]) error {
		return onEvent(ctx, delivered{delivery: d, event: d.Event, validation: d.Validation, warnings: d.Warnings})
	}
}
