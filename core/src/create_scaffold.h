/* create_scaffold.h: the files of the chart `helm create` makes (recorded in create_scaffold.c). */
#ifndef CELM_CREATE_SCAFFOLD_H
#define CELM_CREATE_SCAFFOLD_H

#include <stddef.h>

/* Stands for the chart name inside the recorded texts (U+0001 never appears in them). */
#define CELM_SCAFFOLD_NAME "\001"

typedef struct celm_scaffold_file {
    const char *path;       /* relative to the chart directory */
    const char *text;       /* with CELM_SCAFFOLD_NAME where the chart's name goes */
} celm_scaffold_file;

extern const celm_scaffold_file celm_scaffold_files[];
extern const size_t celm_scaffold_file_count;
/* `celm create --lua`: Lua templates that replace the scaffold's templates of the same base name. */
extern const celm_scaffold_file celm_scaffold_lua_files[];
extern const size_t celm_scaffold_lua_file_count;

#endif
