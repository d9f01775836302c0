/* lint_chartfile.c: helm lint's Chart.yaml rules (rules/chartfile.go). */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "go_quote.h"
#include "lint_internal.h"
#include "lint_links.h"
#include "os_file.h"

static const celm_value *list_of(const celm_value *metadata, const char *key)
{
    const celm_value *value = celm_map_cget(metadata, key);
    return value && value->kind == CELM_VALUE_LIST ? value : NULL;
}

/* Go's %T of what sigs.k8s.io/yaml leaves in a map[string]interface{}. */
static const char *go_type_name(const celm_value *value)
{
    switch (value->kind) {
    case CELM_VALUE_NULL: return "<nil>";
    case CELM_VALUE_BOOL: return "bool";
    case CELM_VALUE_INT:
    case CELM_VALUE_FLOAT: return "float64";
    case CELM_VALUE_STRING: return "string";
    case CELM_VALUE_LIST: return "[]interface {}";
    default: return "map[string]interface {}";
    }
}

/* isStringValue over the file read into a plain map. */
static void check_string_typed(linter *l, const celm_value *untyped, const char *key)
{
    const celm_value *value = untyped && untyped->kind == CELM_VALUE_MAP ? celm_map_cget(untyped, key) : NULL;
    if (value && value->kind != CELM_VALUE_STRING)
        lint_fail(l, CELM_LINT_ERROR, "Chart.yaml", "%s should be of type string but it's of type %s", key,
                  go_type_name(value));
}

/* Go's filepath.Base. */
static int is_own_base(const char *name)
{
    size_t len = strlen(name);
    if (len == 0)
        return 0;
    while (len > 1 && name[len - 1] == '/')
        len--;
    if (len != strlen(name))
        return 0;
    const char *slash = strrchr(name, '/');
    return !slash || (slash == name && len == 1);
}

static void check_name(linter *l, const celm_value *metadata)
{
    const char *name = celm_map_string(metadata, "name");
    if (!*name) {
        lint_rule(l, CELM_LINT_ERROR, "Chart.yaml", "name is required");
        return;
    }
    if (is_own_base(name))
        return;
    celm_buffer quoted;
    celm_buffer_init(&quoted);
    celm_go_quote(&quoted, name, strlen(name));
    lint_fail(l, CELM_LINT_ERROR, "Chart.yaml", "chart name %s is invalid", quoted.data ? quoted.data : "");
    celm_buffer_free(&quoted);
}

static void check_api_version(linter *l, const char *api_version)
{
    if (!*api_version)
        lint_rule(l, CELM_LINT_ERROR, "Chart.yaml", "apiVersion is required. The value must be either \"v1\" or \"v2\"");
    else if (strcmp(api_version, "v1") != 0 && strcmp(api_version, "v2") != 0)
        lint_fail(l, CELM_LINT_ERROR, "Chart.yaml", "apiVersion '%s' is not valid. The value must be either \"v1\" or \"v2\"",
                  api_version);
}

/* The first of Validate's reasons (helm reports msg[0]). */
static void keep_first_reason(void *context, const char *reason)
{
    char *first = context;
    if (!first[0])
        snprintf(first, 256, "%s", reason);
}

static void check_version(linter *l, const char *version)
{
    celm_semver parsed;
    celm_semver_constraints *positive;
    celm_error err = CELM_ERROR_INIT;
    char reason[256] = "";
    if (!*version)
        lint_rule(l, CELM_LINT_ERROR, "Chart.yaml", "version is required");
    else if (celm_semver_parse(&parsed, version, strlen(version), &err) != CELM_OK)
        lint_fail(l, CELM_LINT_ERROR, "Chart.yaml", "version '%s' is not a valid SemVer", version);
    else if (celm_semver_constraints_parse(l->arena, ">0.0.0-0", 8, &positive, &err) == CELM_OK &&
             !celm_semver_constraints_validate(positive, &parsed, keep_first_reason, reason) && reason[0])
        lint_fail(l, CELM_LINT_ERROR, "Chart.yaml", "version %s", reason);
}

static void check_maintainers(linter *l, const celm_value *metadata)
{
    const celm_value *maintainers = list_of(metadata, "maintainers");
    for (size_t i = 0; maintainers && i < maintainers->as.list.count; i++) {
        const celm_value *maintainer = maintainers->as.list.items[i];
        if (!maintainer || maintainer->kind != CELM_VALUE_MAP) {
            lint_rule(l, CELM_LINT_ERROR, "Chart.yaml", "a maintainer entry is empty");
            return;
        }
        const char *name = celm_map_string(maintainer, "name"), *email = celm_map_string(maintainer, "email");
        const char *url = celm_map_string(maintainer, "url");
        if (!*name) {
            lint_rule(l, CELM_LINT_ERROR, "Chart.yaml", "each maintainer requires a name");
            return;
        }
        if (*email && !lint_is_email(email)) {
            lint_fail(l, CELM_LINT_ERROR, "Chart.yaml", "invalid email '%s' for maintainer '%s'", email, name);
            return;
        }
        if (*url && !lint_is_url(url)) {
            lint_fail(l, CELM_LINT_ERROR, "Chart.yaml", "invalid url '%s' for maintainer '%s'", url, name);
            return;
        }
    }
}

static void check_sources(linter *l, const celm_value *metadata)
{
    const celm_value *sources = list_of(metadata, "sources");
    for (size_t i = 0; sources && i < sources->as.list.count; i++) {
        const celm_value *source = sources->as.list.items[i];
        const char *text = source && source->kind == CELM_VALUE_STRING ? source->as.string.data : "";
        if (!*text || !lint_is_request_url(text)) {
            lint_fail(l, CELM_LINT_ERROR, "Chart.yaml", "invalid source URL '%s'", text);
            return;
        }
    }
}

static void check_v2_only(linter *l, const celm_value *metadata, const char *api_version)
{
    if (strcmp(api_version, "v2") == 0)
        return;
    if (*celm_map_string(metadata, "type"))
        lint_fail(l, CELM_LINT_ERROR, "Chart.yaml",
                  "chart type is not valid in apiVersion '%s'. It is valid in apiVersion 'v2'", api_version);
    const celm_value *dependencies = list_of(metadata, "dependencies");
    if (dependencies && dependencies->as.list.count)
        lint_fail(l, CELM_LINT_ERROR, "Chart.yaml",
                  "dependencies are not valid in the Chart file with apiVersion '%s'. They are valid in apiVersion 'v2'",
                  api_version);
}

static void check_metadata(linter *l, const celm_value *metadata, const celm_value *untyped)
{
    const char *api_version = celm_map_string(metadata, "apiVersion");
    check_name(l, metadata);
    check_api_version(l, api_version);
    check_string_typed(l, untyped, "version");
    check_version(l, celm_map_string(metadata, "version"));
    check_string_typed(l, untyped, "appVersion");
    check_maintainers(l, metadata);
    check_sources(l, metadata);
    const char *icon = celm_map_string(metadata, "icon");
    lint_rule(l, CELM_LINT_INFO, "Chart.yaml", *icon ? NULL : "icon is recommended");
    if (*icon && !lint_is_request_url(icon))
        lint_fail(l, CELM_LINT_ERROR, "Chart.yaml", "invalid icon URL '%s'", icon);
    check_v2_only(l, metadata, api_version);
    const char *version = celm_map_string(metadata, "version");
    celm_semver parsed;
    celm_error err = CELM_ERROR_INIT;
    if (celm_semver_parse_strict(&parsed, version, strlen(version), &err) != CELM_OK)
        lint_fail(l, CELM_LINT_WARNING, "Chart.yaml", "version '%s' is not a valid SemVerV2", version);
}

/* The decoders' error text, or NULL. */
static const char *decode(linter *l, const celm_chart_file *file, int strict, celm_value **out)
{
    celm_error err = CELM_ERROR_INIT;
    if (celm_chartfile_decode(l->arena, file, strict, out, &err) == CELM_OK)
        return NULL;
    return celm_arena_strndup(l->arena, err.message, strlen(err.message));
}

void lint_chartfile(linter *l)
{
    const char *path = lint_path(l, l->chart_dir, "Chart.yaml");
    struct stat info;
    if (path && stat(path, &info) == 0 && S_ISDIR(info.st_mode))
        lint_rule(l, CELM_LINT_ERROR, "Chart.yaml", "should be a file, not a directory");
    celm_string bytes;
    celm_error err = CELM_ERROR_INIT;
    if (!path || celm_os_read_file(l->arena, path, &bytes, &err) != CELM_OK) {
        lint_fail(l, CELM_LINT_ERROR, "Chart.yaml", "unable to parse YAML\n\t%s", err.message);
        return;
    }
    celm_chart_file file = {"Chart.yaml", bytes.data, bytes.len, {0, 0, 0}};
    celm_value *metadata = NULL, *strict = NULL, *untyped = NULL;
    const char *failure = decode(l, &file, 0, &metadata);
    if (failure) {
        lint_fail(l, CELM_LINT_ERROR, "Chart.yaml", "unable to parse YAML\n\t%s", failure);
        return;
    }
    if ((failure = decode(l, &file, 1, &strict)))
        lint_fail(l, CELM_LINT_WARNING, "Chart.yaml", "failed to strictly parse chart metadata file\n\t%s", failure);
    if (celm_yaml_parse(l->arena, bytes.data, bytes.len, "Chart.yaml", 0, &untyped, &err) != CELM_OK)
        untyped = NULL;
    check_metadata(l, metadata, untyped);
}
