/* os_file.h: whole files read and written the way Go's os.ReadFile and os.WriteFile do, with Go's error texts. */
#ifndef CELM_OS_FILE_H
#define CELM_OS_FILE_H

#include "buffer.h"
#include "celm/celm.h"

/* "<operation> <path>: <reason>" with CELM_ENOTFOUND for ENOENT, else CELM_EIO. */
int celm_os_error(celm_error *err, const char *operation, const char *path, int error_number);
/* Moves the buffer into `arena` as *out (an empty string when nothing was read). */
int celm_os_read_finish(celm_buffer *buffer, celm_arena *arena, celm_string *out, celm_error *err);
/* The whole file; errors name "open" or "read" like Go's. */
int celm_os_read_file(celm_arena *arena, const char *path, celm_string *out, celm_error *err);

/* Go's os.WriteFile(path, data, 0644): created or truncated (mode less the umask when created). */
int celm_os_write_file(const char *path, const char *data, size_t len, celm_error *err);
/* fileutil.AtomicWriteFile: written to a temporary file beside `path`, given `mode`, renamed over it. */
int celm_os_write_file_atomic(celm_arena *arena, const char *path, const char *data, size_t len, unsigned mode,
                              celm_error *err);

#endif
