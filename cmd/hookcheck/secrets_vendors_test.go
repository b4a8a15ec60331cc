package main

import (
	"context"
	"net/http"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/webhook"
)

// matrixVendors are the generated vendor packages TestNoSecretInAnyOutput runs on. A new vendor
// package is one more entry: its name (the key of vendors, whose check.Vendor and built-in spec
// the matrix reads) and how to build its handler. Nothing else in the matrix names a vendor.
var matrixVendors = []matrixVendor{
	{name: "ccbill", newHandler: func(onEvent onDelivery, opt webhook.Options) (http.Handler, error) {
		return ccbill.NewHandler(ccbill.HandlerConfig{OnEvent: deliveryCallback[ccbill.Event](onEvent), Options: opt})
	}},
}

// deliveryCallback adapts the matrix's callback to a generated package's OnEvent.
func deliveryCallback[E webhook.Event](onEvent onDelivery) func(context.Context, *webhook.Delivery[E]) error {
	return func(ctx context.Context, d *webhook.Delivery[E]) error {
		return onEvent(ctx, delivered{delivery: d, event: d.Event, validation: d.Validation})
	}
}
