// Go by Example: interfaces. Method sets, interface values, type
// assertions and switches, the empty interface, Stringer.
package main

import (
	"fmt"
	"math"
)

type geometry interface {
	area() float64
	perim() float64
}

type rect struct {
	width, height float64
}

type circle struct {
	radius float64
}

func (r rect) area() float64   { return r.width * r.height }
func (r rect) perim() float64  { return 2*r.width + 2*r.height }
func (c circle) area() float64 { return math.Pi * c.radius * c.radius }
func (c circle) perim() float64 {
	return 2 * math.Pi * c.radius
}

func measure(g geometry) {
	fmt.Println(g)
	fmt.Println(g.area())
	fmt.Println(g.perim())
}

func detectCircle(g geometry) {
	if c, ok := g.(circle); ok {
		fmt.Println("circle with radius", c.radius)
	}
}

type temp float64

func (t temp) String() string { return fmt.Sprintf("%.1f°C", float64(t)) }

func describe(i interface{}) string {
	switch v := i.(type) {
	case nil:
		return "nil"
	case int, int64:
		return fmt.Sprintf("integer %v", v)
	case string:
		return "string of length " + fmt.Sprint(len(v))
	case fmt.Stringer:
		return "stringer " + v.String()
	case error:
		return "error " + v.Error()
	default:
		return fmt.Sprintf("something else: %T", v)
	}
}

func main() {
	r := rect{width: 3, height: 4}
	c := circle{radius: 5}
	measure(r)
	measure(c)
	detectCircle(r)
	detectCircle(c)
	for _, x := range []interface{}{nil, 1, int64(2), "hey", temp(21.5), fmt.Errorf("oops"), 3.5, []int{1}} {
		fmt.Println(describe(x))
	}
	var g geometry
	fmt.Println(g == nil)
	g = r
	_, isCircle := g.(circle)
	fmt.Println(g != nil, isCircle)
	var s fmt.Stringer = temp(-3)
	fmt.Println(s, s.String())
}
