/* repo_index_build.c: repo.IndexDirectory: an index of the chart archives of a folder. */
#include <glob.h>
#include <string.h>
#include <sys/stat.h>

#include "celm/chart.h"
#include "celm/release.h"
#include "celm/repo_index.h"
#include "os_file.h"
#include "repo_internal.h"
#include "sha256.h"

/* Go's path.Join of two parts (empty parts dropped, the result cleaned). */
static const char *path_join(celm_arena *arena, const char *a, const char *b)
{
    if (!*a && !*b)
        return "";
    const char *joined = !*a ? b : !*b ? a : celm_arena_printf(arena, "%s/%s", a, b);
    return joined ? celm_path_clean(arena, joined, strlen(joined)) : NULL;
}

/* urlutil.URLJoin: `part` joined onto the base URL's path, the query and fragment kept. */
static const char *url_join(celm_arena *arena, const char *base, const char *part)
{
    const char *scheme_end = strstr(base, "://");
    const char *path = scheme_end ? scheme_end + 3 + strcspn(scheme_end + 3, "/?#") : base;
    size_t path_len = strcspn(path, "?#");
    const char *old_path = celm_arena_strndup(arena, path, path_len);
    const char *new_path = old_path ? path_join(arena, old_path, part) : NULL;
    if (!new_path)
        return NULL;
    const char *slash = scheme_end && *new_path && new_path[0] != '/' ? "/" : "";
    return celm_arena_printf(arena, "%.*s%s%s%s", (int)(path - base), base, slash, new_path, path + path_len);
}

/* The sorted matches of `pattern`, names starting with a dot included as Go's Glob has them. */
static size_t glob_sorted(const char *pattern, glob_t *matches)
{
    memset(matches, 0, sizeof *matches);
    if (glob(pattern, GLOB_PERIOD, NULL, matches) != 0)
        return 0;
    return matches->gl_pathc;
}

static int is_dot_entry(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    return strcmp(base, ".") == 0 || strcmp(base, "..") == 0;
}

static int add_archive(celm_arena *arena, celm_value *entries, const char *archive, const char *parent_dir,
                       const char *base_url, celm_error *err)
{
    celm_chart *chart = NULL;
    celm_error load_error = CELM_ERROR_INIT;
    if (celm_chart_load_v2(&chart, archive, &load_error) != CELM_OK)
        return CELM_OK;    /* helm skips what does not load */
    celm_string bytes;
    int status = celm_os_read_file(arena, archive, &bytes, err);
    char digest[CELM_SHA256_HEX_SIZE];
    if (status == CELM_OK)
        celm_sha256_hex(bytes.data, bytes.len, digest);
    const char *file = strrchr(archive, '/') ? strrchr(archive, '/') + 1 : archive;
    const char *parent_url = url_join(arena, base_url, parent_dir);
    const char *url = parent_url && *parent_url ? url_join(arena, parent_url, file) : file;
    if (status == CELM_OK && !url)
        status = celm_error_set(err, CELM_ENOMEM, "out of memory");
    if (status == CELM_OK)
        status = repo_index_add(arena, entries, chart->metadata, url, celm_release_time_now(arena), digest, err);
    celm_chart_free(chart);
    return status;
}

static int add_matches(celm_arena *arena, celm_value *entries, const char *dir, const char *sub, const char *base_url,
                       celm_error *err)
{
    const char *pattern = celm_arena_printf(arena, "%s%s%s/*.tgz", dir, *sub ? "/" : "", sub);
    glob_t matches;
    size_t count = pattern ? glob_sorted(pattern, &matches) : 0;
    int status = CELM_OK;
    for (size_t i = 0; status == CELM_OK && i < count; i++)
        status = add_archive(arena, entries, matches.gl_pathv[i], sub, base_url, err);
    if (count)
        globfree(&matches);
    return status;
}

int celm_repo_index_directory(celm_arena *arena, const char *dir, const char *base_url, celm_value **out,
                              celm_error *err)
{
    celm_value *index = celm_repo_index_new(arena);
    if (!index)
        return celm_error_set(err, CELM_ENOMEM, "out of memory");
    celm_value *entries = celm_map_cget(index, "entries");
    int status = add_matches(arena, entries, dir, "", base_url ? base_url : "", err);
    glob_t subdirs;
    const char *pattern = celm_arena_printf(arena, "%s/*", dir);
    size_t count = pattern ? glob_sorted(pattern, &subdirs) : 0;
    for (size_t i = 0; status == CELM_OK && i < count; i++) {
        struct stat info;
        const char *path = subdirs.gl_pathv[i];
        if (!is_dot_entry(path) && stat(path, &info) == 0 && S_ISDIR(info.st_mode))
            status = add_matches(arena, entries, dir, path + strlen(dir) + 1, base_url ? base_url : "", err);
    }
    if (count)
        globfree(&subdirs);
    *out = index;
    return status;
}
