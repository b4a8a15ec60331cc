package main

import (
	"database/sql"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/webhook"
)

// TestNoSecretInStoredRows is the receiver's part of issue 19's matrix (the library's and
// hookcheck's is cmd/hookcheck's TestNoSecretInAnyOutput): every CCBill event's latest version,
// in each of its formats, and Chargebee events, posted with secrets where real traffic puts
// them, to a strict receiver.
// No secret may appear in any column of any table, in the log or in an answer. Two places keep
// values on purpose and are checked for less:
//
//   - the rejections table's body is the post as received, kept to replay it: it holds what the
//     post held (the schema says so, and asks for restricted access);
//   - a delivery's payload keeps the values of members the version does not define whose names
//     are not secret ("X-ref"): they are the event's data, as an e-mail address is. They stay
//     out of problems and logs.
func TestNoSecretInStoredRows(t *testing.T) {
	srv := startTestServer(t, func(c *config) {
		c.strict = true
		withChargebee()(c)
	}, nil)
	var secrets, data []string
	posts := 0
	for i, c := range storedSecretCases {
		for _, et := range ccbill.Events() {
			version := ccbill.Latest(et)
			e, err := ccbill.Sample(et, version)
			if err != nil {
				t.Fatal(err)
			}
			var ms memberList
			e.WriteFields(&ms)
			for _, format := range e.Formats().List() {
				if c.formats != 0 && !c.formats.Has(format) {
					continue
				}
				secret := fmt.Sprintf("Rq%02dLeak%sW", i, format)
				p := post{eventType: string(et), format: format}
				var postData []string
				p.body, postData = c.build(ms, format, secret)
				secrets = append(secrets, secret)
				data = append(data, postData...)
				status, text := p.send(t, http.DefaultClient, srv.url)
				if status != http.StatusOK {
					t.Errorf("%s %s %s: answer %d %s", c.name, et, format, status, text)
				}
				for _, s := range append(postData, secret) {
					if strings.Contains(text, s) {
						t.Errorf("%s %s %s: the answer quotes %q: %s", c.name, et, format, s, text)
					}
				}
				posts++
			}
		}
	}
	for i, c := range chargebeeSecretCases {
		secret := fmt.Sprintf("Cq%02dLeakW", i)
		body, postData := c.build(fmt.Sprintf("ev_matrix_%02d", i), secret)
		secrets = append(secrets, secret)
		data = append(data, postData...)
		status, text := postChargebee(t, srv.url, cbUser, cbPassword, body)
		if status != http.StatusOK {
			t.Errorf("chargebee %s: answer %d %s", c.name, status, text)
		}
		for _, s := range append(postData, secret) {
			if strings.Contains(text, s) {
				t.Errorf("chargebee %s: the answer quotes %q: %s", c.name, s, text)
			}
		}
		posts++
	}
	if posts == 0 {
		t.Fatal("nothing posted")
	}

	for _, cell := range storedCells(t, srv.db) {
		if cell.table == "rejections" && cell.column == "body" {
			continue // the post as received, for replay
		}
		check := secrets
		if !(cell.table == "deliveries" && cell.column == "payload") {
			check = append(slices.Clone(secrets), data...)
		}
		for _, s := range check {
			if strings.Contains(cell.value, s) {
				t.Errorf("%s.%s stores %q: %.400s", cell.table, cell.column, s, cell.value)
				break
			}
		}
	}
	logs := srv.logs.String()
	for _, s := range append(secrets, data...) {
		if strings.Contains(logs, s) {
			i := strings.Index(logs, s)
			t.Errorf("the log holds %q: …%s…", s, logs[max(0, i-300):min(len(logs), i+300)])
			break
		}
	}
	var deliveries, rejections int
	srv.db.QueryRow(`SELECT count(*) FROM deliveries`).Scan(&deliveries)
	srv.db.QueryRow(`SELECT count(*) FROM rejections`).Scan(&rejections)
	if deliveries == 0 || rejections == 0 || deliveries+rejections != posts {
		t.Errorf("%d posts stored as %d deliveries and %d rejections", posts, deliveries, rejections)
	}
}

// storedSecretCase is one way a secret reaches the receiver.
type storedSecretCase struct {
	name    string
	formats webhook.FormatSet // 0: every format of the version
	// build returns the body and the values that are data rather than secrets.
	build func(ms memberList, f webhook.WireFormat, secret string) (body []byte, data []string)
}

var storedSecretCases = func() []storedSecretCase {
	cases := []storedSecretCase{
		{name: "typed", build: func(ms memberList, f webhook.WireFormat, secret string) ([]byte, []string) {
			return ms.withSecret(secret).encode(f), nil
		}},
		{name: "unknown member's value", build: func(ms memberList, f webhook.WireFormat, secret string) ([]byte, []string) {
			data := "Data" + secret[2:]
			return append(ms.withSecret(secret), member{name: "X-ref", value: data}).encode(f), []string{data}
		}},
		{name: "byte order mark", build: func(ms memberList, f webhook.WireFormat, secret string) ([]byte, []string) {
			return append([]byte("\xEF\xBB\xBF"), ms.withSecret(secret).encode(f)...), nil
		}},
		{name: "cut by an unencoded &", formats: webhook.FormatSet(webhook.Form), build: func(ms memberList, f webhook.WireFormat, secret string) ([]byte, []string) {
			return fmt.Appendf(ms.withoutSecret().encode(f), "&%s=%s&Tail%s", ms.secretName(), secret, secret), nil
		}},
		{name: "empty key", formats: webhook.FormatSet(webhook.Form), build: func(ms memberList, f webhook.WireFormat, secret string) ([]byte, []string) {
			return fmt.Appendf(ms.withoutSecret().encode(f), "&=%s", secret), nil
		}},
		{name: "unquoted value", formats: webhook.FormatSet(webhook.JSON), build: func(ms memberList, f webhook.WireFormat, secret string) ([]byte, []string) {
			body := ms.withoutSecret().encode(f)
			return fmt.Appendf(body[:len(body)-1], `,"%s":%s}`, ms.secretName(), secret), nil
		}},
		{name: "JSON without its '{'", formats: webhook.FormatSet(webhook.JSON), build: func(ms memberList, f webhook.WireFormat, secret string) ([]byte, []string) {
			return ms.withSecret(secret).encode(f)[1:], nil
		}},
	}
	for _, name := range []string{"Password", "PASSWORD", "X-password", "X-user-password", "X-passwd", "X-secret", "X-api_key", "X-token", "X-cardNumber", "X-cvv"} {
		cases = append(cases, storedSecretCase{name: name, build: func(ms memberList, f webhook.WireFormat, secret string) ([]byte, []string) {
			return append(ms.withSecret(secret), member{name: name, value: secret}).encode(f), nil
		}})
	}
	return cases
}()

// chargebeeSecretCase is one way a secret reaches the receiver's Chargebee endpoint: in a
// customer's custom field, at the envelope's top level, or in a body that cannot be read as sent.
type chargebeeSecretCase struct {
	name string
	// build returns the body of the event with the id, and the values that are data.
	build func(eventID, secret string) (body []byte, data []string)
}

var chargebeeSecretCases = func() []chargebeeSecretCase {
	customerField := func(name string) chargebeeSecretCase {
		return chargebeeSecretCase{name: "customer's " + name, build: func(id, secret string) ([]byte, []string) {
			return chargebeeBody(id, "cus_"+id, 1, fmt.Sprintf(`,%q:%q`, name, secret)), nil
		}}
	}
	cases := []chargebeeSecretCase{
		{name: "an unknown member's value", build: func(id, secret string) ([]byte, []string) {
			data := "Data" + secret[2:]
			return chargebeeBody(id, "cus_"+id, 1, fmt.Sprintf(`,"cf_note":%q`, data)), []string{data}
		}},
		{name: "a password at the top level", build: func(id, secret string) ([]byte, []string) {
			body := chargebeeBody(id, "cus_"+id, 1, "")
			return append(fmt.Appendf(nil, `{"password":%q,`, secret), body[1:]...), nil
		}},
		{name: "byte order mark", build: func(id, secret string) ([]byte, []string) {
			return append([]byte("\xEF\xBB\xBF"), chargebeeBody(id, "cus_"+id, 1, fmt.Sprintf(`,"cf_password":%q`, secret))...), nil
		}},
		{name: "JSON without its '{'", build: func(id, secret string) ([]byte, []string) {
			return chargebeeBody(id, "cus_"+id, 1, fmt.Sprintf(`,"cf_password":%q`, secret))[1:], nil
		}},
		{name: "unquoted value", build: func(id, secret string) ([]byte, []string) {
			return chargebeeBody(id, "cus_"+id, 1, `,"cf_password":`+secret), nil
		}},
	}
	for _, name := range []string{"cf_password", "Password", "cf_api_key", "auth_token", "card_number", "cvv", "cf_secret"} {
		cases = append(cases, customerField(name))
	}
	return cases
}()

type member struct {
	name, value string
	secret      bool
}

// memberList is a webhook.FieldWriter that keeps an event's members in wire order.
type memberList []member

func (l *memberList) Field(name, value string) {
	if value != "" {
		*l = append(*l, member{name: name, value: value})
	}
}

func (l *memberList) Secret(name string, value webhook.Secret) {
	*l = append(*l, member{name: name, value: string(value), secret: true})
}

func (l *memberList) Extra(fields webhook.Fields) {
	for _, f := range fields {
		*l = append(*l, member{name: f.Name, value: f.Value})
	}
}

// secretName is the version's secret field, or "password" for a version without one.
func (l memberList) secretName() string {
	for _, m := range l {
		if m.secret {
			return m.name
		}
	}
	return "password"
}

// withSecret sets the secret field to secret, or adds a password the version does not define.
func (l memberList) withSecret(secret string) memberList {
	out := slices.Clone(l)
	for i := range out {
		if out[i].secret {
			out[i].value = secret
			return out
		}
	}
	return append(out, member{name: "password", value: secret})
}

func (l memberList) withoutSecret() memberList {
	return slices.DeleteFunc(slices.Clone(l), func(m member) bool { return m.secret })
}

func (l memberList) encode(f webhook.WireFormat) []byte {
	fields := make(webhook.Fields, len(l))
	for i, m := range l {
		fields[i] = webhook.Field{Name: m.name, Value: m.value}
	}
	if f == webhook.JSON {
		w := webhook.NewJSONWriter(nil)
		w.Extra(fields)
		return w.Bytes()
	}
	w := webhook.NewFormWriter(nil)
	w.Extra(fields)
	return w.Bytes()
}

// storedCell is one value of one row of one table.
type storedCell struct{ table, column, value string }

// storedCells reads every column of every row of every table in the database, whatever the
// store's schema is today.
func storedCells(t *testing.T, db *sql.DB) []storedCell {
	t.Helper()
	tables, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for tables.Next() {
		var name string
		if err := tables.Scan(&name); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	tables.Close()
	var out []storedCell
	for _, table := range names {
		rows, err := db.Query(`SELECT * FROM "` + table + `"`)
		if err != nil {
			t.Fatal(err)
		}
		columns, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			values := make([]any, len(columns))
			ptrs := make([]any, len(columns))
			for i := range values {
				ptrs[i] = &values[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range values {
				text := fmt.Sprint(v)
				if b, ok := v.([]byte); ok {
					text = string(b)
				}
				out = append(out, storedCell{table: table, column: columns[i], value: text})
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	if len(out) == 0 {
		t.Fatal("nothing stored")
	}
	return out
}
