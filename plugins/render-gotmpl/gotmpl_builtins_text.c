/* gotmpl_builtins_text.c: text/template's print, printf and println (Go's fmt), and its escapers
 * html, js and urlquery (HTMLEscapeString, JSEscapeString, url.QueryEscape of evalArgs). */
#include <string.h>

#include "gotmpl_builtins.h"
#include "gotmpl_call.h"
#include "gotmpl_exec_buffer.h"
#include "gotmpl_fmt.h"
#include "gotmpl_unicode.h"

static int string_result(int status, const celm_string *text, gotmpl_value *out)
{
    if (status != CELM_OK)
        return status;
    *out = gotmpl_string(text->data, text->len);
    return CELM_OK;
}

int gotmpl_builtin_print(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    celm_string text;
    return string_result(gotmpl_fmt_sprint(gotmpl_call_runtime(call), args, count, &text), &text, out);
}

int gotmpl_builtin_println(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    celm_string text;
    return string_result(gotmpl_fmt_sprintln(gotmpl_call_runtime(call), args, count, &text), &text, out);
}

int gotmpl_builtin_printf(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    celm_string text;
    int status = gotmpl_fmt_sprintf(gotmpl_call_runtime(call), args[0].as.string.data, args[0].as.string.len,
                                    args + 1, count - 1, &text);
    return string_result(status, &text, out);
}

/* evalArgs: a lone string as it is, else fmt.Sprint of the arguments with nil as "<no value>". */
static int arguments_text(gotmpl_call *call, const gotmpl_value *args, size_t count, celm_string *out)
{
    if (count == 1 && args[0].type == GT_STRING) {
        *out = args[0].as.string;
        return CELM_OK;
    }
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    const celm_host *host = gotmpl_runtime_host(runtime);
    gotmpl_value *shown = host->arena_alloc(gotmpl_runtime_arena(runtime), (count ? count : 1) * sizeof *shown);
    if (!shown)
        return CELM_ENOMEM;
    for (size_t i = 0; i < count; i++)
        shown[i] = args[i].type == GT_NIL || args[i].type == GT_INVALID ? gotmpl_string("<no value>", 10) : args[i];
    return gotmpl_fmt_sprint(runtime, shown, count, out);
}

int gotmpl_builtin_html(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    celm_string text;
    int status = arguments_text(call, args, count, &text);
    if (status != CELM_OK)
        return status;
    gotmpl_buffer escaped;
    gotmpl_buffer_init(&escaped, gotmpl_call_runtime(call));
    for (size_t i = 0; i < text.len; i++) {
        switch (text.data[i]) {
        case '\0': gotmpl_buffer_puts(&escaped, "\xEF\xBF\xBD"); break;
        case '"': gotmpl_buffer_puts(&escaped, "&#34;"); break;
        case '\'': gotmpl_buffer_puts(&escaped, "&#39;"); break;
        case '&': gotmpl_buffer_puts(&escaped, "&amp;"); break;
        case '<': gotmpl_buffer_puts(&escaped, "&lt;"); break;
        case '>': gotmpl_buffer_puts(&escaped, "&gt;"); break;
        default: gotmpl_buffer_putc(&escaped, text.data[i]); break;
        }
    }
    return string_result(gotmpl_buffer_finish(&escaped, &text), &text, out);
}

static void js_escape_ascii(gotmpl_buffer *escaped, unsigned char c)
{
    static const char hex[] = "0123456789ABCDEF";
    switch (c) {
    case '\\': gotmpl_buffer_puts(escaped, "\\\\"); break;
    case '\'': gotmpl_buffer_puts(escaped, "\\'"); break;
    case '"': gotmpl_buffer_puts(escaped, "\\\""); break;
    case '<': gotmpl_buffer_puts(escaped, "\\u003C"); break;
    case '>': gotmpl_buffer_puts(escaped, "\\u003E"); break;
    case '&': gotmpl_buffer_puts(escaped, "\\u0026"); break;
    case '=': gotmpl_buffer_puts(escaped, "\\u003D"); break;
    default: {
        char code[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
        gotmpl_buffer_put(escaped, code, sizeof code);
        break;
    }
    }
}

int gotmpl_builtin_js(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    celm_string text;
    int status = arguments_text(call, args, count, &text);
    if (status != CELM_OK)
        return status;
    gotmpl_buffer escaped;
    gotmpl_buffer_init(&escaped, gotmpl_call_runtime(call));
    for (size_t i = 0; i < text.len;) {
        unsigned char c = (unsigned char)text.data[i];
        if (c < 0x80) {
            if (c < ' ' || strchr("\\'\"<>&=", c))
                js_escape_ascii(&escaped, c);
            else
                gotmpl_buffer_putc(&escaped, (char)c);
            i++;
            continue;
        }
        size_t width;
        uint32_t rune = celm_gotmpl_utf8_decode(text.data + i, text.len - i, &width);
        if (celm_gotmpl_rune_is_print(rune))
            gotmpl_buffer_put(&escaped, text.data + i, width);
        else
            gotmpl_buffer_printf(&escaped, "\\u%04X", (unsigned)rune);
        i += width;
    }
    return string_result(gotmpl_buffer_finish(&escaped, &text), &text, out);
}

int gotmpl_builtin_urlquery(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    static const char hex[] = "0123456789ABCDEF";
    celm_string text;
    int status = arguments_text(call, args, count, &text);
    if (status != CELM_OK)
        return status;
    gotmpl_buffer escaped;
    gotmpl_buffer_init(&escaped, gotmpl_call_runtime(call));
    for (size_t i = 0; i < text.len; i++) {
        unsigned char c = (unsigned char)text.data[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            gotmpl_buffer_putc(&escaped, (char)c);
        } else if (c == ' ') {
            gotmpl_buffer_putc(&escaped, '+');
        } else {
            char code[3] = {'%', hex[c >> 4], hex[c & 0xF]};
            gotmpl_buffer_put(&escaped, code, sizeof code);
        }
    }
    return string_result(gotmpl_buffer_finish(&escaped, &text), &text, out);
}
