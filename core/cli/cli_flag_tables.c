/* cli_flag_tables.c: every command's own flags, named exactly as helm names them. */
#include "cli_tables.h"

#define BOOL(flag_name, text) {.name = flag_name, .kind = CLI_FLAG_BOOL, .usage = text}
#define TEXT(flag_name, text) {.name = flag_name, .kind = CLI_FLAG_STRING, .usage = text}
#define END {0}

/* --- groups several commands share ------------------------------------------------------- */

static const cli_flag tls_client_flags[] = {
    TEXT("ca-file", "check the certificates of HTTPS servers against this CA bundle"),
    TEXT("cert-file", "client certificate file to identify with over HTTPS"),
    BOOL("insecure-skip-tls-verify", "do not check the server's TLS certificate when downloading"),
    TEXT("key-file", "client key file to identify with over HTTPS"),
    END
};

static const cli_flag credential_flags[] = {
    TEXT("password", "password for the chart repository"),
    TEXT("username", "user name for the chart repository"),
    END
};

static const cli_flag plain_http_flag[] = {
    BOOL("plain-http", "connect over plain, unencrypted HTTP"),
    END
};

static const cli_flag keyring_flag[] = {
    {.name = "keyring", .kind = CLI_FLAG_STRING, .computed_default = cli_default_keyring,
     .usage = "keyring of public keys used to verify signatures"},
    END
};

static const cli_flag chart_locate_flags[] = {
    BOOL("devel", "consider development versions too (same as version '>0.0.0-0'); ignored when --version is set"),
    BOOL("pass-credentials", "send the credentials to every domain, not only the repository's"),
    TEXT("repo", "URL of the chart repository that holds the chart"),
    BOOL("verify", "verify the chart's signature before using it"),
    TEXT("version", "version constraint for the chart, an exact version (1.1.1) or a range (^2.0.0); the newest when empty"),
    END
};

static const cli_flag values_flags[] = {
    {.name = "set", .kind = CLI_FLAG_STRING_ARRAY,
     .usage = "set values on the command line (repeatable, or comma separated: key1=val1,key2=val2)"},
    {.name = "set-file", .kind = CLI_FLAG_STRING_ARRAY,
     .usage = "set values from the files named on the command line (repeatable, or key1=path1,key2=path2)"},
    {.name = "set-json", .kind = CLI_FLAG_STRING_ARRAY,
     .usage = "set JSON values on the command line (repeatable, key1=jsonval1,key2=jsonval2, or one JSON object)"},
    {.name = "set-literal", .kind = CLI_FLAG_STRING_ARRAY,
     .usage = "set one value on the command line, taken literally as a string"},
    {.name = "set-string", .kind = CLI_FLAG_STRING_ARRAY,
     .usage = "set values on the command line as strings (repeatable, or key1=val1,key2=val2)"},
    {.name = "values", .shorthand = 'f', .kind = CLI_FLAG_STRING_SLICE,
     .usage = "read values from a YAML file or URL (repeatable; later files win)"},
    END
};

static const cli_flag output_flag[] = {
    {.name = "output", .shorthand = 'o', .kind = CLI_FLAG_STRING, .type_name = "format",
     .default_value = "table", .check = cli_check_output_format, .choices = "table json yaml",
     .usage = "output format, one of: table, json, yaml"},
    END
};

static const cli_flag revision_flag[] = {
    {.name = "revision", .kind = CLI_FLAG_INT, .usage = "use this revision of the release"},
    END
};

#define TIMEOUT(default_text) \
    {.name = "timeout", .kind = CLI_FLAG_DURATION, .default_value = default_text, \
     .usage = "how long to wait for any single Kubernetes operation, such as a hook's Job"}
#define WAIT \
    {.name = "wait", .kind = CLI_FLAG_STRING, .type_name = "WaitStrategy", .default_value = "hookOnly", \
     .value_when_bare = "watcher", .check = cli_check_wait_strategy, .choices = "watcher hookOnly legacy", \
     .usage = "wait until resources are ready, up to --timeout: 'watcher' (the value of a bare --wait), " \
              "'hookOnly' (without the flag) or 'legacy'"}
#define DRY_RUN(default_text) \
    {.name = "dry-run", .kind = CLI_FLAG_STRING, .default_value = default_text, .value_when_bare = "unset", \
     .choices = "none client server", \
     .usage = "simulate the operation without persisting it: \"none\" runs it for real, \"client\" " \
              "simulates without contacting the cluster, \"server\" simulates on the cluster"}
#define HISTORY_MAX \
    {.name = "history-max", .kind = CLI_FLAG_INT, .default_value = "10", \
     .usage = "keep at most this many revisions per release; 0 keeps them all"}
#define SERVER_SIDE_CHOICE \
    {.name = "server-side", .kind = CLI_FLAG_STRING, .default_value = "auto", .choices = "true false auto", \
     .usage = "\"true\", \"false\" or \"auto\": apply objects on the server; \"auto\" follows the previous release"}
#define MAX_COLUMN_WIDTH(default_text) \
    {.name = "max-col-width", .kind = CLI_FLAG_UINT, .default_value = default_text, \
     .usage = "widest a column of the output table may be"}

/* --- installing, upgrading and rendering ------------------------------------------------- */

static const cli_flag release_change_flags[] = {
    BOOL("create-namespace", "create the release namespace when it does not exist"),
    BOOL("dependency-update", "update missing dependencies before installing the chart"),
    TEXT("description", "custom description of the release"),
    BOOL("disable-openapi-validation", "do not validate rendered manifests against the Kubernetes OpenAPI schema"),
    BOOL("enable-dns", "allow DNS lookups while rendering templates"),
    BOOL("force-conflicts", "with server-side apply, force changes that conflict"),
    BOOL("force-replace", "update resources by replacing them"),
    {.name = "labels", .shorthand = 'l', .kind = CLI_FLAG_STRING_TO_STRING, .default_value = "[]",
     .usage = "labels to add to the release metadata, comma separated key=value pairs"},
    BOOL("no-hooks", "do not run the release's hooks"),
    {.name = "post-renderer", .kind = CLI_FLAG_STRING, .type_name = "postRendererString",
     .usage = "post-renderer plugin to pass the rendered manifests through"},
    {.name = "post-renderer-args", .kind = CLI_FLAG_STRING_ARRAY, .type_name = "postRendererArgsSlice",
     .default_value = "[]", .usage = "argument for the post-renderer (repeatable)"},
    BOOL("rollback-on-failure", "undo the operation when it fails; --wait then defaults to \"watcher\""),
    BOOL("skip-crds", "do not install CRDs; by default missing CRDs are installed"),
    BOOL("skip-schema-validation", "do not validate values against the chart's JSON schema"),
    BOOL("take-ownership", "adopt existing resources without checking their helm annotations"),
    TIMEOUT("5m0s"),
    WAIT,
    BOOL("wait-for-jobs", "with --wait, also wait for Jobs to complete, up to --timeout"),
    END
};

#define DEPRECATED_BOOL(flag_name, message) {.name = flag_name, .kind = CLI_FLAG_BOOL, .deprecated = message}
#define NO_EFFECT_ON_TEMPLATE "this flag has no effect for 'helm template' and will be removed in Helm 5"

/* Old names helm still accepts, with pflag's deprecation notice. */
static const cli_flag renamed_force_flag[] = {
    DEPRECATED_BOOL("force", "use --force-replace instead"),
    END
};

static const cli_flag renamed_install_flags[] = {
    DEPRECATED_BOOL("atomic", "use --rollback-on-failure instead"),
    DEPRECATED_BOOL("force", "use --force-replace instead"),
    END
};

static const cli_flag install_name_flags[] = {
    {.name = "generate-name", .shorthand = 'g', .kind = CLI_FLAG_BOOL,
     .usage = "generate a release name (and take no NAME argument)"},
    TEXT("name-template", "template that produces the release name"),
    BOOL("replace", "reuse the name of a deleted release still in the history; unsafe in production"),
    {.name = "server-side", .kind = CLI_FLAG_BOOL, .default_value = "true",
     .usage = "apply objects on the server instead of in the client"},
    END
};

static const cli_flag install_output_flags[] = {
    DRY_RUN("none"),
    BOOL("hide-notes", "do not print the chart's notes; they stay in the release"),
    BOOL("hide-secret", "with --dry-run, leave Kubernetes Secrets out of the output"),
    BOOL("render-subchart-notes", "render the notes of subcharts along with the parent's"),
    END
};

static const cli_flag template_own_flags[] = {
    {.name = "api-versions", .shorthand = 'a', .kind = CLI_FLAG_STRING_SLICE,
     .usage = "Kubernetes API versions offered to templates as .Capabilities.APIVersions"},
    DRY_RUN("client"),
    BOOL("include-crds", "include the chart's CRDs in the output"),
    BOOL("is-upgrade", "render with .Release.IsUpgrade set instead of .Release.IsInstall"),
    TEXT("kube-version", "Kubernetes version offered to templates as .Capabilities.KubeVersion"),
    TEXT("output-dir", "write each rendered template to a file under this directory instead of stdout"),
    BOOL("release-name", "put the release name in the paths under --output-dir"),
    {.name = "show-only", .shorthand = 's', .kind = CLI_FLAG_STRING_ARRAY,
     .usage = "only print the manifests rendered from these templates (repeatable)"},
    BOOL("skip-tests", "leave test manifests out of the output"),
    DEPRECATED_BOOL("validate", "use '--dry-run=server' instead"),
    DEPRECATED_BOOL("hide-notes", NO_EFFECT_ON_TEMPLATE),
    DEPRECATED_BOOL("render-subchart-notes", NO_EFFECT_ON_TEMPLATE),
    END
};

static const cli_flag upgrade_own_flags[] = {
    BOOL("cleanup-on-fail", "delete the resources this upgrade created when it fails"),
    HISTORY_MAX,
    {.name = "install", .shorthand = 'i', .kind = CLI_FLAG_BOOL,
     .usage = "install the release when no release of this name exists"},
    BOOL("reset-then-reuse-values", "start from the chart's values, apply the last release's, then the command line's"),
    BOOL("reset-values", "start from the chart's own values"),
    BOOL("reuse-values", "start from the last release's values and merge the command line's over them"),
    SERVER_SIDE_CHOICE,
    BOOL("upgrade-crds", "also apply the chart's crds/ (server-side) before upgrading; helm never does"),
    END
};

const cli_flag *const cli_install_flags[] = {
    install_output_flags, install_name_flags, release_change_flags, values_flags, renamed_install_flags,
    output_flag, chart_locate_flags, tls_client_flags, credential_flags, plain_http_flag, keyring_flag, NULL
};
const cli_flag *const cli_upgrade_flags[] = {
    upgrade_own_flags, install_output_flags, release_change_flags, values_flags, output_flag, renamed_install_flags,
    chart_locate_flags, tls_client_flags, credential_flags, plain_http_flag, keyring_flag, NULL
};
const cli_flag *const cli_template_flags[] = {
    template_own_flags, install_name_flags, release_change_flags, values_flags, renamed_install_flags,
    chart_locate_flags, tls_client_flags, credential_flags, plain_http_flag, keyring_flag, NULL
};

/* --- managing releases ------------------------------------------------------------------- */

static const cli_flag rollback_own_flags[] = {
    BOOL("cleanup-on-fail", "delete the resources this rollback created when it fails"),
    DRY_RUN("none"),
    BOOL("force-conflicts", "with server-side apply, force changes that conflict"),
    BOOL("force-replace", "update resources by replacing them"),
    HISTORY_MAX,
    BOOL("no-hooks", "do not run the release's hooks"),
    SERVER_SIDE_CHOICE,
    TIMEOUT("5m0s"),
    WAIT,
    BOOL("wait-for-jobs", "with --wait, also wait for Jobs to complete, up to --timeout"),
    END
};

static const cli_flag uninstall_own_flags[] = {
    {.name = "cascade", .kind = CLI_FLAG_STRING, .default_value = "background",
     .choices = "background orphan foreground",
     .usage = "how dependents are deleted: \"background\", \"orphan\" or \"foreground\""},
    TEXT("description", "custom description of the uninstall"),
    BOOL("dry-run", "only simulate the uninstall"),
    BOOL("ignore-not-found", "succeed when the release does not exist"),
    BOOL("keep-history", "delete the resources but keep the release history, marked uninstalled"),
    BOOL("no-hooks", "do not run the release's hooks"),
    TIMEOUT("5m0s"),
    WAIT,
    END
};

static const cli_flag test_own_flags[] = {
    {.name = "filter", .kind = CLI_FLAG_STRING_SLICE,
     .usage = "select tests by attribute (only \"name\" so far): name=test1 runs it, !name=test2 skips it"},
    BOOL("logs", "print the logs of the test pods once every test has run"),
    TIMEOUT("5m0s"),
    END
};

static const cli_flag list_own_flags[] = {
    {.name = "all-namespaces", .shorthand = 'A', .kind = CLI_FLAG_BOOL, .usage = "list releases of every namespace"},
    {.name = "date", .shorthand = 'd', .kind = CLI_FLAG_BOOL, .usage = "sort by release date"},
    BOOL("deployed", "show deployed releases"),
    BOOL("failed", "show failed releases"),
    {.name = "filter", .shorthand = 'f', .kind = CLI_FLAG_STRING,
     .usage = "Perl-compatible regular expression; only matching release names are listed"},
    {.name = "max", .shorthand = 'm', .kind = CLI_FLAG_INT, .default_value = "256",
     .usage = "largest number of releases to fetch"},
    BOOL("no-headers", "leave the header line out of the table output"),
    {.name = "offset", .kind = CLI_FLAG_INT, .usage = "index in the list of the first release shown"},
    BOOL("pending", "show pending releases"),
    {.name = "reverse", .shorthand = 'r', .kind = CLI_FLAG_BOOL, .usage = "reverse the sort order"},
    {.name = "selector", .shorthand = 'l', .kind = CLI_FLAG_STRING,
     .usage = "label selector ('=', '==' and '!='), matched against release labels"},
    {.name = "short", .shorthand = 'q', .kind = CLI_FLAG_BOOL, .usage = "print release names only"},
    BOOL("superseded", "show superseded releases"),
    TEXT("time-format", "Go time layout for dates, e.g. \"2006-01-02 15:04:05Z0700\""),
    BOOL("uninstalled", "show uninstalled releases kept with 'uninstall --keep-history'"),
    BOOL("uninstalling", "show releases being uninstalled"),
    END
};

static const cli_flag history_own_flags[] = {
    {.name = "max", .kind = CLI_FLAG_INT, .default_value = "256",
     .usage = "largest number of revisions to show"},
    END
};

static const cli_flag get_all_own_flags[] = {
    TEXT("template", "Go template for the output, e.g. {{.Release.Name}}"),
    END
};

static const cli_flag get_values_own_flags[] = {
    {.name = "all", .shorthand = 'a', .kind = CLI_FLAG_BOOL, .usage = "print every computed value"},
    END
};

const cli_flag *const cli_rollback_flags[] = {rollback_own_flags, renamed_force_flag, NULL};
const cli_flag *const cli_uninstall_flags[] = {uninstall_own_flags, NULL};
const cli_flag *const cli_test_flags[] = {test_own_flags, NULL};
const cli_flag *const cli_list_flags[] = {list_own_flags, output_flag, NULL};
const cli_flag *const cli_history_flags[] = {history_own_flags, output_flag, NULL};
const cli_flag *const cli_status_flags[] = {output_flag, revision_flag, NULL};
const cli_flag *const cli_get_all_flags[] = {get_all_own_flags, revision_flag, NULL};
const cli_flag *const cli_get_revision_flags[] = {revision_flag, NULL};
const cli_flag *const cli_get_metadata_flags[] = {output_flag, revision_flag, NULL};
const cli_flag *const cli_get_values_flags[] = {get_values_own_flags, output_flag, revision_flag, NULL};

/* --- charts ------------------------------------------------------------------------------ */

static const cli_flag lint_own_flags[] = {
    TEXT("kube-version", "Kubernetes version used for capabilities and deprecation checks"),
    BOOL("quiet", "print warnings and errors only"),
    BOOL("skip-schema-validation", "do not validate values against the chart's JSON schema"),
    BOOL("strict", "treat lint warnings as failures"),
    BOOL("with-subcharts", "lint the chart's dependencies too"),
    END
};

static const cli_flag show_values_own_flags[] = {
    TEXT("jsonpath", "JSONPath expression that selects what is printed"),
    END
};

static const cli_flag package_own_flags[] = {
    TEXT("app-version", "set the chart's appVersion to this"),
    {.name = "dependency-update", .shorthand = 'u', .kind = CLI_FLAG_BOOL,
     .usage = "update the dependencies listed in \"Chart.yaml\" into \"charts/\" before packaging"},
    {.name = "destination", .shorthand = 'd', .kind = CLI_FLAG_STRING, .default_value = ".",
     .usage = "directory to write the chart archive to"},
    TEXT("key", "name of the signing key, with --sign"),
    TEXT("passphrase-file", "file holding the signing key's passphrase; \"-\" reads stdin"),
    BOOL("sign", "sign the package with a PGP private key"),
    TEXT("version", "set the chart's version to this semantic version"),
    END
};

static const cli_flag pull_own_flags[] = {
    {.name = "destination", .shorthand = 'd', .kind = CLI_FLAG_STRING, .default_value = ".",
     .usage = "directory to write the chart to; with --untardir, the untar directory goes under it"},
    BOOL("prov", "also fetch the provenance file, without verifying it"),
    BOOL("untar", "unpack the chart after downloading it"),
    {.name = "untardir", .kind = CLI_FLAG_STRING, .default_value = ".",
     .usage = "with --untar, the directory the chart is unpacked into"},
    END
};

static const cli_flag dependency_fetch_own_flags[] = {
    BOOL("skip-refresh", "do not refresh the local repository cache"),
    BOOL("verify", "verify the dependencies' signatures"),
    END
};

static const cli_flag dependency_list_own_flags[] = {
    MAX_COLUMN_WIDTH("80"),
    END
};

static const cli_flag create_own_flags[] = {
    {.name = "starter", .shorthand = 'p', .kind = CLI_FLAG_STRING,
     .usage = "name or absolute path of the starter scaffold to create the chart from"},
    BOOL("lua", "write the workload templates in Lua (render-lua) instead of Go templates"),
    END
};

const cli_flag *const cli_lint_flags[] = {lint_own_flags, values_flags, NULL};
const cli_flag *const cli_show_flags[] = {
    chart_locate_flags, tls_client_flags, credential_flags, plain_http_flag, keyring_flag, NULL
};
const cli_flag *const cli_show_values_flags[] = {
    show_values_own_flags, chart_locate_flags, tls_client_flags, credential_flags, plain_http_flag,
    keyring_flag, NULL
};
const cli_flag *const cli_package_flags[] = {
    package_own_flags, tls_client_flags, credential_flags, plain_http_flag, keyring_flag, NULL
};
const cli_flag *const cli_pull_flags[] = {
    pull_own_flags, chart_locate_flags, tls_client_flags, credential_flags, plain_http_flag, keyring_flag, NULL
};
const cli_flag *const cli_push_flags[] = {tls_client_flags, credential_flags, plain_http_flag, NULL};
const cli_flag *const cli_dependency_fetch_flags[] = {
    dependency_fetch_own_flags, tls_client_flags, credential_flags, plain_http_flag, keyring_flag, NULL
};
const cli_flag *const cli_dependency_list_flags[] = {dependency_list_own_flags, NULL};
const cli_flag *const cli_create_flags[] = {create_own_flags, NULL};
const cli_flag *const cli_verify_flags[] = {keyring_flag, NULL};

/* --- repositories, search and registries ------------------------------------------------- */

static const cli_flag repo_add_own_flags[] = {
    BOOL("allow-deprecated-repos", "allow adding official repositories that were permanently deleted"),
    BOOL("force-update", "replace the repository when one of that name exists"),
    BOOL("pass-credentials", "send the credentials to every domain, not only the repository's"),
    BOOL("password-stdin", "read the repository password from stdin"),
    {.name = "timeout", .kind = CLI_FLAG_DURATION, .default_value = "2m0s",
     .usage = "how long to wait for the index file to download"},
    END
};

static const cli_flag repo_index_own_flags[] = {
    BOOL("json", "write the index as JSON"),
    TEXT("merge", "merge the new index into this existing index"),
    TEXT("url", "URL of the chart repository"),
    END
};

static const cli_flag repo_list_own_flags[] = {
    BOOL("no-headers", "leave the header line out of the output"),
    END
};

static const cli_flag repo_update_own_flags[] = {
    {.name = "timeout", .kind = CLI_FLAG_DURATION, .default_value = "2m0s",
     .usage = "how long to wait for each index file to download"},
    END
};

static const cli_flag search_hub_own_flags[] = {
    {.name = "endpoint", .kind = CLI_FLAG_STRING, .default_value = "https://hub.helm.sh",
     .usage = "hub instance to search"},
    BOOL("fail-on-no-result", "fail when nothing is found"),
    BOOL("list-repo-url", "print the URL of each chart's repository"),
    MAX_COLUMN_WIDTH("50"),
    END
};

static const cli_flag search_repo_own_flags[] = {
    BOOL("devel", "include development versions (alpha, beta, release candidates); ignored when --version is set"),
    BOOL("fail-on-no-result", "fail when nothing is found"),
    MAX_COLUMN_WIDTH("50"),
    {.name = "regexp", .shorthand = 'r', .kind = CLI_FLAG_BOOL,
     .usage = "treat the keyword as a regular expression"},
    TEXT("version", "semantic version constraint the charts must meet"),
    {.name = "versions", .shorthand = 'l', .kind = CLI_FLAG_BOOL,
     .usage = "list every version of each chart, one per line"},
    END
};

static const cli_flag registry_login_own_flags[] = {
    TEXT("ca-file", "check the registry's certificate against this CA bundle"),
    TEXT("cert-file", "client certificate file to identify with to the registry"),
    BOOL("insecure", "allow registries whose TLS certificates cannot be checked"),
    {.name = "password", .shorthand = 'p', .kind = CLI_FLAG_STRING, .usage = "registry password or identity token"},
    BOOL("password-stdin", "read the password or identity token from stdin"),
    TEXT("key-file", "client key file to identify with to the registry"),
    {.name = "username", .shorthand = 'u', .kind = CLI_FLAG_STRING, .usage = "registry user name"},
    END
};

const cli_flag *const cli_repo_add_flags[] = {repo_add_own_flags, tls_client_flags, credential_flags, NULL};
const cli_flag *const cli_repo_index_flags[] = {repo_index_own_flags, NULL};
const cli_flag *const cli_repo_list_flags[] = {repo_list_own_flags, output_flag, NULL};
const cli_flag *const cli_repo_update_flags[] = {repo_update_own_flags, NULL};
const cli_flag *const cli_search_hub_flags[] = {search_hub_own_flags, output_flag, NULL};
const cli_flag *const cli_search_repo_flags[] = {search_repo_own_flags, output_flag, NULL};
const cli_flag *const cli_registry_login_flags[] = {
    registry_login_own_flags, plain_http_flag, NULL
};

/* --- the client itself ------------------------------------------------------------------- */

static const cli_flag version_own_flags[] = {
    BOOL("short", "print the version number only"),
    TEXT("template", "Go template for the version text, e.g. {{.Version}}"),
    END
};

static const cli_flag completion_own_flags[] = {
    BOOL("no-descriptions", "leave descriptions out of the completions"),
    END
};

static const cli_flag plugin_list_own_flags[] = {
    TEXT("type", "only list plugins of this kind (storage, render, repo, hook)"),
    END
};

static const cli_flag plugin_install_own_flags[] = {
    {.name = "verify", .kind = CLI_FLAG_BOOL, .default_value = "true",
     .usage = "verify the plugin's signature before installing it"},
    TEXT("version", "version constraint for the plugin; the newest when empty"),
    END
};

static const cli_flag plugin_package_own_flags[] = {
    {.name = "destination", .shorthand = 'd', .kind = CLI_FLAG_STRING, .default_value = ".",
     .usage = "directory to write the plugin archive to"},
    TEXT("key", "name of the signing key, with --sign"),
    TEXT("passphrase-file", "file holding the signing key's passphrase; \"-\" reads stdin"),
    {.name = "sign", .kind = CLI_FLAG_BOOL, .default_value = "true",
     .usage = "sign the plugin with a PGP private key"},
    END
};

const cli_flag *const cli_version_flags[] = {version_own_flags, NULL};
const cli_flag *const cli_completion_flags[] = {completion_own_flags, NULL};
const cli_flag *const cli_plugin_list_flags[] = {plugin_list_own_flags, output_flag, NULL};
const cli_flag *const cli_plugin_install_flags[] = {
    plugin_install_own_flags, tls_client_flags, credential_flags, plain_http_flag, keyring_flag, NULL
};
const cli_flag *const cli_plugin_package_flags[] = {plugin_package_own_flags, keyring_flag, NULL};
const cli_flag *const cli_plugin_verify_flags[] = {keyring_flag, NULL};
