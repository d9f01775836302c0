/* path_match.h: Go's path.Match for '/'-separated paths. */
#ifndef CELM_PATH_MATCH_H
#define CELM_PATH_MATCH_H

/* 1 when name matches the shell pattern; a malformed pattern matches nothing (as Helm ignores
 * path.Match's ErrBadPattern). */
int celm_path_match(const char *pattern, const char *name);

#endif
