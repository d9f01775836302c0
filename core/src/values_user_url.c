/* values_user_url.c: the checks Go's url.Parse makes on a values path, with its error texts. */
#include <string.h>

#include "go_quote.h"
#include "buffer.h"
#include "strvals.h"
#include "values_user.h"

typedef enum escape_mode { ESCAPE_PATH, ESCAPE_HOST } escape_mode;

/* A view of part of the URL; not NUL-terminated. */
typedef struct span {
    const char *data;
    size_t len;
} span;

typedef struct url_check {
    celm_buffer detail;     /* Go's error text of the failed check */
} url_check;

static int refuse(url_check *check, const char *text)
{
    celm_buffer_append_str(&check->detail, text);
    return 0;
}

static int refuse_quoted(url_check *check, const char *before, span text, const char *after)
{
    celm_buffer_append_str(&check->detail, before);
    celm_go_quote(&check->detail, text.data, text.len);
    celm_buffer_append_str(&check->detail, after);
    return 0;
}

static int is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int hex_digit(char c)
{
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

/* ASCII a host may hold unescaped (Go's shouldEscape in host mode says no). */
static int host_byte_allowed(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("-._~!$&'()*+,;=:[]<>\"", c));
}

/* Go's unescape, which only fails: bad %-escapes everywhere; in a host also escaped ASCII
 * (except %25) and ASCII that must be escaped. */
static int check_escapes(url_check *check, span text, escape_mode mode)
{
    for (size_t i = 0; i < text.len; i++) {
        char c = text.data[i];
        if (c == '%') {
            if (i + 2 >= text.len || !is_hex(text.data[i + 1]) || !is_hex(text.data[i + 2])) {
                span bad = {text.data + i, text.len - i > 3 ? 3 : text.len - i};
                return refuse_quoted(check, "invalid URL escape ", bad, "");
            }
            span escape = {text.data + i, 3};
            if (mode == ESCAPE_HOST && hex_digit(text.data[i + 1]) < 8 && memcmp(escape.data, "%25", 3) != 0)
                return refuse_quoted(check, "invalid URL escape ", escape, "");
            i += 2;
        } else if (mode == ESCAPE_HOST && (unsigned char)c < 0x80 && !host_byte_allowed(c)) {
            span bad = {text.data + i, 1};
            return refuse_quoted(check, "invalid character ", bad, " in host name");
        }
    }
    return 1;
}

static long last_index(span text, char c)
{
    for (size_t i = text.len; i > 0; i--)
        if (text.data[i - 1] == c)
            return (long)i - 1;
    return -1;
}

static long first_index(span text, char c)
{
    const char *found = memchr(text.data, c, text.len);
    return found ? found - text.data : -1;
}

static int check_port(url_check *check, span port)
{
    for (size_t i = 1; i < port.len; i++)
        if (port.data[i] < '0' || port.data[i] > '9')
            return refuse_quoted(check, "invalid port ", port, " after host");
    if (port.len > 0 && port.data[0] != ':')
        return refuse_quoted(check, "invalid port ", port, " after host");
    return 1;
}

/* Go's parseHost, except that a bracketed address is not parsed as an IP. */
static int check_host(url_check *check, span host, int strict_colons)
{
    long open = last_index(host, '[');
    if (open > 0)
        return refuse(check, "invalid IP-literal");
    if (open == 0) {
        long close = last_index(host, ']');
        if (close < 0)
            return refuse(check, "missing ']' in host");
        span port = {host.data + close + 1, host.len - (size_t)close - 1};
        span address = {host.data + 1, (size_t)close - 1};
        return check_port(check, port) && check_escapes(check, port, ESCAPE_HOST) &&
               check_escapes(check, address, ESCAPE_HOST);
    }
    long colon = first_index(host, ':');
    if (colon >= 0) {
        if (!strict_colons)
            colon = last_index(host, ':');
        span port = {host.data + colon, host.len - (size_t)colon};
        if (!check_port(check, port))
            return 0;
    }
    return check_escapes(check, host, ESCAPE_HOST);
}

static int check_userinfo(url_check *check, span userinfo)
{
    for (size_t i = 0; i < userinfo.len; i++) {
        char c = userinfo.data[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              (c && strchr("-._:~!$&'()*+,;=%@", c))))
            return refuse(check, "net/url: invalid userinfo");
    }
    long colon = first_index(userinfo, ':');
    span user = {userinfo.data, colon < 0 ? userinfo.len : (size_t)colon};
    span password = {userinfo.data + user.len + (colon < 0 ? 0 : 1),
                     colon < 0 ? 0 : userinfo.len - user.len - 1};
    return check_escapes(check, user, ESCAPE_PATH) && check_escapes(check, password, ESCAPE_PATH);
}

static int check_authority(url_check *check, span authority, const char *scheme)
{
    long at = last_index(authority, '@');
    span host = {authority.data + at + 1, authority.len - (size_t)(at + 1)};
    int strict = strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0;
    if (!check_host(check, host, strict))
        return 0;
    span userinfo = {authority.data, at < 0 ? 0 : (size_t)at};
    return at < 0 || check_userinfo(check, userinfo);
}

/* Go's getScheme: letters first, then letters, digits, + - .; a leading colon is an error. */
static int split_scheme(url_check *check, span url, char *scheme, size_t size, span *rest)
{
    *rest = url;
    for (size_t i = 0; i < url.len; i++) {
        char c = url.data[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            continue;
        if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
            if (i == 0)
                return 1;
            continue;
        }
        if (c == ':' && i == 0)
            return refuse(check, "missing protocol scheme");
        if (c == ':') {
            for (size_t j = 0; j < i && j + 1 < size; j++)
                scheme[j] = (char)(url.data[j] | ((url.data[j] >= 'A' && url.data[j] <= 'Z') ? 0x20 : 0));
            scheme[i < size ? i : size - 1] = '\0';
            rest->data = url.data + i + 1;
            rest->len = url.len - i - 1;
        }
        return 1;
    }
    return 1;
}

static int starts_with(span text, const char *prefix)
{
    size_t len = strlen(prefix);
    return text.len >= len && memcmp(text.data, prefix, len) == 0;
}

/* Go's parse(rawURL, viaRequest=false) on the URL without its fragment. */
static int check_url(url_check *check, span url, char *scheme, size_t size)
{
    span rest;
    scheme[0] = '\0';
    for (size_t i = 0; i < url.len; i++)
        if ((unsigned char)url.data[i] < ' ' || url.data[i] == 0x7F)
            return refuse(check, "net/url: invalid control character in URL");
    if (url.len == 1 && url.data[0] == '*')
        return 1;
    if (!split_scheme(check, url, scheme, size, &rest))
        return 0;
    long question = first_index(rest, '?');
    if (question >= 0)
        rest.len = (size_t)question;    /* the query is not checked */
    if (!starts_with(rest, "/")) {
        if (scheme[0])
            return 1;                   /* opaque, like mailto:x */
        long slash = first_index(rest, '/');
        span segment = {rest.data, slash < 0 ? rest.len : (size_t)slash};
        if (first_index(segment, ':') >= 0)
            return refuse(check, "first path segment in URL cannot contain colon");
    }
    if ((scheme[0] || !starts_with(rest, "///")) && starts_with(rest, "//")) {
        span authority = {rest.data + 2, rest.len - 2};
        long slash = first_index(authority, '/');
        if (slash >= 0)
            authority.len = (size_t)slash;
        if (!check_authority(check, authority, scheme))
            return 0;
        rest.data = authority.data + authority.len;
        rest.len = rest.len - 2 - authority.len;
    }
    return check_escapes(check, rest, ESCAPE_PATH);
}

static int url_failed(url_check *check, const char *raw, size_t len, celm_error *err)
{
    celm_buffer message;
    celm_buffer_init(&message);
    celm_buffer_append_str(&message, "parse ");
    celm_go_quote(&message, raw, len);
    celm_buffer_append_str(&message, ": ");
    celm_buffer_append(&message, check->detail.data ? check->detail.data : "", check->detail.len);
    if (message.failed || check->detail.failed)
        celm_error_set(err, CELM_ENOMEM, "out of memory");
    else
        celm_error_set(err, CELM_EINVAL, "%.*s", (int)message.len, message.data);
    celm_buffer_free(&message);
    celm_buffer_free(&check->detail);
    return err ? err->code : CELM_EINVAL;
}

int celm_values_url_scheme(const char *raw, char *scheme, size_t scheme_size, celm_error *err)
{
    url_check check;
    celm_buffer_init(&check.detail);
    const char *hash = strchr(raw, '#');
    span url = {raw, hash ? (size_t)(hash - raw) : strlen(raw)};
    if (!check_url(&check, url, scheme, scheme_size))
        return url_failed(&check, raw, url.len, err);
    span fragment = {hash ? hash + 1 : "", hash ? strlen(hash + 1) : 0};
    if (!check_escapes(&check, fragment, ESCAPE_PATH))
        return url_failed(&check, raw, strlen(raw), err);
    celm_buffer_free(&check.detail);
    return CELM_OK;
}
