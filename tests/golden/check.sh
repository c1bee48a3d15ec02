#!/bin/sh
# Runs a program and compares what it printed with its golden files: the
# CTest command of gort_golden_test (tests/golden/golden.cmake).
#
#   sh check.sh NAME.go EXPECTED COMPARE... -- COMMAND...
#
# COMMAND runs the program (e.g. `gort run NAME.go --deterministic`); its
# stdout and stderr go to temporary files, and COMPARE (golden_compare,
# behind node in the WebAssembly builds) compares them and its exit code
# with EXPECTED.out/.exit/.err1. Exits with the comparator's status.
go_file=$1 expected=$2
shift 2
compare=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  compare="$compare $1"
  shift
done
[ $# -gt 0 ] && shift
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$@" >"$dir/out" 2>"$dir/err"
code=$?
# shellcheck disable=SC2086 # COMPARE is a command and its arguments
$compare "$go_file" "$expected" "$dir/out" "$dir/err" "$code"
