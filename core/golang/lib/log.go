// Package log: logging to standard error with a date and time prefix (the
// run's clock, from the playground's 2009-11-10 23:00:00 UTC).
package log

import (
	"fmt"
	"io"
	"os"
	"time"
)

const (
	Ldate = 1 << iota
	Ltime
	Lmicroseconds
	Llongfile
	Lshortfile
	LUTC
	Lmsgprefix
	LstdFlags = Ldate | Ltime
)

type Logger struct {
	out    io.Writer
	prefix string
	flag   int
}

func New(out io.Writer, prefix string, flag int) *Logger {
	return &Logger{out, prefix, flag}
}

var std = New(os.Stderr, "", LstdFlags)

func Default() *Logger { return std }

func itoa(b []byte, i int, wid int) []byte {
	var buf [20]byte
	bp := len(buf) - 1
	for i >= 10 || wid > 1 {
		wid--
		q := i / 10
		buf[bp] = byte('0' + i - q*10)
		bp--
		i = q
	}
	buf[bp] = byte('0' + i)
	return append(b, buf[bp:]...)
}

// stamp is the run's wall clock (time.Time's String) in log's format.
func (l *Logger) header(b []byte) []byte {
	if l.flag&Lmsgprefix == 0 {
		b = append(b, l.prefix...)
	}
	if l.flag&(Ldate|Ltime|Lmicroseconds) != 0 {
		s := time.Now().String() // 2009-11-10 23:00:00.1 +0000 UTC m=+0.1
		date := s[:10]
		clock := s[11:19]
		if l.flag&Ldate != 0 {
			b = append(b, date[0:4]...)
			b = append(b, '/')
			b = append(b, date[5:7]...)
			b = append(b, '/')
			b = append(b, date[8:10]...)
			b = append(b, ' ')
		}
		if l.flag&(Ltime|Lmicroseconds) != 0 {
			b = append(b, clock...)
			if l.flag&Lmicroseconds != 0 {
				us := 0
				if len(s) > 20 && s[19] == '.' {
					frac := s[20:]
					for i := 0; i < 6; i++ {
						us *= 10
						if i < len(frac) && frac[i] >= '0' && frac[i] <= '9' {
							us += int(frac[i] - '0')
						}
					}
				}
				b = append(b, '.')
				b = itoa(b, us, 6)
			}
			b = append(b, ' ')
		}
	}
	if l.flag&Lmsgprefix != 0 {
		b = append(b, l.prefix...)
	}
	return b
}

func (l *Logger) Output(calldepth int, s string) error {
	b := l.header(nil)
	b = append(b, s...)
	if len(s) == 0 || s[len(s)-1] != '\n' {
		b = append(b, '\n')
	}
	_, err := l.out.Write(b)
	return err
}

func (l *Logger) Println(v ...any)               { l.Output(2, fmt.Sprintln(v...)) }
func (l *Logger) Printf(format string, v ...any) { l.Output(2, fmt.Sprintf(format, v...)) }
func (l *Logger) Print(v ...any)                 { l.Output(2, fmt.Sprint(v...)) }
func (l *Logger) Fatal(v ...any) {
	l.Output(2, fmt.Sprint(v...))
	os.Exit(1)
}
func (l *Logger) Fatalf(format string, v ...any) {
	l.Output(2, fmt.Sprintf(format, v...))
	os.Exit(1)
}
func (l *Logger) Fatalln(v ...any) {
	l.Output(2, fmt.Sprintln(v...))
	os.Exit(1)
}
func (l *Logger) Panic(v ...any) {
	s := fmt.Sprint(v...)
	l.Output(2, s)
	panic(s)
}
func (l *Logger) Panicf(format string, v ...any) {
	s := fmt.Sprintf(format, v...)
	l.Output(2, s)
	panic(s)
}
func (l *Logger) Panicln(v ...any) {
	s := fmt.Sprintln(v...)
	l.Output(2, s)
	panic(s)
}
func (l *Logger) SetFlags(flag int)       { l.flag = flag }
func (l *Logger) Flags() int              { return l.flag }
func (l *Logger) SetPrefix(prefix string) { l.prefix = prefix }
func (l *Logger) Prefix() string          { return l.prefix }
func (l *Logger) SetOutput(w io.Writer)   { l.out = w }
func (l *Logger) Writer() io.Writer       { return l.out }

func Println(v ...any)               { std.Output(2, fmt.Sprintln(v...)) }
func Printf(format string, v ...any) { std.Output(2, fmt.Sprintf(format, v...)) }
func Print(v ...any)                 { std.Output(2, fmt.Sprint(v...)) }
func Fatal(v ...any)                 { std.Fatal(v...) }
func Fatalf(format string, v ...any) { std.Fatalf(format, v...) }
func Fatalln(v ...any)               { std.Fatalln(v...) }
func Panic(v ...any)                 { std.Panic(v...) }
func Panicf(format string, v ...any) { std.Panicf(format, v...) }
func Panicln(v ...any)               { std.Panicln(v...) }
func SetFlags(flag int)              { std.SetFlags(flag) }
func Flags() int                     { return std.Flags() }
func SetPrefix(prefix string)        { std.SetPrefix(prefix) }
func Prefix() string                 { return std.Prefix() }
func SetOutput(w io.Writer)          { std.SetOutput(w) }
func Writer() io.Writer              { return std.Writer() }
