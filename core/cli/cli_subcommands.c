/* cli_subcommands.c: the subcommands of helm's command groups (get, show, repo, ...). */
#include "cli_tables.h"

#define NONE {CLI_ARGS_NONE, 0}
#define ANY {CLI_ARGS_ANY, 0}
#define EXACTLY(n) {CLI_ARGS_EXACTLY, n}
#define AT_LEAST(n) {CLI_ARGS_AT_LEAST, n}
#define AT_MOST(n) {CLI_ARGS_AT_MOST, n}
#define ALIASES(...) ((const char *const[]){__VA_ARGS__, NULL})
#define END {0}

const cli_command cli_get_commands[] = {
    {"all", NULL, "download all information for a named release", "RELEASE_NAME",
     "Print the notes, hooks, supplied values and manifest of a release in one readable listing.",
     cli_get_all_flags, EXACTLY(1), cli_get_all_command, NULL},
    {"hooks", NULL, "download all hooks for a named release", "RELEASE_NAME",
     "Print the hooks of a release as YAML documents separated by '---'.",
     cli_get_revision_flags, EXACTLY(1), cli_get_hooks_command, NULL},
    {"manifest", NULL, "download the manifest for a named release", "RELEASE_NAME",
     "Print the manifest of a release: the YAML of every Kubernetes resource its chart and the\n"
     "chart's dependencies generated.",
     cli_get_revision_flags, EXACTLY(1), cli_get_manifest_command, NULL},
    {"metadata", NULL, "fetch the metadata of a named release", "RELEASE_NAME",
     "Print the metadata of a release: name, chart, versions, namespace, revision, status, dates.",
     cli_get_metadata_flags, EXACTLY(1), cli_get_metadata_command, NULL},
    {"notes", NULL, "download the notes for a named release", "RELEASE_NAME",
     "Print the notes the chart of a release rendered.",
     cli_get_revision_flags, EXACTLY(1), cli_get_notes_command, NULL},
    {"values", NULL, "download the values file for a named release", "RELEASE_NAME",
     "Print the values supplied to a release; with --all, every computed value.",
     cli_get_values_flags, EXACTLY(1), cli_get_values_command, NULL},
    END
};

const cli_command cli_show_commands[] = {
    {"all", NULL, "show all information of the chart", "[CHART]",
     "Print the chart's definition, values, README and CRDs, one after another.",
     cli_show_flags, EXACTLY(1), cli_show_all_command, NULL},
    {"chart", NULL, "show the chart's definition", "[CHART]",
     "Print the chart's definition, its Chart.yaml.",
     cli_show_flags, EXACTLY(1), cli_show_chart_command, NULL},
    {"crds", NULL, "show the chart's CRDs", "[CHART]",
     "Print the custom resource definitions the chart ships.",
     cli_show_flags, EXACTLY(1), cli_show_crds_command, NULL},
    {"readme", NULL, "show the chart's README", "[CHART]",
     "Print the chart's README file.",
     cli_show_flags, EXACTLY(1), cli_show_readme_command, NULL},
    {"values", NULL, "show the chart's values", "[CHART]",
     "Print the chart's default values, its values.yaml.",
     cli_show_values_flags, EXACTLY(1), cli_show_values_command, NULL},
    END
};

const cli_command cli_repo_commands[] = {
    {"add", NULL, "add a chart repository", "[NAME] [URL]",
     "Add a chart repository under a name and download its index.",
     cli_repo_add_flags, EXACTLY(2), cli_not_implemented, NULL},
    {"index", NULL, "generate an index file given a directory containing packaged charts", "[DIR]",
     "Read the chart archives in a directory and write an index.yaml describing them, so the\n"
     "directory can be served as a chart repository. With --merge, entries of an existing index\n"
     "are kept.",
     cli_repo_index_flags, EXACTLY(1), cli_repo_index_command, NULL},
    {"list", ALIASES("ls"), "list chart repositories", "",
     "List the chart repositories that were added.",
     cli_repo_list_flags, NONE, cli_not_implemented, NULL},
    {"remove", ALIASES("rm"), "remove one or more chart repositories", "[REPO1 [REPO2 ...]]",
     "Remove chart repositories and their cached indexes.",
     NULL, AT_LEAST(1), cli_not_implemented, NULL},
    {"update", ALIASES("up"), "update information of available charts locally from chart repositories",
     "[REPO1 [REPO2 ...]]",
     "Download the newest index of every repository, or of the repositories named.",
     cli_repo_update_flags, ANY, cli_not_implemented, NULL},
    END
};

const cli_command cli_search_commands[] = {
    {"hub", NULL, "search for charts in the Artifact Hub or your own hub instance", "[KEYWORD]",
     "Search the Artifact Hub, or another hub given with --endpoint, for charts matching a keyword.",
     cli_search_hub_flags, ANY, cli_not_implemented, NULL},
    {"repo", NULL, "search repositories for a keyword in charts", "[keyword]",
     "Search the indexes of the added repositories for charts matching a keyword. Only the\n"
     "newest stable version of each chart is listed unless --versions or --devel says otherwise.",
     cli_search_repo_flags, ANY, cli_not_implemented, NULL},
    END
};

const cli_command cli_dependency_commands[] = {
    {"build", NULL, "rebuild the charts/ directory based on the Chart.lock file", "CHART",
     "Fill charts/ with exactly the dependency versions recorded in Chart.lock. Without a lock\n"
     "file this does what 'celm dependency update' does.",
     cli_dependency_fetch_flags, AT_MOST(1), cli_dependency_build_command, NULL},
    {"list", ALIASES("ls"), "list the dependencies for the given chart", "CHART",
     "List the dependencies a chart declares and whether charts/ holds them. Works on chart\n"
     "directories and archives and changes nothing.",
     cli_dependency_list_flags, AT_MOST(1), cli_dependency_list_command, NULL},
    {"update", ALIASES("up"), "update charts/ based on the contents of Chart.yaml", "CHART",
     "Download the newest charts that satisfy the dependencies in Chart.yaml into charts/,\n"
     "remove outdated ones, and record the versions in Chart.lock.",
     cli_dependency_fetch_flags, AT_MOST(1), cli_dependency_update_command, NULL},
    END
};

const cli_command cli_registry_commands[] = {
    {"login", NULL, "login to a registry", "[host]",
     "Store credentials for an OCI registry, e.g.\n\n"
     "    echo \"$TOKEN\" | celm registry login ghcr.io -u $USER --password-stdin",
     cli_registry_login_flags, AT_LEAST(1), cli_not_implemented, NULL},
    {"logout", NULL, "logout from a registry", "[host]",
     "Forget the credentials stored for an OCI registry.",
     NULL, AT_LEAST(1), cli_not_implemented, NULL},
    END
};

const cli_command cli_plugin_commands[] = {
    {"install", ALIASES("add"), "install a plugin", "[options] <path|url>",
     "Install a plugin from a local path, an archive or a URL.",
     cli_plugin_install_flags, EXACTLY(1), cli_not_implemented, NULL},
    {"list", ALIASES("ls"), "list installed plugins", "",
     "List every plugin file found along the plugin search path (--plugin-dir, CELM_PLUGIN_PATH,\n"
     "CELM_DATA_HOME/plugins, the build tree, the installed directory) with its ABI and whether it\n"
     "loaded. Exits with status 1 when a plugin was refused.",
     cli_plugin_list_flags, ANY, cli_plugin_list_command, NULL},
    {"package", NULL, "package a plugin directory into a plugin archive", "[PATH]",
     "Pack a plugin directory into an archive, signed with a PGP key unless --sign=false.",
     cli_plugin_package_flags, EXACTLY(1), cli_not_implemented, NULL},
    {"uninstall", ALIASES("rm", "remove"), "uninstall one or more plugins", "<plugin>...",
     "Remove installed plugins.",
     NULL, ANY, cli_not_implemented, NULL},
    {"update", ALIASES("up"), "update one or more plugins", "<plugin>...",
     "Update installed plugins to their newest version.",
     NULL, ANY, cli_not_implemented, NULL},
    {"verify", NULL, "verify that a plugin at the given path has been signed and is valid", "[PATH]",
     "Check that a plugin archive or directory has a provenance file signed by a trusted key.",
     cli_plugin_verify_flags, EXACTLY(1), cli_not_implemented, NULL},
    END
};

const cli_command cli_completion_commands[] = {
    {"bash", NULL, "generate autocompletion script for bash", "",
     "Print a bash completion script for celm. Load it in the current shell with\n\n"
     "    source <(celm completion bash)\n\n"
     "or for every session by saving it, e.g. to /etc/bash_completion.d/celm.",
     cli_completion_flags, NONE, cli_completion_command, NULL},
    {"fish", NULL, "generate autocompletion script for fish", "",
     "Print a fish completion script for celm. Load it in the current shell with\n\n"
     "    celm completion fish | source\n\n"
     "or for every session by saving it to ~/.config/fish/completions/celm.fish.",
     cli_completion_flags, NONE, cli_completion_command, NULL},
    {"powershell", NULL, "generate autocompletion script for powershell", "",
     "Print a PowerShell completion script for celm. Load it in the current shell with\n\n"
     "    celm completion powershell | Out-String | Invoke-Expression\n\n"
     "or for every session by adding that line to your PowerShell profile.",
     cli_completion_flags, NONE, cli_completion_command, NULL},
    {"zsh", NULL, "generate autocompletion script for zsh", "",
     "Print a zsh completion script for celm. Load it in the current shell with\n\n"
     "    source <(celm completion zsh)\n\n"
     "or for every session by saving it as _celm in a directory of your $fpath.",
     cli_completion_flags, NONE, cli_completion_command, NULL},
    END
};
