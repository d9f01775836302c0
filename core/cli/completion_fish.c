/* completion_fish.c: the fish completion script: one `complete` line per command and flag. */
#include <string.h>

#include "completion.h"

static const char *quoted(const completion_tree *tree, const char *text)
{
    return completion_quote(tree->arena, text, COMPLETION_QUOTE_FISH);
}

static void write_child_function(FILE *out, const completion_tree *tree)
{
    fputs("function __celm_child\n    switch \"$argv[1]/$argv[2]\"\n", out);
    for (size_t i = 0; i < tree->count; i++) {
        const completion_node *node = &tree->nodes[i];
        for (const cli_command *child = node->command->subcommands; child && child->name; child++) {
            fprintf(out, "        case '%s/%s'", node->path_text, child->name);
            for (size_t a = 0; child->aliases && child->aliases[a]; a++)
                fprintf(out, " '%s/%s'", node->path_text, child->aliases[a]);
            fprintf(out, "\n            echo %s\n", child->name);
        }
    }
    fputs("    end\nend\n\n", out);
}

static void write_value_flags_function(FILE *out, const completion_tree *tree)
{
    fputs("function __celm_value_flags\n    switch \"$argv[1]\"\n", out);
    for (size_t i = 0; i < tree->count; i++)
        if (*tree->nodes[i].local_value_flags)
            fprintf(out, "        case %s\n            string split ' ' -- %s\n", quoted(tree, tree->nodes[i].path_text),
                    quoted(tree, tree->nodes[i].local_value_flags));
    fprintf(out, "    end\n    string split ' ' -- %s\nend\n\n", quoted(tree, tree->global_value_flags));
}

static void write_walk_functions(FILE *out)
{
    fputs("# The command the words typed so far name; flags and their values are skipped as celm skips them.\n"
          "function __celm_path\n"
          "    set -l path celm\n"
          "    set -l expect 0\n"
          "    set -l words (commandline -opc)\n"
          "    set -e words[1]\n"
          "    for word in $words\n"
          "        if test $expect = 1\n"
          "            set expect 0\n"
          "            continue\n"
          "        end\n"
          "        switch $word\n"
          "            case '--'\n"
          "                break\n"
          "            case '-*=*'\n"
          "            case '-*'\n"
          "                if contains -- $word (__celm_value_flags $path)\n"
          "                    set expect 1\n"
          "                end\n"
          "            case '*'\n"
          "                set -l child (__celm_child $path $word)\n"
          "                if test -n \"$child\"\n"
          "                    set path \"$path $child\"\n"
          "                end\n"
          "        end\n"
          "    end\n"
          "    echo $path\n"
          "end\n\n"
          "function __celm_at\n"
          "    test (__celm_path) = \"$argv[1]\"\n"
          "end\n\n", out);
}

/* `complete` options for one flag: its names, whether it takes a value, its choices, its text. */
static void write_flag(FILE *out, const completion_tree *tree, const char *condition, const cli_flag *flag,
                       const char *command_name)
{
    fputs("complete -c celm", out);
    if (condition)
        fprintf(out, " -n %s", quoted(tree, condition));
    if (flag->shorthand)
        fprintf(out, " -s %c", flag->shorthand);
    fprintf(out, " -l %s", flag->name);
    int takes_value = flag->kind != CLI_FLAG_BOOL && !flag->value_when_bare;
    if (flag->choices)
        fprintf(out, " -x -a %s", quoted(tree, flag->choices));
    else if (takes_value)
        fputs(" -r", out);
    if (tree->descriptions) {
        const char *usage = flag->usage ? flag->usage
                                        : celm_arena_printf(tree->arena, "help for %s", command_name);
        fprintf(out, " -d %s", quoted(tree, usage));
    }
    fputc('\n', out);
}

static void write_node(FILE *out, const completion_tree *tree, const completion_node *node)
{
    const char *condition = celm_arena_printf(tree->arena, "__celm_at %s", quoted(tree, node->path_text));
    for (const cli_command *child = node->command->subcommands; child && child->name; child++) {
        fprintf(out, "complete -c celm -f -n %s -a %s", quoted(tree, condition), quoted(tree, child->name));
        if (tree->descriptions)
            fprintf(out, " -d %s", quoted(tree, child->short_description));
        fputc('\n', out);
    }
    cli_flag_set flags;
    if (cli_flag_set_build(&flags, tree->arena, node->command, 0) != 0)
        return;
    for (size_t i = 0; i < flags.local_count; i++)
        if (!flags.entries[i].flag->deprecated)
            write_flag(out, tree, condition, flags.entries[i].flag, node->command->name);
}

void completion_write_fish(FILE *out, const completion_tree *tree)
{
    fputs("# fish completion for celm, made by \"celm completion fish\" from celm's command table.\n\n", out);
    write_child_function(out, tree);
    write_value_flags_function(out, tree);
    write_walk_functions(out);
    for (size_t i = 0; i < tree->count; i++)
        write_node(out, tree, &tree->nodes[i]);
    for (const cli_flag *flag = cli_global_flags; flag->name; flag++)
        write_flag(out, tree, NULL, flag, CLI_PROGRAM_NAME);
}
