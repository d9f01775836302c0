/* cmd_completion.c: `celm completion SHELL`: flattens the command table for the script writers. */
#include <string.h>

#include "completion.h"

/* Appends `word` to a space separated list. */
static const char *word_append(celm_arena *arena, const char *list, const char *word)
{
    return *list ? celm_arena_printf(arena, "%s %s", list, word) : word;
}

static int takes_separate_value(const cli_flag *flag)
{
    return flag->kind != CLI_FLAG_BOOL && !flag->value_when_bare;
}

/* "--name -x" for every flag of entries[0, count), or only those that take a separate value. */
static const char *flag_words(celm_arena *arena, const cli_flag_value *entries, size_t count, int value_only)
{
    const char *words = "";
    for (size_t i = 0; i < count; i++) {
        const cli_flag *flag = entries[i].flag;
        if ((value_only && !takes_separate_value(flag)) || flag->deprecated)
            continue;
        words = word_append(arena, words, celm_arena_printf(arena, "--%s", flag->name));
        if (flag->shorthand)
            words = word_append(arena, words, celm_arena_printf(arena, "-%c", flag->shorthand));
    }
    return words;
}

const char *completion_children(celm_arena *arena, const cli_command *command, int aliases)
{
    const char *words = "";
    for (const cli_command *child = command->subcommands; child && child->name; child++) {
        if (!aliases)
            words = word_append(arena, words, child->name);
        for (size_t i = 0; aliases && child->aliases && child->aliases[i]; i++)
            words = word_append(arena, words, child->aliases[i]);
    }
    return words;
}

const char *completion_quote(celm_arena *arena, const char *text, completion_quoting quoting)
{
    static const char *const quote_escapes[] = {"'\\''", "\\'", "''"};
    const char *escape = quote_escapes[quoting];
    size_t size = 3;
    for (const char *c = text; *c; c++)
        size += *c == '\'' ? strlen(escape) : (*c == '\\' && quoting == COMPLETION_QUOTE_FISH) ? 2 : 1;
    char *quoted = celm_arena_alloc(arena, size), *out = quoted;
    if (!quoted)
        return "''";
    *out++ = '\'';
    for (const char *c = text; *c; c++) {
        if (*c == '\'') {
            memcpy(out, escape, strlen(escape));
            out += strlen(escape);
        } else {
            if (*c == '\\' && quoting == COMPLETION_QUOTE_FISH)
                *out++ = '\\';
            *out++ = *c;
        }
    }
    *out++ = '\'';
    *out = '\0';
    return quoted;
}

static int add_nodes(completion_tree *tree, const cli_command **path, size_t depth, size_t capacity)
{
    const cli_command *command = path[depth - 1];
    cli_flag_set flags;
    /* built as a subcommand's so that the local part holds only the command's own flags */
    if (tree->count == capacity || cli_flag_set_build(&flags, tree->arena, command, 0) != 0)
        return -1;
    completion_node *node = &tree->nodes[tree->count++];
    node->command = command;
    node->path_text = cli_command_path_text(tree->arena, path, depth);
    node->local_flags = flag_words(tree->arena, flags.entries, flags.local_count, 0);
    node->local_value_flags = flag_words(tree->arena, flags.entries, flags.local_count, 1);
    for (const cli_command *child = command->subcommands; child && child->name && depth < CLI_MAX_DEPTH; child++) {
        path[depth] = child;
        if (add_nodes(tree, path, depth + 1, capacity) != 0)
            return -1;
    }
    return 0;
}

static int tree_build(completion_tree *tree, celm_arena *arena, int descriptions)
{
    enum { MOST_COMMANDS = 128 };
    const cli_command *path[CLI_MAX_DEPTH] = {cli_root_command()};
    memset(tree, 0, sizeof *tree);
    tree->arena = arena;
    tree->descriptions = descriptions;
    tree->nodes = celm_arena_alloc(arena, MOST_COMMANDS * sizeof *tree->nodes);
    if (!tree->nodes || add_nodes(tree, path, 1, MOST_COMMANDS) != 0)
        return -1;
    cli_flag_set globals;
    const cli_command no_flags = {0};
    if (cli_flag_set_build(&globals, arena, &no_flags, 0) != 0)
        return -1;
    size_t global_count = globals.count - globals.local_count;
    tree->global_flags = flag_words(arena, globals.entries + globals.local_count, global_count, 0);
    tree->global_value_flags = flag_words(arena, globals.entries + globals.local_count, global_count, 1);
    return 0;
}

const completion_choice *completion_choices(const completion_tree *tree, size_t *count)
{
    enum { MOST_CHOICES = 32 };
    completion_choice *choices = celm_arena_alloc(tree->arena, MOST_CHOICES * sizeof *choices);
    const char **seen = celm_arena_alloc(tree->arena, MOST_CHOICES * sizeof *seen);
    *count = 0;
    for (size_t n = 0; choices && seen && n < tree->count; n++) {
        cli_flag_set flags;
        if (cli_flag_set_build(&flags, tree->arena, tree->nodes[n].command, 0) != 0)
            break;
        for (size_t i = 0; i < flags.count && *count < MOST_CHOICES; i++) {
            const cli_flag *flag = flags.entries[i].flag;
            size_t known = 0;
            while (known < *count && strcmp(seen[known], flag->name) != 0)
                known++;
            if (!flag->choices || known < *count)
                continue;
            seen[*count] = flag->name;
            choices[*count].flag_words = flag_words(tree->arena, &flags.entries[i], 1, 0);
            choices[(*count)++].values = flag->choices;
        }
    }
    return choices;
}

int cli_completion_command(const cli_invocation *invocation)
{
    completion_tree tree;
    if (tree_build(&tree, invocation->arena, !cli_flag_is_true(invocation, "no-descriptions")) != 0)
        return cli_fail("out of memory");
    const char *shell = invocation->command->name;
    if (strcmp(shell, "bash") == 0)
        completion_write_bash(stdout, &tree);
    else if (strcmp(shell, "zsh") == 0)
        completion_write_zsh(stdout, &tree);
    else if (strcmp(shell, "fish") == 0)
        completion_write_fish(stdout, &tree);
    else
        completion_write_powershell(stdout, &tree);
    return 0;
}
