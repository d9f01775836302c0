/* key_order.h: go-yaml v2's natural ordering of string map keys. */
#ifndef CELM_KEY_ORDER_H
#define CELM_KEY_ORDER_H

#include "celm/celm.h"

int celm_key_natural_less(const celm_string *a, const celm_string *b);

#endif
