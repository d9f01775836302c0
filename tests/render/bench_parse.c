/* bench_parse.c: how long parsing a chart-sized template takes (a 2000-line file built from a
 * typical Helm deployment and helpers), in CPU time averaged over many runs. Not a test: prints
 * the timing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "test_host.h"
#include "gotmpl.h"

static const char block[] =
    "{{- define \"mychart.fullname@\" -}}\n"
    "{{- if .Values.fullnameOverride }}\n"
    "{{- .Values.fullnameOverride | trunc 63 | trimSuffix \"-\" }}\n"
    "{{- else }}\n"
    "{{- $name := default .Chart.Name .Values.nameOverride }}\n"
    "{{- printf \"%s-%s\" .Release.Name $name | trunc 63 | trimSuffix \"-\" }}\n"
    "{{- end }}\n"
    "{{- end }}\n"
    "apiVersion: apps/v1\n"
    "kind: Deployment\n"
    "metadata:\n"
    "  name: {{ include \"mychart.fullname\" . }}\n"
    "  labels:\n"
    "    {{- include \"mychart.labels\" . | nindent 4 }}\n"
    "spec:\n"
    "  {{- if not .Values.autoscaling.enabled }}\n"
    "  replicas: {{ .Values.replicaCount }}\n"
    "  {{- end }}\n"
    "  template:\n"
    "    spec:\n"
    "      {{- with .Values.imagePullSecrets }}\n"
    "      imagePullSecrets:\n"
    "        {{- toYaml . | nindent 8 }}\n"
    "      {{- end }}\n"
    "      containers:\n"
    "        - name: {{ .Chart.Name }}\n"
    "          image: \"{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}\"\n"
    "          {{- range $key, $value := .Values.env }}\n"
    "          - name: {{ $key | quote }}\n"
    "            value: {{ $value | quote }}\n"
    "          {{- end }}\n"
    "          resources: {{- toYaml .Values.resources | nindent 12 }}\n";

static int lookup(void *payload, const char *name, size_t len, const void **function)
{
    static const char *const names[] = {"include", "nindent", "toYaml", "quote", "default", "trunc",
                                        "trimSuffix", "printf", "not", NULL};
    (void)payload;
    for (size_t i = 0; names[i]; i++) {
        if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0) {
            *function = names[i];
            return 1;
        }
    }
    return 0;
}

int main(void)
{
    size_t copies = 2000 / 32 + 1, block_len = strlen(block), len = 0;
    char *text = malloc(copies * (block_len + 16) + 1);
    const char *at = strchr(block, '@');
    for (size_t i = 0; i < copies; i++) {   /* each copy defines its own name */
        memcpy(text + len, block, (size_t)(at - block));
        len += (size_t)(at - block);
        len += (size_t)sprintf(text + len, "%zu", i);
        memcpy(text + len, at + 1, block_len - (size_t)(at - block) - 1);
        len += block_len - (size_t)(at - block) - 1;
    }
    text[len] = '\0';
    celm_gotmpl_parse_options options = CELM_GOTMPL_PARSE_OPTIONS_INIT;
    options.lookup = lookup;
#if defined(__GLIBC__)
    /* Keep freed arena blocks in the process: a render pass reuses one arena, it does not page-fault. */
    mallopt(M_TRIM_THRESHOLD, 1 << 28);
    mallopt(M_MMAP_THRESHOLD, 1 << 28);
#endif
    int runs = 2000;
    struct timespec start, end;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &start);
    for (int i = 0; i < runs; i++) {
        celm_arena *arena = test_arena_create();
        celm_gotmpl_file file;
        celm_error err = CELM_ERROR_INIT;
        if (celm_gotmpl_parse(test_host(), arena, "t.yaml", text, len, &options, &file, &err) != 0) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        test_arena_destroy(arena);
    }
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &end);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    printf("%zu lines, %zu bytes: %.3f ms per parse (%.0f MB/s)\n", copies * 32, len,
           1000 * seconds / runs, (double)len * runs / seconds / 1e6);
    free(text);
    return 0;
}
