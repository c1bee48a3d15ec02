# gort_embed_shaders(<target>): at build time, turns shaders/*.glsl into the
# generated header <gort_shaders.hpp> (see embed.cmake) and makes it available
# to <target>. Editing a .glsl file regenerates the header and rebuilds only
# what includes it.
set(GORT_SHADER_DIR "${CMAKE_CURRENT_LIST_DIR}")

function(gort_embed_shaders target)
  file(GLOB sources CONFIGURE_DEPENDS "${GORT_SHADER_DIR}/*.glsl")
  list(SORT sources)
  string(REPLACE ";" "|" joined "${sources}")
  set(dir "${CMAKE_CURRENT_BINARY_DIR}/gort_shaders")
  set(out "${dir}/gort_shaders.hpp")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND "${CMAKE_COMMAND}" "-DOUT=${out}" "-DSOURCES=${joined}"
            -P "${GORT_SHADER_DIR}/embed.cmake"
    DEPENDS ${sources} "${GORT_SHADER_DIR}/embed.cmake"
    COMMENT "Embedding shaders"
    VERBATIM)
  target_sources(${target} PRIVATE "${out}")
  target_include_directories(${target} PRIVATE "${dir}")
endfunction()
