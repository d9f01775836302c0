/* http_error.c: Go's net/http error texts for a request libcurl could not complete. */
#include "http_error.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

static const char *method_title(celm_arena *arena, const char *method)
{
    char *title = celm_arena_strndup(arena, method, strlen(method));
    for (char *c = title + 1; *c; c++)
        *c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
    return title;
}

/* The host of a URL, and its port (the scheme's when none is written). */
static const char *url_host(celm_arena *arena, const char *url, const char **port)
{
    const char *authority = strstr(url, "://");
    int secure = !strncmp(url, "https", 5);
    authority = authority ? authority + 3 : url;
    size_t len = strcspn(authority, "/?#");
    const char *at = memchr(authority, '@', len);
    if (at) {
        len -= (size_t)(at + 1 - authority);
        authority = at + 1;
    }
    const char *colon = memchr(authority, ':', len);
    *port = colon ? celm_arena_strndup(arena, colon + 1, len - (size_t)(colon - authority) - 1) : secure ? "443" : "80";
    return celm_arena_strndup(arena, authority, colon ? (size_t)(colon - authority) : len);
}

/* host:port of a URL as Go's dialer reports it: names resolved, IPv4 first. */
static const char *dialed_address(celm_arena *arena, const char *url)
{
    const char *port, *host = url_host(arena, url, &port);
    struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM}, *found = NULL;
    char ip[INET6_ADDRSTRLEN] = "";
    if (getaddrinfo(host, NULL, &hints, &found) == 0 && found) {
        inet_ntop(AF_INET, &((struct sockaddr_in *)found->ai_addr)->sin_addr, ip, sizeof ip);
        freeaddrinfo(found);
    }
    return celm_arena_printf(arena, "%s:%s", *ip ? ip : host, port);
}

/* The name server Go's own resolver asks first: the first of /etc/resolv.conf, else 127.0.0.1. */
static const char *name_server(celm_arena *arena)
{
    FILE *conf = fopen("/etc/resolv.conf", "r");
    char line[256], address[128] = "127.0.0.1";
    while (conf && fgets(line, sizeof line, conf))
        if (sscanf(line, " nameserver %127s", address) == 1)
            break;
    if (conf)
        fclose(conf);
    return strchr(address, ':') ? celm_arena_printf(arena, "[%s]:53", address) : celm_arena_printf(arena, "%s:53", address);
}

/* The URL as url.Error shows it: the scheme in lower case, a password as "***". */
static const char *shown_url(celm_arena *arena, const char *url)
{
    char *shown = celm_arena_strndup(arena, url, strlen(url));
    char *authority = strstr(shown, "://");
    for (char *c = shown; authority && c < authority; c++)
        *c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
    if (!authority)
        return shown;
    size_t len = strcspn(authority + 3, "/?#");
    const char *at = memchr(authority + 3, '@', len);
    const char *colon = at ? memchr(authority + 3, ':', (size_t)(at - authority - 3)) : NULL;
    if (!colon)
        return shown;
    return celm_arena_printf(arena, "%.*s:***%s", (int)(colon - shown), shown, at);
}

int celm_http_transport_error(celm_arena *arena, const celm_libcurl *curl, const char *method, const char *url,
                              CURLcode code, const char *detail, celm_error *err)
{
    const char *port, *reason = *detail ? detail : curl->curl_easy_strerror(code);
    if (code == CURLE_COULDNT_CONNECT)
        reason = celm_arena_printf(arena, "dial tcp %s: connect: connection refused", dialed_address(arena, url));
    else if (code == CURLE_SSL_CONNECT_ERROR && strstr(reason, "wrong version number"))
        reason = "tls: first record does not look like a TLS handshake";
    else if (code == CURLE_COULDNT_RESOLVE_HOST)
        reason = celm_arena_printf(arena, "dial tcp: lookup %s on %s: no such host", url_host(arena, url, &port),
                                   name_server(arena));
    return celm_error_set(err, CELM_EIO, "%s \"%s\": %s", method_title(arena, method), shown_url(arena, url), reason);
}
