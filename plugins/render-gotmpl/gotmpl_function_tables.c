/* gotmpl_function_tables.c: the function maps: Helm's engine's for chart templates, Sprig's alone. */
#include "gotmpl_function_tables.h"

#include "gotmpl_funcs_b.h"
#include "gotmpl_sprig.h"

#define SPRIG_TABLES                                                                                        \
    &gotmpl_funcs_sprig_strings, &gotmpl_funcs_sprig_lists, &gotmpl_funcs_sprig_dicts,                      \
        &gotmpl_funcs_sprig_defaults, &gotmpl_funcs_sprig_convert, &gotmpl_funcs_sprig_math,                \
        &gotmpl_funcs_sprig_regex, &gotmpl_funcs_sprig_paths, &gotmpl_funcs_sprig_reflect,                  \
        &gotmpl_funcs_sprig_encoding, &gotmpl_funcs_sprig_dates, &gotmpl_funcs_sprig_crypto,                \
        &gotmpl_funcs_sprig_random, &gotmpl_funcs_sprig_semver, &gotmpl_funcs_sprig_network,                \
        &gotmpl_funcs_sprig_json

const gotmpl_func_table *const gotmpl_helm_function_tables[] = {
    SPRIG_TABLES, &gotmpl_funcs_helm_data, &gotmpl_funcs_engine, NULL,
};

const gotmpl_func_table *const gotmpl_sprig_function_tables[] = {
    SPRIG_TABLES, &gotmpl_funcs_sprig_env, NULL,
};
