// A loop that never ends, for the CLI's limit tests (tests/CMakeLists.txt):
// only a limit stops it.
package main

func main() {
	for {
	}
}
