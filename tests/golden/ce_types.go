// Mismatched types and a missing return do not compile.
package main

func f(n int) string {
	if n > 0 {
		return "positive"
	}
}

func main() {
	var s string = f(1) + 2
	_ = s
}

//golden:by-hand does not compile (Go 1.19 words its errors differently)
