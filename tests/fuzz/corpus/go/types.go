package main

import (
	"errors"
	"fmt"
	"strings"
)

type Shape interface {
	Area() float64
}

type Rect struct{ W, H float64 }
type Square struct {
	Rect
	name string
}

func (r Rect) Area() float64 { return r.W * r.H }
func (s *Square) Name() string { return strings.ToUpper(s.name) }

var errNeg = errors.New("negative")

func check(x int) (int, error) {
	if x < 0 {
		return 0, fmt.Errorf("check %d: %w", x, errNeg)
	}
	return x * 2, nil
}

func main() {
	var shapes []Shape = []Shape{Rect{2, 3}, &Square{Rect{2, 2}, "sq"}}
	for i, s := range shapes {
		switch v := s.(type) {
		case Rect:
			fmt.Println(i, "rect", v.Area())
		case *Square:
			fmt.Println(i, v.Name(), v.Area())
		default:
			fmt.Println("?")
		}
	}
	m := map[string][]int{"a": {1, 2}, "b": nil}
	m["c"] = append(m["c"], 3)
	delete(m, "a")
	if _, err := check(-1); errors.Is(err, errNeg) {
		fmt.Println(err, len(m))
	}
}
