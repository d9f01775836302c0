/* test_storage_contract.c: the contract every storage plugin keeps, run against one named driver.
 *
 * Usage: test_storage_contract [--cluster] PLUGIN_DIR DRIVER [NAMESPACE]. With --cluster (the
 * secret and configmap drivers) it runs against the cluster named by $KUBECONFIG; every case
 * starts from empty namespaces. */
#include <stdio.h>
#include <stdlib.h>

#include "celm/celm.h"
#include "check.h"

static const char *plugin_dir;
static const char *driver;
static const char *test_namespace = "contract";
static const char *other_namespace;
static celm_kube *kube;

typedef struct fixture {
    celm_registry *registry;
    celm_plugin_instance plugin;
    const celm_storage_ops *ops;
    celm_arena *arena;
    celm_error err;
} fixture;

/* Stored drivers keep records between cases: remove what earlier cases (or runs) left. */
static int forget_everything(fixture *f)
{
    const char *namespaces[] = {test_namespace, other_namespace};
    for (size_t n = 0; n < 2; n++) {
        celm_release_record *found;
        size_t count;
        if (f->ops->list(f->plugin.instance, f->arena, namespaces[n], NULL, &found, &count, &f->err) != CELM_OK) {
            check_fail(__FILE__, __LINE__, "cannot list %s: %s", namespaces[n], f->err.message);
            return 0;
        }
        for (size_t i = 0; i < count; i++)
            if (f->ops->remove(f->plugin.instance, f->arena, namespaces[n], found[i].key, NULL, &f->err) != CELM_OK) {
                check_fail(__FILE__, __LINE__, "cannot remove %s: %s", found[i].key, f->err.message);
                return 0;
            }
    }
    return 1;
}

static int fixture_open(fixture *f)
{
    memset(f, 0, sizeof *f);
    const char *dirs[] = {plugin_dir};
    if (celm_registry_open(&f->registry, dirs, 1, &f->err) != CELM_OK ||
        celm_registry_create_storage(f->registry, driver, &f->plugin, &f->err) != CELM_OK) {
        check_fail(__FILE__, __LINE__, "cannot create storage %s: %s", driver, f->err.message);
        celm_registry_close(f->registry);
        return 0;
    }
    f->ops = f->plugin.descriptor->ops;
    f->arena = celm_arena_create();
    return forget_everything(f);
}

static void fixture_close(fixture *f)
{
    celm_arena_destroy(f->arena);
    celm_plugin_instance_destroy(&f->plugin);
    celm_registry_close(f->registry);
}

static celm_release_record make_record(fixture *f, const char *name, int revision, const char *status)
{
    celm_value *labels = celm_value_map(f->arena, 4);
    char version[16];
    snprintf(version, sizeof version, "%d", revision);
    celm_map_set(f->arena, labels, "name", 4, celm_value_cstring(f->arena, name));
    celm_map_set(f->arena, labels, "owner", 5, celm_value_cstring(f->arena, "helm"));
    celm_map_set(f->arena, labels, "status", 6, celm_value_cstring(f->arena, status));
    celm_map_set(f->arena, labels, "version", 7, celm_value_cstring(f->arena, version));
    const char *body = celm_arena_printf(f->arena, "{\"name\":\"%s\",\"version\":%d}", name, revision);
    celm_release_record record = {
        .key = celm_arena_printf(f->arena, "sh.helm.release.v1.%s.v%d", name, revision),
        .name = name,
        .release_namespace = test_namespace,
        .revision = revision,
        .status = status,
        .labels = labels,
        .body = body,
        .body_len = strlen(body),
    };
    return record;
}

static celm_value *selector(fixture *f, const char *key, const char *value)
{
    celm_value *map = celm_value_map(f->arena, 2);
    celm_map_set(f->arena, map, "owner", 5, celm_value_cstring(f->arena, "helm"));
    if (key)
        celm_map_set(f->arena, map, key, strlen(key), celm_value_cstring(f->arena, value));
    return map;
}

static void created_record_reads_back_unchanged(void)
{
    fixture f;
    if (!fixture_open(&f))
        return;
    celm_release_record record = make_record(&f, "web", 1, "deployed");
    CHECK_INT(f.ops->create(f.plugin.instance, &record, &f.err), CELM_OK);
    celm_release_record got;
    CHECK_INT(f.ops->get(f.plugin.instance, f.arena, test_namespace, record.key, &got, &f.err), CELM_OK);
    CHECK_STR(got.key, record.key);
    CHECK_STR(got.name, "web");
    CHECK_STR(got.status, "deployed");
    CHECK_INT(got.revision, 1);
    CHECK_MEM(got.body, got.body_len, record.body, record.body_len);
    for (size_t i = 0; i < record.labels->as.map.count; i++) {
        const celm_map_entry *label = &record.labels->as.map.entries[i];
        const celm_value *kept = celm_map_get(got.labels, label->key.data, label->key.len);
        CHECK(kept && celm_value_equal(kept, label->value));
    }
    fixture_close(&f);
}

static void creating_an_existing_key_fails(void)
{
    fixture f;
    if (!fixture_open(&f))
        return;
    celm_release_record record = make_record(&f, "web", 1, "deployed");
    CHECK_INT(f.ops->create(f.plugin.instance, &record, &f.err), CELM_OK);
    CHECK_INT(f.ops->create(f.plugin.instance, &record, &f.err), CELM_EEXISTS);
    CHECK_STR(f.err.message, "release: already exists");
    fixture_close(&f);
}

static void missing_keys_are_not_found(void)
{
    fixture f;
    if (!fixture_open(&f))
        return;
    celm_release_record got;
    CHECK_INT(f.ops->get(f.plugin.instance, f.arena, test_namespace, "sh.helm.release.v1.none.v1", &got, &f.err), CELM_ENOTFOUND);
    CHECK_STR(f.err.message, "release: not found");
    celm_release_record record = make_record(&f, "none", 1, "deployed");
    CHECK_INT(f.ops->update(f.plugin.instance, &record, &f.err), CELM_ENOTFOUND);
    CHECK_INT(f.ops->remove(f.plugin.instance, f.arena, test_namespace, record.key, NULL, &f.err), CELM_ENOTFOUND);
    fixture_close(&f);
}

static void update_replaces_status_labels_and_body(void)
{
    fixture f;
    if (!fixture_open(&f))
        return;
    celm_release_record record = make_record(&f, "web", 1, "pending-install");
    CHECK_INT(f.ops->create(f.plugin.instance, &record, &f.err), CELM_OK);
    celm_release_record deployed = make_record(&f, "web", 1, "deployed");
    deployed.body = "{\"changed\":true}";
    deployed.body_len = strlen(deployed.body);
    CHECK_INT(f.ops->update(f.plugin.instance, &deployed, &f.err), CELM_OK);
    celm_release_record got;
    CHECK_INT(f.ops->get(f.plugin.instance, f.arena, test_namespace, record.key, &got, &f.err), CELM_OK);
    CHECK_STR(got.status, "deployed");
    CHECK_STR(celm_map_cget(got.labels, "status")->as.string.data, "deployed");
    CHECK_MEM(got.body, got.body_len, deployed.body, deployed.body_len);
    fixture_close(&f);
}

static void list_filters_by_selector_and_namespace(void)
{
    fixture f;
    if (!fixture_open(&f))
        return;
    const char *statuses[] = {"superseded", "superseded", "deployed"};
    for (int revision = 1; revision <= 3; revision++) {
        celm_release_record record = make_record(&f, "web", revision, statuses[revision - 1]);
        CHECK_INT(f.ops->create(f.plugin.instance, &record, &f.err), CELM_OK);
    }
    /* the cross-namespace query below must not meet releases other tests keep in the cluster */
    const char *other_name = celm_arena_printf(f.arena, "%s-db", test_namespace);
    celm_release_record other = make_record(&f, other_name, 1, "failed");
    CHECK_INT(f.ops->create(f.plugin.instance, &other, &f.err), CELM_OK);
    celm_release_record *found;
    size_t count;
    CHECK_INT(f.ops->list(f.plugin.instance, f.arena, test_namespace, selector(&f, "name", "web"), &found, &count, &f.err), CELM_OK);
    CHECK_INT(count, 3);
    CHECK_INT(f.ops->list(f.plugin.instance, f.arena, test_namespace, selector(&f, "status", "deployed"), &found, &count, &f.err), CELM_OK);
    CHECK_INT(count, 1);
    CHECK(count == 1 && found[0].revision == 3);
    CHECK_INT(f.ops->list(f.plugin.instance, f.arena, test_namespace, NULL, &found, &count, &f.err), CELM_OK);
    CHECK_INT(count, 4);
    CHECK_INT(f.ops->list(f.plugin.instance, f.arena, "elsewhere", NULL, &found, &count, &f.err), CELM_OK);
    CHECK_INT(count, 0);
    CHECK_INT(f.ops->list(f.plugin.instance, f.arena, "", selector(&f, "name", other_name), &found, &count, &f.err), CELM_OK);
    CHECK_INT(count, 1);
    fixture_close(&f);
}

static void remove_returns_the_record_and_forgets_it(void)
{
    fixture f;
    if (!fixture_open(&f))
        return;
    celm_release_record record = make_record(&f, "web", 1, "deployed");
    CHECK_INT(f.ops->create(f.plugin.instance, &record, &f.err), CELM_OK);
    celm_release_record removed;
    CHECK_INT(f.ops->remove(f.plugin.instance, f.arena, test_namespace, record.key, &removed, &f.err), CELM_OK);
    CHECK_STR(removed.name, "web");
    CHECK_MEM(removed.body, removed.body_len, record.body, record.body_len);
    celm_release_record got;
    CHECK_INT(f.ops->get(f.plugin.instance, f.arena, test_namespace, record.key, &got, &f.err), CELM_ENOTFOUND);
    fixture_close(&f);
}

static void namespaces_keep_records_apart(void)
{
    fixture f;
    if (!fixture_open(&f))
        return;
    celm_release_record record = make_record(&f, "web", 1, "deployed");
    CHECK_INT(f.ops->create(f.plugin.instance, &record, &f.err), CELM_OK);
    record.release_namespace = other_namespace;
    CHECK_INT(f.ops->create(f.plugin.instance, &record, &f.err), CELM_OK);
    celm_release_record got;
    CHECK_INT(f.ops->get(f.plugin.instance, f.arena, other_namespace, record.key, &got, &f.err), CELM_OK);
    CHECK_STR(got.release_namespace, other_namespace);
    CHECK_INT(f.ops->remove(f.plugin.instance, f.arena, other_namespace, record.key, NULL, &f.err), CELM_OK);
    CHECK_INT(f.ops->get(f.plugin.instance, f.arena, test_namespace, record.key, &got, &f.err), CELM_OK);
    fixture_close(&f);
}

static void large_bodies_survive(void)
{
    fixture f;
    if (!fixture_open(&f))
        return;
    size_t len = 3u << 20;
    char *body = celm_arena_alloc(f.arena, len + 1);
    for (size_t i = 0; i < len; i++)
        body[i] = (char)('a' + i % 26);
    body[len] = '\0';
    celm_release_record record = make_record(&f, "big", 1, "deployed");
    record.body = body;
    record.body_len = len;
    CHECK_INT(f.ops->create(f.plugin.instance, &record, &f.err), CELM_OK);
    celm_release_record got;
    CHECK_INT(f.ops->get(f.plugin.instance, f.arena, test_namespace, record.key, &got, &f.err), CELM_OK);
    CHECK_MEM(got.body, got.body_len, body, len);
    fixture_close(&f);
}

static void disconnect_cluster(void)
{
    celm_host_set_kube(NULL);
    celm_kube_close(kube);
}

static int create_namespace(celm_arena *arena, const char *name)
{
    celm_error err = CELM_ERROR_INIT;
    const char *body = celm_arena_printf(arena, "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\","
                                         "\"metadata\":{\"name\":\"%s\"}}", name);
    celm_kube_request request = {.size = sizeof request, .method = "POST", .path = "/api/v1/namespaces",
                                 .body = body, .body_len = strlen(body)};
    celm_kube_response response;
    int status = celm_kube_send(kube, arena, &request, &response, &err);
    if (status != CELM_OK && status != CELM_EEXISTS) {
        fprintf(stderr, "cannot create namespace %s: %s\n", name, err.message);
        return 0;
    }
    return 1;
}

/* The cluster of $KUBECONFIG, with the namespaces the cases use. */
static int connect_cluster(void)
{
    celm_kube_options options = {0};
    celm_error err = CELM_ERROR_INIT;
    if (celm_kube_open(&options, &kube, &err) != CELM_OK) {
        fprintf(stderr, "cannot open the cluster: %s\n", err.message);
        return 0;
    }
    celm_host_set_kube(kube);
    atexit(disconnect_cluster);
    celm_arena *arena = celm_arena_create();
    int ok = create_namespace(arena, test_namespace) && create_namespace(arena, other_namespace);
    celm_arena_destroy(arena);
    return ok;
}

int main(int argc, char **argv)
{
    int on_cluster = argc > 1 && !strcmp(argv[1], "--cluster");
    argc -= on_cluster;
    argv += on_cluster;
    if (argc < 3) {
        fprintf(stderr, "usage: test_storage_contract [--cluster] PLUGIN_DIR DRIVER [NAMESPACE]\n");
        return 2;
    }
    plugin_dir = argv[1];
    driver = argv[2];
    if (argc > 3)
        test_namespace = argv[3];
    char other[256];
    snprintf(other, sizeof other, "%s-other", test_namespace);
    other_namespace = other;
    if (on_cluster && !connect_cluster())
        return 1;
    static const check_case cases[] = {
        CASE(created_record_reads_back_unchanged), CASE(creating_an_existing_key_fails),
        CASE(missing_keys_are_not_found), CASE(update_replaces_status_labels_and_body),
        CASE(list_filters_by_selector_and_namespace), CASE(remove_returns_the_record_and_forgets_it),
        CASE(namespaces_keep_records_apart), CASE(large_bodies_survive)};
    return check_run(cases, sizeof cases / sizeof cases[0]);
}
