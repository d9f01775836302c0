/* host.c: the const host-API table every plugin receives, and the logging it offers. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "celm/celm.h"
#include "go_regex.h"

static int host_log_threshold(void)
{
    const char *debug = getenv("CELM_DEBUG");
    return debug && *debug && debug[0] != '0' ? CELM_LOG_DEBUG : CELM_LOG_WARNING;
}

/* Plugins log through the host; the CLI shows warnings and errors, debug lines with --debug. */
static void host_log(int level, const char *origin, const char *format, ...)
{
    static const char *const names[] = {"debug", "info", "warning", "error"};
    if (level < host_log_threshold())
        return;
    va_list args;
    va_start(args, format);
    fprintf(stderr, "%s: %s: ", level >= 0 && level <= 3 ? names[level] : "log", origin ? origin : "celm");
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
}

static int host_error_set(celm_error *err, int code, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    celm_error_vset(err, code, format, args);
    va_end(args);
    return code;
}

static celm_kube *host_kube;

void celm_host_set_kube(celm_kube *kube)
{
    host_kube = kube;
}

static int host_kube_request(celm_arena *arena, const celm_kube_request *request, celm_kube_response *out,
                             celm_error *err)
{
    if (!host_kube)
        return celm_error_set(err, CELM_EUNSUPPORTED, "no Kubernetes cluster is configured for this command");
    return celm_kube_send(host_kube, arena, request, out, err);
}

static int host_kube_resource_path(celm_arena *arena, const char *api_version, const char *kind,
                                   const char *resource_namespace, const char *name, const char **path, celm_error *err)
{
    if (!host_kube)
        return celm_error_set(err, CELM_EUNSUPPORTED, "no Kubernetes cluster is configured for this command");
    celm_kube_resource resource;
    int status = celm_kube_resource_for(host_kube, api_version, kind, &resource, err);
    if (status == CELM_OK)
        *path = celm_kube_resource_path(arena, &resource, resource_namespace, name && *name ? name : NULL);
    return status;
}

static const celm_host host_table = {
    .size = sizeof(celm_host),
    .abi_major = CELM_ABI_MAJOR,
    .abi_minor = CELM_ABI_MINOR,
    .core_version = CELM_VERSION,
    .error_set = host_error_set,
    .log = host_log,
    .arena_create = celm_arena_create,
    .arena_destroy = celm_arena_destroy,
    .arena_alloc = celm_arena_alloc,
    .arena_strndup = celm_arena_strndup,
    .value_null = celm_value_null,
    .value_bool = celm_value_bool,
    .value_int = celm_value_int,
    .value_float = celm_value_float,
    .value_string = celm_value_string,
    .value_list = celm_value_list,
    .value_map = celm_value_map,
    .list_append = celm_list_append,
    .map_set = celm_map_set,
    .map_get = celm_map_get,
    .map_remove = celm_map_remove,
    .value_copy = celm_value_copy,
    .yaml_parse = celm_yaml_parse,
    .yaml_emit = celm_yaml_emit,
    .json_parse = celm_json_parse,
    .json_emit = celm_json_emit,
    .format_go = celm_format_go,
    .semver_parse = celm_semver_parse,
    .semver_compare = celm_semver_compare,
    .semver_satisfies = celm_semver_satisfies,
    .regex_compile = celm_host_regex_compile,
    .regex_search = celm_go_regex_search,
    .regex_group_count = celm_go_regex_group_count,
    .base64_encode = celm_base64_encode,
    .base64_decode = celm_base64_decode,
    .gzip_compress = celm_gzip_compress,
    .gzip_decompress = celm_gzip_decompress,
    .kube_request = host_kube_request,
    .kube_resource_path = host_kube_resource_path,
    .time_now = celm_release_time_now,
};

const celm_host *celm_host_table(void)
{
    return &host_table;
}
