/* lint_links.h: the e-mail and URL tests helm lint applies to Chart.yaml (govalidator's). */
#ifndef CELM_LINT_LINKS_H
#define CELM_LINT_LINKS_H

/* IsEmail: local@domain, the local part dot-separated atoms (or a quoted string), the domain dot
 * separated labels ending in a label of letters. */
int lint_is_email(const char *text);
/* IsURL: an optional scheme and user, a host (name, IPv4 or [IPv6]), an optional port, path. */
int lint_is_url(const char *text);
/* IsRequestURL: url.ParseRequestURI accepts it and it names a scheme. */
int lint_is_request_url(const char *text);

#endif
