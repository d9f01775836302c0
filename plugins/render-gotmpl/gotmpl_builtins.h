/* gotmpl_builtins.h: the text/template builtins implemented outside gotmpl_builtins.c (comparisons
 * and the printing and escaping functions), for its table. */
#ifndef CELM_GOTMPL_BUILTINS_H
#define CELM_GOTMPL_BUILTINS_H

#include "gotmpl_func.h"

/* gotmpl_builtins_compare.c: eq, ne, lt, le, gt, ge with funcs.go's basicKind rules. */
int gotmpl_builtin_eq(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out);
int gotmpl_builtin_ne(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out);
int gotmpl_builtin_lt(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out);
int gotmpl_builtin_le(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out);
int gotmpl_builtin_gt(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out);
int gotmpl_builtin_ge(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out);

/* gotmpl_builtins_text.c: print, printf, println (fmt), html, js, urlquery (Go's escapers). */
int gotmpl_builtin_print(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out);
int gotmpl_builtin_printf(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out);
int gotmpl_builtin_println(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out);
int gotmpl_builtin_html(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out);
int gotmpl_builtin_js(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out);
int gotmpl_builtin_urlquery(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out);

#endif
