/* completion_powershell.c: the PowerShell completion script, an argument completer holding the tables. */
#include <string.h>

#include "completion.h"

static const char *quoted(const completion_tree *tree, const char *text)
{
    return completion_quote(tree->arena, text, COMPLETION_QUOTE_POWERSHELL);
}

/* A space separated word list as a PowerShell array literal. */
static void write_array(FILE *out, const completion_tree *tree, const char *words)
{
    fputs("@(", out);
    int first = 1;
    while (*words) {
        size_t len = strcspn(words, " ");
        const char *word = celm_arena_strndup(tree->arena, words, len);
        fprintf(out, "%s%s", first ? "" : ", ", quoted(tree, word));
        first = 0;
        words += len + (words[len] == ' ');
    }
    fputc(')', out);
}

static void write_tables(FILE *out, const completion_tree *tree)
{
    fputs("    $children = @{\n", out);
    for (size_t i = 0; i < tree->count; i++) {
        const completion_node *node = &tree->nodes[i];
        if (!node->command->subcommands)
            continue;
        /* "name<TAB>description" strings: nested arrays would flatten when a group has one child */
        fprintf(out, "        %s = @(", quoted(tree, node->path_text));
        for (const cli_command *child = node->command->subcommands; child->name; child++) {
            const char *entry = tree->descriptions
                ? celm_arena_printf(tree->arena, "%s\t%s", child->name, child->short_description)
                : child->name;
            fprintf(out, "%s%s", child == node->command->subcommands ? "" : ", ", quoted(tree, entry));
        }
        fputs(")\n", out);
    }
    fputs("    }\n    $childOf = @{\n", out);
    for (size_t i = 0; i < tree->count; i++)
        for (const cli_command *child = tree->nodes[i].command->subcommands; child && child->name; child++) {
            const char *prefix = tree->nodes[i].path_text;
            fprintf(out, "        '%s/%s' = '%s'\n", prefix, child->name, child->name);
            for (size_t a = 0; child->aliases && child->aliases[a]; a++)
                fprintf(out, "        '%s/%s' = '%s'\n", prefix, child->aliases[a], child->name);
        }
    fputs("    }\n    $flags = @{\n", out);
    for (size_t i = 0; i < tree->count; i++) {
        fprintf(out, "        %s = ", quoted(tree, tree->nodes[i].path_text));
        write_array(out, tree, tree->nodes[i].local_flags);
        fputs("\n", out);
    }
    fputs("    }\n    $valueFlags = @{\n", out);
    for (size_t i = 0; i < tree->count; i++) {
        fprintf(out, "        %s = ", quoted(tree, tree->nodes[i].path_text));
        write_array(out, tree, tree->nodes[i].local_value_flags);
        fputs("\n", out);
    }
    fputs("    }\n    $globalFlags = ", out);
    write_array(out, tree, tree->global_flags);
    fputs("\n    $globalValueFlags = ", out);
    write_array(out, tree, tree->global_value_flags);
    fputs("\n", out);
}

/* Hashtable keys ignore case in PowerShell, so choices are looked up by long name only. */
static void write_choices(FILE *out, const completion_tree *tree)
{
    size_t count;
    const completion_choice *choices = completion_choices(tree, &count);
    fputs("    $choices = @{\n", out);
    for (size_t i = 0; i < count; i++) {
        size_t len = strcspn(choices[i].flag_words, " ");
        fprintf(out, "        '%.*s' = ", (int)len, choices[i].flag_words);
        write_array(out, tree, choices[i].values);
        fputs("\n", out);
    }
    fputs("    }\n    $shortChoices = @{ '-o' = $choices['--output'] }\n", out);
}

void completion_write_powershell(FILE *out, const completion_tree *tree)
{
    fputs("# powershell completion for celm, made by \"celm completion powershell\" from celm's command table.\n\n"
          "Register-ArgumentCompleter -CommandName 'celm' -Native -ScriptBlock {\n"
          "    param($WordToComplete, $CommandAst, $CursorPosition)\n\n", out);
    write_tables(out, tree);
    write_choices(out, tree);
    fputs("\n"
          "    # Walk the words before the one being completed, skipping flags and their values.\n"
          "    $limit = $CursorPosition - $WordToComplete.Length\n"
          "    $path = 'celm'\n"
          "    $pending = ''\n"
          "    $words = @($CommandAst.CommandElements | Where-Object { $_.Extent.StartOffset -lt $limit } |\n"
          "        Select-Object -Skip 1 | ForEach-Object { $_.ToString() })\n"
          "    foreach ($word in $words) {\n"
          "        if ($pending) { $pending = ''; continue }\n"
          "        if ($word -eq '--') { break }\n"
          "        if ($word -like '-*=*') { continue }\n"
          "        if ($word -like '-*') {\n"
          "            if ((@($valueFlags[$path]) + @($globalValueFlags)) -ccontains $word) { $pending = $word }\n"
          "            continue\n"
          "        }\n"
          "        $child = $childOf[\"$path/$word\"]\n"
          "        if ($child) { $path = \"$path $child\" }\n"
          "    }\n\n"
          "    $candidates = @()\n"
          "    if ($pending) {\n"
          "        $candidates = @($choices[$pending]) + @($shortChoices[$pending])\n"
          "    } elseif ($WordToComplete -like '-*') {\n"
          "        $candidates = @($flags[$path]) + @($globalFlags)\n"
          "    } elseif ($children.ContainsKey($path)) {\n"
          "        $candidates = @($children[$path])\n"
          "    }\n"
          "    foreach ($candidate in $candidates) {\n"
          "        if (-not $candidate) { continue }\n"
          "        $parts = $candidate -split \"`t\", 2\n"
          "        $text = $parts[0]\n"
          "        $tip = if ($parts.Count -gt 1) { $parts[1] } else { $text }\n"
          "        if ($text -clike \"$WordToComplete*\") {\n"
          "            [System.Management.Automation.CompletionResult]::new($text, $text, 'ParameterValue', $tip)\n"
          "        }\n"
          "    }\n"
          "}\n", out);
}
