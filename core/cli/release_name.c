/* release_name.c: the release name of template and install: --name-template and helm's name check. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "chart_run.h"
#include "release_name.h"

static int release_name_from_template(const cli_invocation *invocation, const char *prefix, const char *name_template,
                                      const char **out)
{
    celm_error err = CELM_ERROR_INIT;
    celm_registry *registry = cli_open_registry(invocation);
    celm_string name;
    int status = registry ? celm_render_text(registry, invocation->arena, "name-template", name_template, &name, &err)
                          : celm_error_set(&err, CELM_EFAIL, "cannot open the plugin registry");
    celm_registry_close(registry);
    if (status != CELM_OK)
        return cli_fail("%s%s", prefix, err.message);
    *out = celm_arena_strndup(invocation->arena, name.data, name.len);
    return *out ? 0 : cli_fail("out of memory");
}

/* filepath.Base of the chart argument, cut at its first '.', "chart" for "." (--generate-name). */
static const char *generated_name(celm_arena *arena, const char *chart)
{
    size_t end = strlen(chart);
    while (end > 1 && chart[end - 1] == '/')
        end--;
    size_t start = end;
    while (start > 0 && chart[start - 1] != '/')
        start--;
    if (end == 1 && chart[0] == '/')
        start = 0;
    size_t len = end - start;
    if (len == 0 || (len == 1 && chart[start] == '.'))
        return celm_arena_printf(arena, "chart-%lld", (long long)time(NULL));
    const char *dot = memchr(chart + start, '.', len);
    if (dot)
        len = (size_t)(dot - (chart + start));
    return celm_arena_printf(arena, "%.*s-%lld", (int)len, chart + start, (long long)time(NULL));
}

static const char *joined_arguments(celm_arena *arena, const cli_invocation *invocation, size_t from)
{
    const char *joined = invocation->arguments[from];
    for (size_t i = from + 1; joined && i < invocation->argument_count; i++)
        joined = celm_arena_printf(arena, "%s, %s", joined, invocation->arguments[i]);
    return joined;
}

int release_name_and_chart(const cli_invocation *invocation, const char *prefix, const char *default_name,
                           const char **name, const char **chart)
{
    int generate = cli_flag_is_true(invocation, "generate-name");
    const char *name_template = cli_flag_string(invocation, "name-template");
    int has_name_template = name_template && *name_template;
    if (invocation->argument_count > 2)
        return cli_fail("%sexpected at most two arguments, unexpected arguments: %s", prefix,
                        joined_arguments(invocation->arena, invocation, 2));
    if (invocation->argument_count == 2) {
        if (generate)
            return cli_fail("%scannot set --generate-name and also specify a name", prefix);
        if (has_name_template)
            return cli_fail("%scannot set --name-template and also specify a name", prefix);
        *name = invocation->arguments[0];
        *chart = invocation->arguments[1];
        return 0;
    }
    *chart = invocation->arguments[0];
    if (has_name_template)
        return release_name_from_template(invocation, prefix, name_template, name);
    if (default_name)
        return *name = default_name, 0;
    if (!generate)
        return cli_fail("%smust either provide a name or specify --generate-name", prefix);
    *name = generated_name(invocation->arena, *chart);
    return *name ? 0 : cli_fail("out of memory");
}

int cli_release_name_valid(const char *name)
{
    size_t len = strlen(name);
    if (len == 0 || len > 53)
        return 0;
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        int alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        int edge = i == 0 || i == len - 1 || name[i - 1] == '.' || name[i + 1] == '.';
        if (!alnum && !((c == '-' && !edge) || (c == '.' && i > 0 && i < len - 1 && name[i - 1] != '.')))
            return 0;
    }
    return 1;
}

const char *release_name_problem(celm_arena *arena, const char *name)
{
    if (!*name)
        return "no name provided";
    if (cli_release_name_valid(name))
        return NULL;
    size_t size = 4 * strlen(name) + 3;
    char *quoted = celm_arena_alloc(arena, size);
    if (!quoted)
        return "out of memory";
    cli_go_quote(name, quoted, size);
    return celm_arena_printf(arena, "release name %s: invalid release name, must match regex "
                             "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must "
                             "not be longer than 53", quoted);
}

int release_name_check_failed(celm_arena *arena, const char *prefix, const char *reason)
{
    const char *attributes[] = {"error", reason, NULL};
    fprintf(stderr, "%s\n", celm_slog_line(arena, "ERROR", "release name check failed", attributes));
    return cli_fail("%srelease name check failed: %s", prefix, reason);
}
