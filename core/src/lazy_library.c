/* lazy_library.c: shared libraries celm opens on first use, resolved into a table of functions. */
#include "lazy_library.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

const char *celm_lazy_library_open(const char *soname, const char *const *names, size_t count, void *table,
                                   char *reason, size_t reason_size)
{
    void *library = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        snprintf(reason, reason_size, "%s", dlerror());
        return reason;
    }
    char *slots = table;
    for (size_t i = 0; i < count; i++) {
        void *symbol = dlsym(library, names[i]);
        if (!symbol) {
            snprintf(reason, reason_size, "%s is missing from %s", names[i], soname);
            return reason;
        }
        memcpy(slots + i * sizeof symbol, &symbol, sizeof symbol);
    }
    return NULL;
}
