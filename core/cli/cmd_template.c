/* cmd_template.c: `celm template`: load, process and render a chart locally and print its manifests. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_run.h"
#include "release_name.h"

/* Flags that need parts celm does not have yet: refused rather than ignored. */
static int refuse_unbuilt(const cli_invocation *invocation)
{
    cli_dry_run mode;
    int failed = cli_dry_run_strategy(invocation, 1, &mode);
    if (failed)
        return failed;
    if (mode == CLI_DRY_RUN_SERVER || cli_flag_is_true(invocation, "validate"))
        return cli_fail("--dry-run=server (and --validate) is not implemented in celm yet");
    if (cli_flag_is_true(invocation, "verify"))
        return cli_fail("--verify is not implemented in celm yet");
    static const char *const unbuilt[] = {"post-renderer", "repo", NULL};
    for (const char *const *flag = unbuilt; *flag; flag++) {
        const char *value = cli_flag_string(invocation, *flag);
        if (value && *value)
            return cli_fail("--%s is not implemented in celm yet", *flag);
    }
    return 0;
}

/* helm template skips the name-in-use check (Replace), not the name's syntax. */
static int check_name(const chart_run *run)
{
    const char *problem = release_name_problem(run->arena, run->release_name);
    return problem ? release_name_check_failed(run->arena, "", problem) : 0;
}

static int render_and_sort(chart_run *run, celm_sorted_release *release, celm_error *err)
{
    const cli_invocation *invocation = run->invocation;
    celm_render_options options = CELM_RENDER_OPTIONS_INIT;
    options.release_name = run->release_name;
    options.release_namespace = cli_settings_namespace(invocation->settings);
    options.is_upgrade = cli_flag_is_true(invocation, "is-upgrade");
    options.is_install = !options.is_upgrade;
    const char *kube_version = cli_flag_string(invocation, "kube-version");
    options.kube_version = kube_version && *kube_version ? kube_version : NULL;
    options.api_versions = cli_flag_list(invocation, "api-versions", &options.api_version_count);
    celm_registry *registry = cli_open_registry(invocation);
    celm_render_output *files = NULL;
    size_t count = 0;
    int status = registry ? celm_render(registry, run->arena, run->chart, run->values, &options, &files, &count, err)
                          : celm_error_set(err, CELM_EFAIL, "cannot open the plugin registry");
    if (status == CELM_OK)
        status = celm_manifests_sort(run->arena, files, count, run->chart->name, 0, cli_print_warning, NULL, release, err);
    celm_registry_close(registry);
    return status;
}

/* --output-dir: the files are written (their "wrote" lines printed even when a later one fails);
 * what is left to print is the empty manifest, or --show-only's complaint about it. */
static int write_files(chart_run *run, const celm_sorted_release *release, celm_template_output_options *options,
                       celm_string *manifest, celm_error *err)
{
    const cli_invocation *invocation = run->invocation;
    options->output_dir = cli_flag_string(invocation, "output-dir");
    options->release_dir = cli_flag_is_true(invocation, "release-name") ? run->release_name : NULL;
    celm_string wrote = {"", 0};
    int status = celm_template_write_files(run->arena, release,
                                           cli_flag_is_true(invocation, "include-crds") ? run->chart : NULL, options,
                                           &wrote, err);
    fwrite(wrote.data, 1, wrote.len, stdout);
    options->no_hooks = 1;
    *manifest = (celm_string){"", 0};
    return status;
}

static int render_and_print(chart_run *run)
{
    const cli_invocation *invocation = run->invocation;
    celm_error err = CELM_ERROR_INIT;
    celm_sorted_release release;
    int status = render_and_sort(run, &release, &err);
    /* Helm returns the half-built release with render and manifest errors, so its CLI adds a hint. */
    int hint = status != CELM_OK && err.code != CELM_ENOTFOUND;
    celm_string manifest, output;
    celm_template_output_options output_options = {0};
    output_options.no_hooks = cli_flag_is_true(invocation, "no-hooks");
    output_options.skip_tests = cli_flag_is_true(invocation, "skip-tests");
    output_options.show_only = cli_flag_list(invocation, "show-only", &output_options.show_only_count);
    const char *output_dir = cli_flag_string(invocation, "output-dir");
    if (status == CELM_OK && output_dir && *output_dir)
        hint = (status = write_files(run, &release, &output_options, &manifest, &err)) != CELM_OK;
    else if (status == CELM_OK)
        status = celm_manifest_text(run->arena, &release, cli_flag_is_true(invocation, "include-crds") ? run->chart : NULL,
                                    &manifest);
    if (status == CELM_OK)
        status = celm_template_output(run->arena, &release, &manifest, &output_options, &output, &err);
    if (status != CELM_OK && (hint || status == CELM_EPARSE))
        return cli_fail("%s\n\nUse --debug flag to render out invalid YAML", err.message);
    if (status != CELM_OK)
        return cli_fail("%s", err.message);
    fwrite(output.data, 1, output.len, stdout);
    return 0;
}

int cli_template_command(const cli_invocation *invocation)
{
    chart_run run;
    memset(&run, 0, sizeof run);
    run.invocation = invocation;
    run.arena = invocation->arena;
    int status = refuse_unbuilt(invocation);
    if (!status)
        status = release_name_and_chart(invocation, "", "release-name", &run.release_name, &run.chart_path);
    if (!status)
        status = chart_run_load_user_values(&run);
    if (!status)
        status = chart_run_load_chart(&run);
    if (!status)
        status = check_name(&run);
    if (!status)
        status = chart_run_prepare_values(&run);
    if (!status)
        status = render_and_print(&run);
    celm_chart_free(run.chart);
    return status;
}
