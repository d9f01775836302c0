/* chart_fixture.c: writes a .tgz with chosen tar entries, for compare_with_helm.sh's archives.
 *
 * usage: chart_fixture OUT.tgz SPEC...
 * SPEC is one tar entry, in order: NAME=TEXT (a file), NAME=@PATH (a file with PATH's bytes),
 * NAME@dir, NAME@sym=TARGET, NAME@fifo, NAME@zeros=SIZE (SIZE zero bytes). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

static char *read_all(const char *path, size_t *len)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return NULL;
    size_t capacity = 65536, used = 0;
    char *data = malloc(capacity);
    size_t n;
    while (data && (n = fread(data + used, 1, capacity - used, in)) > 0) {
        used += n;
        if (used == capacity) {
            char *grown = realloc(data, capacity *= 2);
            if (!grown)
                free(data);
            data = grown;
        }
    }
    fclose(in);
    *len = used;
    return data;
}

/* Fills `entry` from one SPEC; the strings point into `spec`, which is modified, or into *owned
 * (malloc'd, for NAME=@PATH). */
static int parse_spec(char *spec, fixture_entry *entry, char **owned)
{
    char *at = strchr(spec, '@');
    char *equals = strchr(spec, '=');
    memset(entry, 0, sizeof *entry);
    entry->name = spec;
    if (at && (!equals || at < equals)) {
        *at++ = 0;
        if (strcmp(at, "dir") == 0)
            entry->type = FIXTURE_DIRECTORY;
        else if (strcmp(at, "fifo") == 0)
            entry->type = FIXTURE_FIFO;
        else if (strncmp(at, "sym=", 4) == 0)
            entry->type = FIXTURE_SYMLINK, entry->data = at + 4;
        else if (strncmp(at, "zeros=", 6) == 0)
            entry->type = FIXTURE_FILE, entry->len = strtoull(at + 6, NULL, 10);
        else
            return -1;
        return 0;
    }
    if (!equals)
        return -1;
    *equals++ = 0;
    entry->type = FIXTURE_FILE;
    if (equals[0] == '@') {
        *owned = read_all(equals + 1, &entry->len);
        entry->data = *owned ? *owned : "";
        return *owned ? 0 : -1;
    }
    entry->data = equals;
    entry->len = strlen(equals);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: chart_fixture OUT.tgz SPEC...\n");
        return 2;
    }
    size_t count = (size_t)argc - 2;
    fixture_entry *entries = calloc(count + 1, sizeof *entries);
    char **owned = calloc(count + 1, sizeof *owned);
    int status = entries && owned ? 0 : 1;
    for (size_t i = 0; status == 0 && i < count; i++) {
        if (parse_spec(argv[i + 2], &entries[i], &owned[i]) != 0) {
            fprintf(stderr, "chart_fixture: bad entry %s\n", argv[i + 2]);
            status = 2;
        }
    }
    char *data = NULL;
    size_t len = 0;
    FILE *out = status == 0 && fixture_tgz(entries, count, &data, &len) == 0 ? fopen(argv[1], "wb") : NULL;
    if (status == 0)
        status = out && fwrite(data, 1, len, out) == len ? 0 : 1;
    if (out && fclose(out) != 0)
        status = 1;
    if (status == 1)
        fprintf(stderr, "chart_fixture: cannot write %s\n", argv[1]);
    for (size_t i = 0; owned && i < count; i++)
        free(owned[i]);
    free(owned);
    free(entries);
    free(data);
    return status;
}
