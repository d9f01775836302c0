/* gotmpl_url.h: Go's net/url (Go 1.26): Parse, URL.String, Hostname and Userinfo.String, for Sprig's
 * urlParse and urlJoin. */
#ifndef CELM_GOTMPL_URL_H
#define CELM_GOTMPL_URL_H

#include "gotmpl_value.h"

/* url.URL's fields; every string lives in the runtime's arena. */
typedef struct gotmpl_url {
    celm_string scheme, opaque, host, path, raw_path, raw_query, fragment, raw_fragment;
    celm_string username, password;
    int has_user, has_password;
    int force_query, omit_host;
} gotmpl_url;

/* url.Parse. Returns CELM_OK, or CELM_EINVAL with the *url.Error text in *error_text
 * (`parse "x": first path segment in URL cannot contain colon`), or CELM_ENOMEM. */
int gotmpl_url_parse(gotmpl_runtime *runtime, const char *text, size_t len, gotmpl_url *out, celm_string *error_text);
/* URL.String(). */
celm_string gotmpl_url_string(gotmpl_runtime *runtime, const gotmpl_url *url);
/* URL.Hostname(): the host without its port and IPv6 brackets. */
celm_string gotmpl_url_hostname(const gotmpl_url *url);
/* URL.User.String(): the escaped "user" or "user:password", "" without a user. */
celm_string gotmpl_url_userinfo(gotmpl_runtime *runtime, const gotmpl_url *url);

#endif
