/* gotmpl_funcs_helm_data.c: Helm's data functions (pkg/engine/funcs.go: toYaml, fromYaml, toJson,
 * fromJson, toToml, fromToml and their must/Array/Pretty forms, lookup) and Sprig's JSON functions
 * (toJson, toPrettyJson, toRawJson, fromJson and their must forms), some of which Helm replaces. */
#include <string.h>

#include "gotmpl_funcs_b.h"
#include "gotmpl_json_decode.h"
#include "gotmpl_toml.h"
#include "gotmpl_yaml_pretty.h"

/* --- encoding --------------------------------------------------------------------------------------- */
enum data_format { FORMAT_YAML, FORMAT_JSON, FORMAT_JSON_INDENT, FORMAT_JSON_RAW };

/* The value through encoding/json (what gotmpl_to_plain gives), written by the host's codecs.
 * Returns CELM_OK, CELM_EINVAL with Go's error in *error_text, or CELM_ENOMEM. */
static int encode(gotmpl_call *call, const gotmpl_value *value, enum data_format format, celm_string *out,
                  celm_string *error_text)
{
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    const celm_host *host = gotmpl_runtime_host(runtime);
    celm_arena *arena = gotmpl_runtime_arena(runtime);
    celm_value *plain = gotmpl_to_plain(runtime, value);
    celm_error err = CELM_ERROR_INIT;
    if (!plain)
        return CELM_ENOMEM;
    static const unsigned json_flags[] = {0, 0, CELM_JSON_INDENT, CELM_JSON_NO_HTML_ESCAPE};
    int status = format == FORMAT_YAML ? host->yaml_emit(arena, plain, out, &err)
                                       : host->json_emit(arena, plain, json_flags[format], out, &err);
    if (status == CELM_ENOMEM)
        return status;
    if (status != CELM_OK) {
        gotmpl_value text = gotmpl_string_copy(runtime, err.message, strlen(err.message));
        *error_text = text.type == GT_STRING ? text.as.string : (celm_string){"", 0};
        return CELM_EINVAL;
    }
    return CELM_OK;
}

static int fn_to_yaml(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    celm_string text, error_text;
    int status = encode(call, &args[0], FORMAT_YAML, &text, &error_text);
    if (status == CELM_ENOMEM)
        return status;
    if (status != CELM_OK)
        text = (celm_string){"", 0};
    else if (text.len && text.data[text.len - 1] == '\n')
        text.len--;
    return gotmpl_string_result(gotmpl_call_runtime(call), text.data, text.len, out);
}

static int fn_must_to_yaml(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    celm_string text, error_text;
    int status = encode(call, &args[0], FORMAT_YAML, &text, &error_text);
    if (status == CELM_EINVAL)
        return gotmpl_call_panic(call, "error marshaling into JSON: %s", error_text.data);
    if (status != CELM_OK)
        return status;
    if (text.len && text.data[text.len - 1] == '\n')
        text.len--;
    return gotmpl_string_result(gotmpl_call_runtime(call), text.data, text.len, out);
}

/* toJson, toPrettyJson: errors give "" (Helm and Sprig swallow them). */
static int json_quiet(gotmpl_call *call, const gotmpl_value *value, enum data_format format, gotmpl_value *out)
{
    celm_string text, error_text;
    int status = encode(call, value, format, &text, &error_text);
    if (status == CELM_ENOMEM)
        return status;
    *out = status == CELM_OK ? gotmpl_string(text.data, text.len) : gotmpl_string("", 0);
    return CELM_OK;
}

/* mustToJson (a panic), mustToPrettyJson and mustToRawJson (errors), toRawJson (a panic). */
static int json_loud(gotmpl_call *call, const gotmpl_value *value, enum data_format format, int panics,
                     gotmpl_value *out)
{
    celm_string text, error_text;
    int status = encode(call, value, format, &text, &error_text);
    *out = gotmpl_string("", 0);
    if (status == CELM_EINVAL)
        return panics ? gotmpl_call_panic(call, "%s", error_text.data) : gotmpl_call_error(call, "%s", error_text.data);
    if (status == CELM_OK)
        *out = gotmpl_string(text.data, text.len);
    return status;
}

static int fn_to_json(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return json_quiet(call, &args[0], FORMAT_JSON, out);
}

static int fn_to_pretty_json(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return json_quiet(call, &args[0], FORMAT_JSON_INDENT, out);
}

static int fn_must_to_json(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return json_loud(call, &args[0], FORMAT_JSON, 1, out);
}

static int fn_to_raw_json(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return json_loud(call, &args[0], FORMAT_JSON_RAW, 1, out);
}

static int fn_sprig_must_to_json(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return json_loud(call, &args[0], FORMAT_JSON, 0, out);
}

static int fn_must_to_pretty_json(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return json_loud(call, &args[0], FORMAT_JSON_INDENT, 0, out);
}

static int fn_must_to_raw_json(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return json_loud(call, &args[0], FORMAT_JSON_RAW, 0, out);
}

/* --- decoding ----------------------------------------------------------------------------------------- */
/* Helm's tolerant readers put the error where the data would be: {"Error": msg} or [msg]. */
static int error_holder(gotmpl_call *call, int as_list, const celm_string *message, gotmpl_value *out)
{
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    gotmpl_value text = gotmpl_string(message->data, message->len);
    if (as_list) {
        *out = gotmpl_list_new(runtime, GT_LIST, 1);
        return out->type == GT_LIST ? gotmpl_list_append(runtime, out->as.list, text) : CELM_ENOMEM;
    }
    if (out->type != GT_MAP)
        *out = gotmpl_map_new(runtime, GT_MAP, 1);
    return out->type == GT_MAP ? gotmpl_map_set(runtime, out->as.map, "Error", 5, text) : CELM_ENOMEM;
}

static const char *json_kind(const celm_value *value)
{
    switch (value->kind) {
    case CELM_VALUE_MAP: return "object";
    case CELM_VALUE_LIST: return "array";
    case CELM_VALUE_STRING: return "string";
    case CELM_VALUE_BOOL: return "bool";
    default: return "number";
    }
}

/* sigs.k8s.io/yaml's Unmarshal into a map or a list: YAML to JSON, then encoding/json. */
static int from_yaml(gotmpl_call *call, const gotmpl_value *args, int as_list, gotmpl_value *out)
{
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    const celm_host *host = gotmpl_runtime_host(runtime);
    celm_value *parsed = NULL;
    celm_error err = CELM_ERROR_INIT;
    gotmpl_buffer message;
    gotmpl_buffer_init(&message, runtime);
    const celm_string *text = &args[0].as.string;
    int status = host->yaml_parse(gotmpl_runtime_arena(runtime), text->data, text->len, "", 0, &parsed, &err);
    if (status == CELM_ENOMEM)
        return status;
    int wanted = as_list ? CELM_VALUE_LIST : CELM_VALUE_MAP;
    if (status != CELM_OK)
        gotmpl_buffer_printf(&message, "error converting YAML to JSON: %s", err.message);
    else if (parsed->kind != (uint32_t)wanted && parsed->kind != CELM_VALUE_NULL)
        gotmpl_buffer_printf(&message,
                             "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go value of "
                             "type %s", json_kind(parsed), as_list ? "[]interface {}" : "map[string]interface {}");
    if (message.len) {
        celm_string problem;
        *out = gotmpl_invalid();
        if (gotmpl_buffer_finish(&message, &problem) != CELM_OK)
            return CELM_ENOMEM;
        return error_holder(call, as_list, &problem, out);
    }
    if (parsed->kind == CELM_VALUE_NULL)
        *out = as_list ? gotmpl_list_new(runtime, GT_LIST, 0) : gotmpl_map_new(runtime, GT_MAP, 0);
    else
        *out = gotmpl_from_celm(runtime, parsed);
    return out->type == GT_INVALID ? CELM_ENOMEM : CELM_OK;
}

static int fn_from_yaml(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return from_yaml(call, args, 0, out);
}

static int fn_from_yaml_array(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return from_yaml(call, args, 1, out);
}

static int from_json(gotmpl_call *call, const gotmpl_value *args, gotmpl_json_target target, gotmpl_value *out)
{
    celm_string error_text;
    const celm_string *text = &args[0].as.string;
    int status = gotmpl_json_decode(gotmpl_call_runtime(call), text->data, text->len, target, out, &error_text);
    if (status == CELM_EINVAL && target == GOTMPL_JSON_LIST) {
        *out = gotmpl_invalid();
        return error_holder(call, 1, &error_text, out);
    }
    if (status == CELM_EINVAL && target == GOTMPL_JSON_MAP)
        return error_holder(call, 0, &error_text, out);
    if (status == CELM_EINVAL)
        return gotmpl_call_error(call, "%s", error_text.data);
    return status;
}

static int fn_from_json(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return from_json(call, args, GOTMPL_JSON_MAP, out);
}

static int fn_from_json_array(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return from_json(call, args, GOTMPL_JSON_LIST, out);
}

static int fn_must_from_json(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return from_json(call, args, GOTMPL_JSON_ANY, out);
}

/* Sprig's fromJson: any JSON value, nil when the text is no JSON. */
static int fn_sprig_from_json(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    int status = from_json(call, args, GOTMPL_JSON_ANY, out);
    if (status == CELM_EINVAL)
        *out = gotmpl_nil(), status = CELM_OK;
    return status;
}

/* --- TOML and pretty YAML ---------------------------------------------------------------------------- */
static int fn_to_toml(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    celm_string text, error_text;
    int status = gotmpl_toml_encode(gotmpl_call_runtime(call), &args[0], &text, &error_text);
    if (status == CELM_ENOMEM)
        return status;
    if (status == CELM_EFAIL)
        return gotmpl_call_panic(call, "%s", error_text.data);
    *out = status == CELM_OK ? gotmpl_string(text.data, text.len) : gotmpl_string(error_text.data, error_text.len);
    return CELM_OK;
}

static int fn_must_to_toml(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    celm_string text, error_text;
    int status = gotmpl_toml_encode(gotmpl_call_runtime(call), &args[0], &text, &error_text);
    if (status == CELM_EINVAL || status == CELM_EFAIL)
        return gotmpl_call_panic(call, "%s", error_text.data);
    if (status == CELM_OK)
        *out = gotmpl_string(text.data, text.len);
    return status;
}

static int fn_from_toml(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    celm_string error_text;
    const celm_string *text = &args[0].as.string;
    int status = gotmpl_toml_decode(gotmpl_call_runtime(call), text->data, text->len, out, &error_text);
    if (status == CELM_EINVAL)
        return error_holder(call, 0, &error_text, out);
    return status;
}

static int fn_to_yaml_pretty(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    celm_string text;
    int status = gotmpl_yaml_pretty(gotmpl_call_runtime(call), &args[0], &text);
    if (status == CELM_ENOMEM)
        return status;
    if (status != CELM_OK)
        text = (celm_string){"", 0};
    else if (text.len && text.data[text.len - 1] == '\n')
        text.len--;
    return gotmpl_string_result(gotmpl_call_runtime(call), text.data, text.len, out);
}

/* --- lookup ----------------------------------------------------------------------------------------------- */
/* An object (or a list when name is "") as unstructured content: integers stay int64. */
static int lookup_in_cluster(gotmpl_call *call, const gotmpl_value *args, gotmpl_value *out)
{
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    const celm_host *host = gotmpl_runtime_host(runtime);
    celm_arena *arena = gotmpl_runtime_arena(runtime);
    celm_error err = CELM_ERROR_INIT;
    const char *text[4], *path;
    for (size_t i = 0; i < 4; i++)  /* template strings are slices, not NUL-terminated */
        text[i] = host->arena_strndup(arena, args[i].as.string.data, args[i].as.string.len);
    int status = host->kube_resource_path(arena, text[0], text[1], text[2], text[3], &path, &err);
    if (status != CELM_OK)
        return gotmpl_call_error(call, "%s", err.message);
    celm_kube_request request = {.size = sizeof request, .method = "GET", .path = path};
    celm_kube_response response;
    status = host->kube_request(arena, &request, &response, &err);
    if (status == CELM_ENOTFOUND)
        return CELM_OK;
    celm_value *object;
    if (status == CELM_OK)
        status = host->yaml_parse(arena, response.body, response.body_len, path, CELM_YAML_KEEP_INTEGERS, &object, &err);
    if (status != CELM_OK)
        return gotmpl_call_error(call, "%s", err.message);
    *out = gotmpl_from_celm(runtime, object);
    return CELM_OK;
}

/* Without a cluster (helm template, lint, client dry runs) Helm's lookup finds nothing. */
static int fn_lookup(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    *out = gotmpl_map_new(gotmpl_call_runtime(call), GT_MAP, 0);
    if (out->type != GT_MAP)
        return CELM_ENOMEM;
    return gotmpl_runtime_cluster(gotmpl_call_runtime(call)) ? lookup_in_cluster(call, args, out) : CELM_OK;
}

#define S GT_STRING
#define A GT_ANY

static const gotmpl_func sprig_json_functions[] = {
    {"toJson", fn_to_json, 1, 0, {A}, S, 0},
    {"mustToJson", fn_sprig_must_to_json, 1, 0, {A}, S, 1},
    {"fromJson", fn_sprig_from_json, 1, 0, {S}, A, 0},
    {"toPrettyJson", fn_to_pretty_json, 1, 0, {A}, S, 0},
    {"toRawJson", fn_to_raw_json, 1, 0, {A}, S, 0},
    {"mustToPrettyJson", fn_must_to_pretty_json, 1, 0, {A}, S, 1},
    {"mustToRawJson", fn_must_to_raw_json, 1, 0, {A}, S, 1},
    {"mustFromJson", fn_must_from_json, 1, 0, {S}, A, 1},
    {NULL, NULL, 0, 0, {0}, 0, 0},
};

const gotmpl_func_table gotmpl_funcs_sprig_json = {"sprig-json", sprig_json_functions};

static const gotmpl_func data_functions[] = {
    {"toYaml", fn_to_yaml, 1, 0, {A}, S, 0},
    {"mustToYaml", fn_must_to_yaml, 1, 0, {A}, S, 0},
    {"toYamlPretty", fn_to_yaml_pretty, 1, 0, {A}, S, 0},
    {"fromYaml", fn_from_yaml, 1, 0, {S}, GT_MAP, 0},
    {"fromYamlArray", fn_from_yaml_array, 1, 0, {S}, GT_LIST, 0},
    {"toJson", fn_to_json, 1, 0, {A}, S, 0},
    {"mustToJson", fn_must_to_json, 1, 0, {A}, S, 0},
    {"fromJson", fn_from_json, 1, 0, {S}, GT_MAP, 0},
    {"fromJsonArray", fn_from_json_array, 1, 0, {S}, GT_LIST, 0},
    {"toToml", fn_to_toml, 1, 0, {A}, S, 0},
    {"mustToToml", fn_must_to_toml, 1, 0, {A}, S, 0},
    {"fromToml", fn_from_toml, 1, 0, {S}, GT_MAP, 0},
    {"lookup", fn_lookup, 4, 0, {S, S, S, S}, GT_MAP, 1},
    {NULL, NULL, 0, 0, {0}, 0, 0},
};

const gotmpl_func_table gotmpl_funcs_helm_data = {"helm-data", data_functions};
