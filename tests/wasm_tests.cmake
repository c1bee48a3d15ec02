# The WebAssembly builds' CTest tests, made when CTest starts (the
# directory's TEST_INCLUDE_FILES): one test per test file, running the
# file's test cases in one Node process, and one per timing test case, run
# alone. Under Node a process spends 0.5 s (single-threaded) to 1 s
# (threaded: its worker pool) compiling the module before a test begins,
# more than most tests take, so a process per test case cost the threaded
# suite four minutes of CI. Needs: exe (gort_tests.js), node, cases (its
# --list-test-cases XML), timing (its timing test names), source (tests/),
# none_ran (what a run that matched no test case prints).
# Invariant: every unskipped test case runs in exactly one CTest test, and a
# test whose filter matches no test case fails instead of passing.

file(STRINGS "${cases}" lines REGEX "<TestCase ")
set(files "")
foreach(line IN LISTS lines)
  if(line MATCHES "testsuite=\"timing\"" OR NOT line MATCHES "skipped=\"false\"")
    continue()
  endif()
  string(REGEX REPLACE ".* filename=\"([^\"]*)\".*" "\\1" file "${line}")
  list(APPEND files "${file}")
endforeach()
list(REMOVE_DUPLICATES files)
foreach(file IN LISTS files)
  file(RELATIVE_PATH name "${source}" "${file}")
  add_test("${name}" "${node}" "${exe}" "--source-file=${file}" --test-suite-exclude=timing)
  set_tests_properties("${name}" PROPERTIES TIMEOUT 300 FAIL_REGULAR_EXPRESSION "${none_ran}")
endforeach()

# A timing test case that cannot check its claim says "SKIPPED: why"
# (parallel_test.cpp): CTest reports it skipped.
file(STRINGS "${timing}" names)
foreach(name IN LISTS names)
  if(name MATCHES "^(=+|\\[doctest\\] .*)$")
    continue()
  endif()
  string(REPLACE "," "\\," filter "${name}")
  add_test("${name}" "${node}" "${exe}" "--test-case=${filter}")
  set_tests_properties("${name}" PROPERTIES TIMEOUT 300 RUN_SERIAL TRUE LABELS timing
                       SKIP_REGULAR_EXPRESSION "SKIPPED: " FAIL_REGULAR_EXPRESSION "${none_ran}")
endforeach()
