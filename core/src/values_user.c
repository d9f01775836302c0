/* values_user.c: Helm's assembly of user values from -f files and the --set flags (MergeValues). */
#include <stdio.h>
#include <string.h>

#include "celm/values.h"
#include "strvals.h"

/* The error of a step, behind the text Helm puts in front of it; origin names the flag or file. */
static int wrap_error(celm_error *err, const char *origin, const char *prefix, const char *detail)
{
    if (!err)
        return CELM_EFAIL;
    char message[CELM_ERROR_MESSAGE_SIZE];
    snprintf(message, sizeof message, "%s%s", prefix, detail);
    int code = err->code ? err->code : CELM_EFAIL;
    celm_error_set(err, code, "%s", message);
    snprintf(err->origin, sizeof err->origin, "%s", origin);
    return code;
}

static int merge_value_files(celm_arena *arena, const celm_values_options *options, celm_value **base,
                             celm_error *err)
{
    for (size_t i = 0; i < options->value_file_count; i++) {
        const char *path = options->value_files[i];
        celm_string text;
        celm_value *values;
        int status = celm_values_read_source(arena, path, options->standard_input, &text, err);
        if (status != CELM_OK)
            return wrap_error(err, path, "", err ? err->message : "");
        if ((status = celm_values_load(arena, text.data, text.len, path, &values, err)) != CELM_OK) {
            char prefix[CELM_ERROR_MESSAGE_SIZE];
            snprintf(prefix, sizeof prefix, "failed to parse %s: ", path);
            return wrap_error(err, path, prefix, err ? err->message : "");
        }
        if (!(*base = celm_values_merge_maps(arena, *base, values)))
            return celm_error_set(err, CELM_ENOMEM, "out of memory merging values");
    }
    return CELM_OK;
}

/* --set-json: a whole JSON object (v4) merges at the root; anything else is key=json pairs.
 * Helm reports either failure with the flag's text only, not the cause. */
static int merge_json_value(celm_arena *arena, const char *raw, celm_value **base, celm_error *err)
{
    size_t start, len;
    celm_strvals_trim_space(raw, strlen(raw), &start, &len);
    if (len > 0 && raw[start] == '{') {
        celm_value *object;
        if (celm_strvals_json_object(arena, raw + start, len, &object, err) != CELM_OK)
            return wrap_error(err, "--set-json", "failed parsing --set-json data JSON: ", raw);
        if (!(*base = celm_values_merge_maps(arena, *base, object)))
            return celm_error_set(err, CELM_ENOMEM, "out of memory merging values");
        return CELM_OK;
    }
    if (celm_strvals_parse(arena, *base, raw, strlen(raw), CELM_STRVALS_JSON, NULL, NULL, err) != CELM_OK)
        return wrap_error(err, "--set-json", "failed parsing --set-json data ", raw);
    return CELM_OK;
}

/* --set-file: the value names a file (or "-") whose bytes become a string. */
static int read_file_value(void *payload, celm_arena *arena, const char *text, size_t len,
                           celm_value **out, celm_error *err)
{
    const celm_values_options *options = payload;
    celm_string content;
    (void)len;
    int status = celm_values_read_source(arena, text, options->standard_input, &content, err);
    if (status != CELM_OK)
        return status;
    *out = celm_value_string(arena, content.data, content.len);
    return *out ? CELM_OK : celm_error_set(err, CELM_ENOMEM, "out of memory reading values");
}

static int parse_flag_values(celm_arena *arena, const celm_values_options *options, celm_value *base,
                             const char *const *lines, size_t count, celm_strvals_kind kind,
                             const char *flag, celm_error *err)
{
    char prefix[64];
    snprintf(prefix, sizeof prefix, "failed parsing %s data: ", flag);
    for (size_t i = 0; i < count; i++) {
        int status = celm_strvals_parse(arena, base, lines[i], strlen(lines[i]), kind,
                                        read_file_value, (void *)options, err);
        if (status != CELM_OK)
            return wrap_error(err, flag, prefix, err ? err->message : "");
    }
    return CELM_OK;
}

int celm_values_merge_user(celm_arena *arena, const celm_values_options *options, celm_value **out,
                           celm_error *err)
{
    celm_error scratch = CELM_ERROR_INIT;
    if (!err)
        err = &scratch;
    *out = NULL;
    if (!arena || !options || options->version < 1)
        return celm_error_set(err, CELM_EINVAL, "celm_values_merge_user needs an arena and options");
    celm_value *base = celm_value_map(arena, 0);
    if (!base)
        return celm_error_set(err, CELM_ENOMEM, "out of memory merging values");
    int status = merge_value_files(arena, options, &base, err);
    for (size_t i = 0; status == CELM_OK && i < options->json_value_count; i++)
        status = merge_json_value(arena, options->json_values[i], &base, err);
    if (status == CELM_OK)
        status = parse_flag_values(arena, options, base, options->values, options->value_count,
                                   CELM_STRVALS_TYPED, "--set", err);
    if (status == CELM_OK)
        status = parse_flag_values(arena, options, base, options->string_values,
                                   options->string_value_count, CELM_STRVALS_STRING, "--set-string", err);
    if (status == CELM_OK)
        status = parse_flag_values(arena, options, base, options->file_values, options->file_value_count,
                                   CELM_STRVALS_FILE, "--set-file", err);
    if (status == CELM_OK)
        status = parse_flag_values(arena, options, base, options->literal_values,
                                   options->literal_value_count, CELM_STRVALS_LITERAL, "--set-literal", err);
    if (status == CELM_OK)
        *out = base;
    return status;
}
