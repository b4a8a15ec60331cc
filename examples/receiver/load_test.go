package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/webhook"
)

// The load and fault test (issue 18): three receiver processes share one PostgreSQL, 32
// senders post 20,000 distinct deliveries spread over them, with 10% sent again to the same
// replica and 10% to another; mid-run one replica is killed (SIGKILL, by its process id) and
// restarted, and the database is cut off for a few seconds by a TCP proxy in front of it.
// Senders behave as the vendor: any answer but 200, or none, is retried, to another replica,
// after a pause. At the end every distinct delivery is stored exactly once, every delivery
// without a row was never answered 2xx, and none answered 200 is missing. Everything is on
// loopback and bounded in count and time.
const (
	loadDeliveries  = 20000
	loadSenders     = 32
	loadReplicas    = 3
	loadExactShare  = 10 // percent of deliveries redelivered to the same replica
	loadOtherShare  = 10 // percent redelivered to another replica
	loadMaxAttempts = 60 // per post; with the pauses, well beyond any outage the test makes
	loadDeadline    = 6 * time.Minute
	loadOutage      = 3 * time.Second
)

func TestLoadAndFaults(t *testing.T) {
	dsn := newPostgresDatabase(t)
	direct := openPostgresDatabase(t, dsn)
	dbURL, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	proxy := startCutProxy(t, dbURL.Host)
	viaProxy := *dbURL
	viaProxy.Host = proxy.addr()

	bin := buildBinary(t, ".", ".", "receiver")
	replicas := make([]*replica, loadReplicas)
	for i := range replicas {
		replicas[i] = startReplica(t, bin, "127.0.0.1:0", viaProxy.String())
	}

	posts := loadPosts(t)
	sends, exact, other := loadSchedule(posts)
	ctx, cancel := context.WithTimeout(context.Background(), loadDeadline)
	defer cancel()

	rec := &loadRecord{answers: make([][]int, len(posts))}
	client := &http.Client{
		Transport: &http.Transport{MaxIdleConnsPerHost: loadSenders, MaxConnsPerHost: 2 * loadSenders},
		Timeout:   30 * time.Second,
	}
	defer client.CloseIdleConnections()

	// The faults, at fixed points of the run: a replica killed at 25% of the sends, restarted a
	// second later; the database cut off at 55% for loadOutage.
	var done atomic.Int64
	faults := make(chan error, 2)
	var healthDuringOutage atomic.Int32
	go func() {
		waitFor(ctx, func() bool { return done.Load() >= int64(len(sends))/4 })
		victim := replicas[1]
		pid := victim.cmd.Process.Pid
		t.Logf("killing replica 1 (pid %d) at %d sends", pid, done.Load())
		if err := victim.cmd.Process.Kill(); err != nil {
			faults <- fmt.Errorf("kill replica 1 (pid %d): %v", pid, err)
			return
		}
		victim.waitExit()
		time.Sleep(time.Second)
		if err := victim.start(); err != nil {
			faults <- fmt.Errorf("restart replica 1: %v", err)
			return
		}
		t.Logf("replica 1 restarted (pid %d) at %d sends", replicas[1].pid(), done.Load())
		faults <- nil
	}()
	go func() {
		waitFor(ctx, func() bool { return done.Load() >= int64(len(sends))*55/100 })
		t.Logf("cutting the database off at %d sends", done.Load())
		proxy.cut()
		// /healthz must say the replica cannot store while the database is away.
		deadline := time.Now().Add(loadOutage)
		for time.Now().Before(deadline) {
			if status, err := getStatus(client, replicas[0].url()+"/healthz"); err == nil && status == 503 {
				healthDuringOutage.Store(503)
			}
			time.Sleep(200 * time.Millisecond)
		}
		proxy.restore()
		t.Logf("database back at %d sends", done.Load())
		faults <- nil
	}()

	queue := make(chan loadSend)
	go func() {
		defer close(queue)
		for _, s := range sends {
			select {
			case queue <- s:
			case <-ctx.Done():
				return
			}
		}
	}()
	start := time.Now()
	var wg sync.WaitGroup
	for range loadSenders {
		wg.Go(func() {
			for s := range queue {
				rec.deliver(ctx, client, replicas, posts, s)
				done.Add(1)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	for range 2 {
		select {
		case err := <-faults:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(time.Minute):
			t.Fatal("a fault did not happen: the run ended before it")
		}
	}
	if err := ctx.Err(); err != nil {
		t.Fatalf("the run did not finish within %v: %d of %d sends done", loadDeadline, done.Load(), len(sends))
	}
	for _, r := range replicas {
		r.stop(t)
	}

	// What the database holds, read directly rather than through the proxy.
	stored := map[string]int{}
	rows, err := direct.Query(`SELECT delivery_key, count(*) FROM deliveries GROUP BY delivery_key`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var key string
		var n int
		if err := rows.Scan(&key, &n); err != nil {
			t.Fatal(err)
		}
		stored[key] = n
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	var ledger int
	if err := direct.QueryRow(`SELECT count(*) FROM delivery_keys`).Scan(&ledger); err != nil {
		t.Fatal(err)
	}

	var (
		duplicated, lost, unanswered int
		sent                         = map[string]bool{}
	)
	for i, p := range posts {
		key := p.key()
		sent[key] = true
		answered2xx := slices.ContainsFunc(rec.answers[i], func(s int) bool { return s >= 200 && s < 300 })
		switch n := stored[key]; {
		case n > 1:
			duplicated++
			t.Errorf("delivery %d (%s) stored %d times", i, key, n)
		case n == 0 && answered2xx:
			lost++
			t.Errorf("delivery %d (%s) answered %v but not stored", i, key, rec.answers[i])
		case n == 0:
			unanswered++ // never answered 2xx: the vendor would still retry it
		}
	}
	for key := range stored {
		if !sent[key] {
			t.Errorf("a row for key %s, which no sender posted", key)
		}
	}
	if unanswered > 0 {
		t.Errorf("%d deliveries never answered 200 within %d attempts each", unanswered, loadMaxAttempts)
	}
	if ledger != len(stored) {
		t.Errorf("%d keys in the ledger, %d distinct deliveries stored", ledger, len(stored))
	}
	if healthDuringOutage.Load() != 503 {
		t.Errorf("/healthz never answered 503 while the database was cut off")
	}

	lat := rec.latencies()
	t.Logf("load and fault test: %d distinct deliveries, %d scheduled posts (%d exact redeliveries, %d to another replica), %d attempts in %v",
		len(posts), len(sends), exact, other, rec.attempts.Load(), elapsed.Round(time.Millisecond))
	t.Logf("throughput: %.0f deliveries/s, %.0f attempts/s; latency of answered attempts: p50 %v, p99 %v, max %v",
		float64(len(posts))/elapsed.Seconds(), float64(rec.attempts.Load())/elapsed.Seconds(),
		percentile(lat, 50), percentile(lat, 99), percentile(lat, 100))
	t.Logf("answers: %s; connection errors: %d; attempts after a failed one: %d",
		rec.statusCounts(), rec.transportErrors.Load(), rec.retried.Load())
	t.Logf("stored: %d distinct deliveries, %d rows in the ledger; duplicated %d, lost (answered 2xx, not stored) %d, never answered 200 %d",
		len(stored), ledger, duplicated, lost, unanswered)
}

// loadPosts are the distinct deliveries: NewSaleSuccess events with unique ids, a quarter as
// form posts.
func loadPosts(t *testing.T) []post {
	t.Helper()
	posts := make([]post, loadDeliveries)
	seen := make(map[string]bool, loadDeliveries)
	for i := range posts {
		e, err := ccbill.Sample(ccbill.NewSaleSuccess, 6)
		if err != nil {
			t.Fatal(err)
		}
		sale := e.(*ccbill.NewSaleSuccessV6)
		sale.SubscriptionID = fmt.Sprintf("07130244%011d", i)
		sale.TransactionID = fmt.Sprintf("07121911%011d", i)
		p := post{eventType: string(ccbill.NewSaleSuccess), format: webhook.JSON, body: sale.AppendJSON(nil)}
		if i%4 == 0 {
			p.format, p.body = webhook.Form, sale.AppendForm(nil)
		}
		if seen[p.key()] {
			t.Fatalf("delivery %d repeats a key", i)
		}
		seen[p.key()] = true
		posts[i] = p
	}
	return posts
}

// loadSend is one scheduled post: a delivery to a replica.
type loadSend struct {
	delivery, replica int
}

// loadSchedule spreads the deliveries over the replicas and adds the redeliveries, in a random
// order, so that a redelivery may come long after its first post or race it. It returns how
// many redeliveries go to the same replica and how many to another.
func loadSchedule(posts []post) (sends []loadSend, exact, other int) {
	rng := rand.New(rand.NewPCG(18, 2026)) // fixed: every run sends the same schedule
	for i := range posts {
		r := i % loadReplicas
		sends = append(sends, loadSend{i, r})
		switch p := rng.IntN(100); {
		case p < loadExactShare:
			sends = append(sends, loadSend{i, r})
			exact++
		case p < loadExactShare+loadOtherShare:
			sends = append(sends, loadSend{i, (r + 1 + rng.IntN(loadReplicas-1)) % loadReplicas})
			other++
		}
	}
	rng.Shuffle(len(sends), func(i, j int) { sends[i], sends[j] = sends[j], sends[i] })
	return sends, exact, other
}

// loadRecord is what the senders saw.
type loadRecord struct {
	mu              sync.Mutex
	answers         [][]int // per delivery, every status it was answered with, in order
	latency         []time.Duration
	attempts        atomic.Int64
	transportErrors atomic.Int64
	retried         atomic.Int64
}

// deliver posts s as the vendor would: until it is answered 200, pausing between attempts and
// moving to the next replica, as a load balancer would after a failure.
func (rec *loadRecord) deliver(ctx context.Context, client *http.Client, replicas []*replica, posts []post, s loadSend) {
	p := posts[s.delivery]
	for attempt := range loadMaxAttempts {
		if ctx.Err() != nil {
			return
		}
		if attempt > 0 {
			rec.retried.Add(1)
			time.Sleep(min(time.Duration(attempt)*50*time.Millisecond, 500*time.Millisecond))
		}
		target := replicas[(s.replica+attempt)%len(replicas)]
		start := time.Now()
		status, _, err := p.do(client, target.url())
		took := time.Since(start)
		rec.attempts.Add(1)
		if err != nil {
			rec.transportErrors.Add(1)
			continue
		}
		rec.mu.Lock()
		rec.answers[s.delivery] = append(rec.answers[s.delivery], status)
		rec.latency = append(rec.latency, took)
		rec.mu.Unlock()
		if status == http.StatusOK {
			return
		}
	}
}

func (rec *loadRecord) latencies() []time.Duration {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	l := slices.Clone(rec.latency)
	slices.Sort(l)
	return l
}

func (rec *loadRecord) statusCounts() string {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	counts := map[int]int{}
	for _, a := range rec.answers {
		for _, s := range a {
			counts[s]++
		}
	}
	var parts []string
	for _, s := range slices.Sorted(func(yield func(int) bool) {
		for s := range counts {
			if !yield(s) {
				return
			}
		}
	}) {
		parts = append(parts, fmt.Sprintf("%d×%d", counts[s], s))
	}
	return strings.Join(parts, ", ")
}

// percentile of sorted durations, nearest rank.
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100
	return sorted[max(i-1, 0)].Round(10 * time.Microsecond)
}

func waitFor(ctx context.Context, cond func() bool) {
	for !cond() && ctx.Err() == nil {
		time.Sleep(10 * time.Millisecond)
	}
}

func getStatus(client *http.Client, u string) (int, error) {
	resp, err := client.Get(u)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// replica is one receiver process of the load test, restartable on its address.
type replica struct {
	bin, db string
	mu      sync.Mutex
	cmd     *exec.Cmd
	addr    string // 127.0.0.1:PORT, kept across restarts
	logs    *lockedBuffer
	eof     chan struct{} // closed when the current process's stderr is read to the end
}

// startReplica starts the receiver binary on addr ("127.0.0.1:0" for a free port) and waits
// until it listens.
func startReplica(t *testing.T, bin, addr, db string) *replica {
	t.Helper()
	r := &replica{bin: bin, db: db, addr: addr, logs: &lockedBuffer{}}
	if err := r.start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		r.mu.Lock()
		cmd := r.cmd
		r.mu.Unlock()
		if cmd.ProcessState == nil { // the test failed before stopping it
			cmd.Process.Kill()
			<-r.eof
			cmd.Wait()
		}
	})
	return r
}

func (r *replica) url() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return "http://" + r.addr
}

func (r *replica) pid() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.cmd.Process.Pid
}

// start starts the process on the replica's address; after a kill, the same port (Go's
// listeners set SO_REUSEADDR, so the dead process's closing connections do not hold it).
func (r *replica) start() error {
	r.mu.Lock()
	addr := r.addr
	r.mu.Unlock()
	cmd := exec.Command(r.bin, "-addr", addr, "-db", r.db, "-allow", "127.0.0.1/32")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start a replica: %v", err)
	}
	eof := make(chan struct{})
	listening := make(chan string, 1)
	go func() {
		defer close(eof)
		lines := bufio.NewScanner(stderr)
		lines.Buffer(make([]byte, 64<<10), 1<<20)
		for lines.Scan() {
			line := lines.Bytes()
			var record struct{ Msg, Addr string }
			if json.Unmarshal(line, &record) == nil {
				switch record.Msg {
				case "listening":
					listening <- record.Addr
				case "webhook delivered", "webhook redelivery of a delivery already taken":
					continue // one a post: thousands, and nothing to look at
				}
			}
			r.logs.Write(append(line, '\n'))
		}
	}()
	select {
	case addr := <-listening:
		r.mu.Lock()
		r.cmd, r.eof, r.addr = cmd, eof, addr
		r.mu.Unlock()
		return nil
	case <-eof:
		cmd.Wait()
		return fmt.Errorf("a replica on %s exited before listening:\n%s", addr, r.logs.String())
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		<-eof
		cmd.Wait()
		return fmt.Errorf("a replica on %s did not listen within 30 s:\n%s", addr, r.logs.String())
	}
}

// waitExit waits for a killed replica's process to end.
func (r *replica) waitExit() {
	r.mu.Lock()
	cmd, eof := r.cmd, r.eof
	r.mu.Unlock()
	<-eof
	cmd.Wait()
}

// stop sends SIGINT and checks that the replica shuts down cleanly.
func (r *replica) stop(t *testing.T) {
	t.Helper()
	r.mu.Lock()
	cmd, eof := r.cmd, r.eof
	r.mu.Unlock()
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatalf("signal replica %s: %v", r.addr, err)
	}
	select {
	case <-eof:
	case <-time.After(30 * time.Second):
		t.Fatalf("replica %s did not stop within 30 s of SIGINT:\n%s", r.addr, r.logs.String())
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("replica %s exited with %v:\n%s", r.addr, err, r.logs.String())
	}
}

// cutProxy forwards loopback TCP connections to the database; cut closes every connection and
// refuses new ones until restore, as a database that went away would.
type cutProxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	isCut  bool
	conns  map[net.Conn]struct{}
}

func startCutProxy(t *testing.T, target string) *cutProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cutProxy{ln: ln, target: target, conns: map[net.Conn]struct{}{}}
	go p.serve()
	t.Cleanup(func() {
		ln.Close()
		p.cut()
	})
	return p
}

func (p *cutProxy) addr() string { return p.ln.Addr().String() }

func (p *cutProxy) serve() {
	for {
		client, err := p.ln.Accept()
		if err != nil {
			return // closed
		}
		p.mu.Lock()
		refused := p.isCut
		p.mu.Unlock()
		if refused {
			client.Close()
			continue
		}
		go p.forward(client)
	}
}

func (p *cutProxy) forward(client net.Conn) {
	server, err := net.DialTimeout("tcp", p.target, 5*time.Second)
	if err != nil {
		client.Close()
		return
	}
	p.mu.Lock()
	if p.isCut {
		p.mu.Unlock()
		client.Close()
		server.Close()
		return
	}
	p.conns[client], p.conns[server] = struct{}{}, struct{}{}
	p.mu.Unlock()
	var wg sync.WaitGroup
	pipe := func(dst, src net.Conn) {
		defer wg.Done()
		io.Copy(dst, src)
		dst.Close()
		src.Close()
	}
	wg.Add(2)
	go pipe(server, client)
	go pipe(client, server)
	wg.Wait()
	p.mu.Lock()
	delete(p.conns, client)
	delete(p.conns, server)
	p.mu.Unlock()
}

func (p *cutProxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.isCut = true
	for c := range p.conns {
		c.Close()
	}
}

func (p *cutProxy) restore() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.isCut = false
}
