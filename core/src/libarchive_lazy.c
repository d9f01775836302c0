/* libarchive_lazy.c: libarchive, loaded on first use rather than at every start of celm.
 *
 * libarchive brings ICU, libxml2 and libstdc++ with it; linking it would make every run pay for
 * loading them, though only .tgz charts and `package` use it. */
#include "libarchive_lazy.h"

#include <pthread.h>

#include "lazy_library.h"

static celm_libarchive table;
static const char *failure;
static char failure_text[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void)
{
    static const char *const names[] = {CELM_LIBARCHIVE_FUNCTIONS(CELM_LAZY_NAME)};
    _Static_assert(sizeof table == sizeof names, "the table holds one pointer per function");
    failure = celm_lazy_library_open(CELM_LIBARCHIVE_SONAME, names, sizeof names / sizeof names[0], &table, failure_text,
                                     sizeof failure_text);
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
