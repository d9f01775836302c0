/* chart_validate.c: Helm's Metadata.Validate on a loaded Chart.yaml: sanitizing and the checks. */
#include <string.h>

#include "celm/semver.h"
#include "chart_internal.h"
#include "go_quote.h"
#include "unicode_tables.h"
#include "utf8.h"

/* Go's ValidationError: "validation: <message>". */
#define VALIDATION "validation: "

/* sanitizeString: white space becomes ' ', other unprintable runes are dropped. */
static celm_value *sanitized(celm_arena *arena, const celm_value *text)
{
    celm_buffer out;
    celm_buffer_init(&out);
    const unsigned char *at = (const unsigned char *)text->as.string.data;
    const unsigned char *end = at + text->as.string.len;
    while (at < end) {
        uint32_t rune;
        int width = celm_utf8_decode(at, (size_t)(end - at), &rune);
        char encoded[4];
        if (celm_unicode_is_space(rune))
            celm_buffer_append_char(&out, ' ');
        else if (celm_go_is_printable(rune))
            celm_buffer_append(&out, encoded, (size_t)celm_utf8_encode(rune, encoded));
        at += width;
    }
    celm_string clean;
    if (celm_buffer_finish(&out, arena, &clean) != CELM_OK)
        return NULL;
    return celm_value_string(arena, clean.data, clean.len);
}

/* Sanitizes the string, or every string of the list, held at `key` of `map`. */
static int sanitize_key(chart_loader *loader, celm_value *map, const char *key)
{
    celm_value *value = celm_map_cget(map, key);
    if (!value)
        return CELM_OK;
    if (value->kind == CELM_VALUE_STRING) {
        celm_value *clean = sanitized(loader->arena, value);
        if (!clean || celm_map_set(loader->arena, map, key, strlen(key), clean) != CELM_OK)
            return chart_fail(loader, CELM_ENOMEM, "out of memory");
        return CELM_OK;
    }
    for (size_t i = 0; value->kind == CELM_VALUE_LIST && i < value->as.list.count; i++) {
        celm_value *item = value->as.list.items[i];
        if (item->kind != CELM_VALUE_STRING)
            continue;
        if (!(value->as.list.items[i] = sanitized(loader->arena, item)))
            return chart_fail(loader, CELM_ENOMEM, "out of memory");
    }
    return CELM_OK;
}

static int sanitize_keys(chart_loader *loader, celm_value *map, const char *const *keys, size_t count)
{
    int status = CELM_OK;
    for (size_t i = 0; status == CELM_OK && i < count; i++)
        status = sanitize_key(loader, map, keys[i]);
    return status;
}

static int validation_failed(chart_loader *loader, const char *message)
{
    return chart_fail(loader, CELM_EINVAL, VALIDATION "%s", message);
}

/* A validation message with one value quoted like Go's %q between `before` and `after`. */
static int validation_failed_on(chart_loader *loader, const char *before, const char *text,
                                const char *after)
{
    const char *quoted = chart_quoted(loader->arena, text, strlen(text));
    return chart_fail(loader, CELM_EINVAL, VALIDATION "%s%s%s", before, quoted ? quoted : text, after);
}

static int validate_maintainers(chart_loader *loader, celm_value *metadata)
{
    static const char *const keys[] = {"name", "email", "url"};
    const celm_value *list = celm_map_cget(metadata, "maintainers");
    for (size_t i = 0; list && list->kind == CELM_VALUE_LIST && i < list->as.list.count; i++) {
        celm_value *maintainer = list->as.list.items[i];
        if (maintainer->kind != CELM_VALUE_MAP)
            return validation_failed(loader, "maintainers must not contain empty or null nodes");
        int status = sanitize_keys(loader, maintainer, keys, 3);
        if (status != CELM_OK)
            return status;
    }
    return CELM_OK;
}

static int alias_allowed(const char *alias)
{
    for (const char *at = alias; *at; at++) {
        char c = *at;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
              c == '-'))
            return 0;
    }
    return alias[0] != 0;
}

/* Dependency.Validate, then the name-or-alias must be unique among the dependencies. */
static int validate_dependency(chart_loader *loader, celm_value *dependency, celm_value *seen)
{
    static const char *const keys[] = {"name", "version", "repository", "condition", "tags"};
    if (dependency->kind != CELM_VALUE_MAP)
        return validation_failed(loader, "dependencies must not contain empty or null nodes");
    int status = sanitize_keys(loader, dependency, keys, 5);
    if (status != CELM_OK)
        return status;
    const char *name = celm_map_string(dependency, "name");
    const char *alias = celm_map_string(dependency, "alias");
    if (alias[0] && !alias_allowed(alias))
        return validation_failed_on(loader, "dependency ", name, " has disallowed characters in the alias");
    const char *key = alias[0] ? alias : name;
    if (celm_map_cget(seen, key))
        return validation_failed_on(loader, "more than one dependency with name or alias ", key, "");
    if (celm_map_set(loader->arena, seen, key, strlen(key), dependency) != CELM_OK)
        return chart_fail(loader, CELM_ENOMEM, "out of memory");
    return CELM_OK;
}

static int validate_dependencies(chart_loader *loader, celm_value *metadata)
{
    const celm_value *list = celm_map_cget(metadata, "dependencies");
    celm_value *seen = celm_value_map(loader->arena, 0);
    if (!seen)
        return chart_fail(loader, CELM_ENOMEM, "out of memory");
    for (size_t i = 0; list && list->kind == CELM_VALUE_LIST && i < list->as.list.count; i++) {
        int status = validate_dependency(loader, list->as.list.items[i], seen);
        if (status != CELM_OK)
            return status;
    }
    return CELM_OK;
}

static int version_valid(const char *version)
{
    celm_semver parsed;
    celm_error ignored = CELM_ERROR_INIT;
    return celm_semver_parse(&parsed, version, strlen(version), &ignored) == CELM_OK;
}

/* The checks on name, version and type, in Helm's order. */
static int validate_fields(chart_loader *loader, const celm_value *metadata)
{
    const char *name = celm_map_string(metadata, "name");
    const char *version = celm_map_string(metadata, "version");
    const char *type = celm_map_string(metadata, "type");
    if (!celm_map_string(metadata, "apiVersion")[0])
        return validation_failed(loader, "chart.metadata.apiVersion is required");
    if (!name[0])
        return validation_failed(loader, "chart.metadata.name is required");
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
        return validation_failed_on(loader, "chart.metadata.name ", name, " is not allowed");
    const char *base;
    size_t base_len;
    chart_path_base(name, strlen(name), &base, &base_len);
    if (base_len != strlen(name) || memcmp(base, name, base_len) != 0)
        return validation_failed_on(loader, "chart.metadata.name ", name, " is invalid");
    if (!version[0])
        return validation_failed(loader, "chart.metadata.version is required");
    if (!version_valid(version))
        return validation_failed_on(loader, "chart.metadata.version ", version, " is invalid");
    if (type[0] && strcmp(type, "application") != 0 && strcmp(type, "library") != 0)
        return validation_failed(loader, "chart.metadata.type must be application or library");
    return CELM_OK;
}

int chart_validate_metadata(chart_loader *loader, celm_value *metadata)
{
    static const char *const keys[] = {"name", "description", "home", "icon", "condition", "tags",
                                       "appVersion", "kubeVersion", "sources", "keywords"};
    int status = sanitize_keys(loader, metadata, keys, sizeof keys / sizeof keys[0]);
    if (status == CELM_OK)
        status = validate_fields(loader, metadata);
    if (status == CELM_OK)
        status = validate_maintainers(loader, metadata);
    if (status == CELM_OK)
        status = validate_dependencies(loader, metadata);
    return status;
}
