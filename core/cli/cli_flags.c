/* cli_flags.c: reading a command line against one command's flags, the way pflag does. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* cobra gives every command its own -h/--help; help prints "help for <command>" as its usage. */
static const cli_flag help_flag = {.name = "help", .shorthand = 'h', .kind = CLI_FLAG_BOOL};

typedef struct parse_state {
    cli_flag_set *set;
    celm_arena *arena;
    char **args;
    size_t count;
    size_t next;
    char *reason;
    size_t reason_size;
} parse_state;

static size_t table_length(const cli_flag *table)
{
    size_t length = 0;
    while (table && table[length].name)
        length++;
    return length;
}

static void set_add(cli_flag_set *set, const cli_flag *flag)
{
    cli_flag_value *entry = &set->entries[set->count++];
    memset(entry, 0, sizeof *entry);
    entry->flag = flag;
    entry->value = cli_flag_default(flag);
}

int cli_flag_set_build(cli_flag_set *set, celm_arena *arena, const cli_command *command, int is_root)
{
    size_t total = 1 + table_length(cli_global_flags);
    for (size_t group = 0; command->flag_groups && command->flag_groups[group]; group++)
        total += table_length(command->flag_groups[group]);
    set->entries = celm_arena_alloc(arena, total * sizeof *set->entries);
    if (!set->entries)
        return -1;
    set->count = 0;
    for (size_t group = 0; command->flag_groups && command->flag_groups[group]; group++)
        for (const cli_flag *flag = command->flag_groups[group]; flag->name; flag++)
            set_add(set, flag);
    set_add(set, &help_flag);
    set->local_count = set->count;
    for (const cli_flag *flag = cli_global_flags; flag->name; flag++)
        set_add(set, flag);
    if (is_root)
        set->local_count = set->count;
    return 0;
}

static cli_flag_value *find_long(const cli_flag_set *set, const char *name, size_t len)
{
    for (size_t i = 0; i < set->count; i++) {
        const char *candidate = set->entries[i].flag->name;
        if (candidate[0] == name[0] && strncmp(candidate, name, len) == 0 && candidate[len] == '\0')
            return &set->entries[i];
    }
    return NULL;
}

static cli_flag_value *find_short(const cli_flag_set *set, char shorthand)
{
    for (size_t i = 0; i < set->count; i++)
        if (set->entries[i].flag->shorthand == shorthand)
            return &set->entries[i];
    return NULL;
}

const cli_flag_value *cli_flag_find(const cli_flag_set *set, const char *name)
{
    return find_long(set, name, strlen(name));
}

/* The value a flag takes when it is given without one (pflag's NoOptDefVal), or NULL. */
static const char *bare_value(const cli_flag *flag)
{
    if (flag->value_when_bare)
        return flag->value_when_bare;
    return flag->kind == CLI_FLAG_BOOL ? "true" : NULL;
}

int cli_flag_takes_next_argument(const cli_flag_set *set, const char *argument)
{
    if (argument[0] != '-' || strchr(argument, '='))
        return 0;
    const cli_flag_value *entry = NULL;
    if (argument[1] == '-')
        entry = cli_flag_find(set, argument + 2);
    else if (argument[1] && !argument[2])
        entry = find_short(set, argument[1]);
    else
        return 0;
    /* An unknown flag is assumed to take a value, as cobra assumes while finding the command. */
    return !entry || !bare_value(entry->flag);
}

const char *cli_flag_default(const cli_flag *flag)
{
    if (flag->computed_default)
        return flag->computed_default(flag);
    if (flag->default_value)
        return flag->default_value;
    switch (flag->kind) {
    case CLI_FLAG_BOOL: return "false";
    case CLI_FLAG_STRING: return "";
    case CLI_FLAG_DURATION: return "0s";
    case CLI_FLAG_STRING_ARRAY:
    case CLI_FLAG_STRING_SLICE:
    case CLI_FLAG_STRING_TO_STRING: return "[]";
    default: return "0";
    }
}

const char *cli_flag_type_name(const cli_flag *flag)
{
    static const char *const names[] = {"", "string", "int", "uint", "float32", "duration",
                                        "stringArray", "strings", "stringToString"};
    return flag->type_name ? flag->type_name : names[flag->kind];
}

/* pflag hides a default equal to the type's zero; types it does not know use a generic test. */
int cli_flag_default_is_zero(const cli_flag *flag, const char *value)
{
    if (flag->type_name || flag->kind == CLI_FLAG_STRING_TO_STRING)
        return !strcmp(value, "false") || !strcmp(value, "<nil>") || !*value || !strcmp(value, "0");
    switch (flag->kind) {
    case CLI_FLAG_BOOL: return !strcmp(value, "false") || !*value;
    case CLI_FLAG_STRING: return !*value;
    case CLI_FLAG_DURATION: return !strcmp(value, "0") || !strcmp(value, "0s");
    case CLI_FLAG_STRING_ARRAY:
    case CLI_FLAG_STRING_SLICE: return !strcmp(value, "[]");
    default: return !strcmp(value, "0");
    }
}

static int fail(parse_state *state, const char *format, ...) CELM_PRINTF(2, 3);
static int fail(parse_state *state, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vsnprintf(state->reason, state->reason_size, format, args);
    va_end(args);
    return -1;
}

static int check_value(const cli_flag *flag, const char *value, char *why, size_t why_size)
{
    int status = 0;
    switch (flag->kind) {
    case CLI_FLAG_BOOL: status = cli_check_bool(value, why, why_size); break;
    case CLI_FLAG_INT: status = cli_check_int(value, why, why_size); break;
    case CLI_FLAG_UINT: status = cli_check_uint(value, why, why_size); break;
    case CLI_FLAG_FLOAT32: status = cli_check_float32(value, why, why_size); break;
    case CLI_FLAG_DURATION: status = cli_check_duration(value, why, why_size); break;
    case CLI_FLAG_STRING_TO_STRING: status = cli_check_string_to_string(value, why, why_size); break;
    default: break;
    }
    if (status == 0 && flag->check)
        status = flag->check(value, why, why_size);
    return status;
}

/* The first value given replaces the default list; later ones are appended, as in pflag. */
static int append_values(parse_state *state, cli_flag_value *entry, const char *value)
{
    int split = entry->flag->kind == CLI_FLAG_STRING_SLICE ||
                (entry->flag->kind == CLI_FLAG_STRING_TO_STRING && cli_count_char(value, '=') > 1);
    size_t pieces = 1;
    for (const char *c = value; split && *c; c++)
        pieces += *c == ',';
    if (split && !*value)
        pieces = 0;
    size_t kept = entry->changed ? entry->count : 0;
    const char **grown = celm_arena_alloc(state->arena, (kept + pieces + 1) * sizeof *grown);
    if (!grown)
        return fail(state, "out of memory");
    if (kept)
        memcpy(grown, entry->values, kept * sizeof *grown);
    for (const char *piece = value; pieces > 0; pieces--) {
        size_t len = split ? strcspn(piece, ",") : strlen(piece);
        grown[kept++] = celm_arena_strndup(state->arena, piece, len);
        piece += len + (piece[len] == ',');
    }
    grown[kept] = NULL;
    entry->values = grown;
    entry->count = kept;
    return 0;
}

static int assign(parse_state *state, cli_flag_value *entry, const char *value)
{
    char why[CLI_REASON_SIZE];
    const cli_flag *flag = entry->flag;
    if (check_value(flag, value, why, sizeof why) != 0) {
        char quoted[CLI_REASON_SIZE / 2], name[128];
        cli_go_quote(value, quoted, sizeof quoted);
        if (flag->shorthand)
            snprintf(name, sizeof name, "\"-%c, --%s\"", flag->shorthand, flag->name);
        else
            snprintf(name, sizeof name, "\"--%s\"", flag->name);
        return fail(state, "invalid argument %s for %s flag: %s", quoted, name, why);
    }
    if (flag->kind >= CLI_FLAG_STRING_ARRAY && append_values(state, entry, value) != 0)
        return -1;
    entry->value = value;
    entry->changed = 1;
    if (flag->deprecated)
        fprintf(stderr, "Flag --%s has been deprecated, %s\n", flag->name, flag->deprecated);
    return 0;
}

static int parse_long(parse_state *state, const char *argument)
{
    const char *name = argument + 2;
    if (!*name || *name == '-' || *name == '=')
        return fail(state, "bad flag syntax: %s", argument);
    const char *equals = strchr(name, '=');
    size_t name_len = equals ? (size_t)(equals - name) : strlen(name);
    cli_flag_value *entry = find_long(state->set, name, name_len);
    if (!entry)
        return fail(state, "unknown flag: --%.*s", (int)name_len, name);
    const char *value = equals ? equals + 1 : bare_value(entry->flag);
    if (!value && state->next < state->count)
        value = state->args[state->next++];
    if (!value)
        return fail(state, "flag needs an argument: %s", argument);
    return assign(state, entry, value);
}

static int parse_shorthands(parse_state *state, const char *shorthands)
{
    while (*shorthands) {
        cli_flag_value *entry = find_short(state->set, shorthands[0]);
        if (!entry)
            return fail(state, "unknown shorthand flag: '%c' in -%s", shorthands[0], shorthands);
        const char *value = bare_value(entry->flag);
        const char *rest = shorthands + 1;
        if (strlen(shorthands) > 2 && shorthands[1] == '=')
            value = shorthands + 2, rest = "";
        else if (!value && shorthands[1])
            value = shorthands + 1, rest = "";
        else if (!value && state->next < state->count)
            value = state->args[state->next++];
        if (!value)
            return fail(state, "flag needs an argument: '%c' in -%s", shorthands[0], shorthands);
        if (assign(state, entry, value) != 0)
            return -1;
        shorthands = rest;
    }
    return 0;
}

int cli_flags_parse(cli_flag_set *set, celm_arena *arena, char **args, size_t count,
                    char ***positionals, size_t *positional_count, char *reason, size_t reason_size)
{
    parse_state state = {set, arena, args, count, 0, reason, reason_size};
    char **found = celm_arena_alloc(arena, (count + 1) * sizeof *found);
    size_t found_count = 0;
    if (!found)
        return fail(&state, "out of memory");
    while (state.next < count) {
        char *argument = args[state.next++];
        int status = 0;
        if (argument[0] != '-' || argument[1] == '\0')
            found[found_count++] = argument;
        else if (strcmp(argument, "--") == 0)
            while (state.next < count)
                found[found_count++] = args[state.next++];
        else if (argument[1] == '-')
            status = parse_long(&state, argument);
        else
            status = parse_shorthands(&state, argument + 1);
        if (status != 0)
            return -1;
    }
    found[found_count] = NULL;
    *positionals = found;
    *positional_count = found_count;
    return 0;
}

const char *cli_flag_string(const cli_invocation *invocation, const char *name)
{
    const cli_flag_value *entry = cli_flag_find(&invocation->flags, name);
    return entry ? entry->value : NULL;
}

int cli_flag_is_true(const cli_invocation *invocation, const char *name)
{
    const char *value = cli_flag_string(invocation, name);
    int truth = 0;
    return value && cli_parse_bool(value, &truth) == 0 && truth;
}

const char **cli_flag_list(const cli_invocation *invocation, const char *name, size_t *count)
{
    const cli_flag_value *entry = cli_flag_find(&invocation->flags, name);
    *count = entry && entry->changed ? entry->count : 0;
    return entry && entry->changed ? entry->values : NULL;
}
