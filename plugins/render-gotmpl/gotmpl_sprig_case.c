/* gotmpl_sprig_case.c: letter-case classes and mappings with Go's unicode rules (tables generated). */
#include "gotmpl_sprig.h"

enum { TO_UPPER = 0, TO_LOWER = 1, TO_TITLE = 2 };

static int class_contains(const gotmpl_sprig_rune_class *class_, uint32_t rune)
{
    size_t low = 0, high = class_->count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        const gotmpl_sprig_rune_run *run = &class_->runs[middle];
        if (rune < run->low)
            high = middle;
        else if (rune > run->high)
            low = middle + 1;
        else
            return (rune - run->low) % run->stride == 0;
    }
    return 0;
}

int gotmpl_sprig_rune_is_upper(uint32_t rune)
{
    return class_contains(&gotmpl_sprig_upper_class, rune);
}

int gotmpl_sprig_rune_is_lower(uint32_t rune)
{
    return class_contains(&gotmpl_sprig_lower_class, rune);
}

int gotmpl_sprig_rune_is_title(uint32_t rune)
{
    return class_contains(&gotmpl_sprig_title_class, rune);
}

int gotmpl_sprig_rune_is_punct(uint32_t rune)
{
    return class_contains(&gotmpl_sprig_punct_class, rune);
}

int gotmpl_sprig_rune_is_number(uint32_t rune)
{
    return class_contains(&gotmpl_sprig_number_class, rune);
}

/* unicode.To: the range holding the rune gives a delta, or says the run alternates upper case (even
 * offsets) and lower case (odd offsets); title case counts as upper there. */
static uint32_t map_case(int which, uint32_t rune)
{
    const gotmpl_sprig_case_table *table = &gotmpl_sprig_case_ranges;
    size_t low = 0, high = table->count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        const gotmpl_sprig_case_range *range = &table->ranges[middle];
        if (rune < range->low) {
            high = middle;
        } else if (rune > range->high) {
            low = middle + 1;
        } else {
            int32_t delta = range->delta[which];
            if (delta == GOTMPL_SPRIG_UPPER_LOWER)
                return range->low + (((rune - range->low) & ~1u) | (uint32_t)(which & 1));
            return (uint32_t)((int32_t)rune + delta);
        }
    }
    return rune;
}

uint32_t gotmpl_sprig_rune_to_upper(uint32_t rune)
{
    if (rune < 0x80)
        return rune >= 'a' && rune <= 'z' ? rune - ('a' - 'A') : rune;
    return map_case(TO_UPPER, rune);
}

uint32_t gotmpl_sprig_rune_to_lower(uint32_t rune)
{
    if (rune < 0x80)
        return rune >= 'A' && rune <= 'Z' ? rune + ('a' - 'A') : rune;
    return map_case(TO_LOWER, rune);
}

uint32_t gotmpl_sprig_rune_to_title(uint32_t rune)
{
    if (rune < 0x80)
        return rune >= 'a' && rune <= 'z' ? rune - ('a' - 'A') : rune;
    return map_case(TO_TITLE, rune);
}
