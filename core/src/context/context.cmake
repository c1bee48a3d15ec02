# Picks the context-switch backend (core/src/context/); include() it from the
# root CMakeLists.txt after project().
#
# In:  GORT_CONTEXT          cache STRING: auto | asm | ucontext. auto means
#                            emscripten under Emscripten (the only backend
#                            there), asm on x86_64 and aarch64, ucontext
#                            elsewhere.
# Out: GORT_CONTEXT_BACKEND  what auto resolved to: asm, ucontext or emscripten.
#      GORT_CONTEXT_SOURCES  the chosen backend's files (absolute paths), to
#                            add to the runtime library; exactly one of the
#                            backends is ever compiled in. Code includes the
#                            interface as "context/context.hpp", so core/src
#                            must be on the include path.
#      GORT_CONTEXT_JS_LIBRARY  emscripten only: the backend's JavaScript half,
#                            for the consumer's link (--js-library).
# Enables the ASM language when the asm backend is picked.

set(GORT_CONTEXT "auto" CACHE STRING "Context-switch backend: auto, asm or ucontext")
set_property(CACHE GORT_CONTEXT PROPERTY STRINGS auto asm ucontext)

set(_gort_context_dir "${CMAKE_CURRENT_LIST_DIR}")
string(TOLOWER "${CMAKE_SYSTEM_PROCESSOR}" _gort_cpu)
if(_gort_cpu MATCHES "^(x86_64|amd64)$" AND CMAKE_SIZEOF_VOID_P EQUAL 8)
  set(_gort_asm "${_gort_context_dir}/context_asm_x86_64.S")
elseif(_gort_cpu MATCHES "^(aarch64|arm64)$")
  set(_gort_asm "${_gort_context_dir}/context_asm_aarch64.S")
else()
  set(_gort_asm "")
endif()

if(EMSCRIPTEN)
  if(NOT GORT_CONTEXT STREQUAL "auto")
    message(FATAL_ERROR "GORT_CONTEXT=${GORT_CONTEXT}: under Emscripten the only backend is emscripten fibers (leave GORT_CONTEXT=auto)")
  endif()
  set(GORT_CONTEXT_BACKEND emscripten)
elseif(GORT_CONTEXT STREQUAL "auto")
  if(_gort_asm)
    set(GORT_CONTEXT_BACKEND asm)
  else()
    set(GORT_CONTEXT_BACKEND ucontext)
  endif()
elseif(GORT_CONTEXT STREQUAL "asm" OR GORT_CONTEXT STREQUAL "ucontext")
  set(GORT_CONTEXT_BACKEND "${GORT_CONTEXT}")
else()
  message(FATAL_ERROR "GORT_CONTEXT must be auto, asm or ucontext, not '${GORT_CONTEXT}'")
endif()

set(GORT_CONTEXT_SOURCES
  "${_gort_context_dir}/context.hpp"
  "${_gort_context_dir}/context_entry.hpp"
  "${_gort_context_dir}/exception_state.hpp"
  "${_gort_context_dir}/sanitizer_fiber.hpp")
if(GORT_CONTEXT_BACKEND STREQUAL "emscripten")
  list(APPEND GORT_CONTEXT_SOURCES "${_gort_context_dir}/context_emscripten.cpp")
  set(GORT_CONTEXT_JS_LIBRARY "${_gort_context_dir}/context_emscripten.js" CACHE INTERNAL "")
elseif(GORT_CONTEXT_BACKEND STREQUAL "asm")
  if(NOT _gort_asm)
    message(FATAL_ERROR "GORT_CONTEXT=asm: no asm backend for processor '${CMAKE_SYSTEM_PROCESSOR}' (x86_64 and aarch64 have one)")
  endif()
  enable_language(ASM)
  list(APPEND GORT_CONTEXT_SOURCES "${_gort_context_dir}/context_asm.cpp" "${_gort_asm}")
else()
  list(APPEND GORT_CONTEXT_SOURCES "${_gort_context_dir}/context_ucontext.cpp")
endif()
message(STATUS "gort context backend: ${GORT_CONTEXT_BACKEND}")

unset(_gort_context_dir)
unset(_gort_cpu)
unset(_gort_asm)
