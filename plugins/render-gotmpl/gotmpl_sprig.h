/* gotmpl_sprig.h: Sprig v3.3.0's function tables and the helpers its functions share.
 *
 * Each gotmpl_funcs_sprig_<group>.c exports one table of template functions declared with their
 * Go signatures (see gotmpl_func.h). The helpers below reproduce the Go library code the Sprig
 * functions are built on, with its exact rules: sprig's strval, spf13/cast's ToInt64 and
 * ToFloat64, strconv's number syntax, reflect's kinds and DeepEqual, and the unicode package's
 * letter cases. Every string or value they produce lives in the runtime's arena. */
#ifndef CELM_GOTMPL_SPRIG_H
#define CELM_GOTMPL_SPRIG_H

#include <stddef.h>
#include <stdint.h>

#include "gotmpl_func.h"
#include "gotmpl_value.h"

/* --- the tables ------------------------------------------------------------------------------ */
extern const gotmpl_func_table gotmpl_funcs_sprig_strings;  /* abbrev ... upper, splitList, join */
extern const gotmpl_func_table gotmpl_funcs_sprig_lists;    /* list, append, first, slice, until, seq, ... */
extern const gotmpl_func_table gotmpl_funcs_sprig_dicts;    /* dict, get, set, merge, dig, deepCopy, ... */
extern const gotmpl_func_table gotmpl_funcs_sprig_defaults; /* default, empty, coalesce, ternary, fail */
extern const gotmpl_func_table gotmpl_funcs_sprig_convert;  /* atoi, int, int64, float64, toString, ... */
extern const gotmpl_func_table gotmpl_funcs_sprig_math;     /* add ... round, addf ... minf */
extern const gotmpl_func_table gotmpl_funcs_sprig_regex;    /* regexMatch ... regexQuoteMeta */
extern const gotmpl_func_table gotmpl_funcs_sprig_paths;    /* base, dir, ext, clean, isAbs, os* */
extern const gotmpl_func_table gotmpl_funcs_sprig_reflect;  /* typeOf, kindOf, typeIs, deepEqual, ... */
extern const gotmpl_func_table gotmpl_funcs_sprig_encoding; /* b64enc, b64dec, b32enc, b32dec */
extern const gotmpl_func_table gotmpl_funcs_sprig_env;      /* env, expandenv (not in Helm's engine) */

/* --- building results ------------------------------------------------------------------------ */
/* A growing string in the runtime's arena. Writes after a failed allocation are dropped and
 * remembered; gotmpl_sprig_text_finish then reports CELM_ENOMEM. */
typedef struct gotmpl_sprig_text {
    gotmpl_runtime *runtime;
    char *data;
    size_t len, capacity;
    int failed;
} gotmpl_sprig_text;

void gotmpl_sprig_text_init(gotmpl_sprig_text *text, gotmpl_runtime *runtime);
void gotmpl_sprig_text_put(gotmpl_sprig_text *text, const char *bytes, size_t len);
/* Appends UTF-8 like Go's WriteRune: an invalid rune becomes U+FFFD. */
void gotmpl_sprig_text_put_rune(gotmpl_sprig_text *text, uint32_t rune);
/* Appends strconv.Quote(bytes): a double-quoted Go literal. */
void gotmpl_sprig_text_put_quoted(gotmpl_sprig_text *text, const char *bytes, size_t len);
/* The text as a GT_STRING value (NUL-terminated, in the arena, valid as long as the arena);
 * CELM_OK or CELM_ENOMEM. */
int gotmpl_sprig_text_finish(gotmpl_sprig_text *text, gotmpl_value *out);

/* Where Go would try to build a string or list this large (repeat 1e12, until 1e12) and run the
 * machine out of memory, Sprig functions report "out of memory" instead. */
#define GOTMPL_SPRIG_MAX_BYTES ((uint64_t)1 << 30)
#define GOTMPL_SPRIG_MAX_ITEMS ((uint64_t)1 << 26)

/* Sets the call's "out of memory" failure; returns CELM_ENOMEM. */
int gotmpl_sprig_out_of_memory(gotmpl_call *call);
/* The panic Go raises when a function dereferences nil (reflect.TypeOf(nil).Kind()). */
int gotmpl_sprig_nil_panic(gotmpl_call *call);

/* --- conversions (gotmpl_funcs_sprig_convert.c) ------------------------------------------------ */
/* Sprig's strval: a string as is, []byte as text, anything else as fmt's %v (Stringers and
 * errors print that way too). */
int gotmpl_sprig_strval(gotmpl_runtime *runtime, const gotmpl_value *value, celm_string *out);
/* cast.ToInt64 (and cast.ToInt, the same on 64-bit Go): numbers converted as Go converts them,
 * strings through strconv.ParseInt(s, 0, 0) after dropping a ".0" tail, true as 1, anything
 * else (and every failure) 0. */
int64_t gotmpl_sprig_to_int64(const gotmpl_value *value);
/* cast.ToFloat64: numbers converted, strings through strconv.ParseFloat, true as 1, else 0. */
double gotmpl_sprig_to_float64(const gotmpl_value *value);
/* Sprig's strslice (toStrings, join, sortAlpha): a []string as it is (the same list), other slices
 * element by element through strval with nil elements dropped, nil as [], anything else as a
 * one-element list. */
int gotmpl_sprig_strslice(gotmpl_runtime *runtime, const gotmpl_value *value, gotmpl_value *out);
/* Go's float64 to int64 conversion on amd64: truncation, and INT64_MIN for NaN or out of range. */
int64_t gotmpl_sprig_float_to_int64(double real);

typedef enum gotmpl_sprig_parse_status {
    GOTMPL_SPRIG_PARSED = 0,
    GOTMPL_SPRIG_SYNTAX_ERROR = -1,
    GOTMPL_SPRIG_RANGE_ERROR = -2       /* *out holds the clamped value, as strconv returns it */
} gotmpl_sprig_parse_status;

/* strconv.ParseInt(text, base, 64): base 0 reads Go's prefixes (0x, 0o, 0b, 0) and underscores. */
gotmpl_sprig_parse_status gotmpl_sprig_parse_int(const char *text, size_t len, int base, int64_t *out);
/* strconv.ParseFloat(text, 64): Go's decimal and hexadecimal syntax, inf/infinity/nan, underscores
 * after a base prefix; out of range gives +-Inf and GOTMPL_SPRIG_RANGE_ERROR. */
gotmpl_sprig_parse_status gotmpl_sprig_parse_float(const char *text, size_t len, double *out);

/* --- reflection (gotmpl_funcs_sprig_reflect.c) ------------------------------------------------- */
/* reflect.Kind's name of the value's dynamic type ("int", "slice", "map", "ptr", ...; "invalid"
 * for nil). */
const char *gotmpl_sprig_kind_name(const gotmpl_value *value);
/* Sprig's empty(): nil, false, zero numbers and empty strings, lists and maps. */
int gotmpl_sprig_empty(gotmpl_runtime *runtime, const gotmpl_value *value);
/* reflect.DeepEqual: same dynamic type and deeply equal contents. */
int gotmpl_sprig_deep_equal(gotmpl_runtime *runtime, const gotmpl_value *left, const gotmpl_value *right);

/* A value of slice kind ([]interface{}, []string, []int, []byte) as reflect.Value.Index sees it. */
int gotmpl_sprig_is_slice(const gotmpl_value *value);
size_t gotmpl_sprig_slice_len(const gotmpl_value *value);
gotmpl_value gotmpl_sprig_slice_item(gotmpl_runtime *runtime, const gotmpl_value *value, size_t i);

/* --- letter case (gotmpl_sprig_case.c) --------------------------------------------------------- */
typedef struct gotmpl_sprig_rune_run {
    uint32_t low, high, stride;        /* every stride-th rune from low to high */
} gotmpl_sprig_rune_run;

typedef struct gotmpl_sprig_rune_class {
    const gotmpl_sprig_rune_run *runs;
    size_t count;
} gotmpl_sprig_rune_class;

#define GOTMPL_SPRIG_UPPER_LOWER 0x110000  /* unicode.UpperLower */

typedef struct gotmpl_sprig_case_range {
    uint32_t low, high;
    int32_t delta[3];                  /* to upper, lower, title case */
} gotmpl_sprig_case_range;

typedef struct gotmpl_sprig_case_table {
    const gotmpl_sprig_case_range *ranges;
    size_t count;
} gotmpl_sprig_case_table;

extern const gotmpl_sprig_rune_class gotmpl_sprig_upper_class;
extern const gotmpl_sprig_rune_class gotmpl_sprig_lower_class;
extern const gotmpl_sprig_rune_class gotmpl_sprig_title_class;
extern const gotmpl_sprig_rune_class gotmpl_sprig_punct_class;
extern const gotmpl_sprig_rune_class gotmpl_sprig_number_class;
extern const gotmpl_sprig_case_table gotmpl_sprig_case_ranges;

int gotmpl_sprig_rune_is_upper(uint32_t rune);     /* unicode.IsUpper */
int gotmpl_sprig_rune_is_lower(uint32_t rune);     /* unicode.IsLower */
int gotmpl_sprig_rune_is_title(uint32_t rune);     /* unicode.IsTitle */
int gotmpl_sprig_rune_is_punct(uint32_t rune);     /* unicode.IsPunct */
int gotmpl_sprig_rune_is_number(uint32_t rune);    /* unicode.IsNumber */
uint32_t gotmpl_sprig_rune_to_upper(uint32_t rune); /* unicode.ToUpper */
uint32_t gotmpl_sprig_rune_to_lower(uint32_t rune); /* unicode.ToLower */
uint32_t gotmpl_sprig_rune_to_title(uint32_t rune); /* unicode.ToTitle */

/* --- word algorithms of goutils and xstrings (gotmpl_sprig_words.c) ----------------------------- */
/* Each reads text[0..len) and appends its result to *out. */
void gotmpl_sprig_snake_case(gotmpl_sprig_text *out, const char *text, size_t len, char connector);
void gotmpl_sprig_pascal_case(gotmpl_sprig_text *out, const char *text, size_t len);
void gotmpl_sprig_swap_case(gotmpl_sprig_text *out, const char *text, size_t len);
void gotmpl_sprig_uncapitalize(gotmpl_sprig_text *out, const char *text, size_t len);
void gotmpl_sprig_initials(gotmpl_sprig_text *out, const char *text, size_t len);
void gotmpl_sprig_delete_white_space(gotmpl_sprig_text *out, const char *text, size_t len);
void gotmpl_sprig_wrap(gotmpl_sprig_text *out, const char *text, size_t len, int64_t width, const char *newline,
                       size_t newline_len, int wrap_long_words);
/* goutils.AbbreviateFull: at most `width` bytes, "..." where text was cut, the byte at `offset`
 * kept in view. Its error cases (width under 4, or under 7 with an offset past 4) give "", as
 * goutils returns beside the error; Sprig's guards never reach them. */
void gotmpl_sprig_abbreviate(gotmpl_sprig_text *out, const char *text, size_t len, int64_t offset, int64_t width);

/* --- decimal arithmetic of shopspring/decimal (gotmpl_sprig_decimal.c) -------------------------- */
typedef enum gotmpl_sprig_decimal_op {
    GOTMPL_SPRIG_DECIMAL_ADD,
    GOTMPL_SPRIG_DECIMAL_SUB,
    GOTMPL_SPRIG_DECIMAL_MUL,
    GOTMPL_SPRIG_DECIMAL_DIV      /* rounded to 16 decimal places, as Decimal.Div */
} gotmpl_sprig_decimal_op;

/* Sprig's execDecimalOp: decimal.NewFromFloat of `first` and of each operand, folded with `op`,
 * back to the nearest float64. Returns CELM_OK; CELM_EINVAL with *panic_text set for what the
 * library panics on (NaN or infinite operands, division by zero); CELM_ENOMEM. */
int gotmpl_sprig_decimal_fold(gotmpl_runtime *runtime, double first, const double *operands, size_t count,
                              gotmpl_sprig_decimal_op op, double *out, const char **panic_text);

#endif
