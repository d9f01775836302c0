/* error.c: filling celm_error, the fixed-buffer error shared with plugins. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "celm/celm.h"

/* Formats through a scratch buffer, so the message may quote err->message itself. */
int celm_error_vset(celm_error *err, int code, const char *format, va_list args)
{
    if (!err)
        return code;
    char message[sizeof err->message];
    vsnprintf(message, sizeof message, format, args);
    memcpy(err->message, message, sizeof message);
    err->code = code;
    return code;
}

int celm_error_set(celm_error *err, int code, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    celm_error_vset(err, code, format, args);
    va_end(args);
    return code;
}

int celm_error_set_at(celm_error *err, int code, const char *origin, int line, int column,
                      const char *format, ...)
{
    if (!err)
        return code;
    snprintf(err->origin, sizeof err->origin, "%s", origin ? origin : "");
    err->line = line;
    err->column = column;
    va_list args;
    va_start(args, format);
    celm_error_vset(err, code, format, args);
    va_end(args);
    return code;
}

void celm_error_clear(celm_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}
