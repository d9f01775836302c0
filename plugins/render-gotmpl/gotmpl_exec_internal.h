/* gotmpl_exec_internal.h: the executor's insides shared by its files: the executor, the state of
 * one template execution, values as Go's reflect sees them, variables and errors. */
#ifndef CELM_GOTMPL_EXEC_INTERNAL_H
#define CELM_GOTMPL_EXEC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "gotmpl_call.h"
#include "gotmpl_exec.h"
#include "gotmpl_exec_buffer.h"

/* Parameter types only builtins use, next to GT_ANY (interface{}): */
#define GOTMPL_PARAM_REFLECT 254    /* reflect.Value: the argument as it is, even invalid */
#define GOTMPL_PARAM_UNTYPED 253    /* evalArg with a nil type: no check at all (chain operands) */

#define GOTMPL_MAX_EXEC_DEPTH 100000    /* text/template's maxExecDepth */

/* A value as text/template's reflect.Value holds it. `boxed` marks a value inside an interface{}
 * (an element of []interface{} or map[string]interface{}, an interface{} result): Go reports such a
 * receiver's type as "interface {}" and unwraps it at the end of each pipeline command. A GT_NIL is
 * always a nil interface{}; GT_INVALID is Go's invalid reflect.Value (no value at all). */
typedef struct gotmpl_exec_value {
    gotmpl_value value;
    uint8_t boxed;
} gotmpl_exec_value;

/* The templates an execution sees: the executor's set, or a tpl's trees over its parent's. */
typedef struct gotmpl_namespace {
    const celm_gotmpl_set *set;
    const struct gotmpl_namespace *parent;
} gotmpl_namespace;

typedef struct gotmpl_variable {
    celm_gotmpl_slice name;     /* with its '$' */
    gotmpl_exec_value value;
} gotmpl_variable;

typedef struct gotmpl_function_entry {
    const gotmpl_func *func;
    uint8_t is_builtin;
} gotmpl_function_entry;

/* The Error() texts of a failure's chain of wrapped errors, outermost first (what errors.Unwrap
 * walks), kept so Helm's reformatting can be reproduced. */
typedef struct gotmpl_error_chain {
    const celm_string *links;
    size_t count;
} gotmpl_error_chain;

typedef struct gotmpl_tpl_cache gotmpl_tpl_cache;
typedef struct gotmpl_name_counts gotmpl_name_counts;

struct gotmpl_exec {
    gotmpl_runtime *runtime;
    const celm_host *host;
    celm_arena *arena;
    gotmpl_exec_options options;
    gotmpl_function_entry *functions;   /* open addressing by name */
    size_t function_slots;
    celm_gotmpl_set *set;
    gotmpl_namespace root;
    const gotmpl_namespace *namespace;  /* the current one: tpl executions push theirs */
    gotmpl_variable *variables;         /* Go's variable stacks, one after another */
    size_t variable_count, variable_capacity;
    gotmpl_name_counts *include_counts; /* Helm's includedNames */
    gotmpl_tpl_cache *tpl_cache;
    celm_string error_text;             /* the last failure, in full */
    gotmpl_error_chain error_chain;
    int error_is_exec;                  /* the failure is Go's ExecError (not "no template", ...) */
    gotmpl_error_chain call_chain;      /* set by a function whose error wraps an execution's */
    int running;                        /* nested executions under way (include, tpl) */
    const uint8_t *argument_boxed;      /* during a function call: which arguments are interface{} */
    size_t argument_count;
    const char *stack_limit;            /* the lowest safe stack address while running */
    int on_caller_stack;                /* running on the caller's stack (caller_stack_first) */
    int stack_exhausted;                /* ... and it ran out */
};

/* One template execution (Go's state): the template, the node errors point at, its variables. */
typedef struct gotmpl_exec_state {
    gotmpl_exec *exec;
    const celm_gotmpl_tree *tree;
    const celm_gotmpl_node *node;
    size_t variable_base;
    uint32_t depth;
    gotmpl_buffer *out;
} gotmpl_exec_state;

/* Results of walking: 0, a negative CELM_E* after an error, or break/continue leaving a range. */
#define GOTMPL_WALK_BREAK 1
#define GOTMPL_WALK_CONTINUE 2

/* --- gotmpl_exec.c ------------------------------------------------------------------------------ */
/* Go's s.errorf: `template: NAME:LINE:COL: executing "NAME" at <NODE>: message`. Records the error
 * and returns CELM_EINVAL. */
int gotmpl_exec_fail(gotmpl_exec_state *state, const char *format, ...) CELM_PRINTF(2, 3);
/* The same with the message `prefix` + `text`, taken as it is (value texts may hold NUL bytes). */
int gotmpl_exec_fail_text(gotmpl_exec_state *state, const char *prefix, const celm_string *text);
/* The same for a failed function call: the message wraps the function's error (its chain). */
int gotmpl_exec_fail_call(gotmpl_exec_state *state, const char *name, const celm_string *message,
                          const gotmpl_error_chain *inner);
int gotmpl_exec_out_of_memory(gotmpl_exec *exec);
/* Records a failure that is no execution error (a parse error, Helm's wrappings): `text` with the
 * chain of what it wraps. Returns `status`. */
int gotmpl_exec_fail_plain(gotmpl_exec *exec, int status, const celm_string *text, const gotmpl_error_chain *inner);
/* Go's String() of a node, in the arena. */
celm_string gotmpl_exec_node_text(gotmpl_exec *exec, const celm_gotmpl_node *node);
/* Runs a tree as a new execution (Go's Execute): fresh variables ($ = dot), depth 0. */
int gotmpl_exec_tree(gotmpl_exec *exec, const celm_gotmpl_tree *tree, const gotmpl_value *dot, gotmpl_buffer *out);
/* Runs a parsed tree as gotmpl_exec_run does, with `namespace` as the templates it sees. */
int gotmpl_exec_run_parsed(gotmpl_exec *exec, const celm_gotmpl_tree *tree, const gotmpl_namespace *namespace,
                           const gotmpl_value *dot, celm_string *out, celm_error *err);
const celm_gotmpl_tree *gotmpl_namespace_find(const gotmpl_namespace *namespace, const char *name, size_t len);
/* The function of that name in the executor's map (the builtins underneath), or NULL. */
const gotmpl_function_entry *gotmpl_exec_find_function(const gotmpl_exec *exec, const char *name, size_t len);

/* --- gotmpl_exec_walk.c ------------------------------------------------------------------------- */
int gotmpl_exec_walk(gotmpl_exec_state *state, const gotmpl_exec_value *dot, const celm_gotmpl_node *node);
int gotmpl_variable_push(gotmpl_exec_state *state, celm_gotmpl_slice name, const gotmpl_exec_value *value);
int gotmpl_variable_set(gotmpl_exec_state *state, celm_gotmpl_slice name, const gotmpl_exec_value *value);
int gotmpl_variable_get(gotmpl_exec_state *state, celm_gotmpl_slice name, gotmpl_exec_value *out);

/* --- gotmpl_exec_eval.c ------------------------------------------------------------------------- */
int gotmpl_exec_pipeline(gotmpl_exec_state *state, const gotmpl_exec_value *dot, const celm_gotmpl_pipe *pipe,
                         gotmpl_exec_value *out);
/* The evaluators of command heads. `args`/`count` are the whole command (args[0] is the node
 * itself) or NULL/0 for an operand; `final` is the pipeline's previous value or NULL. */
int gotmpl_exec_field_node(gotmpl_exec_state *state, const gotmpl_exec_value *dot, const celm_gotmpl_field *field,
                           celm_gotmpl_node *const *args, size_t count, const gotmpl_exec_value *final,
                           gotmpl_exec_value *out);
int gotmpl_exec_chain_node(gotmpl_exec_state *state, const gotmpl_exec_value *dot, const celm_gotmpl_chain *chain,
                           celm_gotmpl_node *const *args, size_t count, const gotmpl_exec_value *final,
                           gotmpl_exec_value *out);
int gotmpl_exec_variable_node(gotmpl_exec_state *state, const gotmpl_exec_value *dot,
                              const celm_gotmpl_variable *variable, celm_gotmpl_node *const *args, size_t count,
                              const gotmpl_exec_value *final, gotmpl_exec_value *out);
/* `command` is where Go reports the function's own failure (the command, or the identifier). */
int gotmpl_exec_function_node(gotmpl_exec_state *state, const gotmpl_exec_value *dot,
                              const celm_gotmpl_identifier *name, const celm_gotmpl_node *command,
                              celm_gotmpl_node *const *args, size_t count, const gotmpl_exec_value *final,
                              gotmpl_exec_value *out);
/* idealConstant: a number constant where no type is known (int, float64, or an error). */
int gotmpl_exec_ideal_constant(gotmpl_exec_state *state, const celm_gotmpl_number *number, gotmpl_exec_value *out);
/* The value with its interface{} unwrapped (Go's indirectInterface; nil gives invalid). */
gotmpl_exec_value gotmpl_exec_unboxed(const gotmpl_exec_value *value);
/* Go's String() of a node, NUL-terminated in the arena ("" when out of memory). */
const char *gotmpl_exec_node_string(gotmpl_exec_state *state, const celm_gotmpl_node *node);

/* --- gotmpl_exec_args.c ------------------------------------------------------------------------- */
/* evalArg: an argument node converted to a parameter type (a gotmpl_type, GT_ANY or GOTMPL_PARAM_*). */
int gotmpl_exec_argument(gotmpl_exec_state *state, const gotmpl_exec_value *dot, uint8_t type,
                         const celm_gotmpl_node *node, gotmpl_exec_value *out);
/* validateType: a computed value checked against (and converted to) a parameter type. */
int gotmpl_exec_check_type(gotmpl_exec_state *state, const gotmpl_exec_value *value, uint8_t type,
                           gotmpl_exec_value *out);
/* Go's text of a parameter type for messages ("int", "interface {}", "map[string]interface {}"). */
const char *gotmpl_exec_type_text(uint8_t type);

/* --- gotmpl_exec_call.c ------------------------------------------------------------------------- */
/* evalCall: calls func with the command's arguments args[1..count) (args may be NULL) and the
 * pipeline's previous value `final` (NULL when absent). `receiver` is a method's object or NULL.
 * `node` is where a failure of the function itself is reported. */
int gotmpl_exec_call(gotmpl_exec_state *state, const gotmpl_exec_value *dot, const gotmpl_func *func, int is_builtin,
                     const celm_gotmpl_node *node, celm_gotmpl_slice name, celm_gotmpl_node *const *args,
                     size_t count, const gotmpl_exec_value *final, const gotmpl_value *receiver,
                     gotmpl_exec_value *out);
/* Sets a function's error to `text` as it is (NUL bytes included); returns CELM_EINVAL. */
int gotmpl_exec_call_fail_text(gotmpl_call *call, const celm_string *text);
/* Whether argument i of the function call under way was held in an interface{} (reflect.Value
 * arguments keep that; Go's slice builtin, unlike the others, does not look inside). */
int gotmpl_exec_argument_boxed(gotmpl_call *call, size_t i);

/* --- gotmpl_builtins*.c ------------------------------------------------------------------------- */
extern const gotmpl_func gotmpl_builtin_functions[];
extern const size_t gotmpl_builtin_count;
/* Go's isTrue of an unwrapped value: 0 or 1 (every type celm has has a truth). */
int gotmpl_exec_truth(gotmpl_runtime *runtime, const gotmpl_value *value);

/* --- gotmpl_exec_time.c ------------------------------------------------------------------------- */
/* A method of time.Time (String, Format, Unix, UnixNano, UTC, ...), or NULL. */
const gotmpl_func *gotmpl_exec_time_method(const char *name, size_t len);

/* --- gotmpl_exec_stack.c ------------------------------------------------------------------------ */
/* 1 when the stack has room for another level of templates. */
int gotmpl_exec_stack_ok(gotmpl_exec *exec);

#endif
