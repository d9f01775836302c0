/* render.h: the render kind, which turns a chart's templates into manifests (render-gotmpl, ...). */
#ifndef CELM_RENDER_H
#define CELM_RENDER_H

#include <stddef.h>
#include <stdint.h>

#include "celm/arena.h"
#include "celm/error.h"
#include "celm/value.h"

#define CELM_RENDER_OPS_VERSION 3

typedef struct celm_render_file {
    const char *name;           /* chart-relative path, e.g. "templates/deployment.yaml" */
    const char *data;
    size_t len;
} celm_render_file;

/* One chart of the tree being rendered, after dependency processing. Everything is borrowed from
 * the core for the duration of the render call. */
typedef struct celm_render_chart {
    const char *name;           /* the name or alias templates see as .Chart.Name */
    const char *full_path;      /* "mychart" or "mychart/charts/sub": the prefix of template names */
    const celm_value *metadata; /* Chart.yaml as a map */
    const celm_value *values;   /* the coalesced values this chart sees as .Values */
    const celm_render_file *templates;
    size_t template_count;
    const celm_render_file *files;  /* everything .Files offers */
    size_t file_count;
    const struct celm_render_chart *const *subcharts;
    size_t subchart_count;
    int is_library;
} celm_render_chart;

/* ABI 1.4: a template function one renderer lends the templates of another (render-lua's chart
 * functions, called from Go templates). `call` receives the arguments, borrowed for the call, and
 * returns its result in *out (in `arena`); errors name the function's file and line. The entry and
 * everything it points to stay valid until the renderer that offered it is destroyed. */
typedef struct celm_render_function {
    const char *name;
    const char *chart;          /* full_path of the chart that defines it */
    int (*call)(void *payload, celm_arena *arena, const celm_value *const *args, size_t count,
                celm_value **out, celm_error *err);
    void *payload;
} celm_render_function;

/* ABI 1.4: the named templates of the suffix-less renderer, lent to the others while they render.
 * `chart` is the full_path of the calling template's chart; `data` NULL means the dot that chart's
 * own templates see. Output goes to *out (in `arena`); errors read as the renderer reports them. */
typedef struct celm_render_templates {
    /* Helm's include: the output of the template `name`. */
    int (*include)(void *payload, celm_arena *arena, const char *chart, const char *name,
                   const celm_value *data, celm_string *out, celm_error *err);
    /* Helm's tpl: `text` run as a template that sees the chart's defines. */
    int (*tpl)(void *payload, celm_arena *arena, const char *chart, const char *text, size_t len,
               const celm_value *data, celm_string *out, celm_error *err);
    void *payload;
} celm_render_templates;

typedef struct celm_render_request {
    uint32_t size;                      /* sizeof(celm_render_request) of the core */
    const celm_render_chart *chart;     /* the top chart */
    const celm_value *release;          /* .Release */
    const celm_value *capabilities;     /* .Capabilities */
    int strict;                         /* missingkey=error (lint --strict) */
    const char *const *only;            /* NULL, or a NULL-terminated list of template names to render */
    /* ABI 1.1: `lookup` may query the cluster through the host's kube entries (install, upgrade,
     * --dry-run=server); 0 means it finds nothing, as in helm template. Check `size` first. */
    int cluster;
    /* ABI 1.3: helm lint's render (LintMode): `required` and `fail` do not fail; what helm logs
     * instead goes to lint_log (when set) as a slog level, message and the template's text, e.g.
     * ("WARN", "missing required value", "A valid .Values.x entry required!"). Check `size` first. */
    int lint;
    void (*lint_log)(void *payload, const char *level, const char *message, const char *detail);
    void *lint_log_payload;
    /* ABI 1.4: functions other renderers offer to this one's templates (chart functions), and the
     * suffix-less renderer's named templates (NULL when none is prepared). Check `size` first. */
    const celm_render_function *functions;
    size_t function_count;
    const celm_render_templates *templates;
} celm_render_request;

typedef struct celm_render_output {
    const char *name;           /* full template name, e.g. "mychart/templates/deployment.yaml" */
    const char *data;
    size_t len;
} celm_render_output;

/* The functions a standalone template sees (celm_render_text_request.functions). */
typedef enum celm_render_functions {
    CELM_RENDER_FUNCTIONS_SPRIG = 1     /* text/template's builtins and sprig.TxtFuncMap() */
} celm_render_functions;

/* ABI 1.3: one template outside any chart, executed with no data (helm's --name-template). */
typedef struct celm_render_text_request {
    uint32_t size;              /* sizeof(celm_render_text_request) of the core */
    const char *name;           /* the template's name in messages, e.g. "name-template" */
    const char *text;
    size_t len;
    int functions;              /* a celm_render_functions */
} celm_render_text_request;

typedef struct celm_render_ops {
    uint32_t version;
    /* File-name suffixes this renderer claims (e.g. ".lua"), NULL-terminated; a renderer with an
     * empty list renders every template no other renderer claims. */
    const char *const *suffixes;
    /* Renders the claimed templates of the whole tree into *out (an arena array). */
    int (*render)(void *instance, celm_arena *arena, const celm_render_request *request,
                  celm_render_output **out, size_t *out_count, celm_error *err);
    /* Version 2 (ABI 1.3), optional: executes request->text as a template of its own into *out
     * (arena text). Errors carry the engine's text, e.g. `template: name-template:1: function
     * "x" not defined` (CELM_EPARSE) or an execution error. */
    int (*render_text)(void *instance, celm_arena *arena, const celm_render_text_request *request,
                       celm_string *out, celm_error *err);
    /* Version 3 (ABI 1.4), both optional. `functions`: the template functions this renderer lends
     * the others for the chart tree of `request` (an arena array in *out). `prepare`: parse the
     * claimed templates so *out can run them for the other renderers; a later `render` with the
     * same request reuses that work. The core calls functions, then prepare, then render. */
    int (*functions)(void *instance, celm_arena *arena, const celm_render_request *request,
                     celm_render_function **out, size_t *out_count, celm_error *err);
    int (*prepare)(void *instance, celm_arena *arena, const celm_render_request *request,
                   celm_render_templates *out, celm_error *err);
} celm_render_ops;

#endif
