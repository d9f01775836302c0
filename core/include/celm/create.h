/* create.h: `helm create`: a new chart directory from the recorded scaffold. */
#ifndef CELM_CREATE_H
#define CELM_CREATE_H

#include "celm/sdk.h"

/* Called for each file that already existed and is overwritten (helm's WARNING line). */
typedef void (*celm_create_notice_fn)(void *payload, const char *message);

/* Helm's chartutil.Create: validates `name`, then writes the scaffold into <directory>/<name>
 * (directories 0755, files 0644 less the umask) and an empty charts/. Errors read like Go's. */
int celm_chart_create(const char *directory, const char *name, celm_create_notice_fn notice, void *payload,
                      celm_error *err);
/* The same, with `lua` set: the Deployment, Service and ServiceAccount templates are written in
 * Lua (templates/NAME.lua, rendered by render-lua) instead of Go templates. */
int celm_chart_create_dialect(const char *directory, const char *name, int lua, celm_create_notice_fn notice,
                              void *payload, celm_error *err);

/* Helm's chartutil.CreateFrom: the chart at `starter` (a directory or an archive) written into
 * <directory>/<name> with a new Chart.yaml (name, default description, type, versions) and every
 * "<CHARTNAME>" in its templates and values.yaml replaced by `name`. Helm checks no name here. */
int celm_chart_create_from(const char *directory, const char *name, const char *starter, celm_error *err);

#endif
