/* cli_dispatch.c: finding the command a command line names, checking it, and running it (cobra's Execute). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

const cli_command *cli_subcommand_find(const cli_command *parent, const char *word)
{
    for (const cli_command *child = parent->subcommands; child && child->name; child++) {
        if (strcmp(child->name, word) == 0)
            return child;
        for (size_t i = 0; child->aliases && child->aliases[i]; i++)
            if (strcmp(child->aliases[i], word) == 0)
                return child;
    }
    return NULL;
}

const char *cli_command_path_text(celm_arena *arena, const cli_command *const *path, size_t depth)
{
    const char *text = path[0]->name;
    for (size_t i = 1; i < depth; i++)
        text = celm_arena_printf(arena, "%s %s", text, path[i]->name);
    return text;
}

const char *cli_use_line(celm_arena *arena, const cli_command *const *path, size_t depth)
{
    const char *usage = path[depth - 1]->usage;
    return celm_arena_printf(arena, "%s%s%s [flags]", cli_command_path_text(arena, path, depth),
                             usage && *usage ? " " : "", usage ? usage : "");
}

/* Index of the first word that is neither a flag nor a flag's value (cobra's stripFlags), or -1. */
static long first_command_word(const cli_flag_set *flags, char **args, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const char *argument = args[i];
        if (strcmp(argument, "--") == 0)
            return -1;
        if (argument[0] == '-') {
            if (cli_flag_takes_next_argument(flags, argument))
                i++;
        } else if (argument[0]) {
            return (long)i;
        }
    }
    return -1;
}

/* Levenshtein distance, ignoring case, as cobra measures it for suggestions. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t b_len = strlen(b), row[64];
    if (b_len >= sizeof row / sizeof row[0])
        return (size_t)-1;
    for (size_t j = 0; j <= b_len; j++)
        row[j] = j;
    for (size_t i = 1; a[i - 1]; i++) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b_len; j++) {
            size_t above = row[j];
            size_t cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
            size_t best = diagonal + cost;
            if (above + 1 < best)
                best = above + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diagonal = above;
        }
    }
    return row[b_len];
}

static int has_prefix_ignoring_case(const char *text, const char *prefix)
{
    for (; *prefix; text++, prefix++)
        if (tolower((unsigned char)*text) != tolower((unsigned char)*prefix))
            return 0;
    return 1;
}

/* cobra: unknown command, "Did you mean this?" with close names, and where to find usage. */
static int unknown_command(const cli_command *root, const char *word)
{
    char quoted[CLI_REASON_SIZE];
    cli_go_quote(word, quoted, sizeof quoted);
    fprintf(stderr, "Error: unknown command %s for \"%s\"\n", quoted, root->name);
    int suggested = 0;
    for (const cli_command *child = root->subcommands; child->name; child++) {
        if (strcmp(child->name, "help") == 0)
            continue;
        if (edit_distance(word, child->name) <= 2 || has_prefix_ignoring_case(child->name, word)) {
            fprintf(stderr, "%s\t%s\n", suggested ? "" : "\nDid you mean this?\n", child->name);
            suggested = 1;
        }
    }
    fprintf(stderr, "%sRun '%s --help' for usage.\n", suggested ? "\n" : "", root->name);
    return 1;
}

/* Walks argv down the command tree; leaves the words that are not command names in `args`. */
static int find_command(cli_invocation *invocation, char **args, size_t *count)
{
    const cli_command *command = cli_root_command();
    invocation->path[0] = command;
    invocation->depth = 1;
    while (command->subcommands && invocation->depth < CLI_MAX_DEPTH) {
        cli_flag_set flags;
        if (cli_flag_set_build(&flags, invocation->arena, command, invocation->depth == 1) != 0)
            return cli_fail("out of memory");
        long word = first_command_word(&flags, args, *count);
        if (word < 0)
            break;
        const cli_command *next = cli_subcommand_find(command, args[word]);
        if (!next && invocation->depth == 1)
            return unknown_command(command, args[word]);
        if (!next)
            break;
        memmove(&args[word], &args[word + 1], (*count - (size_t)word - 1) * sizeof *args);
        (*count)--;
        invocation->path[invocation->depth++] = command = next;
    }
    invocation->command = command;
    return 0;
}

/* helm's cmd/require wording, followed by the use line. */
static int check_arity(const cli_invocation *invocation)
{
    cli_arity arity = invocation->command->arity;
    int given = (int)invocation->argument_count;
    const char *what = NULL;
    if (arity.kind == CLI_ARGS_NONE && given > 0)
        what = "accepts no arguments";
    else if (arity.kind == CLI_ARGS_EXACTLY && given != arity.count)
        what = "requires";
    else if (arity.kind == CLI_ARGS_AT_LEAST && given < arity.count)
        what = "requires at least";
    else if (arity.kind == CLI_ARGS_AT_MOST && given > arity.count)
        what = "accepts at most";
    if (!what)
        return 0;
    const char *path = cli_command_path_text(invocation->arena, invocation->path, invocation->depth);
    const char *use = cli_use_line(invocation->arena, invocation->path, invocation->depth);
    if (arity.kind == CLI_ARGS_NONE)
        return cli_fail("\"%s\" %s\n\nUsage:  %s", path, what, use);
    return cli_fail("\"%s\" %s %d argument%s\n\nUsage:  %s", path, what, arity.count,
                    arity.count == 1 ? "" : "s", use);
}

static int dispatch(cli_invocation *invocation, char **args, size_t count)
{
    char reason[CLI_REASON_SIZE];
    int status = find_command(invocation, args, &count);
    if (status != 0 || !invocation->command)
        return status ? status : 1;
    const cli_command *command = invocation->command;
    if (cli_flag_set_build(&invocation->flags, invocation->arena, command, invocation->depth == 1) != 0)
        return cli_fail("out of memory");
    if (cli_flags_parse(&invocation->flags, invocation->arena, args, count, &invocation->arguments,
                        &invocation->argument_count, reason, sizeof reason) != 0)
        return cli_fail("%s", reason);
    if (cli_flag_is_true(invocation, "help") || !command->handler) {
        cli_help_print(stdout, invocation->arena, invocation->path, invocation->depth);
        return 0;
    }
    if ((status = check_arity(invocation)) != 0)
        return status;
    if (cli_settings_resolve(invocation->settings, &invocation->flags, reason, sizeof reason) != 0)
        return cli_fail("%s", reason);
    return command->handler(invocation);
}

int cli_run(int argc, char **argv)
{
    cli_settings settings;
    cli_invocation invocation;
    memset(&invocation, 0, sizeof invocation);
    invocation.program = argc > 0 ? argv[0] : CLI_PROGRAM_NAME;
    invocation.settings = &settings;
    invocation.arena = celm_arena_create();
    if (!invocation.arena)
        return cli_fail("out of memory");
    /* find_command removes words from the list, so it works on a copy of argv */
    size_t count = argc > 1 ? (size_t)argc - 1 : 0;
    char **args = celm_arena_alloc(invocation.arena, (count + 1) * sizeof *args);
    int status = 1;
    if (args) {
        memcpy(args, argv + 1, count * sizeof *args);
        status = dispatch(&invocation, args, count);
    }
    fflush(stdout);
    celm_arena_destroy(invocation.arena);
    return status;
}
