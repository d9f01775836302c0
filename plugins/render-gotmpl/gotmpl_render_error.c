/* gotmpl_render_error.c: Helm v4's reformatExecErrorMsg: a template error chain as a multi-line trace. */
#include <stdio.h>
#include <string.h>

#include "gotmpl_render.h"

#define WARN_START "HELM_ERR_START"
#define WARN_END "HELM_ERR_END"

typedef struct trace_entry {
    const char *location, *function, *message;
    size_t location_len, function_len, message_len;
} trace_entry;

typedef struct text_out {
    char *data;
    size_t len, capacity;
} text_out;

static void put(text_out *out, const char *text, size_t len)
{
    size_t room = out->capacity - out->len;
    if (len >= room)
        len = room ? room - 1 : 0;
    memcpy(out->data + out->len, text, len);
    out->len += len;
    out->data[out->len] = '\0';
}

static const char *find(const char *text, size_t len, const char *needle)
{
    size_t needle_len = strlen(needle);
    for (size_t at = 0; at + needle_len <= len; at++)
        if (memcmp(text + at, needle, needle_len) == 0)
            return text + at;
    return NULL;
}

/* The message up to a chained " template:" (Go cuts it there). */
static size_t cut_message(const char *message, size_t len)
{
    const char *chained = find(message, len, " template:");
    return chained ? (size_t)(chained - message) : len;
}

/* parseTemplateExecErrorString: one level of the chain; 0 when it is not a template error. */
static int parse_level(const char *text, size_t len, trace_entry *entry)
{
    memset(entry, 0, sizeof *entry);
    if (len < 10 || memcmp(text, "template: ", 10) != 0)
        return 0;
    const char *rest = text + 10;
    size_t rest_len = len - 10;
    if (rest_len >= 12 && memcmp(rest, "no template ", 12) == 0) {
        entry->message = text, entry->message_len = len;
        return 1;
    }
    const char *executing = find(rest, rest_len, ": executing \"");
    if (executing) {
        const char *name = executing + 13, *end = rest + rest_len;
        const char *quote = memchr(name, '"', (size_t)(end - name));
        if (!quote || (size_t)(end - quote) < 6 || memcmp(quote + 1, " at <", 5) != 0)
            return 0;
        const char *location_end = find(quote + 6, (size_t)(end - quote - 6), ">: ");
        if (!location_end)
            return 0;
        entry->location = rest, entry->location_len = (size_t)(executing - rest);
        entry->function = executing + 2, entry->function_len = (size_t)(location_end + 2 - (executing + 2));
        entry->message = location_end + 3;
        entry->message_len = cut_message(entry->message, (size_t)(end - entry->message));
        return 1;
    }
    const char *separator = NULL;
    for (const char *at = rest; (at = find(at, (size_t)(rest + rest_len - at), ": ")) != NULL; at++)
        separator = at;
    if (!separator)
        return 0;
    entry->location = rest, entry->location_len = (size_t)(separator - rest);
    entry->message = separator + 2;
    entry->message_len = cut_message(entry->message, (size_t)(rest + rest_len - entry->message));
    return 1;
}

static int same_entry(const trace_entry *a, const trace_entry *b)
{
    return a->location_len == b->location_len && a->function_len == b->function_len &&
           a->message_len == b->message_len && !memcmp(a->location, b->location, a->location_len) &&
           !memcmp(a->function, b->function, a->function_len) && !memcmp(a->message, b->message, a->message_len);
}

static void format_entry(text_out *out, const trace_entry *entry)
{
    if (entry->location_len)
        put(out, entry->location, entry->location_len), put(out, "\n  ", 3);
    if (entry->function_len)
        put(out, entry->function, entry->function_len), put(out, "\n    ", 5);
    if (entry->message_len)
        put(out, entry->message, entry->message_len), put(out, "\n", 1);
}

/* The next level of Go's error chain: what follows "error calling NAME: " in the message. */
static const char *next_level(const trace_entry *entry, const char *end)
{
    if (!entry->function_len || entry->message_len < 14 || memcmp(entry->message, "error calling ", 14) != 0)
        return NULL;
    const char *colon = find(entry->message, (size_t)(end - entry->message), ": ");
    return colon ? colon + 2 : NULL;
}

static void trim_trailing_space(text_out *out)
{
    while (out->len && strchr(" \t\n\r\v\f", out->data[out->len - 1]))
        out->data[--out->len] = '\0';
}

void gotmpl_render_format_error(const char *filename, const char *go_error, char *buffer, size_t size)
{
    text_out out = {buffer, 0, size};
    buffer[0] = '\0';
    size_t len = strlen(go_error);
    const char *first = find(go_error, len, ": "), *second = first ? find(first + 2, len - (size_t)(first + 2 - go_error), ": ") : NULL;
    if (!second) {
        snprintf(buffer, size, "execution error in (%s): %s", filename, go_error);
        return;
    }
    const char *warn = find(second + 2, len - (size_t)(second + 2 - go_error), WARN_START);
    const char *warn_end = warn ? find(warn, len - (size_t)(warn - go_error), WARN_END) : NULL;
    if (warn && warn_end) {
        snprintf(buffer, size, "execution error at (%.*s): %.*s", (int)(second - first - 2), first + 2,
                 (int)(warn_end - warn - strlen(WARN_START)), warn + strlen(WARN_START));
        return;
    }
    trace_entry previous = {0}, entry;
    int have_previous = 0;
    for (const char *level = go_error; level; level = next_level(&entry, go_error + len)) {
        if (!parse_level(level, len - (size_t)(level - go_error), &entry)) {
            snprintf(buffer, size, "%s", go_error);
            return;
        }
        if (!have_previous || !same_entry(&previous, &entry))
            format_entry(&out, &entry);
        previous = entry, have_previous = 1;
    }
    trim_trailing_space(&out);
}
