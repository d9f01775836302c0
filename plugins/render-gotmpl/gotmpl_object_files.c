/* gotmpl_object_files.c: .Files, Helm's engine.files: a map of file bytes with Get, Glob, Lines, AsConfig... */
#include <string.h>

#include "gotmpl_call.h"
#include "gotmpl_glob.h"
#include "gotmpl_render.h"

static const gotmpl_class files_class;

static gotmpl_value new_files(gotmpl_runtime *runtime)
{
    gotmpl_value files = gotmpl_map_new(runtime, GT_MAP, 0);
    if (files.type)
        gotmpl_map_set_class(files.as.map, &files_class);
    return files;
}

gotmpl_value gotmpl_files_object(gotmpl_runtime *runtime, const celm_render_file *files, size_t count)
{
    gotmpl_value map = new_files(runtime);
    for (size_t i = 0; map.type && i < count; i++)
        gotmpl_map_set(runtime, map.as.map, files[i].name, strlen(files[i].name), gotmpl_bytes(files[i].data, files[i].len));
    return map;
}

static celm_string file_bytes(gotmpl_runtime *runtime, const gotmpl_value *files, const celm_string *name, int *found)
{
    gotmpl_value data;
    *found = gotmpl_map_get(runtime, files->as.map, name->data, name->len, &data) && data.type == GT_BYTES;
    return *found ? data.as.string : (celm_string){"", 0};
}

static int files_get(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    int found;
    celm_string data = file_bytes(gotmpl_call_runtime(call), &args[0], &args[1].as.string, &found);
    *out = gotmpl_string(data.data, data.len);
    return CELM_OK;
}

static int files_get_bytes(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    int found;
    celm_string data = file_bytes(gotmpl_call_runtime(call), &args[0], &args[1].as.string, &found);
    *out = gotmpl_bytes(data.data, data.len);
    return CELM_OK;
}

static int files_glob(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    const celm_host *host = gotmpl_runtime_host(runtime);
    gotmpl_glob *glob = gotmpl_glob_compile(host, gotmpl_runtime_arena(runtime), args[1].as.string.data,
                                            args[1].as.string.len);
    *out = new_files(runtime);
    size_t total;
    const celm_string *names = gotmpl_map_keys(runtime, args[0].as.map, &total);
    for (size_t i = 0; names && out->type && i < total; i++) {
        gotmpl_value data;
        /* An invalid pattern is "**": everything matches. */
        if ((!glob || gotmpl_glob_match(glob, names[i].data, names[i].len)) &&
            gotmpl_map_get(runtime, args[0].as.map, names[i].data, names[i].len, &data))
            gotmpl_map_set(runtime, out->as.map, names[i].data, names[i].len, data);
    }
    return CELM_OK;
}

static int files_lines(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    int found;
    celm_string data = file_bytes(runtime, &args[0], &args[1].as.string, &found);
    *out = gotmpl_list_new(runtime, GT_STRING_LIST, 0);
    if (!found)
        return CELM_OK;
    if (data.len == 0)
        return gotmpl_call_panic(call, "runtime error: index out of range [-1]");
    size_t len = data.data[data.len - 1] == '\n' ? data.len - 1 : data.len;
    for (size_t start = 0;;) {
        const char *newline = memchr(data.data + start, '\n', len - start);
        size_t end = newline ? (size_t)(newline - data.data) : len;
        gotmpl_list_append(runtime, out->as.list, gotmpl_string(data.data + start, end - start));
        if (!newline)
            break;
        start = end + 1;
    }
    return CELM_OK;
}

/* toYAML of base name -> text, as AsConfig and AsSecrets build it (Helm's toYaml: trailing
 * newline trimmed, "" on error). */
static int files_as_yaml(gotmpl_call *call, const gotmpl_value *files, int base64, gotmpl_value *out)
{
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    const celm_host *host = gotmpl_runtime_host(runtime);
    celm_arena *arena = gotmpl_runtime_arena(runtime);
    celm_value *map = host->value_map(arena, 0);
    size_t total;
    const celm_string *names = gotmpl_map_keys(runtime, files->as.map, &total);
    for (size_t i = 0; map && names && i < total; i++) {
        int found;
        celm_string data = file_bytes(runtime, files, &names[i], &found);
        const char *slash = memrchr(names[i].data, '/', names[i].len);
        const char *base = slash ? slash + 1 : names[i].data;
        gotmpl_value bytes = gotmpl_bytes(data.data, data.len);
        celm_value *text = base64 ? gotmpl_to_plain(runtime, &bytes) : host->value_string(arena, data.data, data.len);
        if (text)
            host->map_set(arena, map, base, names[i].len - (size_t)(base - names[i].data), text);
    }
    celm_string yaml = {"", 0};
    celm_error err = CELM_ERROR_INIT;
    if (!map || host->yaml_emit(arena, map, &yaml, &err) != CELM_OK)
        yaml.len = 0;
    if (yaml.len && yaml.data[yaml.len - 1] == '\n')
        yaml.len--;
    *out = gotmpl_string(yaml.data, yaml.len);
    return CELM_OK;
}

static int files_as_config(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return files_as_yaml(call, &args[0], 0, out);
}

static int files_as_secrets(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return files_as_yaml(call, &args[0], 1, out);
}

static const gotmpl_func files_methods[] = {
    {"Get", files_get, 2, 0, {GT_ANY, GT_STRING}, GT_STRING, 0},
    {"GetBytes", files_get_bytes, 2, 0, {GT_ANY, GT_STRING}, GT_BYTES, 0},
    {"Glob", files_glob, 2, 0, {GT_ANY, GT_STRING}, GT_MAP, 0},
    {"Lines", files_lines, 2, 0, {GT_ANY, GT_STRING}, GT_STRING_LIST, 0},
    {"AsConfig", files_as_config, 1, 0, {GT_ANY}, GT_STRING, 0},
    {"AsSecrets", files_as_secrets, 1, 0, {GT_ANY}, GT_STRING, 0},
};

static const gotmpl_func *files_method(const gotmpl_object *object, const char *name, size_t len)
{
    (void)object;
    for (size_t i = 0; i < sizeof files_methods / sizeof files_methods[0]; i++)
        if (strlen(files_methods[i].name) == len && memcmp(files_methods[i].name, name, len) == 0)
            return &files_methods[i];
    return NULL;
}

static const gotmpl_class files_class = {"engine.files", NULL, files_method, NULL, NULL};
