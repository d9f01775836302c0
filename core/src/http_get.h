/* http_get.h: one document fetched over http or https, as Helm's HTTPGetter fetches it (libcurl). */
#ifndef CELM_HTTP_GET_H
#define CELM_HTTP_GET_H

#include "celm/celm.h"

/* GET `url` (redirects followed, 120 s at most): the body in `arena`, or Helm's error texts:
 * "failed to fetch URL : 404 Not Found" for any answer but 200, Go's url.Error text when no
 * answer came (`Get "URL": dial tcp ...: connect: connection refused`). */
int celm_http_get(celm_arena *arena, const char *url, celm_string *out, celm_error *err);

#endif
