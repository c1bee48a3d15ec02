# The golden-test harness: gort checked against real Go (DESIGN.md, The
# golden-test harness). include()d by tests/CMakeLists.txt, after gort_tests.
#
# The programs are every tests/golden/NAME.go (conformance programs) and
# every core/patterns/NAME.go (the gallery's Go texts); the expected files
# of each are tests/golden/NAME.out, NAME.exit and NAME.err1, from Go 1.19.
# What a match is, and the //golden: marks a program uses to say what Go
# leaves unspecified: compare.hpp.
#
# To add a program:
#   1. Write tests/golden/NAME.go (package main). If its output depends on
#      scheduling or time, end it with //golden: marks (compare.hpp). If it
#      needs Go newer than 1.19, mark it //golden:by-hand and write its
#      expected files from the spec.
#   2. bash tests/golden/regen NAME  (Go 1.19 builds and runs it three
#      times, writes the expected files, and checks the marks cover Go's own
#      run-to-run variation).
#   3. Commit NAME.go with NAME.out, NAME.exit and NAME.err1. Nothing else:
#      the runners below find it.
#
# The runners, all through the one comparator (compare.cpp):
#   - gort_tests, in-process: every program and its expected files are
#     compiled in (<golden_files.hpp>; golden_util.hpp finds them), so the
#     WebAssembly builds need no file system and no process per program.
#     tests/golden_test.cpp runs every gallery pattern's C++ twin against
#     its Go text's files; the interpreter's runner belongs beside it (the
#     fast way: in wasm, each CTest test below costs two Node starts).
#   - gort_golden_test(): any command, e.g. `gort run NAME.go`, as a CTest
#     test (check.sh + golden_compare), natively and under Node.
#   - tests/e2e/run.mjs: every pattern in the playground (golden_compare of
#     build/release).

add_library(gort_golden STATIC ${CMAKE_CURRENT_LIST_DIR}/compare.cpp)
target_include_directories(gort_golden PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_compile_options(gort_golden PRIVATE -Wall -Wextra)
# Not for its API: gort::core carries the build's flags (under Emscripten
# -fexceptions, without which std::regex_error is never caught, and
# -pthread in the threaded build, whose objects all share one memory).
target_link_libraries(gort_golden PUBLIC gort::core)

# The hook for the Go interpreter (issue 11): every program (the conformance
# programs and the gallery's texts) becomes the CTest test "golden: NAME",
# `gort run NAME.go` run deterministically. Native builds only: under Node
# the CLI has no file system, and gort_tests runs every program through the
# interpreter in-process anyway (tests/golang/golden_test.cpp).
if(EMSCRIPTEN)
  set(GORT_GOLDEN_RUN_GO OFF)
else()
  set(GORT_GOLDEN_RUN_GO ON)
endif()

add_executable(golden_compare ${CMAKE_CURRENT_LIST_DIR}/compare_main.cpp)
target_link_libraries(golden_compare PRIVATE gort_golden)
target_compile_options(golden_compare PRIVATE -Wall -Wextra)
if(EMSCRIPTEN)
  # Under Node it reads the files it is given straight from the disk. Only
  # gort_golden_test() needs it there: a minute of linking otherwise.
  target_link_options(golden_compare PRIVATE -sNODERAWFS=1 -sEXIT_RUNTIME=1)
  if(NOT GORT_GOLDEN_RUN_GO)
    set_target_properties(golden_compare PROPERTIES EXCLUDE_FROM_ALL TRUE)
  endif()
endif()

set(GORT_GOLDEN_DIR ${CMAKE_CURRENT_LIST_DIR})
file(GLOB GORT_GOLDEN_PROGRAMS CONFIGURE_DEPENDS
  ${GORT_GOLDEN_DIR}/*.go ${PROJECT_SOURCE_DIR}/core/patterns/*.go)

# Every program and its expected files, for gort_tests.
set(files "")
foreach(go IN LISTS GORT_GOLDEN_PROGRAMS)
  get_filename_component(name "${go}" NAME_WE)
  list(APPEND files "${go}" ${GORT_GOLDEN_DIR}/${name}.out ${GORT_GOLDEN_DIR}/${name}.exit
       ${GORT_GOLDEN_DIR}/${name}.err1)
endforeach()
gort_embed_text(gort_tests HEADER golden_files.hpp NAMESPACE gort::golden::files FILES ${files})
target_link_libraries(gort_tests PRIVATE gort_golden)

# gort_golden_test(NAME GO_FILE COMMAND...): the CTest test "golden: NAME"
# runs COMMAND (under Node in the WebAssembly builds) and compares its
# stdout, stderr and exit code with tests/golden/NAME.*, under GO_FILE's
# marks. COMMAND must print only the program's output.
function(gort_golden_test name go_file)
  add_test(NAME "golden: ${name}"
           COMMAND sh ${GORT_GOLDEN_DIR}/check.sh ${go_file} ${GORT_GOLDEN_DIR}/${name}
                   ${CMAKE_CROSSCOMPILING_EMULATOR} $<TARGET_FILE:golden_compare>
                   -- ${CMAKE_CROSSCOMPILING_EMULATOR} ${ARGN})
  set_tests_properties("golden: ${name}" PROPERTIES TIMEOUT 120)
endfunction()

# GORT_GOLDEN_RUN_GO (above): every program through `gort run`.
if(GORT_GOLDEN_RUN_GO AND TARGET gort)
  foreach(go IN LISTS GORT_GOLDEN_PROGRAMS)
    get_filename_component(name "${go}" NAME_WE)
    gort_golden_test(${name} ${go} $<TARGET_FILE:gort> run ${go} --deterministic --seed 1)
  endforeach()
endif()
