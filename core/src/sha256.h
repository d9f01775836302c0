/* sha256.h: SHA-256 (FIPS 180-4), the digest Helm uses for lock files and cache keys. */
#ifndef CELM_SHA256_H
#define CELM_SHA256_H

#include <stddef.h>

#define CELM_SHA256_HEX_SIZE 65     /* 64 lower-case hex digits and a NUL */

/* The digest of `len` bytes at `data` as lower-case hex (Go's hex.EncodeToString(sum)). */
void celm_sha256_hex(const void *data, size_t len, char out[CELM_SHA256_HEX_SIZE]);

#endif
