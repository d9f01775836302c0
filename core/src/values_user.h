/* values_user.h: the pieces the values_user files share (reading a values source named by a flag). */
#ifndef CELM_VALUES_USER_H
#define CELM_VALUES_USER_H

#include <stddef.h>

#include "celm/celm.h"

/* Go's url.Parse as Helm's readFile applies it to a values path: fails with Go's text
 * (`parse "%zz": invalid URL escape "%zz"`), else writes the lower-cased scheme ("" for a plain
 * path) into `scheme`. IPv6 literals in a host are not checked beyond their brackets. */
int celm_values_url_scheme(const char *raw, char *scheme, size_t scheme_size, celm_error *err);

#endif
