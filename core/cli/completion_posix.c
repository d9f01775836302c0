/* completion_posix.c: the bash and zsh completion scripts, which share their table functions. */
#include <string.h>

#include "completion.h"

typedef const char *(*node_words)(const completion_tree *tree, const completion_node *node);

static const char *children_words(const completion_tree *tree, const completion_node *node)
{
    return completion_children(tree->arena, node->command, 0);
}

static const char *alias_words(const completion_tree *tree, const completion_node *node)
{
    return completion_children(tree->arena, node->command, 1);
}

static const char *flag_words(const completion_tree *tree, const completion_node *node)
{
    (void)tree;
    return node->local_flags;
}

static const char *value_flag_words(const completion_tree *tree, const completion_node *node)
{
    (void)tree;
    return node->local_value_flags;
}

/* A function that prints a word list per command path, then `always` (words every path has). */
static void write_words_function(FILE *out, const completion_tree *tree, const char *name, node_words words,
                                 const char *always)
{
    fprintf(out, "%s() {\n    case \"$1\" in\n", name);
    for (size_t i = 0; i < tree->count; i++) {
        const char *list = words(tree, &tree->nodes[i]);
        if (*list)
            fprintf(out, "        %s) echo %s ;;\n", completion_quote(tree->arena, tree->nodes[i].path_text,
                                                                     COMPLETION_QUOTE_SH),
                    completion_quote(tree->arena, list, COMPLETION_QUOTE_SH));
    }
    fputs("    esac\n", out);
    if (always && *always)
        fprintf(out, "    echo %s\n", completion_quote(tree->arena, always, COMPLETION_QUOTE_SH));
    fputs("}\n\n", out);
}

/* __celm_child PATH WORD prints the command WORD names (or aliases) under PATH. */
static void write_child_function(FILE *out, const completion_tree *tree)
{
    fputs("__celm_child() {\n    case \"$1/$2\" in\n", out);
    for (size_t i = 0; i < tree->count; i++) {
        const completion_node *node = &tree->nodes[i];
        for (const cli_command *child = node->command->subcommands; child && child->name; child++) {
            fprintf(out, "        '%s/%s'", node->path_text, child->name);
            for (size_t a = 0; child->aliases && child->aliases[a]; a++)
                fprintf(out, "|'%s/%s'", node->path_text, child->aliases[a]);
            fprintf(out, ") echo %s ;;\n", child->name);
        }
    }
    fputs("    esac\n}\n\n", out);
}

static void write_choices_function(FILE *out, const completion_tree *tree)
{
    size_t count;
    const completion_choice *choices = completion_choices(tree, &count);
    fputs("__celm_choices() {\n    case \"$1\" in\n", out);
    for (size_t i = 0; i < count; i++) {
        fputs("        ", out);
        const char *words = choices[i].flag_words;
        while (*words) {
            size_t len = strcspn(words, " ");
            fprintf(out, "%s'%.*s'", words == choices[i].flag_words ? "" : "|", (int)len, words);
            words += len + (words[len] == ' ');
        }
        fprintf(out, ") echo '%s' ;;\n", choices[i].values);
    }
    fputs("    esac\n}\n\n", out);
}

/* The table functions and the command line walk, in syntax both bash and zsh read. */
static void write_shared(FILE *out, const completion_tree *tree)
{
    write_child_function(out, tree);
    write_words_function(out, tree, "__celm_children", children_words, NULL);
    write_words_function(out, tree, "__celm_aliases", alias_words, NULL);
    write_words_function(out, tree, "__celm_flags", flag_words, tree->global_flags);
    write_words_function(out, tree, "__celm_value_flags", value_flag_words, tree->global_value_flags);
    write_choices_function(out, tree);
    fputs("__celm_takes_value() {\n"
          "    local flag\n"
          "    for flag in $(__celm_value_flags \"$1\"); do\n"
          "        [[ $flag == \"$2\" ]] && return 0\n"
          "    done\n"
          "    return 1\n"
          "}\n\n"
          "# Sets __celm_path to the command the words name and __celm_flag to a flag still waiting for\n"
          "# its value; flags and their values are skipped as celm itself skips them.\n"
          "__celm_walk() {\n"
          "    local word child expect=0\n"
          "    __celm_path=celm\n"
          "    __celm_flag=\n"
          "    for word in \"$@\"; do\n"
          "        if ((expect)); then expect=0; __celm_flag=; continue; fi\n"
          "        case \"$word\" in\n"
          "            --) break ;;\n"
          "            -*=*) ;;\n"
          "            -*) if __celm_takes_value \"$__celm_path\" \"$word\"; then expect=1; __celm_flag=$word; fi ;;\n"
          "            *) child=$(__celm_child \"$__celm_path\" \"$word\")\n"
          "               if [[ -n $child ]]; then __celm_path=\"$__celm_path $child\"; fi ;;\n"
          "        esac\n"
          "    done\n"
          "}\n\n", out);
}

void completion_write_bash(FILE *out, const completion_tree *tree)
{
    fputs("# bash completion for celm                                 -*- shell-script -*-\n"
          "# Made by \"celm completion bash\" from celm's command table.\n\n", out);
    write_shared(out, tree);
    fputs("__celm_complete_value() {\n"
          "    local choices\n"
          "    choices=$(__celm_choices \"$1\")\n"
          "    if [[ -n $choices ]]; then\n"
          "        COMPREPLY=($(compgen -W \"$choices\" -- \"$2\"))\n"
          "    else\n"
          "        COMPREPLY=($(compgen -f -- \"$2\"))\n"
          "    fi\n"
          "}\n\n"
          "# Words are split at blanks only, so \"--flag=value\" stays one word whatever COMP_WORDBREAKS is.\n"
          "_celm() {\n"
          "    local line=\"${COMP_LINE:0:COMP_POINT}\" current=\"\"\n"
          "    local -a words\n"
          "    read -ra words <<< \"$line\"\n"
          "    if [[ $line != *[[:space:]] && ${#words[@]} -gt 1 ]]; then\n"
          "        current=${words[${#words[@]}-1]}\n"
          "        unset 'words[${#words[@]}-1]'\n"
          "    fi\n"
          "    __celm_walk \"${words[@]:1}\"\n"
          "    COMPREPLY=()\n"
          "    if [[ -n $__celm_flag ]]; then\n"
          "        __celm_complete_value \"$__celm_flag\" \"$current\"\n"
          "        return\n"
          "    fi\n"
          "    case \"$current\" in\n"
          "        -*=*) __celm_complete_value \"${current%%=*}\" \"${current#*=}\"; return ;;\n"
          "        -*) COMPREPLY=($(compgen -W \"$(__celm_flags \"$__celm_path\")\" -- \"$current\")); return ;;\n"
          "    esac\n"
          "    COMPREPLY=($(compgen -W \"$(__celm_children \"$__celm_path\")\" -- \"$current\"))\n"
          "    if ((${#COMPREPLY[@]} == 0)); then\n"
          "        COMPREPLY=($(compgen -W \"$(__celm_aliases \"$__celm_path\")\" -- \"$current\"))\n"
          "    fi\n"
          "}\n\n"
          "complete -o default -F _celm celm\n", out);
}

/* zsh's _describe takes "name:description" entries. */
static void write_describe_function(FILE *out, const completion_tree *tree)
{
    fputs("__celm_describe() {\n    case \"$1\" in\n", out);
    for (size_t i = 0; i < tree->count; i++) {
        const completion_node *node = &tree->nodes[i];
        if (!node->command->subcommands)
            continue;
        fprintf(out, "        %s) print -rl --", completion_quote(tree->arena, node->path_text, COMPLETION_QUOTE_SH));
        for (const cli_command *child = node->command->subcommands; child->name; child++) {
            const char *entry = tree->descriptions
                ? celm_arena_printf(tree->arena, "%s:%s", child->name, child->short_description)
                : child->name;
            fprintf(out, " %s", completion_quote(tree->arena, entry, COMPLETION_QUOTE_SH));
        }
        fputs(" ;;\n", out);
    }
    fputs("    esac\n}\n\n", out);
}

void completion_write_zsh(FILE *out, const completion_tree *tree)
{
    fputs("#compdef celm\n"
          "# zsh completion for celm, made by \"celm completion zsh\" from celm's command table.\n\n", out);
    write_shared(out, tree);
    write_describe_function(out, tree);
    fputs("__celm_complete_value() {\n"
          "    local -a choices\n"
          "    choices=(${=$(__celm_choices \"$1\")})\n"
          "    if (( ${#choices} )); then compadd -- $choices; else _files; fi\n"
          "}\n\n"
          "_celm() {\n"
          "    local current=${words[CURRENT]}\n"
          "    __celm_walk \"${(@)words[2,CURRENT-1]}\"\n"
          "    if [[ -n $__celm_flag ]]; then\n"
          "        __celm_complete_value \"$__celm_flag\"\n"
          "        return\n"
          "    fi\n"
          "    case $current in\n"
          "        -*=*) compset -P '*='; __celm_complete_value \"${current%%=*}\"; return ;;\n"
          "        -*) local -a flags; flags=(${=$(__celm_flags \"$__celm_path\")}); compadd -- $flags; return ;;\n"
          "    esac\n"
          "    local -a entries\n"
          "    entries=(\"${(@f)$(__celm_describe \"$__celm_path\")}\")\n"
          "    if [[ -n ${entries[1]} ]]; then\n"
          "        _describe -t commands 'celm command' entries\n"
          "    else\n"
          "        _files\n"
          "    fi\n"
          "}\n\n"
          "if [[ $funcstack[1] == _celm ]]; then\n"
          "    _celm \"$@\"\n"
          "else\n"
          "    compdef _celm celm\n"
          "fi\n", out);
}
