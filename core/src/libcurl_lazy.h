/* libcurl_lazy.h: libcurl, loaded when celm first talks to a server, not at every start. */
#ifndef CELM_LIBCURL_LAZY_H
#define CELM_LIBCURL_LAZY_H

#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

#include "lazy_library.h"

/* The libcurl functions celm calls: X(return type, name, parameter list). */
#define CELM_LIBCURL_FUNCTIONS(X)                                                                   \
    X(CURLcode, curl_global_init, (long))                                                           \
    X(CURL *, curl_easy_init, (void))                                                               \
    X(CURLcode, curl_easy_setopt, (CURL *, CURLoption, ...))                                        \
    X(CURLcode, curl_easy_getinfo, (CURL *, CURLINFO, ...))                                         \
    X(CURLcode, curl_easy_perform, (CURL *))                                                        \
    X(void, curl_easy_cleanup, (CURL *))                                                            \
    X(void, curl_easy_reset, (CURL *))                                                              \
    X(const char *, curl_easy_strerror, (CURLcode))                                                 \
    X(struct curl_slist *, curl_slist_append, (struct curl_slist *, const char *))                  \
    X(void, curl_slist_free_all, (struct curl_slist *))                                             \
    X(CURLM *, curl_multi_init, (void))                                                             \
    X(CURLMcode, curl_multi_add_handle, (CURLM *, CURL *))                                          \
    X(CURLMcode, curl_multi_remove_handle, (CURLM *, CURL *))                                       \
    X(CURLMcode, curl_multi_perform, (CURLM *, int *))                                              \
    X(CURLMcode, curl_multi_poll, (CURLM *, struct curl_waitfd *, unsigned int, int, int *))        \
    X(CURLMsg *, curl_multi_info_read, (CURLM *, int *))                                            \
    X(CURLMcode, curl_multi_setopt, (CURLM *, CURLMoption, ...))                                    \
    X(CURLMcode, curl_multi_cleanup, (CURLM *))                                                     \
    X(CURLSH *, curl_share_init, (void))                                                            \
    X(CURLSHcode, curl_share_setopt, (CURLSH *, CURLSHoption, ...))                                 \
    X(CURLSHcode, curl_share_cleanup, (CURLSH *))

typedef struct celm_libcurl {
    CELM_LIBCURL_FUNCTIONS(CELM_LAZY_FIELD)
} celm_libcurl;

/* The loaded and globally initialised library (the same table on every call), or NULL with the
 * loader's reason in *why. */
const celm_libcurl *celm_libcurl_load(const char **why);

#endif
