/* gotmpl_sprig_text.c: how Sprig functions build their string results, and their common failures. */
#include <string.h>

#include "gotmpl_sprig.h"
#include "gotmpl_text.h"
#include "gotmpl_unicode.h"

void gotmpl_sprig_text_init(gotmpl_sprig_text *text, gotmpl_runtime *runtime)
{
    memset(text, 0, sizeof *text);
    text->runtime = runtime;
}

static int text_reserve(gotmpl_sprig_text *text, size_t more)
{
    if (text->failed)
        return 0;
    if (more > SIZE_MAX / 2 - text->len) {
        text->failed = 1;
        return 0;
    }
    if (text->len + more + 1 <= text->capacity)
        return 1;
    size_t capacity = text->capacity ? text->capacity * 2 : 64;
    while (capacity < text->len + more + 1)
        capacity *= 2;
    const celm_host *host = gotmpl_runtime_host(text->runtime);
    char *grown = host->arena_alloc(gotmpl_runtime_arena(text->runtime), capacity);
    if (!grown) {
        text->failed = 1;
        return 0;
    }
    if (text->len)
        memcpy(grown, text->data, text->len);
    text->data = grown;
    text->capacity = capacity;
    return 1;
}

void gotmpl_sprig_text_put(gotmpl_sprig_text *text, const char *bytes, size_t len)
{
    if (!text_reserve(text, len))
        return;
    if (len)
        memcpy(text->data + text->len, bytes, len);
    text->len += len;
    text->data[text->len] = '\0';
}

void gotmpl_sprig_text_put_rune(gotmpl_sprig_text *text, uint32_t rune)
{
    char encoded[4];
    gotmpl_sprig_text_put(text, encoded, celm_gotmpl_utf8_encode(rune, encoded));
}

void gotmpl_sprig_text_put_quoted(gotmpl_sprig_text *text, const char *bytes, size_t len)
{
    celm_gotmpl_sink measure = celm_gotmpl_sink_over(NULL, 0);
    celm_gotmpl_quote(&measure, bytes, len);
    if (!text_reserve(text, measure.len))
        return;
    celm_gotmpl_sink sink = celm_gotmpl_sink_over(text->data + text->len, measure.len + 1);
    celm_gotmpl_quote(&sink, bytes, len);
    text->len += measure.len;
}

int gotmpl_sprig_text_finish(gotmpl_sprig_text *text, gotmpl_value *out)
{
    if (text->failed)
        return CELM_ENOMEM;
    *out = gotmpl_string(text->data ? text->data : "", text->len);
    return CELM_OK;
}

int gotmpl_sprig_out_of_memory(gotmpl_call *call)
{
    gotmpl_call_error(call, "out of memory");
    return CELM_ENOMEM;
}

int gotmpl_sprig_nil_panic(gotmpl_call *call)
{
    return gotmpl_call_panic(call, "runtime error: invalid memory address or nil pointer dereference");
}
