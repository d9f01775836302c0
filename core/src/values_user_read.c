/* values_user_read.c: reading what a -f or --set-file value names (a file or standard input). */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "buffer.h"
#include "celm/values.h"
#include "go_quote.h"
#include "strvals.h"
#include "values_user.h"

/* Go's text for an errno: glibc's, starting in lower case. */
static int os_error(celm_error *err, const char *operation, const char *path, int error_number)
{
    char reason[256];
    celm_errno_text(error_number, reason, sizeof reason);
    int code = error_number == ENOENT ? CELM_ENOTFOUND : CELM_EIO;
    return celm_error_set(err, code, "%s %s: %s", operation, path, reason);
}

static int finish(celm_buffer *buffer, celm_arena *arena, celm_string *out, celm_error *err)
{
    if (buffer->len == 0 && !buffer->failed) {
        celm_buffer_free(buffer);
        out->data = "";
        out->len = 0;
        return CELM_OK;
    }
    if (celm_buffer_finish(buffer, arena, out) != CELM_OK)
        return celm_error_set(err, CELM_ENOMEM, "out of memory reading values");
    return CELM_OK;
}

static int read_stream(celm_arena *arena, FILE *stream, celm_string *out, celm_error *err)
{
    celm_buffer buffer;
    celm_buffer_init(&buffer);
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, stream)) > 0)
        celm_buffer_append(&buffer, chunk, got);
    if (ferror(stream)) {
        int error_number = errno;
        celm_buffer_free(&buffer);
        return os_error(err, "read", "/dev/stdin", error_number);
    }
    return finish(&buffer, arena, out, err);
}

/* Go's os.ReadFile: open errors name "open", read errors (a directory) name "read". */
static int read_path(celm_arena *arena, const char *path, celm_string *out, celm_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return os_error(err, "open", path, errno);
    celm_buffer buffer;
    celm_buffer_init(&buffer);
    char chunk[65536];
    for (;;) {
        ssize_t got = read(fd, chunk, sizeof chunk);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int error_number = errno;
            close(fd);
            celm_buffer_free(&buffer);
            return os_error(err, "read", path, error_number);
        }
        if (got == 0)
            break;
        celm_buffer_append(&buffer, chunk, (size_t)got);
    }
    close(fd);
    return finish(&buffer, arena, out, err);
}

static int is_standard_input(const char *path)
{
    size_t start, len;
    celm_strvals_trim_space(path, strlen(path), &start, &len);
    return len == 1 && path[start] == '-';
}

int celm_values_read_source(celm_arena *arena, const char *path, FILE *standard_input,
                            celm_string *out, celm_error *err)
{
    char scheme[32];
    if (is_standard_input(path))
        return read_stream(arena, standard_input ? standard_input : stdin, out, err);
    int status = celm_values_url_scheme(path, scheme, sizeof scheme, err);
    if (status != CELM_OK)
        return status;
    if (!strcmp(scheme, "http") || !strcmp(scheme, "https") || !strcmp(scheme, "oci"))
        return celm_error_set(err, CELM_EUNSUPPORTED, "cannot read values from %s: celm reads values "
                              "only from local files and \"-\" (standard input) so far; download "
                              "the file and pass its path", path);
    return read_path(arena, path, out, err);
}
