package webhook

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
)

// BasicCredentials are a user name and password a vendor is configured to send with HTTP Basic
// authentication. A Handler takes several, so that credentials can be rotated: configure the new
// pair beside the old one, change it at the vendor, then remove the old one.
type BasicCredentials struct {
	User     string
	Password Secret
}

// authenticator checks the credentials of a post against every configured pair and key, in
// time that does not depend on which one matches or how much of one does: it compares digests
// of equal length, and never stops early.
type authenticator struct {
	realm string
	basic []credentialDigest
	keys  [][sha256.Size]byte
}

type credentialDigest struct {
	user, password [sha256.Size]byte
}

func newAuthenticator(vendor string, basic []BasicCredentials, keys []Secret) (*authenticator, error) {
	a := &authenticator{realm: vendor + " webhooks"}
	var errs []error
	for i, c := range basic {
		if c.User == "" || c.Password == "" {
			errs = append(errs, fmt.Errorf("BasicAuth[%d]: a user name and a password are required", i))
			continue
		}
		a.basic = append(a.basic, credentialDigest{sha256.Sum256([]byte(c.User)), sha256.Sum256([]byte(c.Password))})
	}
	for i, k := range keys {
		if len(k) < 16 {
			errs = append(errs, fmt.Errorf("URLKeys[%d]: %d characters; a key in a URL must be at least 16 long to resist guessing", i, len(k)))
			continue
		}
		a.keys = append(a.keys, sha256.Sum256([]byte(k)))
	}
	return a, errors.Join(errs...)
}

// basicOK reports whether the request carries one of the configured Basic credentials.
func (a *authenticator) basicOK(r *http.Request) bool {
	user, password, ok := r.BasicAuth()
	if !ok {
		return false
	}
	u, p := sha256.Sum256([]byte(user)), sha256.Sum256([]byte(password))
	match := 0
	for _, c := range a.basic {
		match |= subtle.ConstantTimeCompare(u[:], c.user[:]) & subtle.ConstantTimeCompare(p[:], c.password[:])
	}
	return match == 1
}

// keyOK reports whether key is one of the configured URL keys.
func (a *authenticator) keyOK(key string) bool {
	if key == "" {
		return false
	}
	k := sha256.Sum256([]byte(key))
	match := 0
	for _, want := range a.keys {
		match |= subtle.ConstantTimeCompare(k[:], want[:])
	}
	return match == 1
}

// challenge is the WWW-Authenticate header of a 401 answer.
func (a *authenticator) challenge() string {
	return `Basic realm="` + a.realm + `", charset="UTF-8"`
}
