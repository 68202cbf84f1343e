# SPDX-License-Identifier: Apache-2.0
function(sqma_set_warnings target)
  target_compile_options(${target} INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Woverloaded-virtual)
  if(SQMA_WERROR)
    target_compile_options(${target} INTERFACE -Werror)
  endif()
endfunction()
