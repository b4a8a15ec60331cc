package ccbill_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/hookspec/hookspec/ccbill"
	hookschema "github.com/hookspec/hookspec/jsonschema"
	"github.com/hookspec/hookspec/webhook"
)

// The benchmarks compare decode + Validate of NewSaleSuccessV6, with the guide's example values
// (all strings), against what a developer would otherwise write: encoding/json into a plain
// struct with no validation, url.ParseQuery with manual mapping, and validation against the
// generated JSON Schema with santhosh-tekuri/jsonschema/v6. Run them in one go:
//
//	go test ./ccbill -run '^$' -bench . -benchmem

func sampleBody(b *testing.B, form bool) []byte {
	s, err := ccbill.Sample(ccbill.NewSaleSuccess, 6)
	if err != nil {
		b.Fatal(err)
	}
	if form {
		return s.AppendForm(nil)
	}
	return s.AppendJSON(nil)
}

func BenchmarkNewSaleSuccessV6JSON(b *testing.B) {
	body := sampleBody(b, false)
	b.Run("hookspec-decode-validate", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			var e ccbill.NewSaleSuccessV6
			if err := e.UnmarshalJSON(body); err != nil {
				b.Fatal(err)
			}
			if err := e.Validate(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json-plain-struct", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			var p plainNewSaleSuccess
			if err := json.Unmarshal(body, &p); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("jsonschema-decode-validate", func(b *testing.B) {
		// The generated schema, compiled once; each iteration decodes the body as the
		// library's documentation does (jsonschema.UnmarshalJSON: numbers as json.Number) and
		// validates it.
		schema, err := hookschema.NewValidator().Schema("ccbill", "NewSaleSuccess", 6, false)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
			if err != nil {
				b.Fatal(err)
			}
			if err := schema.Validate(v); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkNewSaleSuccessV6Form(b *testing.B) {
	body := sampleBody(b, true)
	b.Run("hookspec-decode-validate", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			var e ccbill.NewSaleSuccessV6
			if err := e.UnmarshalForm(body); err != nil {
				b.Fatal(err)
			}
			if err := e.Validate(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("url-parsequery-manual-mapping", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			q, err := url.ParseQuery(string(body))
			if err != nil {
				b.Fatal(err)
			}
			_ = mapPlain(q)
		}
	})
}

func BenchmarkNewSaleSuccessV6Validate(b *testing.B) {
	var e ccbill.NewSaleSuccessV6
	if err := e.UnmarshalJSON(sampleBody(b, false)); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := e.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}

// plainNewSaleSuccess is the struct a developer would write by hand for NewSaleSuccess v6:
// every field a string (numbers would lose ids' leading zeros), no validation.
type plainNewSaleSuccess struct {
	SubscriptionID                 string `json:"subscriptionId"`
	TransactionID                  string `json:"transactionId"`
	ClientAccnum                   string `json:"clientAccnum"`
	ClientSubacc                   string `json:"clientSubacc"`
	Timestamp                      string `json:"timestamp"`
	FirstName                      string `json:"firstName"`
	LastName                       string `json:"lastName"`
	Address1                       string `json:"address1"`
	City                           string `json:"city"`
	State                          string `json:"state"`
	Country                        string `json:"country"`
	PostalCode                     string `json:"postalCode"`
	Email                          string `json:"email"`
	PhoneNumber                    string `json:"phoneNumber"`
	IPAddress                      string `json:"ipAddress"`
	ReservationID                  string `json:"reservationId"`
	Username                       string `json:"username"`
	Password                       string `json:"password"`
	FormName                       string `json:"formName"`
	FlexID                         string `json:"flexId"`
	ProductDesc                    string `json:"productDesc"`
	PriceDescription               string `json:"priceDescription"`
	RecurringPriceDescription      string `json:"recurringPriceDescription"`
	BilledInitialPrice             string `json:"billedInitialPrice"`
	BilledRecurringPrice           string `json:"billedRecurringPrice"`
	BilledCurrencyCode             string `json:"billedCurrencyCode"`
	SubscriptionInitialPrice       string `json:"subscriptionInitialPrice"`
	SubscriptionRecurringPrice     string `json:"subscriptionRecurringPrice"`
	SubscriptionCurrencyCode       string `json:"subscriptionCurrencyCode"`
	AccountingInitialPrice         string `json:"accountingInitialPrice"`
	AccountingRecurringPrice       string `json:"accountingRecurringPrice"`
	AccountingCurrencyCode         string `json:"accountingCurrencyCode"`
	InitialPeriod                  string `json:"initialPeriod"`
	RecurringPeriod                string `json:"recurringPeriod"`
	Rebills                        string `json:"rebills"`
	NextRenewalDate                string `json:"nextRenewalDate"`
	SubscriptionTypeID             string `json:"subscriptionTypeId"`
	DynamicPricingValidationDigest string `json:"dynamicPricingValidationDigest"`
	PaymentType                    string `json:"paymentType"`
	CardType                       string `json:"cardType"`
	Bin                            string `json:"bin"`
	PrePaid                        string `json:"prePaid"`
	Last4                          string `json:"last4"`
	ExpDate                        string `json:"expDate"`
	AVSResponse                    string `json:"avsResponse"`
	CVV2Response                   string `json:"cvv2Response"`
	AffiliateSystem                string `json:"affiliateSystem"`
	ReferringURL                   string `json:"referringUrl"`
	LifeTimeSubscription           string `json:"lifeTimeSubscription"`
	LifeTimePrice                  string `json:"lifeTimePrice"`
	PaymentAccount                 string `json:"paymentAccount"`
	ThreeDSecure                   string `json:"threeDSecure"`
}

// mapPlain is the manual mapping from parsed form values a developer would write.
func mapPlain(q url.Values) plainNewSaleSuccess {
	return plainNewSaleSuccess{
		SubscriptionID:                 q.Get("subscriptionId"),
		TransactionID:                  q.Get("transactionId"),
		ClientAccnum:                   q.Get("clientAccnum"),
		ClientSubacc:                   q.Get("clientSubacc"),
		Timestamp:                      q.Get("timestamp"),
		FirstName:                      q.Get("firstName"),
		LastName:                       q.Get("lastName"),
		Address1:                       q.Get("address1"),
		City:                           q.Get("city"),
		State:                          q.Get("state"),
		Country:                        q.Get("country"),
		PostalCode:                     q.Get("postalCode"),
		Email:                          q.Get("email"),
		PhoneNumber:                    q.Get("phoneNumber"),
		IPAddress:                      q.Get("ipAddress"),
		ReservationID:                  q.Get("reservationId"),
		Username:                       q.Get("username"),
		Password:                       q.Get("password"),
		FormName:                       q.Get("formName"),
		FlexID:                         q.Get("flexId"),
		ProductDesc:                    q.Get("productDesc"),
		PriceDescription:               q.Get("priceDescription"),
		RecurringPriceDescription:      q.Get("recurringPriceDescription"),
		BilledInitialPrice:             q.Get("billedInitialPrice"),
		BilledRecurringPrice:           q.Get("billedRecurringPrice"),
		BilledCurrencyCode:             q.Get("billedCurrencyCode"),
		SubscriptionInitialPrice:       q.Get("subscriptionInitialPrice"),
		SubscriptionRecurringPrice:     q.Get("subscriptionRecurringPrice"),
		SubscriptionCurrencyCode:       q.Get("subscriptionCurrencyCode"),
		AccountingInitialPrice:         q.Get("accountingInitialPrice"),
		AccountingRecurringPrice:       q.Get("accountingRecurringPrice"),
		AccountingCurrencyCode:         q.Get("accountingCurrencyCode"),
		InitialPeriod:                  q.Get("initialPeriod"),
		RecurringPeriod:                q.Get("recurringPeriod"),
		Rebills:                        q.Get("rebills"),
		NextRenewalDate:                q.Get("nextRenewalDate"),
		SubscriptionTypeID:             q.Get("subscriptionTypeId"),
		DynamicPricingValidationDigest: q.Get("dynamicPricingValidationDigest"),
		PaymentType:                    q.Get("paymentType"),
		CardType:                       q.Get("cardType"),
		Bin:                            q.Get("bin"),
		PrePaid:                        q.Get("prePaid"),
		Last4:                          q.Get("last4"),
		ExpDate:                        q.Get("expDate"),
		AVSResponse:                    q.Get("avsResponse"),
		CVV2Response:                   q.Get("cvv2Response"),
		AffiliateSystem:                q.Get("affiliateSystem"),
		ReferringURL:                   q.Get("referringUrl"),
		LifeTimeSubscription:           q.Get("lifeTimeSubscription"),
		LifeTimePrice:                  q.Get("lifeTimePrice"),
		PaymentAccount:                 q.Get("paymentAccount"),
		ThreeDSecure:                   q.Get("threeDSecure"),
	}
}

// BenchmarkHandler measures the whole receiving path in process: the source check, the query,
// the body read, the delivery key (SHA-256), decoding NewSaleSuccessV6 JSON, validation, the
// callback and the answer. Deliveries per second per core is the figure to watch:
//
//	go test ./ccbill -run '^$' -bench Handler -benchmem -cpu 1
func BenchmarkHandler(b *testing.B) {
	body := sampleBody(b, false)
	for _, variant := range []struct {
		name    string
		logger  *slog.Logger
		account string
	}{
		// The handler as NewHandler makes it by default, logging discarded.
		{"default", slog.New(slog.DiscardHandler), ""},
		// With the optional account check, which reads the body's account fields too.
		{"account-check", slog.New(slog.DiscardHandler), "900100"},
		// With the account check and a JSON log line per delivery.
		{"account-check-json-log", slog.New(slog.NewJSONHandler(io.Discard, nil)), "900100"},
	} {
		b.Run("NewSaleSuccessV6-JSON/"+variant.name, func(b *testing.B) {
			var delivered int
			h, err := ccbill.NewHandler(ccbill.HandlerConfig{
				OnEvent: func(_ context.Context, d *ccbill.Delivery) error {
					if d.Validation != nil {
						return d.Validation
					}
					delivered++
					return nil
				},
				ClientAccnum: variant.account,
				Options:      webhook.Options{Logger: variant.logger},
			})
			if err != nil {
				b.Fatal(err)
			}
			req := httptest.NewRequest(http.MethodPost, "/webhooks?clientAccnum=900100&clientSubacc=0000&eventType=NewSaleSuccess&eventGroupType=Subscription", nil)
			req.RemoteAddr = "64.38.212.7:41234"
			req.Header.Set("Content-Type", "application/json")
			req.ContentLength = int64(len(body))
			reader := bytes.NewReader(body)
			req.Body = io.NopCloser(reader)
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				reader.Reset(body)
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("status %d: %s", w.Code, w.Body)
				}
			}
			b.ReportMetric(float64(delivered)/b.Elapsed().Seconds(), "deliveries/s")
		})
	}
}
