# Builds tests/consumer in BIN with compiler CXX (and CC, LAUNCHER), gort's
# context backend CONTEXT, and FLAGS in CMAKE_CXX_FLAGS and the linker
# flags; runs it, and fails unless it printed "consumer: ok" and exited 0
# with nothing on stderr (a sanitizer's report). Run by CTest in the sanitizer suites
# (tests/CMakeLists.txt):
#   cmake -DSRC=<gort> -DBIN=<dir> -DCXX=clang++-14 -DCC=clang-14
#         -DLAUNCHER=ccache -DCONTEXT=auto -DFLAGS="-fsanitize=thread"
#         -P check.cmake
foreach(v SRC BIN CXX CC CONTEXT FLAGS)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "check.cmake needs -D${v}=...")
  endif()
endforeach()

execute_process(
  COMMAND ${CMAKE_COMMAND} -S ${SRC}/tests/consumer -B ${BIN}
          -DGORT_SOURCE_DIR=${SRC} -DGORT_CONTEXT=${CONTEXT} -DCMAKE_BUILD_TYPE=RelWithDebInfo
          -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_C_COMPILER=${CC}
          -DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER} -DCMAKE_C_COMPILER_LAUNCHER=${LAUNCHER}
          "-DCMAKE_CXX_FLAGS=${FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${FLAGS}"
  OUTPUT_VARIABLE out ERROR_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configuring the consumer failed:\n${out}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BIN} --target consumer -j 2
                OUTPUT_VARIABLE out ERROR_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building the consumer failed:\n${out}")
endif()
execute_process(COMMAND ${BIN}/consumer OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT out STREQUAL "consumer: ok\n" OR NOT err STREQUAL "")
  message(FATAL_ERROR "the consumer built with ${FLAGS} (${CONTEXT}) exited ${rc}\nstdout:\n${out}\nstderr:\n${err}")
endif()
message("the consumer built with ${FLAGS} (${CONTEXT}): ran clean")
