/* gotmpl_funcs_b.h: the function tables of Sprig's dates, crypto, random, semver, network and URL
 * functions and Helm's data functions, and the small helpers those files share. */
#ifndef CELM_GOTMPL_FUNCS_B_H
#define CELM_GOTMPL_FUNCS_B_H

#include <stddef.h>
#include <stdint.h>

#include "gotmpl_exec_buffer.h"
#include "gotmpl_func.h"
#include "gotmpl_value.h"

/* Each table is NULL-name terminated; see gotmpl_func.h. */
extern const gotmpl_func_table gotmpl_funcs_sprig_dates;
extern const gotmpl_func_table gotmpl_funcs_sprig_crypto;
extern const gotmpl_func_table gotmpl_funcs_sprig_random;
extern const gotmpl_func_table gotmpl_funcs_sprig_semver;
extern const gotmpl_func_table gotmpl_funcs_sprig_network;
/* Sprig's toJson, fromJson, toPrettyJson, toRawJson and their must forms. */
extern const gotmpl_func_table gotmpl_funcs_sprig_json;
/* Helm's toYaml, fromYaml, toJson, fromJson, toToml, fromToml, lookup (replacing Sprig's toJson,
 * mustToJson and fromJson). */
extern const gotmpl_func_table gotmpl_funcs_helm_data;

/* The function called `name` in one table, or NULL. */
const gotmpl_func *gotmpl_func_table_find(const gotmpl_func_table *table, const char *name);

/* sprig's certificate struct {Cert, Key string} as a template value with fields .Cert and .Key
 * (the strings are borrowed: they must live in the arena or longer). */
gotmpl_value gotmpl_certificate_new(gotmpl_runtime *runtime, const celm_string *cert, const celm_string *key);

/* --- small helpers (text is built with gotmpl_buffer, gotmpl_exec_buffer.h) ----------------------- */
/* An arena copy of text as a Go string value (NULL data only when out of memory). */
int gotmpl_string_result(gotmpl_runtime *runtime, const char *text, size_t len, gotmpl_value *out);
/* Go's strconv.Quote into an arena string. */
celm_string gotmpl_go_quote(gotmpl_runtime *runtime, const char *text, size_t len);
/* Standard base64 (with padding) of bytes, appended to the buffer. */
void gotmpl_base64_append(gotmpl_buffer *output, const unsigned char *bytes, size_t len);
/* Decodes standard base64 the way Go's StdEncoding.DecodeString does. Returns the length, or -1
 * with *bad_at the offset Go's CorruptInputError reports. `out` needs len*3/4+3 bytes. */
long gotmpl_base64_decode(const char *text, size_t len, unsigned char *out, size_t *bad_at);

#endif
