/* plugin_registry.c: finding plugin files along the search path, precedence, and instances. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plugin_loader.h"

struct celm_registry {
    char **directories;
    size_t directory_count;
    celm_loaded_plugin *plugins;
    size_t plugin_count;
    celm_plugin_info *infos;
    int scanned;
};

static int registry_add(celm_registry *registry, const celm_loaded_plugin *plugin)
{
    celm_loaded_plugin *grown = realloc(registry->plugins, (registry->plugin_count + 1) * sizeof *grown);
    if (!grown)
        return CELM_ENOMEM;
    registry->plugins = grown;
    registry->plugins[registry->plugin_count++] = *plugin;
    return CELM_OK;
}

static const celm_loaded_plugin *registry_find(const celm_registry *registry, const char *kind, const char *name)
{
    for (size_t i = 0; i < registry->plugin_count; i++) {
        const celm_loaded_plugin *plugin = &registry->plugins[i];
        if (strcmp(plugin->info.kind, kind) == 0 && strcmp(plugin->info.name, name) == 0 &&
            plugin->info.status != CELM_PLUGIN_SHADOWED)
            return plugin;
    }
    return NULL;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Plugin file names of one directory, sorted so the listing is stable. */
static size_t directory_plugin_files(const char *directory, char ***out)
{
    *out = NULL;
    DIR *dir = opendir(directory);
    if (!dir)
        return 0;
    size_t count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        char *kind, *name;
        if (!celm_plugin_file_name_parse(entry->d_name, &kind, &name))
            continue;
        free(kind), free(name);
        char **grown = realloc(*out, (count + 1) * sizeof *grown);
        if (!grown)
            break;
        *out = grown;
        (*out)[count++] = strdup(entry->d_name);
    }
    closedir(dir);
    if (count)
        qsort(*out, count, sizeof **out, compare_names);
    return count;
}

static int registry_has_path(const celm_registry *registry, const char *path)
{
    for (size_t i = 0; i < registry->plugin_count; i++)
        if (strcmp(registry->plugins[i].info.path, path) == 0)
            return 1;
    return 0;
}

static void scan_directory(celm_registry *registry, const char *directory)
{
    char **files;
    size_t count = directory_plugin_files(directory, &files);
    for (size_t i = 0; i < count; i++) {
        char *kind, *name, path[4096];
        celm_plugin_file_name_parse(files[i], &kind, &name);
        snprintf(path, sizeof path, "%s/%s", directory, files[i]);
        celm_loaded_plugin plugin;
        if (registry_has_path(registry, path)) {
            free(kind), free(name), free(files[i]);
            continue;
        }
        if (registry_find(registry, kind, name)) {
            memset(&plugin, 0, sizeof plugin);
            plugin.info.path = strdup(path), plugin.info.kind = kind, plugin.info.name = name;
            plugin.info.status = CELM_PLUGIN_SHADOWED;
            snprintf(plugin.info.message, sizeof plugin.info.message,
                     "%.900s: shadowed by a plugin of the same kind and name earlier in the search path", path);
        } else {
            celm_loader_open(path, kind, name, &plugin);
            free(kind), free(name);
        }
        registry_add(registry, &plugin);
        free(files[i]);
    }
    free(files);
}

int celm_registry_open(celm_registry **out, const char *const *directories, size_t count, celm_error *err)
{
    celm_registry *registry = calloc(1, sizeof *registry);
    if (!registry || celm_loader_init() != CELM_OK) {
        free(registry);
        return celm_error_set(err, CELM_EFAIL, "cannot start the plugin loader (libltdl)");
    }
    registry->directories = calloc(count ? count : 1, sizeof *registry->directories);
    for (size_t i = 0; registry->directories && i < count; i++)
        registry->directories[registry->directory_count++] = strdup(directories[i]);
    *out = registry;
    return CELM_OK;
}

void celm_registry_close(celm_registry *registry)
{
    if (!registry)
        return;
    for (size_t i = 0; i < registry->plugin_count; i++)
        celm_loader_close(&registry->plugins[i]);
    for (size_t i = 0; i < registry->directory_count; i++)
        free(registry->directories[i]);
    free(registry->directories);
    free(registry->plugins);
    free(registry->infos);
    free(registry);
    celm_loader_exit();
}

static void ensure_scanned(celm_registry *registry)
{
    if (registry->scanned)
        return;
    registry->scanned = 1;
    for (size_t i = 0; i < registry->directory_count; i++)
        scan_directory(registry, registry->directories[i]);
}

static int plugin_create(const celm_loaded_plugin *plugin, const celm_value *config,
                         celm_plugin_instance *out, celm_error *err)
{
    celm_arena *arena = NULL;
    if (!config) {
        arena = celm_arena_create();
        config = arena ? celm_value_map(arena, 0) : NULL;
        if (!config) {
            celm_arena_destroy(arena);
            return celm_error_set(err, CELM_ENOMEM, "out of memory");
        }
    }
    celm_error plugin_err = CELM_ERROR_INIT;
    void *instance = NULL;
    int status = plugin->descriptor->create(celm_host_table(), config, &plugin_err, &instance);
    celm_arena_destroy(arena);
    if (status != CELM_OK)
        return celm_error_set(err, status < 0 ? status : CELM_EFAIL, "%s: create failed: %s", plugin->info.path,
                              plugin_err.message[0] ? plugin_err.message : "no reason given");
    out->descriptor = plugin->descriptor;
    out->instance = instance;
    return CELM_OK;
}

/* A loaded plugin is only "loaded" once an instance could be made and destroyed. */
static void check_create(celm_loaded_plugin *plugin)
{
    celm_plugin_instance instance;
    celm_error err = CELM_ERROR_INIT;
    if (plugin_create(plugin, NULL, &instance, &err) == CELM_OK) {
        celm_plugin_instance_destroy(&instance);
        return;
    }
    plugin->info.status = CELM_PLUGIN_CREATE_FAILED;
    snprintf(plugin->info.message, sizeof plugin->info.message, "%s", err.message);
}

size_t celm_registry_scan(celm_registry *registry, const celm_plugin_info **out_infos)
{
    ensure_scanned(registry);
    free(registry->infos);
    registry->infos = calloc(registry->plugin_count ? registry->plugin_count : 1, sizeof *registry->infos);
    for (size_t i = 0; registry->infos && i < registry->plugin_count; i++) {
        celm_loaded_plugin *plugin = &registry->plugins[i];
        if (plugin->info.status == CELM_PLUGIN_LOADED)
            check_create(plugin);
        registry->infos[i] = plugin->info;
    }
    *out_infos = registry->infos;
    return registry->infos ? registry->plugin_count : 0;
}

/* The first celm-KIND-NAME.so of the search path, opened alone: a command that needs one plugin
 * does not pay for loading every other one. */
static const celm_loaded_plugin *open_first(celm_registry *registry, const char *kind, const char *name)
{
    const celm_loaded_plugin *found = registry_find(registry, kind, name);
    for (size_t i = 0; !found && !registry->scanned && i < registry->directory_count; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/celm-%s-%s.so", registry->directories[i], kind, name);
        if (access(path, F_OK) != 0)
            continue;
        celm_loaded_plugin plugin;
        celm_loader_open(path, kind, name, &plugin);
        if (registry_add(registry, &plugin) != CELM_OK)
            celm_loader_close(&plugin);
        found = registry_find(registry, kind, name);
    }
    return found;
}

static int has_name(char *const *names, size_t count, const char *name)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(names[i], name) == 0)
            return 1;
    return 0;
}

size_t celm_registry_names(celm_registry *registry, const char *kind, char ***out)
{
    *out = NULL;
    size_t count = 0;
    for (size_t d = 0; d < registry->directory_count; d++) {
        char **files;
        size_t file_count = directory_plugin_files(registry->directories[d], &files);
        for (size_t i = 0; i < file_count; i++) {
            char *file_kind, *name, **grown = NULL;
            celm_plugin_file_name_parse(files[i], &file_kind, &name);
            if (strcmp(file_kind, kind) == 0 && !has_name(*out, count, name) &&
                (grown = realloc(*out, (count + 1) * sizeof *grown)) != NULL)
                *out = grown, (*out)[count++] = name, name = NULL;
            free(file_kind), free(name), free(files[i]);
        }
        free(files);
    }
    return count;
}

void celm_registry_names_free(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

int celm_registry_create(celm_registry *registry, const char *kind, const char *name,
                         const celm_value *config, celm_plugin_instance *out, celm_error *err)
{
    const celm_loaded_plugin *plugin = open_first(registry, kind, name);
    if (!plugin)
        return celm_error_set(err, CELM_ENOTFOUND, "plugin celm-%s-%s.so not found in the plugin search path", kind, name);
    if (plugin->info.status != CELM_PLUGIN_LOADED)
        return celm_error_set(err, CELM_EABI, "%s", plugin->info.message);
    return plugin_create(plugin, config, out, err);
}

int celm_registry_create_storage(celm_registry *registry, const char *driver, celm_plugin_instance *out,
                                 celm_error *err)
{
    ensure_scanned(registry);
    for (size_t i = 0; i < registry->plugin_count; i++) {
        const celm_loaded_plugin *plugin = &registry->plugins[i];
        if (plugin->info.status != CELM_PLUGIN_LOADED || strcmp(plugin->info.kind, "storage") != 0)
            continue;
        const celm_storage_ops *ops = plugin->descriptor->ops;
        if (ops->driver_name && strcmp(ops->driver_name, driver) == 0)
            return plugin_create(plugin, NULL, out, err);
    }
    return celm_error_set(err, CELM_ENOTFOUND, "no storage plugin provides the driver \"%s\"", driver);
}

void celm_plugin_instance_destroy(celm_plugin_instance *instance)
{
    if (instance && instance->descriptor && instance->instance)
        instance->descriptor->destroy(instance->instance);
    if (instance)
        instance->instance = NULL;
}

const char *celm_plugin_status_text(celm_plugin_status status)
{
    switch (status) {
    case CELM_PLUGIN_LOADED: return "loaded";
    case CELM_PLUGIN_NOT_FOUND: return "not found";
    case CELM_PLUGIN_DEPENDENCY_MISSING: return "dependency missing";
    case CELM_PLUGIN_LOAD_FAILED: return "load failed";
    case CELM_PLUGIN_SYMBOL_MISSING: return "symbol missing";
    case CELM_PLUGIN_BAD_DESCRIPTOR: return "bad descriptor";
    case CELM_PLUGIN_ABI_MAJOR_MISMATCH: return "ABI major mismatch";
    case CELM_PLUGIN_ABI_MINOR_NEWER: return "newer ABI minor";
    case CELM_PLUGIN_CREATE_FAILED: return "create failed";
    case CELM_PLUGIN_SHADOWED: return "shadowed";
    }
    return "unknown";
}
