/* gotmpl_funcs_sprig_semver.c: Sprig's semver and semverCompare, and the *semver.Version objects
 * semver returns, with Masterminds semver v3.5.0's methods (parsing and comparing are the host's). */
#include <string.h>

#include "gotmpl_funcs_b.h"

typedef struct semver_data {
    uint64_t major, minor, patch;
    celm_string prerelease, metadata, original;
} semver_data;

static const gotmpl_class pointer_class, value_class;

static const semver_data *data_of(const gotmpl_value *value)
{
    return value->as.object->data;
}

static celm_string arena_copy(gotmpl_runtime *runtime, const char *text, size_t len)
{
    gotmpl_value copy = gotmpl_string_copy(runtime, text ? text : "", len);
    celm_string out = {copy.type == GT_STRING ? copy.as.string.data : "", copy.type == GT_STRING ? len : 0};
    return out;
}

static int object_result(gotmpl_runtime *runtime, const semver_data *data, const gotmpl_class *class_,
                         gotmpl_value *out)
{
    const celm_host *host = gotmpl_runtime_host(runtime);
    celm_arena *arena = gotmpl_runtime_arena(runtime);
    semver_data *copy = host->arena_alloc(arena, sizeof *copy);
    gotmpl_object *object = host->arena_alloc(arena, sizeof *object);
    if (!copy || !object)
        return CELM_ENOMEM;
    *copy = *data;
    object->class_ = class_;
    object->data = copy;
    *out = gotmpl_object_value(object);
    return CELM_OK;
}

/* Version.String(): major.minor.patch[-pre][+metadata], without any "v". */
static celm_string version_text(gotmpl_runtime *runtime, const semver_data *data)
{
    gotmpl_buffer output;
    gotmpl_buffer_init(&output, runtime);
    gotmpl_buffer_printf(&output, "%llu.%llu.%llu", (unsigned long long)data->major, (unsigned long long)data->minor,
                         (unsigned long long)data->patch);
    if (data->prerelease.len) {
        gotmpl_buffer_putc(&output, '-');
        gotmpl_buffer_put(&output, data->prerelease.data, data->prerelease.len);
    }
    if (data->metadata.len) {
        gotmpl_buffer_putc(&output, '+');
        gotmpl_buffer_put(&output, data->metadata.data, data->metadata.len);
    }
    celm_string text = {"", 0};
    gotmpl_buffer_finish(&output, &text);
    return text;
}

/* The new original of Inc* and Set*: the old "v" prefix (lowercase only), then String(). */
static void set_original(gotmpl_runtime *runtime, const semver_data *from, semver_data *next)
{
    celm_string text = version_text(runtime, next);
    int v = from->original.len && from->original.data[0] == 'v';
    gotmpl_buffer output;
    gotmpl_buffer_init(&output, runtime);
    gotmpl_buffer_puts(&output, v ? "v" : "");
    gotmpl_buffer_put(&output, text.data, text.len);
    gotmpl_buffer_finish(&output, &next->original);
}

/* --- the functions ---------------------------------------------------------------------------------- */
static int parse_version(gotmpl_call *call, const celm_string *text, semver_data *out)
{
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    celm_string copy = arena_copy(runtime, text->data, text->len);
    celm_semver parsed;
    celm_error err = CELM_ERROR_INIT;
    if (gotmpl_runtime_host(runtime)->semver_parse(&parsed, copy.data, copy.len, &err) != CELM_OK)
        return gotmpl_call_error(call, "%s", err.message);
    out->major = parsed.major;
    out->minor = parsed.minor;
    out->patch = parsed.patch;
    /* Copies, so that each text ends with a NUL as celm strings do. */
    out->prerelease = arena_copy(runtime, parsed.prerelease, parsed.prerelease_len);
    out->metadata = arena_copy(runtime, parsed.metadata, parsed.metadata_len);
    out->original = copy;
    return CELM_OK;
}

static int fn_semver(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    semver_data data;
    int status = parse_version(call, &args[0].as.string, &data);
    if (status != CELM_OK) {
        *out = gotmpl_nil();
        return status;
    }
    return object_result(gotmpl_call_runtime(call), &data, &pointer_class, out);
}

static int fn_semver_compare(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    const celm_string *constraint = &args[0].as.string, *version = &args[1].as.string;
    celm_error err = CELM_ERROR_INIT;
    int satisfied = gotmpl_runtime_host(gotmpl_call_runtime(call))
                        ->semver_satisfies(constraint->data, constraint->len, version->data, version->len, &err);
    *out = gotmpl_bool(satisfied > 0);
    if (satisfied < 0)
        return gotmpl_call_error(call, "%s", err.message);
    return CELM_OK;
}

/* --- methods ------------------------------------------------------------------------------------------ */
static int m_string(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    celm_string text = version_text(gotmpl_call_runtime(call), data_of(&args[0]));
    *out = gotmpl_string(text.data, text.len);
    return CELM_OK;
}

static int m_original(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    *out = gotmpl_string(data_of(&args[0])->original.data, data_of(&args[0])->original.len);
    return CELM_OK;
}

static int m_major(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    *out = gotmpl_uint(GT_UINT64, data_of(&args[0])->major);
    return CELM_OK;
}

static int m_minor(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    *out = gotmpl_uint(GT_UINT64, data_of(&args[0])->minor);
    return CELM_OK;
}

static int m_patch(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    *out = gotmpl_uint(GT_UINT64, data_of(&args[0])->patch);
    return CELM_OK;
}

static int m_prerelease(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    *out = gotmpl_string(data_of(&args[0])->prerelease.data, data_of(&args[0])->prerelease.len);
    return CELM_OK;
}

static int m_metadata(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    *out = gotmpl_string(data_of(&args[0])->metadata.data, data_of(&args[0])->metadata.len);
    return CELM_OK;
}

/* IncPatch, IncMinor, IncMajor: which = 0, 1, 2. */
static int increment(gotmpl_call *call, const gotmpl_value *receiver, int which, gotmpl_value *out)
{
    const semver_data *from = data_of(receiver);
    semver_data next = *from;
    static const char *const names[] = {"patch", "minor", "major"};
    uint64_t *part = which == 0 ? &next.patch : which == 1 ? &next.minor : &next.major;
    int keep = which == 0 && from->prerelease.len;
    next.prerelease = next.metadata = (celm_string){"", 0};
    if (!keep) {
        if (*part == UINT64_MAX)
            return gotmpl_call_panic(call, "%s version increment would overflow uint64", names[which]);
        (*part)++;
        if (which >= 1)
            next.patch = 0;
        if (which == 2)
            next.minor = 0;
    }
    set_original(gotmpl_call_runtime(call), from, &next);
    return object_result(gotmpl_call_runtime(call), &next, &value_class, out);
}

static int m_inc_patch(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return increment(call, &args[0], 0, out);
}

static int m_inc_minor(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return increment(call, &args[0], 1, out);
}

static int m_inc_major(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return increment(call, &args[0], 2, out);
}

static int only_of(const char *text, size_t len, int digits_only)
{
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        int digit = c >= '0' && c <= '9';
        if (digits_only ? !digit : !(digit || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-'))
            return 0;
    }
    return 1;
}

/* validatePrerelease / validateMetadata: the error text, or NULL when valid. */
static const char *identifiers_problem(const celm_string *text, int prerelease)
{
    size_t start = 0;
    for (size_t i = 0; i <= text->len; i++) {
        if (i < text->len && text->data[i] != '.')
            continue;
        const char *part = text->data + start;
        size_t len = i - start;
        start = i + 1;
        if (len == 0)
            return prerelease ? "invalid prerelease string" : "invalid metadata string";
        if (prerelease && only_of(part, len, 1)) {
            if (len > 1 && part[0] == '0')
                return "version segment starts with 0";
        } else if (!only_of(part, len, 0)) {
            return prerelease ? "invalid prerelease string" : "invalid metadata string";
        }
    }
    return NULL;
}

static int set_identifiers(gotmpl_call *call, const gotmpl_value *args, int prerelease, gotmpl_value *out)
{
    const semver_data *from = data_of(&args[0]);
    semver_data next = *from;
    const celm_string *text = &args[1].as.string;
    const char *problem = text->len ? identifiers_problem(text, prerelease) : NULL;
    if (problem) {
        object_result(gotmpl_call_runtime(call), &next, &value_class, out);
        return gotmpl_call_error(call, "%s", problem);
    }
    celm_string copy = arena_copy(gotmpl_call_runtime(call), text->data, text->len);
    if (prerelease)
        next.prerelease = copy;
    else
        next.metadata = copy;
    set_original(gotmpl_call_runtime(call), from, &next);
    return object_result(gotmpl_call_runtime(call), &next, &value_class, out);
}

static int m_set_prerelease(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return set_identifiers(call, args, 1, out);
}

static int m_set_metadata(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return set_identifiers(call, args, 0, out);
}

/* Version.Compare: the host's Masterminds comparison (metadata ignored). */
static int compare(gotmpl_call *call, const gotmpl_value *args)
{
    const semver_data *a = data_of(&args[0]), *b = data_of(&args[1]);
    celm_semver left = {a->major, a->minor, a->patch, a->prerelease.data, a->prerelease.len, a->metadata.data,
                        a->metadata.len, a->original.data, a->original.len};
    celm_semver right = {b->major, b->minor, b->patch, b->prerelease.data, b->prerelease.len, b->metadata.data,
                         b->metadata.len, b->original.data, b->original.len};
    return gotmpl_runtime_host(gotmpl_call_runtime(call))->semver_compare(&left, &right);
}

static int other_is_version(gotmpl_call *call, const gotmpl_value *args)
{
    if (args[1].type == GT_OBJECT && args[1].as.object->class_ == &pointer_class)
        return 1;
    gotmpl_call_panic(call, "runtime error: invalid memory address or nil pointer dereference");
    return 0;
}

static int m_compare(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    if (!other_is_version(call, args))
        return CELM_EINVAL;
    *out = gotmpl_int(GT_INT, compare(call, args));
    return CELM_OK;
}

#define COMPARISON(function, test)                                                              \
    static int function(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out) \
    {                                                                                           \
        (void)count;                                                                            \
        if (!other_is_version(call, args))                                                      \
            return CELM_EINVAL;                                                                 \
        int order = compare(call, args);                                                        \
        *out = gotmpl_bool(test);                                                               \
        return CELM_OK;                                                                         \
    }

COMPARISON(m_less_than, order < 0)
COMPARISON(m_less_than_equal, order <= 0)
COMPARISON(m_greater_than, order > 0)
COMPARISON(m_greater_than_equal, order >= 0)

static int m_equal(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    if (args[1].type != GT_OBJECT || args[1].as.object->class_ != &pointer_class) {
        *out = gotmpl_bool(0);
        return CELM_OK;
    }
    *out = gotmpl_bool(args[0].as.object == args[1].as.object || compare(call, args) == 0);
    return CELM_OK;
}

/* MarshalJSON gives the quoted String(), MarshalText the String() itself, both as []byte. */
static int m_marshal(gotmpl_call *call, const gotmpl_value *args, int json, gotmpl_value *out)
{
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    celm_string text = version_text(runtime, data_of(&args[0]));
    if (json) {
        const celm_host *host = gotmpl_runtime_host(runtime);
        celm_error err = CELM_ERROR_INIT;
        celm_value *plain = host->value_string(gotmpl_runtime_arena(runtime), text.data, text.len);
        if (!plain || host->json_emit(gotmpl_runtime_arena(runtime), plain, 0, &text, &err) != CELM_OK)
            return CELM_ENOMEM;
    }
    *out = gotmpl_bytes(text.data, text.len);
    return CELM_OK;
}

static int m_marshal_json(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return m_marshal(call, args, 1, out);
}

static int m_marshal_text(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return m_marshal(call, args, 0, out);
}

#define O GT_OBJECT
#define S GT_STRING

/* The methods with value receivers, which semver.Version values have too. */
static const gotmpl_func value_methods[] = {
    {"String", m_string, 1, 0, {O}, S, 0},
    {"Major", m_major, 1, 0, {O}, GT_UINT64, 0},
    {"Minor", m_minor, 1, 0, {O}, GT_UINT64, 0},
    {"Patch", m_patch, 1, 0, {O}, GT_UINT64, 0},
    {"Prerelease", m_prerelease, 1, 0, {O}, S, 0},
    {"Metadata", m_metadata, 1, 0, {O}, S, 0},
    {"IncPatch", m_inc_patch, 1, 0, {O}, O, 0},
    {"IncMinor", m_inc_minor, 1, 0, {O}, O, 0},
    {"IncMajor", m_inc_major, 1, 0, {O}, O, 0},
    {"SetPrerelease", m_set_prerelease, 2, 0, {O, S}, O, 1},
    {"SetMetadata", m_set_metadata, 2, 0, {O, S}, O, 1},
    {"MarshalJSON", m_marshal_json, 1, 0, {O}, GT_BYTES, 1},
    {"MarshalText", m_marshal_text, 1, 0, {O}, GT_BYTES, 1},
    {NULL, NULL, 0, 0, {0}, 0, 0},
};

/* The methods only a *semver.Version has (pointer receivers). */
static const gotmpl_func pointer_methods[] = {
    {"Original", m_original, 1, 0, {O}, S, 0},
    {"LessThan", m_less_than, 2, 0, {O, O}, GT_BOOL, 0},
    {"LessThanEqual", m_less_than_equal, 2, 0, {O, O}, GT_BOOL, 0},
    {"GreaterThan", m_greater_than, 2, 0, {O, O}, GT_BOOL, 0},
    {"GreaterThanEqual", m_greater_than_equal, 2, 0, {O, O}, GT_BOOL, 0},
    {"Equal", m_equal, 2, 0, {O, O}, GT_BOOL, 0},
    {"Compare", m_compare, 2, 0, {O, O}, GT_INT, 0},
    {NULL, NULL, 0, 0, {0}, 0, 0},
};

static const gotmpl_func *find_method(const gotmpl_func *table, const char *name, size_t len)
{
    for (; table->name; table++)
        if (strlen(table->name) == len && memcmp(table->name, name, len) == 0)
            return table;
    return NULL;
}

static const gotmpl_func *value_method(const gotmpl_object *object, const char *name, size_t len)
{
    (void)object;
    return find_method(value_methods, name, len);
}

static const gotmpl_func *pointer_method(const gotmpl_object *object, const char *name, size_t len)
{
    (void)object;
    const gotmpl_func *found = find_method(value_methods, name, len);
    return found ? found : find_method(pointer_methods, name, len);
}

static int no_fields(gotmpl_runtime *runtime, const gotmpl_object *object, const char *name, size_t len,
                     gotmpl_value *out)
{
    (void)runtime, (void)object, (void)name, (void)len, (void)out;
    return 0;
}

/* fmt's %v uses String(); encoding/json uses MarshalJSON, a JSON string. */
static void format_version(gotmpl_runtime *runtime, const gotmpl_object *object, celm_string *out)
{
    *out = version_text(runtime, object->data);
}

static celm_value *version_plain(gotmpl_runtime *runtime, const gotmpl_object *object)
{
    celm_string text = version_text(runtime, object->data);
    return gotmpl_runtime_host(runtime)->value_string(gotmpl_runtime_arena(runtime), text.data, text.len);
}

static const gotmpl_class pointer_class = {"*semver.Version", no_fields, pointer_method, format_version, version_plain};
static const gotmpl_class value_class = {"semver.Version", no_fields, value_method, format_version, version_plain};

static const gotmpl_func semver_functions[] = {
    {"semver", fn_semver, 1, 0, {S}, O, 1},
    {"semverCompare", fn_semver_compare, 2, 0, {S, S}, GT_BOOL, 1},
    {NULL, NULL, 0, 0, {0}, 0, 0},
};

const gotmpl_func_table gotmpl_funcs_sprig_semver = {"sprig-semver", semver_functions};
