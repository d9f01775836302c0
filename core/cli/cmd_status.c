/* cmd_status.c: `celm status`: a release's latest (or given) revision, printed as helm prints it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "release_output.h"
#include "release_session.h"

static int release_objects(const release_session *session, celm_arena *arena, const celm_value *release,
                           celm_kube_object_list *objects)
{
    const char *manifest = celm_release_text(release, NULL, "manifest");
    const char *release_namespace = celm_release_text(release, NULL, "namespace");
    celm_error err = CELM_ERROR_INIT;
    return manifest && celm_kube_objects(session->kube, arena, manifest, release_namespace ? release_namespace : "default",
                                         objects, &err) == CELM_OK && objects->count;
}

/* helm status always shows the release's live objects: as tables in its table output. */
static const char *resource_tables(const release_session *session, celm_arena *arena, const celm_value *release)
{
    celm_kube_object_list objects;
    celm_string text;
    celm_error err = CELM_ERROR_INIT;
    if (!release_objects(session, arena, release, &objects) ||
        celm_kube_resource_tables(session->kube, arena, &objects, &text, &err) != CELM_OK)
        return NULL;
    return text.data;
}

/* ... and as objects under info.resources in -o json|yaml, with the chart left out. */
static int print_document(const release_session *session, celm_arena *arena, const celm_value *release,
                          cli_output_format format)
{
    celm_value *shown = celm_value_copy(arena, release);
    celm_map_remove(shown, "chart", 5);
    celm_kube_object_list objects;
    celm_value *resources;
    celm_error err = CELM_ERROR_INIT;
    celm_value *info = celm_map_cget(shown, "info");
    if (info && release_objects(session, arena, release, &objects) &&
        celm_kube_resource_objects(session->kube, arena, &objects, &resources, &err) == CELM_OK)
        celm_map_set(arena, info, "resources", 9, resources);
    if (format == CLI_OUTPUT_YAML)
        return cli_value_print(stdout, arena, shown, format, &err) == CELM_OK ? 0 : cli_fail("%s", err.message);
    celm_string json;
    if (celm_release_json(arena, shown, &json, &err) != CELM_OK)
        return cli_fail("%s", err.message);
    printf("%s\n", json.data);
    return 0;
}

int cli_status_command(const cli_invocation *invocation)
{
    release_session session;
    const celm_stored_release *found = release_session_revision(invocation, &session);
    const celm_value *release = found ? found->document : NULL;
    int status = found ? 0 : 1;
    if (!status) {
        cli_output_format format = cli_output_format_parse(cli_flag_string(invocation, "output"));
        release_print_options print = {0};
        if (format == CLI_OUTPUT_TABLE) {
            print.resources = resource_tables(&session, invocation->arena, release);
            release_print_status(stdout, invocation->arena, release, &print);
        }
        else
            status = print_document(&session, invocation->arena, release, format);
    }
    release_session_close(&session);
    return status;
}
