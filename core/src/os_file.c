/* os_file.c: whole files read and written the way Go's os.ReadFile and os.WriteFile do, with Go's error texts. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "os_file.h"

/* Go's text for an errno: glibc's, starting in lower case. */
int celm_os_error(celm_error *err, const char *operation, const char *path, int error_number)
{
    char reason[256];
    celm_errno_text(error_number, reason, sizeof reason);
    int code = error_number == ENOENT ? CELM_ENOTFOUND : CELM_EIO;
    return celm_error_set(err, code, "%s %s: %s", operation, path, reason);
}

int celm_os_read_finish(celm_buffer *buffer, celm_arena *arena, celm_string *out, celm_error *err)
{
    if (buffer->len == 0 && !buffer->failed) {
        celm_buffer_free(buffer);
        out->data = "";
        out->len = 0;
        return CELM_OK;
    }
    if (celm_buffer_finish(buffer, arena, out) != CELM_OK)
        return celm_error_set(err, CELM_ENOMEM, "out of memory reading a file");
    return CELM_OK;
}

/* Go's os.ReadFile: open errors name "open", read errors (a directory) name "read". */
int celm_os_read_file(celm_arena *arena, const char *path, celm_string *out, celm_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return celm_os_error(err, "open", path, errno);
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
            return celm_os_error(err, "read", path, error_number);
        }
        if (got == 0)
            break;
        celm_buffer_append(&buffer, chunk, (size_t)got);
    }
    close(fd);
    return celm_os_read_finish(&buffer, arena, out, err);
}


/* Go's os.WriteFile(path, data, 0644): created or truncated; errors name "open" or "write". */
int celm_os_write_file(const char *path, const char *data, size_t len, celm_error *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return celm_os_error(err, "open", path, errno);
    for (size_t done = 0; done < len;) {
        ssize_t wrote = write(fd, data + done, len - done);
        if (wrote < 0 && errno == EINTR)
            continue;
        if (wrote < 0) {
            int error_number = errno;
            close(fd);
            return celm_os_error(err, "write", path, error_number);
        }
        done += (size_t)wrote;
    }
    if (close(fd) != 0)
        return celm_os_error(err, "close", path, errno);
    return CELM_OK;
}

int celm_os_write_file_atomic(celm_arena *arena, const char *path, const char *data, size_t len, unsigned mode,
                              celm_error *err)
{
    char *temporary = celm_arena_printf(arena, "%s.tmp-XXXXXX", path);
    int fd = temporary ? mkstemp(temporary) : -1;
    if (fd < 0)
        return temporary ? celm_os_error(err, "open", path, errno) : celm_error_set(err, CELM_ENOMEM, "out of memory");
    close(fd);
    int status = celm_os_write_file(temporary, data, len, err);
    if (status == CELM_OK && chmod(temporary, (mode_t)mode) != 0)
        status = celm_os_error(err, "chmod", temporary, errno);
    if (status == CELM_OK && rename(temporary, path) != 0)
        status = celm_os_error(err, "rename", path, errno);
    if (status != CELM_OK)
        unlink(temporary);
    return status;
}
