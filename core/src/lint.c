/* lint.c: helm lint's RunAll over one chart directory, and the messages its rules leave. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "lint_internal.h"

static const char *const severity_names[] = {"UNKNOWN", "INFO", "WARNING", "ERROR"};

static int grow(linter *l)
{
    if (l->count < l->capacity)
        return 1;
    size_t capacity = l->capacity ? l->capacity * 2 : 16;
    celm_lint_message *messages = celm_arena_alloc(l->arena, capacity * sizeof *messages);
    if (!messages)
        return 0;
    if (l->count)
        memcpy(messages, l->messages, l->count * sizeof *messages);
    l->messages = messages;
    l->capacity = capacity;
    return 1;
}

int lint_rule(linter *l, celm_lint_severity severity, const char *path, const char *failure)
{
    if (!failure)
        return 1;
    if (!grow(l)) {
        l->out_of_memory = 1;
        return 0;
    }
    const char *own_path = celm_arena_strndup(l->arena, path, strlen(path));
    if (!own_path) {
        l->out_of_memory = 1;
        return 0;
    }
    l->messages[l->count++] = (celm_lint_message){severity, own_path, failure};
    return 0;
}

int lint_fail(linter *l, celm_lint_severity severity, const char *path, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char small[1];
    va_list copy;
    va_copy(copy, args);
    int len = vsnprintf(small, sizeof small, format, copy);
    va_end(copy);
    char *failure = len >= 0 ? celm_arena_alloc(l->arena, (size_t)len + 1) : NULL;
    if (failure)
        vsnprintf(failure, (size_t)len + 1, format, args);
    va_end(args);
    if (!failure) {
        l->out_of_memory = 1;
        return 0;
    }
    return lint_rule(l, severity, path, failure);
}

const char *lint_path(linter *l, const char *dir, const char *name)
{
    size_t dir_len = strlen(dir), name_len = strlen(name);
    char *path = celm_arena_alloc(l->arena, dir_len + name_len + 2);
    if (!path)
        return NULL;
    memcpy(path, dir, dir_len);
    path[dir_len] = '/';
    memcpy(path + dir_len + 1, name, name_len + 1);
    return path;
}

int celm_lint_run(celm_arena *arena, const char *chart_dir, const celm_lint_options *options,
                  celm_lint_message **messages, size_t *count, celm_error *err)
{
    linter l;
    memset(&l, 0, sizeof l);
    l.arena = arena;
    l.options = options;
    l.chart_dir = celm_path_absolute(arena, chart_dir);
    if (l.chart_dir) {
        lint_chartfile(&l);
        lint_values(&l);
        lint_templates(&l);
        lint_dependencies(&l);
        lint_crds(&l);
    }
    if (!l.chart_dir || l.out_of_memory)
        return celm_error_set(err, CELM_ENOMEM, "out of memory while linting %s", chart_dir);
    *messages = l.messages;
    *count = l.count;
    return CELM_OK;
}

const char *celm_lint_message_text(celm_arena *arena, const celm_lint_message *message)
{
    const char *severity = message->severity <= CELM_LINT_ERROR ? severity_names[message->severity] : "UNKNOWN";
    size_t len = strlen(severity) + strlen(message->path) + strlen(message->text) + 6;
    char *text = celm_arena_alloc(arena, len);
    if (text)
        snprintf(text, len, "[%s] %s: %s", severity, message->path, message->text);
    return text;
}
