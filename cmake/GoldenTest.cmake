# SPDX-License-Identifier: Apache-2.0
# Golden CLI tests: tests/cli/<verb>/<case>.args holds the arguments (one per line, run from
# the source tree's root), with optional <case>.stdin, <case>.out (exact stdout),
# <case>.err (exact stderr; empty stderr is demanded when it is absent) and <case>.rc
# (exit code, 0 when absent), and an optional folder <case>.files/ of files the command must
# write below @WORK@, and an optional <case>.absent listing paths below @WORK@ it must not
# create. In .args, @ROOT@ is the source tree, @BUILD@ the build tree (the sample
# bundles are built into @BUILD@/sample-bundles) and @WORK@ a fresh folder for the case. UPDATE_GOLDEN=1 in the environment rewrites .out/.err/.rc.
function(sqma_golden verb case_dir case)
  add_test(NAME cli.${verb}.${case}
    COMMAND ${CMAKE_COMMAND} -DSQMA=$<TARGET_FILE:sqma> -DCASE=${case_dir}/${case}
            -DROOT=${PROJECT_SOURCE_DIR} -DBUILD=${PROJECT_BINARY_DIR} -DWORK=${CMAKE_CURRENT_BINARY_DIR}/golden/${verb}/${case}
            -P ${PROJECT_SOURCE_DIR}/tests/cli/run_case.cmake)
  set_tests_properties(cli.${verb}.${case} PROPERTIES LABELS cli FIXTURES_REQUIRED sample_bundles)
endfunction()

function(sqma_golden_dir root)
  file(GLOB _args CONFIGURE_DEPENDS "${root}/*/*.args")
  foreach(args_file IN LISTS _args)
    get_filename_component(case "${args_file}" NAME_WE)
    get_filename_component(case_dir "${args_file}" DIRECTORY)
    get_filename_component(verb "${case_dir}" NAME)
    sqma_golden(${verb} ${case_dir} ${case})
  endforeach()
endfunction()
