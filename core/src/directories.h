/* directories.h: creating directory trees as Go's os.MkdirAll does. */
#ifndef CELM_DIRECTORIES_H
#define CELM_DIRECTORIES_H

#include "celm/error.h"

/* os.MkdirAll(path, 0755): every missing directory of path, with Go's "mkdir <path>: <reason>". */
int celm_mkdir_all(const char *path, celm_error *err);

#endif
