/* gotmpl_funcs_chart.c: functions other renderers lend (render-lua's chart functions) as template
 * functions: func(args ...interface{}) (interface{}, error). */
#include <stddef.h>
#include <string.h>

#include "gotmpl_funcs_chart.h"

/* A function's name, allocated with the lent function in front of it: the executor hands the
 * call the table entry, whose name leads back to what it calls. */
typedef struct lent_name {
    const celm_render_function *lent;
    char text[];
} lent_name;

static const celm_render_function *lent_of(const char *name)
{
    return ((const lent_name *)(const void *)(name - offsetof(lent_name, text)))->lent;
}

static int call_lent(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    const celm_render_function *lent = lent_of(gotmpl_call_name(call));
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    const celm_host *host = gotmpl_runtime_host(runtime);
    celm_arena *arena = gotmpl_runtime_arena(runtime);
    const celm_value **values = host->arena_alloc(arena, (count + 1) * sizeof *values);
    if (!values)
        return CELM_ENOMEM;
    for (size_t i = 0; i < count; i++)
        if (!(values[i] = gotmpl_to_plain(runtime, &args[i])))
            return CELM_ENOMEM;
    celm_value *result = NULL;
    celm_error err = CELM_ERROR_INIT;
    if (lent->call(lent->payload, arena, values, count, &result, &err) != CELM_OK)
        return gotmpl_call_error(call, "%s", err.message);
    *out = result ? gotmpl_from_celm(runtime, result) : gotmpl_nil();
    return CELM_OK;
}

static size_t depth(const char *chart_path)
{
    size_t slashes = 0;
    for (; *chart_path; chart_path++)
        slashes += *chart_path == '/';
    return slashes;
}

static const char *lent_name_new(const celm_host *host, celm_arena *arena, const celm_render_function *lent)
{
    size_t len = strlen(lent->name);
    lent_name *name = host->arena_alloc(arena, sizeof *name + len + 1);
    if (!name)
        return NULL;
    name->lent = lent;
    memcpy(name->text, lent->name, len + 1);
    return name->text;
}

/* Like defines, a name several charts define goes to the chart nearest the top. */
static size_t add_lent(gotmpl_func *functions, size_t used, const char *name, const celm_render_function *lent)
{
    for (size_t i = 0; i < used; i++) {
        if (strcmp(functions[i].name, lent->name) != 0)
            continue;
        if (depth(lent->chart) < depth(lent_of(functions[i].name)->chart))
            functions[i].name = name;
        return used;
    }
    functions[used] = (gotmpl_func){name, call_lent, 1, 1, {GT_ANY}, GT_ANY, 1};
    return used + 1;
}

int gotmpl_chart_function_tables(const celm_host *host, celm_arena *arena, const celm_render_function *lent,
                                 size_t count, const gotmpl_func_table *const *base,
                                 const gotmpl_func_table *const **out)
{
    size_t base_count = 0;
    while (base[base_count])
        base_count++;
    gotmpl_func *functions = host->arena_alloc(arena, (count + 1) * sizeof *functions);
    gotmpl_func_table *table = host->arena_alloc(arena, sizeof *table);
    const gotmpl_func_table **tables = host->arena_alloc(arena, (base_count + 2) * sizeof *tables);
    if (!functions || !table || !tables)
        return CELM_ENOMEM;
    memset(functions, 0, (count + 1) * sizeof *functions);
    size_t used = 0;
    for (size_t i = 0; i < count; i++) {
        const char *name = lent_name_new(host, arena, &lent[i]);
        if (!name)
            return CELM_ENOMEM;
        used = add_lent(functions, used, name, &lent[i]);
    }
    *table = (gotmpl_func_table){"chart", functions};
    tables[0] = table;
    memcpy(tables + 1, base, (base_count + 1) * sizeof *tables);
    *out = tables;
    return CELM_OK;
}

const celm_render_function *gotmpl_chart_function_clash(const gotmpl_exec *exec, const gotmpl_func_table *table)
{
    for (const gotmpl_func *f = table->functions; f->name; f++)
        if (gotmpl_func_find(exec, f->name, strlen(f->name)) != f)
            return lent_of(f->name);
    return NULL;
}
