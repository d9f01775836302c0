/* kube_internal.h: what the kube client files share: the resolved connection target. */
#ifndef CELM_KUBE_INTERNAL_H
#define CELM_KUBE_INTERNAL_H

#include "celm/celm.h"

/* Where and how to connect, after kubeconfig merging and the --kube-* overrides. Strings live in
 * the client's arena; NULL means unset. *_data are decoded bytes. */
typedef struct kube_target {
    const char *server;
    celm_string ca_data;
    const char *ca_file;
    celm_string cert_data;
    const char *cert_file;
    celm_string key_data;
    const char *key_file;
    const char *token;
    const char *token_file;
    const char *username;
    const char *password;
    const char *tls_server_name;
    const char *proxy_url;
    const char *namespace_name;
    const char *as_user;
    const char **as_groups;
    size_t as_group_count;
    const celm_value *exec;     /* the user's exec credential plugin stanza, or NULL */
    int insecure;
} kube_target;

/* Reads the kubeconfig files the options name and fills `target` (kube_config.c). */
int kube_target_resolve(celm_arena *arena, const celm_kube_options *options, kube_target *target,
                        celm_error *err);

/* Runs the exec credential plugin and fills token or client certificate (kube_exec.c). */
int kube_exec_credentials(celm_arena *arena, kube_target *target, celm_error *err);

/* One document of a manifest, parsed, with its REST mapping. */
typedef struct celm_kube_object {
    celm_value *body;
    celm_kube_resource resource;
    const char *kind;
    const char *name;
    const char *namespace_name;     /* "" for cluster-scoped objects */
} kube_object;

/* The client's cache of discovered resources (kube_discovery.c). */
typedef struct kube_discovery kube_discovery;
kube_discovery **kube_discovery_slot(celm_kube *kube);
void kube_discovery_free(kube_discovery *discovery);

#endif
