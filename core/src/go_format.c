/* go_format.c: Go's fmt %v text of a value, as templates print it ({{ .Values.x }}). */
#include <string.h>

#include "buffer.h"
#include "celm/celm.h"

static void format_value(celm_buffer *out, celm_arena *arena, const celm_value *value)
{
    char number[32];
    switch (value->kind) {
    case CELM_VALUE_NULL: celm_buffer_append_str(out, "<nil>"); break;
    case CELM_VALUE_BOOL: celm_buffer_append_str(out, value->as.boolean ? "true" : "false"); break;
    case CELM_VALUE_INT: celm_buffer_printf(out, "%lld", (long long)value->as.integer); break;
    case CELM_VALUE_FLOAT:
        celm_buffer_append(out, number, celm_format_float_g(value->as.real, number));
        break;
    case CELM_VALUE_STRING: celm_buffer_append(out, value->as.string.data, value->as.string.len); break;
    case CELM_VALUE_LIST:
        celm_buffer_append_char(out, '[');
        for (size_t i = 0; i < value->as.list.count; i++) {
            if (i)
                celm_buffer_append_char(out, ' ');
            format_value(out, arena, value->as.list.items[i]);
        }
        celm_buffer_append_char(out, ']');
        break;
    case CELM_VALUE_MAP: {
        const celm_map_entry **sorted = celm_map_sorted(arena, value);
        if (!sorted) {
            out->failed = 1;
            return;
        }
        celm_buffer_append_str(out, "map[");
        for (size_t i = 0; i < value->as.map.count; i++) {
            if (i)
                celm_buffer_append_char(out, ' ');
            celm_buffer_append(out, sorted[i]->key.data, sorted[i]->key.len);
            celm_buffer_append_char(out, ':');
            format_value(out, arena, sorted[i]->value);
        }
        celm_buffer_append_char(out, ']');
        break;
    }
    }
}

int celm_format_go(celm_arena *arena, const celm_value *value, celm_string *out)
{
    celm_buffer buffer;
    celm_buffer_init(&buffer);
    format_value(&buffer, arena, value);
    return celm_buffer_finish(&buffer, arena, out);
}
