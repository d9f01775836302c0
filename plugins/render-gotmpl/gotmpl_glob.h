/* gotmpl_glob.h: gobwas/glob patterns with '/' as separator, as .Files.Glob compiles them. */
#ifndef CELM_GOTMPL_GLOB_H
#define CELM_GOTMPL_GLOB_H

#include <stddef.h>

#include "celm/host.h"

typedef struct gotmpl_glob gotmpl_glob;

/* Compiles `pattern`; NULL when gobwas would refuse it (Helm then matches everything with "**"). */
gotmpl_glob *gotmpl_glob_compile(const celm_host *host, celm_arena *arena, const char *pattern, size_t len);
/* 1 when the whole of `name` matches. */
int gotmpl_glob_match(const gotmpl_glob *glob, const char *name, size_t len);

#endif
