/* chart.h: the chart model of libcelm: a chart loaded from a directory or a .tgz, with its subcharts. */
#ifndef CELM_CHART_H
#define CELM_CHART_H

#include <stddef.h>

#include "celm/sdk.h"

/* One file of a chart, path relative to the chart root with '/' separators ("templates/a.yaml").
 * Data has its UTF-8 BOM stripped; data[len] == 0 for convenience. */
typedef struct celm_chart_file {
    const char *name;
    const char *data;
    size_t len;
} celm_chart_file;

/* A loaded chart. Everything hangs off the arena of the top chart and is freed with
 * celm_chart_free(top). Subcharts are loaded from charts/<x>/ and charts/<x>.tgz recursively. */
typedef struct celm_chart celm_chart;
struct celm_chart {
    celm_arena *arena;              /* shared by the whole tree; owned by the top chart */
    const char *name;               /* metadata name (later replaced by an alias when one applies) */
    celm_value *metadata;           /* Chart.yaml as a map (integers kept as int64) */
    const celm_chart_file *chart_yaml;      /* raw Chart.yaml */
    const celm_chart_file *lock;            /* Chart.lock, or requirements.lock for apiVersion v1, or NULL */
    const celm_chart_file *requirements;    /* requirements.yaml, or NULL */
    celm_value *values;             /* values.yaml as Helm reads it (a map, possibly empty) */
    const celm_chart_file *values_file;     /* raw values.yaml, or NULL */
    const celm_chart_file *schema;  /* raw values.schema.json, or NULL */
    celm_chart_file *templates;     /* everything under templates/, in load order */
    size_t template_count;
    celm_chart_file *files;         /* everything else (.Files): README, crds/, .helmignore, ... */
    size_t file_count;
    celm_chart **dependencies;      /* loaded subcharts, in load order */
    size_t dependency_count;
    celm_chart *parent;             /* NULL for the top chart */
};

/* Loads a chart from a directory (honouring .helmignore) or a .tgz file, with Helm's checks,
 * limits and error texts. On failure *out is NULL and err names the file (and line when known). */
int celm_chart_load(celm_chart **out, const char *path, celm_error *err);
/* Loads a chart from .tgz bytes held in memory; `origin` names them in errors. */
int celm_chart_load_archive(celm_chart **out, const void *data, size_t len, const char *origin,
                            celm_error *err);
void celm_chart_free(celm_chart *chart);
/* "mychart" or "mychart/charts/sub": the prefix of this chart's template names. */
const char *celm_chart_full_path(const celm_chart *chart);

#endif
