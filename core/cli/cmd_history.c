/* cmd_history.c: `celm history` and the `celm get` family that print stored release text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "release_output.h"
#include "release_session.h"


static const char *chart_text(celm_arena *arena, const celm_value *release, int app_version)
{
    const celm_value *metadata = celm_map_cget(celm_map_cget(release, "chart"), "metadata");
    if (!metadata)
        return "MISSING";
    const char *name = celm_release_text(metadata, NULL, "name");
    const char *version = celm_release_text(metadata, NULL, app_version ? "appVersion" : "version");
    if (app_version)
        return version ? version : "";
    return celm_arena_printf(arena, "%s-%s", name ? name : "", version ? version : "");
}

static void print_history_json(celm_arena *arena, const celm_stored_release *rows, size_t count)
{
    fputc('[', stdout);
    for (size_t i = 0; i < count; i++) {
        const celm_value *release = rows[i].document;
        const char *updated = celm_release_text(release, "info", "last_deployed");
        const char *fields[][2] = {{"status", celm_release_text(release, "info", "status")},
                                   {"chart", chart_text(arena, release, 0)}, {"app_version", chart_text(arena, release, 1)},
                                   {"description", celm_release_text(release, "info", "description")}};
        printf("%s{\"revision\":%lld", i ? "," : "", (long long)celm_release_version(release));
        if (updated)
            printf(",\"updated\":\"%s\"", updated);
        for (size_t f = 0; f < 4; f++) {
            celm_string text;
            celm_error err = CELM_ERROR_INIT;
            celm_json_emit(arena, celm_value_cstring(arena, fields[f][1] ? fields[f][1] : ""), 0, &text, &err);
            printf(",\"%s\":%s", fields[f][0], text.data);
        }
        fputc('}', stdout);
    }
    fputs("]\n", stdout);
}

static void print_history_table(celm_arena *arena, const celm_stored_release *rows, size_t count)
{
    static const char *const header[] = {"REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION", "DESCRIPTION"};
    cli_table table;
    cli_table_init(&table, arena, 6);
    cli_table_add_row(&table, header);
    for (size_t i = 0; i < count; i++) {
        const celm_value *release = rows[i].document;
        const char *updated = release_time_ansic(arena, celm_release_text(release, "info", "last_deployed"));
        const char *status = celm_release_text(release, "info", "status");
        const char *description = celm_release_text(release, "info", "description");
        const char *row[] = {celm_arena_printf(arena, "%lld", (long long)celm_release_version(release)),
                             updated ? updated : "Mon Jan  1 00:00:00 0001", status ? status : "",
                             chart_text(arena, release, 0), chart_text(arena, release, 1), description ? description : ""};
        cli_table_add_row(&table, row);
    }
    cli_table_print(stdout, &table);
}

int cli_history_command(const cli_invocation *invocation)
{
    release_session session;
    celm_stored_release *history;
    size_t count;
    int status = release_session_history(invocation, &session, &history, &count);
    if (!status && count == 0)
        status = cli_fail("release: not found");
    if (!status) {
        const char *max_text = cli_flag_string(invocation, "max");
        long long max = max_text ? atoll(max_text) : 256;
        size_t first = max >= 0 && (size_t)max < count ? count - (size_t)max : 0;
        cli_output_format format = cli_output_format_parse(cli_flag_string(invocation, "output"));
        if (format == CLI_OUTPUT_JSON)
            print_history_json(invocation->arena, history + first, count - first);
        else
            print_history_table(invocation->arena, history + first, count - first);
    }
    release_session_close(&session);
    return status;
}

/* The document of the revision --revision names; NULL after printing the error. */
static const celm_value *load_revision(const cli_invocation *invocation, release_session *session)
{
    const celm_stored_release *found = release_session_revision(invocation, session);
    return found ? found->document : NULL;
}

int cli_get_values_command(const cli_invocation *invocation)
{
    release_session session;
    const celm_value *release = load_revision(invocation, &session);
    int all = cli_flag_is_true(invocation, "all");
    cli_output_format format = cli_output_format_parse(cli_flag_string(invocation, "output"));
    int status = release ? 0 : 1;
    celm_error err = CELM_ERROR_INIT;
    if (release && format == CLI_OUTPUT_TABLE) {
        fputs(all ? "COMPUTED VALUES:\n" : "USER-SUPPLIED VALUES:\n", stdout);
        release_print_yaml(stdout, invocation->arena, release_values(invocation->arena, release, all));
    } else if (release) {
        const celm_value *values = release_values(invocation->arena, release, all);
        if (cli_value_print(stdout, invocation->arena, values ? values : celm_value_null(invocation->arena), format,
                            &err) != CELM_OK)
            status = cli_fail("%s", err.message);
    }
    release_session_close(&session);
    return status;
}

int cli_get_hooks_command(const cli_invocation *invocation)
{
    release_session session;
    const celm_value *release = load_revision(invocation, &session);
    const celm_value *hooks = release ? celm_map_cget(release, "hooks") : NULL;
    for (size_t i = 0; hooks && hooks->kind == CELM_VALUE_LIST && i < hooks->as.list.count; i++)
        printf("---\n# Source: %s\n%s\n", celm_release_text(hooks->as.list.items[i], NULL, "path"),
               celm_release_text(hooks->as.list.items[i], NULL, "manifest"));
    release_session_close(&session);
    return release ? 0 : 1;
}

int cli_get_all_command(const cli_invocation *invocation)
{
    const char *template = cli_flag_string(invocation, "template");
    if (template && *template)
        return cli_fail("--template is not implemented in celm yet");
    release_session session;
    const celm_value *release = load_revision(invocation, &session);
    release_print_options print = {.show_metadata = 1, .debug = 1};
    if (release)
        release_print_status(stdout, invocation->arena, release, &print);
    release_session_close(&session);
    return release ? 0 : 1;
}

/* get manifest and get notes: one text field of a stored revision. */
static int print_release_text(const cli_invocation *invocation, const char *section, const char *key,
                              const char *heading)
{
    release_session session;
    const celm_value *release = load_revision(invocation, &session);
    const char *text = release ? celm_release_text(release, section, key) : NULL;
    if (release && heading && text && *text)
        printf("%s%s\n", heading, text);
    else if (release && !heading)
        printf("%s\n", text ? text : "");
    release_session_close(&session);
    return release ? 0 : 1;
}

int cli_get_manifest_command(const cli_invocation *invocation)
{
    return print_release_text(invocation, NULL, "manifest", NULL);
}

int cli_get_notes_command(const cli_invocation *invocation)
{
    return print_release_text(invocation, "info", "notes", "NOTES:\n");
}
