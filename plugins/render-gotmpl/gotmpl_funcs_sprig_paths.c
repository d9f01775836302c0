/* gotmpl_funcs_sprig_paths.c: Sprig's path functions: Go's path package (base, dir, clean, ext, isAbs)
 * and path/filepath (osBase ... osIsAbs), which on Linux, with '/' and no volume names, agree. */
#include <string.h>

#include "gotmpl_sprig.h"

static int string_result(gotmpl_value *out, const char *data, size_t len)
{
    *out = gotmpl_string(data, len);
    return CELM_OK;
}

/* path.Clean: one slash between elements, no "." elements, ".." resolved against the element
 * before it (or kept at the start of a relative path, dropped at the root); "." when empty. */
static size_t clean_into(const char *path, size_t n, char *out)
{
    if (n == 0) {
        out[0] = '.';
        return 1;
    }
    int rooted = path[0] == '/';
    size_t read = 0, written = 0, dotdot = 0;
    if (rooted) {
        out[written++] = '/';
        read = dotdot = 1;
    }
    while (read < n) {
        if (path[read] == '/') {
            read++;
        } else if (path[read] == '.' && (read + 1 == n || path[read + 1] == '/')) {
            read++;
        } else if (path[read] == '.' && path[read + 1] == '.' && (read + 2 == n || path[read + 2] == '/')) {
            read += 2;
            if (written > dotdot) {
                written--;
                while (written > dotdot && out[written] != '/')
                    written--;
            } else if (!rooted) {
                if (written > 0)
                    out[written++] = '/';
                out[written++] = '.';
                out[written++] = '.';
                dotdot = written;
            }
        } else {
            if ((rooted && written != 1) || (!rooted && written != 0))
                out[written++] = '/';
            for (; read < n && path[read] != '/'; read++)
                out[written++] = path[read];
        }
    }
    if (written == 0)
        out[written++] = '.';
    return written;
}

static int clean_result(gotmpl_call *call, const char *path, size_t len, gotmpl_value *out)
{
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    /* The result is never longer than the path, except "." for an empty one and "x/.." parts
     * that stay; twice the length plus two is always enough. */
    char *buffer = gotmpl_runtime_host(runtime)->arena_alloc(gotmpl_runtime_arena(runtime), 2 * len + 3);
    if (!buffer)
        return gotmpl_sprig_out_of_memory(call);
    size_t written = clean_into(path, len, buffer);
    buffer[written] = '\0';
    return string_result(out, buffer, written);
}

static int clean_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return clean_result(call, args[0].as.string.data, args[0].as.string.len, out);
}

/* path.Base: the last element, trailing slashes ignored; "." for "", "/" for only slashes. */
static int base_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    const char *path = args[0].as.string.data;
    size_t len = args[0].as.string.len;
    if (len == 0)
        return string_result(out, ".", 1);
    while (len > 0 && path[len - 1] == '/')
        len--;
    size_t start = len;
    while (start > 0 && path[start - 1] != '/')
        start--;
    if (start == len)
        return string_result(out, "/", 1);
    return string_result(out, path + start, len - start);
}

/* path.Dir: everything up to the last slash, cleaned. */
static int dir_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    const char *path = args[0].as.string.data;
    size_t end = args[0].as.string.len;
    while (end > 0 && path[end - 1] != '/')
        end--;
    return clean_result(call, path, end, out);
}

/* path.Ext: from the last dot of the last element, or "". */
static int ext_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    const char *path = args[0].as.string.data;
    size_t len = args[0].as.string.len;
    for (size_t i = len; i > 0 && path[i - 1] != '/'; i--)
        if (path[i - 1] == '.')
            return string_result(out, path + i - 1, len - (i - 1));
    return string_result(out, "", 0);
}

static int is_abs_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    *out = gotmpl_bool(args[0].as.string.len > 0 && args[0].as.string.data[0] == '/');
    return CELM_OK;
}

#define PATH_FUNC(name, impl, result) {name, impl, 1, 0, {GT_STRING}, result, 0}

static const gotmpl_func path_functions[] = {
    PATH_FUNC("base", base_impl, GT_STRING),
    PATH_FUNC("dir", dir_impl, GT_STRING),
    PATH_FUNC("clean", clean_impl, GT_STRING),
    PATH_FUNC("ext", ext_impl, GT_STRING),
    PATH_FUNC("isAbs", is_abs_impl, GT_BOOL),
    PATH_FUNC("osBase", base_impl, GT_STRING),
    PATH_FUNC("osDir", dir_impl, GT_STRING),
    PATH_FUNC("osClean", clean_impl, GT_STRING),
    PATH_FUNC("osExt", ext_impl, GT_STRING),
    PATH_FUNC("osIsAbs", is_abs_impl, GT_BOOL),
    {NULL, NULL, 0, 0, {0}, 0, 0},
};

const gotmpl_func_table gotmpl_funcs_sprig_paths = {"sprig/paths", path_functions};
