/* tree_dump.h: the structural dump of a template tree that tests compare with Go's (gotree/main.go). */
#ifndef CELM_TEST_TREE_DUMP_H
#define CELM_TEST_TREE_DUMP_H

#include <stddef.h>

#include "gotmpl.h"
#include "gotmpl_text.h"

/* Writes every node with its kind, offset and line: `(list@0:1 (action@2:1 ...))`. */
void tree_dump(celm_gotmpl_sink *sink, const celm_gotmpl_node *node);

/* A growable malloc'd string for test output. */
typedef struct test_text {
    char *data;
    size_t len;
} test_text;

void test_text_append(test_text *text, const char *bytes, size_t len);
void test_text_append_quoted(test_text *text, const char *bytes, size_t len);
/* Appends a node written by `write` (node_format or tree_dump), however long. */
void test_text_append_node(test_text *text, const celm_gotmpl_node *node, int as_dump, unsigned flags);
void test_text_free(test_text *text);

#endif
