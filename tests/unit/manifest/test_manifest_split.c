/* test_manifest_split.c: Helm v4.2's SplitManifests (manifest_split.c). */
#include "celm/celm.h"
#include "check.h"

static size_t split(celm_arena *arena, const char *text, celm_string **docs)
{
    return celm_manifest_split(arena, text, strlen(text), docs);
}

static void separators_need_a_line_start(void)
{
    celm_arena *arena = celm_arena_create();
    celm_string *docs;
    CHECK_INT(split(arena, "a: 1\n---\nb: 2\n", &docs), 2);
    CHECK_STR(docs[0].data, "a: 1\n");
    CHECK_STR(docs[1].data, "b: 2\n");
    CHECK_INT(split(arena, "a: 1 --- b\n  ---\nc", &docs), 1);
    celm_arena_destroy(arena);
}

static void separator_swallows_blanks_and_glued_text_stays(void)
{
    celm_arena *arena = celm_arena_create();
    celm_string *docs;
    CHECK_INT(split(arena, "---  \t kind: A\n---kind: B", &docs), 2);
    CHECK_STR(docs[0].data, "kind: A\n");
    CHECK_STR(docs[1].data, "kind: B");
    celm_arena_destroy(arena);
}

static void blank_documents_disappear_and_leading_space_is_trimmed(void)
{
    celm_arena *arena = celm_arena_create();
    celm_string *docs;
    CHECK_INT(split(arena, "\n\n---\n \n---\n\xc2\xa0\n  x: 1\n\n", &docs), 1);
    CHECK_STR(docs[0].data, "x: 1\n\n");
    CHECK_INT(split(arena, "", &docs), 0);
    celm_arena_destroy(arena);
}

CHECK_CASES(CASE(separators_need_a_line_start), CASE(separator_swallows_blanks_and_glued_text_stays),
            CASE(blank_documents_disappear_and_leading_space_is_trimmed))
