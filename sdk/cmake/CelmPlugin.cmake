# CelmPlugin.cmake: celm_add_plugin(), the one way in-tree and third-party plugins are built.
#
#   celm_add_plugin(<kind> <name> SOURCES <files...> [LIBRARIES <libs...>] [OUTPUT_DIRECTORY <dir>])
#
# builds the module celm-<kind>-<name>.so that exports only celm_plugin_<kind>_<name>
# (all other symbols hidden) and that never relies on symbols of the celm core.
function(celm_add_plugin kind name)
    cmake_parse_arguments(PLUGIN "" "OUTPUT_DIRECTORY" "SOURCES;LIBRARIES" ${ARGN})
    set(target celm-${kind}-${name})
    add_library(${target} MODULE ${PLUGIN_SOURCES})
    set_target_properties(${target} PROPERTIES
        PREFIX ""
        OUTPUT_NAME ${target}
        C_STANDARD 11
        C_STANDARD_REQUIRED ON
        C_VISIBILITY_PRESET hidden)
    target_link_libraries(${target} PRIVATE CelmSdk::sdk ${PLUGIN_LIBRARIES})
    # Static archives linked in keep their symbols to themselves too.
    target_link_options(${target} PRIVATE "LINKER:--exclude-libs,ALL")
    if(NOT CELM_SANITIZE)
        # A plugin is handed everything it needs in the host table; an unresolved symbol is a bug.
        target_link_options(${target} PRIVATE "LINKER:-z,defs")
    endif()
    if(PLUGIN_OUTPUT_DIRECTORY)
        set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${PLUGIN_OUTPUT_DIRECTORY})
    endif()
endfunction()
