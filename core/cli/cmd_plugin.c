/* cmd_plugin.c: `celm plugin list`, every plugin file on the search path and whether it loaded. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char *abi_text(celm_arena *arena, const celm_plugin_info *info)
{
    /* no ABI major is 0, so 0.0 means the descriptor was never read */
    if (info->abi_major == 0 && info->abi_minor == 0)
        return NULL;
    return celm_arena_printf(arena, "%u.%u", info->abi_major, info->abi_minor);
}

static int print_table(const cli_invocation *invocation, const celm_plugin_info *const *infos, size_t count)
{
    static const char *const header[] = {"KIND", "NAME", "VERSION", "ABI", "STATUS", "PATH"};
    cli_table table;
    cli_table_init(&table, invocation->arena, 6);
    int status = cli_table_add_row(&table, header);
    for (size_t i = 0; status == CELM_OK && i < count; i++) {
        const celm_plugin_info *info = infos[i];
        const char *abi = abi_text(invocation->arena, info);
        const char *row[] = {info->kind, info->name, info->version ? info->version : "-", abi ? abi : "-",
                             celm_plugin_status_text(info->status), info->path};
        status = cli_table_add_row(&table, row);
    }
    if (status != CELM_OK)
        return cli_fail("out of memory");
    cli_table_print(stdout, &table);
    return 0;
}

static celm_value *text_or_null(celm_arena *arena, const char *text)
{
    return text ? celm_value_cstring(arena, text) : celm_value_null(arena);
}

static celm_value *plugin_value(celm_arena *arena, const celm_plugin_info *info)
{
    celm_value *map = celm_value_map(arena, 7);
    if (!map)
        return NULL;
    const struct {
        const char *key;
        celm_value *value;
    } fields[] = {
        {"kind", celm_value_cstring(arena, info->kind)},
        {"name", celm_value_cstring(arena, info->name)},
        {"version", text_or_null(arena, info->version)},
        {"abi", text_or_null(arena, abi_text(arena, info))},
        {"status", celm_value_cstring(arena, celm_plugin_status_text(info->status))},
        {"path", celm_value_cstring(arena, info->path)},
        {"message", info->status == CELM_PLUGIN_LOADED ? NULL : celm_value_cstring(arena, info->message)},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (fields[i].value && celm_map_set(arena, map, fields[i].key, strlen(fields[i].key), fields[i].value) != 0)
            return NULL;
    return map;
}

static int print_document(const cli_invocation *invocation, const celm_plugin_info *const *infos, size_t count,
                          cli_output_format format)
{
    celm_arena *arena = invocation->arena;
    celm_value *list = celm_value_list(arena, count);
    for (size_t i = 0; list && i < count; i++) {
        celm_value *item = plugin_value(arena, infos[i]);
        if (!item || celm_list_append(arena, list, item) != 0)
            list = NULL;
    }
    if (!list)
        return cli_fail("out of memory");
    celm_error err = CELM_ERROR_INIT;
    if (cli_value_print(stdout, arena, list, format, &err) != CELM_OK)
        return cli_fail("%s", err.message);
    return 0;
}

/* A shadowed plugin is only hidden by another of its name; it is reported but not a failure. */
static int refused(const celm_plugin_info *info)
{
    return info->status != CELM_PLUGIN_LOADED && info->status != CELM_PLUGIN_SHADOWED;
}

static int list_registry(const cli_invocation *invocation, celm_registry *registry)
{
    const celm_plugin_info *all;
    size_t total = celm_registry_scan(registry, &all);
    const char *kind = cli_flag_string(invocation, "type");
    const celm_plugin_info **shown = celm_arena_alloc(invocation->arena, (total + 1) * sizeof *shown);
    size_t count = 0;
    for (size_t i = 0; shown && i < total; i++)
        if (!kind || !*kind || strcmp(all[i].kind, kind) == 0)
            shown[count++] = &all[i];
    if (!shown)
        return cli_fail("out of memory");
    cli_output_format format = cli_output_format_parse(cli_flag_string(invocation, "output"));
    int status = format == CLI_OUTPUT_TABLE ? print_table(invocation, shown, count)
                                            : print_document(invocation, shown, count, format);
    fflush(stdout);
    for (size_t i = 0; i < count; i++) {
        if (shown[i]->status != CELM_PLUGIN_LOADED)
            fprintf(stderr, "%s\n", shown[i]->message);
        if (refused(shown[i]))
            status = 1;
    }
    return status;
}

int cli_plugin_list_command(const cli_invocation *invocation)
{
    const cli_settings *settings = invocation->settings;
    char **path = celm_plugin_search_path(settings->plugin_dirs, settings->plugin_dir_count);
    size_t directory_count = 0;
    while (path && path[directory_count])
        directory_count++;
    celm_registry *registry = NULL;
    celm_error err = CELM_ERROR_INIT;
    int status;
    if (celm_registry_open(&registry, (const char *const *)path, directory_count, &err) != CELM_OK)
        status = cli_fail("%s", err.message);
    else
        status = list_registry(invocation, registry);
    celm_registry_close(registry);
    celm_plugin_search_path_free(path);
    return status;
}
