package compat

import (
	"encoding/json"
	"testing"
)

func TestLevel(t *testing.T) {
	for _, tc := range []struct {
		level Level
		name  string
	}{{LevelInfo, "info"}, {LevelWarning, "warning"}, {LevelBreaking, "breaking"}} {
		if got := tc.level.String(); got != tc.name {
			t.Errorf("Level(%d).String() = %q, want %q", int(tc.level), got, tc.name)
		}
		parsed, err := ParseLevel(tc.name)
		if err != nil || parsed != tc.level {
			t.Errorf("ParseLevel(%q) = %v, %v; want %v", tc.name, parsed, err, tc.level)
		}
		data, err := json.Marshal(tc.level)
		if err != nil || string(data) != `"`+tc.name+`"` {
			t.Errorf("json.Marshal(%v) = %s, %v", tc.level, data, err)
		}
		var back Level
		if err := json.Unmarshal(data, &back); err != nil || back != tc.level {
			t.Errorf("json.Unmarshal(%s) = %v, %v; want %v", data, back, err, tc.level)
		}
	}
	if got := Level(7).String(); got != "level 7" {
		t.Errorf("Level(7).String() = %q", got)
	}
	if !(LevelInfo < LevelWarning && LevelWarning < LevelBreaking) {
		t.Error("levels are not ordered by how much they matter")
	}
}

func TestLevelErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"unknown name", "fatal", `level "fatal": want info, warning or breaking`},
		{"wrong case", "Breaking", `level "Breaking": want info, warning or breaking`},
		{"empty", "", `level "": want info, warning or breaking`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := ParseLevel(tc.in); err == nil || err.Error() != tc.want {
				t.Errorf("ParseLevel(%q) error = %v, want %s", tc.in, err, tc.want)
			}
		})
	}
	kept := LevelWarning
	if err := json.Unmarshal([]byte(`null`), &kept); err != nil || kept != LevelWarning {
		t.Errorf("json null: level %v, error %v; want the level kept and no error", kept, err)
	}
	for _, tc := range []struct{ name, json, want string }{
		{"number", `2`, "level: want a string (info, warning or breaking): json: cannot unmarshal number into Go value of type string"},
		{"unknown name", `"fatal"`, `level "fatal": want info, warning or breaking`},
	} {
		t.Run("json "+tc.name, func(t *testing.T) {
			var l Level
			if err := json.Unmarshal([]byte(tc.json), &l); err == nil || err.Error() != tc.want {
				t.Errorf("json.Unmarshal(%s) error = %v, want %s", tc.json, err, tc.want)
			}
		})
	}
}

func TestChangeString(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    Change
		want string
	}{
		{"between versions", Change{Rule: "enum-value-added", Level: LevelWarning, Event: "NewSaleSuccess", From: 5, To: 6, Field: "cardType", New: "MAESTRO"},
			"NewSaleSuccess v5 → v6: cardType [warning] enum-value-added: MAESTRO"},
		{"both sides", Change{Rule: "max-length-increased", Level: LevelBreaking, Event: "Refund", From: 1, To: 2, Field: "reason", Old: "64", New: "128"},
			"Refund v1 → v2: reason [breaking] max-length-increased: 64 → 128"},
		{"removed", Change{Rule: "field-removed", Level: LevelBreaking, Event: "Refund", From: 2, To: 1, Field: "reason", Old: "varchar(64)"},
			"Refund v2 → v1: reason [breaking] field-removed: varchar(64)"},
		{"one version of two captures", Change{Rule: "field-added", Level: LevelInfo, Event: "Refund", From: 2, To: 2, Field: "note"},
			"Refund v2: note [info] field-added"},
		{"version added", Change{Rule: "version-added", Level: LevelInfo, Event: "Refund", To: 3}, "Refund v3 [info] version-added"},
		{"version removed", Change{Rule: "version-removed", Level: LevelBreaking, Event: "Refund", From: 1}, "Refund v1 [breaking] version-removed"},
		{"event added", Change{Rule: "event-added", Level: LevelInfo, Event: "OrderShipped", New: "v1 v2"}, "OrderShipped [info] event-added: v1 v2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.c.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestChangeJSON(t *testing.T) {
	c := Change{Rule: "field-added", Level: LevelInfo, Event: "Refund", From: 1, To: 2, Field: "note", New: "varchar(64)",
		Source: &VersionRef{Event: "Refund", Version: 2}}
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"rule":"field-added","level":"info","event":"Refund","from":1,"to":2,"field":"note","new":"varchar(64)","source":{"event":"Refund","version":2}}`
	if string(data) != want {
		t.Errorf("json.Marshal = %s\nwant %s", data, want)
	}
	var back Change
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if back.String() != c.String() || back.Source == nil || *back.Source != *c.Source {
		t.Errorf("round trip gives %+v, want %+v", back, c)
	}
}

// FuzzLevelJSON holds Level's JSON decoder to its encoder: any input either fails with an error
// or decodes to a level that encodes back to the same name.
func FuzzLevelJSON(f *testing.F) {
	for _, seed := range []string{`"info"`, `"warning"`, `"breaking"`, `"fatal"`, `2`, `null`, `"`, `"\u0069nfo"`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var l Level
		if err := json.Unmarshal(data, &l); err != nil {
			return
		}
		if l < LevelInfo || l > LevelBreaking {
			t.Fatalf("%q decodes to %d, no level", data, int(l))
		}
		out, err := json.Marshal(l)
		if err != nil {
			t.Fatal(err)
		}
		var back Level
		if err := json.Unmarshal(out, &back); err != nil || back != l {
			t.Fatalf("%q → %v → %s → %v, %v", data, l, out, back, err)
		}
	})
}
