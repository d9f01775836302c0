/* gotmpl_number.h: the value of a number constant under Go's rules for template numbers. */
#ifndef CELM_GOTMPL_NUMBER_H
#define CELM_GOTMPL_NUMBER_H

#include <stddef.h>
#include <stdint.h>

#include "gotmpl_ast.h"
#include "gotmpl_text.h"

typedef enum celm_gotmpl_number_syntax {
    CELM_GOTMPL_NUMBER_PLAIN,       /* 12, 0x1F, 1e3, 4i, ... */
    CELM_GOTMPL_NUMBER_CHARACTER,   /* 'a', '\n' */
    CELM_GOTMPL_NUMBER_PAIR         /* 1+2i */
} celm_gotmpl_number_syntax;

/* Fills number's flags and values from text (Go's parse.newNumber): every representation the
 * constant has exactly. Returns 0, or -1 with Go's error message written to `error`. */
int celm_gotmpl_number_evaluate(celm_gotmpl_number *number, const char *text, size_t len,
                                celm_gotmpl_number_syntax syntax, celm_gotmpl_sink *error);

/* strconv.ParseUint(text, 0, 64) and ParseInt(text, 0, 64): 0, or -1 for bad syntax or range. */
int celm_gotmpl_parse_uint64(const char *text, size_t len, uint64_t *out);
int celm_gotmpl_parse_int64(const char *text, size_t len, int64_t *out);
/* strconv.ParseFloat(text, 64): 0, -1 for bad syntax, -2 when out of range (*out is then ±Inf). */
int celm_gotmpl_parse_float64(const char *text, size_t len, double *out);

#endif
