/* jsonschema_url.c: URL references resolved as Go's net/url Parse, ResolveReference and String. */
#include <ctype.h>
#include <string.h>

#include "go_quote.h"
#include "jsonschema_internal.h"

typedef struct parsed_url {
    const char *scheme;     /* lower case; "" when relative */
    const char *opaque;     /* "" unless scheme: without a leading '/' */
    int has_authority;      /* "//" present */
    const char *authority;
    const char *path;       /* escaped, as written */
    const char *query;
    int has_query;
} parsed_url;

static int hex_digit(char c)
{
    return isxdigit((unsigned char)c) ? (isdigit((unsigned char)c) ? c - '0' : (tolower((unsigned char)c) - 'a' + 10)) : -1;
}

const char *jsonschema_url_unescape(celm_arena *arena, const char *text, size_t len)
{
    char *out = celm_arena_alloc(arena, len + 1);
    size_t n = 0;
    if (!out)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        if (text[i] != '%') {
            out[n++] = text[i];
            continue;
        }
        if (i + 2 >= len || hex_digit(text[i + 1]) < 0 || hex_digit(text[i + 2]) < 0)
            return NULL;
        out[n++] = (char)(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
        i += 2;
    }
    out[n] = 0;
    return out;
}

/* Go's "invalid URL escape" names the bad escape: at most three bytes from the '%'. */
static const char *bad_escape(celm_arena *arena, const char *text)
{
    const char *percent = text;
    while ((percent = strchr(percent, '%')) != NULL) {
        if (hex_digit(percent[1]) < 0 || hex_digit(percent[2]) < 0) {
            size_t len = strnlen(percent, 3);
            celm_buffer quoted;
            celm_buffer_init(&quoted);
            celm_go_quote(&quoted, percent, len);
            celm_string out;
            if (celm_buffer_finish(&quoted, arena, &out) != 0)
                return "invalid URL escape";
            return celm_arena_printf(arena, "invalid URL escape %s", out.data);
        }
        percent++;
    }
    return NULL;
}

static int scheme_length(const char *text)
{
    if (!isalpha((unsigned char)text[0]))
        return 0;
    int i = 1;
    while (isalnum((unsigned char)text[i]) || text[i] == '+' || text[i] == '-' || text[i] == '.')
        i++;
    return text[i] == ':' ? i : 0;
}

static const char *parse_problem(celm_arena *arena, const char *text)
{
    for (const char *c = text; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7F)
            return "net/url: invalid control character in URL";
    const char *escape = bad_escape(arena, text);
    if (escape)
        return escape;
    if (!scheme_length(text) && text[0] != '/' ) {
        size_t segment = strcspn(text, "/?");
        if (memchr(text, ':', segment))
            return "first path segment in URL cannot contain colon";
    }
    return NULL;
}

static int parse_url(celm_arena *arena, const char *text, parsed_url *out, const char **message)
{
    const char *problem = parse_problem(arena, text);
    if (problem) {
        *message = problem;
        return -1;
    }
    memset(out, 0, sizeof *out);
    out->scheme = out->opaque = out->authority = out->path = out->query = "";
    int scheme = scheme_length(text);
    if (scheme) {
        char *lower = celm_arena_strndup(arena, text, (size_t)scheme);
        for (char *c = lower; c && *c; c++)
            *c = (char)tolower((unsigned char)*c);
        out->scheme = lower;
        text += scheme + 1;
    }
    const char *query = strchr(text, '?');
    size_t rest_len = query ? (size_t)(query - text) : strlen(text);
    if (query) {
        out->has_query = 1;
        out->query = query + 1;
    }
    if (scheme && text[0] != '/') {
        out->opaque = celm_arena_strndup(arena, text, rest_len);
        return 0;
    }
    if (text[0] == '/' && text[1] == '/') {
        size_t authority = strcspn(text + 2, "/?");
        if (authority > rest_len - 2)
            authority = rest_len - 2;
        out->has_authority = 1;
        out->authority = celm_arena_strndup(arena, text + 2, authority);
        text += 2 + authority;
        rest_len -= 2 + authority;
    }
    out->path = celm_arena_strndup(arena, text, rest_len);
    return 0;
}

/* url.URL.EscapedPath: the written path when it is validly encoded, else a fresh escape. */
static const char *escaped_path(celm_arena *arena, const char *path)
{
    int valid = 1;
    for (const char *c = path; *c; c++) {
        unsigned char ch = (unsigned char)*c;
        if (!(isalnum(ch) || strchr("-_.~!$&'()*+,;=:@[]/%", ch)))
            valid = 0;
    }
    if (valid)
        return path;
    const char *plain = jsonschema_url_unescape(arena, path, strlen(path));
    celm_buffer out;
    celm_buffer_init(&out);
    for (const char *c = plain ? plain : path; *c; c++) {
        unsigned char ch = (unsigned char)*c;
        if (isalnum(ch) || strchr("-_.~$&+,/:;=@", ch))
            celm_buffer_append_char(&out, (char)ch);
        else
            celm_buffer_printf(&out, "%%%02X", ch);
    }
    celm_string text;
    return celm_buffer_finish(&out, arena, &text) == 0 ? text.data : path;
}

/* Go's resolvePath: merge, then remove dot segments, always with a leading '/'. */
static const char *resolve_path(celm_arena *arena, const char *base, const char *reference)
{
    const char *full;
    if (!*reference) {
        full = base;
    } else if (reference[0] != '/') {
        const char *slash = strrchr(base, '/');
        size_t keep = slash ? (size_t)(slash - base) + 1 : 0;
        full = celm_arena_printf(arena, "%.*s%s", (int)keep, base, reference);
    } else {
        full = reference;
    }
    if (!full || !*full)
        return "";
    size_t full_len = strlen(full);
    char *out = celm_arena_alloc(arena, full_len + 3);
    if (!out)
        return "";
    size_t n = 1;
    out[0] = '/';
    int first = 1;
    const char *remaining = full, *element = full;
    size_t element_len = 0;
    for (int found = 1; found;) {
        const char *slash = strchr(remaining, '/');
        element = remaining;
        element_len = slash ? (size_t)(slash - remaining) : strlen(remaining);
        found = slash != NULL;
        remaining = slash ? slash + 1 : remaining + element_len;
        if (element_len == 1 && element[0] == '.') {
            first = 0;
        } else if (element_len == 2 && element[0] == '.' && element[1] == '.') {
            size_t index = n;
            while (index > 1 && out[index - 1] != '/')
                index--;
            if (index > 1) {
                n = index - 1;
            } else {
                n = 1;
                first = 1;
            }
        } else {
            if (!first)
                out[n++] = '/';
            memcpy(out + n, element, element_len);
            n += element_len;
            first = 0;
        }
    }
    if ((element_len == 1 && element[0] == '.') || (element_len == 2 && element[0] == '.' && element[1] == '.'))
        out[n++] = '/';
    out[n] = 0;
    return n > 1 && out[1] == '/' ? out + 1 : out;
}

static const char *url_string(celm_arena *arena, const parsed_url *url)
{
    celm_buffer out;
    celm_buffer_init(&out);
    if (*url->scheme) {
        celm_buffer_append_str(&out, url->scheme);
        celm_buffer_append_char(&out, ':');
    }
    if (*url->opaque) {
        celm_buffer_append_str(&out, url->opaque);
    } else {
        const char *path = escaped_path(arena, url->path);
        if (*url->scheme || *url->authority) {
            if (*url->authority || *path || url->has_authority)
                celm_buffer_append(&out, "//", 2);
            celm_buffer_append_str(&out, url->authority);
        }
        if (*path && path[0] != '/' && *url->authority)
            celm_buffer_append_char(&out, '/');
        celm_buffer_append_str(&out, path);
    }
    if (url->has_query) {
        celm_buffer_append_char(&out, '?');
        celm_buffer_append_str(&out, url->query);
    }
    celm_string text;
    return celm_buffer_finish(&out, arena, &text) == 0 ? text.data : NULL;
}

static parsed_url resolve(celm_arena *arena, const parsed_url *base, const parsed_url *reference)
{
    parsed_url url = *reference;
    if (!*reference->scheme)
        url.scheme = base->scheme;
    if (*reference->scheme || reference->has_authority) {
        url.path = resolve_path(arena, escaped_path(arena, reference->path), "");
        return url;
    }
    if (*reference->opaque)
        return url;
    if (!*reference->path && !reference->has_query) {
        url.query = base->query;
        url.has_query = base->has_query;
    }
    if (!*reference->path && *base->opaque) {
        url.opaque = base->opaque;
        return url;
    }
    url.authority = base->authority;
    url.has_authority = base->has_authority;
    url.path = resolve_path(arena, escaped_path(arena, base->path), escaped_path(arena, reference->path));
    return url;
}

const char *jsonschema_url_join(celm_arena *arena, const char *base, const char *reference,
                                const char **fragment, const char **message)
{
    const char *hash = strchr(reference, '#');
    const char *raw_fragment = hash ? hash + 1 : "";
    *fragment = jsonschema_url_unescape(arena, raw_fragment, strlen(raw_fragment));
    if (!*fragment) {
        celm_buffer quoted;
        celm_buffer_init(&quoted);
        celm_go_quote(&quoted, reference, strlen(reference));
        celm_string q;
        celm_buffer_finish(&quoted, arena, &q);
        *message = celm_arena_printf(arena, "error in parsing %s: %s", q.data ? q.data : "",
                                     bad_escape(arena, raw_fragment));
        return NULL;
    }
    const char *without = hash ? celm_arena_strndup(arena, reference, (size_t)(hash - reference)) : reference;
    parsed_url base_url, reference_url;
    const char *problem = NULL;
    if (parse_url(arena, base, &base_url, &problem) != 0 || parse_url(arena, without, &reference_url, &problem) != 0) {
        celm_buffer quoted;
        celm_buffer_init(&quoted);
        celm_go_quote(&quoted, without, strlen(without));
        celm_string q;
        celm_buffer_finish(&quoted, arena, &q);
        *message = celm_arena_printf(arena, "error in parsing %s: parse %s: %s", q.data ? q.data : "", q.data ? q.data : "",
                                     problem);
        return NULL;
    }
    parsed_url joined = resolve(arena, &base_url, &reference_url);
    return url_string(arena, &joined);
}

const char *jsonschema_url_scheme(celm_arena *arena, const char *url)
{
    parsed_url parsed;
    const char *message;
    return parse_url(arena, url, &parsed, &message) == 0 ? parsed.scheme : "";
}

const char *jsonschema_url_path(celm_arena *arena, const char *url)
{
    parsed_url parsed;
    const char *message;
    if (parse_url(arena, url, &parsed, &message) != 0 || *parsed.opaque)
        return NULL;
    return jsonschema_url_unescape(arena, parsed.path, strlen(parsed.path));
}

static int valid_optional_port(const char *port)
{
    if (!*port)
        return 1;
    if (*port != ':')
        return 0;
    for (const char *c = port + 1; *c; c++)
        if (*c < '0' || *c > '9')
            return 0;
    return 1;
}

/* Go's parseHost checks: brackets, the port, and characters a host may not hold. */
static const char *host_problem(celm_arena *arena, const char *host)
{
    const char *port_from = NULL;
    if (host[0] == '[') {
        const char *close = strrchr(host, ']');
        if (!close)
            return "missing ']' in host";
        port_from = close + 1;
    } else {
        port_from = strrchr(host, ':');
    }
    if (port_from && !valid_optional_port(port_from))
        return celm_arena_printf(arena, "invalid port %s after host", jsonschema_quoted_text(arena, port_from));
    for (const char *c = host; *c; c++) {
        unsigned char ch = (unsigned char)*c;
        if (ch < 0x80 && !isalnum(ch) && !strchr("-_.~!$&'()*+,;=:[]<>\"%", ch))
            return celm_arena_printf(arena, "invalid character %s in host name",
                                     jsonschema_quoted_text(arena, celm_arena_strndup(arena, c, 1)));
    }
    return NULL;
}

const char *jsonschema_url_check(celm_arena *arena, const char *text, int *absolute, const char **host,
                                 const char **path)
{
    parsed_url url;
    const char *message = NULL;
    if (text[0] == ':')
        return celm_arena_printf(arena, "parse %s: missing protocol scheme", jsonschema_quoted_text(arena, text));
    const char *hash = strchr(text, '#');
    const char *without = hash ? celm_arena_strndup(arena, text, (size_t)(hash - text)) : text;
    if (parse_url(arena, without, &url, &message) != 0)
        return celm_arena_printf(arena, "parse %s: %s", jsonschema_quoted_text(arena, text), message);
    if (hash && !jsonschema_url_unescape(arena, hash + 1, strlen(hash + 1)))
        return celm_arena_printf(arena, "parse %s: %s", jsonschema_quoted_text(arena, text), bad_escape(arena, hash + 1));
    const char *authority = url.authority;
    const char *at = strrchr(authority, '@');
    const char *host_text = at ? at + 1 : authority;
    const char *problem = url.has_authority ? host_problem(arena, host_text) : NULL;
    if (problem)
        return celm_arena_printf(arena, "parse %s: %s", jsonschema_quoted_text(arena, text), problem);
    *absolute = *url.scheme != 0;
    *host = host_text;
    *path = url.path;
    return NULL;
}
