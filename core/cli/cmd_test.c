/* cmd_test.c: `celm test`: a release's test hooks run, filtered by name, as helm v4 runs them. */
#include <stdio.h>
#include <string.h>

#include "release_hooks.h"
#include "release_output.h"

typedef struct test_filters {
    const char **include;       /* name=X */
    size_t include_count;
    const char **exclude;       /* !name=X or "! name=X" */
    size_t exclude_count;
} test_filters;

static void parse_filters(const cli_invocation *invocation, test_filters *filters)
{
    size_t count;
    const char **given = cli_flag_list(invocation, "filter", &count);
    memset(filters, 0, sizeof *filters);
    filters->include = celm_arena_alloc(invocation->arena, (count + 1) * sizeof *filters->include);
    filters->exclude = celm_arena_alloc(invocation->arena, (count + 1) * sizeof *filters->exclude);
    for (size_t i = 0; i < count; i++) {
        const char *text = given[i];
        if (!strncmp(text, "name=", 5))
            filters->include[filters->include_count++] = text + 5;
        else if (!strncmp(text, "!name=", 6))
            filters->exclude[filters->exclude_count++] = text + 6;
        else if (text[0] == '!' && strchr(" \t\n\v\f\r", text[1]) && text[1] && !strncmp(text + 2, "name=", 5))
            filters->exclude[filters->exclude_count++] = text + 7;
    }
}

static int named(const char *const *names, size_t count, const celm_value *hook)
{
    const char *name = celm_release_text(hook, NULL, "name");
    for (size_t i = 0; name && i < count; i++)
        if (!strcmp(names[i], name))
            return 1;
    return 0;
}

/* helm's filtering: excluded names first, then (when given) only the included names run. The
 * release keeps the skipped hooks ahead of the ones that ran. */
static void split_hooks(celm_arena *arena, const celm_value *hooks, const test_filters *filters, celm_value **running,
                        celm_value **skipped)
{
    size_t count = hooks && hooks->kind == CELM_VALUE_LIST ? hooks->as.list.count : 0;
    *running = celm_value_list(arena, count);
    *skipped = celm_value_list(arena, count);
    for (size_t i = 0; i < count; i++) {
        celm_value *hook = hooks->as.list.items[i];
        int skip = named(filters->exclude, filters->exclude_count, hook) ||
                   (filters->include_count && !named(filters->include, filters->include_count, hook));
        celm_list_append(arena, skip ? *skipped : *running, hook);
    }
}

static celm_value *joined(celm_arena *arena, const celm_value *first, const celm_value *second)
{
    celm_value *all = celm_value_list(arena, first->as.list.count + second->as.list.count);
    for (size_t i = 0; i < first->as.list.count; i++)
        celm_list_append(arena, all, first->as.list.items[i]);
    for (size_t i = 0; i < second->as.list.count; i++)
        celm_list_append(arena, all, second->as.list.items[i]);
    return all;
}

static int runs_before(const celm_value *a, const celm_value *b)
{
    int64_t x = celm_release_hook_weight(a), y = celm_release_hook_weight(b);
    return x != y ? x < y : strcmp(celm_release_text(a, NULL, "name"), celm_release_text(b, NULL, "name")) < 0;
}

/* The test hooks among `hooks`, stably sorted by weight then name. */
static const celm_value **test_hooks(celm_arena *arena, const celm_value *hooks, size_t *count)
{
    const celm_value **sorted = celm_arena_alloc(arena, (hooks->as.list.count + 1) * sizeof *sorted);
    *count = 0;
    for (size_t i = 0; i < hooks->as.list.count; i++) {
        if (!celm_release_hook_has_event(hooks->as.list.items[i], "test"))
            continue;
        size_t at = (*count)++;
        for (; at > 0 && runs_before(hooks->as.list.items[i], sorted[at - 1]); at--)
            sorted[at] = sorted[at - 1];
        sorted[at] = hooks->as.list.items[i];
    }
    return sorted;
}

/* --logs: every container's log of each test pod that ran, in weight then name order. */
static int print_logs(release_session *session, celm_arena *arena, const celm_value *hooks, celm_error *err)
{
    const char *failures = NULL;
    size_t count;
    const celm_value **tests = test_hooks(arena, hooks, &count);
    for (size_t i = 0; i < count; i++) {
        const celm_value *hook = tests[i];
        const char *name = celm_release_text(hook, NULL, "name");
        const char *path = celm_arena_printf(arena, "/api/v1/namespaces/%s/pods/%s", session->namespace_name, name);
        celm_value *pod;
        celm_error one = CELM_ERROR_INIT;
        if (celm_kube_get_json(session->kube, arena, path, &pod, &one) != CELM_OK)
            return celm_error_set(err, CELM_EFAIL, "unable to get pod %s: %s", name, one.message);
        const celm_value *spec = pod && pod->kind == CELM_VALUE_MAP ? celm_map_cget(pod, "spec") : NULL;
        const celm_value *containers = spec && spec->kind == CELM_VALUE_MAP ? celm_map_cget(spec, "containers") : NULL;
        for (size_t c = 0; containers && containers->kind == CELM_VALUE_LIST && c < containers->as.list.count; c++) {
            const char *container = celm_release_text(containers->as.list.items[c], NULL, "name");
            if (!container)
                continue;
            celm_kube_request request = {.size = sizeof request, .method = "GET", .accept = "*/*",
                                         .path = celm_arena_printf(arena, "%s/log?container=%s", path, container)};
            celm_kube_response response;
            if (celm_kube_send(session->kube, arena, &request, &response, &one) != CELM_OK) {
                const char *line = celm_arena_printf(arena, "unable to get logs for pod %s, container %s: %s", name,
                                                     container, one.message);
                failures = failures ? celm_arena_printf(arena, "%s\n%s", failures, line) : line;
                continue;
            }
            printf("POD LOGS: %s (%s)\n%.*s\n", name, container, (int)response.body_len, response.body);
        }
        if (failures)   /* helm stops at the first pod whose logs it could not read */
            return celm_error_set(err, CELM_EFAIL, "%s", failures);
    }
    return CELM_OK;
}

static int run_tests(const cli_invocation *invocation, release_session *session, const celm_stored_release *last)
{
    celm_arena *arena = invocation->arena;
    celm_value *release = last->document;
    test_filters filters;
    parse_filters(invocation, &filters);
    celm_value *running, *skipped;
    split_hooks(arena, celm_map_cget(release, "hooks"), &filters, &running, &skipped);
    celm_map_set(arena, release, "hooks", 5, running);
    const char *method = celm_release_text(release, NULL, "apply_method");
    release_hooks_run hooks = {invocation, session, arena, release, celm_release_custom_labels(arena, last->labels),
                               method && !strcmp(method, "ssa"), 1};
    celm_error run_err = CELM_ERROR_INIT, err = CELM_ERROR_INIT;
    int failed = release_hooks_execute(&hooks, "test", &run_err) != CELM_OK;
    celm_value *ran = celm_map_cget(release, "hooks");
    celm_map_set(arena, release, "hooks", 5, joined(arena, skipped, ran));
    if (celm_release_store_write(&session->store, arena, release, hooks.labels, 0, &err) != CELM_OK && !failed)
        return cli_fail("%s", err.message);
    release_print_options print = {.hide_notes = 1};
    release_print_status(stdout, arena, release, &print);
    if (cli_flag_is_true(invocation, "logs")) {
        putchar('\n');
        fflush(stdout);
        if (print_logs(session, arena, ran, &err) != CELM_OK)
            return failed ? cli_fail("%s\n%s", run_err.message, err.message) : cli_fail("%s", err.message);
    }
    return failed ? cli_fail("%s", run_err.message) : 0;
}

int cli_test_command(const cli_invocation *invocation)
{
    const char *name = invocation->arguments[0];
    release_session session;
    if (release_session_open(invocation, &session, ""))
        return 1;
    int status = 0;
    celm_stored_release *history;
    size_t count;
    celm_error err = CELM_ERROR_INIT;
    if (!cli_release_name_valid(name))
        status = cli_fail("releaseTest: Release name is invalid: %s", name);
    else if (celm_release_store_query(&session.store, invocation->arena, session.namespace_name, name, NULL, &history,
                                      &count, &err) != CELM_OK)
        status = cli_fail("%s", err.message);
    else if (count == 0)
        status = cli_fail("release: not found");
    else
        status = run_tests(invocation, &session, &history[count - 1]);
    release_session_close(&session);
    return status;
}
