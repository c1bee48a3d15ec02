// Package strconv: conversions to and from strings, as Go's (number
// parsing and float formatting are native: lib_strconv.cpp).
package strconv

import "errors"

var ErrRange = errors.New("value out of range")

var ErrSyntax = errors.New("invalid syntax")

type NumError struct {
	Func string
	Num  string
	Err  error
}

func (e *NumError) Error() string {
	return "strconv." + e.Func + ": " + "parsing " + Quote(e.Num) + ": " + e.Err.Error()
}

func (e *NumError) Unwrap() error { return e.Err }

const IntSize = 64

func Itoa(i int) string { return FormatInt(int64(i), 10) }

func FormatInt(i int64, base int) string
func FormatUint(i uint64, base int) string
func FormatFloat(f float64, fmt byte, prec, bitSize int) string
func Quote(s string) string
func QuoteToASCII(s string) string
func QuoteRune(r rune) string
func QuoteRuneToASCII(r rune) string

func FormatBool(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func AppendInt(dst []byte, i int64, base int) []byte { return append(dst, FormatInt(i, base)...) }

func AppendQuote(dst []byte, s string) []byte { return append(dst, Quote(s)...) }

// parseInt (native) returns the value and 0, 1 (syntax) or 2 (range).
func parseInt(s string, base int, bitSize int, unsigned bool) (int64, int)

// parseFloat (native) returns the value and 0, 1 (syntax) or 2 (range).
func parseFloat(s string, bitSize int) (float64, int)

func numError(fn, s string, code int) error {
	if code == 1 {
		return &NumError{fn, s, ErrSyntax}
	}
	return &NumError{fn, s, ErrRange}
}

func Atoi(s string) (int, error) {
	v, code := parseInt(s, 10, 0, false)
	if code != 0 {
		return int(v), numError("Atoi", s, code)
	}
	return int(v), nil
}

func ParseInt(s string, base int, bitSize int) (int64, error) {
	v, code := parseInt(s, base, bitSize, false)
	if code != 0 {
		return v, numError("ParseInt", s, code)
	}
	return v, nil
}

func ParseUint(s string, base int, bitSize int) (uint64, error) {
	v, code := parseInt(s, base, bitSize, true)
	if code != 0 {
		return uint64(v), numError("ParseUint", s, code)
	}
	return uint64(v), nil
}

func ParseFloat(s string, bitSize int) (float64, error) {
	v, code := parseFloat(s, bitSize)
	if code != 0 {
		return v, numError("ParseFloat", s, code)
	}
	return v, nil
}

func ParseBool(str string) (bool, error) {
	switch str {
	case "1", "t", "T", "true", "TRUE", "True":
		return true, nil
	case "0", "f", "F", "false", "FALSE", "False":
		return false, nil
	}
	return false, &NumError{"ParseBool", str, ErrSyntax}
}

func Unquote(s string) (string, error) {
	v, ok := unquote(s)
	if !ok {
		return "", ErrSyntax
	}
	return v, nil
}

func unquote(s string) (string, bool)
