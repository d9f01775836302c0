/* release_model.c: building and reading release documents: times, the embedded chart, accessors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "celm/celm.h"

int celm_release_parse(celm_arena *arena, const char *json, size_t len, celm_value **out, celm_error *err)
{
    int status = celm_json_parse(arena, json, len, "release", out, err);
    if (status == CELM_OK && (!*out || (*out)->kind != CELM_VALUE_MAP))
        return celm_error_set(err, CELM_EPARSE, "release: the stored document is not an object");
    return status;
}

const char *celm_release_time_format(celm_arena *arena, int64_t seconds, int32_t nanoseconds)
{
    time_t moment = (time_t)seconds;
    struct tm local;
    localtime_r(&moment, &local);
    char fraction[16] = "";
    if (nanoseconds) {
        int len = snprintf(fraction, sizeof fraction, ".%09d", (int)nanoseconds);
        while (len > 1 && fraction[len - 1] == '0')
            fraction[--len] = 0;
    }
    char zone[48] = "Z";
    long offset = local.tm_gmtoff;
    if (offset)
        snprintf(zone, sizeof zone, "%c%02d:%02d", offset < 0 ? '-' : '+', (int)(labs(offset) / 3600 % 100), (int)(labs(offset) / 60 % 60));
    return celm_arena_printf(arena, "%04d-%02d-%02dT%02d:%02d:%02d%s%s", local.tm_year + 1900, local.tm_mon + 1,
                             local.tm_mday, local.tm_hour, local.tm_min, local.tm_sec, fraction, zone);
}

const char *celm_release_time_now(celm_arena *arena)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    return celm_release_time_format(arena, (int64_t)now.tv_sec, (int32_t)now.tv_nsec);
}

static int digits(const char **at, int count, int *out)
{
    *out = 0;
    for (int i = 0; i < count; i++, (*at)++) {
        if (**at < '0' || **at > '9')
            return -1;
        *out = *out * 10 + (**at - '0');
    }
    return 0;
}

int celm_release_time_parse(const char *text, int64_t *seconds, int32_t *nanoseconds)
{
    struct tm fields = {0};
    const char *at = text;
    int year, month, day, hour, minute, second;
    if (digits(&at, 4, &year) || *at++ != '-' || digits(&at, 2, &month) || *at++ != '-' || digits(&at, 2, &day) ||
        (*at != 'T' && *at != 't') || (++at, digits(&at, 2, &hour)) || *at++ != ':' || digits(&at, 2, &minute) ||
        *at++ != ':' || digits(&at, 2, &second))
        return -1;
    int32_t nano = 0;
    if (*at == '.') {
        int scale = 100000000;
        for (at++; *at >= '0' && *at <= '9'; at++, scale /= 10)
            nano += scale ? (*at - '0') * scale : 0;
    }
    long offset = 0;
    if (*at == '+' || *at == '-') {
        int sign = *at++ == '-' ? -1 : 1, zone_hours, zone_minutes;
        if (digits(&at, 2, &zone_hours) || *at++ != ':' || digits(&at, 2, &zone_minutes))
            return -1;
        offset = sign * (zone_hours * 3600L + zone_minutes * 60L);
    } else if (*at == 'Z' || *at == 'z') {
        at++;
    } else {
        return -1;
    }
    fields.tm_year = year - 1900;
    fields.tm_mon = month - 1;
    fields.tm_mday = day;
    fields.tm_hour = hour;
    fields.tm_min = minute;
    fields.tm_sec = second;
    *seconds = (int64_t)timegm(&fields) - offset;
    *nanoseconds = nano;
    return *at ? -1 : 0;
}

/* --- the embedded chart ------------------------------------------------------------------------ */

static void set(celm_arena *arena, celm_value *map, const char *key, celm_value *value)
{
    celm_map_set(arena, map, key, strlen(key), value);
}

static celm_value *time_value(celm_arena *arena, celm_chart_time moment)
{
    if (!moment.set)
        return celm_value_null(arena);
    return celm_value_cstring(arena, celm_release_time_format(arena, moment.seconds, moment.nanoseconds));
}

static celm_value *bytes_value(celm_arena *arena, const char *data, size_t len)
{
    celm_string text;
    if (celm_base64_encode(arena, data, len, &text) != CELM_OK)
        return NULL;
    return celm_value_string(arena, text.data, text.len);
}

static celm_value *file_list(celm_arena *arena, const celm_chart_file *files, size_t count)
{
    celm_value *list = celm_value_list(arena, count);
    for (size_t i = 0; list && i < count; i++) {
        celm_value *file = celm_value_map(arena, 3);
        set(arena, file, "name", celm_value_cstring(arena, files[i].name));
        set(arena, file, "data", bytes_value(arena, files[i].data, files[i].len));
        set(arena, file, "modtime", time_value(arena, files[i].modtime));
        celm_list_append(arena, list, file);
    }
    return list;
}

static celm_value *lock_value(celm_arena *arena, const celm_chart *chart)
{
    celm_value *lock = NULL;
    celm_error ignored = CELM_ERROR_INIT;
    if (!chart->lock || celm_yaml_parse(arena, chart->lock->data, chart->lock->len, chart->lock->name,
                                        CELM_YAML_KEEP_INTEGERS, &lock, &ignored) != CELM_OK)
        return celm_value_null(arena);
    return lock && lock->kind == CELM_VALUE_MAP ? lock : celm_value_null(arena);
}

celm_value *celm_release_chart(celm_arena *arena, const celm_chart *chart)
{
    celm_value *embedded = celm_value_map(arena, 8);
    if (!embedded)
        return NULL;
    set(arena, embedded, "metadata", chart->metadata);
    set(arena, embedded, "lock", lock_value(arena, chart));
    set(arena, embedded, "templates", file_list(arena, chart->templates, chart->template_count));
    set(arena, embedded, "values", chart->values);
    set(arena, embedded, "schema", chart->schema ? bytes_value(arena, chart->schema->data, chart->schema->len)
                                                 : celm_value_null(arena));
    set(arena, embedded, "schemamodtime", time_value(arena, chart->schema_modtime));
    set(arena, embedded, "files", file_list(arena, chart->files, chart->file_count));
    set(arena, embedded, "modtime", time_value(arena, chart->modtime));
    return embedded;
}

/* --- accessors ----------------------------------------------------------------------------- */

const char *celm_release_text(const celm_value *release, const char *section, const char *key)
{
    const celm_value *where = section ? celm_map_cget(release, section) : release;
    const celm_value *value = where && where->kind == CELM_VALUE_MAP ? celm_map_cget(where, key) : NULL;
    return value && value->kind == CELM_VALUE_STRING ? value->as.string.data : NULL;
}

int64_t celm_release_version(const celm_value *release)
{
    const celm_value *version = celm_map_cget(release, "version");
    if (!version)
        return 0;
    return version->kind == CELM_VALUE_INT ? version->as.integer
         : version->kind == CELM_VALUE_FLOAT ? (int64_t)version->as.real : 0;
}

int celm_release_hook_has_event(const celm_value *hook, const char *event)
{
    const celm_value *events = hook && hook->kind == CELM_VALUE_MAP ? celm_map_cget(hook, "events") : NULL;
    for (size_t i = 0; events && events->kind == CELM_VALUE_LIST && i < events->as.list.count; i++)
        if (events->as.list.items[i]->kind == CELM_VALUE_STRING && !strcmp(events->as.list.items[i]->as.string.data, event))
            return 1;
    return 0;
}

int64_t celm_release_hook_weight(const celm_value *hook)
{
    const celm_value *weight = hook && hook->kind == CELM_VALUE_MAP ? celm_map_cget(hook, "weight") : NULL;
    if (!weight)
        return 0;
    return weight->kind == CELM_VALUE_INT ? weight->as.integer
         : weight->kind == CELM_VALUE_FLOAT ? (int64_t)weight->as.real : 0;
}

int celm_release_set_info(celm_arena *arena, celm_value *release, const char *key, const char *text)
{
    celm_value *info = celm_map_cget(release, "info");
    if (!info || info->kind != CELM_VALUE_MAP) {
        info = celm_value_map(arena, 8);
        if (!info || celm_map_set(arena, release, "info", 4, info) != CELM_OK)
            return CELM_ENOMEM;
    }
    return celm_map_set(arena, info, key, strlen(key), celm_value_cstring(arena, text));
}
