/* gotmpl_fmt_printf.c: Go's fmt.Sprintf for template values: the format string (flags, width,
 * precision, argument indexes), each verb applied to each Go type, and fmt's error texts. */
#include <string.h>

#include "gotmpl_fmt.h"
#include "gotmpl_fmt_printf.h"
#include "gotmpl_time.h"
#include "gotmpl_unicode.h"

typedef struct printer {
    gotmpl_fmt_state state;
    gotmpl_runtime *runtime;
    int erroring;       /* inside a %!verb(type=value): methods are not called */
} printer;

static void print_value(printer *p, const gotmpl_value *value, uint32_t verb, int depth);

static void put(printer *p, const char *text)
{
    gotmpl_buffer_puts(p->state.out, text);
}

static int is_nil(const gotmpl_value *value)
{
    return value->type == GT_NIL || value->type == GT_INVALID;
}

/* %!verb(type=value), or %!verb(<nil>). */
static void bad_verb(printer *p, const gotmpl_value *value, uint32_t verb)
{
    p->erroring = 1;
    put(p, "%!");
    gotmpl_buffer_put_rune(p->state.out, verb);
    put(p, "(");
    if (is_nil(value)) {
        put(p, "<nil>");
    } else {
        put(p, gotmpl_type_name(value));
        put(p, "=");
        print_value(p, value, 'v', 0);
    }
    put(p, ")");
    p->erroring = 0;
}

static void print_integer(printer *p, const gotmpl_value *value, uint32_t verb)
{
    int is_signed = value->type == GT_INT || value->type == GT_INT64 || value->type == GT_INT32;
    uint64_t bits = is_signed ? (uint64_t)value->as.integer
                              : value->type == GT_UINT8 ? (uint64_t)value->as.integer : value->as.unsigned_integer;
    gotmpl_fmt_state *s = &p->state;
    switch (verb) {
    case 'v':
        if (s->flags.sharp_v && !is_signed) {
            uint8_t sharp = s->flags.sharp;
            s->flags.sharp = 1;
            gotmpl_fmt_integer(s, bits, 16, 0, 'v', 0);
            s->flags.sharp = sharp;
        } else {
            gotmpl_fmt_integer(s, bits, 10, is_signed, verb, 0);
        }
        break;
    case 'd': gotmpl_fmt_integer(s, bits, 10, is_signed, verb, 0); break;
    case 'b': gotmpl_fmt_integer(s, bits, 2, is_signed, verb, 0); break;
    case 'o': case 'O': gotmpl_fmt_integer(s, bits, 8, is_signed, verb, 0); break;
    case 'x': gotmpl_fmt_integer(s, bits, 16, is_signed, verb, 0); break;
    case 'X': gotmpl_fmt_integer(s, bits, 16, is_signed, verb, 1); break;
    case 'c': gotmpl_fmt_character(s, bits); break;
    case 'q': gotmpl_fmt_quoted_character(s, bits); break;
    case 'U': gotmpl_fmt_unicode(s, bits); break;
    default: bad_verb(p, value, verb); break;
    }
}

static void print_float(printer *p, const gotmpl_value *value, uint32_t verb)
{
    switch (verb) {
    case 'v': gotmpl_fmt_float(&p->state, value->as.real, 'g', -1); break;
    case 'b': case 'g': case 'G': case 'x': case 'X': gotmpl_fmt_float(&p->state, value->as.real, (char)verb, -1); break;
    case 'f': case 'e': case 'E': gotmpl_fmt_float(&p->state, value->as.real, (char)verb, 6); break;
    case 'F': gotmpl_fmt_float(&p->state, value->as.real, 'f', 6); break;
    default: bad_verb(p, value, verb); break;
    }
}

/* fmtString: what %v, %s, %x, %X and %q make of a string (or of a String() result). Returns 0
 * for other verbs. */
static int print_string_text(printer *p, const char *text, size_t len, uint32_t verb)
{
    switch (verb) {
    case 'v':
        if (p->state.flags.sharp_v)
            gotmpl_fmt_quoted_string(&p->state, text, len);
        else
            gotmpl_fmt_string(&p->state, text, len);
        return 1;
    case 's': gotmpl_fmt_string(&p->state, text, len); return 1;
    case 'x': gotmpl_fmt_hex_string(&p->state, text, len, 0); return 1;
    case 'X': gotmpl_fmt_hex_string(&p->state, text, len, 1); return 1;
    case 'q': gotmpl_fmt_quoted_string(&p->state, text, len); return 1;
    default: return 0;
    }
}

static void print_byte_elements(printer *p, const celm_string *bytes, uint32_t verb, const char *type_name)
{
    if (p->state.flags.sharp_v) {
        put(p, type_name);
        put(p, "{");
        for (size_t i = 0; i < bytes->len; i++) {
            if (i)
                put(p, ", ");
            gotmpl_value item = gotmpl_int(GT_UINT8, (unsigned char)bytes->data[i]);
            print_value(p, &item, verb, 1);
        }
        put(p, "}");
        return;
    }
    put(p, "[");
    for (size_t i = 0; i < bytes->len; i++) {
        if (i)
            put(p, " ");
        gotmpl_value item = gotmpl_int(GT_UINT8, (unsigned char)bytes->data[i]);
        print_value(p, &item, verb == 'v' ? 'd' : verb, 1);
    }
    put(p, "]");
}

/* []byte: as text for %s %q %x %X, else element by element (fmtBytes and printValue). */
static void print_bytes(printer *p, const celm_string *bytes, uint32_t verb, int depth)
{
    switch (verb) {
    case 's': gotmpl_fmt_string(&p->state, bytes->data, bytes->len); break;
    case 'q': gotmpl_fmt_quoted_string(&p->state, bytes->data, bytes->len); break;
    case 'x': gotmpl_fmt_hex_string(&p->state, bytes->data, bytes->len, 0); break;
    case 'X': gotmpl_fmt_hex_string(&p->state, bytes->data, bytes->len, 1); break;
    default:   /* fmtBytes names the type []byte for %v and %d; printValue says []uint8 */
        print_byte_elements(p, bytes, verb, depth == 0 && (verb == 'v' || verb == 'd') ? "[]byte" : "[]uint8");
        break;
    }
}

/* An element held in an interface{}: nil prints as <nil> whatever the verb. */
static void print_element(printer *p, const gotmpl_value *item, int in_interface, uint32_t verb, int depth)
{
    if (in_interface && is_nil(item))
        put(p, p->state.flags.sharp_v ? "interface {}(nil)" : "<nil>");
    else
        print_value(p, item, verb, depth);
}

static void print_list(printer *p, const gotmpl_value *value, uint32_t verb, int depth)
{
    int sharp_v = p->state.flags.sharp_v;
    if (sharp_v) {
        put(p, gotmpl_type_name(value));
        put(p, "{");
    } else {
        put(p, "[");
    }
    size_t count = gotmpl_list_len(value->as.list);
    for (size_t i = 0; i < count; i++) {
        if (i)
            put(p, sharp_v ? ", " : " ");
        gotmpl_value item = gotmpl_list_get(p->runtime, value->as.list, i);
        print_element(p, &item, value->type == GT_LIST, verb, depth + 1);
    }
    put(p, sharp_v ? "}" : "]");
}

static void print_map(printer *p, const gotmpl_value *value, uint32_t verb, int depth)
{
    int sharp_v = p->state.flags.sharp_v;
    if (sharp_v) {
        put(p, gotmpl_type_name(value));
        put(p, "{");
    } else {
        put(p, "map[");
    }
    size_t count = 0;
    const celm_string *keys = gotmpl_map_keys(p->runtime, value->as.map, &count);
    for (size_t i = 0; keys && i < count; i++) {
        if (i)
            put(p, sharp_v ? ", " : " ");
        gotmpl_value key = gotmpl_string(keys[i].data, keys[i].len), item = gotmpl_nil();
        print_value(p, &key, verb, depth + 1);
        put(p, ":");
        gotmpl_map_get(p->runtime, value->as.map, keys[i].data, keys[i].len, &item);
        print_element(p, &item, value->type == GT_MAP, verb, depth + 1);
    }
    put(p, sharp_v ? "}" : "]");
}

/* Types with a String() method (times, objects): Go calls it for %v %s %x %X %q. */
static void print_stringer(printer *p, const gotmpl_value *value, uint32_t verb)
{
    celm_string text = {"", 0};
    if (value->type == GT_TIME)
        gotmpl_time_string(p->runtime, value->as.time, &text);
    else if (value->as.object->class_->format)
        value->as.object->class_->format(p->runtime, value->as.object, &text);
    else
        text.data = gotmpl_type_name(value), text.len = strlen(text.data);
    if (p->erroring)
        gotmpl_fmt_string(&p->state, text.data, text.len);
    else if (!print_string_text(p, text.data, text.len, verb == 'v' && p->state.flags.sharp_v ? 's' : verb))
        bad_verb(p, value, verb);
}

static void print_value(printer *p, const gotmpl_value *value, uint32_t verb, int depth)
{
    switch (value->type) {
    case GT_BOOL:
        if (verb == 't' || verb == 'v')
            gotmpl_fmt_boolean(&p->state, value->as.boolean);
        else
            bad_verb(p, value, verb);
        break;
    case GT_INT: case GT_INT64: case GT_INT32: case GT_UINT8: case GT_UINT32: case GT_UINT64:
        print_integer(p, value, verb);
        break;
    case GT_FLOAT64: print_float(p, value, verb); break;
    case GT_STRING:
        if (!print_string_text(p, value->as.string.data, value->as.string.len, verb))
            bad_verb(p, value, verb);
        break;
    case GT_BYTES: print_bytes(p, &value->as.string, verb, depth); break;
    case GT_LIST: case GT_STRING_LIST: case GT_INT_LIST: print_list(p, value, verb, depth); break;
    case GT_MAP: case GT_STRING_MAP: print_map(p, value, verb, depth); break;
    case GT_TIME: case GT_OBJECT: print_stringer(p, value, verb); break;
    default:
        if (verb == 'v')
            gotmpl_fmt_pad(&p->state, "<nil>", 5);
        else
            bad_verb(p, value, verb);
        break;
    }
}

/* printArg: one operand at the top level. */
static void print_argument(printer *p, const gotmpl_value *value, uint32_t verb)
{
    if (is_nil(value)) {
        if (verb == 'T' || verb == 'v')
            gotmpl_fmt_pad(&p->state, "<nil>", 5);
        else
            bad_verb(p, value, verb);
        return;
    }
    if (verb == 'T') {
        const char *name = gotmpl_type_name(value);
        gotmpl_fmt_string(&p->state, name, strlen(name));
        return;
    }
    /* Types outside fmt's basic switch go through handleMethods, where %w is always bad. */
    if (verb == 'w' && value->type >= GT_LIST) {
        bad_verb(p, value, verb);
        return;
    }
    print_value(p, value, verb, 0);
}

/* --- the format string --------------------------------------------------------------------- */
#define TOO_LARGE 1000000

/* A decimal number at format[start..end): 1 and *number, *next when there are digits. */
static int parse_number(const char *format, size_t start, size_t end, int *number, size_t *next)
{
    int value = 0, found = 0;
    size_t i = start;
    for (; i < end && format[i] >= '0' && format[i] <= '9'; i++) {
        if (value > TOO_LARGE || value < -TOO_LARGE) {
            *number = 0, *next = end;
            return 0;
        }
        value = value * 10 + (format[i] - '0');
        found = 1;
    }
    *number = found ? value : 0;
    *next = i;
    return found;
}

/* intFromArg: an int-kind argument for '*'. */
static int integer_argument(const gotmpl_value *args, size_t count, size_t *arg_index, int *out)
{
    *out = 0;
    if (*arg_index >= count)
        return 0;
    const gotmpl_value *value = &args[(*arg_index)++];
    int64_t number = 0;
    int ok = 1;
    switch (value->type) {
    case GT_INT: case GT_INT64: case GT_INT32: case GT_UINT8: number = value->as.integer; break;
    case GT_UINT32: case GT_UINT64:
        ok = value->as.unsigned_integer <= (uint64_t)INT64_MAX;
        number = (int64_t)value->as.unsigned_integer;
        break;
    default: ok = 0; break;
    }
    if (!ok || number > TOO_LARGE || number < -TOO_LARGE)
        return 0;
    *out = (int)number;
    return 1;
}

typedef struct format_cursor {
    const char *format;
    size_t end, i;
    size_t arg_index, arg_count;
    int reordered, good_arg_index, after_index;
} format_cursor;

/* argNumber: an optional [n] argument index at the cursor. */
static void argument_index(format_cursor *c)
{
    c->after_index = 0;
    if (c->i >= c->end || c->format[c->i] != '[')
        return;
    c->reordered = 1;
    size_t width = 1;
    int number = 0, ok = 0;
    if (c->end - c->i >= 3) {
        for (size_t j = c->i + 1; j < c->end; j++) {
            if (c->format[j] != ']')
                continue;
            size_t next;
            ok = parse_number(c->format, c->i + 1, j, &number, &next) && next == j;
            width = j - c->i + 1;
            break;
        }
    }
    c->i += width;
    if (ok && number - 1 >= 0 && (size_t)(number - 1) < c->arg_count) {
        c->arg_index = (size_t)(number - 1);
        c->after_index = 1;
        return;
    }
    c->good_arg_index = 0;
    c->after_index = ok;
}

/* Flags up to the verb; returns 1 when a verb at once followed the flags (the fast path). */
static int parse_flags(format_cursor *c, gotmpl_fmt_flags *f)
{
    for (; c->i < c->end; c->i++) {
        switch (c->format[c->i]) {
        case '#': f->sharp = 1; break;
        case '0': f->zero = 1; break;
        case '+': f->plus = 1; break;
        case '-': f->minus = 1; break;
        case ' ': f->space = 1; break;
        default: {
            char verb = c->format[c->i];
            return verb >= 'a' && verb <= 'z' && c->arg_index < c->arg_count;
        }
        }
    }
    return 0;
}

static void parse_width(printer *p, format_cursor *c, const gotmpl_value *args)
{
    gotmpl_fmt_flags *f = &p->state.flags;
    if (c->i < c->end && c->format[c->i] == '*') {
        c->i++;
        f->width_present = (uint8_t)integer_argument(args, c->arg_count, &c->arg_index, &f->width);
        if (!f->width_present)
            put(p, "%!(BADWIDTH)");
        if (f->width < 0) {
            f->width = -f->width;
            f->minus = 1;
            f->zero = 0;
        }
        c->after_index = 0;
        return;
    }
    f->width_present = (uint8_t)parse_number(c->format, c->i, c->end, &f->width, &c->i);
    if (c->after_index && f->width_present)
        c->good_arg_index = 0;
}

static void parse_precision(printer *p, format_cursor *c, const gotmpl_value *args)
{
    gotmpl_fmt_flags *f = &p->state.flags;
    if (!(c->i + 1 < c->end && c->format[c->i] == '.'))
        return;
    c->i++;
    if (c->after_index)
        c->good_arg_index = 0;
    argument_index(c);
    if (c->i < c->end && c->format[c->i] == '*') {
        c->i++;
        f->precision_present = (uint8_t)integer_argument(args, c->arg_count, &c->arg_index, &f->precision);
        if (f->precision < 0) {
            f->precision = 0;
            f->precision_present = 0;
        }
        if (!f->precision_present)
            put(p, "%!(BADPREC)");
        c->after_index = 0;
        return;
    }
    f->precision_present = (uint8_t)parse_number(c->format, c->i, c->end, &f->precision, &c->i);
    if (!f->precision_present) {
        f->precision = 0;
        f->precision_present = 1;
    }
}

static void move_flags_to_v(gotmpl_fmt_flags *f)
{
    f->sharp_v = f->sharp;
    f->sharp = 0;
    f->plus_v = f->plus;
    f->plus = 0;
}

static void print_verb(printer *p, format_cursor *c, const gotmpl_value *args)
{
    size_t width = 1;
    uint32_t verb = (unsigned char)c->format[c->i];
    if (verb >= 0x80)
        verb = celm_gotmpl_utf8_decode(c->format + c->i, c->end - c->i, &width);
    c->i += width;
    if (verb == '%') {
        put(p, "%");
    } else if (!c->good_arg_index) {
        put(p, "%!");
        gotmpl_buffer_put_rune(p->state.out, verb);
        put(p, "(BADINDEX)");
    } else if (c->arg_index >= c->arg_count) {
        put(p, "%!");
        gotmpl_buffer_put_rune(p->state.out, verb);
        put(p, "(MISSING)");
    } else {
        if (verb == 'v' || verb == 'w')
            move_flags_to_v(&p->state.flags);
        print_argument(p, &args[c->arg_index++], verb);
    }
}

/* One %-directive; returns 0 when the format ended before its verb. */
static int print_directive(printer *p, format_cursor *c, const gotmpl_value *args)
{
    memset(&p->state.flags, 0, sizeof p->state.flags);
    if (parse_flags(c, &p->state.flags)) {
        uint32_t verb = (unsigned char)c->format[c->i];
        if (verb == 'v' || verb == 'w')
            move_flags_to_v(&p->state.flags);
        print_argument(p, &args[c->arg_index++], verb);
        c->i++;
        return 1;
    }
    argument_index(c);
    parse_width(p, c, args);
    parse_precision(p, c, args);
    if (!c->after_index)
        argument_index(c);
    if (c->i >= c->end) {
        put(p, "%!(NOVERB)");
        return 0;
    }
    print_verb(p, c, args);
    return 1;
}

static void print_extra_arguments(printer *p, const gotmpl_value *args, size_t from, size_t count)
{
    memset(&p->state.flags, 0, sizeof p->state.flags);
    put(p, "%!(EXTRA ");
    for (size_t i = from; i < count; i++) {
        if (i > from)
            put(p, ", ");
        if (is_nil(&args[i])) {
            put(p, "<nil>");
            continue;
        }
        put(p, gotmpl_type_name(&args[i]));
        put(p, "=");
        print_argument(p, &args[i], 'v');
    }
    put(p, ")");
}

int gotmpl_fmt_sprintf(gotmpl_runtime *runtime, const char *format, size_t format_len, const gotmpl_value *args,
                       size_t count, celm_string *out)
{
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, runtime);
    printer p = {{&buffer, {0}}, runtime, 0};
    format_cursor c = {format, format_len, 0, 0, count, 0, 1, 0};
    while (c.i < c.end) {
        c.good_arg_index = 1;
        size_t start = c.i;
        while (c.i < c.end && format[c.i] != '%')
            c.i++;
        gotmpl_buffer_put(&buffer, format + start, c.i - start);
        if (c.i >= c.end)
            break;
        c.i++;
        if (!print_directive(&p, &c, args))
            break;
    }
    if (!c.reordered && c.arg_index < count)
        print_extra_arguments(&p, args, c.arg_index, count);
    return gotmpl_buffer_finish(&buffer, out);
}
