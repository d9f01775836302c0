/* gotmpl_object_capabilities.c: .Capabilities (*common.Capabilities) with KubeVersion, APIVersions, HelmVersion. */
#include <stdio.h>
#include <string.h>

#include "gotmpl_call.h"
#include "gotmpl_render.h"

static const celm_value *lookup(gotmpl_runtime *runtime, const celm_value *map, const char *key)
{
    return map ? gotmpl_runtime_host(runtime)->map_get(map, key, strlen(key)) : NULL;
}

static int text_field(gotmpl_runtime *runtime, const celm_value *map, const char *name, size_t len, gotmpl_value *out)
{
    char key[64];
    if (len >= sizeof key)
        return 0;
    memcpy(key, name, len);
    key[len] = '\0';
    const celm_value *value = lookup(runtime, map, key);
    if (!value || value->kind != CELM_VALUE_STRING || strcmp(key, "Normalized") == 0)
        return 0;
    *out = gotmpl_string(value->as.string.data, value->as.string.len);
    return 1;
}

static const gotmpl_func *find_method(const gotmpl_func *methods, size_t count, const char *name, size_t len)
{
    for (size_t i = 0; i < count; i++)
        if (strlen(methods[i].name) == len && memcmp(methods[i].name, name, len) == 0)
            return &methods[i];
    return NULL;
}

/* --- common.KubeVersion: String() is the normalized version, GitVersion() the full one ------------- */
static const char *kube_text(gotmpl_runtime *runtime, const gotmpl_object *object, const char *key)
{
    const celm_value *value = lookup(runtime, object->data, key);
    return value && value->kind == CELM_VALUE_STRING ? value->as.string.data : "";
}

static int kube_string(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    const char *text = kube_text(gotmpl_call_runtime(call), args[0].as.object, "Normalized");
    *out = gotmpl_string(text, strlen(text));
    return CELM_OK;
}

static int kube_git_version(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    const char *text = kube_text(gotmpl_call_runtime(call), args[0].as.object, "Version");
    *out = gotmpl_string(text, strlen(text));
    return CELM_OK;
}

static const gotmpl_func kube_methods[] = {
    {"String", kube_string, 1, 0, {GT_ANY}, GT_STRING, 0},
    {"GitVersion", kube_git_version, 1, 0, {GT_ANY}, GT_STRING, 0},
};

static int kube_field(gotmpl_runtime *runtime, const gotmpl_object *object, const char *name, size_t len, gotmpl_value *out)
{
    return text_field(runtime, object->data, name, len, out);
}

static const gotmpl_func *kube_method(const gotmpl_object *object, const char *name, size_t len)
{
    (void)object;
    return find_method(kube_methods, sizeof kube_methods / sizeof kube_methods[0], name, len);
}

static void kube_format(gotmpl_runtime *runtime, const gotmpl_object *object, celm_string *out)
{
    const char *text = kube_text(runtime, object, "Normalized");
    *out = (celm_string){text, strlen(text)};
}

static celm_value *kube_plain(gotmpl_runtime *runtime, const gotmpl_object *object)
{
    const celm_host *host = gotmpl_runtime_host(runtime);
    celm_arena *arena = gotmpl_runtime_arena(runtime);
    celm_value *map = host->value_map(arena, 3);
    const char *const keys[] = {"Version", "Major", "Minor"};
    for (size_t i = 0; map && i < 3; i++) {
        const char *text = kube_text(runtime, object, keys[i]);
        host->map_set(arena, map, keys[i], strlen(keys[i]), host->value_string(arena, text, strlen(text)));
    }
    return map;
}

static const gotmpl_class kube_version_class = {"common.KubeVersion", kube_field, kube_method, kube_format, kube_plain};

/* --- version.BuildInfo ---------------------------------------------------------------------------- */
static const char *const build_info_keys[] = {"Version", "GitCommit", "GitTreeState", "GoVersion", "KubeClientVersion"};

static int build_info_field(gotmpl_runtime *runtime, const gotmpl_object *object, const char *name, size_t len,
                            gotmpl_value *out)
{
    return text_field(runtime, object->data, name, len, out);
}

static void build_info_format(gotmpl_runtime *runtime, const gotmpl_object *object, celm_string *out)
{
    const char *parts[5];
    for (size_t i = 0; i < 5; i++) {
        const celm_value *value = lookup(runtime, object->data, build_info_keys[i]);
        parts[i] = value && value->kind == CELM_VALUE_STRING ? value->as.string.data : "";
    }
    const celm_host *host = gotmpl_runtime_host(runtime);
    char text[512];
    int len = snprintf(text, sizeof text, "{%s %s %s %s %s}", parts[0], parts[1], parts[2], parts[3], parts[4]);
    char *copy = host->arena_strndup(gotmpl_runtime_arena(runtime), text, (size_t)len);
    *out = (celm_string){copy ? copy : "", copy ? (size_t)len : 0};
}

static celm_value *build_info_plain(gotmpl_runtime *runtime, const gotmpl_object *object)
{
    (void)runtime;
    return (celm_value *)object->data;
}

static const gotmpl_class build_info_class = {"version.BuildInfo", build_info_field, NULL, build_info_format,
                                              build_info_plain};

/* --- common.VersionSet: a []string with Has --------------------------------------------------------- */
static int version_set_has(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    *out = gotmpl_bool(0);
    for (size_t i = 0; i < gotmpl_list_len(args[0].as.list); i++) {
        gotmpl_value item = gotmpl_list_get(runtime, args[0].as.list, i);
        if (item.as.string.len == args[1].as.string.len &&
            memcmp(item.as.string.data, args[1].as.string.data, item.as.string.len) == 0) {
            *out = gotmpl_bool(1);
            break;
        }
    }
    return CELM_OK;
}

static const gotmpl_func version_set_methods[] = {{"Has", version_set_has, 2, 0, {GT_ANY, GT_STRING}, GT_BOOL, 0}};

static const gotmpl_func *version_set_method(const gotmpl_object *object, const char *name, size_t len)
{
    (void)object;
    return find_method(version_set_methods, 1, name, len);
}

static const gotmpl_class version_set_class = {"common.VersionSet", NULL, version_set_method, NULL, NULL};

/* --- *common.Capabilities ----------------------------------------------------------------------------- */
typedef struct capabilities {
    gotmpl_value kube_version;
    gotmpl_value api_versions;
    gotmpl_value helm_version;
} capabilities;

static int capabilities_field(gotmpl_runtime *runtime, const gotmpl_object *object, const char *name, size_t len,
                              gotmpl_value *out)
{
    (void)runtime;
    const capabilities *caps = object->data;
    if (len == 11 && memcmp(name, "KubeVersion", 11) == 0)
        *out = caps->kube_version;
    else if (len == 11 && memcmp(name, "APIVersions", 11) == 0)
        *out = caps->api_versions;
    else if (len == 11 && memcmp(name, "HelmVersion", 11) == 0)
        *out = caps->helm_version;
    else
        return 0;
    return 1;
}

static const gotmpl_class capabilities_class = {"*common.Capabilities", capabilities_field, NULL, NULL, NULL};

static gotmpl_value object_of(gotmpl_runtime *runtime, const gotmpl_class *class_, void *data)
{
    gotmpl_object *object = gotmpl_runtime_host(runtime)->arena_alloc(gotmpl_runtime_arena(runtime), sizeof *object);
    if (!object)
        return gotmpl_invalid();
    object->class_ = class_;
    object->data = data;
    return gotmpl_object_value(object);
}

gotmpl_value gotmpl_capabilities_object(gotmpl_runtime *runtime, const celm_value *source)
{
    capabilities *caps = gotmpl_runtime_host(runtime)->arena_alloc(gotmpl_runtime_arena(runtime), sizeof *caps);
    if (!caps)
        return gotmpl_invalid();
    caps->kube_version = object_of(runtime, &kube_version_class, (void *)lookup(runtime, source, "KubeVersion"));
    caps->helm_version = object_of(runtime, &build_info_class, (void *)lookup(runtime, source, "HelmVersion"));
    caps->api_versions = gotmpl_list_new(runtime, GT_STRING_LIST, 0);
    const celm_value *apis = lookup(runtime, source, "APIVersions");
    for (size_t i = 0; caps->api_versions.type && apis && i < apis->as.list.count; i++)
        gotmpl_list_append(runtime, caps->api_versions.as.list, gotmpl_from_celm(runtime, apis->as.list.items[i]));
    if (caps->api_versions.type)
        gotmpl_list_set_class(caps->api_versions.as.list, &version_set_class);
    return object_of(runtime, &capabilities_class, caps);
}
