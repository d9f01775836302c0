/* libarchive_lazy.c: libarchive, loaded on first use rather than at every start of celm.
 *
 * libarchive brings ICU, libxml2 and libstdc++ with it; linking it would make every run pay for
 * loading them, though only .tgz charts and `package` use it. */
#include "libarchive_lazy.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static celm_libarchive table;
static const char *failure;
static char failure_text[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void)
{
    void *library = dlopen(CELM_LIBARCHIVE_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        snprintf(failure_text, sizeof failure_text, "%s", dlerror());
        failure = failure_text;
        return;
    }
    void *symbol;
#define CELM_LIBARCHIVE_RESOLVE(type, name, parameters)                                            \
    if (!(symbol = dlsym(library, #name))) {                                                        \
        failure = #name " is missing from " CELM_LIBARCHIVE_SONAME;                                 \
        return;                                                                                     \
    }                                                                                               \
    memcpy(&table.name, &symbol, sizeof symbol);
    CELM_LIBARCHIVE_FUNCTIONS(CELM_LIBARCHIVE_RESOLVE)
#undef CELM_LIBARCHIVE_RESOLVE
}

const celm_libarchive *celm_libarchive_load(const char **why)
{
    pthread_once(&once, load);
    if (failure) {
        *why = failure;
        return NULL;
    }
    return &table;
}
