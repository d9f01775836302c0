/* cmd_get_metadata.c: `celm get metadata`: a release's chart, labels, revision and apply method. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "release_session.h"

typedef struct metadata_view {
    const celm_value *release;
    const celm_value *chart;            /* chart.metadata */
    const celm_value *labels;           /* the record's labels (helm strips the system ones only when
                                         * a revision is named, as its Get does) */
    const char *deployed_at;
} metadata_view;

static const char *text_or_empty(const char *text)
{
    return text ? text : "";
}

/* RFC 3339 in seconds and local time, as Go's time.RFC3339 layout. */
static const char *deployed_at(celm_arena *arena, const celm_value *release)
{
    int64_t seconds = 0;
    int32_t nanoseconds = 0;
    const char *text = celm_release_text(release, "info", "last_deployed");
    if (text && celm_release_time_parse(text, &seconds, &nanoseconds) != 0)
        seconds = 0;
    if (!text)
        return "0001-01-01T00:00:00Z";
    return celm_release_time_format(arena, seconds, 0);
}

/* k8s labels.Set.String(): sorted key=value pairs joined by commas. */
static const char *label_set(celm_arena *arena, const celm_value *map)
{
    const char *text = "";
    if (!map || map->kind != CELM_VALUE_MAP)
        return text;
    const celm_map_entry **sorted = celm_map_sorted(arena, map);
    for (size_t i = 0; i < map->as.map.count; i++)
        text = celm_arena_printf(arena, "%s%s%s=%s", text, i ? "," : "", sorted[i]->key.data,
                                 sorted[i]->value->kind == CELM_VALUE_STRING ? sorted[i]->value->as.string.data : "");
    return text;
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static const char *dependency_names(celm_arena *arena, const celm_value *dependencies)
{
    size_t count = dependencies && dependencies->kind == CELM_VALUE_LIST ? dependencies->as.list.count : 0;
    const char **names = celm_arena_alloc(arena, (count + 1) * sizeof *names);
    for (size_t i = 0; i < count; i++)
        names[i] = text_or_empty(celm_release_text(dependencies->as.list.items[i], NULL, "name"));
    qsort(names, count, sizeof *names, by_text);
    const char *text = "";
    for (size_t i = 0; i < count; i++)
        text = celm_arena_printf(arena, "%s%s%s", text, i ? "," : "", names[i]);
    return text;
}

static const char *apply_method_text(celm_arena *arena, const char *method)
{
    if (!method || !*method)
        return "client-side apply (defaulted)";
    if (!strcmp(method, "csa"))
        return "client-side apply";
    if (!strcmp(method, "ssa"))
        return "server-side apply";
    return celm_arena_printf(arena, "unknown (\"%s\")", method);
}

static void print_table(celm_arena *arena, const metadata_view *view)
{
    const celm_value *release = view->release;
    printf("NAME: %s\nCHART: %s\nVERSION: %s\nAPP_VERSION: %s\n", text_or_empty(celm_release_text(release, NULL, "name")),
           text_or_empty(celm_release_text(view->chart, NULL, "name")),
           text_or_empty(celm_release_text(view->chart, NULL, "version")),
           text_or_empty(celm_release_text(view->chart, NULL, "appVersion")));
    printf("ANNOTATIONS: %s\nLABELS: %s\nDEPENDENCIES: %s\n", label_set(arena, celm_map_cget(view->chart, "annotations")),
           label_set(arena, view->labels), dependency_names(arena, celm_map_cget(view->chart, "dependencies")));
    printf("NAMESPACE: %s\nREVISION: %lld\nSTATUS: %s\nDEPLOYED_AT: %s\nAPPLY_METHOD: %s\n",
           text_or_empty(celm_release_text(release, NULL, "namespace")), (long long)celm_release_version(release),
           text_or_empty(celm_release_text(release, "info", "status")), view->deployed_at,
           apply_method_text(arena, celm_release_text(release, NULL, "apply_method")));
}

static const char *json_text(celm_arena *arena, const celm_value *value)
{
    celm_string text;
    celm_error err = CELM_ERROR_INIT;
    return celm_json_emit(arena, value, 0, &text, &err) == CELM_OK ? text.data : "null";
}

/* action.Metadata as Go JSON: struct field order, omitempty maps, lists and apply method. */
static const char *metadata_json(celm_arena *arena, const metadata_view *view)
{
    const celm_value *release = view->release;
    const char *parts[][2] = {
        {"name", celm_release_text(release, NULL, "name")}, {"chart", celm_release_text(view->chart, NULL, "name")},
        {"version", celm_release_text(view->chart, NULL, "version")},
        {"appVersion", celm_release_text(view->chart, NULL, "appVersion")}};
    const char *json = "{";
    for (size_t i = 0; i < 4; i++)
        json = celm_arena_printf(arena, "%s%s\"%s\":%s", json, i ? "," : "", parts[i][0],
                                 json_text(arena, celm_value_cstring(arena, text_or_empty(parts[i][1]))));
    const celm_value *annotations = celm_map_cget(view->chart, "annotations");
    if (annotations && annotations->kind == CELM_VALUE_MAP && annotations->as.map.count)
        json = celm_arena_printf(arena, "%s,\"annotations\":%s", json, json_text(arena, annotations));
    if (view->labels && view->labels->as.map.count)
        json = celm_arena_printf(arena, "%s,\"labels\":%s", json, json_text(arena, view->labels));
    const celm_value *dependencies = celm_map_cget(view->chart, "dependencies");
    for (size_t i = 0; dependencies && dependencies->kind == CELM_VALUE_LIST && i < dependencies->as.list.count; i++) {
        celm_string one;
        celm_error err = CELM_ERROR_INIT;
        celm_chart_dependency_json(arena, dependencies->as.list.items[i], &one, &err);
        json = celm_arena_printf(arena, "%s%s%s", json, i ? "," : ",\"dependencies\":[", one.data);
        if (i + 1 == dependencies->as.list.count)
            json = celm_arena_printf(arena, "%s]", json);
    }
    const char *method = celm_release_text(release, NULL, "apply_method");
    json = celm_arena_printf(arena, "%s,\"namespace\":%s,\"revision\":%lld,\"status\":%s,\"deployedAt\":\"%s\"", json,
                             json_text(arena, celm_value_cstring(arena, text_or_empty(celm_release_text(release, NULL, "namespace")))),
                             (long long)celm_release_version(release),
                             json_text(arena, celm_value_cstring(arena, text_or_empty(celm_release_text(release, "info", "status")))),
                             view->deployed_at);
    if (method && *method)
        json = celm_arena_printf(arena, "%s,\"applyMethod\":%s", json, json_text(arena, celm_value_cstring(arena, method)));
    return celm_arena_printf(arena, "%s}", json);
}

static int print_metadata(const cli_invocation *invocation, const metadata_view *view)
{
    celm_arena *arena = invocation->arena;
    cli_output_format format = cli_output_format_parse(cli_flag_string(invocation, "output"));
    if (format == CLI_OUTPUT_TABLE) {
        print_table(arena, view);
        return 0;
    }
    const char *json = metadata_json(arena, view);
    if (format == CLI_OUTPUT_JSON) {
        printf("%s\n", json);
        return 0;
    }
    celm_value *value;
    celm_error err = CELM_ERROR_INIT;
    if (celm_json_parse(arena, json, strlen(json), "metadata", &value, &err) != CELM_OK ||
        cli_value_print(stdout, arena, value, format, &err) != CELM_OK)
        return cli_fail("%s", err.message);
    return 0;
}

int cli_get_metadata_command(const cli_invocation *invocation)
{
    const char *revision_text = cli_flag_string(invocation, "revision");
    long long revision = revision_text ? atoll(revision_text) : 0;
    release_session session;
    const celm_stored_release *found = release_session_revision(invocation, &session);
    int status = found ? 0 : 1;
    if (!status) {
        metadata_view view = {found->document, celm_map_cget(celm_map_cget(found->document, "chart"), "metadata"),
                              revision ? celm_release_custom_labels(invocation->arena, found->labels) : found->labels,
                              deployed_at(invocation->arena, found->document)};
        status = print_metadata(invocation, &view);
    }
    release_session_close(&session);
    return status;
}
