/* exec_test_data.c: the data sets and functions of the executor's cases, as goexec/data.go has
 * them in Go: a map of every value type, a *main.T object with fields and methods, and functions
 * with typed, variadic, failing and panicking signatures. */
#include <stdio.h>
#include <string.h>

#include "exec_test_data.h"
#include "gotmpl_call.h"
#include "gotmpl_fmt.h"

/* --- *main.T ---------------------------------------------------------------------------------------- */
typedef struct test_t {
    const char *name;
    int count;
} test_t;

static const gotmpl_class t_class;

static gotmpl_value new_t(gotmpl_runtime *runtime, const char *name, int count)
{
    const celm_host *host = gotmpl_runtime_host(runtime);
    test_t *t = host->arena_alloc(gotmpl_runtime_arena(runtime), sizeof *t);
    gotmpl_object *object = host->arena_alloc(gotmpl_runtime_arena(runtime), sizeof *object);
    t->name = name;
    t->count = count;
    object->class_ = &t_class;
    object->data = t;
    return gotmpl_object_value(object);
}

static const test_t *receiver(const gotmpl_value *args)
{
    return args[0].as.object->data;
}

static int t_field(gotmpl_runtime *runtime, const gotmpl_object *object, const char *name, size_t len,
                   gotmpl_value *out)
{
    (void)runtime;
    const test_t *t = object->data;
    if (len == 4 && memcmp(name, "Name", 4) == 0)
        *out = gotmpl_string(t->name, strlen(t->name));
    else if (len == 5 && memcmp(name, "Count", 5) == 0)
        *out = gotmpl_int(GT_INT, t->count);
    else
        return 0;
    return 1;
}

static int string_out(gotmpl_call *call, const char *text, gotmpl_value *out)
{
    *out = gotmpl_string_copy(gotmpl_call_runtime(call), text, strlen(text));
    return out->type ? CELM_OK : CELM_ENOMEM;
}

static int t_greet(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    char text[256];
    snprintf(text, sizeof text, "hi %.*s from %s", (int)args[1].as.string.len, args[1].as.string.data,
             receiver(args)->name);
    return string_out(call, text, out);
}

static int t_add(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    *out = gotmpl_int(GT_INT, args[1].as.integer + args[2].as.integer + receiver(args)->count);
    return CELM_OK;
}

static int t_fail(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)args, (void)count, (void)out;
    return gotmpl_call_error(call, "method failed");
}

static int t_join(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    char text[512] = "";
    for (size_t i = 2; i < count; i++) {
        if (i > 2)
            strncat(text, args[1].as.string.data, args[1].as.string.len);
        strncat(text, args[i].as.string.data, args[i].as.string.len);
    }
    return string_out(call, text, out);
}

static int t_self(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    *out = args[0];
    return CELM_OK;
}

static void t_format(gotmpl_runtime *runtime, const gotmpl_object *object, celm_string *out)
{
    char text[128];
    int len = snprintf(text, sizeof text, "T(%s)", ((const test_t *)object->data)->name);
    *out = gotmpl_string_copy(runtime, text, (size_t)len).as.string;
}

static int t_string(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    celm_string text;
    t_format(gotmpl_call_runtime(call), args[0].as.object, &text);
    *out = gotmpl_string(text.data, text.len);
    return CELM_OK;
}

static const gotmpl_func t_methods[] = {
    {"Greet", t_greet, 2, 0, {GT_OBJECT, GT_STRING}, GT_STRING, 0},
    {"Add", t_add, 3, 0, {GT_OBJECT, GT_INT, GT_INT}, GT_INT, 0},
    {"Fail", t_fail, 1, 0, {GT_OBJECT}, GT_STRING, 1},
    {"Join", t_join, 3, 1, {GT_OBJECT, GT_STRING, GT_STRING}, GT_STRING, 0},
    {"Self", t_self, 1, 0, {GT_OBJECT}, GT_OBJECT, 0},
    {"String", t_string, 1, 0, {GT_OBJECT}, GT_STRING, 0},
};

static const gotmpl_func *t_method(const gotmpl_object *object, const char *name, size_t len)
{
    (void)object;
    for (size_t i = 0; i < sizeof t_methods / sizeof t_methods[0]; i++)
        if (strlen(t_methods[i].name) == len && memcmp(t_methods[i].name, name, len) == 0)
            return &t_methods[i];
    return NULL;
}

static const gotmpl_class t_class = {"*main.T", t_field, t_method, t_format, NULL};

/* --- main.VersionSet and main.Values: named list and map types with methods ------------------------------- */
static int version_set_has(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    *out = gotmpl_bool(0);
    for (size_t i = 0; i < gotmpl_list_len(args[0].as.list); i++) {
        gotmpl_value item = gotmpl_list_get(runtime, args[0].as.list, i);
        if (item.as.string.len == args[1].as.string.len &&
            memcmp(item.as.string.data, args[1].as.string.data, item.as.string.len) == 0)
            *out = gotmpl_bool(1);
    }
    return CELM_OK;
}

static int values_size(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    *out = gotmpl_int(GT_INT, (int64_t)gotmpl_map_len(args[0].as.map));
    return CELM_OK;
}

static const gotmpl_func version_set_methods[] = {{"Has", version_set_has, 2, 0, {GT_STRING_LIST, GT_STRING}, GT_BOOL, 0}};
static const gotmpl_func values_methods[] = {{"Size", values_size, 1, 0, {GT_MAP}, GT_INT, 0}};

static const gotmpl_func *version_set_method(const gotmpl_object *object, const char *name, size_t len)
{
    (void)object;
    return len == 3 && memcmp(name, "Has", 3) == 0 ? &version_set_methods[0] : NULL;
}

static const gotmpl_func *values_method(const gotmpl_object *object, const char *name, size_t len)
{
    (void)object;
    return len == 4 && memcmp(name, "Size", 4) == 0 ? &values_methods[0] : NULL;
}

static const gotmpl_class version_set_class = {"main.VersionSet", NULL, version_set_method, NULL, NULL};
static const gotmpl_class values_class = {"main.Values", NULL, values_method, NULL, NULL};

/* --- the data sets ------------------------------------------------------------------------------------ */
static gotmpl_value text(const char *value)
{
    return gotmpl_string(value, strlen(value));
}

static void set(gotmpl_runtime *runtime, gotmpl_value map, const char *key, gotmpl_value value)
{
    gotmpl_map_set(runtime, map.as.map, key, strlen(key), value);
}

static gotmpl_value list_of(gotmpl_runtime *runtime, gotmpl_type type, const gotmpl_value *items, size_t count)
{
    gotmpl_value list = gotmpl_list_new(runtime, type, count);
    for (size_t i = 0; i < count; i++)
        gotmpl_list_append(runtime, list.as.list, items[i]);
    return list;
}

static gotmpl_value main_collections(gotmpl_runtime *runtime, gotmpl_value data)
{
    gotmpl_value list[] = {gotmpl_int(GT_INT, 1), text("two"), gotmpl_float(3.5), gotmpl_nil(), gotmpl_bool(1)};
    set(runtime, data, "list", list_of(runtime, GT_LIST, list, 5));
    gotmpl_value strs[] = {text("a"), text("b"), text("c")};
    set(runtime, data, "strs", list_of(runtime, GT_STRING_LIST, strs, 3));
    gotmpl_value ints[] = {gotmpl_int(GT_INT, 10), gotmpl_int(GT_INT, 20), gotmpl_int(GT_INT, 30)};
    set(runtime, data, "ints", list_of(runtime, GT_INT_LIST, ints, 3));
    set(runtime, data, "emptyList", gotmpl_list_new(runtime, GT_LIST, 0));
    gotmpl_value map = gotmpl_map_new(runtime, GT_MAP, 4), nested = gotmpl_map_new(runtime, GT_MAP, 1);
    set(runtime, nested, "deep", text("value"));
    set(runtime, map, "a", gotmpl_int(GT_INT, 1));
    set(runtime, map, "b", text("x"));
    set(runtime, map, "c", gotmpl_nil());
    set(runtime, map, "nested", nested);
    set(runtime, data, "map", map);
    gotmpl_value smap = gotmpl_map_new(runtime, GT_STRING_MAP, 2);
    set(runtime, smap, "k", text("v"));
    set(runtime, smap, "z", text("last"));
    set(runtime, data, "smap", smap);
    set(runtime, data, "emptyMap", gotmpl_map_new(runtime, GT_MAP, 0));
    gotmpl_value first = gotmpl_map_new(runtime, GT_MAP, 1), second = gotmpl_map_new(runtime, GT_MAP, 1);
    set(runtime, first, "name", text("n1"));
    set(runtime, second, "name", text("n2"));
    gotmpl_value listmap[] = {first, second};
    set(runtime, data, "listmap", list_of(runtime, GT_LIST, listmap, 2));
    gotmpl_value floats[] = {gotmpl_float(1.0), gotmpl_float(2.5), gotmpl_float(1e21), gotmpl_float(1e-7),
                             gotmpl_float(-0.0)};
    set(runtime, data, "floats", list_of(runtime, GT_LIST, floats, 5));
    gotmpl_value pair[] = {gotmpl_int(GT_INT, 1), gotmpl_int(GT_INT, 2)}, v[] = {text("v")};
    gotmpl_value inner = gotmpl_map_new(runtime, GT_MAP, 1);
    set(runtime, inner, "k", list_of(runtime, GT_LIST, v, 1));
    gotmpl_value nested_list[] = {list_of(runtime, GT_LIST, pair, 2), inner};
    set(runtime, data, "nested", list_of(runtime, GT_LIST, nested_list, 2));
    gotmpl_value versions[] = {text("apps/v1"), text("v1")};
    gotmpl_value vset = list_of(runtime, GT_STRING_LIST, versions, 2);
    gotmpl_list_set_class(vset.as.list, &version_set_class);
    set(runtime, data, "vset", vset);
    gotmpl_value vals = gotmpl_map_new(runtime, GT_MAP, 2);
    set(runtime, vals, "a", gotmpl_int(GT_INT, 1));
    set(runtime, vals, "Size", text("key"));
    gotmpl_map_set_class(vals.as.map, &values_class);
    set(runtime, data, "vals", vals);
    gotmpl_time when = {INT64_C(1709647629), 123456789, 0, "UTC", -1};
    gotmpl_time zero = {INT64_C(-62135596800), 0, 0, "UTC", -1};
    set(runtime, data, "time", gotmpl_time_value(runtime, &when));
    set(runtime, data, "zero", gotmpl_time_value(runtime, &zero));
    return data;
}

static gotmpl_value main_data(gotmpl_runtime *runtime)
{
    gotmpl_value data = gotmpl_map_new(runtime, GT_MAP, 40);
    set(runtime, data, "str", text("hello"));
    set(runtime, data, "empty", text(""));
    set(runtime, data, "int", gotmpl_int(GT_INT, 3));
    set(runtime, data, "int64", gotmpl_int(GT_INT64, -42));
    set(runtime, data, "float", gotmpl_float(1.5));
    set(runtime, data, "whole", gotmpl_float(3.0));
    set(runtime, data, "big", gotmpl_float(1e6));
    set(runtime, data, "neg", gotmpl_float(-2.5));
    set(runtime, data, "true", gotmpl_bool(1));
    set(runtime, data, "false", gotmpl_bool(0));
    set(runtime, data, "nil", gotmpl_nil());
    set(runtime, data, "bytes", gotmpl_bytes("hi!", 3));
    set(runtime, data, "u8", gotmpl_int(GT_UINT8, 200));
    set(runtime, data, "u32", gotmpl_uint(GT_UINT32, 7));
    set(runtime, data, "u64", gotmpl_uint(GT_UINT64, UINT64_MAX));
    set(runtime, data, "i32", gotmpl_int(GT_INT32, 'x'));
    set(runtime, data, "obj", new_t(runtime, "Ada", 2));
    set(runtime, data, "quote", text("he said \"hi\" & <b>"));
    set(runtime, data, "unicode", text("h\xC3\xA9llo, \xE4\xB8\x96\xE7\x95\x8C"));
    set(runtime, data, "ctrl", gotmpl_string("a\tb\nc\0", 6));
    set(runtime, data, "pct", text("100%"));
    return main_collections(runtime, data);
}

gotmpl_value exec_test_data(gotmpl_runtime *runtime, const char *name)
{
    if (strcmp(name, "main") == 0)
        return main_data(runtime);
    if (strcmp(name, "none") == 0)
        return gotmpl_nil();
    if (strcmp(name, "string") == 0)
        return text("dot string");
    if (strcmp(name, "int") == 0)
        return gotmpl_int(GT_INT, 7);
    if (strcmp(name, "list") == 0) {
        gotmpl_value items[] = {text("a"), text("b")};
        return list_of(runtime, GT_LIST, items, 2);
    }
    if (strcmp(name, "obj") == 0)
        return new_t(runtime, "Bob", 5);
    return gotmpl_invalid();
}

/* --- the functions ------------------------------------------------------------------------------------- */
static int identity(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    *out = args[0];
    return CELM_OK;
}

static int length_of(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    size_t len = args[0].type == GT_MAP ? gotmpl_map_len(args[0].as.map) : gotmpl_list_len(args[0].as.list);
    *out = gotmpl_int(GT_INT, (int64_t)len);
    return CELM_OK;
}

static int join_strings(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    char joined[512] = "";
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    for (size_t i = 0; i < gotmpl_list_len(args[0].as.list); i++) {
        gotmpl_value item = gotmpl_list_get(runtime, args[0].as.list, i);
        if (i)
            strcat(joined, "+");
        strncat(joined, item.as.string.data, item.as.string.len);
    }
    return string_out(call, joined, out);
}

static int describe(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    celm_string text;
    gotmpl_value twice[2] = {args[0], args[0]};
    int status = gotmpl_fmt_sprintf(gotmpl_call_runtime(call), "%T:%v", 5, twice, 2, &text);
    *out = gotmpl_string(text.data, text.len);
    return status;
}

static int variadic(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    gotmpl_value parts[2] = {args[0], list_of(runtime, GT_INT_LIST, args + 1, count - 1)};
    celm_string text;
    int status = gotmpl_fmt_sprint(runtime, parts, 2, &text);
    *out = gotmpl_string(text.data, text.len);
    return status;
}

static int count_args(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)args;
    *out = gotmpl_int(GT_INT, (int64_t)count);
    return CELM_OK;
}

static int fails(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)args, (void)count, (void)out;
    return gotmpl_call_error(call, "it failed");
}

static int fails_with(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    if (args[0].as.string.len == 0)
        return string_out(call, "ok", out);
    call->message = args[0].as.string;     /* as it is, NUL bytes included */
    return CELM_EINVAL;
}

static int panics(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)args, (void)count, (void)out;
    return gotmpl_call_panic(call, "%s", strcmp(gotmpl_call_name(call), "panics") == 0 ? "oh no" : "panic error");
}

static int nil_any(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)args, (void)count;
    *out = gotmpl_nil();
    return CELM_OK;
}

static int any_list(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)args, (void)count;
    gotmpl_value items[] = {gotmpl_int(GT_INT, 1), gotmpl_int(GT_INT, 2)};
    *out = list_of(gotmpl_call_runtime(call), GT_LIST, items, 2);
    return CELM_OK;
}

static int make_map(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)args, (void)count;
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    int plain = strcmp(gotmpl_call_name(call), "mkmap") == 0;
    *out = gotmpl_map_new(runtime, plain ? GT_MAP : GT_STRING_MAP, 1);
    set(runtime, *out, plain ? "k" : "a", text(plain ? "v" : "b"));
    return CELM_OK;
}

static int two_ints(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    *out = gotmpl_int(GT_INT, args[0].as.integer * 10 + args[1].as.integer);
    return CELM_OK;
}

static int make_object(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)args, (void)count;
    *out = new_t(gotmpl_call_runtime(call), "New", 1);
    return CELM_OK;
}

static const gotmpl_func functions[] = {
    {"toInt", identity, 1, 0, {GT_INT}, GT_INT, 0},
    {"toInt64", identity, 1, 0, {GT_INT64}, GT_INT64, 0},
    {"toInt32", identity, 1, 0, {GT_INT32}, GT_INT32, 0},
    {"toUint8", identity, 1, 0, {GT_UINT8}, GT_UINT8, 0},
    {"toUint64", identity, 1, 0, {GT_UINT64}, GT_UINT64, 0},
    {"toFloat", identity, 1, 0, {GT_FLOAT64}, GT_FLOAT64, 0},
    {"toBool", identity, 1, 0, {GT_BOOL}, GT_BOOL, 0},
    {"toStr", identity, 1, 0, {GT_STRING}, GT_STRING, 0},
    {"mapArg", length_of, 1, 0, {GT_MAP}, GT_INT, 0},
    {"listArg", length_of, 1, 0, {GT_LIST}, GT_INT, 0},
    {"strsArg", join_strings, 1, 0, {GT_STRING_LIST}, GT_STRING, 0},
    {"anyArg", describe, 1, 0, {GT_ANY}, GT_STRING, 0},
    {"variadic", variadic, 2, 1, {GT_STRING, GT_INT}, GT_STRING, 0},
    {"varAny", count_args, 1, 1, {GT_ANY}, GT_INT, 0},
    {"fails", fails, 0, 0, {0}, GT_STRING, 1},
    {"failsWith", fails_with, 1, 0, {GT_STRING}, GT_STRING, 1},
    {"panics", panics, 0, 0, {0}, GT_STRING, 0},
    {"panicErr", panics, 0, 0, {0}, GT_STRING, 0},
    {"nilAny", nil_any, 0, 0, {0}, GT_ANY, 0},
    {"anyList", any_list, 0, 0, {0}, GT_ANY, 0},
    {"mkmap", make_map, 0, 0, {0}, GT_MAP, 0},
    {"strMap", make_map, 0, 0, {0}, GT_STRING_MAP, 0},
    {"echo", identity, 1, 0, {GT_ANY}, GT_ANY, 0},
    {"twoInts", two_ints, 2, 0, {GT_INT, GT_INT}, GT_INT, 0},
    {"mkobj", make_object, 0, 0, {0}, GT_OBJECT, 0},
    {NULL, NULL, 0, 0, {0}, 0, 0},
};

const gotmpl_func_table exec_test_functions = {"test", functions};
