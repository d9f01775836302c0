/* arena.c: the region allocator behind every render pass and request (celm_arena). */
#include <stdarg.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "celm/celm.h"

#define ARENA_FIRST_BLOCK 4096
#define ARENA_MAX_BLOCK (1u << 20)
#define ARENA_ALIGN (alignof(max_align_t))

typedef struct arena_block {
    struct arena_block *next;
    size_t size;
    size_t used;
    alignas(max_align_t) unsigned char data[];
} arena_block;

struct celm_arena {
    arena_block *head;
    size_t next_size;
};

celm_arena *celm_arena_create(void)
{
    return calloc(1, sizeof(celm_arena));
}

void celm_arena_destroy(celm_arena *arena)
{
    if (!arena)
        return;
    arena_block *block = arena->head;
    while (block) {
        arena_block *next = block->next;
        free(block);
        block = next;
    }
    free(arena);
}

#ifndef CELM_DEBUG_ARENA
static arena_block *arena_add_block(celm_arena *arena, size_t need)
{
    size_t size = arena->next_size ? arena->next_size : ARENA_FIRST_BLOCK;
    if (size < ARENA_MAX_BLOCK)
        arena->next_size = size * 2;
    if (size < need)
        size = need;
    arena_block *block = malloc(sizeof(arena_block) + size);
    if (!block)
        return NULL;
    block->size = size;
    block->used = 0;
    /* A block too big for the regular sequence goes behind the head, so the head keeps its room. */
    if (arena->head && need > ARENA_MAX_BLOCK / 4) {
        block->next = arena->head->next;
        arena->head->next = block;
    } else {
        block->next = arena->head;
        arena->head = block;
    }
    return block;
}
#endif

#ifdef CELM_DEBUG_ARENA
/* Every allocation is its own malloc block so ASan and valgrind see its exact bounds. */
void *celm_arena_alloc(celm_arena *arena, size_t size)
{
    arena_block *block = malloc(sizeof(arena_block) + (size ? size : 1));
    if (!block)
        return NULL;
    block->size = size;
    block->used = size;
    block->next = arena->head;
    arena->head = block;
    return block->data;
}
#else
void *celm_arena_alloc(celm_arena *arena, size_t size)
{
    size_t rounded = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (rounded < size)
        return NULL;
    arena_block *block = arena->head;
    if (!block || block->size - block->used < rounded) {
        block = arena_add_block(arena, rounded);
        if (!block)
            return NULL;
    }
    void *memory = block->data + block->used;
    block->used += rounded;
    return memory;
}
#endif

char *celm_arena_strndup(celm_arena *arena, const char *text, size_t len)
{
    char *copy = celm_arena_alloc(arena, len + 1);
    if (!copy)
        return NULL;
    if (len)
        memcpy(copy, text, len);
    copy[len] = '\0';
    return copy;
}

#ifndef CELM_DEBUG_ARENA
/* Formats straight into the head block's free room; NULL when the text does not fit there. */
static char *print_in_place(celm_arena *arena, const char *format, va_list args)
{
    arena_block *block = arena->head;
    if (!block || block->size == block->used)
        return NULL;
    char *text = (char *)block->data + block->used;
    int needed = vsnprintf(text, block->size - block->used, format, args);
    if (needed < 0 || (size_t)needed >= block->size - block->used)
        return NULL;
    size_t rounded = ((size_t)needed + 1 + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    block->used += rounded < block->size - block->used ? rounded : block->size - block->used;
    return text;
}
#endif

char *celm_arena_printf(celm_arena *arena, const char *format, ...)
{
    va_list args;
#ifndef CELM_DEBUG_ARENA
    va_start(args, format);
    char *text = print_in_place(arena, format, args);
    va_end(args);
    if (text)
        return text;
#endif
    va_start(args, format);
    int needed = vsnprintf(NULL, 0, format, args);
    va_end(args);
    if (needed < 0)
        return NULL;
    char *copy = celm_arena_alloc(arena, (size_t)needed + 1);
    if (!copy)
        return NULL;
    va_start(args, format);
    vsnprintf(copy, (size_t)needed + 1, format, args);
    va_end(args);
    return copy;
}
