/* gotmpl_funcs_sprig_network.c: Sprig's network and URL functions: getHostByName as Helm replaces it
 * (DNS lookups are off: it returns ""), urlParse and urlJoin (url.go, on net/url's rules). */
#include <string.h>

#include "gotmpl_funcs_b.h"
#include "gotmpl_sprig.h"
#include "gotmpl_url.h"

/* Helm installs this in place of Sprig's unless --enable-dns is given; celm keeps DNS off. */
static int fn_get_host_by_name(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)args, (void)count;
    *out = gotmpl_string("", 0);
    return CELM_OK;
}

/* The parts of a URL may be slices of the text; the map gets NUL-terminated copies. */
static int set_text(gotmpl_runtime *runtime, gotmpl_value *map, const char *key, celm_string value)
{
    gotmpl_value copy = gotmpl_string_copy(runtime, value.data, value.len);
    return copy.type == GT_STRING ? gotmpl_map_set(runtime, map->as.map, key, strlen(key), copy) : CELM_ENOMEM;
}

static int fn_url_parse(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    gotmpl_url url;
    celm_string problem;
    int status = gotmpl_url_parse(runtime, args[0].as.string.data, args[0].as.string.len, &url, &problem);
    if (status == CELM_EINVAL)
        return gotmpl_call_panic(call, "unable to parse url: %s", problem.data);
    if (status != CELM_OK)
        return status;
    *out = gotmpl_map_new(runtime, GT_MAP, 8);
    if (out->type != GT_MAP)
        return CELM_ENOMEM;
    int failed = set_text(runtime, out, "scheme", url.scheme) | set_text(runtime, out, "host", url.host) |
                 set_text(runtime, out, "hostname", gotmpl_url_hostname(&url)) |
                 set_text(runtime, out, "path", url.path) | set_text(runtime, out, "query", url.raw_query) |
                 set_text(runtime, out, "opaque", url.opaque) | set_text(runtime, out, "fragment", url.fragment) |
                 set_text(runtime, out, "userinfo", gotmpl_url_userinfo(runtime, &url));
    return failed ? CELM_ENOMEM : CELM_OK;
}

/* dictGetOrEmpty: a missing key is "", a value of another kind than string is a panic. */
static int dict_text(gotmpl_call *call, gotmpl_map *dict, const char *key, celm_string *out)
{
    gotmpl_value value;
    *out = (celm_string){"", 0};
    if (!gotmpl_map_get(gotmpl_call_runtime(call), dict, key, strlen(key), &value))
        return CELM_OK;
    if (value.type == GT_NIL)
        return gotmpl_sprig_nil_panic(call);
    if (value.type != GT_STRING)
        return gotmpl_call_panic(call, "unable to parse %s key, must be of type string, but %s found", key,
                                 gotmpl_sprig_kind_name(&value));
    *out = value.as.string;
    return CELM_OK;
}

/* The user of "proto://<userinfo>@host", as urlJoin reads it. */
static int join_user(gotmpl_call *call, celm_string userinfo, gotmpl_url *url)
{
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, runtime);
    gotmpl_buffer_puts(&buffer, "proto://");
    gotmpl_buffer_put(&buffer, userinfo.data, userinfo.len);
    gotmpl_buffer_puts(&buffer, "@host");
    celm_string text, problem;
    gotmpl_url parsed;
    if (gotmpl_buffer_finish(&buffer, &text) != CELM_OK)
        return CELM_ENOMEM;
    int status = gotmpl_url_parse(runtime, text.data, text.len, &parsed, &problem);
    if (status == CELM_EINVAL)
        return gotmpl_call_panic(call, "unable to parse userinfo in dict: %s", problem.data);
    url->has_user = parsed.has_user;
    url->has_password = parsed.has_password;
    url->username = parsed.username;
    url->password = parsed.password;
    return status;
}

static int fn_url_join(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    gotmpl_url url;
    memset(&url, 0, sizeof url);
    gotmpl_map *dict = args[0].as.map;
    celm_string userinfo;
    int status = dict_text(call, dict, "scheme", &url.scheme);
    if (status == CELM_OK)
        status = dict_text(call, dict, "host", &url.host);
    if (status == CELM_OK)
        status = dict_text(call, dict, "path", &url.path);
    if (status == CELM_OK)
        status = dict_text(call, dict, "query", &url.raw_query);
    if (status == CELM_OK)
        status = dict_text(call, dict, "opaque", &url.opaque);
    if (status == CELM_OK)
        status = dict_text(call, dict, "fragment", &url.fragment);
    if (status == CELM_OK)
        status = dict_text(call, dict, "userinfo", &userinfo);
    if (status == CELM_OK && userinfo.len)
        status = join_user(call, userinfo, &url);
    if (status != CELM_OK)
        return status;
    celm_string text = gotmpl_url_string(gotmpl_call_runtime(call), &url);
    *out = gotmpl_string(text.data, text.len);
    return CELM_OK;
}

static const gotmpl_func network_functions[] = {
    {"getHostByName", fn_get_host_by_name, 1, 0, {GT_STRING}, GT_STRING, 0},
    {"urlParse", fn_url_parse, 1, 0, {GT_STRING}, GT_MAP, 0},
    {"urlJoin", fn_url_join, 1, 0, {GT_MAP}, GT_STRING, 0},
    {NULL, NULL, 0, 0, {0}, 0, 0},
};

const gotmpl_func_table gotmpl_funcs_sprig_network = {"sprig-network", network_functions};
