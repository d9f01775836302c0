/* kube_client.c: requests to the API server over one reused libcurl connection (HTTP/2 over TLS). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buffer.h"
#include "http_error.h"
#include "kube_internal.h"
#include "libcurl_lazy.h"
#include "os_file.h"

struct celm_kube {
    celm_arena *arena;
    kube_target target;
    const celm_libcurl *curl;
    CURL *easy;
    const char *authorization;      /* "Authorization: Bearer ..." or NULL */
    double qps;
    double tokens;                  /* token bucket for --qps/--burst-limit */
    double burst;
    struct timespec last_refill;
    kube_discovery *discovery;
    kube_openapi *openapi;
    CURLSH *share;                  /* connections and TLS sessions shared with batch transfers */
};

kube_discovery **kube_discovery_slot(celm_kube *kube)
{
    return &kube->discovery;
}

kube_openapi **kube_openapi_slot(celm_kube *kube)
{
    return &kube->openapi;
}

static int load_token(celm_kube *kube, celm_error *err)
{
    const kube_target *t = &kube->target;
    const char *token = t->token;
    if (!token && t->token_file) {
        celm_string text;
        int status = celm_os_read_file(kube->arena, t->token_file, &text, err);
        if (status != CELM_OK)
            return status;
        while (text.len && (text.data[text.len - 1] == '\n' || text.data[text.len - 1] == ' '))
            text.len--;
        token = celm_arena_strndup(kube->arena, text.data, text.len);
    }
    if (token)
        kube->authorization = celm_arena_printf(kube->arena, "Authorization: Bearer %s", token);
    else if (t->username && t->password)
        kube->authorization = NULL;     /* basic auth goes through CURLOPT_USERPWD */
    return CELM_OK;
}

int celm_kube_open(const celm_kube_options *options, celm_kube **out, celm_error *err)
{
    celm_kube *kube = calloc(1, sizeof *kube);
    if (!kube || !(kube->arena = celm_arena_create())) {
        free(kube);
        return celm_error_set(err, CELM_ENOMEM, "out of memory opening the Kubernetes client");
    }
    int status = kube_target_resolve(kube->arena, options, &kube->target, err);
    if (status == CELM_OK && kube->target.exec)
        status = kube_exec_credentials(kube->arena, &kube->target, err);
    if (status == CELM_OK)
        status = load_token(kube, err);
    if (status != CELM_OK) {
        celm_kube_close(kube);
        return status;
    }
    kube->qps = options->qps;
    kube->burst = options->burst > 0 ? (double)options->burst : 100;
    kube->tokens = kube->burst;
    *out = kube;
    return CELM_OK;
}

void celm_kube_close(celm_kube *kube)
{
    if (!kube)
        return;
    if (kube->easy)
        kube->curl->curl_easy_cleanup(kube->easy);
    if (kube->share)
        kube->curl->curl_share_cleanup(kube->share);
    kube_discovery_free(kube->discovery);
    kube_openapi_free(kube->openapi);
    celm_arena_destroy(kube->arena);
    free(kube);
}

const char *celm_kube_namespace(const celm_kube *kube)
{
    return kube->target.namespace_name ? kube->target.namespace_name : "default";
}

const char *celm_kube_server(const celm_kube *kube)
{
    return kube->target.server;
}

/* --qps: a token bucket refilled at qps per second up to the burst size. */
static void throttle(celm_kube *kube)
{
    if (kube->qps <= 0)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double elapsed = (double)(now.tv_sec - kube->last_refill.tv_sec) +
                     (double)(now.tv_nsec - kube->last_refill.tv_nsec) / 1e9;
    kube->last_refill = now;
    kube->tokens += elapsed * kube->qps;
    if (kube->tokens > kube->burst)
        kube->tokens = kube->burst;
    if (kube->tokens < 1) {
        double wait = (1 - kube->tokens) / kube->qps;
        struct timespec pause = {(time_t)wait, (long)((wait - (double)(time_t)wait) * 1e9)};
        nanosleep(&pause, NULL);
        kube->tokens = 1;
        clock_gettime(CLOCK_MONOTONIC, &kube->last_refill);
    }
    kube->tokens -= 1;
}

static void set_blob(const celm_libcurl *curl, CURL *easy, CURLoption option, celm_string data)
{
    struct curl_blob blob = {(void *)data.data, data.len, CURL_BLOB_COPY};
    curl->curl_easy_setopt(easy, option, &blob);
}

/* TLS and proxy settings, set once on the reused handle. */
static void configure_transport(celm_kube *kube, CURL *easy)
{
    const celm_libcurl *curl = kube->curl;
    const kube_target *t = &kube->target;
    curl->curl_easy_setopt(easy, CURLOPT_SHARE, kube->share);
    curl->curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
    curl->curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl->curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT, 30L);
    if (t->ca_data.len)
        set_blob(curl, easy, CURLOPT_CAINFO_BLOB, t->ca_data);
    else if (t->ca_file)
        curl->curl_easy_setopt(easy, CURLOPT_CAINFO, t->ca_file);
    if (t->cert_data.len)
        set_blob(curl, easy, CURLOPT_SSLCERT_BLOB, t->cert_data);
    else if (t->cert_file)
        curl->curl_easy_setopt(easy, CURLOPT_SSLCERT, t->cert_file);
    if (t->key_data.len)
        set_blob(curl, easy, CURLOPT_SSLKEY_BLOB, t->key_data);
    else if (t->key_file)
        curl->curl_easy_setopt(easy, CURLOPT_SSLKEY, t->key_file);
    if (t->insecure) {
        curl->curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 0L);
        curl->curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    if (t->proxy_url)
        curl->curl_easy_setopt(easy, CURLOPT_PROXY, t->proxy_url);
    if (!kube->authorization && t->username && t->password)
        curl->curl_easy_setopt(easy, CURLOPT_USERPWD,
                               celm_arena_printf(kube->arena, "%s:%s", t->username, t->password));
}

static int connect_handle(celm_kube *kube, celm_error *err)
{
    if (kube->easy)
        return CELM_OK;
    const char *why = NULL;
    kube->curl = celm_libcurl_load(&why);
    if (!kube->curl)
        return celm_error_set(err, CELM_EUNSUPPORTED, "cannot load libcurl: %s", why);
    kube->share = kube->curl->curl_share_init();
    kube->easy = kube->curl->curl_easy_init();
    if (!kube->easy || !kube->share) {
        if (kube->easy)
            kube->curl->curl_easy_cleanup(kube->easy);
        if (kube->share)
            kube->curl->curl_share_cleanup(kube->share);
        kube->easy = NULL;
        kube->share = NULL;
        return celm_error_set(err, CELM_ENOMEM, "cannot start a libcurl handle");
    }
    kube->curl->curl_share_setopt(kube->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
    kube->curl->curl_share_setopt(kube->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    kube->curl->curl_share_setopt(kube->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    configure_transport(kube, kube->easy);
    return CELM_OK;
}

static size_t collect(char *data, size_t size, size_t count, void *payload)
{
    celm_buffer_append(payload, data, size * count);
    return size * count;
}

/* With tls-server-name the URL names that host and CONNECT_TO dials the real one, so the
 * certificate is checked against the configured name. */
static const char *request_url(celm_kube *kube, celm_arena *arena, const char *path, struct curl_slist **connect_to)
{
    const kube_target *t = &kube->target;
    if (!t->tls_server_name || strncmp(t->server, "https://", 8) != 0)
        return celm_arena_printf(arena, "%s%s", t->server, path);
    const char *authority = t->server + 8;
    const char *colon = strrchr(authority, ':');
    const char *port = colon && !strchr(colon, ']') ? colon + 1 : "443";
    size_t host_len = colon && !strchr(colon, ']') ? (size_t)(colon - authority) : strlen(authority);
    const char *mapping = celm_arena_printf(arena, "%s:%s:%.*s:%s", t->tls_server_name, port, (int)host_len,
                                            authority, port);
    *connect_to = kube->curl->curl_slist_append(NULL, mapping);
    return celm_arena_printf(arena, "https://%s:%s%s", t->tls_server_name, port, path);
}

static struct curl_slist *request_headers(celm_kube *kube, celm_arena *arena, const celm_kube_request *request)
{
    const celm_libcurl *curl = kube->curl;
    const char *accept = request->accept ? request->accept : "application/json";
    struct curl_slist *headers = curl->curl_slist_append(NULL, celm_arena_printf(arena, "Accept: %s", accept));
    headers = curl->curl_slist_append(headers, "User-Agent: celm/" CELM_VERSION);
    headers = curl->curl_slist_append(headers, "Expect:");
    if (request->body)
        headers = curl->curl_slist_append(headers, celm_arena_printf(arena, "Content-Type: %s",
                                          request->content_type ? request->content_type : "application/json"));
    if (kube->authorization)
        headers = curl->curl_slist_append(headers, kube->authorization);
    if (kube->target.as_user)
        headers = curl->curl_slist_append(headers, celm_arena_printf(arena, "Impersonate-User: %s", kube->target.as_user));
    for (size_t i = 0; i < kube->target.as_group_count; i++)
        headers = curl->curl_slist_append(headers, celm_arena_printf(arena, "Impersonate-Group: %s",
                                          kube->target.as_groups[i]));
    return headers;
}

/* The message of a Status object, else the body itself, else the HTTP status. */
static int status_error(celm_arena *arena, const celm_kube_response *response, celm_error *err)
{
    celm_value *document = NULL;
    celm_error ignored = CELM_ERROR_INIT;
    const char *message = NULL, *reason = NULL;
    if (celm_json_parse(arena, response->body, response->body_len, "response", &document, &ignored) == CELM_OK &&
        document && document->kind == CELM_VALUE_MAP) {
        const celm_value *m = celm_map_cget(document, "message"), *r = celm_map_cget(document, "reason");
        message = m && m->kind == CELM_VALUE_STRING ? m->as.string.data : NULL;
        reason = r && r->kind == CELM_VALUE_STRING ? r->as.string.data : NULL;
    }
    int code = response->status == 404 ? CELM_ENOTFOUND
             : response->status == 409 && reason && !strcmp(reason, "AlreadyExists") ? CELM_EEXISTS
             : response->status == 409 ? CELM_ECONFLICT : CELM_EFAIL;
    if (response->status == 401 && !message)
        message = "Unauthorized";
    if (message && *message)
        return celm_error_set(err, code, "%s", message);
    if (response->body_len)
        return celm_error_set(err, code, "the server responded with status %ld: %.200s", response->status, response->body);
    return celm_error_set(err, code, "the server responded with status %ld", response->status);
}

static void set_method(const celm_libcurl *curl, CURL *easy, const celm_kube_request *request)
{
    curl->curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request->method);
    curl->curl_easy_setopt(easy, CURLOPT_NOBODY, !strcmp(request->method, "HEAD") ? 1L : 0L);
    if (request->body) {
        curl->curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request->body);
        curl->curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)request->body_len);
    } else {
        curl->curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
        curl->curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request->method);
    }
}

/* One request on one libcurl handle, from setup to the parsed response. */
typedef struct transfer {
    CURL *easy;
    const celm_kube_request *request;
    const char *url;
    struct curl_slist *headers;
    struct curl_slist *connect_to;
    celm_buffer body;
    char detail[CURL_ERROR_SIZE];
} transfer;

static void transfer_start(celm_kube *kube, celm_arena *arena, transfer *t)
{
    const celm_libcurl *curl = kube->curl;
    throttle(kube);
    t->connect_to = NULL;
    t->url = request_url(kube, arena, t->request->path, &t->connect_to);
    t->headers = request_headers(kube, arena, t->request);
    celm_buffer_init(&t->body);
    t->detail[0] = 0;
    curl->curl_easy_setopt(t->easy, CURLOPT_URL, t->url);
    curl->curl_easy_setopt(t->easy, CURLOPT_HTTPHEADER, t->headers);
    curl->curl_easy_setopt(t->easy, CURLOPT_CONNECT_TO, t->connect_to);
    curl->curl_easy_setopt(t->easy, CURLOPT_WRITEFUNCTION, collect);
    curl->curl_easy_setopt(t->easy, CURLOPT_WRITEDATA, &t->body);
    curl->curl_easy_setopt(t->easy, CURLOPT_ERRORBUFFER, t->detail);
    set_method(curl, t->easy, t->request);
}

/* Releases the request's lists and turns libcurl's result into the response or an error. */
static int transfer_finish(celm_kube *kube, celm_arena *arena, transfer *t, CURLcode code, celm_kube_response *out,
                           celm_error *err)
{
    const celm_libcurl *curl = kube->curl;
    memset(out, 0, sizeof *out);
    curl->curl_easy_setopt(t->easy, CURLOPT_HTTPHEADER, NULL);
    curl->curl_easy_setopt(t->easy, CURLOPT_CONNECT_TO, NULL);
    curl->curl_easy_setopt(t->easy, CURLOPT_ERRORBUFFER, NULL);
    curl->curl_slist_free_all(t->headers);
    curl->curl_slist_free_all(t->connect_to);
    if (code != CURLE_OK) {
        celm_buffer_free(&t->body);
        return celm_http_transport_error(arena, kube->curl, t->request->method, t->url, code, t->detail, err);
    }
    curl->curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &out->status);
    celm_string text = {"", 0};
    if (!t->body.len)
        celm_buffer_free(&t->body);
    else if (celm_buffer_finish(&t->body, arena, &text) != CELM_OK)
        return celm_error_set(err, CELM_ENOMEM, "out of memory reading a response");
    out->body = text.data;
    out->body_len = text.len;
    return out->status >= 200 && out->status < 300 ? CELM_OK : status_error(arena, out, err);
}

int celm_kube_send(celm_kube *kube, celm_arena *arena, const celm_kube_request *request,
                      celm_kube_response *out, celm_error *err)
{
    memset(out, 0, sizeof *out);
    int status = connect_handle(kube, err);
    if (status != CELM_OK)
        return status;
    transfer t = {.easy = kube->easy, .request = request};
    transfer_start(kube, arena, &t);
    CURLcode code = kube->curl->curl_easy_perform(kube->easy);
    return transfer_finish(kube, arena, &t, code, out, err);
}

/* Requests in flight at once in a batch: HTTP/2 streams over the shared connection. */
#define BATCH_STREAMS 64

/* Ends transfer `i` with libcurl's result (its lists and buffer released either way). */
static void finish_one(celm_kube *kube, celm_arena *arena, CURLM *multi, transfer *transfers, size_t i, CURLcode code,
                       celm_kube_response *responses, int *statuses, celm_error *errors)
{
    kube->curl->curl_multi_remove_handle(multi, transfers[i].easy);
    statuses[i] = transfer_finish(kube, arena, &transfers[i], code, &responses[i], &errors[i]);
}

/* Runs every transfer, at most BATCH_STREAMS at a time; each ends with its own status. When
 * libcurl itself fails, the transfers under way end with a transport error and the ones not
 * started yet with `why`. */
static void run_batch(celm_kube *kube, celm_arena *arena, CURLM *multi, transfer *transfers, size_t count,
                      celm_kube_response *responses, int *statuses, celm_error *errors)
{
    const celm_libcurl *curl = kube->curl;
    size_t started = 0, finished = 0;
    int running = 0;
    while (finished < count) {
        while (started < count && started - finished < BATCH_STREAMS) {
            transfer *t = &transfers[started++];
            transfer_start(kube, arena, t);
            curl->curl_easy_setopt(t->easy, CURLOPT_PRIVATE, t);
            if (curl->curl_multi_add_handle(multi, t->easy) != CURLM_OK) {
                finish_one(kube, arena, multi, transfers, started - 1, CURLE_FAILED_INIT, responses, statuses, errors);
                finished++;
            }
        }
        int broken = curl->curl_multi_perform(multi, &running) != CURLM_OK;
        CURLMsg *message;
        int queued;
        while (!broken && (message = curl->curl_multi_info_read(multi, &queued))) {
            if (message->msg != CURLMSG_DONE)
                continue;
            transfer *t = NULL;
            curl->curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &t);
            finish_one(kube, arena, multi, transfers, (size_t)(t - transfers), message->data.result, responses,
                       statuses, errors);
            finished++;
        }
        if (!broken && finished < count)
            broken = curl->curl_multi_poll(multi, NULL, 0, 1000, NULL) != CURLM_OK;
        if (broken) {
            for (size_t i = 0; i < count; i++)
                if (i < started && statuses[i] == CELM_EUNSUPPORTED)
                    finish_one(kube, arena, multi, transfers, i, CURLE_RECV_ERROR, responses, statuses, errors);
                else if (i >= started)
                    statuses[i] = celm_error_set(&errors[i], CELM_EIO, "libcurl failed to run the transfers");
            return;
        }
    }
}

int celm_kube_send_batch(celm_kube *kube, celm_arena *arena, const celm_kube_request *requests, size_t count,
                         celm_kube_response *responses, int *statuses, celm_error *errors)
{
    celm_error setup = CELM_ERROR_INIT;
    int status = connect_handle(kube, &setup);
    transfer *transfers = status == CELM_OK ? celm_arena_alloc(arena, (count + 1) * sizeof *transfers) : NULL;
    CURLM *multi = transfers ? kube->curl->curl_multi_init() : NULL;
    if (status == CELM_OK && !multi)
        status = celm_error_set(&setup, CELM_ENOMEM, "cannot start libcurl transfers");
    size_t prepared = 0;
    for (size_t i = 0; status == CELM_OK && i < count; i++) {
        transfers[i] = (transfer){.easy = kube->curl->curl_easy_init(), .request = &requests[i]};
        if (!transfers[i].easy) {
            status = celm_error_set(&setup, CELM_ENOMEM, "cannot start a libcurl handle");
            break;
        }
        prepared++;
        configure_transport(kube, transfers[i].easy);
        kube->curl->curl_easy_setopt(transfers[i].easy, CURLOPT_PIPEWAIT, 1L);
    }
    if (status == CELM_OK) {
        for (size_t i = 0; i < count; i++)
            statuses[i] = CELM_EUNSUPPORTED;    /* not finished yet */
        kube->curl->curl_multi_setopt(multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
        run_batch(kube, arena, multi, transfers, count, responses, statuses, errors);
    }
    for (size_t i = 0; transfers && i < prepared; i++)
        kube->curl->curl_easy_cleanup(transfers[i].easy);
    if (multi)
        kube->curl->curl_multi_cleanup(multi);
    if (status != CELM_OK)
        for (size_t i = 0; i < count; i++) {
            statuses[i] = status;
            errors[i] = setup;
        }
    return status;
}

int kube_batch_init(celm_arena *arena, size_t capacity, kube_batch *out)
{
    *out = (kube_batch){
        .requests = celm_arena_alloc(arena, (capacity + 1) * sizeof *out->requests),
        .responses = celm_arena_alloc(arena, (capacity + 1) * sizeof *out->responses),
        .statuses = celm_arena_alloc(arena, (capacity + 1) * sizeof *out->statuses),
        .errors = celm_arena_alloc(arena, (capacity + 1) * sizeof *out->errors),
        .index = celm_arena_alloc(arena, (capacity + 1) * sizeof *out->index),
    };
    return out->requests && out->responses && out->statuses && out->errors && out->index ? CELM_OK : CELM_ENOMEM;
}

celm_kube_request *kube_batch_add(kube_batch *batch, size_t index)
{
    batch->index[batch->count] = index;
    return &batch->requests[batch->count++];
}

void kube_batch_send(celm_kube *kube, celm_arena *arena, kube_batch *batch)
{
    celm_kube_send_batch(kube, arena, batch->requests, batch->count, batch->responses, batch->statuses, batch->errors);
}

int celm_kube_get_json(celm_kube *kube, celm_arena *arena, const char *path, celm_value **out, celm_error *err)
{
    celm_kube_request request = {.size = sizeof request, .method = "GET", .path = path};
    celm_kube_response response;
    int status = celm_kube_send(kube, arena, &request, &response, err);
    if (status != CELM_OK)
        return status;
    return celm_json_parse(arena, response.body, response.body_len, path, out, err);
}
