/* gotmpl_toml_lex.h: BurntSushi/toml's lexer: the items a TOML text becomes, or its first error. */
#ifndef CELM_GOTMPL_TOML_LEX_H
#define CELM_GOTMPL_TOML_LEX_H

#include <stddef.h>

#include "gotmpl_value.h"

typedef enum toml_item_type {
    ITEM_ERROR, ITEM_EOF, ITEM_TEXT, ITEM_STRING, ITEM_STRING_ESC, ITEM_RAW_STRING, ITEM_MULTILINE_STRING,
    ITEM_RAW_MULTILINE_STRING, ITEM_BOOL, ITEM_INTEGER, ITEM_FLOAT, ITEM_DATETIME, ITEM_ARRAY, ITEM_ARRAY_END,
    ITEM_TABLE_START, ITEM_TABLE_END, ITEM_ARRAY_TABLE_START, ITEM_ARRAY_TABLE_END, ITEM_KEY_START, ITEM_KEY_END,
    ITEM_COMMENT_START, ITEM_INLINE_TABLE_START, ITEM_INLINE_TABLE_END
} toml_item_type;

typedef struct toml_item {
    toml_item_type type;
    celm_string value;          /* the item's text (ITEM_ERROR: the message) */
    int line;                   /* the position's line, as the library reports it */
} toml_item;

/* Every item of text up to its end or its first error (then the last item is ITEM_ERROR). The
 * array lives in the runtime's arena. Returns CELM_OK or CELM_ENOMEM. */
int gotmpl_toml_lex(gotmpl_runtime *runtime, const char *text, size_t len, toml_item **items, size_t *count);

#endif
