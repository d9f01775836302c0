/* case_eval.c: evaluating cases.txt's calls with celm's functions and printing the answers in
 * the notation of gohelm/main.go (see there for the grammar). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_eval.h"
#include "gotmpl_call.h"
#include "gotmpl_crypto.h"
#include "gotmpl_fmt.h"
#include "gotmpl_funcs_b.h"
#include "gotmpl_text.h"
#include "gotmpl_time.h"
#include "gotmpl_time_ops.h"

#define MAX_TOKENS 4096
#define MAX_ARGS 64

typedef struct case_parser {
    gotmpl_runtime *runtime;
    char *tokens[MAX_TOKENS];
    size_t count, at;
    const char *failure;        /* a nested call failed: its answer */
    const char *problem;        /* the case itself is malformed */
} case_parser;

static const gotmpl_func_table *const tables[] = {
    &gotmpl_funcs_sprig_dates, &gotmpl_funcs_sprig_crypto, &gotmpl_funcs_sprig_random, &gotmpl_funcs_sprig_semver,
    &gotmpl_funcs_sprig_network, &gotmpl_funcs_helm_data, &gotmpl_funcs_sprig_json,
};

static char *arena_text(gotmpl_runtime *runtime, const char *text, size_t len)
{
    return gotmpl_runtime_host(runtime)->arena_strndup(gotmpl_runtime_arena(runtime), text, len);
}

static void tokenize(case_parser *p, const char *line)
{
    size_t i = 0, len = strlen(line);
    while (i < len && p->count < MAX_TOKENS) {
        char c = line[i];
        size_t j = i + 1;
        if (c == ' ') {
            i++;
            continue;
        }
        if (c == '"' || c == '`') {
            while (j < len && line[j] != c)
                j += (c == '"' && line[j] == '\\') ? 2 : 1;
            j++;
        } else if (c != '(' && c != ')') {
            while (j < len && line[j] != ' ' && line[j] != '(' && line[j] != ')')
                j++;
        }
        if (j > len)
            j = len;
        p->tokens[p->count++] = arena_text(p->runtime, line + i, j - i);
        i = j;
    }
}

static const char *next_token(case_parser *p)
{
    return p->at < p->count ? p->tokens[p->at++] : "";
}

static const char *peek_token(case_parser *p)
{
    return p->at < p->count ? p->tokens[p->at] : "";
}

static gotmpl_value unquoted(case_parser *p, const char *token)
{
    size_t len = strlen(token), out_len;
    const char *value;
    char *scratch = malloc(3 * len + 1);
    gotmpl_value result = gotmpl_invalid();
    if (scratch && celm_gotmpl_unquote(token, len, scratch, &value, &out_len) == 0)
        result = gotmpl_string_copy(p->runtime, value, out_len);
    else
        p->problem = "bad string";
    free(scratch);
    return result;
}

static gotmpl_value parse_arg(case_parser *p);

static size_t parse_args(case_parser *p, const char *until, gotmpl_value *args)
{
    size_t count = 0;
    while (strcmp(peek_token(p), until) != 0 && !p->problem) {
        if (!*peek_token(p)) {
            p->problem = "missing )";
            break;
        }
        gotmpl_value arg = parse_arg(p);
        if (count < MAX_ARGS)
            args[count++] = arg;
    }
    next_token(p);
    return count;
}

static gotmpl_value from_text(case_parser *p, const char *kind, const gotmpl_value *text)
{
    const celm_host *host = gotmpl_runtime_host(p->runtime);
    celm_arena *arena = gotmpl_runtime_arena(p->runtime);
    celm_value *parsed = NULL;
    celm_error err = CELM_ERROR_INIT;
    int status = strcmp(kind, "yaml") == 0
                     ? host->yaml_parse(arena, text->as.string.data, text->as.string.len, "case", 0, &parsed, &err)
                     : host->json_parse(arena, text->as.string.data, text->as.string.len, "case", &parsed, &err);
    if (status != CELM_OK) {
        p->problem = "bad yaml or json";
        return gotmpl_invalid();
    }
    return gotmpl_from_celm(p->runtime, parsed);
}

static gotmpl_value construct(case_parser *p, const char *kind, const gotmpl_value *args, size_t count)
{
    gotmpl_value out = gotmpl_invalid();
    if (strcmp(kind, "bytes") == 0)
        return gotmpl_bytes(args[0].as.string.data, args[0].as.string.len);
    if (strcmp(kind, "list") == 0 || strcmp(kind, "strings") == 0) {
        out = gotmpl_list_new(p->runtime, kind[0] == 'l' ? GT_LIST : GT_STRING_LIST, count);
        for (size_t i = 0; i < count; i++)
            gotmpl_list_append(p->runtime, out.as.list, args[i]);
        return out;
    }
    if (strcmp(kind, "map") == 0) {
        out = gotmpl_map_new(p->runtime, GT_MAP, count / 2);
        for (size_t i = 0; i + 1 < count; i += 2)
            gotmpl_map_set(p->runtime, out.as.map, args[i].as.string.data, args[i].as.string.len, args[i + 1]);
        return out;
    }
    if (strcmp(kind, "yaml") == 0 || strcmp(kind, "json") == 0)
        return from_text(p, kind, &args[0]);
    if (strcmp(kind, "time") == 0) {
        const gotmpl_location *location = gotmpl_location_load(args[2].as.string.data, args[2].as.string.len);
        gotmpl_time time = gotmpl_time_fixed(args[0].as.integer, (int32_t)args[1].as.integer, "UTC", 0);
        time = gotmpl_time_in(&time, location ? location : gotmpl_location_utc());
        return gotmpl_time_value(p->runtime, &time);
    }
    if (strcmp(kind, "semver") == 0 || strcmp(kind, "cert") == 0) {
        celm_string message;
        int panicked;
        if (strcmp(kind, "cert") == 0)
            return gotmpl_certificate_new(p->runtime, &args[0].as.string, &args[1].as.string);
        if (case_call(p->runtime, "semver", args, count, &out, &message, &panicked) != 0)
            p->problem = "bad semver";
        return out;
    }
    p->problem = "unknown constructor";
    return out;
}

static gotmpl_value number(case_parser *p, const char *kind, const char *text)
{
    if (strcmp(kind, "float64") == 0)
        return gotmpl_float(strtod(text, NULL));
    if (strcmp(kind, "uint64") == 0)
        return gotmpl_uint(GT_UINT64, strtoull(text, NULL, 10));
    gotmpl_type type = strcmp(kind, "int") == 0 ? GT_INT : strcmp(kind, "int32") == 0 ? GT_INT32 : GT_INT64;
    (void)p;
    return gotmpl_int(type, strtoll(text, NULL, 10));
}

static gotmpl_value nested_call(case_parser *p)
{
    gotmpl_value args[MAX_ARGS], out = gotmpl_nil();
    const char *name = next_token(p);
    size_t count = parse_args(p, ")", args);
    if (p->problem || p->failure)
        return out;
    celm_string message;
    int panicked;
    int status = case_call(p->runtime, name, args, count, &out, &message, &panicked);
    if (status <= -2) {
        p->failure = status == -4 ? "nofield" : status == -3 ? "toomanyargs"
                   : name[0] == '.' ? "nomethod" : "nofunction";
    } else if (status == -1) {
        celm_string quoted = gotmpl_go_quote(p->runtime, message.data, message.len);
        size_t len = quoted.len + 8;
        char *text = gotmpl_runtime_host(p->runtime)->arena_alloc(gotmpl_runtime_arena(p->runtime), len + 1);
        snprintf(text, len + 1, "%s(%s)", panicked ? "panic" : "error", quoted.data);
        p->failure = text;
    }
    return out;
}

static gotmpl_value parse_arg(case_parser *p)
{
    const char *token = next_token(p);
    if (strcmp(token, "nil") == 0)
        return gotmpl_nil();
    if (strcmp(token, "true") == 0 || strcmp(token, "false") == 0)
        return gotmpl_bool(token[0] == 't');
    if (token[0] == '"' || token[0] == '`')
        return unquoted(p, token);
    if ((token[0] >= '0' && token[0] <= '9') || token[0] == '-')
        return gotmpl_int(GT_INT64, strtoll(token, NULL, 10));
    if (strcmp(token, "(") == 0)
        return nested_call(p);
    if (strcmp(next_token(p), "(") != 0) {
        p->problem = "bad token";
        return gotmpl_invalid();
    }
    if (!strcmp(token, "int") || !strcmp(token, "int64") || !strcmp(token, "int32") || !strcmp(token, "uint64") ||
        !strcmp(token, "float64")) {
        gotmpl_value value = number(p, token, next_token(p));
        next_token(p);
        return value;
    }
    gotmpl_value args[MAX_ARGS];
    size_t count = parse_args(p, ")", args);
    return p->problem ? gotmpl_invalid() : construct(p, token, args, count);
}

/* --- calling ------------------------------------------------------------------------------------------ */
static const gotmpl_func *find_function(const char *name)
{
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        const gotmpl_func *func = gotmpl_func_table_find(tables[i], name);
        if (func)
            return func;
    }
    return NULL;
}

int case_call(gotmpl_runtime *runtime, const char *name, const gotmpl_value *args, size_t count, gotmpl_value *out,
              celm_string *message, int *panicked)
{
    const gotmpl_func *func = NULL;
    if (strcmp(name, "bcryptCheck") == 0 && count == 2) {
        /* not a template function: whether a hash Go made matches the password */
        *out = gotmpl_bool(gotmpl_bcrypt_check(runtime, args[0].as.string.data, args[0].as.string.len,
                                               args[1].as.string.data, args[1].as.string.len));
        return 0;
    }
    if (strcmp(name, "fieldOf") == 0 && count == 2) {
        /* not a template function: a struct field of a value */
        const gotmpl_object *object = args[1].type == GT_OBJECT ? args[1].as.object : NULL;
        if (!object || !object->class_->field ||
            !object->class_->field(runtime, object, args[0].as.string.data, args[0].as.string.len, out)) {
            *message = (celm_string){"nofield", 7};
            return -4;
        }
        return 0;
    }
    if (name[0] == '.') {
        if (count && args[0].type == GT_OBJECT && args[0].as.object->class_->method)
            func = args[0].as.object->class_->method(args[0].as.object, name + 1, strlen(name + 1));
    } else {
        func = find_function(name);
    }
    if (!func)
        return -2;
    if (!func->variadic && count > func->param_count)
        return -3;
    gotmpl_call call;
    gotmpl_call_init(&call, runtime, NULL, func);
    *out = gotmpl_nil();
    int status = func->impl(&call, args, count, out);
    if (status != CELM_OK && !call.message.data) {
        call.message.data = "(no message)";
        call.message.len = strlen(call.message.data);
    }
    *message = call.message;
    *panicked = call.panicked;
    return status == CELM_OK ? 0 : -1;
}

celm_string case_evaluate(gotmpl_runtime *runtime, const char *line)
{
    case_parser p;
    memset(&p, 0, sizeof p);
    p.runtime = runtime;
    tokenize(&p, line);
    gotmpl_value args[MAX_ARGS], out;
    const char *name = next_token(&p);
    size_t count = parse_args(&p, "", args);
    celm_string answer = {"", 0};
    if (p.problem) {
        answer.data = arena_text(runtime, p.problem, strlen(p.problem));
        answer.len = strlen(p.problem);
        return answer;
    }
    if (p.failure) {
        answer.data = p.failure;
        answer.len = strlen(p.failure);
        return answer;
    }
    celm_string message;
    int panicked;
    int status = case_call(runtime, name, args, count, &out, &message, &panicked);
    if (status <= -2) {
        answer.data = status == -4 ? "nofield" : status == -3 ? "toomanyargs"
                    : name[0] == '.' ? "nomethod" : "nofunction";
        answer.len = strlen(answer.data);
        return answer;
    }
    if (status == -1) {
        gotmpl_buffer output;
        gotmpl_buffer_init(&output, runtime);
        celm_string quoted = gotmpl_go_quote(runtime, message.data, message.len);
        gotmpl_buffer_printf(&output, "%s(%s)", panicked ? "panic" : "error", quoted.data);
        gotmpl_buffer_finish(&output, &answer);
        return answer;
    }
    return case_dump(runtime, &out);
}

/* --- printing answers ---------------------------------------------------------------------------------- */
static void dump_into(gotmpl_buffer *output, gotmpl_runtime *runtime, const gotmpl_value *value);

static void dump_quoted(gotmpl_buffer *output, gotmpl_runtime *runtime, const char *text, size_t len)
{
    celm_string quoted = gotmpl_go_quote(runtime, text, len);
    gotmpl_buffer_put(output, quoted.data, quoted.len);
}

static void dump_list(gotmpl_buffer *output, gotmpl_runtime *runtime, const gotmpl_value *value)
{
    gotmpl_buffer_puts(output, value->type == GT_STRING_LIST ? "strings("
                               : value->type == GT_INT_LIST ? "ints(" : "list(");
    for (size_t i = 0; i < gotmpl_list_len(value->as.list); i++) {
        gotmpl_value item = gotmpl_list_get(runtime, value->as.list, i);
        if (i)
            gotmpl_buffer_putc(output, ' ');
        dump_into(output, runtime, &item);
    }
    gotmpl_buffer_putc(output, ')');
}

static void dump_map(gotmpl_buffer *output, gotmpl_runtime *runtime, const gotmpl_value *value)
{
    size_t count;
    const celm_string *keys = gotmpl_map_keys(runtime, value->as.map, &count);
    gotmpl_buffer_puts(output, value->type == GT_STRING_MAP ? "stringmap(" : "map(");
    for (size_t i = 0; i < count; i++) {
        gotmpl_value item;
        gotmpl_map_get(runtime, value->as.map, keys[i].data, keys[i].len, &item);
        if (i)
            gotmpl_buffer_putc(output, ' ');
        dump_quoted(output, runtime, keys[i].data, keys[i].len);
        gotmpl_buffer_putc(output, ' ');
        dump_into(output, runtime, &item);
    }
    gotmpl_buffer_putc(output, ')');
}

static celm_string method_text(gotmpl_runtime *runtime, const gotmpl_value *value, const char *method)
{
    gotmpl_value out;
    celm_string message = {"", 0};
    int panicked;
    if (case_call(runtime, method, value, 1, &out, &message, &panicked) != 0 || out.type != GT_STRING)
        return message;
    return out.as.string;
}

static void dump_object(gotmpl_buffer *output, gotmpl_runtime *runtime, const gotmpl_value *value)
{
    const gotmpl_object *object = value->as.object;
    const char *type = object->class_->type_name;
    if (strcmp(type, "*semver.Version") == 0 || strcmp(type, "semver.Version") == 0) {
        celm_string text = method_text(runtime, value, ".String");
        gotmpl_buffer_puts(output, type[0] == '*' ? "semver(" : "semver.Version(");
        dump_quoted(output, runtime, text.data, text.len);
        if (type[0] == '*') {
            celm_string original = method_text(runtime, value, ".Original");
            gotmpl_buffer_putc(output, ' ');
            dump_quoted(output, runtime, original.data, original.len);
        }
        gotmpl_buffer_putc(output, ')');
        return;
    }
    gotmpl_value cert = gotmpl_invalid(), key = gotmpl_invalid();
    if (object->class_->field && object->class_->field(runtime, object, "Cert", 4, &cert) &&
        object->class_->field(runtime, object, "Key", 3, &key)) {
        gotmpl_buffer_puts(output, "cert(");
        dump_quoted(output, runtime, cert.as.string.data, cert.as.string.len);
        gotmpl_buffer_putc(output, ' ');
        dump_quoted(output, runtime, key.as.string.data, key.as.string.len);
        gotmpl_buffer_putc(output, ')');
        return;
    }
    celm_string text = {"", 0};
    gotmpl_fmt_value(runtime, value, &text);
    gotmpl_buffer_printf(output, "other(%s %s)", type, text.data);
}

static void dump_scalar(gotmpl_buffer *output, gotmpl_runtime *runtime, const gotmpl_value *value)
{
    celm_string text = {"", 0};
    gotmpl_fmt_value(runtime, value, &text);
    switch (value->type) {
    case GT_NIL: gotmpl_buffer_puts(output, "nil"); break;
    case GT_BOOL: gotmpl_buffer_puts(output, text.data); break;
    case GT_STRING: dump_quoted(output, runtime, value->as.string.data, value->as.string.len); break;
    case GT_FLOAT64: gotmpl_buffer_printf(output, "float64(%s)", text.data); break;
    case GT_BYTES:
        gotmpl_buffer_puts(output, "bytes(");
        dump_quoted(output, runtime, value->as.string.data, value->as.string.len);
        gotmpl_buffer_putc(output, ')');
        break;
    case GT_TIME:
        gotmpl_time_string(runtime, value->as.time, &text);
        gotmpl_buffer_puts(output, "time(");
        dump_quoted(output, runtime, text.data, text.len);
        gotmpl_buffer_putc(output, ')');
        break;
    default: gotmpl_buffer_printf(output, "%s(%s)", gotmpl_type_name(value), text.data); break;
    }
}

static void dump_into(gotmpl_buffer *output, gotmpl_runtime *runtime, const gotmpl_value *value)
{
    switch (value->type) {
    case GT_LIST: case GT_STRING_LIST: case GT_INT_LIST: dump_list(output, runtime, value); break;
    case GT_MAP: case GT_STRING_MAP: dump_map(output, runtime, value); break;
    case GT_OBJECT: dump_object(output, runtime, value); break;
    default: dump_scalar(output, runtime, value); break;
    }
}

celm_string case_dump(gotmpl_runtime *runtime, const gotmpl_value *value)
{
    gotmpl_buffer output;
    celm_string text = {"", 0};
    gotmpl_buffer_init(&output, runtime);
    dump_into(&output, runtime, value);
    gotmpl_buffer_finish(&output, &text);
    return text;
}
