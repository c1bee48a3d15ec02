// Package os: standard output and error, Exit.
package os

import "errors"

var (
	ErrNotExist   = errors.New("file does not exist")
	ErrExist      = errors.New("file already exists")
	ErrPermission = errors.New("permission denied")
)

type File struct {
	fd int
}

var (
	Stdin  = &File{0}
	Stdout = &File{1}
	Stderr = &File{2}
)

func (f *File) Write(b []byte) (n int, err error)

func (f *File) WriteString(s string) (n int, err error) {
	return f.Write([]byte(s))
}

func Exit(code int)

var Args = []string{"prog"}

func Getenv(key string) string { return "" }
