/* plugin_builtin.h: plugins linked into celm, found by the path of the module they stand in for. */
#ifndef CELM_PLUGIN_BUILTIN_H
#define CELM_PLUGIN_BUILTIN_H

#include "celm/plugin.h"

/* The entry of the built-in plugin that `path` (a celm-<kind>-<name>.so in one of celm's own plugin
 * directories) was built from, or NULL when that module must be loaded from the file. */
celm_plugin_entry celm_plugin_builtin_entry(const char *path);

#endif
