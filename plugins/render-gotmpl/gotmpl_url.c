/* gotmpl_url.c: Go 1.26's net/url: escaping modes, Parse with its authority and host rules, and
 * URL.String, for Sprig's urlParse and urlJoin. */
#include <arpa/inet.h>
#include <string.h>

#include "gotmpl_funcs_b.h"
#include "gotmpl_url.h"

typedef enum url_mode {
    MODE_PATH, MODE_PATH_SEGMENT, MODE_HOST, MODE_ZONE, MODE_USER_PASSWORD, MODE_QUERY_COMPONENT, MODE_FRAGMENT
} url_mode;

/* --- escaping (url.go's shouldEscape, escape, unescape) ------------------------------------------------ */
static int reserved_escapes(char c, url_mode mode)
{
    switch (mode) {
    case MODE_PATH: return c == '?';
    case MODE_PATH_SEGMENT: return c == '/' || c == ';' || c == ',' || c == '?';
    case MODE_USER_PASSWORD: return c == '@' || c == '/' || c == '?' || c == ':';
    case MODE_QUERY_COMPONENT: return 1;
    case MODE_FRAGMENT: return 0;
    default: return 1;
    }
}

static int should_escape(unsigned char c, url_mode mode)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return 0;
    if ((mode == MODE_HOST || mode == MODE_ZONE) && c && strchr("!$&'()*+,;=:[]<>\"", c))
        return 0;
    if (c == '-' || c == '_' || c == '.' || c == '~')
        return 0;
    if (c && strchr("$&+,/:;=?@", c))
        return reserved_escapes((char)c, mode);
    if (mode == MODE_FRAGMENT && c && strchr("!()*", c))
        return 0;
    return 1;
}

static celm_string escape_text(gotmpl_runtime *runtime, celm_string text, url_mode mode)
{
    static const char upper_hex[] = "0123456789ABCDEF";
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, runtime);
    for (size_t i = 0; i < text.len; i++) {
        unsigned char c = (unsigned char)text.data[i];
        if (c == ' ' && mode == MODE_QUERY_COMPONENT) {
            gotmpl_buffer_putc(&buffer, '+');
        } else if (should_escape(c, mode)) {
            char escaped[3] = {'%', upper_hex[c >> 4], upper_hex[c & 15]};
            gotmpl_buffer_put(&buffer, escaped, 3);
        } else {
            gotmpl_buffer_putc(&buffer, (char)c);
        }
    }
    celm_string out = {"", 0};
    gotmpl_buffer_finish(&buffer, &out);
    return out;
}

static int is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static unsigned char unhex(char c)
{
    return (unsigned char)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
}

static int escape_error(gotmpl_runtime *runtime, const char *bad, size_t len, celm_string *error_text)
{
    celm_string quoted = gotmpl_go_quote(runtime, bad, len);
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, runtime);
    gotmpl_buffer_printf(&buffer, "invalid URL escape %s", quoted.data);
    gotmpl_buffer_finish(&buffer, error_text);
    return CELM_EINVAL;
}

/* The first pass of url.go's unescape: every escape well formed and allowed in this mode. */
static int check_escapes(gotmpl_runtime *runtime, celm_string s, url_mode mode, celm_string *error_text)
{
    for (size_t i = 0; i < s.len;) {
        unsigned char c = (unsigned char)s.data[i];
        if (c == '%') {
            if (i + 2 >= s.len || !is_hex(s.data[i + 1]) || !is_hex(s.data[i + 2]))
                return escape_error(runtime, s.data + i, s.len - i > 3 ? 3 : s.len - i, error_text);
            int percent = s.data[i + 1] == '2' && s.data[i + 2] == '5';
            if (mode == MODE_HOST && unhex(s.data[i + 1]) < 8 && !percent)
                return escape_error(runtime, s.data + i, 3, error_text);
            unsigned char value = (unsigned char)(unhex(s.data[i + 1]) << 4 | unhex(s.data[i + 2]));
            if (mode == MODE_ZONE && !percent && value != ' ' && should_escape(value, MODE_HOST))
                return escape_error(runtime, s.data + i, 3, error_text);
            i += 3;
            continue;
        }
        if ((mode == MODE_HOST || mode == MODE_ZONE) && c < 0x80 && should_escape(c, mode)) {
            celm_string quoted = gotmpl_go_quote(runtime, s.data + i, 1);
            gotmpl_buffer buffer;
            gotmpl_buffer_init(&buffer, runtime);
            gotmpl_buffer_printf(&buffer, "invalid character %s in host name", quoted.data);
            gotmpl_buffer_finish(&buffer, error_text);
            return CELM_EINVAL;
        }
        i++;
    }
    return CELM_OK;
}

static int unescape_text(gotmpl_runtime *runtime, celm_string s, url_mode mode, celm_string *out,
                         celm_string *error_text)
{
    int status = check_escapes(runtime, s, mode, error_text);
    if (status != CELM_OK)
        return status;
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, runtime);
    for (size_t i = 0; i < s.len; i++) {
        if (s.data[i] == '%') {
            gotmpl_buffer_putc(&buffer, (char)(unhex(s.data[i + 1]) << 4 | unhex(s.data[i + 2])));
            i += 2;
        } else if (s.data[i] == '+' && mode == MODE_QUERY_COMPONENT) {
            gotmpl_buffer_putc(&buffer, ' ');
        } else {
            gotmpl_buffer_putc(&buffer, s.data[i]);
        }
    }
    *out = (celm_string){"", 0};
    return gotmpl_buffer_finish(&buffer, out);
}

static int text_equal(celm_string a, celm_string b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.data, b.data, a.len) == 0);
}

/* --- small text helpers ---------------------------------------------------------------------------------- */
static celm_string slice(celm_string s, size_t from, size_t to)
{
    return (celm_string){s.data + from, to - from};
}

static long index_of(celm_string s, char c, int last)
{
    long found = -1;
    for (size_t i = 0; i < s.len; i++)
        if (s.data[i] == c) {
            found = (long)i;
            if (!last)
                break;
        }
    return found;
}

static long index_of_text(celm_string s, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= s.len; i++)
        if (memcmp(s.data + i, needle, n) == 0)
            return (long)i;
    return -1;
}

static int has_prefix(celm_string s, const char *prefix)
{
    size_t n = strlen(prefix);
    return s.len >= n && memcmp(s.data, prefix, n) == 0;
}

static int fail_text(gotmpl_runtime *runtime, celm_string *error_text, const char *text)
{
    error_text->data = text;
    error_text->len = strlen(text);
    (void)runtime;
    return CELM_EINVAL;
}

/* --- hosts ------------------------------------------------------------------------------------------------- */
static int valid_optional_port(celm_string port)
{
    if (port.len == 0)
        return 1;
    if (port.data[0] != ':')
        return 0;
    for (size_t i = 1; i < port.len; i++)
        if (port.data[i] < '0' || port.data[i] > '9')
            return 0;
    return 1;
}

static int port_error(gotmpl_runtime *runtime, celm_string port, celm_string *error_text)
{
    celm_string quoted = gotmpl_go_quote(runtime, port.data, port.len);
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, runtime);
    gotmpl_buffer_printf(&buffer, "invalid port %s after host", quoted.data);
    gotmpl_buffer_finish(&buffer, error_text);
    return CELM_EINVAL;
}

/* netip.ParseAddr as far as bracketed hosts need it: 6 for IPv6, 4 for IPv4, 0 with the error. */
static int parse_literal_address(gotmpl_runtime *runtime, celm_string text, celm_string *error_text)
{
    char address[128];
    unsigned char bytes[16];
    long zone = index_of(text, '%', 0);
    size_t len = zone >= 0 ? (size_t)zone : text.len;
    const char *message = "unable to parse IP";
    int family = index_of(slice(text, 0, len), ':', 0) >= 0 ? 6 : index_of(slice(text, 0, len), '.', 0) >= 0 ? 4 : 0;
    if (len < sizeof address) {
        memcpy(address, text.data, len);
        address[len] = '\0';
        if (family == 6 && inet_pton(AF_INET6, address, bytes) == 1 && (zone < 0 || (size_t)zone + 1 < text.len))
            return 6;
        if (family == 4 && zone < 0 && inet_pton(AF_INET, address, bytes) == 1)
            return 4;
    }
    if (family == 6 && zone >= 0 && (size_t)zone + 1 == text.len)
        message = "zone must be a non-empty string";
    celm_string quoted = gotmpl_go_quote(runtime, text.data, text.len);
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, runtime);
    gotmpl_buffer_printf(&buffer, "invalid host: ParseAddr(%s): %s", quoted.data, message);
    gotmpl_buffer_finish(&buffer, error_text);
    return 0;
}

/* An IP literal: "[fe80::1%25en0]:80". */
static int parse_bracketed_host(gotmpl_runtime *runtime, celm_string host, celm_string *out, celm_string *error_text)
{
    long close = index_of(host, ']', 1);
    if (close < 0)
        return fail_text(runtime, error_text, "missing ']' in host");
    celm_string colon_port = slice(host, (size_t)close + 1, host.len), port, name, zone_part;
    if (!valid_optional_port(colon_port))
        return port_error(runtime, colon_port, error_text);
    int status = unescape_text(runtime, colon_port, MODE_HOST, &port, error_text);
    celm_string inside = slice(host, 1, (size_t)close);
    long zone = index_of_text(inside, "%25");
    if (status == CELM_OK)
        status = unescape_text(runtime, zone >= 0 ? slice(inside, 0, (size_t)zone) : inside, MODE_HOST, &name,
                               error_text);
    if (status == CELM_OK && zone >= 0)
        status = unescape_text(runtime, slice(inside, (size_t)zone, inside.len), MODE_ZONE, &zone_part, error_text);
    if (status != CELM_OK)
        return status;
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, runtime);
    gotmpl_buffer_put(&buffer, name.data, name.len);
    if (zone >= 0)
        gotmpl_buffer_put(&buffer, zone_part.data, zone_part.len);
    celm_string address = {"", 0};
    gotmpl_buffer_finish(&buffer, &address);
    int family = parse_literal_address(runtime, address, error_text);
    if (family == 0)
        return CELM_EINVAL;
    if (family == 4)
        return fail_text(runtime, error_text, "invalid IP-literal");
    gotmpl_buffer_init(&buffer, runtime);
    gotmpl_buffer_putc(&buffer, '[');
    gotmpl_buffer_put(&buffer, address.data, address.len);
    gotmpl_buffer_putc(&buffer, ']');
    gotmpl_buffer_put(&buffer, port.data, port.len);
    return gotmpl_buffer_finish(&buffer, out);
}

static int parse_host(gotmpl_runtime *runtime, celm_string scheme, celm_string host, celm_string *out,
                      celm_string *error_text)
{
    long open = index_of(host, '[', 1);
    if (open > 0)
        return fail_text(runtime, error_text, "invalid IP-literal");
    if (open == 0)
        return parse_bracketed_host(runtime, host, out, error_text);
    long colon = index_of(host, ':', 0);
    if (colon >= 0) {
        long last = index_of(host, ':', 1);
        /* Go 1.26 insists on one colon for http and https (urlstrictcolons). */
        int strict = (scheme.len == 4 && memcmp(scheme.data, "http", 4) == 0) ||
                     (scheme.len == 5 && memcmp(scheme.data, "https", 5) == 0);
        if (last != colon && !strict)
            colon = last;
        celm_string colon_port = slice(host, (size_t)colon, host.len);
        if (!valid_optional_port(colon_port))
            return port_error(runtime, colon_port, error_text);
    }
    return unescape_text(runtime, host, MODE_HOST, out, error_text);
}

/* --- authority, path, fragment ---------------------------------------------------------------------------- */
static int valid_userinfo(celm_string s)
{
    for (size_t i = 0; i < s.len; i++) {
        unsigned char c = (unsigned char)s.data[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              (c && strchr("-._:~!$&'()*+,;=%@", c))))
            return 0;
    }
    return 1;
}

static int parse_authority(gotmpl_runtime *runtime, celm_string authority, gotmpl_url *url, celm_string *error_text)
{
    long at = index_of(authority, '@', 1);
    int status = parse_host(runtime, url->scheme, at < 0 ? authority : slice(authority, (size_t)at + 1, authority.len),
                            &url->host, error_text);
    if (status != CELM_OK || at < 0)
        return status;
    celm_string userinfo = slice(authority, 0, (size_t)at);
    if (!valid_userinfo(userinfo))
        return fail_text(runtime, error_text, "net/url: invalid userinfo");
    long colon = index_of(userinfo, ':', 0);
    url->has_user = 1;
    url->has_password = colon >= 0;
    status = unescape_text(runtime, colon < 0 ? userinfo : slice(userinfo, 0, (size_t)colon), MODE_USER_PASSWORD,
                           &url->username, error_text);
    if (status == CELM_OK && colon >= 0)
        status = unescape_text(runtime, slice(userinfo, (size_t)colon + 1, userinfo.len), MODE_USER_PASSWORD,
                               &url->password, error_text);
    return status;
}

/* setPath and setFragment: the decoded text, and the raw form when default escaping differs. */
static int set_decoded(gotmpl_runtime *runtime, celm_string raw, url_mode mode, celm_string *decoded,
                       celm_string *raw_out, celm_string *error_text)
{
    int status = unescape_text(runtime, raw, mode, decoded, error_text);
    if (status != CELM_OK)
        return status;
    *raw_out = text_equal(escape_text(runtime, *decoded, mode), raw) ? (celm_string){"", 0} : raw;
    return CELM_OK;
}

static int scheme_of(celm_string *rest, celm_string *scheme, celm_string *error_text)
{
    *scheme = (celm_string){"", 0};
    for (size_t i = 0; i < rest->len; i++) {
        char c = rest->data[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            continue;
        if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
            if (i == 0)
                return CELM_OK;
            continue;
        }
        if (c == ':') {
            if (i == 0)
                return fail_text(NULL, error_text, "missing protocol scheme");
            *scheme = slice(*rest, 0, i);
            *rest = slice(*rest, i + 1, rest->len);
        }
        return CELM_OK;
    }
    return CELM_OK;
}

static int lower_scheme(gotmpl_runtime *runtime, celm_string *scheme)
{
    gotmpl_value copy = gotmpl_string_copy(runtime, scheme->data, scheme->len);
    if (copy.type != GT_STRING)
        return CELM_ENOMEM;
    char *text = (char *)copy.as.string.data;
    for (size_t i = 0; i < scheme->len; i++)
        if (text[i] >= 'A' && text[i] <= 'Z')
            text[i] = (char)(text[i] + 32);
    *scheme = copy.as.string;
    return CELM_OK;
}

static int split_query(gotmpl_url *url, celm_string *rest)
{
    long first = index_of(*rest, '?', 0), last = index_of(*rest, '?', 1);
    if (rest->len && rest->data[rest->len - 1] == '?' && first == last) {
        url->force_query = 1;
        rest->len--;
    } else if (first >= 0) {
        url->raw_query = slice(*rest, (size_t)first + 1, rest->len);
        rest->len = (size_t)first;
    }
    return CELM_OK;
}

/* url.go's parse(rawURL, viaRequest=false). */
static int parse_reference(gotmpl_runtime *runtime, celm_string raw, gotmpl_url *url, celm_string *error_text)
{
    memset(url, 0, sizeof *url);
    for (size_t i = 0; i < raw.len; i++)
        if ((unsigned char)raw.data[i] < ' ' || raw.data[i] == 0x7f)
            return fail_text(runtime, error_text, "net/url: invalid control character in URL");
    if (raw.len == 1 && raw.data[0] == '*') {
        url->path = raw;
        return CELM_OK;
    }
    celm_string rest = raw;
    int status = scheme_of(&rest, &url->scheme, error_text);
    if (status == CELM_OK)
        status = lower_scheme(runtime, &url->scheme);
    if (status != CELM_OK)
        return status;
    split_query(url, &rest);
    if (!has_prefix(rest, "/")) {
        if (url->scheme.len) {
            url->opaque = rest;
            return CELM_OK;
        }
        long slash = index_of(rest, '/', 0);
        if (index_of(slash >= 0 ? slice(rest, 0, (size_t)slash) : rest, ':', 0) >= 0)
            return fail_text(runtime, error_text, "first path segment in URL cannot contain colon");
    }
    if ((url->scheme.len || !has_prefix(rest, "///")) && has_prefix(rest, "//")) {
        celm_string authority = slice(rest, 2, rest.len);
        long slash = index_of(authority, '/', 0);
        rest = slash >= 0 ? slice(authority, (size_t)slash, authority.len) : (celm_string){"", 0};
        if (slash >= 0)
            authority.len = (size_t)slash;
        if ((status = parse_authority(runtime, authority, url, error_text)) != CELM_OK)
            return status;
    } else if (url->scheme.len && has_prefix(rest, "/")) {
        url->omit_host = 1;
    }
    return set_decoded(runtime, rest, MODE_PATH, &url->path, &url->raw_path, error_text);
}

static int url_error(gotmpl_runtime *runtime, celm_string url, celm_string *error_text)
{
    celm_string quoted = gotmpl_go_quote(runtime, url.data, url.len);
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, runtime);
    gotmpl_buffer_printf(&buffer, "parse %s: %s", quoted.data, error_text->data);
    return gotmpl_buffer_finish(&buffer, error_text) == CELM_OK ? CELM_EINVAL : CELM_ENOMEM;
}

int gotmpl_url_parse(gotmpl_runtime *runtime, const char *text, size_t len, gotmpl_url *out, celm_string *error_text)
{
    celm_string raw = {text, len}, reference = raw;
    long hash = index_of(raw, '#', 0);
    if (hash >= 0)
        reference.len = (size_t)hash;
    int status = parse_reference(runtime, reference, out, error_text);
    if (status == CELM_EINVAL)
        return url_error(runtime, reference, error_text);
    if (status != CELM_OK || hash < 0 || (size_t)hash + 1 == raw.len)
        return status;
    status = set_decoded(runtime, slice(raw, (size_t)hash + 1, raw.len), MODE_FRAGMENT, &out->fragment,
                         &out->raw_fragment, error_text);
    return status == CELM_EINVAL ? url_error(runtime, raw, error_text) : status;
}

/* --- String ------------------------------------------------------------------------------------------------- */
static int valid_encoded(celm_string s, url_mode mode)
{
    for (size_t i = 0; i < s.len; i++) {
        unsigned char c = (unsigned char)s.data[i];
        if (c && strchr("!$&'()*+,;=:@[]%", c))
            continue;
        if (should_escape(c, mode))
            return 0;
    }
    return 1;
}

/* EscapedPath and EscapedFragment: the raw form while it still decodes to the text. */
static celm_string escaped(gotmpl_runtime *runtime, celm_string text, celm_string raw, url_mode mode)
{
    celm_string decoded, ignored;
    if (raw.len && valid_encoded(raw, mode) && unescape_text(runtime, raw, mode, &decoded, &ignored) == CELM_OK &&
        text_equal(decoded, text))
        return raw;
    if (mode == MODE_PATH && text.len == 1 && text.data[0] == '*')
        return text;
    return escape_text(runtime, text, mode);
}

celm_string gotmpl_url_userinfo(gotmpl_runtime *runtime, const gotmpl_url *url)
{
    celm_string out = {"", 0};
    if (!url->has_user)
        return out;
    celm_string user = escape_text(runtime, url->username, MODE_USER_PASSWORD);
    if (!url->has_password)
        return user;
    celm_string password = escape_text(runtime, url->password, MODE_USER_PASSWORD);
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, runtime);
    gotmpl_buffer_put(&buffer, user.data, user.len);
    gotmpl_buffer_putc(&buffer, ':');
    gotmpl_buffer_put(&buffer, password.data, password.len);
    gotmpl_buffer_finish(&buffer, &out);
    return out;
}

celm_string gotmpl_url_hostname(const gotmpl_url *url)
{
    celm_string host = url->host;
    long colon = index_of(host, ':', 1);
    if (colon >= 0 && valid_optional_port(slice(host, (size_t)colon, host.len)))
        host.len = (size_t)colon;
    if (host.len >= 2 && host.data[0] == '[' && host.data[host.len - 1] == ']')
        host = slice(host, 1, host.len - 1);
    return host;
}

static void put_authority(gotmpl_buffer *buffer, gotmpl_runtime *runtime, const gotmpl_url *url)
{
    if (!url->scheme.len && !url->host.len && !url->has_user)
        return;
    if (url->omit_host && !url->host.len && !url->has_user)
        return;
    if (url->host.len || url->path.len || url->has_user)
        gotmpl_buffer_puts(buffer, "//");
    if (url->has_user) {
        celm_string user = gotmpl_url_userinfo(runtime, url);
        gotmpl_buffer_put(buffer, user.data, user.len);
        gotmpl_buffer_putc(buffer, '@');
    }
    celm_string host = escape_text(runtime, url->host, MODE_HOST);
    gotmpl_buffer_put(buffer, host.data, host.len);
}

celm_string gotmpl_url_string(gotmpl_runtime *runtime, const gotmpl_url *url)
{
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, runtime);
    if (url->scheme.len) {
        gotmpl_buffer_put(&buffer, url->scheme.data, url->scheme.len);
        gotmpl_buffer_putc(&buffer, ':');
    }
    if (url->opaque.len) {
        gotmpl_buffer_put(&buffer, url->opaque.data, url->opaque.len);
    } else {
        put_authority(&buffer, runtime, url);
        celm_string path = escaped(runtime, url->path, url->raw_path, MODE_PATH);
        if (path.len && path.data[0] != '/' && url->host.len)
            gotmpl_buffer_putc(&buffer, '/');
        if (buffer.len == 0) {
            long slash = index_of(path, '/', 0);
            if (index_of(slash >= 0 ? slice(path, 0, (size_t)slash) : path, ':', 0) >= 0)
                gotmpl_buffer_puts(&buffer, "./");
        }
        gotmpl_buffer_put(&buffer, path.data, path.len);
    }
    if (url->force_query || url->raw_query.len) {
        gotmpl_buffer_putc(&buffer, '?');
        gotmpl_buffer_put(&buffer, url->raw_query.data, url->raw_query.len);
    }
    if (url->fragment.len) {
        celm_string fragment = escaped(runtime, url->fragment, url->raw_fragment, MODE_FRAGMENT);
        gotmpl_buffer_putc(&buffer, '#');
        gotmpl_buffer_put(&buffer, fragment.data, fragment.len);
    }
    celm_string out = {"", 0};
    gotmpl_buffer_finish(&buffer, &out);
    return out;
}
