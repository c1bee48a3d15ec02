// Go's fmt: Sprint/Sprintln/Sprintf over interface values, printing as Go's
// fmt does (print.go and format.go): every verb and flag, %v of every kind
// (maps with sorted keys, structs, pointers, nil), String() and Error()
// methods (called back in Go), and the %!verb(type=value) error forms.
//
// The output goes into a buffer the Thread owns: formatting may call Go
// methods, which may park, and nothing with a destructor may be in scope
// around a park (vm.hpp).
#pragma once

#include <string>
#include <string_view>

#include "vm.hpp"

namespace gort::golang {

// Each returns false if a String/Error method panicked (the panic unwinds
// from the native that called it).
bool fmt_sprint(Thread& th, std::string& out, const Value* args, std::int64_t n, bool ln);
bool fmt_sprintf(Thread& th, std::string& out, std::string_view format, const Value* args,
                 std::int64_t n, Value* wrapped = nullptr);

// %v of a value of static type t, as Print prints it (an interface: its
// dynamic value) but without calling methods: for the trace.
void fmt_value(std::string& out, Value v, const Type* t);

// Go's shortest float formatting (strconv 'g' -1) and 'e'/'f'/'g' with a
// precision; size is 32 or 64.
std::string format_float(double v, char verb, int prec, int size);
// strconv.Quote / QuoteToASCII / QuoteRune.
std::string quote(std::string_view s, bool ascii);
std::string quote_rune(std::uint32_t r, bool ascii);
bool can_backquote(std::string_view s);
bool is_print(std::uint32_t r);

}  // namespace gort::golang
