/* http_get.c: one document fetched over http or https, as Helm's HTTPGetter fetches it (libcurl). */
#include "http_get.h"

#include <stdio.h>
#include <string.h>

#include "buffer.h"
#include "http_error.h"
#include "libcurl_lazy.h"

#define TIMEOUT_SECONDS 120L            /* getter.DefaultHTTPTimeout */
#define MAX_REDIRECTS 10L               /* net/http's default client stops after 10 */
#define MAX_DOCUMENT_SIZE (256L << 20)  /* celm's own guard; Helm reads without a limit */

typedef struct download {
    celm_buffer body;
    char status[128];       /* Go's Response.Status of the last response: "404 Not Found" */
    int too_large;
} download;

static size_t collect_body(char *data, size_t size, size_t count, void *payload)
{
    download *d = payload;
    if (d->body.len + size * count > (size_t)MAX_DOCUMENT_SIZE) {
        d->too_large = 1;
        return 0;
    }
    celm_buffer_append(&d->body, data, size * count);
    return size * count;
}

/* Keeps the text after the protocol of each status line ("HTTP/1.1 404 Not Found"). */
static size_t collect_status(char *data, size_t size, size_t count, void *payload)
{
    download *d = payload;
    size_t len = size * count;
    const char *space = memchr(data, ' ', len);
    if (len > 5 && memcmp(data, "HTTP/", 5) == 0 && space) {
        size_t rest = len - (size_t)(space + 1 - data);
        while (rest && (space[rest] == '\r' || space[rest] == '\n' || space[rest] == ' '))
            rest--;
        snprintf(d->status, sizeof d->status, "%.*s", (int)rest, space + 1);
    }
    return len;
}

/* net/http's StatusText for the answers a document server gives, when the status line has none. */
static const char *status_text(long code)
{
    switch (code) {
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "";
    }
}

static CURLcode perform(const celm_libcurl *curl, CURL *easy, const char *url, download *d, char *detail)
{
    curl->curl_easy_setopt(easy, CURLOPT_URL, url);
    curl->curl_easy_setopt(easy, CURLOPT_USERAGENT, "celm/" CELM_VERSION);
    curl->curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
    curl->curl_easy_setopt(easy, CURLOPT_MAXREDIRS, MAX_REDIRECTS);
    curl->curl_easy_setopt(easy, CURLOPT_TIMEOUT, TIMEOUT_SECONDS);
    curl->curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl->curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl->curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, collect_body);
    curl->curl_easy_setopt(easy, CURLOPT_WRITEDATA, d);
    curl->curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, collect_status);
    curl->curl_easy_setopt(easy, CURLOPT_HEADERDATA, d);
    curl->curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, detail);
    return curl->curl_easy_perform(easy);
}

int celm_http_get(celm_arena *arena, const char *url, celm_string *out, celm_error *err)
{
    const char *why = NULL;
    const celm_libcurl *curl = celm_libcurl_load(&why);
    if (!curl)
        return celm_error_set(err, CELM_EUNSUPPORTED, "cannot fetch %s: cannot load libcurl: %s", url, why);
    CURL *easy = curl->curl_easy_init();
    if (!easy)
        return celm_error_set(err, CELM_ENOMEM, "cannot fetch %s: cannot start a libcurl handle", url);
    download d = {.status = ""};
    char detail[CURL_ERROR_SIZE] = "";
    long code = 0;
    celm_buffer_init(&d.body);
    CURLcode result = perform(curl, easy, url, &d, detail);
    curl->curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code);
    curl->curl_easy_cleanup(easy);
    int status;
    if (d.too_large)
        status = celm_error_set(err, CELM_ELIMIT, "%s is larger than %ld bytes (celm's limit)", url, MAX_DOCUMENT_SIZE);
    else if (result != CURLE_OK)
        status = celm_http_transport_error(arena, curl, "GET", url, result, detail, err);
    else if (code != 200)
        status = celm_error_set(err, CELM_EFAIL, "failed to fetch %s : %s", url,
                                strchr(d.status, ' ') ? d.status : celm_arena_printf(arena, "%ld %s", code, status_text(code)));
    else if (d.body.len == 0)
        *out = (celm_string){"", 0}, status = CELM_OK;
    else if (celm_buffer_finish(&d.body, arena, out) != CELM_OK)
        status = celm_error_set(err, CELM_ENOMEM, "out of memory fetching %s", url);
    else
        return CELM_OK;
    celm_buffer_free(&d.body);
    return status;
}
