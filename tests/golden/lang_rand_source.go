// math/rand: a Source made by NewSource(seed) gives Go's own sequence
// (every Rand method draws as Go's does).
package main

import (
	"fmt"
	"math/rand"
)

func main() {
	r := rand.New(rand.NewSource(42))
	fmt.Println(r.Intn(100), r.Intn(1000), r.Int63(), r.Int31n(10), r.Uint32(), r.Uint64())
	fmt.Printf("%.6f %.6f %.6f %.6f\n", r.Float64(), r.Float32(), r.NormFloat64(), r.ExpFloat64())
	fmt.Println(r.Perm(10))
	xs := []string{"a", "b", "c", "d", "e", "f", "g"}
	r.Shuffle(len(xs), func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
	fmt.Println(xs)
	buf := make([]byte, 5)
	r.Read(buf)
	fmt.Println(buf)
	r.Seed(7)
	fmt.Println(r.Intn(50), r.Int63n(1<<40), r.Int())
	s := rand.NewSource(-3)
	fmt.Println(s.Int63())
	x := rand.Intn(10)
	fmt.Println(x >= 0 && x < 10)
}
