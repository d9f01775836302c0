/* values_user_read.c: reading what a -f or --set-file value names (a file, an http(s) URL or standard input). */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "buffer.h"
#include "celm/values.h"
#include "go_quote.h"
#include "http_get.h"
#include "os_file.h"
#include "strvals.h"
#include "values_user.h"

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
        return celm_os_error(err, "read", "/dev/stdin", error_number);
    }
    return celm_os_read_finish(&buffer, arena, out, err);
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
    if (!strcmp(scheme, "http") || !strcmp(scheme, "https"))
        return celm_http_get(arena, path, out, err);
    if (!strcmp(scheme, "oci"))
        return celm_error_set(err, CELM_EUNSUPPORTED, "cannot read values from %s: celm reads values "
                              "from local files, http(s) URLs and \"-\" (standard input) so far, not from "
                              "OCI registries; download the file and pass its path", path);
    return celm_os_read_file(arena, path, out, err);
}
