# SPDX-License-Identifier: Apache-2.0
# sqma_embed(OUT <cpp> NAMESPACE <ns> FILES <name=path>...) writes a source file that holds
# each file's bytes as a std::string_view named after <name>, and a lookup by name.
function(sqma_embed)
  cmake_parse_arguments(E "" "OUT;NAMESPACE" "FILES" ${ARGN})
  set(_deps)
  set(_args)
  foreach(pair IN LISTS E_FILES)
    string(REPLACE "=" ";" kv "${pair}")
    list(GET kv 1 path)
    list(APPEND _deps "${path}")
  endforeach()
  string(REPLACE ";" "|" _files "${E_FILES}")
  add_custom_command(
    OUTPUT "${E_OUT}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${E_OUT} -DNAMESPACE=${E_NAMESPACE} "-DFILES=${_files}"
            -P "${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake"
    DEPENDS ${_deps} "${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake"
    COMMENT "Embedding ${E_NAMESPACE} resources"
    VERBATIM)
endfunction()
