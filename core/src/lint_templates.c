/* lint_templates.c: helm lint's template rule (rules/template.go): the chart rendered in lint mode
 * as "test-release", then each YAML template's documents checked. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "celm/coalesce.h"
#include "celm/dependencies.h"
#include "celm/schema.h"
#include "go_quote.h"
#include "lint_internal.h"

#define TEMPLATES "templates/"

typedef struct template_check {
    linter *l;
    const char *file;           /* the template's chart-relative name */
    const char *content;        /* its rendered text */
    int major, minor;           /* the Kubernetes version deprecations are judged against */
} template_check;

static const char *copy_error(linter *l, const celm_error *err)
{
    return celm_arena_strndup(l->arena, err->message, strlen(err->message));
}

static int extension_allowed(linter *l, const char *name)
{
    static const char *const allowed[] = {".yaml", ".yml", ".tpl", ".txt"};
    const char *ext = celm_path_ext(name);
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
        if (strcmp(ext, allowed[i]) == 0)
            return 1;
    return lint_fail(l, CELM_LINT_ERROR, name,
                     "file extension '%s' not valid. Valid extensions are .yaml, .yml, .tpl, or .txt", ext);
}

static int is_yaml_name(const char *name)
{
    const char *ext = celm_path_ext(name);
    return strcasecmp(ext, ".yaml") == 0 || strcasecmp(ext, ".yml") == 0;
}

/* validateTopIndentLevel: the first line holding more than spaces may not start indented. */
static void check_indent(const template_check *check)
{
    const char *line = check->content;
    while (*line) {
        size_t len = strcspn(line, "\n");
        size_t shown = len && line[len - 1] == '\r' ? len - 1 : len;
        size_t blank = 0;
        while (blank < len && strchr(" \t\r\n\v\f", line[blank]))
            blank++;
        if (blank < len) {
            if (line[0] != ' ' && line[0] != '\t')
                return;
            celm_buffer quoted;
            celm_buffer_init(&quoted);
            celm_go_quote(&quoted, line, shown);
            lint_fail(check->l, CELM_LINT_WARNING, check->file,
                      "document starts with an illegal indent: %s, which may cause parsing problems",
                      quoted.data ? quoted.data : "");
            celm_buffer_free(&quoted);
            return;
        }
        line += len + (line[len] == '\n');
    }
}

static void check_selector(const template_check *check, const lint_object *object)
{
    static const char *const kinds[] = {"Deployment", "ReplicaSet", "DaemonSet", "StatefulSet"};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (strcmp(object->kind, kinds[i]) != 0)
            continue;
        if (strstr(check->content, "matchLabels") || strstr(check->content, "matchExpressions"))
            return;
        celm_buffer quoted;
        celm_buffer_init(&quoted);
        celm_go_quote(&quoted, object->name, strlen(object->name));
        lint_fail(check->l, CELM_LINT_ERROR, check->file, "a %s must contain matchLabels or matchExpressions, and %s does not",
                  object->kind, quoted.data ? quoted.data : "");
        celm_buffer_free(&quoted);
        return;
    }
}

/* validateListAnnotations: a List's items may not carry helm.sh/resource-policy. */
static void check_list(const template_check *check, const lint_object *object)
{
    if (strcmp(object->kind, "List") != 0)
        return;
    celm_value *document;
    celm_error err = CELM_ERROR_INIT;
    if (celm_yaml_parse(check->l->arena, check->content, strlen(check->content), check->file, 0, &document, &err) != CELM_OK)
        return;
    const celm_value *items = document->kind == CELM_VALUE_MAP ? celm_map_cget(document, "items") : NULL;
    for (size_t i = 0; items && items->kind == CELM_VALUE_LIST && i < items->as.list.count; i++) {
        const celm_value *item = items->as.list.items[i];
        const celm_value *metadata = item->kind == CELM_VALUE_MAP ? celm_map_cget(item, "metadata") : NULL;
        const celm_value *annotations = metadata && metadata->kind == CELM_VALUE_MAP ? celm_map_cget(metadata, "annotations") : NULL;
        if (annotations && annotations->kind == CELM_VALUE_MAP && celm_map_cget(annotations, "helm.sh/resource-policy")) {
            lint_rule(check->l, CELM_LINT_ERROR, check->file, "annotation 'helm.sh/resource-policy' within List objects are ignored");
            return;
        }
    }
}

static void check_object(void *payload, const lint_object *object)
{
    const template_check *check = payload;
    lint_rule(check->l, CELM_LINT_WARNING, check->file, lint_metadata_name(check->l, object));
    lint_rule(check->l, CELM_LINT_WARNING, check->file, lint_deprecation(check->l, object, check->major, check->minor));
    check_selector(check, object);
    check_list(check, object);
}

/* The Kubernetes version deprecations are judged against: --kube-version, else helm's default. */
static void kube_version(linter *l, int *major, int *minor)
{
    *major = 1;
    *minor = 36;
    celm_value *parsed;
    celm_error err = CELM_ERROR_INIT;
    const char *given = l->options->kube_version;
    if (!given || celm_kube_version_parse(l->arena, given, &parsed, &err) != CELM_OK)
        return;
    const celm_value *major_text = celm_map_cget(parsed, "Major"), *minor_text = celm_map_cget(parsed, "Minor");
    if (major_text && minor_text && major_text->kind == CELM_VALUE_STRING && minor_text->kind == CELM_VALUE_STRING) {
        *major = atoi(major_text->as.string.data);
        *minor = atoi(minor_text->as.string.data);
    }
}

static const char *rendered(celm_arena *arena, const celm_render_output *files, size_t count, const char *chart, const char *file)
{
    size_t chart_len = strlen(chart);
    for (size_t i = 0; i < count; i++)
        if (strncmp(files[i].name, chart, chart_len) == 0 && files[i].name[chart_len] == '/' &&
            strcmp(files[i].name + chart_len + 1, file) == 0)
            return celm_arena_strndup(arena, files[i].data, files[i].len);
    return "";
}

static int is_blank(const char *text)
{
    return text[strspn(text, " \t\r\n\v\f")] == '\0';
}

/* Returns 0 when a document failed to parse, which ends the rule. */
static int check_template(linter *l, const celm_chart_file *file, const char *content, int major, int minor)
{
    extension_allowed(l, file->name);
    if (!is_yaml_name(file->name) || is_blank(content))
        return 1;
    template_check check = {l, file->name, content, major, minor};
    check_indent(&check);
    const char *failure = lint_decode_objects(l, content, strlen(content), check_object, &check);
    if (failure)
        lint_fail(l, CELM_LINT_ERROR, file->name, "unable to parse YAML: %s", failure);
    return failure == NULL;
}

/* Dependencies, coalescing and the schemas as the rule does them; NULL when it stops quietly. */
static celm_value *render_values(linter *l, celm_chart *chart)
{
    celm_error err = CELM_ERROR_INIT;
    const celm_value *user = l->options->values;
    celm_value *empty = celm_value_map(l->arena, 0), *values = NULL;
    if (!empty)
        return l->out_of_memory = 1, NULL;
    celm_warning_fn warn = l->options->warning;
    void *payload = l->options->warning_payload;
    if (celm_chart_process_dependencies(chart, user ? user : empty, warn, payload, &err) != CELM_OK ||
        celm_values_coalesce(l->arena, chart, user ? user : empty, 0, warn, payload, &values, &err) != CELM_OK ||
        celm_values_coalesce(l->arena, chart, values, 0, warn, payload, &values, &err) != CELM_OK)
        return NULL;
    celm_string message = {"", 0};
    if (l->options->skip_schema_validation)
        return values;
    int status = celm_schema_validate_tree(l->arena, chart, values, &message, &err);
    if (status == CELM_OK)
        return values;
    lint_rule(l, CELM_LINT_ERROR, TEMPLATES, status == CELM_EINVAL && message.len ? message.data : copy_error(l, &err));
    return NULL;
}

static void render_and_check(linter *l, celm_chart *chart)
{
    celm_value *values = render_values(l, chart);
    if (!values)
        return;
    celm_render_options options = CELM_RENDER_OPTIONS_INIT;
    options.release_name = "test-release";
    options.release_namespace = l->options->namespace;
    options.revision = 0;
    options.is_install = 0;
    options.kube_version = l->options->kube_version;
    options.lint = 1;
    options.lint_log = l->options->render_log;
    options.lint_log_payload = l->options->render_log_payload;
    celm_render_output *files = NULL;
    size_t count = 0;
    celm_error err = CELM_ERROR_INIT;
    if (celm_render(l->options->registry, l->arena, chart, values, &options, &files, &count, &err) != CELM_OK) {
        lint_rule(l, CELM_LINT_ERROR, TEMPLATES, copy_error(l, &err));
        return;
    }
    int major, minor;
    kube_version(l, &major, &minor);
    for (size_t i = 0; i < chart->template_count; i++) {
        const celm_chart_file *file = &chart->templates[i];
        if (!check_template(l, file, rendered(l->arena, files, count, chart->name, file->name), major, minor))
            return;
    }
}

void lint_templates(linter *l)
{
    const char *path = lint_path(l, l->chart_dir, "templates");
    struct stat info;
    if (!path || stat(path, &info) != 0) {
        lint_rule(l, CELM_LINT_WARNING, TEMPLATES, "directory does not exist");
        return;
    }
    if (!S_ISDIR(info.st_mode)) {
        lint_rule(l, CELM_LINT_ERROR, TEMPLATES, "not a directory");
        return;
    }
    celm_chart *chart = NULL;
    celm_error err = CELM_ERROR_INIT;
    if (celm_chart_load_v2(&chart, l->chart_dir, &err) != CELM_OK) {
        lint_rule(l, CELM_LINT_ERROR, TEMPLATES, copy_error(l, &err));
        return;
    }
    render_and_check(l, chart);
    celm_chart_free(chart);
}
