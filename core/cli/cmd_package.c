/* cmd_package.c: `celm package`: chart directories written as versioned chart archives. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static int set_metadata_text(celm_chart *chart, const char *key, const char *text)
{
    celm_value *value = celm_value_cstring(chart->arena, text);
    return value ? celm_map_set(chart->arena, chart->metadata, key, strlen(key), value) : CELM_ENOMEM;
}

/* Helm's Package.Run for one chart directory. */
static int package_one(const cli_invocation *invocation, const char *path, const char *destination)
{
    celm_chart *chart = NULL;
    celm_error err = CELM_ERROR_INIT;
    int status = celm_chart_load(&chart, path, &err);
    const char *version = cli_flag_string(invocation, "version");
    const char *app_version = cli_flag_string(invocation, "app-version");
    if (status == CELM_OK && version && *version)
        status = set_metadata_text(chart, "version", version);
    const celm_value *current = status == CELM_OK ? celm_map_cget(chart->metadata, "version") : NULL;
    celm_semver parsed;
    const char *text = current && current->kind == CELM_VALUE_STRING ? current->as.string.data : "";
    if (status == CELM_OK)
        status = celm_semver_parse(&parsed, text, strlen(text), &err);
    if (status == CELM_OK && app_version && *app_version)
        status = set_metadata_text(chart, "appVersion", app_version);
    if (status == CELM_OK)
        status = celm_chart_check_dependencies(chart, &err);
    const char *saved = NULL;
    if (status == CELM_OK && celm_chart_save(chart, destination, &saved, &err) != CELM_OK) {
        char message[CELM_ERROR_MESSAGE_SIZE];
        snprintf(message, sizeof message, "failed to save: %.1000s", err.message);
        snprintf(err.message, sizeof err.message, "%s", message);
        status = CELM_EIO;
    }
    if (status == CELM_OK)
        printf("Successfully packaged chart and saved it to: %s\n", saved);
    celm_chart_free(chart);
    return status == CELM_OK ? 0 : cli_fail("%s", err.message);
}

/* -u: helm's Manager.Update on the chart before it is packaged, its Out discarded. */
static int update_dependencies(const cli_invocation *invocation, const char *path)
{
    celm_dependency_options options = cli_dependency_options(invocation, celm_path_absolute(invocation->arena, path));
    options.output = NULL;
    celm_error err = CELM_ERROR_INIT;
    return celm_dependency_update(&options, &err) == CELM_OK ? 0 : cli_fail("%s", err.message);
}

int cli_package_command(const cli_invocation *invocation)
{
    if (cli_flag_is_true(invocation, "sign"))
        return cli_fail("--sign is not implemented in celm yet");
    const char *destination = cli_flag_string(invocation, "destination");
    char working[PATH_MAX];
    if (!destination || strcmp(destination, ".") == 0)
        destination = getcwd(working, sizeof working) ? working : ".";
    for (size_t i = 0; i < invocation->argument_count; i++) {
        const char *argument = invocation->arguments[i];
        struct stat info;
        if (stat(argument, &info) != 0) {
            char reason[128];
            return cli_fail("stat %s: %s", argument, celm_errno_text(errno, reason, sizeof reason));
        }
        if (cli_flag_is_true(invocation, "dependency-update") && update_dependencies(invocation, argument) != 0)
            return 1;
        char absolute[PATH_MAX];
        int status = package_one(invocation, realpath(argument, absolute) ? absolute : argument, destination);
        if (status)
            return status;
    }
    return 0;
}
