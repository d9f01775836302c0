/* dependency_repositories.c: where each dependency comes from: charts/, a file:// directory, or a
 * remote repository (refused for now), checked against repositories.yaml as Helm's Manager does. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "chart_internal.h"
#include "dependency_internal.h"
#include "os_file.h"
#include "values_user.h"

#define FILE_SCHEME "file://"
#define OCI_SCHEME "oci://"

static int starts_with(const char *text, const char *prefix)
{
    return strncmp(text, prefix, strlen(prefix)) == 0;
}

/* loadRepoConfig: a missing file lists no repository. */
static int load_repositories(dependency_run *run)
{
    const char *path = run->options->repository_config;
    celm_string text = {"", 0};
    celm_value *document = NULL;
    run->repositories = celm_value_list(run->arena, 0);
    int status = path && *path ? celm_os_read_file(run->arena, path, &text, run->err) : CELM_OK;
    if (status == CELM_ENOTFOUND)
        return CELM_OK;
    if (status != CELM_OK)
        return celm_error_set(run->err, status, "couldn't load repositories file (%s): %s", path, run->err->message);
    if (celm_yaml_parse(run->arena, text.data, text.len, path, 0, &document, run->err) != CELM_OK)
        return celm_error_set(run->err, CELM_EPARSE, "error converting YAML to JSON: %s", run->err->message);
    const celm_value *list = document && document->kind == CELM_VALUE_MAP ? celm_map_cget(document, "repositories") : NULL;
    if (list && list->kind == CELM_VALUE_LIST)
        run->repositories = list;
    return CELM_OK;
}

int dependency_local_path(const dependency_run *run, const char *repository, const char **out)
{
    const char *path = starts_with(repository, FILE_SCHEME) ? repository + strlen(FILE_SCHEME) : repository;
    path = path[0] == '/' ? celm_path_clean(run->arena, path, strlen(path))
                          : dependency_join(run, run->options->chart_path, path);
    struct stat info;
    if (stat(path, &info) != 0)
        return errno == ENOENT ? celm_error_set(run->err, CELM_ENOTFOUND, "directory %s not found", path)
                               : celm_os_error(run->err, "stat", path, errno);
    *out = path;
    return CELM_OK;
}

/* urlutil.Equal, as far as trailing slashes go. */
static int same_url(const char *a, const char *b)
{
    size_t a_len = strlen(a), b_len = strlen(b);
    while (a_len > 1 && a[a_len - 1] == '/')
        a_len--;
    while (b_len > 1 && b[b_len - 1] == '/')
        b_len--;
    return a_len == b_len && memcmp(a, b, a_len) == 0;
}

/* The configured repository "@name" or "alias:name" names, NULL when it names none. */
static const celm_value *aliased_repository(const dependency_run *run, const char *repository)
{
    const char *name = starts_with(repository, "@") ? repository + 1
                       : starts_with(repository, "alias:") ? repository + 6 : NULL;
    for (size_t i = 0; name && i < run->repositories->as.list.count; i++)
        if (strcmp(celm_map_string(run->repositories->as.list.items[i], "name"), name) == 0)
            return run->repositories->as.list.items[i];
    return NULL;
}

static int is_configured_url(const dependency_run *run, const char *repository)
{
    for (size_t i = 0; i < run->repositories->as.list.count; i++)
        if (same_url(celm_map_string(run->repositories->as.list.items[i], "url"), repository))
            return 1;
    return 0;
}

/* url.ParseRequestURI succeeds: a URL with a scheme, or an absolute path. */
static int is_request_uri(const char *text)
{
    char scheme[32];
    celm_error ignored = CELM_ERROR_INIT;
    return celm_values_url_scheme(text, scheme, sizeof scheme, &ignored) == CELM_OK && (scheme[0] || text[0] == '/');
}

/* The "Please add them" error of resolveRepoNames, with its hint when a name is not a URL. */
static int missing_repositories(const dependency_run *run, const celm_buffer *missing, int has_plain_name)
{
    return celm_error_set(run->err, CELM_ENOTFOUND, "no repository definition for %.*s. Please add them via "
                          "'helm repo add'%s", (int)missing->len, missing->data,
                          has_plain_name ? "\nNote that repositories must be URLs or aliases. For example, to "
                          "refer to the \"example\"\nrepository, use \"https://charts.example.com/\" or "
                          "\"@example\" instead of\n\"example\". Don't forget to add the repo, too ('helm repo "
                          "add')." : "");
}

static void add_missing(celm_buffer *missing, const char *repository, int *has_plain_name)
{
    if (missing->len)
        celm_buffer_append_str(missing, ", ");
    celm_buffer_append_str(missing, repository);
    if (!strstr(repository, "//") && !starts_with(repository, "@") && !starts_with(repository, "alias:"))
        *has_plain_name = 1;
}

/* One declared dependency of resolveRepoNames: its file:// directory must exist, an alias takes
 * the URL of the repository it names; 1 when the repository is known or a URL, else 0. */
static int check_requirement(const dependency_run *run, celm_value *dependency, int *status)
{
    const char *repository = celm_map_string(dependency, "repository"), *path;
    if (!*repository || starts_with(repository, OCI_SCHEME))
        return 1;
    if (starts_with(repository, FILE_SCHEME)) {
        *status = dependency_local_path(run, repository, &path);
        if (*status == CELM_OK && run->options->debug)
            dependency_say(run, "Repository from local path: %s\n", repository);
        return 1;
    }
    const celm_value *aliased = aliased_repository(run, repository);
    if (aliased) {
        celm_value *url = celm_value_cstring(run->arena, celm_map_string(aliased, "url"));
        *status = url ? celm_map_set(run->arena, dependency, "repository", 10, url) : CELM_ENOMEM;
        return 1;
    }
    return is_configured_url(run, repository) || is_request_uri(repository);
}

/* Dependencies from anywhere but charts/ or a file:// directory need what celm cannot do yet. */
static int refuse_remote(const dependency_run *run, const celm_value *dependencies)
{
    for (size_t i = 0; dependencies && dependencies->kind == CELM_VALUE_LIST && i < dependencies->as.list.count; i++) {
        const celm_value *dependency = dependencies->as.list.items[i];
        const char *repository = celm_map_string(dependency, "repository");
        if (*repository && !starts_with(repository, FILE_SCHEME))
            return celm_error_set(run->err, CELM_EUNSUPPORTED, "dependency \"%s\" comes from the remote repository "
                                  "\"%s\": celm does not support remote chart repositories yet (only charts/ "
                                  "and file:// dependencies)", celm_map_string(dependency, "name"), repository);
    }
    return CELM_OK;
}

int dependency_check_requirements(dependency_run *run, celm_value *requirements)
{
    int status = load_repositories(run), has_plain_name = 0;
    celm_buffer missing;
    celm_buffer_init(&missing);
    for (size_t i = 0; status == CELM_OK && requirements && i < requirements->as.list.count; i++) {
        const char *repository = celm_map_string(requirements->as.list.items[i], "repository");
        if (!check_requirement(run, requirements->as.list.items[i], &status))
            add_missing(&missing, repository, &has_plain_name);
    }
    if (status == CELM_OK && missing.len)
        status = missing_repositories(run, &missing, has_plain_name);
    if (status == CELM_ENOMEM || (status == CELM_OK && missing.failed))
        status = celm_error_set(run->err, CELM_ENOMEM, "out of memory checking repositories");
    celm_buffer_free(&missing);
    return status == CELM_OK ? refuse_remote(run, requirements) : status;
}

int dependency_check_locked(const dependency_run *run, const celm_value *locked)
{
    celm_buffer missing;
    celm_buffer_init(&missing);
    for (size_t i = 0; locked && locked->kind == CELM_VALUE_LIST && i < locked->as.list.count; i++) {
        const char *repository = celm_map_string(locked->as.list.items[i], "repository");
        if (!*repository || starts_with(repository, FILE_SCHEME) || starts_with(repository, OCI_SCHEME) ||
            is_configured_url(run, repository))
            continue;
        if (missing.len)
            celm_buffer_append_str(&missing, ", ");
        celm_buffer_append_str(&missing, repository);
    }
    int status = CELM_OK;
    if (missing.len)
        status = celm_error_set(run->err, CELM_ENOTFOUND, "no repository definition for %.*s. Please add the "
                                "missing repos via 'helm repo add'", (int)missing.len, missing.data);
    celm_buffer_free(&missing);
    return status == CELM_OK ? refuse_remote(run, locked) : status;
}

void dependency_refresh(const dependency_run *run)
{
    const celm_value *repositories = run->repositories;
    if (run->options->skip_refresh || !repositories || repositories->as.list.count == 0)
        return;
    dependency_say(run, "Hang tight while we grab the latest from your chart repositories...\n");
    for (size_t i = 0; i < repositories->as.list.count; i++) {
        const celm_value *entry = repositories->as.list.items[i];
        const char *name = celm_map_string(entry, "name"), *url = celm_map_string(entry, "url");
        int repeated = 0;   /* Helm asks each URL once, under the last name listed for it */
        for (size_t later = i + 1; later < repositories->as.list.count; later++)
            repeated |= same_url(celm_map_string(repositories->as.list.items[later], "url"), url);
        if (!repeated)
            dependency_say(run, "...Unable to get an update from the %s chart repository (%s):\n\t%s\n",
                           chart_quoted(run->arena, name, strlen(name)), url,
                           "celm cannot download repository indexes yet");
    }
    dependency_say(run, "Update Complete. \xe2\x8e\x88Happy Helming!\xe2\x8e\x88\n");
}

int dependency_read_indexes(const dependency_run *run)
{
    const celm_value *repositories = run->repositories;
    for (size_t i = 0; repositories && i < repositories->as.list.count; i++) {
        const char *name = celm_map_string(repositories->as.list.items[i], "name");
        const char *file = celm_arena_printf(run->arena, "%s-index.yaml", name);
        celm_string text;
        int status = celm_os_read_file(run->arena, dependency_join(run, run->options->repository_cache, file), &text,
                                       run->err);
        if (status != CELM_OK)
            return status;
    }
    return CELM_OK;
}
