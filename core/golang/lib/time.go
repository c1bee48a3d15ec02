// Package time: gort's time, on the run's clock (real or virtual).
// A Time is nanoseconds since the run started, as gort::Time.
package time

type Duration int64

const (
	Nanosecond  Duration = 1
	Microsecond          = 1000 * Nanosecond
	Millisecond          = 1000 * Microsecond
	Second               = 1000 * Millisecond
	Minute               = 60 * Second
	Hour                 = 60 * Minute
)

func (d Duration) String() string

func (d Duration) Nanoseconds() int64 { return int64(d) }

func (d Duration) Microseconds() int64 { return int64(d) / 1e3 }

func (d Duration) Milliseconds() int64 { return int64(d) / 1e6 }

func (d Duration) Seconds() float64 {
	sec := d / Second
	nsec := d % Second
	return float64(sec) + float64(nsec)/1e9
}

func (d Duration) Minutes() float64 {
	min := d / Minute
	nsec := d % Minute
	return float64(min) + float64(nsec)/(60*1e9)
}

func (d Duration) Hours() float64 {
	hour := d / Hour
	nsec := d % Hour
	return float64(hour) + float64(nsec)/(60*60*1e9)
}

func (d Duration) Truncate(m Duration) Duration {
	if m <= 0 {
		return d
	}
	return d - d%m
}

// Round as Go's: halfway values round away from zero; saturates.
func (d Duration) Round(m Duration) Duration {
	if m <= 0 {
		return d
	}
	r := d % m
	if d < 0 {
		r = -r
		if r+r < m {
			return d + r
		}
		if d1 := d - m + r; d1 < d {
			return d1
		}
		return minDuration
	}
	if r+r < m {
		return d - r
	}
	if d1 := d + m - r; d1 > d {
		return d1
	}
	return maxDuration
}

func (d Duration) Abs() Duration {
	switch {
	case d >= 0:
		return d
	case d == minDuration:
		return maxDuration
	default:
		return -d
	}
}

const (
	minDuration Duration = -1 << 63
	maxDuration Duration = 1<<63 - 1
)

type Time struct {
	ns int64
}

func Now() Time

func Since(t Time) Duration { return Now().Sub(t) }

func Until(t Time) Duration { return t.Sub(Now()) }

func (t Time) Sub(u Time) Duration { return Duration(t.ns - u.ns) }

func (t Time) Add(d Duration) Time { return Time{t.ns + int64(d)} }

func (t Time) After(u Time) bool { return t.ns > u.ns }

func (t Time) Before(u Time) bool { return t.ns < u.ns }

func (t Time) Equal(u Time) bool { return t.ns == u.ns }

func (t Time) Compare(u Time) int {
	switch {
	case t.ns < u.ns:
		return -1
	case t.ns > u.ns:
		return 1
	}
	return 0
}

func (t Time) IsZero() bool { return t.ns == 0 }

func (t Time) UnixNano() int64 { return t.ns + epochNs }

func (t Time) UnixMilli() int64 { return t.UnixNano() / 1e6 }

func (t Time) Unix() int64 { return t.UnixNano() / 1e9 }

func (t Time) String() string

// The wall clock a run starts at: the Go playground's 2009-11-10 23:00:00 UTC.
const epochNs = 1257894000 * 1e9

func Sleep(d Duration)

func After(d Duration) <-chan Time

func Tick(d Duration) <-chan Time

type Timer struct {
	C <-chan Time
	h uintptr
}

func NewTimer(d Duration) *Timer

func (t *Timer) Stop() bool

func (t *Timer) Reset(d Duration) bool

func AfterFunc(d Duration, f func()) *Timer {
	t := NewTimer(d)
	go func() {
		if _, ok := <-t.C; ok {
			f()
		}
	}()
	return t
}

type Ticker struct {
	C <-chan Time
	h uintptr
}

func NewTicker(d Duration) *Ticker

func (t *Ticker) Stop()

func (t *Ticker) Reset(d Duration)
