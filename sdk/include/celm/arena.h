/* arena.h: the opaque region allocator; everything allocated in an arena dies with it. */
#ifndef CELM_ARENA_H
#define CELM_ARENA_H

/* Created and destroyed through the host table (arena_create / arena_destroy). Memory handed out
 * by arena_alloc stays valid until the arena is destroyed; it is never freed one piece at a time.
 * An arena is not thread-safe: one arena per render pass or per request. */
typedef struct celm_arena celm_arena;

#endif
