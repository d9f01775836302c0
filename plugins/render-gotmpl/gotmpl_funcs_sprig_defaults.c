/* gotmpl_funcs_sprig_defaults.c: Sprig's defaults and flow control (default, empty, coalesce, all, any,
 * ternary, fail), all built on its empty(): nil, false, 0, "" and empty lists and maps. */
#include "gotmpl_sprig.h"

static int empty_value(gotmpl_call *call, const gotmpl_value *value)
{
    return gotmpl_sprig_empty(gotmpl_call_runtime(call), value);
}

/* default DEFAULT [GIVEN]: GIVEN unless it is missing or empty. */
static int default_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    *out = count < 2 || empty_value(call, &args[1]) ? args[0] : args[1];
    return CELM_OK;
}

static int empty_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    *out = gotmpl_bool(empty_value(call, &args[0]));
    return CELM_OK;
}

static int coalesce_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    *out = gotmpl_nil();
    for (size_t i = 0; i < count; i++) {
        if (!empty_value(call, &args[i])) {
            *out = args[i];
            break;
        }
    }
    return CELM_OK;
}

static int all_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    int all = 1;
    for (size_t i = 0; i < count && all; i++)
        all = !empty_value(call, &args[i]);
    *out = gotmpl_bool(all);
    return CELM_OK;
}

static int any_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    int any = 0;
    for (size_t i = 0; i < count && !any; i++)
        any = !empty_value(call, &args[i]);
    *out = gotmpl_bool(any);
    return CELM_OK;
}

static int ternary_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    *out = args[2].as.boolean ? args[0] : args[1];
    return CELM_OK;
}

/* fail MESSAGE: always the error MESSAGE. */
static int fail_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    *out = gotmpl_string("", 0);
    return gotmpl_call_error(call, "%.*s", (int)args[0].as.string.len, args[0].as.string.data);
}

static const gotmpl_func default_functions[] = {
    {"default", default_impl, 2, 1, {GT_ANY, GT_ANY}, GT_ANY, 0},
    {"empty", empty_impl, 1, 0, {GT_ANY}, GT_BOOL, 0},
    {"coalesce", coalesce_impl, 1, 1, {GT_ANY}, GT_ANY, 0},
    {"all", all_impl, 1, 1, {GT_ANY}, GT_BOOL, 0},
    {"any", any_impl, 1, 1, {GT_ANY}, GT_BOOL, 0},
    {"ternary", ternary_impl, 3, 0, {GT_ANY, GT_ANY, GT_BOOL}, GT_ANY, 0},
    {"fail", fail_impl, 1, 0, {GT_STRING}, GT_STRING, 1},
    {NULL, NULL, 0, 0, {0}, 0, 0},
};

const gotmpl_func_table gotmpl_funcs_sprig_defaults = {"sprig/defaults", default_functions};
