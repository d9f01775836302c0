/* jsonschema_format.c: the format names the library knows and the checks without dates or IPs. */
#include <string.h>

#include "go_quote.h"
#include "jsonschema_internal.h"
#include "utf8.h"

static const char *finish(celm_arena *arena, celm_buffer *out)
{
    celm_string text;
    return celm_buffer_finish(out, arena, &text) == 0 ? text.data : "out of memory";
}

/* LocalizableError("<before> %q<after>", rune) */
static const char *with_rune(celm_arena *arena, const char *before, uint32_t rune, const char *after)
{
    celm_buffer out;
    celm_buffer_init(&out);
    celm_buffer_append_str(&out, before);
    celm_go_quote_rune(&out, rune);
    celm_buffer_append_str(&out, after);
    return finish(arena, &out);
}

static uint32_t rune_at(const char *text, size_t len, size_t at, int *width)
{
    uint32_t rune;
    *width = celm_utf8_decode((const unsigned char *)text + at, len - at, &rune);
    return rune;
}

static const char *json_pointer(celm_arena *arena, const char *text, size_t len)
{
    if (len == 0)
        return NULL;
    if (text[0] != '/')
        return "not starting with /";
    int escape = 0;
    for (size_t at = 1; at < len;) {
        int width;
        uint32_t c = rune_at(text, len, at, &width);
        at += (size_t)width;
        if (c == '/') {
            if (escape)
                return "~ must be followed by 0 or 1";
            continue;
        }
        if (escape) {
            escape = 0;
            if (c != '0' && c != '1')
                return "~ must be followed by 0 or 1";
            continue;
        }
        if (c == '~')
            escape = 1;
        else if (!(c <= 0x2E || (c >= 0x30 && c <= 0x7D) || (c >= 0x7F && c <= 0x10FFFF)))
            return with_rune(arena, "invalid character ", c, "");
    }
    return escape ? "~ must be followed by 0 or 1" : NULL;
}

static const char *relative_json_pointer(celm_arena *arena, const char *text, size_t len)
{
    size_t digits = 0;
    while (digits < len && text[digits] >= '0' && text[digits] <= '9')
        digits++;
    if (digits == 0)
        return "must start with non-negative integer";
    if (digits > 1 && text[0] == '0')
        return "starts with zero";
    if (len - digits == 1 && text[digits] == '#')
        return NULL;
    return json_pointer(arena, text + digits, len - digits);
}

static int is_hex(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static const char *uuid(celm_arena *arena, const char *text, size_t len)
{
    static const size_t sizes[] = {8, 4, 4, 4, 12};
    size_t groups = 1;
    for (size_t i = 0; i < len; i++)
        groups += text[i] == '-';
    if (groups != 5)
        return "must have 5 elements";
    size_t start = 0;
    for (int group = 0; group < 5; group++) {
        const char *dash = memchr(text + start, '-', len - start);
        size_t size = dash ? (size_t)(dash - (text + start)) : len - start;
        if (size != sizes[group])
            return celm_arena_printf(arena, "element %d must be %zu characters long", group + 1, sizes[group]);
        for (size_t at = start; at < start + size;) {
            int width;
            uint32_t c = rune_at(text, len, at, &width);
            if (!is_hex(c))
                return with_rune(arena, "non-hex character ", c, "");
            at += (size_t)width;
        }
        start += size + 1;
    }
    return NULL;
}

static const char *hostname(celm_arena *arena, const char *text, size_t len)
{
    if (len > 0 && text[len - 1] == '.')
        len--;
    if (len > 253)
        return "more than 253 characters long";
    for (size_t start = 0; start <= len;) {
        const char *dot = memchr(text + start, '.', len - start);
        size_t label = dot ? (size_t)(dot - (text + start)) : len - start;
        if (label < 1 || label > 63)
            return "label must be 1 to 63 characters long";
        if (text[start] == '-')
            return "label starts with hyphen";
        if (text[start + label - 1] == '-')
            return "label ends with hyphen";
        for (size_t at = start; at < start + label;) {
            int width;
            uint32_t c = rune_at(text, len, at, &width);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
                return with_rune(arena, "invalid character ", c, "");
            at += (size_t)width;
        }
        start += label + 1;
    }
    return NULL;
}

static const char *email_local(celm_arena *arena, const char *local, size_t len)
{
    if (len > 1 && local[0] == '"') {
        for (size_t i = 1; i + 1 < len; i++)
            if (local[i] == '\\' || local[i] == '"')
                return "backslash and quote are not allowed within quoted local part";
        return NULL;
    }
    if (len && local[0] == '.')
        return "starts with dot";
    if (len && local[len - 1] == '.')
        return "ends with dot";
    for (size_t i = 0; i + 1 < len; i++)
        if (local[i] == '.' && local[i + 1] == '.')
            return "consecutive dots";
    for (size_t at = 0; at < len;) {
        int width;
        uint32_t c = rune_at(local, len, at, &width);
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              (c < 0x80 && c && strchr(".!#$%&'*+-/=?^_`{|}~", (int)c))))
            return with_rune(arena, "invalid character ", c, "");
        at += (size_t)width;
    }
    return NULL;
}

static const char *email(celm_arena *arena, const char *text, size_t len)
{
    if (len > 254)
        return "more than 255 characters long";
    const char *at = NULL;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '@')
            at = text + i;
    if (!at)
        return "missing @";
    size_t local_len = (size_t)(at - text);
    const char *domain = at + 1;
    size_t domain_len = len - local_len - 1;
    if (local_len > 64)
        return "local part more than 64 characters long";
    const char *problem = email_local(arena, text, local_len);
    if (problem)
        return problem;
    if (domain_len >= 1 && domain[0] == '[' && domain[domain_len - 1] == ']') {
        const char *inside = domain_len >= 2 ? domain + 1 : domain;
        size_t inside_len = domain_len >= 2 ? domain_len - 2 : 0;
        if (inside_len >= 5 && strncmp(inside, "IPv6:", 5) == 0) {
            problem = jsonschema_format_ipv6(arena, inside + 5, inside_len - 5);
            return problem ? celm_arena_printf(arena, "invalid ipv6 address: %s", problem) : NULL;
        }
        problem = jsonschema_format_ipv4(arena, inside, inside_len);
        return problem ? celm_arena_printf(arena, "invalid ipv4 address: %s", problem) : NULL;
    }
    problem = hostname(arena, domain, domain_len);
    return problem ? celm_arena_printf(arena, "invalid domain: %s", problem) : NULL;
}

/* parseURL: url.Parse plus the check that an IPv6 host is bracketed and valid. */
static const char *parse_url(celm_arena *arena, const char *text, size_t len, int *absolute, const char **path)
{
    const char *copy = celm_arena_strndup(arena, text, len), *host;
    const char *problem = jsonschema_url_check(arena, copy, absolute, &host, path);
    if (problem)
        return problem;
    const char *name = host, *end = host + strlen(host);
    if (*host == '[') {
        name = host + 1;
        const char *close = strchr(host, ']');
        end = close ? close : end;
    } else {
        const char *colon = strchr(host, ':');
        end = colon ? colon : end;
    }
    if (!memchr(name, ':', (size_t)(end - name)))
        return NULL;
    if (!strchr(host, '[') || !strchr(host, ']'))
        return "ipv6 address not enclosed in brackets";
    problem = jsonschema_format_ipv6(arena, name, (size_t)(end - name));
    return problem ? celm_arena_printf(arena, "invalid ipv6 address: %s", problem) : NULL;
}

static const char *uri(celm_arena *arena, const char *text, size_t len)
{
    int absolute;
    const char *path;
    const char *problem = parse_url(arena, text, len, &absolute, &path);
    return problem ? problem : (absolute ? NULL : "relative url");
}

static const char *uri_reference(celm_arena *arena, const char *text, size_t len)
{
    if (memchr(text, '\\', len))
        return "contains \\";
    int absolute;
    const char *path;
    return parse_url(arena, text, len, &absolute, &path);
}

static const char *uri_template(celm_arena *arena, const char *text, size_t len)
{
    int absolute;
    const char *path;
    const char *problem = parse_url(arena, text, len, &absolute, &path);
    if (problem)
        return problem;
    int open = 0;
    for (const char *c = path; *c; c++) {
        if (*c == '/') {
            if (open)
                return "no matching closing brace";
            continue;
        }
        if (*c != '{' && *c != '}')
            continue;
        if ((*c == '{') == open)
            return "nested curly braces";
        open = !open;
    }
    return open ? "no matching closing brace" : NULL;
}

static const char *semver_identifiers(celm_arena *arena, const char *text, size_t len, int build)
{
    for (size_t start = 0; start <= len;) {
        const char *dot = memchr(text + start, '.', len - start);
        size_t size = dot ? (size_t)(dot - (text + start)) : len - start;
        if (size == 0)
            return build ? "build identifier is empty" : "pre-release identifier is empty";
        int digits_only = 1;
        for (size_t at = start; at < start + size;) {
            int width;
            uint32_t c = rune_at(text, len, at, &width);
            if (!(c >= '0' && c <= '9')) {
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-'))
                    return with_rune(arena, "invalid character ", c,
                                     build ? " in build identifier" : " in pre-release identifier");
                digits_only = 0;
            }
            at += (size_t)width;
        }
        if (!build && digits_only && size > 1 && text[start] == '0')
            return "pre-release numeric identifier starts with zero";
        start += size + 1;
    }
    return NULL;
}

static const char *semver(celm_arena *arena, const char *text, size_t len)
{
    const char *plus = memchr(text, '+', len), *problem;
    if (plus) {
        size_t build = len - (size_t)(plus - text) - 1;
        if (build == 0)
            return "build is empty";
        if ((problem = semver_identifiers(arena, plus + 1, build, 1)) != NULL)
            return problem;
        len = (size_t)(plus - text);
    }
    const char *dash = memchr(text, '-', len);
    if (dash) {
        if ((problem = semver_identifiers(arena, dash + 1, len - (size_t)(dash - text) - 1, 0)) != NULL)
            return problem;
        len = (size_t)(dash - text);
    }
    static const char *const names[] = {"major", "minor", "patch"};
    size_t parts = 1;
    for (size_t i = 0; i < len; i++)
        parts += text[i] == '.';
    if (parts != 3)
        return "versionCore must have 3 numbers separated by dot";
    for (size_t start = 0, part = 0; part < 3; part++) {
        const char *dot = memchr(text + start, '.', len - start);
        size_t size = dot ? (size_t)(dot - (text + start)) : len - start;
        if (size == 0)
            return celm_arena_printf(arena, "%s is empty", names[part]);
        if (size > 1 && text[start] == '0')
            return celm_arena_printf(arena, "%s starts with zero", names[part]);
        for (size_t i = start; i < start + size; i++)
            if (text[i] < '0' || text[i] > '9')
                return celm_arena_printf(arena, "%s contains non-digit", names[part]);
        start += size + 1;
    }
    return NULL;
}

const char *jsonschema_format_regex(celm_arena *arena, const char *text, size_t len)
{
    const char *message = NULL;
    return celm_go_regex_compile(arena, text, len, &message) ? NULL : message;
}

jsonschema_format_check jsonschema_format_find(const char *name)
{
    static const struct {
        const char *name;
        jsonschema_format_check check;
    } formats[] = {
        {"json-pointer", json_pointer}, {"relative-json-pointer", relative_json_pointer}, {"uuid", uuid},
        {"duration", jsonschema_format_duration}, {"period", jsonschema_format_period},
        {"ipv4", jsonschema_format_ipv4}, {"ipv6", jsonschema_format_ipv6}, {"hostname", hostname},
        {"email", email}, {"date", jsonschema_format_date}, {"time", jsonschema_format_time},
        {"date-time", jsonschema_format_date_time}, {"uri", uri}, {"iri", uri},
        {"uri-reference", uri_reference}, {"iri-reference", uri_reference}, {"uri-template", uri_template},
        {"semver", semver},
    };
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(formats[i].name, name) == 0)
            return formats[i].check;
    return NULL;
}
