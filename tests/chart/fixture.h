/* fixture.h: building chart fixtures for the chart tests: directories, links and .tgz archives. */
#ifndef CELM_TESTS_CHART_FIXTURE_H
#define CELM_TESTS_CHART_FIXTURE_H

#include <stddef.h>

/* A fresh directory under $TMPDIR (or /tmp); malloc'd path, remove with fixture_remove. */
char *fixture_directory(void);
/* Removes a directory tree (symlinks are removed, not followed). */
void fixture_remove(const char *root);
/* root/path + "\0": malloc'd. */
char *fixture_path(const char *root, const char *path);
/* Writes root/path (creating its directories); returns 0 or -1. */
int fixture_write(const char *root, const char *path, const char *data, size_t len);
int fixture_write_text(const char *root, const char *path, const char *text);
int fixture_symlink(const char *root, const char *path, const char *target);
int fixture_fifo(const char *root, const char *path);
int fixture_mkdir(const char *root, const char *path);
/* "apiVersion: v2\nname: <name>\nversion: 0.1.0\n" at root/<directory>/Chart.yaml. */
int fixture_chart_yaml(const char *root, const char *directory, const char *name);

typedef enum fixture_entry_type {
    FIXTURE_FILE,       /* `data`/`len`; data NULL means `len` zero bytes */
    FIXTURE_DIRECTORY,
    FIXTURE_SYMLINK,    /* `data` is the target */
    FIXTURE_FIFO
} fixture_entry_type;

typedef struct fixture_entry {
    fixture_entry_type type;
    const char *name;   /* as written in the tar header */
    const char *data;
    size_t len;
} fixture_entry;

#define FIXTURE_TEXT(name, text) {FIXTURE_FILE, name, text, sizeof text - 1}

/* A gzip+tar archive of `entries` in order, in malloc'd memory; returns 0 or -1. */
int fixture_tgz(const fixture_entry *entries, size_t count, char **out, size_t *out_len);
/* The same written to root/path. */
int fixture_write_tgz(const char *root, const char *path, const fixture_entry *entries, size_t count);

#endif
