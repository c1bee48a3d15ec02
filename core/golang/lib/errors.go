// Package errors: New, Is, As, Unwrap, Join, in Go (as Go's own).
package errors

func New(text string) error {
	return &errorString{text}
}

type errorString struct {
	s string
}

func (e *errorString) Error() string {
	return e.s
}

func Unwrap(err error) error {
	u, ok := err.(interface{ Unwrap() error })
	if !ok {
		return nil
	}
	return u.Unwrap()
}

func Is(err, target error) bool {
	if target == nil {
		return err == target
	}
	return walk(err, func(err error) bool {
		if err == target {
			return true
		}
		x, ok := err.(interface{ Is(error) bool })
		return ok && x.Is(target)
	})
}

// As finds the first error in err's chain that can be assigned to the
// variable target points to. gort has no reflection: assign (native) makes
// the assignment when err's dynamic type is target's element type (or
// implements it, for an interface).
func As(err error, target any) bool {
	if target == nil {
		panic("errors: target cannot be nil")
	}
	return walk(err, func(err error) bool {
		if assign(err, target) {
			return true
		}
		x, ok := err.(interface{ As(any) bool })
		return ok && x.As(target)
	})
}

// walk calls match on err and each error it wraps, depth first, until
// match reports true.
func walk(err error, match func(error) bool) bool {
	for err != nil {
		if match(err) {
			return true
		}
		switch x := err.(type) {
		case interface{ Unwrap() error }:
			err = x.Unwrap()
		case interface{ Unwrap() []error }:
			for _, err := range x.Unwrap() {
				if walk(err, match) {
					return true
				}
			}
			return false
		default:
			return false
		}
	}
	return false
}

func assign(err error, target any) bool

func Join(errs ...error) error {
	n := 0
	for _, err := range errs {
		if err != nil {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	e := &joinError{errs: make([]error, 0, n)}
	for _, err := range errs {
		if err != nil {
			e.errs = append(e.errs, err)
		}
	}
	return e
}

type joinError struct {
	errs []error
}

func (e *joinError) Error() string {
	var b []byte
	for i, err := range e.errs {
		if i > 0 {
			b = append(b, '\n')
		}
		b = append(b, err.Error()...)
	}
	return string(b)
}

func (e *joinError) Unwrap() []error {
	return e.errs
}

var ErrUnsupported = New("unsupported operation")
