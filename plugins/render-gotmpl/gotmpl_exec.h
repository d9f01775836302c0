/* gotmpl_exec.h: executing templates with Go's text/template semantics (exec.go and funcs.go). */
#ifndef CELM_GOTMPL_EXEC_H
#define CELM_GOTMPL_EXEC_H

#include <stddef.h>
#include <stdint.h>

#include "gotmpl.h"
#include "gotmpl_func.h"
#include "gotmpl_value.h"

#define GOTMPL_EXEC_OPTIONS_VERSION 3

typedef struct gotmpl_exec_options {
    uint32_t version;           /* GOTMPL_EXEC_OPTIONS_VERSION */
    int missing_key_error;      /* Option("missingkey=error") (helm lint --strict); else missingkey=zero */
    /* Function tables in the order Go's Funcs would be called: a later table's function replaces
     * an earlier one of the same name (Helm's funcs replace Sprig's). NULL-terminated. The
     * text/template builtins are always present underneath. */
    const gotmpl_func_table *const *tables;
    /* Helm's include: how deep one template name may nest (1000). */
    uint32_t max_include_depth;
    /* Version 2: Helm's LintMode (helm lint): `required` and `fail` do not fail. */
    int lint_mode;
    /* Version 3: where lint mode reports what helm logs instead of failing (NULL: nowhere). */
    void (*lint_log)(void *payload, const char *level, const char *message, const char *detail);
    void *lint_log_payload;
    /* Version 3: the outermost execution runs on the calling thread's own stack when that is the
     * main thread's; templates nesting deeper than it allows then fail and leave
     * gotmpl_exec_stack_exhausted set, and the caller starts again with an executor without it. */
    int caller_stack_first;
} gotmpl_exec_options;

#define GOTMPL_EXEC_OPTIONS_INIT {GOTMPL_EXEC_OPTIONS_VERSION, 0, NULL, 1000, 0, NULL, NULL, 0}

/* An executor: the function map, the template set and the per-render state. Lives in the
 * runtime's arena. */
int gotmpl_exec_create(gotmpl_runtime *runtime, const gotmpl_exec_options *options, gotmpl_exec **out);
gotmpl_runtime *gotmpl_exec_runtime(const gotmpl_exec *exec);

/* The parser's function lookup for this executor (pass `exec` as the payload). */
int gotmpl_exec_lookup(void *exec, const char *name, size_t len, const void **function);

/* Parses a file (its main template named `name`, plus its defines) into the executor's set, with
 * text/template's association rules (a later non-empty define replaces an earlier one). `text` is
 * borrowed: it must stay valid while the executor is used. Parse errors carry Go's text, as
 * celm_gotmpl_parse reports them. */
int gotmpl_exec_add_file(gotmpl_exec *exec, const char *name, const char *text, size_t len, celm_error *err);

/* Executes the template `name` with `dot` as its data, appending the output to *out (an arena
 * string; *out may start empty; on failure it holds the output up to the error, as Go's writer
 * does). Errors carry Go's text, e.g.
 * `template: mychart/templates/a.yaml:3:4: executing "mychart/templates/a.yaml" at <.Values.x.y>:
 * nil pointer evaluating interface {}.y`; a function's panic is reported as Go reports it; an
 * unknown name gives `template: no template "x" associated with template "gotpl"` (Helm's root
 * template name) and CELM_ENOTFOUND. The outermost execution runs on a helper thread with a stack
 * big enough for Go's 100000 nested {{template}} calls; one executor runs one template at a time. */
int gotmpl_exec_run(gotmpl_exec *exec, const char *name, size_t len, const gotmpl_value *dot, celm_string *out,
                    celm_error *err);

/* Helm's tpl: parses `text` as a template named "gotpl" in a copy of the current set (so the
 * chart's defines are visible) and executes it with `dot`. A text is parsed once per executor.
 * Returns CELM_EPARSE with Go's parse error, or an execution error as gotmpl_exec_run does; the
 * output keeps any "<no value>" (Helm's tpl function removes them). */
int gotmpl_exec_run_text(gotmpl_exec *exec, const char *text, size_t len, const gotmpl_value *dot, celm_string *out,
                         celm_error *err);

/* The last failure's text in full (err->message holds at most CELM_ERROR_MESSAGE_SIZE - 1 bytes
 * of it, and stops at a NUL byte a value's text may hold). Arena text (transfer none). */
celm_string gotmpl_exec_error_message(const gotmpl_exec *exec);

/* Helm's reformatExecErrorMsg for the last execution error of template file `file`: a required or
 * fail message as `execution error at (FILE:LINE:COL): MESSAGE`, else Helm v4's trace
 *     LOCATION
 *       executing "NAME" at <NODE>:
 *         MESSAGE
 * one block per nested template (when every wrapped error is a template error; otherwise the Go
 * text unchanged). Arena text in *out. */
int gotmpl_exec_helm_error(gotmpl_exec *exec, const char *file, celm_string *out);

/* Helm's template-running functions: include, tpl, required and fail (gotmpl_funcs_engine.c). */
extern const gotmpl_func_table gotmpl_funcs_engine;

/* Runs body(payload) on a thread with a stack deep enough for Go's template depth limit, waiting
 * for it; the calling thread's own stack is used when one cannot be made, or first with
 * caller_stack_first. Executions inside body (a whole render's templates) share that stack
 * instead of making one each. */
int gotmpl_exec_on_large_stack(gotmpl_exec *exec, int (*body)(void *payload), void *payload);
/* 1 when an execution with caller_stack_first ran out of the caller's stack (and so failed). */
int gotmpl_exec_stack_exhausted(const gotmpl_exec *exec);

#endif
