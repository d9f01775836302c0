/* gotmpl_libcrypto.c: OpenSSL's libcrypto, loaded on the first crypto function a template calls. */
#define GOTMPL_LIBCRYPTO_LOADER
#include "gotmpl_libcrypto.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

gotmpl_libcrypto_table gotmpl_libcrypto;
static char failure[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void)
{
    void *library = dlopen(CELM_LIBCRYPTO_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        snprintf(failure, sizeof failure, "%s", dlerror());
        return;
    }
    void *symbol;
#define GOTMPL_LIBCRYPTO_RESOLVE(name)                                                              \
    if (!(symbol = dlsym(library, #name))) {                                                        \
        snprintf(failure, sizeof failure, "%s has no %s", CELM_LIBCRYPTO_SONAME, #name);           \
        return;                                                                                     \
    }                                                                                               \
    memcpy(&gotmpl_libcrypto.name, &symbol, sizeof symbol);
    GOTMPL_LIBCRYPTO_FUNCTIONS(GOTMPL_LIBCRYPTO_RESOLVE)
#undef GOTMPL_LIBCRYPTO_RESOLVE
}

int gotmpl_libcrypto_load(gotmpl_call *call)
{
    pthread_once(&once, load);
    return failure[0] ? gotmpl_call_error(call, "cannot load %s: %s", CELM_LIBCRYPTO_SONAME, failure) : CELM_OK;
}
