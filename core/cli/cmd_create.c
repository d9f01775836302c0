/* cmd_create.c: `celm create NAME`: a new chart with helm's scaffold, or copied from a starter (--starter). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "celm/create.h"

static void print_notice(void *payload, const char *message)
{
    (void)payload;
    printf("%s\n", message);
}

/* Go's filepath.Base: the last element, trailing slashes ignored; "." for "", "/" for "/". */
static const char *go_base(celm_arena *arena, const char *path)
{
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--;
    if (len == 0)
        return ".";
    const char *start = path + len;
    while (start > path && start[-1] != '/')
        start--;
    return start == path + len ? "/" : celm_arena_strndup(arena, start, (size_t)(path + len - start));
}

/* Go's filepath.Dir: everything before the last element, or "." when there is none. */
static const char *go_dir(celm_arena *arena, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return ".";
    while (slash > path && slash[-1] == '/')
        slash--;
    return slash == path ? "/" : celm_arena_strndup(arena, path, (size_t)(slash - path));
}

/* A starter named by a relative path lives under $HELM_DATA_HOME/starters (filepath.Join). */
static const char *starter_path(const cli_invocation *invocation, const char *starter)
{
    if (starter[0] == '/')
        return starter;
    const char *joined = celm_arena_printf(invocation->arena, "%s/starters/%s", invocation->settings->data_home,
                                           starter);
    return celm_path_clean(invocation->arena, joined, strlen(joined));
}

int cli_create_command(const cli_invocation *invocation)
{
    const char *path = invocation->arguments[0];
    const char *starter = cli_flag_string(invocation, "starter");
    int lua = cli_flag_is_true(invocation, "lua");
    if (lua && starter && *starter)
        return cli_fail("--lua and --starter cannot be used together");
    printf("Creating %s\n", path);
    fflush(stdout);
    const char *name = go_base(invocation->arena, path);
    const char *directory = go_dir(invocation->arena, path);
    celm_error err = CELM_ERROR_INIT;
    int status = starter && *starter
                     ? celm_chart_create_from(directory, name, starter_path(invocation, starter), &err)
                     : celm_chart_create_dialect(directory, name, lua, print_notice, NULL, &err);
    return status == CELM_OK ? 0 : cli_fail("%s", err.message);
}
