# SPDX-License-Identifier: Apache-2.0
function(sqma_set_sanitizers target)
  if(SQMA_SANITIZE)
    list(JOIN SQMA_SANITIZE "," _list)
    target_compile_options(${target} INTERFACE -fsanitize=${_list} -fno-omit-frame-pointer
                                                -fno-sanitize-recover=all)
    target_link_options(${target} INTERFACE -fsanitize=${_list})
  endif()
endfunction()
