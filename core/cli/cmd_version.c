/* cmd_version.c: `celm version`, printed the way helm prints its BuildInfo, with --short and --template. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

#define STRINGIFY(x) #x
#define TO_TEXT(x) STRINGIFY(x)

typedef struct build_field {
    const char *name;
    const char *value;
} build_field;

/* The fields of helm's version.BuildInfo that celm has, plus the plugin ABI it loads. */
static const build_field build_fields[] = {
    {"Version", "v" CELM_VERSION},
    {"GitCommit", ""},
    {"GitTreeState", ""},
    {"PluginABI", TO_TEXT(CELM_ABI_MAJOR) "." TO_TEXT(CELM_ABI_MINOR)},
};

static const char *field_value(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof build_fields / sizeof build_fields[0]; i++)
        if (strlen(build_fields[i].name) == len && strncmp(build_fields[i].name, name, len) == 0)
            return build_fields[i].value;
    return NULL;
}

/* Go reports template positions as line:byte-offset-within-the-line. */
static void template_position(const char *template, const char *at, int *line, int *column)
{
    const char *line_start = template;
    *line = 1;
    for (const char *c = template; c < at; c++)
        if (*c == '\n')
            (*line)++, line_start = c + 1;
    *column = (int)(at - line_start);
}

/* Expands one action into `out`, or when `out` is NULL only checks its syntax, as Go's parse does
 * before anything runs; "{{ .Field }}" is the only form celm's --template knows. */
static int expand_action(const char *template, const char *start, const char *end, FILE *out)
{
    const char *inner = start + 2, *inner_end = end;
    while (inner < inner_end && strchr(" \t\n", *inner))
        inner++;
    while (inner_end > inner && strchr(" \t\n", inner_end[-1]))
        inner_end--;
    int line, column;
    template_position(template, inner, &line, &column);
    size_t name_len = (size_t)(inner_end - inner) - 1;
    if (inner_end - inner < 2 || *inner != '.' || strcspn(inner + 1, " .|()\t\n}") < name_len)
        return cli_fail("template: _:%d: celm's --template supports only {{.Field}} actions, not \"%.*s\"",
                        line, (int)(end - start + 2), start);
    const char *value = field_value(inner + 1, name_len);
    if (!out)
        return 0;
    if (!value)
        return cli_fail("template: _:%d:%d: executing \"_\" at <.%.*s>: can't evaluate field %.*s in type "
                        "version.BuildInfo", line, column, (int)name_len, inner + 1, (int)name_len, inner + 1);
    fputs(value, out);
    return 0;
}

/* Go parses the whole template first (syntax errors print nothing), then executes it, so the text
 * before an unknown field is already out when the error comes. */
static int expand_template(const char *template, FILE *out)
{
    for (int pass = 0; pass < 2; pass++) {
        FILE *sink = pass ? out : NULL;
        const char *cursor = template;
        const char *open;
        while ((open = strstr(cursor, "{{")) != NULL) {
            const char *close = strstr(open + 2, "}}");
            if (!close) {
                int line, column;
                template_position(template, open, &line, &column);
                return cli_fail("template: _:%d: unclosed action", line);
            }
            if (sink)
                fwrite(cursor, 1, (size_t)(open - cursor), sink);
            int status = expand_action(template, open, close, sink);
            if (status != 0)
                return status;
            cursor = close + 2;
        }
        if (sink)
            fputs(cursor, sink);
    }
    return 0;
}

int cli_version_command(const cli_invocation *invocation)
{
    const char *template = cli_flag_string(invocation, "template");
    if (template && *template)
        return expand_template(template, stdout);
    if (cli_flag_is_true(invocation, "short")) {
        /* helm appends "+g<commit>" when it knows the commit; celm does not record one yet. */
        printf("%s\n", build_fields[0].value);
        return 0;
    }
    printf("version.BuildInfo{");
    for (size_t i = 0; i < sizeof build_fields / sizeof build_fields[0]; i++)
        printf("%s%s:\"%s\"", i ? ", " : "", build_fields[i].name, build_fields[i].value);
    printf("}\n");
    return 0;
}
