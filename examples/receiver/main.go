// Command receiver receives CCBill and Chargebee webhooks and stores each delivery once, in
// SQLite or, for several replicas behind a load balancer, in PostgreSQL.
//
//	receiver [-addr 127.0.0.1:8080] [-db webhooks.db | -db postgres://…] [-allow CIDR]...
//	         [-trusted-proxy CIDR]... [-account N] [-subaccount N] [-version Event=N]...
//	         [-strict] [-retry-horizon 720h]
//	         [-chargebee-user USER] [-chargebee-key KEY] [-chargebee-version N]...
//
// CCBill's deliveries are posted to /webhooks (or /webhooks/ccbill), Chargebee's to
// /webhooks/chargebee, which is on only with credentials to check (-chargebee-user with
// $CHARGEBEE_WEBHOOK_PASSWORD, or -chargebee-key). Chargebee's events are stored once by their id,
// and each resource's state is applied only when its resource_version is newer than the stored
// one; /healthz answers 200 while the database can store a
// delivery, 503 when it cannot. Every delivery's key is recorded once in the delivery_keys
// ledger (webhook/sqlstore), in the transaction that writes its row in deliveries, so a
// redelivery, to this process or another replica, is answered 200 without a second row; posts
// that cannot be decoded land in the rejections table. See README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"net/netip"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/hookspec/hookspec/ccbill"
)

// The server's timeouts. ReadHeaderTimeout and ReadTimeout stop a slow client from holding a
// connection open; WriteTimeout is above storeTimeout, so a slow database is answered 500
// rather than cut off; IdleTimeout closes kept-alive connections CCBill no longer uses.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 15 * time.Second
	writeTimeout      = 30 * time.Second
	idleTimeout       = 60 * time.Second
	// shutdownTimeout is how long in-flight posts get to finish after SIGINT or SIGTERM. A post
	// cut off is not answered 200, so CCBill delivers it again.
	shutdownTimeout = 20 * time.Second
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, stop, os.Args[1:], os.Stderr)
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
	case errors.Is(err, errUsage):
		os.Exit(2)
	default:
		fmt.Fprintf(os.Stderr, "receiver: %v\n", err)
		os.Exit(1)
	}
}

// config is what the flags say.
type config struct {
	addr           string
	dbPath         string
	allow          prefixList
	trustedProxies prefixList
	account        string
	subaccount     string
	versions       eventVersions
	strict         bool
	retryHorizon   time.Duration
	chargebee      chargebeeConfig
}

// errUsage is a flag error whose message the flag package has printed.
var errUsage = errors.New("usage")

func parseFlags(args []string, output io.Writer) (*config, error) {
	cfg := &config{versions: eventVersions{}}
	fs := flag.NewFlagSet("receiver", flag.ContinueOnError)
	fs.SetOutput(output)
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "address to listen on (port 0 picks a free port; the log says which)")
	fs.StringVar(&cfg.dbPath, "db", "webhooks.db", "a SQLite database file, created when missing, or a postgres:// URL shared by replicas")
	fs.Var(&cfg.allow, "allow", "FOR TESTING ONLY: a CIDR to accept posts from besides CCBill's published ranges, e.g. 127.0.0.1/32 for hookcheck send (repeatable)")
	fs.Var(&cfg.trustedProxies, "trusted-proxy", "a CIDR of your own reverse proxies or load balancers, whose X-Forwarded-For is believed (repeatable)")
	fs.StringVar(&cfg.account, "account", "", "your CCBill account number (clientAccnum); posts for another account are rejected")
	fs.StringVar(&cfg.subaccount, "subaccount", "", "your CCBill subaccount (clientSubacc); posts for another subaccount are rejected")
	fs.Var(cfg.versions, "version", "Event=N: the version configured in CCBill's admin for an event type, e.g. NewSaleSuccess=6; others decode as their latest (repeatable)")
	fs.BoolVar(&cfg.strict, "strict", false, "also report members the configured version does not define as validation problems")
	fs.DurationVar(&cfg.retryHorizon, "retry-horizon", defaultRetryHorizon, "how long delivery keys are remembered: longer than CCBill or Chargebee may redeliver a post")
	fs.StringVar(&cfg.chargebee.user, "chargebee-user", "", "the Basic authentication user name set for the webhook in Chargebee; enables /webhooks/chargebee (the password: $"+chargebeePasswordEnv+")")
	fs.StringVar(&cfg.chargebee.password, "chargebee-password", "", "the Basic authentication password (it shows in the process list: prefer $"+chargebeePasswordEnv+")")
	fs.StringVar(&cfg.chargebee.key, "chargebee-key", "", "a secret key Chargebee's webhook URL carries in its key parameter, at least 16 characters (prefer $"+chargebeeKeyEnv+"); enables /webhooks/chargebee")
	fs.Var(&cfg.chargebee.versions, "chargebee-version", "an API version /webhooks/chargebee accepts, e.g. 2 (repeatable; default: every version); posts in another go to the rejections")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(output, "receiver: unexpected arguments %q\n", fs.Args())
		fs.Usage()
		return nil, errUsage
	}
	if err := cfg.chargebee.readSecretsFromEnv(os.Getenv); err != nil {
		fmt.Fprintf(output, "receiver: %v\n", err)
		return nil, errUsage
	}
	return cfg, nil
}

// run serves until ctx is done, then shuts down gracefully. stop, when not nil, is called once
// shutdown begins, so that a second signal ends the process at once.
func run(ctx context.Context, stop func(), args []string, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewJSONHandler(stderr, nil))
	slog.SetDefault(logger)

	store, err := openStore(ctx, cfg.dbPath, cfg.retryHorizon)
	if err != nil {
		return err
	}
	defer store.Close() // on the error paths; closing twice is harmless
	rc := &receiver{store: store, log: logger, apply: applyEvent, now: time.Now}
	webhooks, err := newWebhookHandler(cfg, rc, logger)
	if err != nil {
		return err
	}
	mux := newMux(webhooks, store, logger)
	if err := mountChargebee(mux, cfg, rc, logger); err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10, // CCBill's query strings and headers are short
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.addr, err)
	}
	logger.Info("listening", "addr", ln.Addr().String(), "webhooks", "/webhooks", "chargebee", cfg.chargebee.enabled(), "db", store.name,
		"versions", cfg.versions.String(), "strict", cfg.strict)
	if len(cfg.allow) > 0 {
		logger.Warn("accepting posts from -allow ranges besides CCBill's: for testing only, remove -allow in production",
			"allow", cfg.allow.String())
	}

	expiring, stopExpiring := context.WithCancel(context.Background())
	expired := make(chan struct{})
	go func() {
		defer close(expired)
		expireKeysPeriodically(expiring, store, cfg.retryHorizon, logger)
	}()
	defer func() { stopExpiring(); <-expired }() // before the deferred Close: LIFO

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	if stop != nil {
		stop()
	}
	logger.Info("shutting down: finishing in-flight posts", "timeout", shutdownTimeout.String())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shut down the server: %w", err)
	}
	stopExpiring()
	<-expired
	if err := store.Close(); err != nil {
		return err
	}
	logger.Info("shut down")
	return nil
}

// expireInterval is how often delivery keys older than the retry horizon are deleted. Every
// replica does it; concurrent runs are harmless, and each is bounded batches.
const expireInterval = time.Hour

// expireKeysPeriodically deletes expired delivery keys now and every expireInterval until ctx
// is done. A failure is logged and retried at the next tick: keys kept longer cost only rows.
func expireKeysPeriodically(ctx context.Context, store *Store, horizon time.Duration, logger *slog.Logger) {
	tick := time.NewTicker(expireInterval)
	defer tick.Stop()
	for {
		n, err := store.Expire(ctx)
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			logger.LogAttrs(ctx, slog.LevelError, "expiring delivery keys failed", slog.String("error", err.Error()))
		case n > 0:
			logger.LogAttrs(ctx, slog.LevelInfo, "expired delivery keys", slog.Int64("count", n), slog.String("older_than", horizon.String()))
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// prefixList is a repeatable CIDR flag.
type prefixList []netip.Prefix

func (l *prefixList) String() string {
	if l == nil {
		return ""
	}
	s := make([]string, len(*l))
	for i, p := range *l {
		s[i] = p.String()
	}
	return strings.Join(s, ",")
}

// Set reads a CIDR ("127.0.0.1/32", "10.0.0.0/8", "::1/128"); a bare address is taken as
// itself alone.
func (l *prefixList) Set(s string) error {
	p, err := netip.ParsePrefix(s)
	if err != nil {
		a, addrErr := netip.ParseAddr(s)
		if addrErr != nil {
			return fmt.Errorf("%q is not a CIDR such as 127.0.0.1/32", s)
		}
		p = netip.PrefixFrom(a, a.BitLen())
	}
	*l = append(*l, p)
	return nil
}

// eventVersions is the repeatable -version Event=N flag.
type eventVersions map[ccbill.EventType]int

func (v eventVersions) String() string {
	var s []string
	for _, t := range slices.Sorted(maps.Keys(v)) {
		s = append(s, fmt.Sprintf("%s=%d", t, v[t]))
	}
	return strings.Join(s, ",")
}

// Set reads Event=N and checks that the generated package has that version.
func (v eventVersions) Set(s string) error {
	name, number, ok := strings.Cut(s, "=")
	if !ok || name == "" {
		return fmt.Errorf("%q: want Event=N, e.g. NewSaleSuccess=6", s)
	}
	n, err := strconv.Atoi(number)
	if err != nil {
		return fmt.Errorf("%q: version %q is not a number", s, number)
	}
	t := ccbill.EventType(name)
	if _, err := ccbill.New(t, n); err != nil {
		return err // names the event and, for a known one, its versions
	}
	if _, dup := v[t]; dup {
		return fmt.Errorf("%s: version given twice", t)
	}
	v[t] = n
	return nil
}
