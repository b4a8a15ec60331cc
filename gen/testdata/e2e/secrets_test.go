package secrets

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/webhook"
)

// A secret member two objects deep is never printed: not by the logger, not by fmt, not in a
// validation problem; the decoded value is there for the application and encodes back.
func TestSecretAtDepth(t *testing.T) {
	const password = "hunter2-but-much-longer"
	body := `{"type":"account_updated","content":{"account":{"id":"ac_1","login":{"user":"jo","password":"` + password + `"}}}}`
	e, err := Decode(AccountUpdated, 1, "application/json", []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	a := e.(*AccountUpdatedV1)
	if string(a.Content.Account.Login.Password) != password {
		t.Fatalf("password %q", a.Content.Account.Login.Password)
	}
	if got := string(a.AppendJSON(nil)); got != body {
		t.Errorf("encoded %s\nwant    %s", got, body)
	}
	var log bytes.Buffer
	slog.New(slog.NewJSONHandler(&log, nil)).Info("delivery", "event", a)
	if strings.Contains(log.String(), password) || !strings.Contains(log.String(), `"user":"jo"`) {
		t.Errorf("logged %s", log.String())
	}
	for _, verb := range []string{"%v", "%+v", "%s"} {
		if s := fmt.Sprintf(verb, a); strings.Contains(s, password) {
			t.Errorf("%s prints the password: %s", verb, s)
		}
	}
	err = a.Validate()
	var invalid *webhook.ValidationError
	if !errors.As(err, &invalid) || len(invalid.Problems) != 1 {
		t.Fatalf("a password over 16 characters: %v", err)
	}
	p := invalid.Problems[0]
	if p.Field != "content.account.login.password" || p.Rule != webhook.RuleMaxLength || !p.Redacted || p.Value != "" || strings.Contains(err.Error(), password) {
		t.Errorf("problem %+v, error %v", p, err)
	}
	if !SecretField("password") || SecretField("user") {
		t.Error("SecretField does not know the secret member")
	}
}
