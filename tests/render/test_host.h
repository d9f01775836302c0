/* test_host.h: the host table the template front end's tests hand it: errors and arenas only. */
#ifndef CELM_TEST_HOST_H
#define CELM_TEST_HOST_H

#include "celm/host.h"

/* A host table with error_set and the arena entries; everything else is NULL, so a test fails
 * loudly if the front end reaches for more of the host than a render plugin may assume. */
const celm_host *test_host(void);
celm_arena *test_arena_create(void);
void test_arena_destroy(celm_arena *arena);

#endif
