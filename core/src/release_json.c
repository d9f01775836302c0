/* release_json.c: a release value written as Helm's Go JSON: struct fields in declaration order,
 * omitempty/omitzero as Helm's tags say, free-form maps with sorted keys. */
#include <string.h>

#include "buffer.h"
#include "celm/release.h"

typedef enum field_kind {
    FIELD_TEXT,         /* string */
    FIELD_NUMBER,       /* int */
    FIELD_FLAG,         /* bool */
    FIELD_TIME,         /* time.Time as RFC 3339 text; empty or absent is the zero time */
    FIELD_ANY,          /* map[string]any, []any, []string: Go JSON of the value */
    FIELD_STRUCT,       /* *T */
    FIELD_STRUCT_LIST   /* []*T */
} field_kind;

enum {
    OMIT_NEVER = 0,     /* always written; absent means null (pointers, slices, maps) or "" */
    OMIT_EMPTY = 1,     /* omitempty */
    OMIT_ZERO = 2       /* omitzero (times) */
};

typedef struct field {
    const char *key;
    field_kind kind;
    int omit;
    const struct field *fields;     /* FIELD_STRUCT and FIELD_STRUCT_LIST */
} field;

#define END {NULL, FIELD_TEXT, 0, NULL}

static const field maintainer_fields[] = {
    {"name", FIELD_TEXT, OMIT_EMPTY, NULL}, {"email", FIELD_TEXT, OMIT_EMPTY, NULL},
    {"url", FIELD_TEXT, OMIT_EMPTY, NULL}, END};

static const field dependency_fields[] = {
    {"name", FIELD_TEXT, OMIT_NEVER, NULL}, {"version", FIELD_TEXT, OMIT_EMPTY, NULL},
    {"repository", FIELD_TEXT, OMIT_NEVER, NULL}, {"condition", FIELD_TEXT, OMIT_EMPTY, NULL},
    {"tags", FIELD_ANY, OMIT_EMPTY, NULL}, {"enabled", FIELD_FLAG, OMIT_EMPTY, NULL},
    {"import-values", FIELD_ANY, OMIT_EMPTY, NULL}, {"alias", FIELD_TEXT, OMIT_EMPTY, NULL}, END};

static const field metadata_fields[] = {
    {"name", FIELD_TEXT, OMIT_EMPTY, NULL}, {"home", FIELD_TEXT, OMIT_EMPTY, NULL},
    {"sources", FIELD_ANY, OMIT_EMPTY, NULL}, {"version", FIELD_TEXT, OMIT_EMPTY, NULL},
    {"description", FIELD_TEXT, OMIT_EMPTY, NULL}, {"keywords", FIELD_ANY, OMIT_EMPTY, NULL},
    {"maintainers", FIELD_STRUCT_LIST, OMIT_EMPTY, maintainer_fields}, {"icon", FIELD_TEXT, OMIT_EMPTY, NULL},
    {"apiVersion", FIELD_TEXT, OMIT_EMPTY, NULL}, {"condition", FIELD_TEXT, OMIT_EMPTY, NULL},
    {"tags", FIELD_TEXT, OMIT_EMPTY, NULL}, {"appVersion", FIELD_TEXT, OMIT_EMPTY, NULL},
    {"deprecated", FIELD_FLAG, OMIT_EMPTY, NULL}, {"annotations", FIELD_ANY, OMIT_EMPTY, NULL},
    {"kubeVersion", FIELD_TEXT, OMIT_EMPTY, NULL},
    {"dependencies", FIELD_STRUCT_LIST, OMIT_EMPTY, dependency_fields}, {"type", FIELD_TEXT, OMIT_EMPTY, NULL},
    END};

static const field lock_fields[] = {
    {"generated", FIELD_TIME, OMIT_NEVER, NULL}, {"digest", FIELD_TEXT, OMIT_NEVER, NULL},
    {"dependencies", FIELD_STRUCT_LIST, OMIT_NEVER, dependency_fields}, END};

static const field file_fields[] = {
    {"name", FIELD_TEXT, OMIT_NEVER, NULL}, {"data", FIELD_TEXT, OMIT_NEVER, NULL},
    {"modtime", FIELD_TIME, OMIT_ZERO, NULL}, END};

static const field chart_fields[] = {
    {"metadata", FIELD_STRUCT, OMIT_NEVER, metadata_fields}, {"lock", FIELD_STRUCT, OMIT_NEVER, lock_fields},
    {"templates", FIELD_STRUCT_LIST, OMIT_NEVER, file_fields}, {"values", FIELD_ANY, OMIT_NEVER, NULL},
    {"schema", FIELD_ANY, OMIT_NEVER, NULL}, {"schemamodtime", FIELD_TIME, OMIT_NEVER, NULL},
    {"files", FIELD_STRUCT_LIST, OMIT_NEVER, file_fields}, {"modtime", FIELD_TIME, OMIT_ZERO, NULL}, END};

static const field info_fields[] = {
    {"first_deployed", FIELD_TIME, OMIT_ZERO, NULL}, {"last_deployed", FIELD_TIME, OMIT_ZERO, NULL},
    {"deleted", FIELD_TIME, OMIT_ZERO, NULL}, {"description", FIELD_TEXT, OMIT_EMPTY, NULL},
    {"status", FIELD_TEXT, OMIT_EMPTY, NULL}, {"notes", FIELD_TEXT, OMIT_EMPTY, NULL},
    {"resources", FIELD_ANY, OMIT_EMPTY, NULL}, END};

static const field hook_run_fields[] = {
    {"started_at", FIELD_TIME, OMIT_ZERO, NULL}, {"completed_at", FIELD_TIME, OMIT_ZERO, NULL},
    {"phase", FIELD_TEXT, OMIT_NEVER, NULL}, END};

static const field hook_fields[] = {
    {"name", FIELD_TEXT, OMIT_EMPTY, NULL}, {"kind", FIELD_TEXT, OMIT_EMPTY, NULL},
    {"path", FIELD_TEXT, OMIT_EMPTY, NULL}, {"manifest", FIELD_TEXT, OMIT_EMPTY, NULL},
    {"events", FIELD_ANY, OMIT_EMPTY, NULL}, {"last_run", FIELD_STRUCT, OMIT_NEVER, hook_run_fields},
    {"weight", FIELD_NUMBER, OMIT_EMPTY, NULL}, {"delete_policies", FIELD_ANY, OMIT_EMPTY, NULL},
    {"output_log_policies", FIELD_ANY, OMIT_EMPTY, NULL}, END};

static const field release_fields[] = {
    {"name", FIELD_TEXT, OMIT_EMPTY, NULL}, {"info", FIELD_STRUCT, OMIT_EMPTY, info_fields},
    {"chart", FIELD_STRUCT, OMIT_EMPTY, chart_fields}, {"config", FIELD_ANY, OMIT_EMPTY, NULL},
    {"manifest", FIELD_TEXT, OMIT_EMPTY, NULL}, {"hooks", FIELD_STRUCT_LIST, OMIT_EMPTY, hook_fields},
    {"version", FIELD_NUMBER, OMIT_EMPTY, NULL}, {"namespace", FIELD_TEXT, OMIT_EMPTY, NULL},
    {"apply_method", FIELD_TEXT, OMIT_EMPTY, NULL}, END};

typedef struct writer {
    celm_arena *arena;
    celm_buffer out;
    celm_error *err;
    int status;
} writer;

static void write_any(writer *w, const celm_value *value)
{
    celm_string text;
    if (w->status != CELM_OK)
        return;
    if (!value) {
        celm_buffer_append_str(&w->out, "null");
        return;
    }
    w->status = celm_json_emit(w->arena, value, 0, &text, w->err);
    if (w->status == CELM_OK)
        celm_buffer_append(&w->out, text.data, text.len);
}

static void write_struct(writer *w, const celm_value *value, const field *fields);

static void write_struct_list(writer *w, const celm_value *list, const field *fields)
{
    if (!list || list->kind != CELM_VALUE_LIST || list->as.list.count == 0) {
        celm_buffer_append_str(&w->out, "null");
        return;
    }
    celm_buffer_append_char(&w->out, '[');
    for (size_t i = 0; i < list->as.list.count; i++) {
        if (i)
            celm_buffer_append_char(&w->out, ',');
        write_struct(w, list->as.list.items[i], fields);
    }
    celm_buffer_append_char(&w->out, ']');
}

/* The value of one field; absent values are Go's zero value of the field's type. */
static void write_field_value(writer *w, const field *f, const celm_value *value)
{
    static const celm_value zero_text = {.kind = CELM_VALUE_STRING, .as.string = {"", 0}};
    switch (f->kind) {
    case FIELD_TEXT:
        write_any(w, value ? value : &zero_text);
        break;
    case FIELD_TIME:
        write_any(w, celm_value_is_empty(value) ? &(celm_value){.kind = CELM_VALUE_STRING,
                                                      .as.string = {CELM_GO_ZERO_TIME, sizeof CELM_GO_ZERO_TIME - 1}}
                                     : value);
        break;
    case FIELD_NUMBER:
        write_any(w, value ? value : &(celm_value){.kind = CELM_VALUE_INT});
        break;
    case FIELD_FLAG:
        write_any(w, value ? value : &(celm_value){.kind = CELM_VALUE_BOOL});
        break;
    case FIELD_ANY:
        write_any(w, value);
        break;
    case FIELD_STRUCT:
        if (!value || value->kind != CELM_VALUE_MAP)
            celm_buffer_append_str(&w->out, "null");
        else
            write_struct(w, value, f->fields);
        break;
    case FIELD_STRUCT_LIST:
        write_struct_list(w, value, f->fields);
        break;
    }
}

static void write_struct(writer *w, const celm_value *value, const field *fields)
{
    int first = 1;
    celm_buffer_append_char(&w->out, '{');
    for (const field *f = fields; f->key; f++) {
        const celm_value *member = value ? celm_map_cget(value, f->key) : NULL;
        if (member && member->kind == CELM_VALUE_NULL)
            member = NULL;
        if (f->omit != OMIT_NEVER && celm_value_is_empty(member) && !(f->kind == FIELD_STRUCT && member))
            continue;
        if (!first)
            celm_buffer_append_char(&w->out, ',');
        first = 0;
        celm_buffer_printf(&w->out, "\"%s\":", f->key);
        write_field_value(w, f, member);
    }
    celm_buffer_append_char(&w->out, '}');
}

static int struct_json(celm_arena *arena, const celm_value *value, const field *fields, celm_string *out,
                       celm_error *err)
{
    writer w = {.arena = arena, .err = err, .status = CELM_OK};
    celm_buffer_init(&w.out);
    write_struct(&w, value, fields);
    if (w.status != CELM_OK) {
        celm_buffer_free(&w.out);
        return w.status;
    }
    if (celm_buffer_finish(&w.out, arena, out) != CELM_OK)
        return celm_error_set(err, CELM_ENOMEM, "out of memory encoding the release");
    return CELM_OK;
}

int celm_release_json(celm_arena *arena, const celm_value *release, celm_string *out, celm_error *err)
{
    return struct_json(arena, release, release_fields, out, err);
}

int celm_chart_dependency_json(celm_arena *arena, const celm_value *dependency, celm_string *out, celm_error *err)
{
    return struct_json(arena, dependency, dependency_fields, out, err);
}
