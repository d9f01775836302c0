/* chart_test.h: what the chart loader's C tests share: loading fixtures and reading results. */
#ifndef CELM_TESTS_CHART_TEST_H
#define CELM_TESTS_CHART_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "celm/celm.h"
#include "check.h"
#include "fixture.h"

/* Loads `path` (dispatching loader, or v2 when `v2`) and returns the error message, or "" when
 * it loaded; the chart is freed either way. The text lives until the next call. */
static inline const char *chart_test_error(const char *path, int v2)
{
    static char message[CELM_ERROR_MESSAGE_SIZE];
    celm_chart *chart = NULL;
    celm_error err = CELM_ERROR_INIT;
    int status = v2 ? celm_chart_load_v2(&chart, path, &err) : celm_chart_load(&chart, path, &err);
    if (status == CELM_OK && chart == NULL)
        check_fail(__FILE__, __LINE__, "loaded without a chart");
    if (status != CELM_OK && (chart != NULL || err.message[0] == 0))
        check_fail(__FILE__, __LINE__, "failed (%d) without a message", status);
    snprintf(message, sizeof message, "%s", status == CELM_OK ? "" : err.message);
    celm_chart_free(chart);
    return message;
}

/* root/relative as chart_test_error loads it. */
static inline const char *chart_test_error_at(const char *root, const char *relative, int v2)
{
    char *path = fixture_path(root, relative);
    const char *message = chart_test_error(path, v2);
    free(path);
    return message;
}

/* The error of loading archive bytes from memory, or "". */
static inline const char *chart_test_archive_error(const fixture_entry *entries, size_t count)
{
    static char message[CELM_ERROR_MESSAGE_SIZE];
    char *data = NULL;
    size_t len = 0;
    if (fixture_tgz(entries, count, &data, &len) != 0)
        check_fail(__FILE__, __LINE__, "cannot build the archive");
    celm_chart *chart = NULL;
    celm_error err = CELM_ERROR_INIT;
    int status = celm_chart_load_archive(&chart, data, len, "test.tgz", &err);
    snprintf(message, sizeof message, "%s", status == CELM_OK ? "" : err.message);
    celm_chart_free(chart);
    free(data);
    return message;
}

/* The names of `files`, joined with ',' into a static buffer. */
static inline const char *chart_test_names(const celm_chart_file *files, size_t count)
{
    static char joined[8192];
    size_t len = 0;
    joined[0] = 0;
    for (size_t i = 0; i < count && len < sizeof joined - 1; i++)
        len += (size_t)snprintf(joined + len, sizeof joined - len, "%s%s", i ? "," : "", files[i].name);
    return joined;
}

static inline const celm_chart_file *chart_test_find(const celm_chart_file *files, size_t count,
                                                     const char *name)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(files[i].name, name) == 0)
            return &files[i];
    return NULL;
}

/* A string of the metadata map, or "<absent>". */
static inline const char *chart_test_meta(const celm_chart *chart, const char *key)
{
    const celm_value *value = celm_map_cget(chart->metadata, key);
    if (!value)
        return "<absent>";
    return value->kind == CELM_VALUE_STRING ? value->as.string.data : "<not a string>";
}

#endif
