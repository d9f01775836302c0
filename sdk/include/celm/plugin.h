/* plugin.h: the plugin descriptor, the one exported entry symbol, and the instance life cycle. */
#ifndef CELM_PLUGIN_H
#define CELM_PLUGIN_H

#include <stdint.h>

#include "celm/abi.h"
#include "celm/error.h"
#include "celm/host.h"
#include "celm/value.h"

typedef enum celm_plugin_kind {
    CELM_PLUGIN_STORAGE = 1,    /* celm_storage_ops, storage.h */
    CELM_PLUGIN_RENDER = 2,     /* celm_render_ops, render.h */
    CELM_PLUGIN_REPO = 3,       /* celm_repo_ops, repo.h */
    CELM_PLUGIN_HOOK = 4        /* celm_hook_ops, hook.h */
} celm_plugin_kind;

/* The descriptor is static, const data owned by the plugin; the core never writes to it.
 * Its first three fields never move: the loader reads them before trusting anything else. */
typedef struct celm_plugin_descriptor {
    uint32_t abi_major;         /* CELM_ABI_MAJOR the plugin was built against */
    uint32_t abi_minor;         /* CELM_ABI_MINOR the plugin was built against */
    uint32_t size;              /* sizeof(celm_plugin_descriptor) in the plugin's SDK */
    uint32_t kind;              /* celm_plugin_kind; must match the kind in the file name */
    const char *name;           /* must match the name in the file name, e.g. "memory" */
    const char *version;        /* the plugin's own version, e.g. "1.2.0" */
    const char *description;    /* one line */
    /* Makes an instance. `host` stays valid until destroy. `config` is a map (possibly empty) of
     * settings, borrowed for the call. On failure fill `err` and return a negative CELM_E*. */
    int (*create)(const celm_host *host, const celm_value *config, celm_error *err, void **out_instance);
    void (*destroy)(void *instance);
    const void *ops;            /* the kind's vtable: const celm_storage_ops * etc.; static */
} celm_plugin_descriptor;

/* The type of the single exported symbol `celm_plugin_<kind>_<name>` of `celm-<kind>-<name>.so`
 * (dashes in the name become underscores). */
typedef const celm_plugin_descriptor *(*celm_plugin_entry)(void);

#define CELM_PLUGIN_DESCRIPTOR_HEADER CELM_ABI_MAJOR, CELM_ABI_MINOR, (uint32_t)sizeof(celm_plugin_descriptor)

/* Defines the exported entry of a plugin: CELM_PLUGIN_ENTRY(storage_memory, my_descriptor)
 * exports `celm_plugin_storage_memory`. Build with -fvisibility=hidden so it is the only export. */
#define CELM_PLUGIN_ENTRY(kind_and_name, descriptor)                                   \
    CELM_EXTERN_C CELM_EXPORT const celm_plugin_descriptor *celm_plugin_##kind_and_name(void); \
    CELM_EXTERN_C CELM_EXPORT const celm_plugin_descriptor *celm_plugin_##kind_and_name(void) \
    {                                                                                  \
        return &(descriptor);                                                          \
    }

#endif
