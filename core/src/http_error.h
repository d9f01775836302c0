/* http_error.h: Go's net/http error texts for a request libcurl could not complete. */
#ifndef CELM_HTTP_ERROR_H
#define CELM_HTTP_ERROR_H

#include "celm/celm.h"
#include "libcurl_lazy.h"

/* Go's url.Error text in err: `Get "URL": <reason>`, with refused connections, names that do not
 * resolve and plain HTTP answering TLS worded like Go's; otherwise libcurl's `detail`, else its text
 * for `code`. */
int celm_http_transport_error(celm_arena *arena, const celm_libcurl *curl, const char *method, const char *url,
                              CURLcode code, const char *detail, celm_error *err);

#endif
