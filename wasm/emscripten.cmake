# The Emscripten build of gort (configure with `emcmake cmake`): the two
# WebAssembly builds and the usage requirements gort_core hands to every
# program linked with it, so that a consumer needs nothing but
# add_subdirectory + target_link_libraries(app gort::core).
#
# include() from the root CMakeLists.txt before add_subdirectory(core), then
# call gort_emscripten_usage(gort_core) once the target exists.
#
# In:  GORT_THREADS   option: ON = threaded build (Ms are pthreads, needs
#                     SharedArrayBuffer), OFF = single-threaded build (every
#                     program runs on simulated Ps; see Config::kThreads).
#      GORT_WASM_INITIAL_MEMORY  threaded build's fixed memory (memory growth
#                     with pthreads halves the speed of a fiber switch).
#      GORT_WASM_MIGRATE  option, threaded build only: OFF (default) = a started
#                     goroutine resumes only on the worker that first ran it;
#                     ON = it may resume on any worker (kContextCanMigrate,
#                     core/src/context/context.hpp).
# The doctest package is a host package: its config would put /usr/include,
# the host's libc headers, on em++'s path, so here doctest::doctest is a
# target that sees doctest's own header alone. It prints no colours: under
# Emscripten stdout always claims to be a terminal, and CTest's test
# discovery parses doctest's listing.

# context_emscripten.js patches what Emscripten 3.1.6 generates (createWasm,
# asmLibraryArg, wasmTable, its exception globals), names another version
# may change: refuse another version here rather than fail at run time.
set(GORT_EMSCRIPTEN_VERSION "3.1.6")
option(GORT_EMSCRIPTEN_ANY_VERSION "Emscripten: build with a version gort was not written against" OFF)
set(_gort_em_version_file "${EMSCRIPTEN_ROOT_PATH}/emscripten-version.txt")
set(_gort_em_version "unknown")
if(EXISTS "${_gort_em_version_file}")
  file(STRINGS "${_gort_em_version_file}" _gort_em_version LIMIT_COUNT 1)
  string(REPLACE "\"" "" _gort_em_version "${_gort_em_version}")
endif()
if(NOT _gort_em_version VERSION_EQUAL GORT_EMSCRIPTEN_VERSION AND NOT GORT_EMSCRIPTEN_ANY_VERSION)
  message(FATAL_ERROR
    "gort's WebAssembly build needs Emscripten ${GORT_EMSCRIPTEN_VERSION} (Debian's package "
    "`emscripten`), and this is Emscripten ${_gort_em_version} (${EMSCRIPTEN_ROOT_PATH}). "
    "core/src/context/context_emscripten.js patches JavaScript that Emscripten "
    "${GORT_EMSCRIPTEN_VERSION} generates (createWasm, asmLibraryArg, wasmTable, the exception "
    "globals), which other versions name differently. Install Debian's emscripten, or pass "
    "-DGORT_EMSCRIPTEN_ANY_VERSION=ON to try this one anyway.")
endif()
unset(_gort_em_version_file)
unset(_gort_em_version)

option(GORT_THREADS "Emscripten: threaded build (pthreads) instead of the single-threaded one" OFF)
set(GORT_WASM_INITIAL_MEMORY "512MB" CACHE STRING "Emscripten threaded build: fixed memory size")
set(GORT_WASM_POOL_SIZE 8 CACHE STRING "Emscripten threaded build: pre-spawned pthreads")
# Whether goroutines migrate between worker threads in the threaded build.
# OFF pins a started goroutine to its worker. ON lets any runnable goroutine
# be stolen, as natively; tests/migration_test.cpp checks either rule. Why
# OFF stays the default: DESIGN.md, Pinned goroutines in the threaded build.
option(GORT_WASM_MIGRATE "Emscripten threaded build: goroutines may resume on another worker" OFF)
if(GORT_WASM_MIGRATE AND NOT GORT_THREADS)
  message(FATAL_ERROR "GORT_WASM_MIGRATE=ON needs GORT_THREADS=ON (the single-threaded build has one thread)")
endif()
# Debug checks: -sSTACK_OVERFLOW_CHECK=2 makes binaryen check every write of
# the C stack pointer against the running fiber's limits (set at each fiber
# switch, context_emscripten.cpp), so a goroutine that overflows its C stack
# aborts with "stack overflow" at once instead of writing below it. Slower;
# release builds leave it out (README, WebAssembly). Not -sASSERTIONS=1: it
# turns on asyncify's own assertions, which trap in the functions that call
# asyncify from inside the module (binaryen 108 checks them too).
option(GORT_WASM_DEBUG_CHECKS "Emscripten: STACK_OVERFLOW_CHECK=2" OFF)
option(GORT_WASM_ASYNCIFY_REMOVE "Emscripten: leave wasm/asyncify_remove.txt out of ASYNCIFY" ON)

# ASYNCIFY_REMOVE: the functions in wasm/asyncify_remove.txt (C++ exception
# throwing and matching, operator new/delete, strings, clocks, condition
# variables, musl's printf, gort's formatting and trace recording; that file
# says why each group can never be on the stack at a fiber switch) are not
# instrumented. It is a remove list, not an ASYNCIFY_ONLY list: a consumer's
# lambdas sit between a goroutine's entry and its switch, and whatever is
# not listed stays instrumented. emcc takes the list as a response file, one
# name per line, without comments: the build writes that file. What it saves
# (a third of a handoff, a fifth of the .wasm): DESIGN.md, WebAssembly
# internals.
if(GORT_WASM_ASYNCIFY_REMOVE)
  file(STRINGS "${CMAKE_CURRENT_LIST_DIR}/asyncify_remove.txt" _gort_remove REGEX "^[^#]")
  list(JOIN _gort_remove "\n" _gort_remove)
  file(CONFIGURE OUTPUT "${CMAKE_BINARY_DIR}/asyncify_remove.rsp" CONTENT "${_gort_remove}\n" @ONLY)
  set(GORT_ASYNCIFY_REMOVE_RSP "${CMAKE_BINARY_DIR}/asyncify_remove.rsp")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
    "${CMAKE_CURRENT_LIST_DIR}/asyncify_remove.txt")
  unset(_gort_remove)
endif()

# Programs and tests run in the machine's Node (20): emcmake's default
# emulator adds --experimental-wasm-threads, which Node 20 rejects.
find_program(GORT_NODE NAMES node nodejs REQUIRED NO_CMAKE_FIND_ROOT_PATH)
set(CMAKE_CROSSCOMPILING_EMULATOR "${GORT_NODE}" CACHE FILEPATH "Runs wasm programs" FORCE)

if(GORT_BUILD_TESTS AND NOT TARGET doctest::doctest)
  find_path(GORT_DOCTEST_INCLUDE doctest/doctest.h PATHS /usr/include NO_CMAKE_FIND_ROOT_PATH)
  find_path(GORT_DOCTEST_CMAKE doctest.cmake PATHS /usr/lib/cmake/doctest NO_CMAKE_FIND_ROOT_PATH)
  if(NOT GORT_DOCTEST_INCLUDE OR NOT GORT_DOCTEST_CMAKE)
    message(FATAL_ERROR "gort tests need doctest (apt-get install doctest-dev)")
  endif()
  set(_gort_dt "${CMAKE_BINARY_DIR}/wasm-doctest")
  file(MAKE_DIRECTORY "${_gort_dt}/include")
  file(CREATE_LINK "${GORT_DOCTEST_INCLUDE}/doctest" "${_gort_dt}/include/doctest" SYMBOLIC)
  file(WRITE "${_gort_dt}/doctestConfig.cmake"
    "if(NOT TARGET doctest::doctest)\n"
    "  add_library(doctest::doctest INTERFACE IMPORTED)\n"
    "  set_target_properties(doctest::doctest PROPERTIES\n"
    "    INTERFACE_INCLUDE_DIRECTORIES \"${_gort_dt}/include\"\n"
    "    INTERFACE_COMPILE_DEFINITIONS DOCTEST_CONFIG_COLORS_NONE)\n"
    "endif()\n"
    "list(APPEND CMAKE_MODULE_PATH \"${GORT_DOCTEST_CMAKE}\")\n")
  set(doctest_DIR "${_gort_dt}" CACHE PATH "doctest for the Emscripten build" FORCE)
  unset(_gort_dt)
endif()

# The usage requirements of the runtime library `target`.
function(gort_emscripten_usage target)
  set(wasm "${PROJECT_SOURCE_DIR}/wasm")
  # -fexceptions on both sides: exceptions unwind abandoned goroutines and
  # turn C++ exceptions into panics; without it any throw aborts.
  target_compile_options(${target} PUBLIC -fexceptions)
  target_link_options(${target} INTERFACE
    -fexceptions
    -sASYNCIFY
    # Every goroutine brings its own asyncify buffer and nothing calls
    # emscripten_sleep (context_emscripten.cpp).
    -sASYNCIFY_STACK_SIZE=4096
    $<$<BOOL:${GORT_ASYNCIFY_REMOVE_RSP}>:-sASYNCIFY_REMOVE=@${GORT_ASYNCIFY_REMOVE_RSP}>
    -sEXIT_RUNTIME=1
    "SHELL:--js-library ${GORT_CONTEXT_JS_LIBRARY}"
    "SHELL:--pre-js ${wasm}/node_fetch.js"
    "SHELL:--pre-js ${wasm}/node_env.js")
  # Relink programs when one of these scripts changes.
  set_property(TARGET ${target} APPEND PROPERTY INTERFACE_LINK_DEPENDS
    "${GORT_CONTEXT_JS_LIBRARY}" "${wasm}/node_fetch.js" "${wasm}/node_env.js"
    ${GORT_ASYNCIFY_REMOVE_RSP})
  if(GORT_WASM_DEBUG_CHECKS)
    # PRIVATE: only the runtime's sources, and the tests that include its
    # internal context.hpp (tests/CMakeLists.txt), compile differently; the
    # Go interpreter and web/ compile as without the checks, so a tree
    # switched off them for the site (wasm/build_site) rebuilds the runtime
    # alone.
    target_compile_definitions(${target} PRIVATE GORT_WASM_DEBUG_CHECKS=1)
    target_link_options(${target} INTERFACE -sSTACK_OVERFLOW_CHECK=2)
  endif()
  if(GORT_THREADS)
    target_compile_options(${target} PUBLIC -pthread)
    # gomaxprocs is capped to the pool (core/src/program.cpp).
    target_compile_definitions(${target} PRIVATE GORT_THREAD_POOL_SIZE=${GORT_WASM_POOL_SIZE})
    target_link_options(${target} INTERFACE
      -pthread
      -sPTHREAD_POOL_SIZE=${GORT_WASM_POOL_SIZE}
      -sINITIAL_MEMORY=${GORT_WASM_INITIAL_MEMORY}
      # Fixed memory makes a failed malloc abort the module ("Aborted(OOM)")
      # unless told otherwise: return NULL instead, so that a goroutine's
      # stack that does not fit ends the program with Go's "fatal error:
      # runtime: out of memory" and the next program runs (stack.cpp).
      -sABORTING_MALLOC=0
      # binaryen inlines every function that has one caller, whatever its
      # size: the front end's Checker::rawexpr became 67,875 B of wasm,
      # Checker::stmt 49,901 B. V8 re-compiles a hot function whole with
      # TurboFan on background threads, so the Go compile before main made
      # 375 KB of the front end hot, compiled while the program's Ps ran
      # (DESIGN.md 9.7). With one-caller inlining of small functions only,
      # what gets hot is the parts that ran, not their giant hosts.
      -sBINARYEN_EXTRA_PASSES=--one-caller-inline-max-function-size=100)
    if(GORT_WASM_MIGRATE)
      # PUBLIC: whoever includes context.hpp (the tests do) must see the
      # same kContextCanMigrate as the scheduler.
      target_compile_definitions(${target} PUBLIC GORT_WASM_MIGRATE=1)
    endif()
  else()
    # Growth up to wasm32's whole 4 GB (3.1.6 stops at 2 GB by default):
    # 1M blocked goroutines with 1.5 KiB stacks need about 1.6 GB.
    target_link_options(${target} INTERFACE -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB)
  endif()
endfunction()
