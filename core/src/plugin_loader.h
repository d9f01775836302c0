/* plugin_loader.h: opening one plugin file (with libltdl, or its built-in) and checking its descriptor. */
#ifndef CELM_PLUGIN_LOADER_H
#define CELM_PLUGIN_LOADER_H

#include "celm/celm.h"

/* A plugin file after loading; `handle` is an lt_dlhandle (NULL when the file was refused or built in). */
typedef struct celm_loaded_plugin {
    celm_plugin_info info;
    void *handle;
    const celm_plugin_descriptor *descriptor;
} celm_loaded_plugin;

int celm_loader_init(void);
void celm_loader_exit(void);
/* Splits "celm-<kind>-<name>.so" into kind and name (malloc'd); 0 when the name does not fit. */
int celm_plugin_file_name_parse(const char *file_name, char **kind, char **name);
/* Loads and checks `path`; fills `plugin` whatever happens (status says how it went). */
void celm_loader_open(const char *path, const char *kind, const char *name, celm_loaded_plugin *plugin);
void celm_loader_close(celm_loaded_plugin *plugin);

#endif
