/* manifest_sort.c: Helm's SortManifests: rendered files to kind-ordered manifests and hooks. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "celm/celm.h"
#include "manifest_head.h"
#include "celm/celm.h"
#include "unicode_tables.h"
#include "utf8.h"

#define NOTES_SUFFIX "NOTES.txt"

/* Helm v4.2's InstallOrder. */
static const char *const install_order[] = {
    "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
    "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
    "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList",
    "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList",
    "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
    "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
    "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
};

static const char *const hook_events[] = {
    "pre-install", "post-install", "pre-delete", "post-delete", "pre-upgrade",
    "post-upgrade", "pre-rollback", "post-rollback", "test",
};

typedef struct sorter {
    celm_arena *arena;
    celm_warning_fn warn;
    void *payload;
    celm_error *err;
    celm_manifest *manifests;
    size_t manifest_count, manifest_capacity;
    celm_hook *hooks;
    size_t hook_count, hook_capacity;
} sorter;

static int kind_rank(const char *kind)
{
    for (size_t i = 0; i < sizeof install_order / sizeof install_order[0]; i++)
        if (strcmp(install_order[i], kind) == 0)
            return (int)i;
    return -1;
}

/* Helm's lessByKind: known kinds by install order, unknown after them alphabetically. */
static int less_by_kind(const char *a, const char *b)
{
    int rank_a = kind_rank(a), rank_b = kind_rank(b);
    if (rank_a < 0 && rank_b < 0)
        return strcmp(a, b) < 0;
    if (rank_a < 0)
        return 0;
    if (rank_b < 0)
        return 1;
    return rank_a < rank_b;
}

/* A stable insertion sort: the lists are short and Go's SliceStable keeps equal kinds in order. */
#define STABLE_SORT_BY_KIND(items, count, type)                                 \
    for (size_t i = 1; i < (count); i++) {                                      \
        type item = (items)[i];                                                 \
        size_t j = i;                                                           \
        while (j > 0 && less_by_kind(item.kind, (items)[j - 1].kind)) {         \
            (items)[j] = (items)[j - 1];                                        \
            j--;                                                                \
        }                                                                       \
        (items)[j] = item;                                                      \
    }

static void *grow(celm_arena *arena, void *items, size_t count, size_t *capacity, size_t size)
{
    if (count < *capacity)
        return items;
    size_t bigger = *capacity ? *capacity * 2 : 16;
    void *grown = celm_arena_alloc(arena, bigger * size);
    if (grown && count)
        memcpy(grown, items, count * size);
    *capacity = bigger;
    return grown;
}

/* Go's strconv.Atoi: optional sign and decimal digits only, in range; anything else fails. */
static int go_atoi(const char *text, long long *out)
{
    const char *digits = text + (*text == '+' || *text == '-');
    if (!*digits)
        return 0;
    for (const char *c = digits; *c; c++)
        if (*c < '0' || *c > '9')
            return 0;
    errno = 0;
    char *end;
    long long value = strtoll(text, &end, 10);
    if (errno == ERANGE || *end)
        return 0;
    *out = value;
    return 1;
}

static const char *annotation(const manifest_head *head, const char *name)
{
    const celm_value *value = head->annotations ? celm_map_cget(head->annotations, name) : NULL;
    return value ? value->as.string.data : NULL;
}

/* Splits a comma-separated annotation into trimmed, lower-cased items (arena array). */
static size_t split_list(celm_arena *arena, const char *text, const char ***out)
{
    size_t count = 1;
    for (const char *c = text; *c; c++)
        count += *c == ',';
    const char **items = celm_arena_alloc(arena, count * sizeof *items);
    size_t n = 0;
    for (const char *start = text; items; n++) {
        const char *comma = strchr(start, ',');
        size_t len = comma ? (size_t)(comma - start) : strlen(start);
        while (len && (*start == ' ' || *start == '\t' || *start == '\n' || *start == '\r' || *start == '\v' || *start == '\f'))
            start++, len--;
        while (len && strchr(" \t\n\r\v\f", start[len - 1]))
            len--;
        char *item = celm_arena_strndup(arena, start, len);
        for (char *c = item; c && *c; c++)
            if (*c >= 'A' && *c <= 'Z')
                *c = (char)(*c - 'A' + 'a');
        items[n] = item;
        if (!comma)
            break;
        start = comma + 1;
    }
    *out = items;
    return items ? n + 1 : 0;
}

static const char *canonical_event(const char *event)
{
    if (strcmp(event, "test-success") == 0)
        return "test";
    for (size_t i = 0; i < sizeof hook_events / sizeof hook_events[0]; i++)
        if (strcmp(hook_events[i], event) == 0)
            return hook_events[i];
    return NULL;
}

static int add_hook(sorter *s, const char *path, const celm_string *doc, const manifest_head *head, const char *events)
{
    celm_hook hook;
    memset(&hook, 0, sizeof hook);
    hook.event_count = split_list(s->arena, events, &hook.events);
    for (size_t i = 0; i < hook.event_count; i++) {
        if (!(hook.events[i] = canonical_event(hook.events[i]))) {
            const char *line = celm_slog_line(s->arena, "INFO", "skipping unknown hooks",
                                              (const char *const[]){"hookTypes", events, NULL});
            if (s->warn && line)
                s->warn(s->payload, line);
            return CELM_OK;
        }
    }
    hook.name = head->name, hook.kind = head->kind, hook.path = path, hook.manifest = *doc;
    const char *weight = annotation(head, "helm.sh/hook-weight");
    if (!weight || !go_atoi(weight, &hook.weight))
        hook.weight = 0;
    const char *policies = annotation(head, "helm.sh/hook-delete-policy");
    if (policies)
        hook.delete_policy_count = split_list(s->arena, policies, &hook.delete_policies);
    const char *log_policies = annotation(head, "helm.sh/hook-output-log-policy");
    if (log_policies)
        hook.output_log_policy_count = split_list(s->arena, log_policies, &hook.output_log_policies);
    if (!(s->hooks = grow(s->arena, s->hooks, s->hook_count, &s->hook_capacity, sizeof hook)))
        return CELM_ENOMEM;
    s->hooks[s->hook_count++] = hook;
    return CELM_OK;
}

static int add_document(sorter *s, const char *path, const celm_string *doc)
{
    manifest_head head;
    int status = celm_manifest_head_read(s->arena, path, doc, &head, s->err);
    if (status != CELM_OK)
        return status;
    const char *events = annotation(&head, "helm.sh/hook");
    if (events)
        return add_hook(s, path, doc, &head, events);
    if (!(s->manifests = grow(s->arena, s->manifests, s->manifest_count, &s->manifest_capacity, sizeof(celm_manifest))))
        return CELM_ENOMEM;
    s->manifests[s->manifest_count++] = (celm_manifest){path, *doc, head.api_version, head.kind, head.name};
    return CELM_OK;
}

static int is_partial_or_blank(const celm_render_output *file)
{
    const char *base = strrchr(file->name, '/');
    base = base ? base + 1 : file->name;
    if (*base == '_')
        return 1;
    for (size_t at = 0; at < file->len;) {
        uint32_t rune;
        int width = celm_utf8_decode((const unsigned char *)file->data + at, file->len - at, &rune);
        if (!celm_unicode_is_space(rune) || (rune == CELM_RUNE_ERROR && width == 1))
            return 0;
        at += (size_t)width;
    }
    return 1;
}

static int compare_by_name(const void *a, const void *b)
{
    return strcmp((*(const celm_render_output *const *)a)->name, (*(const celm_render_output *const *)b)->name);
}

static int ends_with(const char *text, const char *suffix)
{
    size_t len = strlen(text), suffix_len = strlen(suffix);
    return len >= suffix_len && strcmp(text + len - suffix_len, suffix) == 0;
}

static int collect_notes(celm_arena *arena, const celm_render_output *files, size_t count, const char *chart_name,
                         int subchart_notes, celm_string *notes)
{
    char *top_notes = celm_arena_printf(arena, "%s/templates/" NOTES_SUFFIX, chart_name);
    celm_string joined = {"", 0};
    for (size_t i = 0; i < count; i++) {
        if (!ends_with(files[i].name, NOTES_SUFFIX) || (!subchart_notes && strcmp(files[i].name, top_notes) != 0))
            continue;
        char *text = joined.len ? celm_arena_printf(arena, "%s\n%.*s", joined.data, (int)files[i].len, files[i].data)
                                : celm_arena_strndup(arena, files[i].data, files[i].len);
        if (!text)
            return CELM_ENOMEM;
        joined.data = text;
        joined.len = strlen(text);
    }
    *notes = joined;
    return CELM_OK;
}

int celm_manifests_sort(celm_arena *arena, const celm_render_output *files, size_t count, const char *chart_name,
                        int subchart_notes, celm_warning_fn warn, void *payload, celm_sorted_release *out,
                        celm_error *err)
{
    sorter s = {.arena = arena, .warn = warn, .payload = payload, .err = err};
    memset(out, 0, sizeof *out);
    const celm_render_output **sorted = celm_arena_alloc(arena, (count + 1) * sizeof *sorted);
    if (!sorted || collect_notes(arena, files, count, chart_name, subchart_notes, &out->notes) != CELM_OK)
        return celm_error_set(err, CELM_ENOMEM, "out of memory sorting manifests");
    size_t kept = 0;
    for (size_t i = 0; i < count; i++)
        if (!ends_with(files[i].name, NOTES_SUFFIX) && !is_partial_or_blank(&files[i]))
            sorted[kept++] = &files[i];
    qsort(sorted, kept, sizeof *sorted, compare_by_name);
    for (size_t i = 0; i < kept; i++) {
        celm_string *docs;
        size_t doc_count = celm_manifest_split(arena, sorted[i]->data, sorted[i]->len, &docs);
        for (size_t d = 0; d < doc_count; d++) {
            int status = add_document(&s, sorted[i]->name, &docs[d]);
            if (status != CELM_OK)
                return status == CELM_ENOMEM ? celm_error_set(err, status, "out of memory sorting manifests") : status;
        }
    }
    STABLE_SORT_BY_KIND(s.manifests, s.manifest_count, celm_manifest)
    STABLE_SORT_BY_KIND(s.hooks, s.hook_count, celm_hook)
    out->manifests = s.manifests, out->manifest_count = s.manifest_count;
    out->hooks = s.hooks, out->hook_count = s.hook_count;
    return CELM_OK;
}
