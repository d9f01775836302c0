/* jsonschema_format_net.c: the ipv4 and ipv6 formats, with Go's strconv and netip error texts. */
#include <stdlib.h>
#include <string.h>

#include "go_quote.h"
#include "jsonschema_internal.h"

static const char *quoted(celm_arena *arena, const char *text, size_t len)
{
    celm_buffer out;
    celm_buffer_init(&out);
    celm_go_quote(&out, text, len);
    celm_string result;
    return celm_buffer_finish(&out, arena, &result) == 0 ? result.data : "\"\"";
}

/* strconv.Atoi's result for one dotted group: 0 with *value, or Go's error text. */
static const char *atoi_group(celm_arena *arena, const char *text, size_t len, long *value)
{
    size_t at = 0;
    int negative = 0;
    if (len > 0 && (text[0] == '+' || text[0] == '-'))
        negative = text[at++] == '-';
    if (at == len)
        return celm_arena_printf(arena, "strconv.Atoi: parsing %s: invalid syntax", quoted(arena, text, len));
    long result = 0;
    int overflow = 0;
    for (; at < len; at++) {
        if (text[at] < '0' || text[at] > '9')
            return celm_arena_printf(arena, "strconv.Atoi: parsing %s: invalid syntax", quoted(arena, text, len));
        if (result > 922337203685477580L)
            overflow = 1;
        else
            result = result * 10 + (text[at] - '0');
    }
    if (overflow)
        return celm_arena_printf(arena, "strconv.Atoi: parsing %s: value out of range", quoted(arena, text, len));
    *value = negative ? -result : result;
    return NULL;
}

const char *jsonschema_format_ipv4(celm_arena *arena, const char *text, size_t len)
{
    size_t groups = 1;
    for (size_t i = 0; i < len; i++)
        groups += text[i] == '.';
    if (groups != 4)
        return "expected four decimals";
    for (size_t start = 0; start <= len;) {
        const char *dot = memchr(text + start, '.', len - start);
        size_t group = dot ? (size_t)(dot - (text + start)) : len - start;
        if (group > 1 && text[start] == '0')
            return "leading zeros";
        long value = 0;
        const char *problem = atoi_group(arena, text + start, group, &value);
        if (problem)
            return problem;
        if (value < 0 || value > 255)
            return "decimal must be between 0 and 255";
        start += group + 1;
    }
    return NULL;
}

static const char *addr_error(celm_arena *arena, const char *in, size_t len, const char *message, const char *at,
                              size_t at_len)
{
    if (!at)
        return celm_arena_printf(arena, "ParseAddr(%s): %s", quoted(arena, in, len), message);
    return celm_arena_printf(arena, "ParseAddr(%s): %s (at %s)", quoted(arena, in, len), message,
                             quoted(arena, at, at_len));
}

static const char *ipv4_fields(celm_arena *arena, const char *in, size_t in_len, size_t from, size_t to)
{
    const char *s = in + from;
    size_t len = to - from;
    int value = 0, position = 0, digits = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            if (digits == 1 && value == 0)
                return addr_error(arena, in, in_len, "IPv4 field has octet with leading zero", NULL, 0);
            value = value * 10 + (s[i] - '0');
            digits++;
            if (value > 255)
                return addr_error(arena, in, in_len, "IPv4 field has value >255", NULL, 0);
        } else if (s[i] == '.') {
            if (i == 0 || i == len - 1 || s[i - 1] == '.')
                return addr_error(arena, in, in_len, "IPv4 field must have at least one digit", s + i, len - i);
            if (position == 3)
                return addr_error(arena, in, in_len, "IPv4 address too long", NULL, 0);
            position++;
            value = digits = 0;
        } else {
            return addr_error(arena, in, in_len, "unexpected character", s + i, len - i);
        }
    }
    if (position < 3)
        return addr_error(arena, in, in_len, "IPv4 address too short", NULL, 0);
    return NULL;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* netip.parseIPv6 over s[0..len) (the zone already split off); in is the whole input. */
static const char *ipv6_groups(celm_arena *arena, const char *in, size_t in_len, const char *s, size_t len,
                               size_t zone_len)
{
    int ellipsis = -1, filled = 0;
    if (len >= 2 && s[0] == ':' && s[1] == ':') {
        ellipsis = 0;
        s += 2, len -= 2;
        if (len == 0)
            return NULL;
    }
    while (filled < 16) {
        size_t off = 0;
        unsigned value = 0;
        for (; off < len && hex_value(s[off]) >= 0; off++) {
            value = value * 16 + (unsigned)hex_value(s[off]);
            if (off > 3)
                return addr_error(arena, in, in_len, "each group must have 4 or less digits", s, len);
            if (value > 0xFFFF)
                return addr_error(arena, in, in_len, "IPv6 field has value >=2^16", s, len);
        }
        if (off == 0)
            return addr_error(arena, in, in_len, "each colon-separated field must have at least one digit", s, len);
        if (off < len && s[off] == '.') {
            if (ellipsis < 0 && filled != 12)
                return addr_error(arena, in, in_len,
                                  "embedded IPv4 address must replace the final 2 fields of the address", s, len);
            if (filled + 4 > 16)
                return addr_error(arena, in, in_len,
                                  "too many hex fields to fit an embedded IPv4 at the end of the address", s, len);
            size_t end = in_len - (zone_len ? zone_len + 1 : 0);
            const char *problem = ipv4_fields(arena, in, in_len, end - len, end);
            if (problem)
                return problem;
            len = 0;
            filled += 4;
            break;
        }
        filled += 2;
        s += off, len -= off;
        if (len == 0)
            break;
        if (s[0] != ':')
            return addr_error(arena, in, in_len, "unexpected character, want colon", s, len);
        if (len == 1)
            return addr_error(arena, in, in_len, "colon must be followed by more characters", s, len);
        s++, len--;
        if (s[0] == ':') {
            if (ellipsis >= 0)
                return addr_error(arena, in, in_len, "multiple :: in address", s, len);
            ellipsis = filled;
            s++, len--;
            if (len == 0)
                break;
        }
    }
    if (len != 0)
        return addr_error(arena, in, in_len, "trailing garbage after address", s, len);
    if (filled < 16 && ellipsis < 0)
        return addr_error(arena, in, in_len, "address string too short", NULL, 0);
    if (filled >= 16 && ellipsis >= 0)
        return addr_error(arena, in, in_len, "the :: must expand to at least one field of zeros", NULL, 0);
    return NULL;
}

const char *jsonschema_format_ipv6(celm_arena *arena, const char *text, size_t len)
{
    if (!memchr(text, ':', len))
        return "missing colon";
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '.')
            return ipv4_fields(arena, text, len, 0, len);
        if (text[i] == '%')
            return addr_error(arena, text, len, "missing IPv6 address", NULL, 0);
        if (text[i] == ':')
            break;
    }
    const char *percent = memchr(text, '%', len);
    size_t address_len = percent ? (size_t)(percent - text) : len;
    if (percent && address_len + 1 == len)
        return addr_error(arena, text, len, "zone must be a non-empty string", NULL, 0);
    const char *problem = ipv6_groups(arena, text, len, text, address_len, percent ? len - address_len - 1 : 0);
    if (problem)
        return problem;
    return percent ? "zone id is not a part of ipv6 address" : NULL;
}
