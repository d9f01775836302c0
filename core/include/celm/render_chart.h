/* render_chart.h: rendering through the render plugins: a processed chart (Helm's engine.Render), a lone template. */
#ifndef CELM_RENDER_CHART_H
#define CELM_RENDER_CHART_H

#include <stddef.h>
#include <stdint.h>

#include "celm/chart.h"
#include "celm/sdk.h"

typedef struct celm_registry celm_registry;

#define CELM_RENDER_OPTIONS_VERSION 1

typedef struct celm_render_options {
    uint32_t version;                   /* CELM_RENDER_OPTIONS_VERSION */
    const char *release_name;
    const char *release_namespace;
    int64_t revision;
    int is_install;
    int is_upgrade;
    const char *kube_version;           /* --kube-version; NULL: v1.36.0 as helm template assumes */
    const char *const *api_versions;    /* --api-versions, added to the defaults */
    size_t api_version_count;
    int strict;                         /* missingkey=error (lint --strict) */
    int cluster;                        /* lookup queries the cluster (install, upgrade) */
    int lint;                           /* helm lint's LintMode: required and fail never fail */
    /* While linting: what helm logs instead of failing (required, fail): level, message, text. */
    void (*lint_log)(void *payload, const char *level, const char *message, const char *detail);
    void *lint_log_payload;
} celm_render_options;

#define CELM_RENDER_OPTIONS_INIT \
    {CELM_RENDER_OPTIONS_VERSION, "release-name", "default", 1, 1, 0, NULL, NULL, 0, 0, 0, 0, NULL, NULL}

/* Helm's ParseKubeVersion (k8s ParseGeneric): fills the capabilities' KubeVersion map
 * {Version, Normalized, Major, Minor}; errors read like Go's ("illegal version string ..."). */
int celm_kube_version_parse(celm_arena *arena, const char *text, celm_value **out, celm_error *err);

/* Renders every template of the processed chart tree with `values` (the top chart's coalesced
 * values) through the render plugin(s) found in `registry`. *out is an arena array of the
 * rendered files, named like "mychart/templates/a.yaml". */
int celm_render(celm_registry *registry, celm_arena *arena, const celm_chart *chart, const celm_value *values,
                const celm_render_options *options, celm_render_output **out, size_t *count, celm_error *err);

/* Helm's TemplateName: `text` as a template named `name` with Sprig's functions, executed with no
 * data by the Go-template render plugin. *out is arena text. Errors read like Go's
 * (`template: name-template:1: function "x" not defined`). */
int celm_render_text(celm_registry *registry, celm_arena *arena, const char *name, const char *text, celm_string *out,
                     celm_error *err);

#endif
