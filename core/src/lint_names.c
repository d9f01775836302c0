/* lint_names.c: helm lint's object-name rule (validateMetadataName): the name check Kubernetes
 * applies to each kind, with apimachinery v0.36.1's messages. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "go_quote.h"
#include "lint_internal.h"

#define LABEL_FORMAT "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
#define SUBDOMAIN_FORMAT LABEL_FORMAT "(\\." LABEL_FORMAT ")*"
#define LABEL_1035_FORMAT "[a-z]([-a-z0-9]*[a-z0-9])?"

typedef enum name_rule {
    NAME_DNS_SUBDOMAIN,
    NAME_DNS_1035_LABEL,
    NAME_DNS_LABEL,
    NAME_PATH_SEGMENT,
    NAME_ANY
} name_rule;

/* The kinds whose rule is not a DNS subdomain (matched case-insensitively, as helm lowers). */
static name_rule rule_for(const char *kind)
{
    static const struct {
        const char *kind;
        name_rule rule;
    } rules[] = {
        {"service", NAME_DNS_1035_LABEL}, {"namespace", NAME_DNS_LABEL},
        {"certificatesigningrequest", NAME_ANY}, {"role", NAME_PATH_SEGMENT},
        {"clusterrole", NAME_PATH_SEGMENT}, {"rolebinding", NAME_PATH_SEGMENT},
        {"clusterrolebinding", NAME_PATH_SEGMENT},
    };
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if (strcasecmp(rules[i].kind, kind) == 0)
            return rules[i].rule;
    return NAME_DNS_SUBDOMAIN;
}

static int is_label_char(char c)
{
    return islower((unsigned char)c) || isdigit((unsigned char)c) || c == '-';
}

/* One RFC 1123 label (or RFC 1035 when `letter_first`) in text[0..len). */
static int is_label(const char *text, size_t len, int letter_first)
{
    if (len == 0 || text[0] == '-' || text[len - 1] == '-')
        return 0;
    if (letter_first && !islower((unsigned char)text[0]))
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!is_label_char(text[i]))
            return 0;
    return 1;
}

static int is_subdomain(const char *name)
{
    size_t start = 0, len = strlen(name);
    for (size_t i = 0; i <= len; i++) {
        if (i < len && name[i] != '.')
            continue;
        if (!is_label(name + start, i - start, 0))
            return 0;
        start = i + 1;
    }
    return 1;
}

typedef struct problems {
    const char *items[3];
    size_t count;
} problems;

static void add(problems *found, const char *problem)
{
    found->items[found->count++] = problem;
}

#define LABEL_1035_PROBLEM                                                                                     \
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "    \
    "character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for "        \
    "validation is '" LABEL_1035_FORMAT "')"
#define LABEL_PROBLEM                                                                                          \
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and " \
    "end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '"        \
    LABEL_FORMAT "')"
#define SUBDOMAIN_PROBLEM                                                                                      \
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must " \
    "start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '"         \
    SUBDOMAIN_FORMAT "')"

/* IsDNS1035Label and IsDNS1123Label: at most 63 bytes, then the label's pattern. */
static void check_label(const char *name, int letter_first, problems *found)
{
    size_t len = strlen(name);
    if (len > 63)
        add(found, "must be no more than 63 bytes");
    if (is_label(name, len, letter_first))
        return;
    if (letter_first)
        add(found, LABEL_1035_PROBLEM);
    else
        add(found, is_subdomain(name) ? "must not contain dots" : LABEL_PROBLEM);
}

/* IsPathSegmentName. */
static void check_path_segment(const char *name, problems *found)
{
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
        add(found, strcmp(name, ".") == 0 ? "may not be '.'" : "may not be '..'");
        return;
    }
    if (strchr(name, '/'))
        add(found, "may not contain '/'");
    if (strchr(name, '%'))
        add(found, "may not contain '%'");
}

static void check(const char *name, name_rule rule, problems *found)
{
    switch (rule) {
    case NAME_DNS_SUBDOMAIN:
        if (strlen(name) > 253)
            add(found, "must be no more than 253 bytes");
        if (!is_subdomain(name))
            add(found, SUBDOMAIN_PROBLEM);
        break;
    case NAME_DNS_1035_LABEL: check_label(name, 1, found); break;
    case NAME_DNS_LABEL: check_label(name, 0, found); break;
    case NAME_PATH_SEGMENT: check_path_segment(name, found); break;
    case NAME_ANY: break;
    }
}

/* field.Invalid(metadata.name, name, problem).Error() */
static void append_invalid(celm_buffer *text, const char *name, const char *problem)
{
    celm_buffer_append_str(text, "metadata.name: Invalid value: ");
    celm_go_quote(text, name, strlen(name));
    celm_buffer_printf(text, ": %s", problem);
}

const char *lint_metadata_name(linter *l, const lint_object *object)
{
    problems found = {{NULL}, 0};
    check(object->name, rule_for(object->kind), &found);
    if (!found.count)
        return NULL;
    celm_buffer text;
    celm_buffer_init(&text);
    celm_buffer_append_str(&text, "object name does not conform to Kubernetes naming requirements: ");
    celm_go_quote(&text, object->name, strlen(object->name));
    celm_buffer_append_str(&text, found.count > 1 ? ": [" : ": ");
    for (size_t i = 0; i < found.count; i++) {
        if (i)
            celm_buffer_append_str(&text, ", ");
        append_invalid(&text, object->name, found.items[i]);
    }
    if (found.count > 1)
        celm_buffer_append_char(&text, ']');
    const char *result = celm_arena_strndup(l->arena, text.data ? text.data : "", text.len);
    celm_buffer_free(&text);
    return result;
}
