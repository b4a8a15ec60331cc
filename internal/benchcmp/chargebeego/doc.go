// Package chargebeego compares hookspec's generated chargebee package with chargebee-go, the
// vendor's Go SDK, on the same real webhook bodies: what each decodes, and how fast. It holds only
// tests and benchmarks, in a module of its own so that the main module never depends on
// chargebee-go; README.md says how to run them and what they found.
package chargebeego
