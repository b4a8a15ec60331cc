module github.com/hookspec/hookspec/internal/benchcmp/chargebeego

go 1.26

require (
	github.com/chargebee/chargebee-go/v3 v3.48.0
	github.com/hookspec/hookspec v0.0.0
)

require github.com/google/uuid v1.6.0 // indirect

// The module under test, as it is in this checkout.
replace github.com/hookspec/hookspec => ../../..

// chargebee-go v3.48.0 (commit 2dbd55f), checked out beside this repository's checkout (as
// ../shared is): the Go module proxy does not serve chargebee-go, and the project commits none
// of its code (see README.md).
replace github.com/chargebee/chargebee-go/v3 => ../../../../chargebee-go
