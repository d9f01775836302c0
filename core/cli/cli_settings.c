/* cli_settings.c: helm's global flags and environment variables, resolved into one settings struct. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *environment_default(const cli_flag *flag);

/* Every command accepts these (cobra's persistent flags of the root). */
const cli_flag cli_global_flags[] = {
    {.name = "burst-limit", .kind = CLI_FLAG_INT, .computed_default = environment_default,
     .usage = "client-side throttling limit for requests to the Kubernetes API"},
    {.name = "color", .kind = CLI_FLAG_STRING, .computed_default = environment_default, .choices = "never auto always",
     .usage = "when to color the output: never, auto or always"},
    {.name = "colour", .kind = CLI_FLAG_STRING, .computed_default = environment_default, .choices = "never auto always",
     .usage = "when to colour the output: never, auto or always"},
    {.name = "content-cache", .kind = CLI_FLAG_STRING, .computed_default = environment_default,
     .usage = "directory holding cached content such as charts"},
    {.name = "debug", .kind = CLI_FLAG_BOOL, .computed_default = environment_default,
     .usage = "print verbose output"},
    {.name = "kube-apiserver", .kind = CLI_FLAG_STRING, .computed_default = environment_default,
     .usage = "address and port of the Kubernetes API server"},
    {.name = "kube-as-group", .kind = CLI_FLAG_STRING_ARRAY, .computed_default = environment_default,
     .usage = "group to impersonate for the operation; repeat the flag to impersonate several groups"},
    {.name = "kube-as-user", .kind = CLI_FLAG_STRING, .computed_default = environment_default,
     .usage = "user name to impersonate for the operation"},
    {.name = "kube-ca-file", .kind = CLI_FLAG_STRING, .computed_default = environment_default,
     .usage = "certificate authority file for the connection to the Kubernetes API server"},
    {.name = "kube-context", .kind = CLI_FLAG_STRING, .computed_default = environment_default,
     .usage = "kubeconfig context to use"},
    {.name = "kube-insecure-skip-tls-verify", .kind = CLI_FLAG_BOOL, .computed_default = environment_default,
     .usage = "do not check the Kubernetes API server's certificate, which makes HTTPS connections insecure"},
    {.name = "kube-tls-server-name", .kind = CLI_FLAG_STRING, .computed_default = environment_default,
     .usage = "server name the Kubernetes API server's certificate is checked against; the contacted host name when empty"},
    {.name = "kube-token", .kind = CLI_FLAG_STRING, .computed_default = environment_default,
     .usage = "bearer token to authenticate with"},
    {.name = "kubeconfig", .kind = CLI_FLAG_STRING, .usage = "path to the kubeconfig file"},
    {.name = "namespace", .shorthand = 'n', .kind = CLI_FLAG_STRING, .computed_default = environment_default,
     .usage = "namespace the request applies to"},
    {.name = "plugin-dir", .kind = CLI_FLAG_STRING_ARRAY,
     .usage = "directory searched for celm plugins before all others; may be repeated"},
    {.name = "qps", .kind = CLI_FLAG_FLOAT32, .computed_default = environment_default,
     .usage = "queries per second sent to the Kubernetes API, bursts not counted"},
    {.name = "registry-config", .kind = CLI_FLAG_STRING, .computed_default = environment_default,
     .usage = "path to the registry configuration file"},
    {.name = "repository-cache", .kind = CLI_FLAG_STRING, .computed_default = environment_default,
     .usage = "directory of cached repository indexes"},
    {.name = "repository-config", .kind = CLI_FLAG_STRING, .computed_default = environment_default,
     .usage = "path to the file of repository names and URLs"},
    {0}
};

typedef enum setting_type {
    SETTING_TEXT,
    SETTING_BOOL,
    SETTING_INTEGER,
    SETTING_FLOAT,
    SETTING_LIST
} setting_type;

/* Where each global flag lands in cli_settings, so defaults and flag values share one path. */
typedef struct setting_binding {
    const char *flag_name;
    setting_type type;
    size_t offset;
    size_t count_offset;        /* SETTING_LIST only */
} setting_binding;

#define FIELD(member) offsetof(cli_settings, member)
static const setting_binding bindings[] = {
    {"burst-limit", SETTING_INTEGER, FIELD(burst_limit), 0},
    {"color", SETTING_TEXT, FIELD(color_mode), 0},
    {"colour", SETTING_TEXT, FIELD(color_mode), 0},
    {"content-cache", SETTING_TEXT, FIELD(content_cache), 0},
    {"debug", SETTING_BOOL, FIELD(debug), 0},
    {"kube-apiserver", SETTING_TEXT, FIELD(kube_apiserver), 0},
    {"kube-as-group", SETTING_LIST, FIELD(kube_as_groups), FIELD(kube_as_group_count)},
    {"kube-as-user", SETTING_TEXT, FIELD(kube_as_user), 0},
    {"kube-ca-file", SETTING_TEXT, FIELD(kube_ca_file), 0},
    {"kube-context", SETTING_TEXT, FIELD(kube_context), 0},
    {"kube-insecure-skip-tls-verify", SETTING_BOOL, FIELD(kube_insecure_skip_tls_verify), 0},
    {"kube-tls-server-name", SETTING_TEXT, FIELD(kube_tls_server_name), 0},
    {"kube-token", SETTING_TEXT, FIELD(kube_token), 0},
    {"kubeconfig", SETTING_TEXT, FIELD(kubeconfig), 0},
    {"namespace", SETTING_TEXT, FIELD(namespace_name), 0},
    {"plugin-dir", SETTING_LIST, FIELD(plugin_dirs), FIELD(plugin_dir_count)},
    {"qps", SETTING_FLOAT, FIELD(qps), 0},
    {"registry-config", SETTING_TEXT, FIELD(registry_config), 0},
    {"repository-cache", SETTING_TEXT, FIELD(repository_cache), 0},
    {"repository-config", SETTING_TEXT, FIELD(repository_config), 0},
};
#undef FIELD

/* Process-lifetime storage for what is read from the environment. */
static celm_arena *environment_arena;

static void environment_arena_release(void)
{
    celm_arena_destroy(environment_arena);
    environment_arena = NULL;
}

static const char *environment_text(const char *name)
{
    const char *value = getenv(name);
    return value ? value : "";
}

/* Go's filepath.Join for the simple cases helm meets: no doubled or trailing slashes. */
static const char *path_join(const char *base, const char *leaf)
{
    size_t len = strlen(base);
    while (len > 1 && base[len - 1] == '/')
        len--;
    if (!*leaf)
        return celm_arena_strndup(environment_arena, base, len);
    return celm_arena_printf(environment_arena, "%.*s/%s", (int)len, base, leaf);
}

/* helmpath's lazy paths: $HELM_*_HOME, else $XDG_*_HOME/<app>, else $HOME/<fallback>/<app>. */
static const char *application_home(const char *own_variable, const char *xdg_variable,
                                    const char *home_fallback, const char *application)
{
    const char *own = environment_text(own_variable);
    if (*own)
        return path_join(own, "");
    const char *xdg = environment_text(xdg_variable);
    if (!*xdg)
        xdg = path_join(environment_text("HOME"), home_fallback);
    return path_join(xdg, application);
}

static const char *environment_or(const char *name, const char *fallback)
{
    const char *value = environment_text(name);
    return *value ? value : fallback;
}

/* strconv.Atoi: decimal only, the whole text. */
static long long environment_integer(const char *name, long long fallback)
{
    const char *value = environment_text(name);
    char *end;
    long long parsed = strtoll(value, &end, 10);
    return *value && !*end ? parsed : fallback;
}

static int environment_bool(const char *name)
{
    int truth = 0;
    return cli_parse_bool(environment_text(name), &truth) == 0 && truth;
}

static float environment_float(const char *name)
{
    char reason[CLI_REASON_SIZE];
    const char *value = environment_text(name);
    float parsed = 0.0f;
    if (!*value || cli_check_float32(value, reason, sizeof reason) != 0 || cli_parse_float32(value, &parsed) != 0)
        return 0.0f;
    return parsed;
}

/* helm's envCSV: trimmed of commas and blanks, then split at commas. */
static void environment_list(const char *name, const char ***out, size_t *count)
{
    const char *value = environment_text(name);
    size_t start = strspn(value, ", "), end = strlen(value);
    while (end > start && strchr(", ", value[end - 1]))
        end--;
    *out = NULL, *count = 0;
    if (end == start)
        return;
    size_t pieces = 1;
    for (size_t i = start; i < end; i++)
        pieces += value[i] == ',';
    *out = celm_arena_alloc(environment_arena, (pieces + 1) * sizeof **out);
    for (size_t i = start; *out && *count < pieces; (*count)++) {
        size_t len = strcspn(value + i, ",");
        if (i + len > end)
            len = end - i;
        (*out)[*count] = celm_arena_strndup(environment_arena, value + i, len);
        i += len + 1;
    }
}

static const char *environment_color_mode(void)
{
    if (*environment_text("NO_COLOR"))
        return "never";
    const char *mode = environment_text("HELM_COLOR");
    if (!strcmp(mode, "never") || !strcmp(mode, "auto") || !strcmp(mode, "always"))
        return mode;
    return "auto";
}

static void read_paths(cli_settings *settings)
{
    settings->cache_home = application_home("HELM_CACHE_HOME", "XDG_CACHE_HOME", ".cache", "helm");
    settings->config_home = application_home("HELM_CONFIG_HOME", "XDG_CONFIG_HOME", ".config", "helm");
    settings->data_home = application_home("HELM_DATA_HOME", "XDG_DATA_HOME", ".local/share", "helm");
    settings->celm_data_home = application_home("CELM_DATA_HOME", "XDG_DATA_HOME", ".local/share", "celm");
    settings->plugins_directory = environment_or("HELM_PLUGINS", path_join(settings->data_home, "plugins"));
    settings->registry_config = environment_or("HELM_REGISTRY_CONFIG",
                                               path_join(settings->config_home, "registry/config.json"));
    settings->repository_config = environment_or("HELM_REPOSITORY_CONFIG",
                                                 path_join(settings->config_home, "repositories.yaml"));
    settings->repository_cache = environment_or("HELM_REPOSITORY_CACHE",
                                                path_join(settings->cache_home, "repository"));
    settings->content_cache = environment_or("HELM_CONTENT_CACHE", path_join(settings->cache_home, "content"));
}

static void read_environment(cli_settings *settings)
{
    memset(settings, 0, sizeof *settings);
    settings->namespace_name = environment_text("HELM_NAMESPACE");
    settings->kube_context = environment_text("HELM_KUBECONTEXT");
    settings->kubeconfig = "";
    settings->kubeconfig_environment = environment_text("KUBECONFIG");
    settings->kube_apiserver = environment_text("HELM_KUBEAPISERVER");
    settings->kube_as_user = environment_text("HELM_KUBEASUSER");
    environment_list("HELM_KUBEASGROUPS", &settings->kube_as_groups, &settings->kube_as_group_count);
    settings->kube_ca_file = environment_text("HELM_KUBECAFILE");
    settings->kube_tls_server_name = environment_text("HELM_KUBETLS_SERVER_NAME");
    settings->kube_token = environment_text("HELM_KUBETOKEN");
    settings->kube_insecure_skip_tls_verify = environment_bool("HELM_KUBEINSECURE_SKIP_TLS_VERIFY");
    settings->debug = environment_bool("HELM_DEBUG");
    settings->burst_limit = environment_integer("HELM_BURST_LIMIT", 100);
    settings->qps = environment_float("HELM_QPS");
    settings->max_history = (int)environment_integer("HELM_MAX_HISTORY", 10);
    settings->color_mode = environment_color_mode();
    read_paths(settings);
}

const cli_settings *cli_settings_from_environment(void)
{
    static cli_settings settings;
    if (!environment_arena) {
        environment_arena = celm_arena_create();
        atexit(environment_arena_release);
        read_environment(&settings);
    }
    return &settings;
}

static const setting_binding *binding_find(const char *flag_name)
{
    for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++)
        if (strcmp(bindings[i].flag_name, flag_name) == 0)
            return &bindings[i];
    return NULL;
}

static const char *list_text(const char *const *items, size_t count)
{
    const char *text = "[";
    for (size_t i = 0; i < count; i++)
        text = celm_arena_printf(environment_arena, "%s%s%s", text, i ? "," : "", items[i]);
    return celm_arena_printf(environment_arena, "%s]", text);
}

static const char *environment_text_of(const setting_binding *binding)
{
    const cli_settings *settings = cli_settings_from_environment();
    const char *field = (const char *)settings + binding->offset;
    char number[64];
    switch (binding->type) {
    case SETTING_TEXT: return *(const char *const *)field;
    case SETTING_BOOL: return *(const int *)field ? "true" : "false";
    case SETTING_INTEGER: return celm_arena_printf(environment_arena, "%lld", *(const long long *)field);
    case SETTING_FLOAT:
        cli_format_float32(*(const float *)field, number, sizeof number);
        return celm_arena_printf(environment_arena, "%s", number);
    case SETTING_LIST:
        return list_text(*(const char *const *const *)field,
                         *(const size_t *)((const char *)settings + binding->count_offset));
    }
    return "";
}

/* A global flag's default is what the environment already set, as in helm's --help; every command
 * line builds its flag sets more than once, so each text is made once. */
static const char *environment_default(const cli_flag *flag)
{
    static const char *texts[sizeof bindings / sizeof bindings[0]];
    const setting_binding *binding = binding_find(flag->name);
    size_t index = (size_t)(binding - bindings);
    if (!texts[index])
        texts[index] = environment_text_of(binding);
    return texts[index];
}

static void apply_flag(cli_settings *settings, const setting_binding *binding, const cli_flag_value *entry)
{
    char *field = (char *)settings + binding->offset;
    long long integer = 0;
    switch (binding->type) {
    case SETTING_TEXT: *(const char **)field = entry->value; break;
    case SETTING_BOOL: cli_parse_bool(entry->value, (int *)field); break;
    case SETTING_INTEGER:
        if (cli_parse_int(entry->value, &integer) == 0)
            *(long long *)field = integer;
        break;
    case SETTING_FLOAT: cli_parse_float32(entry->value, (float *)field); break;
    case SETTING_LIST:
        *(const char ***)field = entry->values;
        *(size_t *)((char *)settings + binding->count_offset) = entry->count;
        break;
    }
}

int cli_settings_resolve(cli_settings *out, const cli_flag_set *flags, char *reason, size_t reason_size)
{
    *out = *cli_settings_from_environment();
    for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++) {
        const cli_flag_value *entry = cli_flag_find(flags, bindings[i].flag_name);
        if (entry && entry->changed)
            apply_flag(out, &bindings[i], entry);
    }
    const char *mode = out->color_mode;
    if (strcmp(mode, "never") != 0 && strcmp(mode, "auto") != 0 && strcmp(mode, "always") != 0) {
        char quoted[CLI_REASON_SIZE / 2];
        cli_go_quote(mode, quoted, sizeof quoted);
        snprintf(reason, reason_size, "invalid color mode %s: must be one of: never, auto, always", quoted);
        return -1;
    }
    return 0;
}

const char *cli_settings_namespace(const cli_settings *settings)
{
    return settings->namespace_name && *settings->namespace_name ? settings->namespace_name : "default";
}

const char *cli_default_keyring(const cli_flag *flag)
{
    (void)flag;
    cli_settings_from_environment();
    if (getenv("GNUPGHOME"))
        return path_join(environment_text("GNUPGHOME"), "pubring.gpg");
    return path_join(environment_text("HOME"), ".gnupg/pubring.gpg");
}
