/* cli_help.c: help and usage text laid out as cobra and pflag lay it out, and `celm help`. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* cobra pads command names in listings to at least this width. */
#define COMMAND_NAME_PADDING 11

typedef struct flag_row {
    const cli_flag *flag;
    const char *prefix;     /* "  -n, --namespace string" */
    const char *usage;
} flag_row;

static int compare_rows(const void *a, const void *b)
{
    return strcmp(((const flag_row *)a)->flag->name, ((const flag_row *)b)->flag->name);
}

static int compare_commands(const void *a, const void *b)
{
    return strcmp((*(const cli_command *const *)a)->name, (*(const cli_command *const *)b)->name);
}

/* pflag's "[=value]" note for flags that may be given without a value. */
static const char *bare_note(celm_arena *arena, const cli_flag *flag)
{
    const char *type = cli_flag_type_name(flag);
    if (flag->value_when_bare && strcmp(type, "string") == 0)
        return celm_arena_printf(arena, "[=\"%s\"]", flag->value_when_bare);
    if (flag->value_when_bare && strcmp(flag->value_when_bare, "true") != 0)
        return celm_arena_printf(arena, "[=%s]", flag->value_when_bare);
    return "";
}

static flag_row make_row(celm_arena *arena, const cli_flag *flag, const char *command_name)
{
    flag_row row = {flag, NULL, NULL};
    const char *type = cli_flag_type_name(flag);
    if (flag->shorthand)
        row.prefix = celm_arena_printf(arena, "  -%c, --%s", flag->shorthand, flag->name);
    else
        row.prefix = celm_arena_printf(arena, "      --%s", flag->name);
    row.prefix = celm_arena_printf(arena, "%s%s%s%s", row.prefix, *type ? " " : "", type,
                                   bare_note(arena, flag));
    if (!flag->usage)
        return row.usage = celm_arena_printf(arena, "help for %s", command_name), row;
    const char *default_value = cli_flag_default(flag);
    if (cli_flag_default_is_zero(flag, default_value)) {
        row.usage = flag->usage;
    } else if (strcmp(type, "string") == 0) {
        char quoted[CLI_REASON_SIZE];
        cli_go_quote(default_value, quoted, sizeof quoted);
        row.usage = celm_arena_printf(arena, "%s (default %s)", flag->usage, quoted);
    } else {
        row.usage = celm_arena_printf(arena, "%s (default %s)", flag->usage, default_value);
    }
    return row;
}

/* pflag's FlagUsages: sorted by name, descriptions aligned three spaces past the longest prefix. */
static void print_flag_rows(FILE *out, celm_arena *arena, const cli_flag_value *entries, size_t count,
                            const char *command_name, int with_help_flag)
{
    flag_row *rows = celm_arena_alloc(arena, (count ? count : 1) * sizeof *rows);
    size_t row_count = 0, widest = 0;
    for (size_t i = 0; rows && i < count; i++) {
        if ((!with_help_flag && strcmp(entries[i].flag->name, "help") == 0) || entries[i].flag->deprecated)
            continue;
        rows[row_count] = make_row(arena, entries[i].flag, command_name);
        size_t width = strlen(rows[row_count++].prefix);
        if (width > widest)
            widest = width;
    }
    if (row_count)
        qsort(rows, row_count, sizeof *rows, compare_rows);
    for (size_t i = 0; i < row_count; i++)
        fprintf(out, "%s%*s   %s\n", rows[i].prefix, (int)(widest - strlen(rows[i].prefix)), "",
                rows[i].usage);
}

static void print_subcommands(FILE *out, const cli_command *command)
{
    const cli_command *sorted[64];
    size_t count = 0;
    for (const cli_command *child = command->subcommands; child->name && count < 64; child++)
        sorted[count++] = child;
    qsort(sorted, count, sizeof *sorted, compare_commands);
    fputs("\n\nAvailable Commands:", out);
    for (size_t i = 0; i < count; i++)
        fprintf(out, "\n  %-*s %s", COMMAND_NAME_PADDING, sorted[i]->name, sorted[i]->short_description);
}

static void print_aliases(FILE *out, const cli_command *command)
{
    if (!command->aliases)
        return;
    fprintf(out, "\n\nAliases:\n  %s", command->name);
    for (size_t i = 0; command->aliases[i]; i++)
        fprintf(out, ", %s", command->aliases[i]);
}

void cli_usage_print(FILE *out, celm_arena *arena, const cli_command *const *path, size_t depth,
                     int with_help_flag)
{
    const cli_command *command = path[depth - 1];
    const char *command_path = cli_command_path_text(arena, path, depth);
    cli_flag_set flags;
    if (cli_flag_set_build(&flags, arena, command, depth == 1) != 0)
        return;
    fputs("Usage:", out);
    if (command->handler)
        fprintf(out, "\n  %s", cli_use_line(arena, path, depth));
    if (command->subcommands)
        fprintf(out, "\n  %s [command]", command_path);
    print_aliases(out, command);
    if (command->subcommands)
        print_subcommands(out, command);
    fputs("\n\nFlags:\n", out);
    print_flag_rows(out, arena, flags.entries, flags.local_count, command->name, with_help_flag);
    if (flags.local_count < flags.count) {
        fputs("\nGlobal Flags:\n", out);
        print_flag_rows(out, arena, flags.entries + flags.local_count, flags.count - flags.local_count,
                        command->name, with_help_flag);
    }
    if (command->subcommands)
        fprintf(out, "\nUse \"%s [command] --help\" for more information about a command.\n", command_path);
}

void cli_help_print(FILE *out, celm_arena *arena, const cli_command *const *path, size_t depth)
{
    const cli_command *command = path[depth - 1];
    const char *text = command->long_description ? command->long_description : command->short_description;
    size_t len = strlen(text);
    while (len > 0 && strchr(" \t\n", text[len - 1]))
        len--;
    fprintf(out, "%.*s\n\n", (int)len, text);
    cli_usage_print(out, arena, path, depth, 1);
}

/* cobra prints the topics it could not find as Go's %#q of a string list: [`a` `b`]. */
static int unknown_help_topic(const cli_invocation *invocation)
{
    const cli_command *root = cli_root_command();
    fputs("Unknown help topic [", stderr);
    for (size_t i = 0; i < invocation->argument_count; i++)
        fprintf(stderr, "%s`%s`", i ? " " : "", invocation->arguments[i]);
    fputs("]\n", stderr);
    cli_usage_print(stderr, invocation->arena, &root, 1, 0);
    return 0;
}

int cli_help_command(const cli_invocation *invocation)
{
    const cli_command *path[CLI_MAX_DEPTH] = {cli_root_command()};
    size_t depth = 1;
    for (size_t i = 0; i < invocation->argument_count && depth < CLI_MAX_DEPTH; i++) {
        if (!invocation->arguments[i][0])
            continue;   /* cobra drops empty words while looking for commands */
        const cli_command *next = cli_subcommand_find(path[depth - 1], invocation->arguments[i]);
        if (!next && depth == 1 && path[0]->subcommands)
            return unknown_help_topic(invocation);
        if (!next)
            break;
        path[depth++] = next;
    }
    cli_help_print(stdout, invocation->arena, path, depth);
    return 0;
}
