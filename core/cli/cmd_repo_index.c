/* cmd_repo_index.c: `celm repo index DIR`: an index.yaml for a folder of chart archives. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "celm/repo_index.h"
#include "chart_run.h"

/* --merge: the index to merge in, written empty first when it does not exist (as helm does). */
static int merge_into(celm_arena *arena, celm_value *index, const char *merge, int json)
{
    celm_value *other = NULL;
    celm_error err = CELM_ERROR_INIT;
    struct stat info;
    if (stat(merge, &info) != 0 && errno == ENOENT) {
        if ((other = celm_repo_index_new(arena)))
            celm_repo_index_write(arena, other, json, merge, &err);
    } else if (celm_repo_index_load(arena, merge, cli_print_warning, NULL, &other, &err) != CELM_OK) {
        return cli_fail("merge failed: %s", err.message);
    }
    return other && celm_repo_index_merge(arena, index, other) != CELM_OK ? cli_fail("out of memory") : 0;
}

int cli_repo_index_command(const cli_invocation *invocation)
{
    celm_arena *arena = invocation->arena;
    const char *dir = celm_path_absolute(arena, invocation->arguments[0]);
    const char *url = cli_flag_string(invocation, "url"), *merge = cli_flag_string(invocation, "merge");
    int json = cli_flag_is_true(invocation, "json");
    celm_value *index = NULL;
    celm_error err = CELM_ERROR_INIT;
    if (!dir || celm_repo_index_directory(arena, dir, url, &index, &err) != CELM_OK)
        return cli_fail("%s", dir ? err.message : "out of memory");
    int status = merge && *merge ? merge_into(arena, index, merge, json) : 0;
    if (status)
        return status;
    celm_repo_index_sort(index);
    const char *out = celm_arena_printf(arena, "%s/index.yaml", dir);
    if (!out || celm_repo_index_write(arena, index, json, out, &err) != CELM_OK)
        return cli_fail("%s", out ? err.message : "out of memory");
    return 0;
}
