/* plugin_path.c: the plugin search path: --plugin-dir, CELM_PLUGIN_PATH, user, build tree, install. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "celm/celm.h"

#ifndef CELM_INSTALL_PLUGIN_DIR
#define CELM_INSTALL_PLUGIN_DIR "/usr/local/lib/celm/plugins"
#endif

typedef struct path_list {
    char **items;
    size_t count;
} path_list;

static void path_add(path_list *list, const char *directory, size_t len)
{
    if (len == 0)
        return;
    for (size_t i = 0; i < list->count; i++)
        if (strlen(list->items[i]) == len && strncmp(list->items[i], directory, len) == 0)
            return;
    char **grown = realloc(list->items, (list->count + 2) * sizeof *grown);
    if (!grown)
        return;
    list->items = grown;
    list->items[list->count++] = strndup(directory, len);
    list->items[list->count] = NULL;
}

static void path_add_separated(path_list *list, const char *value)
{
    while (value && *value) {
        const char *colon = strchr(value, ':');
        size_t len = colon ? (size_t)(colon - value) : strlen(value);
        path_add(list, value, len);
        value = colon ? colon + 1 : NULL;
    }
}

/* $CELM_DATA_HOME/plugins, else $XDG_DATA_HOME/celm/plugins, else ~/.local/share/celm/plugins. */
static void path_add_user(path_list *list)
{
    char directory[PATH_MAX];
    const char *celm_home = getenv("CELM_DATA_HOME");
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    if (celm_home && *celm_home)
        snprintf(directory, sizeof directory, "%s/plugins", celm_home);
    else if (xdg && *xdg)
        snprintf(directory, sizeof directory, "%s/celm/plugins", xdg);
    else if (home && *home)
        snprintf(directory, sizeof directory, "%s/.local/share/celm/plugins", home);
    else
        return;
    path_add(list, directory, strlen(directory));
}

/* In-tree plugins are found when the running celm is the one in the build tree. */
static void path_add_build_tree(path_list *list)
{
#if defined(CELM_BUILD_BIN_DIR) && defined(CELM_BUILD_PLUGIN_DIR)
    char executable[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", executable, sizeof executable - 1);
    if (len <= 0)
        return;
    executable[len] = '\0';
    char *slash = strrchr(executable, '/');
    if (!slash)
        return;
    *slash = '\0';
    char built[PATH_MAX];
    if (realpath(CELM_BUILD_BIN_DIR, built) && strcmp(built, executable) == 0)
        path_add(list, CELM_BUILD_PLUGIN_DIR, strlen(CELM_BUILD_PLUGIN_DIR));
#else
    (void)list;
#endif
}

char **celm_plugin_search_path(const char *const *plugin_dirs, size_t count)
{
    path_list list = {NULL, 0};
    for (size_t i = 0; i < count; i++)
        path_add_separated(&list, plugin_dirs[i]);
    path_add_separated(&list, getenv("CELM_PLUGIN_PATH"));
    path_add_user(&list);
    path_add_build_tree(&list);
    path_add(&list, CELM_INSTALL_PLUGIN_DIR, strlen(CELM_INSTALL_PLUGIN_DIR));
    return list.items;
}

void celm_plugin_search_path_free(char **path)
{
    for (size_t i = 0; path && path[i]; i++)
        free(path[i]);
    free(path);
}
