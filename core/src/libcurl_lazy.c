/* libcurl_lazy.c: libcurl, loaded when celm first talks to a server, not at every start.
 *
 * libcurl brings TLS, HTTP/2, LDAP, SSH and IDN libraries with it; `template`, `show` and
 * `package` never need them. */
#include "libcurl_lazy.h"

#include <pthread.h>

#include "lazy_library.h"

static celm_libcurl table;
static const char *failure;
static char failure_text[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void)
{
    static const char *const names[] = {CELM_LIBCURL_FUNCTIONS(CELM_LAZY_NAME)};
    _Static_assert(sizeof table == sizeof names, "the table holds one pointer per function");
    failure = celm_lazy_library_open(CELM_LIBCURL_SONAME, names, sizeof names / sizeof names[0], &table, failure_text,
                                     sizeof failure_text);
    if (!failure && table.curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        failure = "curl_global_init failed";
}

const celm_libcurl *celm_libcurl_load(const char **why)
{
    pthread_once(&once, load);
    if (failure) {
        *why = failure;
        return NULL;
    }
    return &table;
}
