/* manifest_output.c: the release manifest text and what `helm template` prints from it. */
#include <string.h>

#include "buffer.h"
#include "celm/celm.h"
#include "manifest_internal.h"
#include "path_match.h"
#include "unicode_tables.h"
#include "utf8.h"

static void append_document(celm_buffer *out, const char *path, const char *data, size_t len)
{
    celm_buffer_append_str(out, "---\n# Source: ");
    celm_buffer_append_str(out, path);
    celm_buffer_append_char(out, '\n');
    celm_buffer_append(out, data, len);
    celm_buffer_append_char(out, '\n');
}

static int has_manifest_extension(const char *name)
{
    const char *slash = strrchr(name, '/');
    const char *dot = strrchr(slash ? slash : name, '.');
    return dot && (strcasecmp(dot, ".yaml") == 0 || strcasecmp(dot, ".yml") == 0 || strcasecmp(dot, ".json") == 0);
}

void celm_chart_each_crd(celm_arena *arena, const celm_chart *chart, celm_crd_visit visit, void *payload)
{
    const char *full_path = celm_chart_full_path(chart);
    for (size_t i = 0; i < chart->file_count; i++) {
        const celm_chart_file *file = &chart->files[i];
        if (strncmp(file->name, "crds/", 5) == 0 && has_manifest_extension(file->name))
            visit(payload, celm_arena_printf(arena, "%s/%s", full_path, file->name), file->data, file->len);
    }
    for (size_t i = 0; i < chart->dependency_count; i++)
        celm_chart_each_crd(arena, chart->dependencies[i], visit, payload);
}

static void append_crd(void *payload, const char *path, const char *data, size_t len)
{
    append_document(payload, path, data, len);
}

int celm_manifest_text(celm_arena *arena, const celm_sorted_release *release, const celm_chart *crd_chart,
                       celm_string *out)
{
    celm_buffer text;
    celm_buffer_init(&text);
    if (crd_chart)
        celm_chart_each_crd(arena, crd_chart, append_crd, &text);
    for (size_t i = 0; i < release->manifest_count; i++) {
        const celm_manifest *m = &release->manifests[i];
        append_document(&text, m->path, m->content.data, m->content.len);
    }
    return celm_buffer_finish(&text, arena, out);
}

/* Go's strings.TrimSpace bounds of text. */
static celm_string trim_space(const char *text, size_t len)
{
    size_t start = 0, end = len;
    while (start < end) {
        uint32_t rune;
        int width = celm_utf8_decode((const unsigned char *)text + start, end - start, &rune);
        if (!celm_unicode_is_space(rune) || (rune == CELM_RUNE_ERROR && width == 1))
            break;
        start += (size_t)width;
    }
    while (end > start) {
        size_t begin = end - 1;
        while (begin > start && ((unsigned char)text[begin] & 0xC0) == 0x80 && end - begin < 4)
            begin--;
        uint32_t rune;
        int width = celm_utf8_decode((const unsigned char *)text + begin, end - begin, &rune);
        if ((size_t)width != end - begin || !celm_unicode_is_space(rune))
            break;
        end = begin;
    }
    return (celm_string){text + start, end - start};
}

int manifest_hook_is_test(const celm_hook *hook)
{
    for (size_t i = 0; i < hook->event_count; i++)
        if (strcmp(hook->events[i], "test") == 0)
            return 1;
    return 0;
}

/* The path a document's "# Source: <chart>/<rest>" line names, without its first element. */
static const char *source_rest(celm_arena *arena, const celm_string *doc)
{
    const char *found = NULL;
    for (size_t at = 0; at + 10 <= doc->len && !found; at++)
        if (memcmp(doc->data + at, "# Source: ", 10) == 0)
            found = doc->data + at + 10;
    if (!found)
        return NULL;
    const char *end = doc->data + doc->len;
    const char *slash = memchr(found, '/', (size_t)(end - found));
    if (!slash || slash == found)
        return NULL;
    const char *rest = slash + 1, *stop = rest;
    while (stop < end && *stop != '\n')
        stop++;
    return stop > rest ? celm_arena_strndup(arena, rest, (size_t)(stop - rest)) : NULL;
}

static int show_only(celm_arena *arena, const celm_string *output, const celm_template_output_options *options,
                     celm_buffer *out, celm_error *err)
{
    celm_string *docs;
    size_t count = celm_manifest_split(arena, output->data, output->len, &docs);
    const char **rests = celm_arena_alloc(arena, (count + 1) * sizeof *rests);
    for (size_t d = 0; rests && d < count; d++)
        rests[d] = source_rest(arena, &docs[d]);
    for (size_t p = 0; p < options->show_only_count; p++) {
        int missing = 1;
        for (size_t d = 0; d < count; d++) {
            if (!rests[d] || !celm_path_match(options->show_only[p], rests[d]))
                continue;
            celm_buffer_append_str(out, "---\n");
            celm_buffer_append(out, docs[d].data, docs[d].len);
            celm_buffer_append_char(out, '\n');
            missing = 0;
        }
        if (missing)
            return celm_error_set(err, CELM_ENOTFOUND, "could not find template %s in chart", options->show_only[p]);
    }
    return CELM_OK;
}

int celm_template_output(celm_arena *arena, const celm_sorted_release *release, const celm_string *manifest,
                         const celm_template_output_options *options, celm_string *out, celm_error *err)
{
    celm_buffer all;
    celm_buffer_init(&all);
    celm_string trimmed = trim_space(manifest->data, manifest->len);
    celm_buffer_append(&all, trimmed.data, trimmed.len);
    celm_buffer_append_char(&all, '\n');
    for (size_t i = 0; !options->no_hooks && i < release->hook_count; i++) {
        const celm_hook *hook = &release->hooks[i];
        if (!(options->skip_tests && manifest_hook_is_test(hook)))
            append_document(&all, hook->path, hook->manifest.data, hook->manifest.len);
    }
    celm_string everything;
    if (celm_buffer_finish(&all, arena, &everything) != CELM_OK)
        return celm_error_set(err, CELM_ENOMEM, "out of memory writing the template output");
    if (!options->show_only_count) {
        *out = everything;
        return CELM_OK;
    }
    celm_buffer selected;
    celm_buffer_init(&selected);
    int status = show_only(arena, &everything, options, &selected, err);
    if (status != CELM_OK) {
        celm_buffer_free(&selected);
        return status;
    }
    return celm_buffer_finish(&selected, arena, out) == CELM_OK ? CELM_OK
               : celm_error_set(err, CELM_ENOMEM, "out of memory writing the template output");
}
