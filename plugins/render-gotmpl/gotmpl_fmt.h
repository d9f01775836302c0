/* gotmpl_fmt.h: Go's fmt for template values: Sprint, Sprintln, Sprintf and %v of one value. */
#ifndef CELM_GOTMPL_FMT_H
#define CELM_GOTMPL_FMT_H

#include <stddef.h>

#include "gotmpl_value.h"

/* fmt.Sprint(args...): operands separated by a space when neither side is a string. */
int gotmpl_fmt_sprint(gotmpl_runtime *runtime, const gotmpl_value *args, size_t count, celm_string *out);
/* fmt.Sprintln(args...): always spaces, then a newline. */
int gotmpl_fmt_sprintln(gotmpl_runtime *runtime, const gotmpl_value *args, size_t count, celm_string *out);
/* fmt.Sprintf(format, args...), every verb, flag, width and precision Go has, with Go's texts for
 * bad verbs and missing or extra arguments (%!d(string=x), %!v(MISSING), %!(EXTRA int=1)). */
int gotmpl_fmt_sprintf(gotmpl_runtime *runtime, const char *format, size_t format_len, const gotmpl_value *args,
                       size_t count, celm_string *out);
/* %v of one value (what {{ . }} prints, before text/template's "<no value>" rule). */
int gotmpl_fmt_value(gotmpl_runtime *runtime, const gotmpl_value *value, celm_string *out);

#endif
