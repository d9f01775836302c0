/* directories.c: creating directory trees as Go's os.MkdirAll does. */
#include "directories.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>

#include "celm/celm.h"

static int make_one(const char *path, celm_error *err)
{
    char reason[128];
    struct stat info;
    if (mkdir(path, 0755) == 0)
        return CELM_OK;
    int failure = errno;
    if (failure == EEXIST && stat(path, &info) == 0) {
        if (S_ISDIR(info.st_mode))
            return CELM_OK;
        failure = ENOTDIR;
    }
    return celm_error_set(err, CELM_EIO, "mkdir %s: %s", path, celm_errno_text(failure, reason, sizeof reason));
}

int celm_mkdir_all(const char *path, celm_error *err)
{
    char partial[PATH_MAX];
    if (snprintf(partial, sizeof partial, "%s", path) >= (int)sizeof partial)
        return celm_error_set(err, CELM_EINVAL, "mkdir %s: file name too long", path);
    for (char *slash = partial + 1; *slash; slash++) {
        if (*slash != '/' || slash[-1] == '/')
            continue;
        *slash = '\0';
        int status = make_one(partial, err);
        *slash = '/';
        if (status != CELM_OK)
            return status;
    }
    return make_one(partial, err);
}
