/* plugin_builtin.c: plugins linked into celm, standing in for their module in celm's own plugin directories. */
#include <string.h>

#include "plugin_builtin.h"

#ifndef CELM_INSTALL_PLUGIN_DIR
#define CELM_INSTALL_PLUGIN_DIR "/usr/local/lib/celm/plugins"
#endif

#ifdef CELM_BUILTIN_RENDER_GOTMPL
const celm_plugin_descriptor *celm_plugin_render_gotmpl(void);
#endif

typedef struct builtin_plugin {
    const char *file_name;
    celm_plugin_entry entry;
} builtin_plugin;

static const builtin_plugin builtins[] = {
#ifdef CELM_BUILTIN_RENDER_GOTMPL
    {"celm-render-gotmpl.so", celm_plugin_render_gotmpl},
#endif
    {NULL, NULL},
};

/* Only the directories celm's own build installs into: a module there was built from the same
 * sources as the built-in, while any other directory may hold a different plugin of that name. */
static int is_own_directory(const char *directory, size_t len)
{
    static const char *const own[] = {
#ifdef CELM_BUILD_PLUGIN_DIR
        CELM_BUILD_PLUGIN_DIR,
#endif
        CELM_INSTALL_PLUGIN_DIR,
    };
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
        if (strlen(own[i]) == len && strncmp(own[i], directory, len) == 0)
            return 1;
    return 0;
}

celm_plugin_entry celm_plugin_builtin_entry(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash || !is_own_directory(path, (size_t)(slash - path)))
        return NULL;
    for (const builtin_plugin *builtin = builtins; builtin->file_name; builtin++)
        if (strcmp(builtin->file_name, slash + 1) == 0)
            return builtin->entry;
    return NULL;
}
