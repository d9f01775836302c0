/* gotmpl_funcs_sprig_env.c: Sprig's env and expandenv (os.Getenv, os.ExpandEnv), which Helm's engine
 * removes: only standalone templates such as --name-template see them. */
#include <stdlib.h>
#include <string.h>

#include "gotmpl_sprig.h"

/* os.Getenv: a name holding '=' or NUL names no variable. */
static const char *environment_value(gotmpl_runtime *runtime, const char *name, size_t len)
{
    if (len == 0 || memchr(name, '=', len) || memchr(name, '\0', len))
        return "";
    gotmpl_value key = gotmpl_string_copy(runtime, name, len);
    const char *value = key.type == GT_STRING ? getenv(key.as.string.data) : NULL;
    return value ? value : "";
}

static int fn_env(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    const char *value = environment_value(gotmpl_call_runtime(call), args[0].as.string.data, args[0].as.string.len);
    *out = gotmpl_string(value, strlen(value));
    return CELM_OK;
}

static int is_shell_special(char c)
{
    return strchr("*#$@!?-0123456789", c) != NULL && c != '\0';
}

static int is_name_byte(char c)
{
    return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* os's getShellName for the text after a '$': the name's offset and length in it, and how many
 * bytes the reference takes. A zero-length name with width > 0 is bad syntax, eaten whole. */
static size_t shell_name(const char *text, size_t len, size_t *name_at, size_t *name_len)
{
    *name_at = 0, *name_len = 0;
    if (text[0] == '{') {
        if (len > 2 && is_shell_special(text[1]) && text[2] == '}')
            return *name_at = 1, *name_len = 1, 3;
        for (size_t i = 1; i < len; i++)
            if (text[i] == '}')
                return i == 1 ? 2 : (*name_at = 1, *name_len = i - 1, i + 1);
        return 1;
    }
    if (is_shell_special(text[0]))
        return *name_len = 1, 1;
    while (*name_len < len && is_name_byte(text[*name_len]))
        ++*name_len;
    return *name_len;
}

static int fn_expandenv(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    const char *text = args[0].as.string.data;
    size_t len = args[0].as.string.len, copied = 0;
    gotmpl_sprig_text expanded;
    gotmpl_sprig_text_init(&expanded, runtime);
    for (size_t at = 0; at + 1 < len; at++) {
        if (text[at] != '$')
            continue;
        gotmpl_sprig_text_put(&expanded, text + copied, at - copied);
        size_t name_at, name_len, width = shell_name(text + at + 1, len - at - 1, &name_at, &name_len);
        const char *name = text + at + 1 + name_at;
        if (name_len) {
            const char *value = environment_value(runtime, name, name_len);
            gotmpl_sprig_text_put(&expanded, value, strlen(value));
        } else if (width == 0) {
            gotmpl_sprig_text_put(&expanded, "$", 1);
        }
        at += width;
        copied = at + 1;
    }
    gotmpl_sprig_text_put(&expanded, text + copied, len - copied);
    return gotmpl_sprig_text_finish(&expanded, out);
}

static const gotmpl_func env_functions[] = {
    {"env", fn_env, 1, 0, {GT_STRING}, GT_STRING, 0},
    {"expandenv", fn_expandenv, 1, 0, {GT_STRING}, GT_STRING, 0},
    {NULL, NULL, 0, 0, {0}, 0, 0},
};

const gotmpl_func_table gotmpl_funcs_sprig_env = {"sprig-env", env_functions};
