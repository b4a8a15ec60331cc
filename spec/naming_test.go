package spec

import "testing"

func TestGoName(t *testing.T) {
	tests := map[string]string{
		"subscriptionId": "SubscriptionID", "flexId": "FlexID", "flexID": "FlexID",
		"ipAddress": "IPAddress", "threeDSecure": "ThreeDSecure", "cvv2Response": "CVV2Response",
		"avsResponse": "AVSResponse", "referringUrl": "ReferringURL", "last4": "Last4",
		"clientAccnum": "ClientAccnum", "customer_fname": "CustomerFname", "AUTH_SUCCESS": "AuthSuccess",
		"NOT_APPLICABLE": "NotApplicable", "VISA": "Visa", "0": "N0", "X-formDigest": "XFormDigest",
		"originalSubscriptionId": "OriginalSubscriptionID", "paymentType": "PaymentType",
	}
	for in, want := range tests {
		if got := GoName(in); got != want {
			t.Errorf("GoName(%q) = %q, want %q", in, got, want)
		}
	}
}
