/* test_abi_refusals.c: the loader refuses each broken fixture plugin and says exactly why. */
#include <stdio.h>
#include <stdlib.h>

#include "celm/celm.h"
#include "check.h"

static const char *fixture_dir;
static const char *shadow_dir;

static const celm_plugin_info *find_info(const celm_plugin_info *infos, size_t count, const char *name,
                                         const char *directory)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(infos[i].name, name) == 0 && strncmp(infos[i].path, directory, strlen(directory)) == 0)
            return &infos[i];
    return NULL;
}

static void expect_status(const celm_plugin_info *infos, size_t count, const char *name, celm_plugin_status status,
                          const char *message_part)
{
    const celm_plugin_info *info = find_info(infos, count, name, fixture_dir);
    if (!info) {
        check_fail(__FILE__, __LINE__, "fixture %s not listed", name);
        return;
    }
    if (info->status != status)
        check_fail(__FILE__, __LINE__, "%s: status %s, expected %s (%s)", name, celm_plugin_status_text(info->status),
                   celm_plugin_status_text(status), info->message);
    if (message_part && !strstr(info->message, message_part))
        check_fail(__FILE__, __LINE__, "%s: message \"%s\" lacks \"%s\"", name, info->message, message_part);
    if (status != CELM_PLUGIN_LOADED && !strstr(info->message, info->path))
        check_fail(__FILE__, __LINE__, "%s: message does not name the file", name);
}

static void each_fixture_gets_its_reason(void)
{
    const char *dirs[] = {fixture_dir};
    celm_registry *registry;
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_registry_open(&registry, dirs, 1, &err), CELM_OK);
    const celm_plugin_info *infos;
    size_t count = celm_registry_scan(registry, &infos);
    CHECK_INT(count, 7);
    expect_status(infos, count, "good", CELM_PLUGIN_LOADED, NULL);
    char major_text[128], minor_text[128];
    snprintf(major_text, sizeof major_text, "built for plugin ABI 2.0, this celm provides 1.%d", CELM_ABI_MINOR);
    snprintf(minor_text, sizeof minor_text, "built for plugin ABI 1.%d, newer than this celm's 1.%d",
             CELM_ABI_MINOR + 3, CELM_ABI_MINOR);
    expect_status(infos, count, "badmajor", CELM_PLUGIN_ABI_MAJOR_MISMATCH, major_text);
    expect_status(infos, count, "newerminor", CELM_PLUGIN_ABI_MINOR_NEWER, minor_text);
    expect_status(infos, count, "nosymbol", CELM_PLUGIN_SYMBOL_MISSING, "celm_plugin_storage_nosymbol");
    expect_status(infos, count, "createfails", CELM_PLUGIN_CREATE_FAILED, "fixture refuses to start: no backend configured");
    expect_status(infos, count, "missingdep", CELM_PLUGIN_DEPENDENCY_MISSING, "libcelm_fixture_dependency.so");
    expect_status(infos, count, "wrongname", CELM_PLUGIN_BAD_DESCRIPTOR, "another kind or name");
    celm_registry_close(registry);
}

static void create_reports_refusals(void)
{
    const char *dirs[] = {fixture_dir};
    celm_registry *registry;
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_registry_open(&registry, dirs, 1, &err), CELM_OK);
    celm_plugin_instance instance;
    CHECK_INT(celm_registry_create(registry, "storage", "good", NULL, &instance, &err), CELM_OK);
    CHECK_STR(instance.descriptor->version, "1.2.3");
    celm_plugin_instance_destroy(&instance);
    CHECK_INT(celm_registry_create(registry, "storage", "badmajor", NULL, &instance, &err), CELM_EABI);
    CHECK(strstr(err.message, "ABI major mismatch") != NULL);
    CHECK_INT(celm_registry_create(registry, "storage", "createfails", NULL, &instance, &err), CELM_EINVAL);
    CHECK(strstr(err.message, "create failed: fixture refuses to start") != NULL);
    CHECK_INT(celm_registry_create(registry, "storage", "absent", NULL, &instance, &err), CELM_ENOTFOUND);
    CHECK(strstr(err.message, "celm-storage-absent.so not found") != NULL);
    celm_registry_close(registry);
}

static void earlier_directories_shadow_later_ones(void)
{
    const char *dirs[] = {shadow_dir, fixture_dir};
    celm_registry *registry;
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_registry_open(&registry, dirs, 2, &err), CELM_OK);
    const celm_plugin_info *infos;
    size_t count = celm_registry_scan(registry, &infos);
    const celm_plugin_info *first = find_info(infos, count, "good", shadow_dir);
    const celm_plugin_info *second = find_info(infos, count, "good", fixture_dir);
    CHECK(first && first->status == CELM_PLUGIN_LOADED);
    CHECK(second && second->status == CELM_PLUGIN_SHADOWED);
    celm_registry_close(registry);
}

static void file_names_are_parsed_strictly(void)
{
    const char *dirs[] = {"/nonexistent-celm-dir"};
    celm_registry *registry;
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_registry_open(&registry, dirs, 1, &err), CELM_OK);
    const celm_plugin_info *infos;
    CHECK_INT(celm_registry_scan(registry, &infos), 0);
    celm_registry_close(registry);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_abi_refusals FIXTURE_DIR SHADOW_DIR\n");
        return 2;
    }
    fixture_dir = argv[1];
    shadow_dir = argv[2];
    static const check_case cases[] = {CASE(each_fixture_gets_its_reason), CASE(create_reports_refusals),
                                       CASE(earlier_directories_shadow_later_ones), CASE(file_names_are_parsed_strictly)};
    return check_run(cases, sizeof cases / sizeof cases[0]);
}
