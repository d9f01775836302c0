/* libarchive_lazy.h: libarchive, loaded on first use rather than at every start of celm. */
#ifndef CELM_LIBARCHIVE_LAZY_H
#define CELM_LIBARCHIVE_LAZY_H

#include <archive.h>
#include <archive_entry.h>

#include "lazy_library.h"

/* The libarchive functions celm calls: X(return type, name, parameter list). */
#define CELM_LIBARCHIVE_FUNCTIONS(X)                                                                \
    X(struct archive *, archive_read_new, (void))                                                   \
    X(int, archive_read_support_filter_gzip, (struct archive *))                                    \
    X(int, archive_read_support_format_raw, (struct archive *))                                     \
    X(int, archive_read_support_format_tar, (struct archive *))                                     \
    X(int, archive_read_support_format_empty, (struct archive *))                                   \
    X(int, archive_read_open_memory, (struct archive *, const void *, size_t))                      \
    X(int, archive_read_next_header, (struct archive *, struct archive_entry **))                   \
    X(la_ssize_t, archive_read_data, (struct archive *, void *, size_t))                            \
    X(int, archive_read_free, (struct archive *))                                                   \
    X(int, archive_filter_count, (struct archive *))                                                \
    X(const char *, archive_error_string, (struct archive *))                                       \
    X(la_int64_t, archive_entry_size, (struct archive_entry *))                                     \
    X(__LA_MODE_T, archive_entry_filetype, (struct archive_entry *))                                \
    X(const char *, archive_entry_pathname, (struct archive_entry *))                               \
    X(const char *, archive_entry_pathname_utf8, (struct archive_entry *))                          \
    X(time_t, archive_entry_mtime, (struct archive_entry *))                                        \
    X(long, archive_entry_mtime_nsec, (struct archive_entry *))                                     \
    X(struct archive_entry *, archive_entry_new, (void))                                            \
    X(void, archive_entry_set_pathname, (struct archive_entry *, const char *))                     \
    X(void, archive_entry_set_filetype, (struct archive_entry *, unsigned int))                     \
    X(void, archive_entry_set_perm, (struct archive_entry *, __LA_MODE_T))                          \
    X(void, archive_entry_set_size, (struct archive_entry *, la_int64_t))                           \
    X(void, archive_entry_set_mtime, (struct archive_entry *, time_t, long))                        \
    X(void, archive_entry_free, (struct archive_entry *))                                           \
    X(struct archive *, archive_write_new, (void))                                                  \
    X(int, archive_write_set_format_pax_restricted, (struct archive *))                             \
    X(int, archive_write_set_bytes_in_last_block, (struct archive *, int))                          \
    X(int, archive_write_open, (struct archive *, void *, archive_open_callback *,                  \
                                archive_write_callback *, archive_close_callback *))                \
    X(int, archive_write_header, (struct archive *, struct archive_entry *))                        \
    X(la_ssize_t, archive_write_data, (struct archive *, const void *, size_t))                     \
    X(int, archive_write_close, (struct archive *))                                                 \
    X(int, archive_write_free, (struct archive *))

typedef struct celm_libarchive {
    CELM_LIBARCHIVE_FUNCTIONS(CELM_LAZY_FIELD)
} celm_libarchive;

/* The loaded library (the same table on every call), or NULL with the loader's reason in *why. */
const celm_libarchive *celm_libarchive_load(const char **why);

#endif
