/* plugin_loader.c: opening one plugin file (with libltdl unless it is built in), finding its entry, checking its ABI. */
#include <dlfcn.h>
#include <ltdl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "plugin_builtin.h"
#include "plugin_loader.h"

static const char *const plugin_kinds[] = {"storage", "render", "repo", "hook"};

static int kind_number(const char *kind)
{
    for (size_t i = 0; i < sizeof plugin_kinds / sizeof plugin_kinds[0]; i++)
        if (strcmp(plugin_kinds[i], kind) == 0)
            return (int)i + 1;
    return 0;
}

int celm_loader_init(void)
{
    return lt_dlinit() == 0 ? CELM_OK : CELM_EFAIL;
}

void celm_loader_exit(void)
{
    lt_dlexit();
}

int celm_plugin_file_name_parse(const char *file_name, char **kind, char **name)
{
    size_t len = strlen(file_name);
    if (len < 9 || strncmp(file_name, "celm-", 5) != 0 || strcmp(file_name + len - 3, ".so") != 0)
        return 0;
    const char *kind_start = file_name + 5;
    const char *dash = strchr(kind_start, '-');
    if (!dash || dash == kind_start || dash + 1 >= file_name + len - 3)
        return 0;
    *kind = strndup(kind_start, (size_t)(dash - kind_start));
    *name = strndup(dash + 1, (size_t)(file_name + len - 3 - dash - 1));
    if (!*kind || !*name || !kind_number(*kind)) {
        free(*kind), free(*name);
        *kind = *name = NULL;
        return 0;
    }
    return 1;
}

static celm_plugin_status refuse(celm_loaded_plugin *plugin, celm_plugin_status status, const char *format,
                                 const char *detail)
{
    plugin->info.status = status;
    char reason[CELM_ERROR_MESSAGE_SIZE - 64];
    snprintf(reason, sizeof reason, format, detail);
    snprintf(plugin->info.message, sizeof plugin->info.message, "%s: %s", plugin->info.path, reason);
    return status;
}

/* libltdl reports a missing dependency as a bare "file not found"; dlerror names the library. */
static void refuse_open_failure(celm_loaded_plugin *plugin)
{
    const char *why = lt_dlerror();
    char detail[CELM_ERROR_MESSAGE_SIZE / 2];
    snprintf(detail, sizeof detail, "%s", why ? why : "unknown error");
    void *probe = dlopen(plugin->info.path, RTLD_NOW | RTLD_LOCAL);
    if (probe)
        dlclose(probe);
    else if ((why = dlerror()) != NULL)
        snprintf(detail, sizeof detail, "%s", why);
    if (strstr(detail, "cannot open shared object file") && !strstr(detail, plugin->info.path))
        refuse(plugin, CELM_PLUGIN_DEPENDENCY_MISSING, "a library it depends on is missing (%s); see ldd", detail);
    else
        refuse(plugin, CELM_PLUGIN_LOAD_FAILED, "cannot be loaded: %s", detail);
}

static void check_descriptor(celm_loaded_plugin *plugin, const celm_plugin_descriptor *d)
{
    char detail[256];
    plugin->info.abi_major = d->abi_major;
    plugin->info.abi_minor = d->abi_minor;
    if (d->abi_major != CELM_ABI_MAJOR) {
        snprintf(detail, sizeof detail, "built for plugin ABI %u.%u, this celm provides %d.%d; rebuild it against the celm %d.x SDK",
                 d->abi_major, d->abi_minor, CELM_ABI_MAJOR, CELM_ABI_MINOR, CELM_ABI_MAJOR);
        refuse(plugin, CELM_PLUGIN_ABI_MAJOR_MISMATCH, "ABI major mismatch: %s", detail);
        return;
    }
    if (d->abi_minor > CELM_ABI_MINOR) {
        snprintf(detail, sizeof detail, "built for plugin ABI %u.%u, newer than this celm's %d.%d; upgrade celm or rebuild the plugin against SDK %d.%d",
                 d->abi_major, d->abi_minor, CELM_ABI_MAJOR, CELM_ABI_MINOR, CELM_ABI_MAJOR, CELM_ABI_MINOR);
        refuse(plugin, CELM_PLUGIN_ABI_MINOR_NEWER, "newer ABI minor than the core: %s", detail);
        return;
    }
    if (d->size < offsetof(celm_plugin_descriptor, ops) + sizeof d->ops || !d->create || !d->destroy ||
        !d->ops || !d->name || !d->version) {
        refuse(plugin, CELM_PLUGIN_BAD_DESCRIPTOR, "%s", "its descriptor is incomplete (size, create, destroy, ops, name or version missing)");
        return;
    }
    if ((int)d->kind != kind_number(plugin->info.kind) || strcmp(d->name, plugin->info.name) != 0) {
        refuse(plugin, CELM_PLUGIN_BAD_DESCRIPTOR, "%s", "its descriptor names another kind or name than its file name");
        return;
    }
    if (*(const uint32_t *)d->ops == 0) {
        refuse(plugin, CELM_PLUGIN_BAD_DESCRIPTOR, "%s", "its vtable has no version");
        return;
    }
    plugin->descriptor = d;
    plugin->info.version = d->version;
    plugin->info.status = CELM_PLUGIN_LOADED;
}

static void entry_symbol_name(const celm_loaded_plugin *plugin, char *out, size_t size)
{
    snprintf(out, size, "celm_plugin_%s_%s", plugin->info.kind, plugin->info.name);
    for (char *c = out; *c; c++)
        if (*c == '-')
            *c = '_';
}

/* The entry of the module at `path`, or NULL with `plugin` refused and saying why. */
static celm_plugin_entry open_module(const char *path, celm_loaded_plugin *plugin)
{
    lt_dladvise advise;
    lt_dladvise_init(&advise);
    lt_dladvise_local(&advise);
    lt_dlhandle handle = lt_dlopenadvise(path, advise);
    lt_dladvise_destroy(&advise);
    if (!handle) {
        refuse_open_failure(plugin);
        return NULL;
    }
    plugin->handle = handle;
    char symbol[256];
    entry_symbol_name(plugin, symbol, sizeof symbol);
    celm_plugin_entry entry = (celm_plugin_entry)lt_dlsym(handle, symbol);
    if (!entry)
        refuse(plugin, CELM_PLUGIN_SYMBOL_MISSING, "does not export the entry symbol %s", symbol);
    return entry;
}

void celm_loader_open(const char *path, const char *kind, const char *name, celm_loaded_plugin *plugin)
{
    memset(plugin, 0, sizeof *plugin);
    plugin->info.path = strdup(path);
    plugin->info.kind = strdup(kind);
    plugin->info.name = strdup(name);
    struct stat file;
    if (stat(path, &file) != 0) {
        refuse(plugin, CELM_PLUGIN_NOT_FOUND, "%s", "not found");
        return;
    }
    celm_plugin_entry entry = celm_plugin_builtin_entry(path);
    if (!entry && !(entry = open_module(path, plugin)))
        return;
    const celm_plugin_descriptor *descriptor = entry();
    if (!descriptor) {
        refuse(plugin, CELM_PLUGIN_BAD_DESCRIPTOR, "%s", "its entry returned no descriptor");
        return;
    }
    check_descriptor(plugin, descriptor);
}

void celm_loader_close(celm_loaded_plugin *plugin)
{
    if (plugin->handle)
        lt_dlclose((lt_dlhandle)plugin->handle);
    free(plugin->info.path);
    free(plugin->info.kind);
    free(plugin->info.name);
    memset(plugin, 0, sizeof *plugin);
}
