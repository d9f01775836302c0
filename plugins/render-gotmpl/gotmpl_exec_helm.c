/* gotmpl_exec_helm.c: Helm's rewording of execution errors (engine.go's reformatExecErrorMsg):
 * required/fail messages as `execution error at (LOC): MESSAGE`, else a trace of the templates. */
#include <string.h>

#include "gotmpl_exec_internal.h"
#include "gotmpl_unicode.h"

typedef struct text_span {
    const char *data;
    size_t len;
} text_span;

/* Helm's TraceableError. */
typedef struct traceable {
    text_span location, message, executed;
    const char *executed_prefix;    /* `executing "` when executed names a function */
} traceable;

static text_span span(const char *data, size_t len)
{
    text_span out = {data, len};
    return out;
}

static const char *find(text_span text, const char *needle)
{
    return memmem(text.data, text.len, needle, strlen(needle));
}

static const char *find_last(text_span text, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = text.len; i >= n; i--)
        if (memcmp(text.data + i - n, needle, n) == 0)
            return text.data + i - n;
    return NULL;
}

/* The message up to " template:", where a chained error would start. */
static text_span message_before_chain(text_span message)
{
    const char *cut = find(message, " template:");
    return cut ? span(message.data, (size_t)(cut - message.data)) : message;
}

/* parseTemplateExecutingAtErrorType: NAME: executing "FUNC" at <NODE>: MESSAGE */
static int parse_executing(text_span rest, traceable *out)
{
    const char *cut = find(rest, ": executing ");
    if (!cut)
        return 0;
    text_span after = span(cut + 12, rest.len - (size_t)(cut + 12 - rest.data));
    if (!after.len || after.data[0] != '"')
        return 0;
    const char *close = memchr(after.data + 1, '"', after.len - 1);
    if (!close)
        return 0;
    text_span after_name = span(close + 1, after.len - (size_t)(close + 1 - after.data));
    if (after_name.len < 5 || memcmp(after_name.data, " at <", 5) != 0)
        return 0;
    text_span after_at = span(after_name.data + 5, after_name.len - 5);
    const char *end = find(after_at, ">: ");
    if (!end)
        return 0;
    out->location = span(rest.data, (size_t)(cut - rest.data));
    out->executed = span(after.data, (size_t)(end + 1 - after.data));   /* "FUNC" at <NODE> */
    out->message = message_before_chain(span(end + 3, after_at.len - (size_t)(end + 3 - after_at.data)));
    return 1;
}

/* parseTemplateExecErrorString. */
static int parse_link(const celm_string *link, traceable *out)
{
    memset(out, 0, sizeof *out);
    text_span text = span(link->data, link->len);
    if (text.len < 10 || memcmp(text.data, "template: ", 10) != 0)
        return 0;
    text_span rest = span(text.data + 10, text.len - 10);
    if (rest.len >= 12 && memcmp(rest.data, "no template ", 12) == 0) {
        out->message = text;
        return 1;
    }
    if (parse_executing(rest, out))
        return 1;
    const char *separator = find_last(rest, ": ");
    if (!separator)
        return 0;
    out->location = span(rest.data, (size_t)(separator - rest.data));
    out->message = message_before_chain(span(separator + 2, rest.len - (size_t)(separator + 2 - rest.data)));
    return 1;
}

static int span_equal(text_span a, text_span b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.data, b.data, a.len) == 0);
}

static int traceable_equal(const traceable *a, const traceable *b)
{
    return span_equal(a->location, b->location) && span_equal(a->message, b->message) &&
           span_equal(a->executed, b->executed);
}

static void put_traceable(gotmpl_buffer *out, const traceable *t)
{
    if (t->location.len) {
        gotmpl_buffer_put(out, t->location.data, t->location.len);
        gotmpl_buffer_puts(out, "\n  ");
    }
    if (t->executed.len) {
        gotmpl_buffer_puts(out, "executing ");
        gotmpl_buffer_put(out, t->executed.data, t->executed.len);
        gotmpl_buffer_puts(out, ":\n    ");
    }
    if (t->message.len) {
        gotmpl_buffer_put(out, t->message.data, t->message.len);
        gotmpl_buffer_putc(out, '\n');
    }
}

/* strings.TrimSpace. */
static text_span trim_space(text_span text)
{
    while (text.len) {
        size_t width;
        uint32_t rune = celm_gotmpl_utf8_decode(text.data, text.len, &width);
        if (!celm_gotmpl_rune_is_space(rune) || (rune == CELM_GOTMPL_RUNE_ERROR && width == 1))
            break;
        text.data += width, text.len -= width;
    }
    while (text.len) {
        size_t width = celm_gotmpl_utf8_last_width(text.data, text.len);
        uint32_t rune = celm_gotmpl_utf8_decode(text.data + text.len - width, width, &width);
        if (!celm_gotmpl_rune_is_space(rune) || (rune == CELM_GOTMPL_RUNE_ERROR && width == 1))
            break;
        text.len -= width;
    }
    return text;
}

/* The trace of every link, or 0 when some link is not a template error. */
static int trace(gotmpl_exec *exec, gotmpl_buffer *out)
{
    traceable previous, current;
    memset(&previous, 0, sizeof previous);
    int have_previous = 0;
    gotmpl_buffer lines;
    gotmpl_buffer_init(&lines, exec->runtime);
    for (size_t i = 0; i < exec->error_chain.count; i++) {
        if (!parse_link(&exec->error_chain.links[i], &current))
            return 0;
        if (!have_previous || !traceable_equal(&previous, &current))
            put_traceable(&lines, &current);
        previous = current;
        have_previous = 1;
    }
    text_span trimmed = trim_space(span(lines.data ? lines.data : "", lines.len));
    gotmpl_buffer_put(out, trimmed.data, trimmed.len);
    return 1;
}

/* `execution error at (LOC): MESSAGE` when the text carries a required/fail message. */
static int warning(text_span location, text_span rest, gotmpl_buffer *out)
{
    const char *start = find(rest, "HELM_ERR_START");
    if (!start)
        return 0;
    text_span after = span(start + 14, rest.len - (size_t)(start + 14 - rest.data));
    const char *end = find_last(after, "HELM_ERR_END");
    if (!end)
        return 0;
    gotmpl_buffer_puts(out, "execution error at (");
    gotmpl_buffer_put(out, location.data, location.len);
    gotmpl_buffer_puts(out, "): ");
    gotmpl_buffer_put(out, after.data, (size_t)(end - after.data));
    return 1;
}

int gotmpl_exec_helm_error(gotmpl_exec *exec, const char *file, celm_string *out)
{
    gotmpl_buffer text;
    gotmpl_buffer_init(&text, exec->runtime);
    text_span error = span(exec->error_text.data ? exec->error_text.data : "", exec->error_text.len);
    const char *first = exec->error_is_exec ? find(error, ": ") : NULL;
    const char *second = first ? find(span(first + 2, error.len - (size_t)(first + 2 - error.data)), ": ") : NULL;
    if (!exec->error_is_exec) {
        gotmpl_buffer_put(&text, error.data, error.len);
    } else if (!second) {
        gotmpl_buffer_printf(&text, "execution error in (%s): ", file);
        gotmpl_buffer_put(&text, error.data, error.len);
    } else {
        text_span location = span(first + 2, (size_t)(second - first - 2));
        text_span rest = span(second + 2, error.len - (size_t)(second + 2 - error.data));
        if (!warning(location, rest, &text) && !trace(exec, &text))
            gotmpl_buffer_put(&text, error.data, error.len);
    }
    return gotmpl_buffer_finish(&text, out);
}
