/* test_host.c: the host table the template front end's tests hand it: errors and arenas only,
 * so the tests need no libcelm, as the plugin will not. Under ASan every allocation is its own
 * malloc, so overruns of node arrays are caught exactly. */
#include <stdalign.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_host.h"

#if defined(__SANITIZE_ADDRESS__)
#define BLOCK_SIZE 0
#else
#define BLOCK_SIZE 65536
#endif

typedef struct test_block {
    struct test_block *next;
    size_t size;
    size_t used;
    alignas(max_align_t) unsigned char data[];
} test_block;

struct celm_arena {
    test_block *head;
};

static celm_arena *arena_create(void)
{
    return calloc(1, sizeof(celm_arena));
}

static void arena_destroy(celm_arena *arena)
{
    if (!arena)
        return;
    for (test_block *block = arena->head, *next; block; block = next) {
        next = block->next;
        free(block);
    }
    free(arena);
}

static void *arena_alloc(celm_arena *arena, size_t size)
{
    size_t aligned = (size + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1);
    test_block *head = arena->head;
    if (!head || BLOCK_SIZE == 0 || head->size - head->used < aligned) {
        size_t block_size = aligned > BLOCK_SIZE ? aligned : BLOCK_SIZE;
        head = malloc(sizeof(test_block) + (block_size ? block_size : 1));
        if (!head)
            return NULL;
        head->size = block_size;
        head->used = 0;
        head->next = arena->head;
        arena->head = head;
    }
    void *memory = head->data + head->used;
    head->used += aligned;
    return memory;
}

static char *arena_strndup(celm_arena *arena, const char *text, size_t len)
{
    char *copy = arena_alloc(arena, len + 1);
    if (copy) {
        memcpy(copy, text, len);
        copy[len] = '\0';
    }
    return copy;
}

static int error_set(celm_error *err, int code, const char *format, ...)
{
    if (!err)
        return code;
    va_list args;
    va_start(args, format);
    err->code = code;
    vsnprintf(err->message, sizeof err->message, format, args);
    va_end(args);
    return code;
}

static const celm_host host = {
    .size = sizeof(celm_host),
    .abi_major = CELM_ABI_MAJOR,
    .abi_minor = CELM_ABI_MINOR,
    .core_version = "test",
    .error_set = error_set,
    .arena_create = arena_create,
    .arena_destroy = arena_destroy,
    .arena_alloc = arena_alloc,
    .arena_strndup = arena_strndup,
};

const celm_host *test_host(void)
{
    return &host;
}

celm_arena *test_arena_create(void)
{
    return host.arena_create();
}

void test_arena_destroy(celm_arena *arena)
{
    host.arena_destroy(arena);
}
