/* kube_fields.c: reading fields of objects as the server returns them, by dotted path. */
#include <string.h>

#include "kube_internal.h"

const celm_value *kube_field(const celm_value *object, const char *dotted)
{
    const celm_value *value = object;
    char key[64];
    while (value && *dotted) {
        size_t len = strcspn(dotted, ".");
        if (len >= sizeof key || value->kind != CELM_VALUE_MAP)
            return NULL;
        memcpy(key, dotted, len);
        key[len] = 0;
        value = celm_map_cget(value, key);
        dotted += len + (dotted[len] == '.');
    }
    return value;
}

long long kube_field_int(const celm_value *object, const char *dotted, long long fallback)
{
    const celm_value *value = kube_field(object, dotted);
    if (value && value->kind == CELM_VALUE_INT)
        return value->as.integer;
    return value && value->kind == CELM_VALUE_FLOAT ? (long long)value->as.real : fallback;
}

const char *kube_field_text(const celm_value *object, const char *dotted, const char *fallback)
{
    const celm_value *value = kube_field(object, dotted);
    return value && value->kind == CELM_VALUE_STRING ? value->as.string.data : fallback;
}

const celm_value *kube_condition(const celm_value *object, const char *type)
{
    const celm_value *conditions = kube_field(object, "status.conditions");
    for (size_t i = 0; conditions && conditions->kind == CELM_VALUE_LIST && i < conditions->as.list.count; i++)
        if (!strcmp(kube_field_text(conditions->as.list.items[i], "type", ""), type))
            return conditions->as.list.items[i];
    return NULL;
}

int kube_condition_is(const celm_value *object, const char *type, const char *status)
{
    const celm_value *c = kube_condition(object, type);
    return c && !strcmp(kube_field_text(c, "status", ""), status);
}
