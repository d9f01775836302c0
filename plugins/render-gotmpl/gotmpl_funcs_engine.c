/* gotmpl_funcs_engine.c: Helm's template-running functions (pkg/engine/engine.go): include, tpl,
 * required and fail, with Helm's limits and error texts. */
#include <string.h>

#include "gotmpl_exec_internal.h"

/* Helm wraps required/fail messages in these so its error reformatting can find them. */
#define WARN_START "HELM_ERR_START"
#define WARN_END "HELM_ERR_END"

/* --- include's per-name nesting counter (Helm's includedNames) --------------------------------------- */
typedef struct name_count {
    celm_string name;
    uint32_t count;
} name_count;

struct gotmpl_name_counts {
    name_count *slots;
    size_t slot_count, used;
};

static size_t name_hash(const char *name, size_t len)
{
    uint64_t hash = 14695981039346656037ull;
    for (size_t i = 0; i < len; i++)
        hash = (hash ^ (unsigned char)name[i]) * 1099511628211ull;
    return (size_t)hash;
}

static name_count *count_slot(name_count *slots, size_t slot_count, const char *name, size_t len)
{
    size_t mask = slot_count - 1;
    for (size_t i = name_hash(name, len) & mask;; i = (i + 1) & mask)
        if (!slots[i].name.data || (slots[i].name.len == len && memcmp(slots[i].name.data, name, len) == 0))
            return &slots[i];
}

static int counts_grow(gotmpl_exec *exec, gotmpl_name_counts *counts)
{
    size_t slot_count = counts->slot_count ? counts->slot_count * 2 : 32;
    name_count *slots = exec->host->arena_alloc(exec->arena, slot_count * sizeof *slots);
    if (!slots)
        return CELM_ENOMEM;
    memset(slots, 0, slot_count * sizeof *slots);
    for (size_t i = 0; i < counts->slot_count; i++)
        if (counts->slots[i].name.data)
            *count_slot(slots, slot_count, counts->slots[i].name.data, counts->slots[i].name.len) = counts->slots[i];
    counts->slots = slots;
    counts->slot_count = slot_count;
    return CELM_OK;
}

/* The counter of a template name, created at 0. NULL when out of memory. */
static name_count *include_count(gotmpl_exec *exec, const celm_string *name)
{
    if (!exec->include_counts) {
        exec->include_counts = exec->host->arena_alloc(exec->arena, sizeof *exec->include_counts);
        if (!exec->include_counts)
            return NULL;
        memset(exec->include_counts, 0, sizeof *exec->include_counts);
    }
    gotmpl_name_counts *counts = exec->include_counts;
    if ((counts->used + 1) * 2 > counts->slot_count && counts_grow(exec, counts) != CELM_OK)
        return NULL;
    name_count *slot = count_slot(counts->slots, counts->slot_count, name->data, name->len);
    if (!slot->name.data) {
        slot->name.data = exec->host->arena_strndup(exec->arena, name->data, name->len);
        slot->name.len = name->len;
        slot->count = 0;
        counts->used++;
    }
    return slot->name.data ? slot : NULL;
}

/* A failed nested execution becomes the function's error, wrapping the execution's chain. */
static int nested_failure(gotmpl_call *call, gotmpl_exec *exec)
{
    gotmpl_error_chain chain = exec->error_chain;
    int status = gotmpl_exec_call_fail_text(call, &exec->error_text);
    exec->call_chain = chain;
    return status;
}

/* include NAME DATA: the named template's output as a string. */
static int helm_include(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    gotmpl_exec *exec = gotmpl_call_exec(call);
    const celm_string *name = &args[0].as.string;
    if (!exec)
        return gotmpl_call_error(call, "include is only available while a template executes");
    name_count *counter = include_count(exec, name);
    if (!counter)
        return CELM_ENOMEM;
    if (counter->count > exec->options.max_include_depth)
        return gotmpl_call_error(call, "rendering template has a nested reference name: %.*s: unable to execute template",
                                 (int)name->len, name->data);
    counter->count++;
    celm_string text = {"", 0};
    int status = gotmpl_exec_run(exec, name->data, name->len, &args[1], &text, NULL);
    counter = include_count(exec, name);  /* the table may have grown meanwhile */
    if (counter)
        counter->count--;
    if (status == CELM_ENOMEM)
        return status;
    if (status != CELM_OK)
        return nested_failure(call, exec);
    *out = gotmpl_string(text.data, text.len);
    return CELM_OK;
}

/* Helm's tpl output has every "<no value>" removed. */
static int without_no_value(gotmpl_runtime *runtime, const celm_string *text, gotmpl_value *out)
{
    static const char marker[] = "<no value>";
    gotmpl_buffer cleaned;
    gotmpl_buffer_init(&cleaned, runtime);
    const char *at = text->data, *end = text->data + text->len;
    while (at < end) {
        const char *found = memmem(at, (size_t)(end - at), marker, sizeof marker - 1);
        const char *stop = found ? found : end;
        gotmpl_buffer_put(&cleaned, at, (size_t)(stop - at));
        at = found ? found + sizeof marker - 1 : end;
    }
    celm_string done;
    if (gotmpl_buffer_finish(&cleaned, &done) != CELM_OK)
        return CELM_ENOMEM;
    *out = gotmpl_string(done.data, done.len);
    return CELM_OK;
}

/* Helm's wrapping of a tpl failure: `cannot parse template "TEXT": ...` or `error during tpl
 * function execution for "TEXT": ...`, wrapping the failure's own chain. */
static int tpl_failure(gotmpl_call *call, gotmpl_exec *exec, const celm_string *source, int parse_failed)
{
    gotmpl_buffer message;
    gotmpl_buffer_init(&message, exec->runtime);
    gotmpl_buffer_puts(&message, parse_failed ? "cannot parse template " : "error during tpl function execution for ");
    gotmpl_buffer_quote(&message, source->data, source->len, 0);
    gotmpl_buffer_puts(&message, ": ");
    gotmpl_buffer_put(&message, exec->error_text.data, exec->error_text.len);
    celm_string *links = exec->host->arena_alloc(exec->arena, (exec->error_chain.count + 1) * sizeof *links);
    celm_string text;
    if (gotmpl_buffer_finish(&message, &text) != CELM_OK || !links)
        return CELM_ENOMEM;
    links[0] = text;
    memcpy(links + 1, exec->error_chain.links, exec->error_chain.count * sizeof *links);
    int status = gotmpl_exec_call_fail_text(call, &text);
    exec->call_chain.links = links;
    exec->call_chain.count = exec->error_chain.count + 1;
    return status;
}

/* tpl TEXT DATA: TEXT executed as a template, seeing the chart's defines. */
static int helm_tpl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    gotmpl_exec *exec = gotmpl_call_exec(call);
    celm_string text = {"", 0};
    if (!exec)
        return gotmpl_call_error(call, "tpl is only available while a template executes");
    int status = gotmpl_exec_run_text(exec, args[0].as.string.data, args[0].as.string.len, &args[1], &text, NULL);
    if (status == CELM_ENOMEM)
        return status;
    if (status != CELM_OK)
        return tpl_failure(call, exec, &args[0].as.string, status == CELM_EPARSE);
    return without_no_value(exec->runtime, &text, out);
}

/* required MESSAGE VALUE: VALUE, unless it is nil or "". */
/* Lint mode's slog line in place of a failure, through the caller's reporter. */
static void lint_log(gotmpl_exec *exec, const char *level, const char *message, const gotmpl_value *text)
{
    if (!exec->options.lint_log)
        return;
    char *detail = exec->host->arena_strndup(exec->arena, text->as.string.data, text->as.string.len);
    if (detail)
        exec->options.lint_log(exec->options.lint_log_payload, level, message, detail);
}

static int helm_required(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    gotmpl_exec *exec = gotmpl_call_exec(call);
    const gotmpl_value *value = &args[1];
    int missing = value->type == GT_NIL || value->type == GT_INVALID ||
                  (value->type == GT_STRING && value->as.string.len == 0);
    *out = *value;
    if (!missing)
        return CELM_OK;
    if (exec && exec->options.lint_mode) {
        lint_log(exec, "WARN", value->type == GT_STRING ? "missing required values" : "missing required value", &args[0]);
        *out = gotmpl_string("", 0);
        return CELM_OK;
    }
    return gotmpl_call_error(call, WARN_START "%.*s" WARN_END, (int)args[0].as.string.len, args[0].as.string.data);
}

/* fail MESSAGE: always an error (nothing while linting). */
static int helm_fail(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    gotmpl_exec *exec = gotmpl_call_exec(call);
    *out = gotmpl_string("", 0);
    if (exec && exec->options.lint_mode) {
        lint_log(exec, "INFO", "funcMap fail", &args[0]);
        return CELM_OK;
    }
    return gotmpl_call_error(call, WARN_START "%.*s" WARN_END, (int)args[0].as.string.len, args[0].as.string.data);
}

static const gotmpl_func engine_functions[] = {
    {"include", helm_include, 2, 0, {GT_STRING, GT_ANY}, GT_STRING, 1},
    {"tpl", helm_tpl, 2, 0, {GT_STRING, GT_ANY}, GT_STRING, 1},
    {"required", helm_required, 2, 0, {GT_STRING, GT_ANY}, GT_ANY, 1},
    {"fail", helm_fail, 1, 0, {GT_STRING}, GT_STRING, 1},
    {NULL, NULL, 0, 0, {0}, 0, 0},
};

const gotmpl_func_table gotmpl_funcs_engine = {"engine", engine_functions};
