/* kube.h: requests to the Kubernetes API server that the host makes for plugins (ABI 1.1). */
#ifndef CELM_KUBE_H
#define CELM_KUBE_H

#include <stddef.h>
#include <stdint.h>

/* One request to the cluster the command talks to (kubeconfig, context and --kube-* flags are the
 * core's business). All pointers are borrowed for the call. */
typedef struct celm_kube_request {
    uint32_t size;              /* sizeof(celm_kube_request) of the caller's SDK */
    const char *method;         /* "GET", "POST", "PUT", "PATCH", "DELETE" */
    const char *path;           /* absolute path and query, e.g. "/api/v1/namespaces/x/secrets" */
    const char *content_type;   /* of the body; NULL means application/json */
    const char *body;           /* NULL for none */
    size_t body_len;
    const char *accept;         /* NULL means application/json */
} celm_kube_request;

/* The answer; `body` is NUL-terminated and lives in the arena given with the request. */
typedef struct celm_kube_response {
    long status;                /* the HTTP status, 0 when no answer arrived */
    const char *body;
    size_t body_len;
} celm_kube_response;

#endif
