/* release_output.c: a release as install, upgrade and status print it (helm's statusPrinter). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "release_output.h"

/* Go's time.ANSIC ("Mon Jan _2 15:04:05 2006") of an RFC 3339 time, in local time. */
const char *release_time_ansic(celm_arena *arena, const char *rfc3339)
{
    int64_t seconds;
    int32_t nanoseconds;
    if (!rfc3339 || celm_release_time_parse(rfc3339, &seconds, &nanoseconds) != 0)
        return NULL;
    time_t moment = (time_t)seconds;
    struct tm local;
    localtime_r(&moment, &local);
    char text[64];
    strftime(text, sizeof text, "%a %b %e %H:%M:%S %Y", &local);
    return celm_arena_printf(arena, "%s", text);
}

/* helm's TEST SUITE block: each test hook that has run, in the release's hook order. */
static void print_test_suite(FILE *out, celm_arena *arena, const celm_value *release)
{
    const celm_value *hooks = celm_map_cget(release, "hooks");
    size_t count = hooks && hooks->kind == CELM_VALUE_LIST ? hooks->as.list.count : 0;
    int any_test = 0;
    for (size_t i = 0; i < count; i++)
        any_test |= celm_release_hook_has_event(hooks->as.list.items[i], "test");
    if (!any_test) {
        fputs("TEST SUITE: None\n", out);
        return;
    }
    for (size_t i = 0; i < count; i++) {
        const celm_value *hook = hooks->as.list.items[i];
        const char *started = celm_release_text(hook, "last_run", "started_at");
        if (!started || !celm_release_hook_has_event(hook, "test"))
            continue;
        const char *completed = release_time_ansic(arena, celm_release_text(hook, "last_run", "completed_at"));
        const char *phase = celm_release_text(hook, "last_run", "phase");
        fprintf(out, "TEST SUITE:     %s\nLast Started:   %s\nLast Completed: %s\nPhase:          %s\n",
                celm_release_text(hook, NULL, "name"), release_time_ansic(arena, started),
                completed ? completed : "Mon Jan  1 00:00:00 0001", phase ? phase : "");
    }
}

static void print_notes(FILE *out, const char *notes)
{
    if (!notes || !*notes)
        return;
    size_t start = strspn(notes, " \t\r\n\v\f"), end = strlen(notes);
    while (end > start && strchr(" \t\r\n\v\f", notes[end - 1]))
        end--;
    fprintf(out, "NOTES:\n%.*s\n", (int)(end - start), notes + start);
}

const celm_value *release_values(celm_arena *arena, const celm_value *release, int all)
{
    const celm_value *config = celm_map_cget(release, "config");
    if (!all)
        return config;
    celm_value *computed = config && config->kind == CELM_VALUE_MAP ? celm_value_copy(arena, config)
                                                                    : celm_value_map(arena, 0);
    const celm_value *defaults = celm_map_cget(celm_map_cget(release, "chart"), "values");
    if (defaults && defaults->kind == CELM_VALUE_MAP)
        celm_values_coalesce_tables(arena, computed, celm_value_copy(arena, defaults), 0, NULL, NULL);
    return computed;
}

void release_print_yaml(FILE *out, celm_arena *arena, const celm_value *value)
{
    celm_string text;
    celm_error err = CELM_ERROR_INIT;
    if (!value || value->kind == CELM_VALUE_NULL || celm_yaml_emit(arena, value, &text, &err) != CELM_OK)
        fputs("null\n", out);
    else
        fwrite(text.data, 1, text.len, out);
}

static void print_debug_values(FILE *out, celm_arena *arena, const celm_value *release)
{
    fputs("USER-SUPPLIED VALUES:\n", out);
    release_print_yaml(out, arena, release_values(arena, release, 0));
    fputs("\nCOMPUTED VALUES:\n", out);
    release_print_yaml(out, arena, release_values(arena, release, 1));
    fputc('\n', out);
}

void release_print_status(FILE *out, celm_arena *arena, const celm_value *release, const release_print_options *options)
{
    fprintf(out, "NAME: %s\n", celm_release_text(release, NULL, "name"));
    const char *deployed = release_time_ansic(arena, celm_release_text(release, "info", "last_deployed"));
    if (deployed)
        fprintf(out, "LAST DEPLOYED: %s\n", deployed);
    const char *status = celm_release_text(release, "info", "status");
    const char *description = celm_release_text(release, "info", "description");
    fprintf(out, "NAMESPACE: %s\nSTATUS: %s\nREVISION: %lld\n", celm_release_text(release, NULL, "namespace"),
            status ? status : "", (long long)celm_release_version(release));
    if (options->show_metadata) {
        const char *chart_name = celm_release_text(celm_map_cget(release, "chart"), "metadata", "name");
        const char *version = celm_release_text(celm_map_cget(release, "chart"), "metadata", "version");
        const char *app_version = celm_release_text(celm_map_cget(release, "chart"), "metadata", "appVersion");
        fprintf(out, "CHART: %s\nVERSION: %s\nAPP_VERSION: %s\n", chart_name ? chart_name : "",
                version ? version : "", app_version ? app_version : "");
    }
    fprintf(out, "DESCRIPTION: %s\n", description ? description : "");
    if (options->resources && *options->resources)
        fprintf(out, "RESOURCES:\n%s\n", options->resources);
    print_test_suite(out, arena, release);
    if (options->debug)
        print_debug_values(out, arena, release);
    if ((description && !strcmp(description, "Dry run complete")) || options->debug) {
        fputs("HOOKS:\n", out);
        const celm_value *hooks = celm_map_cget(release, "hooks");
        for (size_t i = 0; hooks && hooks->kind == CELM_VALUE_LIST && i < hooks->as.list.count; i++)
            fprintf(out, "---\n# Source: %s\n%s\n", celm_release_text(hooks->as.list.items[i], NULL, "path"),
                    celm_release_text(hooks->as.list.items[i], NULL, "manifest"));
        const char *manifest = celm_release_text(release, NULL, "manifest");
        fprintf(out, "MANIFEST:\n%s\n", manifest ? manifest : "");
    }
    if (!options->hide_notes)
        print_notes(out, celm_release_text(release, "info", "notes"));
}
