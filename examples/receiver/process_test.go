package main

import (
	"bufio"
	"bytes"
	"database/sql"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/webhook"
)

// These tests build binaries and run them as a merchant would: the receiver, and the
// repository's hookcheck CLI posting to it.

// buildBinary runs `go build -o` in dir and returns the binary's path.
func buildBinary(t *testing.T, dir, pkg, name string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command on PATH to build %s: %v", name, err)
	}
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	out := filepath.Join(t.TempDir(), name)
	cmd := exec.Command(goTool, "build", "-o", out, pkg)
	cmd.Dir = dir
	if output, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s in %s: %v\n%s", pkg, dir, err, output)
	}
	return out
}

// receiverProcess is the receiver binary, running.
type receiverProcess struct {
	cmd    *exec.Cmd
	url    string // http://127.0.0.1:PORT
	dbPath string
	logs   *lockedBuffer
	eof    chan struct{} // closed when the process's stderr is read to the end
}

// startReceiverProcess builds and starts the receiver on a free loopback port, accepting posts
// from 127.0.0.1 (for testing only, as -allow says), and waits until it listens.
func startReceiverProcess(t *testing.T, args ...string) *receiverProcess {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the test stops the receiver with SIGINT, which Windows cannot send to a process")
	}
	bin := buildBinary(t, ".", ".", "receiver")
	p := &receiverProcess{dbPath: filepath.Join(t.TempDir(), "webhooks.db"), logs: &lockedBuffer{}, eof: make(chan struct{})}
	args = append([]string{"-addr", "127.0.0.1:0", "-db", p.dbPath, "-allow", "127.0.0.1/32"}, args...)
	p.cmd = exec.Command(bin, args...)
	stderr, err := p.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatalf("start the receiver: %v", err)
	}
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil { // the test failed before stopping it
			p.cmd.Process.Kill()
			<-p.eof
			p.cmd.Wait()
		}
	})
	listening := make(chan string, 1)
	go func() {
		defer close(p.eof)
		lines := bufio.NewScanner(stderr)
		for lines.Scan() {
			line := lines.Bytes()
			p.logs.Write(append(line, '\n'))
			var record struct{ Msg, Addr string }
			if json.Unmarshal(line, &record) == nil && record.Msg == "listening" {
				listening <- record.Addr
			}
		}
	}()
	select {
	case addr := <-listening:
		p.url = "http://" + addr
	case <-p.eof:
		t.Fatalf("the receiver exited before listening:\n%s", p.logs.String())
	case <-time.After(30 * time.Second):
		t.Fatalf("the receiver did not listen within 30 s:\n%s", p.logs.String())
	}
	return p
}

// stop sends SIGINT and checks that the receiver shuts down gracefully, with status 0.
func (p *receiverProcess) stop(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatalf("signal the receiver: %v", err)
	}
	select {
	case <-p.eof:
	case <-time.After(30 * time.Second):
		t.Fatalf("the receiver did not stop within 30 s of SIGINT:\n%s", p.logs.String())
	}
	if err := p.cmd.Wait(); err != nil {
		t.Fatalf("the receiver exited with %v:\n%s", err, p.logs.String())
	}
	if !strings.Contains(p.logs.String(), `"msg":"shut down"`) {
		t.Errorf("the receiver did not log its shutdown:\n%s", p.logs.String())
	}
}

func openDatabase(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// answeredKey finds the delivery key in the handler's 200 answer ("ok key=…"), which hookcheck
// send prints.
var answeredKey = regexp.MustCompile(`\bkey=([0-9a-f]{64})\b`)

// TestReceiverProcess runs the receiver binary: a post is stored, a redelivery is not, and
// SIGINT shuts it down cleanly.
func TestReceiverProcess(t *testing.T) {
	p := startReceiverProcess(t, "-version", "NewSaleSuccess=6", "-account", "900100")
	sale := samplePost(t, ccbill.NewSaleSuccess, 6, webhook.JSON)
	for range 2 {
		if status, text := sale.send(t, http.DefaultClient, p.url); status != 200 {
			t.Fatalf("status %d (%q)", status, text)
		}
	}
	resp, err := http.Get(p.url + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("/healthz: status %d", resp.StatusCode)
	}
	p.stop(t)
	rows := deliveryRows(t, openDatabase(t, p.dbPath))
	if len(rows) != 1 || rows[0].key != sale.key() {
		t.Errorf("rows %+v, want one with key %s", rows, sale.key())
	}
	logs := p.logs.String()
	if strings.Contains(logs, samplePassword) {
		t.Errorf("the password is in the log:\n%s", logs)
	}
	if !strings.Contains(logs, "for testing only") {
		t.Errorf("the log does not warn that -allow is for testing:\n%s", logs)
	}
}

// TestHookcheckSend builds the repository's hookcheck CLI and has `hookcheck send` post
// the guide's examples to the receiver binary.
func TestHookcheckSend(t *testing.T) {
	hookcheck := buildBinary(t, filepath.Join("..", ".."), "./cmd/hookcheck", "hookcheck")
	probe, _ := exec.Command(hookcheck, "send", "-h").CombinedOutput()
	if bytes.Contains(probe, []byte(`unknown command "send"`)) {
		t.Skip(`skipped: the hookcheck built from ../../cmd/hookcheck has no "send" subcommand yet (hookcheck send -h: unknown command)`)
	}
	p := startReceiverProcess(t)
	db := openDatabase(t, p.dbPath)
	// send runs hookcheck send and returns the delivery key the receiver answered 200 with.
	send := func(args ...string) string {
		t.Helper()
		args = append([]string{"send", "-url", p.url + "/webhooks"}, args...)
		out, err := exec.Command(hookcheck, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("hookcheck %s: %v\n%s\nreceiver log:\n%s", strings.Join(args, " "), err, out, p.logs.String())
		}
		m := answeredKey.FindSubmatch(out)
		if m == nil {
			t.Fatalf("hookcheck %s printed no delivery key:\n%s", strings.Join(args, " "), out)
		}
		return string(m[1])
	}

	sale := send("-event", "NewSaleSuccess")
	cancellation := send("-event", "Cancellation", "-format", "form")
	fixed := send("-event", "NewSaleSuccess", "-fixed")
	if again := send("-event", "NewSaleSuccess", "-fixed"); again != fixed {
		t.Errorf("the same -fixed event sent twice has keys %s and %s", fixed, again)
	}
	if sale == fixed {
		t.Errorf("NewSaleSuccess with and without -fixed have the same key %s", sale)
	}
	wantEvents := map[string]string{sale: "NewSaleSuccess", fixed: "NewSaleSuccess", cancellation: "Cancellation"}

	rows := deliveryRows(t, db)
	if len(rows) != len(wantEvents) {
		t.Errorf("%d rows, want %d (the repeated -fixed post is a redelivery)", len(rows), len(wantEvents))
	}
	for _, r := range rows {
		if r.eventType != wantEvents[r.key] {
			t.Errorf("row %s: %s, want %q", r.key, r.eventType, wantEvents[r.key])
		}
		if r.source != "127.0.0.1" || !r.valid {
			t.Errorf("row %s %s: source %s, valid %v (problems %s)", r.key, r.eventType, r.source, r.valid, r.problems.String)
		}
		if strings.Contains(r.payload, samplePassword) {
			t.Errorf("row %s: the password is stored in clear: %s", r.key, r.payload)
		}
		var payload map[string]string
		if err := json.Unmarshal([]byte(r.payload), &payload); err != nil {
			t.Fatalf("row %s: payload %s: %v", r.key, r.payload, err)
		}
		if pw := payload["password"]; pw != webhook.Redacted && (pw != "" || r.key == fixed) {
			t.Errorf("row %s: password stored as %q, want %q", r.key, pw, webhook.Redacted)
		}
		switch r.key {
		case sale, fixed:
			if r.format != "json" || r.version != ccbill.Latest(ccbill.NewSaleSuccess) {
				t.Errorf("NewSaleSuccess row %s in %s, version %d; want json, the latest version", r.key, r.format, r.version)
			}
		case cancellation:
			if r.format != "form" || r.version != 1 {
				t.Errorf("Cancellation row in %s, version %d; want form, version 1", r.format, r.version)
			}
		}
	}
	if rejections := rejectionRows(t, db); len(rejections) != 0 {
		t.Errorf("rejections: %+v", rejections)
	}
	p.stop(t)
}
