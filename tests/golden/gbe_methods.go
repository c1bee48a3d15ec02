// Go by Example: methods. Value and pointer receivers; Go takes the
// address or dereferences as needed.
package main

import "fmt"

type rect struct {
	width, height int
}

func (r *rect) area() int {
	return r.width * r.height
}

func (r rect) perim() int {
	return 2*r.width + 2*r.height
}

func (r *rect) scale(k int) {
	r.width *= k
	r.height *= k
}

func (r rect) grow(k int) rect {
	r.width += k
	r.height += k
	return r
}

type counter int

func (c *counter) inc() { *c++ }

func (c counter) String() string { return fmt.Sprintf("counter(%d)", int(c)) }

func main() {
	r := rect{width: 10, height: 5}
	fmt.Println("area: ", r.area())
	fmt.Println("perim:", r.perim())
	rp := &r
	fmt.Println("area: ", rp.area())
	fmt.Println("perim:", rp.perim())
	r.scale(2)
	g := r.grow(1)
	fmt.Println(r, g)
	area := r.area
	perim := rect.perim
	r.width = 1
	fmt.Println(area(), perim(r))
	var c counter
	c.inc()
	c.inc()
	fmt.Println(c)
	fmt.Printf("%v %d\n", c, c)
}
