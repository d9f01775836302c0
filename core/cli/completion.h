/* completion.h: the command tree flattened for the shell completion writers (bash, zsh, fish, powershell). */
#ifndef CELM_CLI_COMPLETION_H
#define CELM_CLI_COMPLETION_H

#include "cli.h"

/* One command of the tree with the words a shell needs to complete after it. */
typedef struct completion_node {
    const char *path_text;          /* "celm get values" */
    const cli_command *command;
    const char *local_flags;        /* its own flags and -h/--help, space separated */
    const char *local_value_flags;  /* those of them that take a separate value */
} completion_node;

typedef struct completion_tree {
    celm_arena *arena;
    completion_node *nodes;         /* depth first, the root first */
    size_t count;
    const char *global_flags;
    const char *global_value_flags;
    int descriptions;               /* 0 with --no-descriptions */
} completion_tree;

/* A flag value some flag offers a fixed list for, e.g. --output: "table json yaml". */
typedef struct completion_choice {
    const char *flag_words;         /* "--output -o" */
    const char *values;
} completion_choice;

/* Space separated names (and, with `aliases` set, only the aliases) of a command's children. */
const char *completion_children(celm_arena *arena, const cli_command *command, int aliases);
/* Every flag with fixed choices, once per flag name; arena array of *count entries. */
const completion_choice *completion_choices(const completion_tree *tree, size_t *count);
/* `text` inside single quotes for sh (quote as '\''), fish (\') or powershell (''). */
typedef enum completion_quoting {
    COMPLETION_QUOTE_SH,
    COMPLETION_QUOTE_FISH,
    COMPLETION_QUOTE_POWERSHELL
} completion_quoting;
const char *completion_quote(celm_arena *arena, const char *text, completion_quoting quoting);

void completion_write_bash(FILE *out, const completion_tree *tree);
void completion_write_zsh(FILE *out, const completion_tree *tree);
void completion_write_fish(FILE *out, const completion_tree *tree);
void completion_write_powershell(FILE *out, const completion_tree *tree);

#endif
