/* error.h: the one error type shared by the core and every plugin, and the CELM_E* codes. */
#ifndef CELM_ERROR_H
#define CELM_ERROR_H

/* Every callback returns 0 or one of these negative codes. */
enum celm_error_code {
    CELM_OK = 0,
    CELM_EFAIL = -1,        /* anything not covered below */
    CELM_ENOMEM = -2,
    CELM_EINVAL = -3,       /* bad argument or input */
    CELM_ENOTFOUND = -4,
    CELM_EEXISTS = -5,
    CELM_ECONFLICT = -6,
    CELM_EPARSE = -7,       /* malformed YAML, JSON, template, ... */
    CELM_ELIMIT = -8,       /* a safety limit was hit */
    CELM_EABI = -9,         /* plugin ABI mismatch */
    CELM_EIO = -10,
    CELM_EUNSUPPORTED = -11
};

#define CELM_ERROR_MESSAGE_SIZE 1024

/* A fixed-size error, so out-of-memory can be reported without allocating. `message` is one line
 * a user can act on. `line` and `column` are 1-based positions in `origin` (a file name or flag),
 * 0 when not known. The caller owns the struct; callees only write into it. */
typedef struct celm_error {
    int code;
    int line;
    int column;
    char origin[256];
    char message[CELM_ERROR_MESSAGE_SIZE];
} celm_error;

#define CELM_ERROR_INIT {0, 0, 0, {0}, {0}}

#endif
