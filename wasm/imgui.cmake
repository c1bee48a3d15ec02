# Dear ImGui 1.86 from Debian's source package, as the static target `imgui`:
# the core, tables, widgets and draw lists, and the GLFW + OpenGL ES 3
# backends (WebGL2 under Emscripten). include() from web/CMakeLists.txt.
#
# The sources are unpacked into GORT_IMGUI_DIR (default third_party/imgui,
# git-ignored) by wasm/fetch_imgui.sh at configure time when missing; nothing
# of ImGui is committed.
#
# Also gort_embed_font(target name ttf): DejaVu (fonts-dejavu-core) subset to
# the characters the playground shows (pyftsubset from Debian's fonttools:
# the full DejaVuSans.ttf alone is 740 KB) and compiled into `target` as
#   extern const unsigned char <name>[]; extern const unsigned int <name>_size;
set(GORT_IMGUI_DIR "${PROJECT_SOURCE_DIR}/third_party/imgui" CACHE PATH "Dear ImGui sources (Debian's imgui source package)")

if(NOT EXISTS "${GORT_IMGUI_DIR}/imgui.h")
  message(STATUS "Fetching Dear ImGui from Debian's imgui source package")
  execute_process(COMMAND bash "${PROJECT_SOURCE_DIR}/wasm/fetch_imgui.sh" "${GORT_IMGUI_DIR}"
                  RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0 OR NOT EXISTS "${GORT_IMGUI_DIR}/imgui.h")
    message(FATAL_ERROR "Could not get Dear ImGui: run `bash wasm/fetch_imgui.sh` as root")
  endif()
endif()

add_library(imgui STATIC
  ${GORT_IMGUI_DIR}/imgui.cpp
  ${GORT_IMGUI_DIR}/imgui_draw.cpp
  ${GORT_IMGUI_DIR}/imgui_tables.cpp
  ${GORT_IMGUI_DIR}/imgui_widgets.cpp
  ${GORT_IMGUI_DIR}/backends/imgui_impl_glfw.cpp
  ${GORT_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
# SYSTEM: ImGui's own warnings are not ours to fix.
target_include_directories(imgui SYSTEM PUBLIC ${GORT_IMGUI_DIR} ${GORT_IMGUI_DIR}/backends)
# 1.86 picks OpenGL ES 2 under __EMSCRIPTEN__ unless told; we keep no .ini.
target_compile_definitions(imgui PUBLIC IMGUI_IMPL_OPENGL_ES3 IMGUI_DISABLE_FILE_FUNCTIONS)
target_link_options(imgui INTERFACE -sUSE_GLFW=3 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2)
if(GORT_THREADS)
  target_compile_options(imgui PRIVATE -pthread)
endif()

find_program(GORT_PYFTSUBSET pyftsubset)
if(NOT GORT_PYFTSUBSET)
  message(FATAL_ERROR "The playground's fonts need pyftsubset: apt-get install fonttools fonts-dejavu-core")
endif()
set(GORT_DEJAVU_DIR /usr/share/fonts/truetype/dejavu CACHE PATH "DejaVu fonts (fonts-dejavu-core)")

# Printable ASCII, Latin-1, and the symbols the UI draws (arrows, bullets,
# play/pause, check marks, ellipsis, box drawing).
set(_gort_font_chars "U+0020-007E,U+00A0-00FF,U+2022,U+2026,U+2190-2193,U+21BB,U+2500-257F,U+25A0-25FF,U+2713,U+2717")

function(gort_embed_font target name ttf)
  set(font "${GORT_DEJAVU_DIR}/${ttf}")
  if(NOT EXISTS "${font}")
    message(FATAL_ERROR "${font} is missing: apt-get install fonts-dejavu-core")
  endif()
  set(sub "${CMAKE_CURRENT_BINARY_DIR}/${name}.ttf")
  set(src "${CMAKE_CURRENT_BINARY_DIR}/${name}.c")
  add_custom_command(OUTPUT "${src}"
    COMMAND "${GORT_PYFTSUBSET}" "${font}" "--unicodes=${_gort_font_chars}"
            --layout-features= --no-hinting --desubroutinize "--output-file=${sub}"
    COMMAND ${CMAKE_COMMAND} -DIN=${sub} -DOUT=${src} -DNAME=${name}
            -P "${PROJECT_SOURCE_DIR}/wasm/bin2c.cmake"
    DEPENDS "${font}" "${PROJECT_SOURCE_DIR}/wasm/bin2c.cmake"
    COMMENT "Subsetting and embedding ${ttf}"
    VERBATIM)
  target_sources(${target} PRIVATE "${src}")
endfunction()
