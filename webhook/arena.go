package webhook

import "unsafe"

// arena holds the decoded text of the escaped keys and values of one body, so that a body full
// of percent-encoding or JSON escapes costs one allocation instead of one per value. It is
// allocated on first use with the body's length as capacity; decoding never makes text longer
// than its encoding (but for numbers with exponents, whose growth numberGrowth bounds), so it
// normally never grows. Bytes once written are never written again
// (when it is full a new buffer replaces it and the old one is left to the strings that use
// it), which is what makes the strings made over it immutable, as strings.Builder's are.
type arena struct {
	buf []byte
}

// reserve makes room for n more bytes; total is the body's length, the size of a new buffer.
func (a *arena) reserve(n, total int) {
	if cap(a.buf)-len(a.buf) < n {
		a.buf = make([]byte, 0, max(total, n))
	}
}

// since returns the bytes written since start as a string, without copying them.
func (a *arena) since(start int) string {
	if len(a.buf) == start {
		return ""
	}
	return unsafe.String(&a.buf[start], len(a.buf)-start)
}
