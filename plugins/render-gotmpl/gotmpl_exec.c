/* gotmpl_exec.c: the executor: its function map, its templates, running a template, and Go's
 * texts of execution errors. */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "gotmpl_exec_internal.h"

/* Helm's root template is named "gotpl"; Go names it in "no template" errors. */
static const char root_template_name[] = "gotpl";

/* --- the function map ---------------------------------------------------------------------------- */
static size_t name_hash(const char *name, size_t len)
{
    uint64_t hash = 14695981039346656037ull;
    for (size_t i = 0; i < len; i++)
        hash = (hash ^ (unsigned char)name[i]) * 1099511628211ull;
    return (size_t)hash;
}

static gotmpl_function_entry *function_slot(const gotmpl_exec *exec, const char *name, size_t len)
{
    size_t mask = exec->function_slots - 1;
    for (size_t i = name_hash(name, len) & mask;; i = (i + 1) & mask) {
        gotmpl_function_entry *entry = &exec->functions[i];
        if (!entry->func || (strlen(entry->func->name) == len && memcmp(entry->func->name, name, len) == 0))
            return entry;
    }
}

static void add_function(gotmpl_exec *exec, const gotmpl_func *func, int is_builtin)
{
    gotmpl_function_entry *entry = function_slot(exec, func->name, strlen(func->name));
    entry->func = func;
    entry->is_builtin = (uint8_t)is_builtin;
}

static int build_function_map(gotmpl_exec *exec)
{
    size_t count = gotmpl_builtin_count;
    for (size_t t = 0; exec->options.tables && exec->options.tables[t]; t++)
        for (const gotmpl_func *f = exec->options.tables[t]->functions; f && f->name; f++)
            count++;
    exec->function_slots = 64;
    while (exec->function_slots < count * 2)
        exec->function_slots *= 2;
    exec->functions = exec->host->arena_alloc(exec->arena, exec->function_slots * sizeof *exec->functions);
    if (!exec->functions)
        return CELM_ENOMEM;
    memset(exec->functions, 0, exec->function_slots * sizeof *exec->functions);
    for (size_t i = 0; i < gotmpl_builtin_count; i++)
        add_function(exec, &gotmpl_builtin_functions[i], 1);
    for (size_t t = 0; exec->options.tables && exec->options.tables[t]; t++)
        for (const gotmpl_func *f = exec->options.tables[t]->functions; f && f->name; f++)
            add_function(exec, f, 0);
    return CELM_OK;
}

const gotmpl_function_entry *gotmpl_exec_find_function(const gotmpl_exec *exec, const char *name, size_t len)
{
    const gotmpl_function_entry *entry = function_slot(exec, name, len);
    return entry->func ? entry : NULL;
}

const gotmpl_func *gotmpl_func_find(const gotmpl_exec *exec, const char *name, size_t len)
{
    const gotmpl_function_entry *entry = gotmpl_exec_find_function(exec, name, len);
    return entry ? entry->func : NULL;
}

int gotmpl_exec_lookup(void *exec, const char *name, size_t len, const void **function)
{
    const gotmpl_function_entry *entry = gotmpl_exec_find_function(exec, name, len);
    if (entry)
        *function = entry;
    return entry != NULL;
}

/* --- the executor -------------------------------------------------------------------------------- */
/* How much of the options a caller built for `version` has. */
static size_t options_size(uint32_t version)
{
    if (version >= 3)
        return sizeof(gotmpl_exec_options);
    return version == 2 ? offsetof(gotmpl_exec_options, lint_log) : offsetof(gotmpl_exec_options, lint_mode);
}

int gotmpl_exec_create(gotmpl_runtime *runtime, const gotmpl_exec_options *options, gotmpl_exec **out)
{
    const celm_host *host = gotmpl_runtime_host(runtime);
    celm_arena *arena = gotmpl_runtime_arena(runtime);
    gotmpl_exec *exec = host->arena_alloc(arena, sizeof *exec);
    if (!exec)
        return CELM_ENOMEM;
    memset(exec, 0, sizeof *exec);
    exec->runtime = runtime;
    exec->host = host;
    exec->arena = arena;
    gotmpl_exec_options defaults = GOTMPL_EXEC_OPTIONS_INIT;
    exec->options = defaults;
    if (options)
        memcpy(&exec->options, options, options_size(options->version));
    if (!exec->options.max_include_depth)
        exec->options.max_include_depth = defaults.max_include_depth;
    int status = build_function_map(exec);
    if (status == CELM_OK)
        status = celm_gotmpl_set_create(host, arena, &exec->set);
    if (status != CELM_OK)
        return status;
    exec->root.set = exec->set;
    exec->namespace = &exec->root;
    *out = exec;
    return CELM_OK;
}

gotmpl_runtime *gotmpl_exec_runtime(const gotmpl_exec *exec)
{
    return exec->runtime;
}

int gotmpl_exec_add_file(gotmpl_exec *exec, const char *name, const char *text, size_t len, celm_error *err)
{
    celm_gotmpl_parse_options options = CELM_GOTMPL_PARSE_OPTIONS_INIT;
    options.lookup = gotmpl_exec_lookup;
    options.lookup_payload = exec;
    options.flags = CELM_GOTMPL_BORROW_TEXT;
    celm_gotmpl_file file;
    int status = celm_gotmpl_parse(exec->host, exec->arena, name, text, len, &options, &file, err);
    if (status != CELM_OK)
        return status;
    status = celm_gotmpl_set_add(exec->set, &file);
    if (status != CELM_OK)
        exec->host->error_set(err, status, "out of memory");
    return status;
}

const celm_gotmpl_tree *gotmpl_namespace_find(const gotmpl_namespace *namespace, const char *name, size_t len)
{
    if (!namespace)
        return NULL;
    const celm_gotmpl_tree *own = celm_gotmpl_set_find(namespace->set, name, len);
    /* text/template's associate: an empty definition never replaces an existing one. */
    if (own && !celm_gotmpl_is_empty(&own->root->node))
        return own;
    const celm_gotmpl_tree *inherited = gotmpl_namespace_find(namespace->parent, name, len);
    return inherited ? inherited : own;
}

/* --- errors -------------------------------------------------------------------------------------- */
int gotmpl_exec_out_of_memory(gotmpl_exec *exec)
{
    static const celm_string text = {"out of memory", 13};
    exec->error_text = text;
    exec->error_chain.links = &exec->error_text;
    exec->error_chain.count = 1;
    exec->error_is_exec = 0;
    return CELM_ENOMEM;
}

celm_string gotmpl_exec_node_text(gotmpl_exec *exec, const celm_gotmpl_node *node)
{
    char small[256];
    celm_string text = {"", 0};
    size_t len = celm_gotmpl_node_format(node, 0, small, sizeof small);
    char *copy = exec->host->arena_alloc(exec->arena, len + 1);
    if (!copy)
        return text;
    if (len < sizeof small)
        memcpy(copy, small, len + 1);
    else
        celm_gotmpl_node_format(node, 0, copy, len + 1);
    text.data = copy;
    text.len = len;
    return text;
}

/* `template: LOC: executing "NAME" at <NODE>: ` (or `template: NAME: ` before any node). */
static void put_error_prefix(gotmpl_exec_state *state, gotmpl_buffer *text)
{
    const celm_gotmpl_tree *tree = state->tree;
    gotmpl_buffer_puts(text, "template: ");
    if (!state->node) {
        gotmpl_buffer_put(text, tree->name.data, tree->name.len);
        gotmpl_buffer_puts(text, ": ");
        return;
    }
    uint32_t line = 0, column = 0;
    celm_gotmpl_error_context(tree, state->node, &line, &column);
    gotmpl_buffer_put(text, tree->parse_name.data, tree->parse_name.len);
    gotmpl_buffer_printf(text, ":%u:%u: executing ", (unsigned)line, (unsigned)column);
    gotmpl_buffer_quote(text, tree->name.data, tree->name.len, 0);
    celm_string context = gotmpl_exec_node_text(state->exec, state->node);
    gotmpl_buffer_puts(text, " at <");
    gotmpl_buffer_put(text, context.data, context.len);
    gotmpl_buffer_puts(text, ">: ");
}

/* Records a failure; `is_exec` marks Go's ExecError (an error at a node) from plain errors. */
static int record_error(gotmpl_exec *exec, gotmpl_buffer *text, const gotmpl_error_chain *inner, int is_exec)
{
    celm_string done;
    size_t inner_count = inner ? inner->count : 0;
    celm_string *links = exec->host->arena_alloc(exec->arena, (inner_count + 1) * sizeof *links);
    if (gotmpl_buffer_finish(text, &done) != CELM_OK || !links)
        return gotmpl_exec_out_of_memory(exec);
    links[0] = done;
    for (size_t i = 0; i < inner_count; i++)
        links[i + 1] = inner->links[i];
    exec->error_text = done;
    exec->error_chain.links = links;
    exec->error_chain.count = inner_count + 1;
    exec->error_is_exec = is_exec;
    return CELM_EINVAL;
}

int gotmpl_exec_fail(gotmpl_exec_state *state, const char *format, ...)
{
    gotmpl_buffer text;
    gotmpl_buffer_init(&text, state->exec->runtime);
    put_error_prefix(state, &text);
    va_list args;
    va_start(args, format);
    char small[512];
    int needed = vsnprintf(small, sizeof small, format, args);
    va_end(args);
    if (needed >= 0 && (size_t)needed < sizeof small) {
        gotmpl_buffer_put(&text, small, (size_t)needed);
    } else if (needed >= 0) {
        char *large = state->exec->host->arena_alloc(state->exec->arena, (size_t)needed + 1);
        if (!large)
            return gotmpl_exec_out_of_memory(state->exec);
        va_start(args, format);
        vsnprintf(large, (size_t)needed + 1, format, args);
        va_end(args);
        gotmpl_buffer_put(&text, large, (size_t)needed);
    }
    return record_error(state->exec, &text, NULL, 1);
}

int gotmpl_exec_fail_text(gotmpl_exec_state *state, const char *prefix, const celm_string *text)
{
    gotmpl_buffer message;
    gotmpl_buffer_init(&message, state->exec->runtime);
    put_error_prefix(state, &message);
    gotmpl_buffer_puts(&message, prefix);
    gotmpl_buffer_put(&message, text->data, text->len);
    return record_error(state->exec, &message, NULL, 1);
}

int gotmpl_exec_fail_call(gotmpl_exec_state *state, const char *name, const celm_string *message,
                          const gotmpl_error_chain *inner)
{
    gotmpl_buffer text;
    gotmpl_buffer_init(&text, state->exec->runtime);
    put_error_prefix(state, &text);
    gotmpl_buffer_puts(&text, "error calling ");
    gotmpl_buffer_puts(&text, name);
    gotmpl_buffer_puts(&text, ": ");
    gotmpl_buffer_put(&text, message->data, message->len);
    gotmpl_error_chain plain = {message, 1};
    return record_error(state->exec, &text, inner && inner->count ? inner : &plain, 1);
}

int gotmpl_exec_fail_plain(gotmpl_exec *exec, int status, const celm_string *text, const gotmpl_error_chain *inner)
{
    gotmpl_buffer copy;
    gotmpl_buffer_init(&copy, exec->runtime);
    gotmpl_buffer_put(&copy, text->data, text->len);
    int recorded = record_error(exec, &copy, inner, 0);
    return recorded == CELM_ENOMEM ? recorded : status;
}

static void fill_error(const gotmpl_exec *exec, int status, celm_error *err)
{
    if (!err)
        return;
    exec->host->error_set(err, status, "%s", exec->error_text.data ? exec->error_text.data : "template error");
}

celm_string gotmpl_exec_error_message(const gotmpl_exec *exec)
{
    return exec->error_text;
}

/* --- running --------------------------------------------------------------------------------------- */
int gotmpl_exec_tree(gotmpl_exec *exec, const celm_gotmpl_tree *tree, const gotmpl_value *dot, gotmpl_buffer *out)
{
    gotmpl_exec_state state = {exec, tree, NULL, exec->variable_count, 0, out};
    gotmpl_exec_value root = {*dot, 0};
    if (root.value.type == GT_NIL)
        root.value.type = GT_INVALID;   /* reflect.ValueOf(nil) */
    static const celm_gotmpl_slice dollar = {"$", 1};
    exec->running++;
    int status = gotmpl_variable_push(&state, dollar, &root);
    if (status == CELM_OK)
        status = gotmpl_exec_walk(&state, &root, &tree->root->node);
    exec->variable_count = state.variable_base;
    exec->running--;
    return status < 0 ? status : CELM_OK;
}

typedef struct run_request {
    gotmpl_exec *exec;
    const celm_gotmpl_tree *tree;
    const gotmpl_value *dot;
    gotmpl_buffer *out;
} run_request;

static int run_request_body(void *payload)
{
    run_request *request = payload;
    return gotmpl_exec_tree(request->exec, request->tree, request->dot, request->out);
}

/* The outermost execution gets a deep stack; nested ones (include, tpl) run where they are, as
 * long as the stack lasts (Go's would grow to 1 GB and then abort the process). */
static int run_tree(gotmpl_exec *exec, const celm_gotmpl_tree *tree, const gotmpl_value *dot, gotmpl_buffer *out)
{
    run_request request = {exec, tree, dot, out};
    if (!exec->running)
        return gotmpl_exec_on_large_stack(exec, run_request_body, &request);
    if (gotmpl_exec_stack_ok(exec))
        return run_request_body(&request);
    gotmpl_buffer text;
    gotmpl_buffer_init(&text, exec->runtime);
    gotmpl_buffer_puts(&text, "template: ");
    gotmpl_buffer_put(&text, tree->name.data, tree->name.len);
    gotmpl_buffer_puts(&text, ": templates nested too deeply for the stack");
    record_error(exec, &text, NULL, 0);
    return CELM_ELIMIT;
}

static int no_such_template(gotmpl_exec *exec, const char *name, size_t len)
{
    gotmpl_buffer text;
    gotmpl_buffer_init(&text, exec->runtime);
    gotmpl_buffer_puts(&text, "template: no template ");
    gotmpl_buffer_quote(&text, name, len, 0);
    gotmpl_buffer_puts(&text, " associated with template ");
    gotmpl_buffer_quote(&text, root_template_name, strlen(root_template_name), 0);
    record_error(exec, &text, NULL, 0);
    return CELM_ENOTFOUND;
}

static int start_output(gotmpl_exec *exec, const celm_string *out, gotmpl_buffer *buffer)
{
    gotmpl_buffer_init(buffer, exec->runtime);
    if (out->len)
        gotmpl_buffer_put(buffer, out->data, out->len);
    return buffer->failed ? gotmpl_exec_out_of_memory(exec) : CELM_OK;
}

int gotmpl_exec_run(gotmpl_exec *exec, const char *name, size_t len, const gotmpl_value *dot, celm_string *out,
                    celm_error *err)
{
    const celm_gotmpl_tree *tree = gotmpl_namespace_find(exec->namespace, name, len);
    gotmpl_buffer buffer;
    int status = tree ? start_output(exec, out, &buffer) : no_such_template(exec, name, len);
    if (status == CELM_OK)
        status = run_tree(exec, tree, dot, &buffer);
    if (tree && gotmpl_buffer_finish(&buffer, out) != CELM_OK && status == CELM_OK)
        status = gotmpl_exec_out_of_memory(exec);
    if (status != CELM_OK)
        fill_error(exec, status, err);
    return status;
}

int gotmpl_exec_run_parsed(gotmpl_exec *exec, const celm_gotmpl_tree *tree, const gotmpl_namespace *namespace,
                           const gotmpl_value *dot, celm_string *out, celm_error *err)
{
    gotmpl_buffer buffer;
    int status = start_output(exec, out, &buffer);
    const gotmpl_namespace *outer = exec->namespace;
    exec->namespace = namespace;
    if (status == CELM_OK)
        status = run_tree(exec, tree, dot, &buffer);
    exec->namespace = outer;
    if (gotmpl_buffer_finish(&buffer, out) != CELM_OK && status == CELM_OK)
        status = gotmpl_exec_out_of_memory(exec);
    if (status != CELM_OK)
        fill_error(exec, status, err);
    return status;
}
