/* cli.h: the types and functions the celm tool's own files share; none of this is libcelm's API. */
#ifndef CELM_CLI_H
#define CELM_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "celm/celm.h"

#define CLI_PROGRAM_NAME "celm"
/* root, group, subcommand: helm's tree is never deeper */
#define CLI_MAX_DEPTH 3
#define CLI_REASON_SIZE 512

/* --- flags (cli_flags.c, cli_flag_values.c) ------------------------------------------------- */

/* How a flag's value is read; it also names the flag's type in help, as pflag does. */
typedef enum cli_flag_kind {
    CLI_FLAG_BOOL,
    CLI_FLAG_STRING,
    CLI_FLAG_INT,
    CLI_FLAG_UINT,
    CLI_FLAG_FLOAT32,
    CLI_FLAG_DURATION,
    CLI_FLAG_STRING_ARRAY,      /* repeatable; each occurrence is one value */
    CLI_FLAG_STRING_SLICE,      /* repeatable; each occurrence is split at commas */
    CLI_FLAG_STRING_TO_STRING   /* repeatable key=value pairs, split at commas */
} cli_flag_kind;

/* Returns 0 when `value` is acceptable, else writes why (pflag's wording) into `reason`. */
typedef int (*cli_flag_check)(const char *value, char *reason, size_t reason_size);
/* A default that depends on the environment, e.g. a path under $HOME; static or arena storage. */
struct cli_flag;
typedef const char *(*cli_computed_default)(const struct cli_flag *flag);

/* One flag as pflag declares it. Tables of flags end with an entry whose name is NULL. */
typedef struct cli_flag {
    const char *name;
    char shorthand;                     /* 0 when the flag has none */
    cli_flag_kind kind;
    const char *type_name;              /* NULL: named after the kind ("int", "strings", ...) */
    const char *default_value;          /* pflag's DefValue text; NULL means the kind's zero */
    cli_computed_default computed_default;  /* overrides default_value when set */
    const char *value_when_bare;        /* pflag's NoOptDefVal: the value of "--flag" given alone */
    cli_flag_check check;
    const char *choices;                /* space-separated values shell completion offers */
    const char *usage;
    const char *deprecated;             /* pflag's Deprecated: hidden, and announced when used */
} cli_flag;

/* What the command line said about one flag of the active set. */
typedef struct cli_flag_value {
    const cli_flag *flag;
    int changed;                /* the flag was given on the command line */
    const char *value;          /* the last value given, else the default */
    const char **values;        /* list kinds: every value given, split as the kind says */
    size_t count;
} cli_flag_value;

/* The flags one command accepts: its own, -h/--help, then the global ones. */
typedef struct cli_flag_set {
    cli_flag_value *entries;
    size_t count;
    size_t local_count;         /* entries [0, local_count) are the command's own and help */
} cli_flag_set;

struct cli_command;
/* The flags `command` accepts, in `arena`. With `is_root` the global flags count as the command's
 * own, since cobra lists the root's persistent flags under "Flags:". Returns 0, or -1 without memory. */
int cli_flag_set_build(cli_flag_set *set, celm_arena *arena, const struct cli_command *command,
                       int is_root);
/* Parses `args` (argv without the command words) into `set` and the positional arguments
 * (arena array). Returns 0, or -1 with pflag's message in `reason`. */
int cli_flags_parse(cli_flag_set *set, celm_arena *arena, char **args, size_t count,
                    char ***positionals, size_t *positional_count, char *reason, size_t reason_size);
const cli_flag_value *cli_flag_find(const cli_flag_set *set, const char *name);
/* True when "--name" or "-x" given alone consumes the next argument as its value. */
int cli_flag_takes_next_argument(const cli_flag_set *set, const char *argument);
const char *cli_flag_default(const cli_flag *flag);
/* "int", "strings", "" for bool: the word help prints after the flag name. */
const char *cli_flag_type_name(const cli_flag *flag);
int cli_flag_default_is_zero(const cli_flag *flag, const char *default_value);

int cli_check_bool(const char *value, char *reason, size_t reason_size);
int cli_check_int(const char *value, char *reason, size_t reason_size);
int cli_check_uint(const char *value, char *reason, size_t reason_size);
int cli_check_float32(const char *value, char *reason, size_t reason_size);
int cli_check_duration(const char *value, char *reason, size_t reason_size);
/* The seconds a duration cli_check_duration accepted stands for ("5m0s" is 300). */
double cli_duration_seconds(const char *value);
int cli_check_string_to_string(const char *value, char *reason, size_t reason_size);
int cli_check_output_format(const char *value, char *reason, size_t reason_size);
int cli_check_wait_strategy(const char *value, char *reason, size_t reason_size);
int cli_parse_bool(const char *value, int *out);
int cli_count_char(const char *text, char wanted);
/* Go's strconv.ParseInt(value, 0, 64); returns 0, or -1 when it would fail. */
int cli_parse_int(const char *value, long long *out);
/* Go's strconv.ParseFloat(value, 32); returns 0, or -1 on a syntax error (not on overflow). */
int cli_parse_float32(const char *value, float *out);
/* Go's %q of `text` into `out` (printable ASCII kept, the rest escaped). */
void cli_go_quote(const char *text, char *out, size_t size);
/* Go's strconv.FormatFloat(value, 'g', -1, 32): the shortest text that reads back as `value`. */
void cli_format_float32(float value, char *out, size_t size);

/* --- commands (cli_commands.c, cli_dispatch.c) ---------------------------------------------- */

typedef enum cli_arity_kind {
    CLI_ARGS_ANY = 0,
    CLI_ARGS_NONE,
    CLI_ARGS_EXACTLY,
    CLI_ARGS_AT_LEAST,
    CLI_ARGS_AT_MOST
} cli_arity_kind;

/* How many positional arguments a command takes; checked with helm's wording. */
typedef struct cli_arity {
    cli_arity_kind kind;
    int count;
} cli_arity;

typedef struct cli_invocation cli_invocation;
/* Runs a command; returns the process exit status. */
typedef int (*cli_handler)(const cli_invocation *invocation);

/* One command of helm's tree. Command tables end with an entry whose name is NULL. */
typedef struct cli_command {
    const char *name;
    const char *const *aliases;         /* NULL-terminated, or NULL */
    const char *short_description;
    const char *usage;                  /* the use line after the name, without "[flags]" */
    const char *long_description;       /* NULL: help shows the short one */
    const cli_flag *const *flag_groups; /* NULL-terminated list of flag tables, or NULL */
    cli_arity arity;
    cli_handler handler;                /* NULL: a group, which prints its help when run */
    const struct cli_command *subcommands;  /* in helm's registration order, or NULL */
} cli_command;

/* Everything a handler needs; lives until the process exits. */
struct cli_invocation {
    const char *program;                /* argv[0] */
    const cli_command *path[CLI_MAX_DEPTH]; /* root, ..., the command being run */
    size_t depth;
    const cli_command *command;
    char **arguments;                   /* the positional arguments */
    size_t argument_count;
    cli_flag_set flags;
    struct cli_settings *settings;
    celm_arena *arena;
};

const cli_command *cli_root_command(void);
const cli_command *cli_subcommand_find(const cli_command *parent, const char *word);
/* "celm get values" for the first `depth` commands of `path`; arena string. */
const char *cli_command_path_text(celm_arena *arena, const cli_command *const *path, size_t depth);
/* cobra's UseLine: the command path, its usage and "[flags]". */
const char *cli_use_line(celm_arena *arena, const cli_command *const *path, size_t depth);
int cli_run(int argc, char **argv);
/* Prints "Error: <message>" on stderr and returns 1, the status of a failed command. */
int cli_fail(const char *format, ...) CELM_PRINTF(1, 2);
/* The handler of every command celm does not implement yet. */
int cli_not_implemented(const cli_invocation *invocation);

/* Flag values for handlers: the text given (or the default), a bool, or every value of a repeatable
 * flag (NULL and 0 when it was not given). Strings live in the invocation's arena or argv. */
const char *cli_flag_string(const cli_invocation *invocation, const char *name);
int cli_flag_is_true(const cli_invocation *invocation, const char *name);
const char **cli_flag_list(const cli_invocation *invocation, const char *name, size_t *count);

/* --- settings (cli_settings.c) -------------------------------------------------------------- */

/* Helm's EnvSettings plus celm's own: the environment first, then the global flags over it. */
typedef struct cli_settings {
    const char *namespace_name;         /* "" when neither the flag nor HELM_NAMESPACE sets it */
    const char *kube_context;
    const char *kubeconfig;             /* the flag only, as `helm env` prints it */
    const char *kubeconfig_environment; /* $KUBECONFIG, which the Kubernetes client reads */
    const char *kube_apiserver;
    const char *kube_as_user;
    const char **kube_as_groups;
    size_t kube_as_group_count;
    const char *kube_ca_file;
    const char *kube_tls_server_name;
    const char *kube_token;
    int kube_insecure_skip_tls_verify;
    int debug;
    long long burst_limit;
    float qps;
    int max_history;
    const char *cache_home;
    const char *config_home;
    const char *data_home;
    const char *plugins_directory;      /* HELM_PLUGINS: helm's own plugins, not celm's */
    const char *registry_config;
    const char *repository_cache;
    const char *repository_config;
    const char *content_cache;
    const char *color_mode;             /* "never", "auto" or "always" */
    const char *celm_data_home;
    const char **plugin_dirs;           /* --plugin-dir values, searched first */
    size_t plugin_dir_count;
} cli_settings;

extern const cli_flag cli_global_flags[];
/* Settings from the environment alone (computed once); global flag defaults come from here. */
const cli_settings *cli_settings_from_environment(void);
/* The environment's settings with the parsed global flags applied over them. Returns 0, or -1
 * with a message in `reason`. */
int cli_settings_resolve(cli_settings *out, const cli_flag_set *flags, char *reason,
                         size_t reason_size);
/* The namespace commands use: the setting, else "default". */
const char *cli_settings_namespace(const cli_settings *settings);
const char *cli_default_keyring(const cli_flag *flag);

/* --- help (cli_help.c) ---------------------------------------------------------------------- */

/* cobra's help: the long description, then the usage block. */
void cli_help_print(FILE *out, celm_arena *arena, const cli_command *const *path, size_t depth);
/* cobra's usage block alone; `with_help_flag` 0 leaves out -h/--help as cobra does for a
 * command whose help flag was never initialised. */
void cli_usage_print(FILE *out, celm_arena *arena, const cli_command *const *path, size_t depth,
                     int with_help_flag);
int cli_help_command(const cli_invocation *invocation);

/* --- output (cli_output.c) ------------------------------------------------------------------ */

typedef enum cli_output_format {
    CLI_OUTPUT_TABLE,
    CLI_OUTPUT_JSON,
    CLI_OUTPUT_YAML
} cli_output_format;

cli_output_format cli_output_format_parse(const char *text);

/* A table printed like helm's (gosuri/uitable): cells padded to their column, tab-separated. */
typedef struct cli_table {
    celm_arena *arena;
    size_t column_count;
    const char **cells;         /* row-major */
    size_t row_count;
    size_t row_capacity;
} cli_table;

void cli_table_init(cli_table *table, celm_arena *arena, size_t column_count);
int cli_table_add_row(cli_table *table, const char *const *cells);
void cli_table_print(FILE *out, const cli_table *table);
/* Writes `value` as helm does for -o json (one line) or -o yaml. Returns 0 or a CELM_E* code. */
int cli_value_print(FILE *out, celm_arena *arena, const celm_value *value,
                    cli_output_format format, celm_error *err);

/* --- commands implemented so far ----------------------------------------------------------- */
int cli_version_command(const cli_invocation *invocation);
int cli_env_command(const cli_invocation *invocation);
int cli_plugin_list_command(const cli_invocation *invocation);
int cli_completion_command(const cli_invocation *invocation);
int cli_template_command(const cli_invocation *invocation);
int cli_install_command(const cli_invocation *invocation);
/* Installs NAME from CHART with the invocation's flags (upgrade --install); replace reuses an
 * uninstalled name. */
int cli_install_release(const cli_invocation *invocation, const char *name, const char *chart_path, int replace);
int cli_list_command(const cli_invocation *invocation);
int cli_status_command(const cli_invocation *invocation);
int cli_test_command(const cli_invocation *invocation);
int cli_uninstall_command(const cli_invocation *invocation);
int cli_history_command(const cli_invocation *invocation);
int cli_upgrade_command(const cli_invocation *invocation);
int cli_rollback_command(const cli_invocation *invocation);
/* helm's release-name rule: a DNS-1123 subdomain of at most 53 characters. */
int cli_release_name_valid(const char *name);
int cli_get_manifest_command(const cli_invocation *invocation);
int cli_get_notes_command(const cli_invocation *invocation);
int cli_get_values_command(const cli_invocation *invocation);
int cli_get_hooks_command(const cli_invocation *invocation);
int cli_get_all_command(const cli_invocation *invocation);
int cli_get_metadata_command(const cli_invocation *invocation);
int cli_create_command(const cli_invocation *invocation);
int cli_lint_command(const cli_invocation *invocation);
int cli_repo_index_command(const cli_invocation *invocation);
int cli_package_command(const cli_invocation *invocation);
int cli_dependency_list_command(const cli_invocation *invocation);
int cli_dependency_build_command(const cli_invocation *invocation);
int cli_dependency_update_command(const cli_invocation *invocation);
/* The dependency manager's options for `chart_path`: helm's settings and the command's
 * --skip-refresh (false where the command has none), Out on stdout, log lines on stderr. */
celm_dependency_options cli_dependency_options(const cli_invocation *invocation, const char *chart_path);
int cli_show_all_command(const cli_invocation *invocation);
int cli_show_chart_command(const cli_invocation *invocation);
int cli_show_values_command(const cli_invocation *invocation);
int cli_show_readme_command(const cli_invocation *invocation);
int cli_show_crds_command(const cli_invocation *invocation);

#endif
