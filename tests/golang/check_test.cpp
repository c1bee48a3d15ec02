// The type checker (core/golang/check_*.cpp): compile errors in current
// Go's (1.22+) words, at its positions, sorted, at most 10; and programs
// that must compile.
#include "golang_util.hpp"

using golang_test::errors_of;

namespace {

std::string wrap(const std::string& body, const std::string& imports = "") {
  return "package main\n\n" + imports + "func main() {\n" + body + "}\n";
}

}  // namespace

TEST_CASE("golang check: unused variables and imports, undefined names") {
  CHECK(errors_of("package main\n\nimport \"os\"\n\nfunc main() {\n\tx := 1\n\ty = 2\n}\n") ==
        "./prog.go:3:8: \"os\" imported and not used\n"
        "./prog.go:6:2: declared and not used: x\n"
        "./prog.go:7:2: undefined: y\n");
  // Assignment is not a use; a closure's use is.
  CHECK(errors_of(wrap("\tx := 1\n\tx = 2\n\ty := 0\n\tfunc() { _ = y }()\n")) ==
        "./prog.go:4:2: declared and not used: x\n");
  // x++ and x += 1 read x: Go builds these.
  CHECK(errors_of(wrap("\tn := 0\n\tn++\n\tm := 0\n\tm += 2\n")) == "");
  CHECK(errors_of("package main\n\nimport f \"fmt\"\n\nfunc main() {}\n") ==
        "./prog.go:3:8: \"fmt\" imported as f and not used\n");
}

TEST_CASE("golang check: untyped constants convert to their context, or say why not") {
  CHECK(errors_of(wrap("\tvar b byte = 300\n\t_ = b\n")) ==
        "./prog.go:4:15: cannot use 300 (untyped int constant) as uint8 value in variable "
        "declaration (overflows)\n");
  CHECK(errors_of(wrap("\tvar s string = 5\n\t_ = s\n")) ==
        "./prog.go:4:17: cannot use 5 (untyped int constant) as string value in variable "
        "declaration\n");
  CHECK(errors_of(wrap("\tx := \"a\" + 1\n\t_ = x\n")) ==
        "./prog.go:4:7: invalid operation: \"a\" + 1 (mismatched types untyped string and untyped "
        "int)\n");
  // 0.1 + 0.2 is exactly 0.3 as a constant; 1 << 62 fits an int; iota counts.
  CHECK(
      errors_of("package main\n\nimport \"time\"\n\nconst (\n\ta = iota * 10\n\tb\n\tc\n)\n\n"
                "const d time.Duration = 3 * time.Millisecond\n\nvar x = [c / 10]int{}\n\n"
                "func main() {\n\tconst f = 0.1 + 0.2\n\tvar g float64 = f\n\tvar h int = 1 << 62\n"
                "\t_, _, _ = g, h, x\n\t_ = time.Duration(h) * time.Millisecond\n}\n") == "");
  CHECK(errors_of(wrap("\tvar i int = 2.5\n\t_ = i\n")) ==
        "./prog.go:4:14: cannot use 2.5 (untyped float constant) as int value in variable "
        "declaration (truncated)\n");
}

TEST_CASE("golang check: mismatched types, calls, returns, assignments") {
  CHECK(errors_of(wrap("\ta, b := 1, \"x\"\n\t_ = a + b\n")) ==
        "./prog.go:5:6: invalid operation: a + b (mismatched types int and string)\n");
  CHECK(errors_of("package main\n\nfunc f(x int) int {\n\tif x > 0 {\n\t\treturn 1\n\t}\n}\n\n"
                  "func main() { f(1) }\n") == "./prog.go:7:1: missing return\n");
  CHECK(errors_of("package main\n\nfunc f() (int, error) { return 0, nil }\n\nfunc main() {\n"
                  "\tx := f()\n\t_ = x\n}\n") ==
        "./prog.go:6:7: assignment mismatch: 1 variable but f returns 2 values\n");
  CHECK(errors_of("package main\n\nfunc f(x int) {}\n\nfunc main() {\n\tf(1, 2)\n}\n") ==
        "./prog.go:6:7: too many arguments in call to f\n\thave (number, number)\n\twant (int)\n");
  CHECK(errors_of("package main\n\nfunc f() int {\n\treturn\n}\n\nfunc main() { f() }\n") ==
        "./prog.go:4:2: not enough return values\n\thave ()\n\twant (int)\n");
  CHECK(errors_of(wrap("\tx := 1\n\tx := 2\n\t_ = x\n")) ==
        "./prog.go:5:4: no new variables on left side of :=\n");
}

TEST_CASE("golang check: methods, interfaces and assertions") {
  const char* prog =
      "package main\n\ntype I interface{ M() }\n\ntype T struct{}\n\nfunc (t *T) M() {}\n\n"
      "func main() {\n\tvar i I = T{}\n\t_ = i\n}\n";
  CHECK(errors_of(prog) ==
        "./prog.go:10:12: cannot use T{} (value of type T) as I value in variable "
        "declaration: T does not implement I (method M has pointer receiver)\n");
  CHECK(errors_of(wrap("\tvar x int\n\t_ = x.(int)\n")) ==
        "./prog.go:5:6: invalid operation: x (variable of type int) is not an interface\n");
  CHECK(errors_of(
            "package main\n\ntype T struct{ a int }\n\nfunc main() {\n\tvar t T\n\t_ = t.b\n}\n") ==
        "./prog.go:7:8: t.b undefined (type T has no field or method b)\n");
}

TEST_CASE("golang check: constructs outside the subset are errors that name them") {
  CHECK(errors_of("package main\n\nfunc f[T any](x T) T { return x }\n\nfunc main() {}\n")
            .find("type parameters (generics) are outside gort's Go subset") != std::string::npos);
  CHECK(errors_of("package main\n\nimport \"net/http\"\n\nfunc main() { _ = http.Get }\n")
            .starts_with("./prog.go:3:8: package net/http is not in std"));
  CHECK(errors_of(wrap("\tx := 1i\n\t_ = x\n")).find("complex numbers") != std::string::npos);
}

TEST_CASE("golang check: at most 10 errors, then too many errors") {
  std::string body;
  for (int i = 0; i < 12; i++) body += "\tundefined" + std::to_string(i) + "()\n";
  std::string text = errors_of(wrap(body));
  CHECK(std::count(text.begin(), text.end(), '\n') == 11);
  CHECK(text.ends_with("./prog.go:14:2: too many errors\n"));
}

TEST_CASE("golang check: the first syntax error, in the syntax package's words") {
  CHECK(errors_of("package main\n\nfunc main() {\n\tx := (1 +\n}\n") ==
        "./prog.go:5:1: syntax error: unexpected }, expected expression\n");
  CHECK(errors_of("package main\n\nfunc main() {\n\tfor i := 0; i < 3; i++\n\t{\n\t}\n}\n") ==
        "./prog.go:4:24: syntax error: unexpected newline, expected { after for clause\n");
}
