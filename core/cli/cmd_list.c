/* cmd_list.c: `celm list`: the latest revision of each release, filtered and sorted as helm does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "label_selector.h"
#include "release_session.h"

typedef struct list_entry {
    const celm_value *release;
    const celm_value *labels;       /* every label of its storage object */
    const char *name;
    int64_t deployed_seconds;
} list_entry;

/* --filter and --selector, compiled once. */
typedef struct list_filters {
    celm_regex *filter;             /* NULL: every name */
    label_selector selector;
} list_filters;

static int compile_filters(const cli_invocation *invocation, list_filters *out)
{
    memset(out, 0, sizeof *out);
    const char *filter = cli_flag_string(invocation, "filter");
    celm_error err = CELM_ERROR_INIT;
    if (filter && *filter &&
        !(out->filter = celm_host_table()->regex_compile(invocation->arena, filter, strlen(filter), &err)))
        return cli_fail("%s", err.message);
    const char *selector = cli_flag_string(invocation, "selector");
    const char *why;
    if (selector && label_selector_parse(invocation->arena, selector, &out->selector, &why) != 0)
        return cli_fail("%s", why);
    return 0;
}

static int name_matches(const list_filters *filters, const char *name)
{
    size_t groups[2];
    return !filters->filter || celm_host_table()->regex_search(filters->filter, name, strlen(name), 0, groups, 2) > 0;
}

/* Helm 4's state mask: each flag adds its statuses; none means every known status. */
static int status_wanted(const cli_invocation *invocation, const char *status, int *only_superseded)
{
    static const char *const flags[][4] = {
        {"deployed", "deployed", NULL, NULL}, {"failed", "failed", NULL, NULL},
        {"pending", "pending-install", "pending-upgrade", "pending-rollback"}, {"superseded", "superseded", NULL, NULL},
        {"uninstalled", "uninstalled", NULL, NULL}, {"uninstalling", "uninstalling", NULL, NULL}};
    int any = 0, wanted = 0, superseded_only = 1;
    for (size_t f = 0; f < sizeof flags / sizeof flags[0]; f++) {
        if (!cli_flag_is_true(invocation, flags[f][0]))
            continue;
        any = 1;
        superseded_only &= !strcmp(flags[f][0], "superseded");
        for (size_t s = 1; s < 4 && flags[f][s]; s++)
            wanted |= !strcmp(status, flags[f][s]);
    }
    *only_superseded = any && superseded_only;
    if (any)
        return wanted;
    for (size_t f = 0; f < sizeof flags / sizeof flags[0]; f++)
        for (size_t s = 1; s < 4 && flags[f][s]; s++)
            wanted |= !strcmp(status, flags[f][s]);
    return wanted;
}

static int64_t deployed_seconds(const celm_value *release)
{
    int64_t seconds = 0;
    int32_t nanoseconds;
    const char *text = celm_release_text(release, "info", "last_deployed");
    return text && celm_release_time_parse(text, &seconds, &nanoseconds) == 0 ? seconds : 0;
}

/* Keeps the highest revision per namespace and name (unless only superseded ones are asked). */
static size_t latest_only(list_entry *entries, size_t count)
{
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        const char *ns = celm_release_text(entries[i].release, NULL, "namespace");
        size_t j = 0;
        for (; j < kept; j++) {
            const char *other_ns = celm_release_text(entries[j].release, NULL, "namespace");
            if (!strcmp(entries[j].name, entries[i].name) && !strcmp(other_ns ? other_ns : "", ns ? ns : ""))
                break;
        }
        if (j == kept)
            entries[kept++] = entries[i];
        else if (celm_release_version(entries[i].release) > celm_release_version(entries[j].release))
            entries[j] = entries[i];
    }
    return kept;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const list_entry *)a)->name, ((const list_entry *)b)->name);
}

static int by_date(const void *a, const void *b)
{
    int64_t x = ((const list_entry *)a)->deployed_seconds, y = ((const list_entry *)b)->deployed_seconds;
    return x < y ? -1 : x > y;
}

/* Go's time.Time.String() of an RFC 3339 stamp: "2026-11-22 01:02:03.5 +0000 UTC". */
static const char *go_time_string(celm_arena *arena, const char *text)
{
    if (!text)
        return "-";
    const char *zone = strlen(text) > 19 ? strpbrk(text + 19, "Zz+-") : NULL;
    if (!zone)
        return text;
    size_t clock_len = (size_t)(zone - text) - 11;
    if (*zone == 'Z' || *zone == 'z')
        return celm_arena_printf(arena, "%.10s %.*s +0000 UTC", text, (int)clock_len, text + 11);
    return celm_arena_printf(arena, "%.10s %.*s %c%.2s%.2s %c%.2s%.2s", text, (int)clock_len, text + 11, zone[0],
                             zone + 1, zone + 4, zone[0], zone + 1, zone + 4);
}

static celm_value *element_of(celm_arena *arena, const celm_value *release)
{
    const celm_value *metadata = celm_map_cget(celm_map_cget(release, "chart"), "metadata");
    const char *chart = celm_release_text(metadata, NULL, "name");
    const char *version = celm_release_text(metadata, NULL, "version");
    const char *app_version = celm_release_text(metadata, NULL, "appVersion");
    const char *status = celm_release_text(release, "info", "status");
    celm_value *element = celm_value_map(arena, 7);
    const char *cells[][2] = {
        {"name", celm_release_text(release, NULL, "name")},
        {"namespace", celm_release_text(release, NULL, "namespace")},
        {"revision", celm_arena_printf(arena, "%lld", (long long)celm_release_version(release))},
        {"updated", go_time_string(arena, celm_release_text(release, "info", "last_deployed"))},
        {"status", status ? status : ""},
        {"chart", metadata ? celm_arena_printf(arena, "%s-%s", chart ? chart : "", version ? version : "") : "MISSING"},
        {"app_version", metadata ? (app_version ? app_version : "") : "MISSING"},
    };
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++)
        celm_map_set(arena, element, cells[i][0], strlen(cells[i][0]), celm_value_cstring(arena, cells[i][1] ? cells[i][1] : ""));
    return element;
}

/* -o json writes Go structs: keys in field order, not sorted. */
static int print_json(celm_arena *arena, const celm_value *elements, const char *const *keys, size_t key_count)
{
    fputc('[', stdout);
    for (size_t i = 0; i < elements->as.list.count; i++) {
        fputs(i ? ",{" : "{", stdout);
        for (size_t k = 0; k < key_count; k++) {
            celm_string text;
            celm_error err = CELM_ERROR_INIT;
            if (celm_json_emit(arena, celm_map_cget(elements->as.list.items[i], keys[k]), 0, &text, &err) != CELM_OK)
                return cli_fail("%s", err.message);
            printf("%s\"%s\":%s", k ? "," : "", keys[k], text.data);
        }
        fputc('}', stdout);
    }
    fputs("]\n", stdout);
    return 0;
}

static int print_entries(const cli_invocation *invocation, celm_arena *arena, const list_entry *entries, size_t count)
{
    cli_output_format format = cli_output_format_parse(cli_flag_string(invocation, "output"));
    if (cli_flag_is_true(invocation, "short") && format == CLI_OUTPUT_TABLE) {
        for (size_t i = 0; i < count; i++)
            printf("%s\n", entries[i].name);
        return 0;
    }
    celm_value *elements = celm_value_list(arena, count);
    for (size_t i = 0; i < count; i++)
        celm_list_append(arena, elements, element_of(arena, entries[i].release));
    static const char *const keys[] = {"name", "namespace", "revision", "updated", "status", "chart", "app_version"};
    if (format == CLI_OUTPUT_JSON)
        return print_json(arena, elements, keys, 7);
    if (format != CLI_OUTPUT_TABLE) {
        celm_error err = CELM_ERROR_INIT;
        return cli_value_print(stdout, arena, elements, format, &err) == CELM_OK ? 0 : cli_fail("%s", err.message);
    }
    static const char *const header[] = {"NAME", "NAMESPACE", "REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION"};
    cli_table table;
    cli_table_init(&table, arena, 7);
    if (!cli_flag_is_true(invocation, "no-headers"))
        cli_table_add_row(&table, header);
    for (size_t i = 0; i < count; i++) {
        const char *row[7];
        for (size_t c = 0; c < 7; c++)
            row[c] = celm_release_text(elements->as.list.items[i], NULL, keys[c]);
        cli_table_add_row(&table, row);
    }
    cli_table_print(stdout, &table);
    return 0;
}

static size_t select_entries(const cli_invocation *invocation, const list_filters *filters, celm_stored_release *found,
                             size_t count, list_entry *entries)
{
    int only_superseded = 0;
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        const char *name = celm_release_text(found[i].document, NULL, "name");
        if (name_matches(filters, name ? name : ""))
            entries[kept++] = (list_entry){found[i].document, found[i].labels, name ? name : "",
                                           deployed_seconds(found[i].document)};
    }
    status_wanted(invocation, "deployed", &only_superseded);
    if (!only_superseded)
        kept = latest_only(entries, kept);
    size_t wanted = 0;
    for (size_t i = 0; i < kept; i++) {
        const char *status = celm_release_text(entries[i].release, "info", "status");
        if (status_wanted(invocation, status ? status : "unknown", &only_superseded) &&
            label_selector_matches(&filters->selector, entries[i].labels))
            entries[wanted++] = entries[i];
    }
    return wanted;
}

static void sort_entries(const cli_invocation *invocation, list_entry *entries, size_t count)
{
    qsort(entries, count, sizeof *entries, cli_flag_is_true(invocation, "date") ? by_date : by_name);
    if (!cli_flag_is_true(invocation, "reverse"))
        return;
    for (size_t i = 0; i < count / 2; i++) {
        list_entry swap = entries[i];
        entries[i] = entries[count - 1 - i];
        entries[count - 1 - i] = swap;
    }
}

int cli_list_command(const cli_invocation *invocation)
{
    static const char *const unbuilt[] = {"time-format", NULL};
    for (const char *const *flag = unbuilt; *flag; flag++) {
        const char *value = cli_flag_string(invocation, *flag);
        if (value && *value)
            return cli_fail("--%s is not implemented in celm yet", *flag);
    }
    list_filters filters;
    if (compile_filters(invocation, &filters))
        return 1;
    release_session session;
    int status = release_session_open(invocation, &session, "");
    celm_stored_release *found = NULL;
    size_t count = 0;
    celm_error err = CELM_ERROR_INIT;
    const char *scope = cli_flag_is_true(invocation, "all-namespaces") ? "" : session.namespace_name;
    if (!status && celm_release_store_query(&session.store, invocation->arena, scope, NULL, NULL, &found, &count,
                                            &err) != CELM_OK)
        status = cli_fail("%s", err.message);
    if (!status) {
        list_entry *entries = celm_arena_alloc(invocation->arena, (count + 1) * sizeof *entries);
        size_t shown = select_entries(invocation, &filters, found, count, entries);
        sort_entries(invocation, entries, shown);
        long long offset = atoll(cli_flag_string(invocation, "offset") ? cli_flag_string(invocation, "offset") : "0");
        long long max = atoll(cli_flag_string(invocation, "max") ? cli_flag_string(invocation, "max") : "256");
        size_t first = offset > 0 && (size_t)offset < shown ? (size_t)offset : offset > 0 ? shown : 0;
        size_t last = max > 0 && first + (size_t)max < shown ? first + (size_t)max : shown;
        status = print_entries(invocation, invocation->arena, entries + first, last - first);
    }
    release_session_close(&session);
    return status;
}
