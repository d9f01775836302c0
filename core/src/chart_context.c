/* chart_context.c: the state of one chart load: errors (Helm's texts and wrapping), budgets, lists. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "chart_internal.h"

int chart_fail(chart_loader *loader, int code, const char *format, ...)
{
    celm_error *err = loader->err;
    if (!err)
        return code;
    err->code = code;
    va_list args;
    va_start(args, format);
    vsnprintf(err->message, sizeof err->message, format, args);
    va_end(args);
    return code;
}

/* Writes the concatenation of `parts` into err's message, cut to fit. */
static void set_message(celm_error *err, const char *const *parts, size_t count)
{
    char joined[CELM_ERROR_MESSAGE_SIZE];
    size_t len = 0;
    for (size_t i = 0; i < count; i++) {
        size_t part = strlen(parts[i]);
        if (part > sizeof joined - 1 - len)
            part = sizeof joined - 1 - len;
        memcpy(joined + len, parts[i], part);
        len += part;
    }
    joined[len] = 0;
    memcpy(err->message, joined, len + 1);
}

int chart_wrap(celm_error *err, const char *format, ...)
{
    if (!err)
        return CELM_EFAIL;
    char prefix[CELM_ERROR_MESSAGE_SIZE];
    char cause[CELM_ERROR_MESSAGE_SIZE];
    va_list args;
    va_start(args, format);
    vsnprintf(prefix, sizeof prefix, format, args);
    va_end(args);
    memcpy(cause, err->message, sizeof cause);
    const char *parts[] = {prefix, ": ", cause};
    set_message(err, parts, 3);
    if (!err->code)
        err->code = CELM_EFAIL;
    return err->code;
}

int chart_wrap_around(celm_error *err, const char *before, const char *after)
{
    if (!err)
        return CELM_EFAIL;
    char cause[CELM_ERROR_MESSAGE_SIZE];
    memcpy(cause, err->message, sizeof cause);
    const char *parts[] = {before, cause, after};
    set_message(err, parts, 3);
    return err->code ? err->code : CELM_EFAIL;
}

int chart_fail_errno(chart_loader *loader, const char *op, const char *path, int errnum)
{
    char text[128];
    celm_errno_text(errnum, text, sizeof text);
    return chart_fail(loader, CELM_EIO, "%s %s: %s", op, path, text);
}

int chart_take_entry(chart_loader *loader)
{
    if (loader->entries_left == 0)
        return chart_fail(loader, CELM_ELIMIT,
                          "chart has more than %d files and directories (celm's limit)",
                          CELM_CHART_MAX_ENTRIES);
    loader->entries_left--;
    return CELM_OK;
}

int chart_take_bytes(chart_loader *loader, int64_t size)
{
    if (size > loader->bytes_left)
        return chart_fail(loader, CELM_ELIMIT,
                          "chart and its subcharts hold more than %d bytes (celm's limit)",
                          CELM_CHART_MAX_TREE_SIZE);
    loader->bytes_left -= size;
    return CELM_OK;
}

int chart_files_append(chart_loader *loader, chart_file_list *list, const celm_chart_file *file)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 16;
        celm_chart_file *grown = celm_arena_alloc(loader->arena, capacity * sizeof *grown);
        if (!grown)
            return chart_fail(loader, CELM_ENOMEM, "out of memory loading the chart");
        if (list->count)
            memcpy(grown, list->items, list->count * sizeof *grown);
        list->items = grown;
        list->capacity = capacity;
    }
    list->items[list->count++] = *file;
    return CELM_OK;
}
