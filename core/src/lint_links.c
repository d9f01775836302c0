/* lint_links.c: the e-mail and URL tests helm lint applies to Chart.yaml (govalidator's rules). */
#include <ctype.h>
#include <string.h>

#include "lint_links.h"

/* Letters of the ranges govalidator admits beyond ASCII: any byte of a multi-byte UTF-8 rune. */
static int is_wide(unsigned char c)
{
    return c >= 0x80;
}

static int is_atom_char(unsigned char c)
{
    return isalnum(c) || is_wide(c) || (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

static int is_local_part(const char *text, size_t len)
{
    if (len >= 2 && text[0] == '"' && text[len - 1] == '"') {
        for (size_t i = 1; i + 1 < len; i++)
            if (text[i] == '"' || text[i] == '\\' || text[i] == '\n' || text[i] == '\r')
                return 0;
        return 1;
    }
    if (len == 0 || text[0] == '.' || text[len - 1] == '.')
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '.' ? text[i + 1] == '.' : !is_atom_char(c))
            return 0;
    }
    return 1;
}

/* One domain label: alphanumeric at both ends, '-', '.', '_' and '~' between (the last label:
 * letters at both ends). */
static int is_label(const char *text, size_t len, int last)
{
    if (len == 0)
        return 0;
    unsigned char first = (unsigned char)text[0], final = (unsigned char)text[len - 1];
    int edges = last ? (isalpha(first) || is_wide(first)) && (isalpha(final) || is_wide(final))
                     : (isalnum(first) || is_wide(first)) && (isalnum(final) || is_wide(final));
    if (!edges)
        return 0;
    for (size_t i = 1; i + 1 < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (!(isalnum(c) || is_wide(c) || c == '-' || c == '_' || c == '~'))
            return 0;
    }
    return 1;
}

static int is_domain(const char *text, size_t len)
{
    if (len && text[len - 1] == '.')
        len--;
    size_t labels = 0, start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && text[i] != '.')
            continue;
        if (!is_label(text + start, i - start, i == len))
            return 0;
        labels++;
        start = i + 1;
    }
    return labels >= 2;
}

int lint_is_email(const char *text)
{
    const char *at = strrchr(text, '@');
    if (!at)
        return 0;
    return is_local_part(text, (size_t)(at - text)) && is_domain(at + 1, strlen(at + 1));
}

static size_t scheme_length(const char *text)
{
    if (!isalpha((unsigned char)text[0]))
        return 0;
    size_t i = 1;
    while (isalnum((unsigned char)text[i]) || text[i] == '+' || text[i] == '-' || text[i] == '.')
        i++;
    return text[i] == ':' ? i : 0;
}

static int has_control_or_space(const char *text)
{
    for (const unsigned char *c = (const unsigned char *)text; *c; c++)
        if (*c <= ' ' || *c == 0x7F)
            return 1;
    return 0;
}

static int escapes_valid(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (text[i] == '%' && (i + 2 >= len || !isxdigit((unsigned char)text[i + 1]) ||
                               !isxdigit((unsigned char)text[i + 2])))
            return 0;
    return 1;
}

static int port_valid(const char *authority, size_t len)
{
    const char *colon = NULL;
    for (size_t i = 0; i < len; i++)
        if (authority[i] == ':')
            colon = authority + i;
        else if (authority[i] == ']' || authority[i] == '@')
            colon = NULL;
    if (!colon)
        return 1;
    for (const char *c = colon + 1; c < authority + len; c++)
        if (!isdigit((unsigned char)*c))
            return 0;
    return 1;
}

int lint_is_request_url(const char *text)
{
    size_t scheme = scheme_length(text);
    if (!scheme || strchr(text, '\x7F'))
        return 0;
    for (const unsigned char *c = (const unsigned char *)text; *c; c++)
        if (*c < ' ')
            return 0;
    const char *rest = text + scheme + 1;
    if (rest[0] != '/')
        return 0;
    size_t rest_len = strcspn(rest, "?");
    if (rest[1] == '/') {
        const char *authority = rest + 2;
        size_t len = strcspn(authority, "/?");
        if (!port_valid(authority, len) || !escapes_valid(authority, len))
            return 0;
    }
    return escapes_valid(rest, rest_len);
}

int lint_is_url(const char *text)
{
    size_t len = strlen(text);
    if (len <= 3 || len >= 2083 || text[0] == '.' || has_control_or_space(text))
        return 0;
    const char *host = text;
    const char *separator = strstr(text, "://");
    if (separator)
        host = separator + 3;
    const char *at = strchr(host, '@');
    if (at && at < host + strcspn(host, "/?#"))
        host = at + 1;
    size_t host_len = strcspn(host, ":/?#");
    if (host_len == 0 || host[0] == '.' || !escapes_valid(text, len))
        return 0;
    if (host[0] == '[')
        return strchr(host, ']') != NULL;
    for (size_t i = 0; i < host_len; i++) {
        unsigned char c = (unsigned char)host[i];
        if (!(isalnum(c) || is_wide(c) || c == '-' || c == '.' || c == '_'))
            return 0;
    }
    return port_valid(host, strcspn(host, "/?#"));
}
