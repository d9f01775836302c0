/* semver_info.h: a parsed semantic version, as the host's semver entries return it. */
#ifndef CELM_SEMVER_INFO_H
#define CELM_SEMVER_INFO_H

#include <stddef.h>
#include <stdint.h>

/* A parsed version. The three text members point into the text that was parsed (they are not
 * NUL-terminated) and stay valid exactly as long as that text. `prerelease` is without its '-',
 * `metadata` without its '+'; both have length 0 when absent. */
typedef struct celm_semver {
    uint64_t major;
    uint64_t minor;
    uint64_t patch;
    const char *prerelease;
    size_t prerelease_len;
    const char *metadata;
    size_t metadata_len;
    const char *original;
    size_t original_len;
} celm_semver;

#endif
