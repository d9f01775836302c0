/* go_regex.h: regular expressions in Go's RE2 syntax (checked with Go's errors), run by PCRE2. */
#ifndef CELM_GO_REGEX_H
#define CELM_GO_REGEX_H

#include <stddef.h>

#include "buffer.h"
#include "celm/celm.h"

/* Compiles a Go regexp in `arena`; NULL with *message = Go's "error parsing regexp: ..." text. */
celm_regex *celm_go_regex_compile(celm_arena *arena, const char *source, size_t len, const char **message);
/* 1 when the regexp matches somewhere in text. */
int celm_go_regex_match(const celm_regex *regex, const char *text, size_t len);
const char *celm_go_regex_source(const celm_regex *regex);
/* The host table's regex_search and regex_group_count (see celm/host.h). */
size_t celm_go_regex_search(const celm_regex *regex, const char *text, size_t len, size_t start, size_t *groups,
                            size_t group_slots);
size_t celm_go_regex_group_count(const celm_regex *regex);
/* The host table's regex_compile: errors into a celm_error. */
celm_regex *celm_host_regex_compile(celm_arena *arena, const char *pattern, size_t len, celm_error *err);

#endif
