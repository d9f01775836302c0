/* lazy_library.h: shared libraries celm opens on first use, resolved into a table of functions. */
#ifndef CELM_LAZY_LIBRARY_H
#define CELM_LAZY_LIBRARY_H

#include <stddef.h>

/* Opens `soname` and resolves each of `names` into `table`, a struct made only of `count`
 * function pointers in the same order. Returns NULL, or why it failed (static or in `reason`). */
const char *celm_lazy_library_open(const char *soname, const char *const *names, size_t count, void *table,
                                   char *reason, size_t reason_size);

/* X-macro helpers: the table's field and the name list entry of one function. */
#define CELM_LAZY_FIELD(type, name, parameters) type(*name) parameters;
#define CELM_LAZY_NAME(type, name, parameters) #name,

#endif
