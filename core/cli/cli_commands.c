/* cli_commands.c: the command table: helm's command tree, with celm's descriptions and handlers. */
#include <stdarg.h>
#include <stdio.h>

#include "cli_tables.h"

#define NONE {CLI_ARGS_NONE, 0}
#define ANY {CLI_ARGS_ANY, 0}
#define EXACTLY(n) {CLI_ARGS_EXACTLY, n}
#define AT_LEAST(n) {CLI_ARGS_AT_LEAST, n}
#define AT_MOST(n) {CLI_ARGS_AT_MOST, n}
#define ALIASES(...) ((const char *const[]){__VA_ARGS__, NULL})
#define GROUP {CLI_ARGS_ANY, 0}, NULL

static const char root_description[] =
    "The Kubernetes package manager, rewritten in C.\n"
    "\n"
    "celm takes helm's commands, flags, environment variables and files. Common actions:\n"
    "\n"
    "- celm search:    look for charts\n"
    "- celm pull:      download a chart into a local directory to inspect it\n"
    "- celm install:   install a chart into Kubernetes\n"
    "- celm list:      list the releases of charts\n"
    "\n"
    "Environment variables (helm's, with the same meaning):\n"
    "\n"
    "| Name                               | Description                                              |\n"
    "|------------------------------------|----------------------------------------------------------|\n"
    "| $HELM_CACHE_HOME                   | where cached files are kept                              |\n"
    "| $HELM_CONFIG_HOME                  | where configuration is kept                              |\n"
    "| $HELM_DATA_HOME                    | where data is kept                                       |\n"
    "| $HELM_DEBUG                        | print verbose output when true                           |\n"
    "| $HELM_DRIVER                       | release storage driver: configmap, secret, memory, sql   |\n"
    "| $HELM_DRIVER_SQL_CONNECTION_STRING | connection string of the sql storage driver              |\n"
    "| $HELM_MAX_HISTORY                  | most revisions kept per release                          |\n"
    "| $HELM_NAMESPACE                    | namespace operations apply to                            |\n"
    "| $HELM_NO_PLUGINS                   | set to 1 to disable helm plugins                         |\n"
    "| $HELM_PLUGINS                      | directory of helm plugins                                |\n"
    "| $HELM_REGISTRY_CONFIG              | path of the registry configuration file                  |\n"
    "| $HELM_REPOSITORY_CACHE             | directory of cached repository indexes                   |\n"
    "| $HELM_REPOSITORY_CONFIG            | path of the repositories file                            |\n"
    "| $KUBECONFIG                        | Kubernetes configuration file (default \"~/.kube/config\") |\n"
    "| $HELM_KUBEAPISERVER                | Kubernetes API server endpoint                           |\n"
    "| $HELM_KUBECAFILE                   | certificate authority file of the Kubernetes API server  |\n"
    "| $HELM_KUBEASGROUPS                 | comma separated groups to impersonate                    |\n"
    "| $HELM_KUBEASUSER                   | user name to impersonate                                 |\n"
    "| $HELM_KUBECONTEXT                  | kubeconfig context to use                                |\n"
    "| $HELM_KUBETOKEN                    | bearer token to authenticate with                        |\n"
    "| $HELM_KUBEINSECURE_SKIP_TLS_VERIFY | skip checking the API server's certificate (insecure)    |\n"
    "| $HELM_KUBETLS_SERVER_NAME          | server name the API server's certificate is checked for  |\n"
    "| $HELM_BURST_LIMIT                  | client-side burst limit (default 100, -1 disables it)    |\n"
    "| $HELM_QPS                          | queries per second sent to the Kubernetes API            |\n"
    "| $HELM_COLOR                        | color output: never, always or auto (default auto)       |\n"
    "| $NO_COLOR                          | any non-empty value turns color off (beats $HELM_COLOR)  |\n"
    "| $CELM_DATA_HOME                    | where celm's own data and plugins are kept               |\n"
    "| $CELM_PLUGIN_PATH                  | colon separated directories searched for celm plugins    |\n"
    "\n"
    "Cache, configuration and data live where helm keeps them, so both tools share them: a\n"
    "$HELM_*_HOME variable wins, then the XDG base directory variables, then on Linux\n"
    "$HOME/.cache/helm, $HOME/.config/helm and $HOME/.local/share/helm.";

static const cli_command top_commands[] = {
    /* in helm's registration order, which its "did you mean" suggestions follow */
    {"create", NULL, "create a new chart with the given name", "NAME",
     "Create a chart directory with the files and directories a chart usually has: Chart.yaml,\n"
     "values.yaml, charts/ and templates/ with examples. With --starter, copy a starter scaffold\n"
     "instead. Existing files are overwritten; other files are left alone.",
     cli_create_flags, EXACTLY(1), cli_create_command, NULL},
    {"dependency", ALIASES("dep", "dependencies"), "manage a chart's dependencies", "",
     "Manage the dependencies a chart declares in Chart.yaml and the copies of them in charts/.\n"
     "Each dependency names a chart, a version range and a repository URL (or an alias from\n"
     "'celm repo add', as \"@name\").",
     NULL, GROUP, cli_dependency_commands},
    {"pull", ALIASES("fetch"), "download a chart from a repository and (optionally) unpack it in local directory",
     "[chart URL | repo/chartname] [...]",
     "Download a chart from a repository to inspect, change or repackage it, optionally unpacking\n"
     "it. With --verify the chart must have a provenance file that passes verification.",
     cli_pull_flags, AT_LEAST(1), cli_not_implemented, NULL},
    {"show", ALIASES("inspect"), "show information of a chart", "",
     "Show what a chart contains: its definition, values, README or CRDs.",
     NULL, GROUP, cli_show_commands},
    {"lint", NULL, "examine a chart for possible issues", "PATH",
     "Run checks on a chart. Problems that would make an install fail are reported as [ERROR],\n"
     "departures from convention as [WARNING]. With several charts, any failure makes the\n"
     "command fail.",
     cli_lint_flags, AT_LEAST(1), cli_lint_command, NULL},
    {"package", NULL, "package a chart directory into a chart archive", "[CHART_PATH] [...]",
     "Pack a chart directory (one with a Chart.yaml) into a versioned chart archive, as chart\n"
     "repositories serve them. With --sign, also write a provenance file signed with --key from\n"
     "--keyring.",
     cli_package_flags, ANY, cli_package_command, NULL},
    {"repo", NULL, "add, list, remove, update, and index chart repositories", "",
     "Manage chart repositories: add, list, remove and update them, or index a directory.",
     NULL, GROUP, cli_repo_commands},
    {"search", NULL, "search for a keyword in charts", "",
     "Search for charts in the added repositories or in a hub.",
     NULL, GROUP, cli_search_commands},
    {"verify", NULL, "verify that a chart at the given path has been signed and is valid", "PATH",
     "Check that a chart archive has a provenance file, that the file is signed by a trusted key\n"
     "and that the archive matches it.",
     cli_verify_flags, EXACTLY(1), cli_not_implemented, NULL},
    {"get", NULL, "download extended information of a named release", "",
     "Print what is recorded about a release: its values, manifest, notes, hooks or metadata.",
     NULL, GROUP, cli_get_commands},
    {"history", ALIASES("hist"), "fetch release history", "RELEASE_NAME",
     "Print the revisions of a release as a table, newest last (at most --max of them).",
     cli_history_flags, EXACTLY(1), cli_history_command, NULL},
    {"install", NULL, "install a chart", "[NAME] [CHART]",
     "Install a chart as a new release. The chart is a repository reference (repo/name), a\n"
     "packaged archive, an unpacked directory, a URL, or an OCI reference (oci://...).\n"
     "\n"
     "Values come from the chart, then from each --values file and each --set, --set-string,\n"
     "--set-file, --set-json and --set-literal, the rightmost winning.",
     cli_install_flags, AT_LEAST(1), cli_install_command, NULL},
    {"list", ALIASES("ls"), "list releases", "",
     "List the releases of the current namespace (or of all with -A), sorted by name. Status flags\n"
     "such as --deployed or --failed narrow the list and combine; --filter takes a regular\n"
     "expression matched against release names.",
     cli_list_flags, NONE, cli_list_command, NULL},
    {"test", NULL, "run tests for a release", "[RELEASE]",
     "Run the test hooks of a release; the tests are defined by the chart.",
     cli_test_flags, EXACTLY(1), cli_test_command, NULL},
    {"rollback", NULL, "roll back a release to a previous revision", "<RELEASE> [REVISION]",
     "Roll a release back to an earlier revision, or to the previous one when no revision is\n"
     "given. 'celm history' lists the revisions.",
     cli_rollback_flags, AT_LEAST(1), cli_rollback_command, NULL},
    {"status", NULL, "display the status of the named release", "RELEASE_NAME",
     "Show the status of a release: when it was last deployed, its namespace, state, revision\n"
     "and notes.",
     cli_status_flags, EXACTLY(1), cli_status_command, NULL},
    {"template", NULL, "locally render templates", "[NAME] [CHART]",
     "Render a chart's templates locally and print the manifests. Values that would come from a\n"
     "cluster are faked unless --dry-run=server; nothing is checked against a cluster.",
     cli_template_flags, AT_LEAST(1), cli_template_command, NULL},
    {"uninstall", ALIASES("del", "delete", "un"), "uninstall a release", "RELEASE_NAME [...]",
     "Remove every resource of a release and its history; with --keep-history, keep the\n"
     "history, marked uninstalled.",
     cli_uninstall_flags, AT_LEAST(1), cli_uninstall_command, NULL},
    {"upgrade", NULL, "upgrade a release", "[RELEASE] [CHART]",
     "Upgrade a release to a new version of a chart. The chart is given as for 'celm install';\n"
     "values combine the same way, the rightmost winning.",
     cli_upgrade_flags, EXACTLY(2), cli_upgrade_command, NULL},
    {"completion", NULL, "generate autocompletion scripts for the specified shell", "",
     "Print a shell completion script for celm, made from its command table.",
     NULL, GROUP, cli_completion_commands},
    {"env", NULL, "celm client environment information", "",
     "Print the environment celm runs with, helm's variables plus celm's own, or the value of\n"
     "the one variable named.",
     NULL, AT_MOST(1), cli_env_command, NULL},
    {"plugin", NULL, "install, list, or uninstall celm plugins", "",
     "Manage celm's plugins: the shared objects that provide storage drivers, renderers,\n"
     "repositories and hook executors.",
     NULL, GROUP, cli_plugin_commands},
    {"version", NULL, "print the celm version information", "",
     "Print celm's version.\n"
     "\n"
     "    version.BuildInfo{Version:\"v" CELM_VERSION "\", GitCommit:\"\", GitTreeState:\"\", PluginABI:\"1.0\"}\n"
     "\n"
     "- Version is the semantic version of celm.\n"
     "- GitCommit and GitTreeState describe the source it was built from, when known.\n"
     "- PluginABI is the plugin ABI major.minor this celm loads.\n"
     "\n"
     "--template formats those fields with Go template syntax, e.g. --template='{{.Version}}'.",
     cli_version_flags, NONE, cli_version_command, NULL},
    {"registry", NULL, "login to or logout from a registry", "",
     "Log in to and out of OCI registries.",
     NULL, GROUP, cli_registry_commands},
    {"push", NULL, "push a chart to remote", "[chart] [remote]",
     "Upload a chart archive, and its provenance file when there is one, to a registry.",
     cli_push_flags, AT_LEAST(2), cli_not_implemented, NULL},
    {"help", NULL, "Help about any command", "[command]",
     "Help provides help for any command in the application.\n"
     "Simply type celm help [path to command] for full details.",
     NULL, ANY, cli_help_command, NULL},
    {0}
};

static const cli_command root = {
    CLI_PROGRAM_NAME, NULL, "The Kubernetes package manager", "", root_description, NULL, GROUP,
    top_commands
};

const cli_command *cli_root_command(void)
{
    return &root;
}

int cli_fail(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fputs("Error: ", stderr);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
    return 1;
}

int cli_not_implemented(const cli_invocation *invocation)
{
    const char *path = cli_command_path_text(invocation->arena, invocation->path, invocation->depth);
    /* helm names a command by its path without the program name, e.g. "get values" */
    const char *space = path;
    while (*space && *space != ' ')
        space++;
    return cli_fail("\"%s\" is not implemented in celm yet", *space ? space + 1 : path);
}
