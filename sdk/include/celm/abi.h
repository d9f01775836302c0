/* abi.h: the plugin ABI version and the symbol-visibility macros every SDK header relies on. */
#ifndef CELM_ABI_H
#define CELM_ABI_H

/* A plugin built for major M loads only into a core of major M, and only when the core's minor is
 * at least the plugin's minor (a plugin may use host entries added up to its minor). */
#define CELM_ABI_MAJOR 1
#define CELM_ABI_MINOR 4

#if defined(__GNUC__) || defined(__clang__)
#define CELM_EXPORT __attribute__((visibility("default")))
#define CELM_PRINTF(fmt_index, first_arg) __attribute__((format(printf, fmt_index, first_arg)))
#else
#define CELM_EXPORT
#define CELM_PRINTF(fmt_index, first_arg)
#endif

#ifdef __cplusplus
#define CELM_EXTERN_C extern "C"
#else
#define CELM_EXTERN_C
#endif

#endif
