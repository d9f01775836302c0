/* gotmpl_render.c: Helm's engine: per-chart template data, parse order, execution, "<no value>". */
#include <stdlib.h>
#include <string.h>

#include "gotmpl_render.h"

typedef struct renderable {
    const char *name;           /* "mychart/templates/a.yaml" */
    const char *text;
    size_t len;
    gotmpl_value data;          /* the chart's dot map, shared by all its templates */
    const char *base_path;      /* "mychart/templates" */
} renderable;

typedef struct chart_dot {
    const char *full_path;
    gotmpl_value dot;
} chart_dot;

typedef struct gotmpl_prepared {
    gotmpl_exec *exec;
    gotmpl_runtime *runtime;
    const celm_host *host;
    celm_arena *arena;
    const celm_render_request *request;
    renderable *templates;
    size_t count, capacity;
    chart_dot *dots;
    size_t dot_count, dot_capacity;
    int failed;
} render_state;

static gotmpl_value new_map(render_state *s)
{
    gotmpl_value map = gotmpl_map_new(s->runtime, GT_MAP, 8);
    if (!map.type)
        s->failed = 1;
    return map;
}

static void put(render_state *s, gotmpl_value *map, const char *key, gotmpl_value value)
{
    if (gotmpl_map_set(s->runtime, map->as.map, key, strlen(key), value) != CELM_OK)
        s->failed = 1;
}

/* Room for one more item of an arena array; NULL (and the state failed) when out of memory. */
static void *grow(render_state *s, void **items, size_t count, size_t *capacity, size_t item_size)
{
    if (count == *capacity) {
        size_t more = *capacity ? *capacity * 2 : 32;
        char *grown = s->host->arena_alloc(s->arena, more * item_size);
        if (!grown)
            return s->failed = 1, NULL;
        if (count)
            memcpy(grown, *items, count * item_size);
        *items = grown, *capacity = more;
    }
    return (char *)*items + count * item_size;
}

static void add_renderable(render_state *s, const renderable *item)
{
    renderable *slot = grow(s, (void **)&s->templates, s->count, &s->capacity, sizeof *slot);
    if (slot)
        *slot = *item, s->count++;
}

static void add_chart_dot(render_state *s, const char *full_path, gotmpl_value dot)
{
    chart_dot *slot = grow(s, (void **)&s->dots, s->dot_count, &s->dot_capacity, sizeof *slot);
    if (slot)
        *slot = (chart_dot){full_path, dot}, s->dot_count++;
}

static int is_partial(const char *name)
{
    const char *slash = strrchr(name, '/');
    return (slash ? slash[1] : name[0]) == '_';
}

/* .Values of a subchart: the parent's .Values.<name> when it is a map, else an empty common.Values. */
static gotmpl_value subchart_values(render_state *s, const gotmpl_value *parent, const char *name)
{
    gotmpl_value values, sub;
    if (gotmpl_map_get(s->runtime, parent->as.map, "Values", 6, &values) && values.type == GT_MAP &&
        gotmpl_map_get(s->runtime, values.as.map, name, strlen(name), &sub) && sub.type == GT_MAP)
        return sub;
    gotmpl_value empty = new_map(s);
    gotmpl_mark_values(&empty);
    return empty;
}

/* Helm's recAllTpls: the chart's dot map, its subcharts' (into .Subcharts), and its templates. */
static gotmpl_value collect(render_state *s, const celm_render_chart *chart, const gotmpl_value *parent,
                            const gotmpl_value *release, const gotmpl_value *capabilities)
{
    gotmpl_value next = new_map(s), subcharts = new_map(s);
    if (s->failed)
        return next;
    put(s, &next, "Chart", gotmpl_chart_object(s->runtime, chart->metadata, parent == NULL));
    put(s, &next, "Files", gotmpl_files_object(s->runtime, chart->files, chart->file_count));
    put(s, &next, "Release", *release);
    put(s, &next, "Capabilities", *capabilities);
    gotmpl_value values = parent ? subchart_values(s, parent, chart->name) : gotmpl_from_celm(s->runtime, chart->values);
    if (!parent && values.type != GT_MAP)
        values = new_map(s);
    gotmpl_mark_values(&values);
    put(s, &next, "Values", values);
    put(s, &next, "Subcharts", subcharts);
    add_chart_dot(s, chart->full_path, next);
    for (size_t i = 0; i < chart->subchart_count; i++)
        put(s, &subcharts, chart->subcharts[i]->name, collect(s, chart->subcharts[i], &next, release, capabilities));
    char *joined = s->host->arena_alloc(s->arena, strlen(chart->full_path) + 11);
    if (!joined)
        return s->failed = 1, next;
    strcpy(joined, chart->full_path);
    strcat(joined, "/templates");
    for (size_t i = 0; i < chart->template_count; i++) {
        const celm_render_file *file = &chart->templates[i];
        if (chart->is_library && !is_partial(file->name))
            continue;
        size_t name_len = strlen(chart->full_path) + 1 + strlen(file->name);
        char *name = s->host->arena_alloc(s->arena, name_len + 1);
        if (!name)
            return s->failed = 1, next;
        strcpy(name, chart->full_path);
        strcat(name, "/");
        strcat(name, file->name);
        renderable item = {name, file->data, file->len, next, joined};
        add_renderable(s, &item);
    }
    return next;
}

static size_t slashes(const char *text)
{
    size_t count = 0;
    for (; *text; text++)
        count += *text == '/';
    return count;
}

/* sort.Reverse(byPathLen): more path elements first, then reverse bytewise order. */
static int compare_parse_order(const void *left, const void *right)
{
    const renderable *a = left, *b = right;
    size_t depth_a = slashes(a->name), depth_b = slashes(b->name);
    if (depth_a != depth_b)
        return depth_a > depth_b ? -1 : 1;
    return -strcmp(a->name, b->name);
}

static int parse_all(render_state *s, celm_error *err)
{
    for (size_t i = 0; i < s->count; i++) {
        celm_error parse_err = CELM_ERROR_INIT;
        if (gotmpl_exec_add_file(s->exec, s->templates[i].name, s->templates[i].text, s->templates[i].len,
                                 &parse_err) == CELM_OK)
            continue;
        char message[CELM_ERROR_MESSAGE_SIZE];
        celm_gotmpl_helm_parse_error(s->templates[i].name, parse_err.message, message, sizeof message);
        return s->host->error_set(err, CELM_EPARSE, "%s", message);
    }
    return CELM_OK;
}

size_t gotmpl_strip_no_value(char *text, size_t len)
{
    static const char marker[] = "<no value>";
    const size_t marker_len = sizeof marker - 1;
    size_t out = 0, at = 0;
    while (at < len) {
        const char *open = memchr(text + at, '<', len - at);
        size_t stop = open ? (size_t)(open - text) : len;
        memmove(text + out, text + at, stop - at);
        out += stop - at;
        at = stop;
        if (at == len)
            break;
        if (len - at >= marker_len && memcmp(text + at, marker, marker_len) == 0)
            at += marker_len;
        else
            text[out++] = text[at++];
    }
    return out;
}

typedef struct execution {
    render_state *state;
    celm_render_output *outputs;
    size_t *count;
    celm_error *err;
} execution;

static int execute_templates(render_state *s, celm_render_output *outputs, size_t *count, celm_error *err)
{
    *count = 0;
    for (size_t i = 0; i < s->count; i++) {
        const renderable *item = &s->templates[i];
        if (is_partial(item->name))
            continue;
        gotmpl_value template_info = new_map(s);
        put(s, &template_info, "Name", gotmpl_string(item->name, strlen(item->name)));
        put(s, &template_info, "BasePath", gotmpl_string(item->base_path, strlen(item->base_path)));
        gotmpl_mark_values(&template_info);
        gotmpl_value data = item->data;
        put(s, &data, "Template", template_info);
        celm_string text = {"", 0};
        int status = gotmpl_exec_run(s->exec, item->name, strlen(item->name), &data, &text, err);
        if (status == CELM_ENOMEM)
            return status;
        if (status != CELM_OK) {
            celm_string message = {"", 0};
            if (gotmpl_exec_helm_error(s->exec, item->name, &message) != CELM_OK)
                message = gotmpl_exec_error_message(s->exec);
            return s->host->error_set(err, status, "%.*s", (int)message.len, message.data);
        }
        char *copy = s->host->arena_strndup(s->arena, text.data, text.len);
        if (!copy)
            return s->host->error_set(err, CELM_ENOMEM, "out of memory rendering templates");
        outputs[(*count)++] = (celm_render_output){item->name, copy, gotmpl_strip_no_value(copy, text.len)};
    }
    return CELM_OK;
}

static int execute_body(void *payload)
{
    execution *run = payload;
    return execute_templates(run->state, run->outputs, run->count, run->err);
}

/* Every template on one deep stack, made once per render. */
static int execute_all(render_state *s, celm_render_output *outputs, size_t *count, celm_error *err)
{
    execution run = {s, outputs, count, err};
    return gotmpl_exec_on_large_stack(s->exec, execute_body, &run);
}

int gotmpl_render_prepare(gotmpl_exec *exec, const celm_render_request *request, gotmpl_prepared **out,
                          celm_error *err)
{
    gotmpl_runtime *runtime = gotmpl_exec_runtime(exec);
    const celm_host *host = gotmpl_runtime_host(runtime);
    render_state *s = host->arena_alloc(gotmpl_runtime_arena(runtime), sizeof *s);
    if (!s)
        return host->error_set(err, CELM_ENOMEM, "out of memory preparing templates");
    memset(s, 0, sizeof *s);
    s->exec = exec, s->runtime = runtime, s->host = host;
    s->arena = gotmpl_runtime_arena(runtime);
    s->request = request;
    gotmpl_value release = gotmpl_release_object(runtime, request->release);
    gotmpl_value capabilities = gotmpl_capabilities_object(runtime, request->capabilities);
    collect(s, request->chart, NULL, &release, &capabilities);
    if (s->failed)
        return host->error_set(err, CELM_ENOMEM, "out of memory preparing templates");
    if (s->count)
        qsort(s->templates, s->count, sizeof *s->templates, compare_parse_order);
    int status = parse_all(s, err);
    if (status == CELM_OK)
        *out = s;
    return status;
}

int gotmpl_render_execute(gotmpl_prepared *s, celm_render_output **out, size_t *count, celm_error *err)
{
    celm_render_output *outputs = s->host->arena_alloc(s->arena, (s->count + 1) * sizeof *outputs);
    if (!outputs)
        return s->host->error_set(err, CELM_ENOMEM, "out of memory rendering templates");
    int status = execute_all(s, outputs, count, err);
    if (status == CELM_OK)
        *out = outputs;
    return status;
}

gotmpl_exec *gotmpl_prepared_exec(const gotmpl_prepared *prepared)
{
    return prepared->exec;
}

int gotmpl_prepared_chart_dot(const gotmpl_prepared *prepared, const char *full_path, gotmpl_value *out)
{
    for (size_t i = 0; i < prepared->dot_count; i++)
        if (strcmp(prepared->dots[i].full_path, full_path) == 0)
            return *out = prepared->dots[i].dot, 1;
    return 0;
}
