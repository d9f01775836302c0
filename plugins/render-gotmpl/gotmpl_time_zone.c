/* gotmpl_time_zone.c: Go's time.Location: zoneinfo files, TZ rules, zone lookup, times in zones. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gotmpl_time.h"
#include "gotmpl_time_ops.h"

#define ZONEINFO_MAX_BYTES (1u << 20)
#define ALPHA INT64_MIN
#define OMEGA INT64_MAX
#define SECONDS_PER_HOUR 3600

typedef struct zone_entry {
    char *name;
    int32_t offset;
    int is_dst;
} zone_entry;

typedef struct transition {
    int64_t when;
    uint8_t index;
} transition;

struct gotmpl_location {
    char *name;
    zone_entry *zones;          /* the file's zones, then up to two names only the TZ rule uses */
    size_t zone_count;          /* the file's zones (Go's l.zone) */
    size_t extra_count;
    transition *transitions;
    size_t transition_count;
    char *extend;               /* the POSIX TZ rule for times after the last transition, or NULL */
    struct gotmpl_location *next;
};

static const char utc_name[] = "UTC";
static gotmpl_location utc_location = {(char *)utc_name, NULL, 0, 0, NULL, 0, NULL, NULL};
static gotmpl_location *loaded_locations;
static pthread_mutex_t loaded_lock = PTHREAD_MUTEX_INITIALIZER;

/* --- reading TZif data (zoneinfo_read.go) -------------------------------------------------------- */
typedef struct data_reader {
    const unsigned char *data;
    size_t len, at;
    int failed;
} data_reader;

static const unsigned char *take(data_reader *reader, size_t n)
{
    if (reader->failed || reader->len - reader->at < n) {
        reader->failed = 1;
        return NULL;
    }
    const unsigned char *bytes = reader->data + reader->at;
    reader->at += n;
    return bytes;
}

static uint32_t big4(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int read_counts(data_reader *reader, size_t counts[6])
{
    for (int i = 0; i < 6; i++) {
        const unsigned char *p = take(reader, 4);
        if (!p)
            return -1;
        counts[i] = big4(p);
    }
    return 0;
}

enum { COUNT_UTC_LOCAL, COUNT_STD_WALL, COUNT_LEAP, COUNT_TIME, COUNT_ZONE, COUNT_CHAR };

static void free_location(gotmpl_location *location)
{
    if (!location)
        return;
    for (size_t i = 0; i < location->zone_count + location->extra_count; i++)
        free(location->zones[i].name);
    free(location->zones);
    free(location->transitions);
    free(location->extend);
    free(location->name);
    free(location);
}

static char *copy_text(const char *text, size_t len)
{
    char *copy = malloc(len + 1);
    if (copy) {
        memcpy(copy, text, len);
        copy[len] = '\0';
    }
    return copy;
}

static int read_zones(gotmpl_location *location, const unsigned char *data, size_t count,
                      const unsigned char *abbreviations, size_t abbreviation_len)
{
    location->zones = calloc(count + 2, sizeof *location->zones);
    if (!location->zones)
        return -1;
    for (size_t i = 0; i < count; i++, data += 6) {
        size_t at = data[5];
        if (at >= abbreviation_len)
            return -1;
        const char *name = (const char *)abbreviations + at;
        const char *end = memchr(name, 0, abbreviation_len - at);
        location->zones[i].offset = (int32_t)big4(data);
        location->zones[i].is_dst = data[4] != 0;
        location->zones[i].name = copy_text(name, end ? (size_t)(end - name) : abbreviation_len - at);
        location->zone_count = i + 1;
        if (!location->zones[i].name)
            return -1;
    }
    return 0;
}

static int read_transitions(gotmpl_location *location, const unsigned char *times, const unsigned char *indexes,
                            size_t count, size_t width)
{
    location->transitions = calloc(count ? count : 1, sizeof *location->transitions);
    if (!location->transitions)
        return -1;
    for (size_t i = 0; i < count; i++) {
        const unsigned char *p = times + i * width;
        int64_t when = width == 8 ? (int64_t)((uint64_t)big4(p) << 32 | big4(p + 4)) : (int64_t)(int32_t)big4(p);
        if (indexes[i] >= location->zone_count)
            return -1;
        location->transitions[i].when = when;
        location->transitions[i].index = indexes[i];
    }
    location->transition_count = count;
    if (count == 0) {
        /* Fixed zones such as Etc/GMT+3 get one transition covering all time, as in Go. */
        location->transitions[0].when = ALPHA;
        location->transition_count = 1;
    }
    return 0;
}

static void add_rule_names(gotmpl_location *location);

/* LoadLocationFromTZData. */
static gotmpl_location *parse_tzif(const char *name, const unsigned char *data, size_t len)
{
    data_reader reader = {data, len, 0, 0};
    const unsigned char *magic = take(&reader, 4), *header = take(&reader, 16);
    size_t counts[6];
    if (!magic || memcmp(magic, "TZif", 4) != 0 || !header || read_counts(&reader, counts) != 0)
        return NULL;
    int version = header[0] == 0 ? 1 : header[0] == '2' ? 2 : header[0] == '3' ? 3 : 0;
    if (version == 0)
        return NULL;
    size_t width = 4;
    if (version > 1) {
        size_t skip = counts[COUNT_TIME] * 5 + counts[COUNT_ZONE] * 6 + counts[COUNT_CHAR] + counts[COUNT_LEAP] * 8 +
                      counts[COUNT_STD_WALL] + counts[COUNT_UTC_LOCAL] + 20;
        if (!take(&reader, skip) || read_counts(&reader, counts) != 0)
            return NULL;
        width = 8;
    }
    const unsigned char *times = take(&reader, counts[COUNT_TIME] * width);
    const unsigned char *indexes = take(&reader, counts[COUNT_TIME]);
    const unsigned char *zones = take(&reader, counts[COUNT_ZONE] * 6);
    const unsigned char *abbreviations = take(&reader, counts[COUNT_CHAR]);
    take(&reader, counts[COUNT_LEAP] * (width + 4));
    take(&reader, counts[COUNT_STD_WALL]);
    take(&reader, counts[COUNT_UTC_LOCAL]);
    if (reader.failed || counts[COUNT_ZONE] == 0)
        return NULL;
    gotmpl_location *location = calloc(1, sizeof *location);
    if (!location || !(location->name = copy_text(name, strlen(name))) ||
        read_zones(location, zones, counts[COUNT_ZONE], abbreviations, counts[COUNT_CHAR]) != 0 ||
        read_transitions(location, times, indexes, counts[COUNT_TIME], width) != 0) {
        free_location(location);
        return NULL;
    }
    size_t rest = len - reader.at;
    const char *tail = (const char *)data + reader.at;
    if (rest > 2 && tail[0] == '\n' && tail[rest - 1] == '\n' && !(location->extend = copy_text(tail + 1, rest - 2))) {
        free_location(location);
        return NULL;
    }
    add_rule_names(location);
    return location;
}

static gotmpl_location *load_file(const char *path, const char *name)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return NULL;
    unsigned char *data = malloc(ZONEINFO_MAX_BYTES);
    size_t len = data ? fread(data, 1, ZONEINFO_MAX_BYTES, file) : 0;
    int failed = ferror(file);
    fclose(file);
    gotmpl_location *location = data && !failed ? parse_tzif(name, data, len) : NULL;
    free(data);
    return location;
}

/* loadLocation(name, sources): the first of Go's zoneinfo directories that holds a valid file. */
static gotmpl_location *load_from_sources(const char *name)
{
    static const char *const sources[] = {"/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/", "/usr/lib/locale/TZ/",
                                          "/etc/zoneinfo"};
    char path[4096];
    const char *zoneinfo = getenv("ZONEINFO");
    if (zoneinfo && *zoneinfo && snprintf(path, sizeof path, "%s/%s", zoneinfo, name) < (int)sizeof path) {
        gotmpl_location *location = load_file(path, name);
        if (location)
            return location;
    }
    for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++) {
        /* Go joins source and name without adding a slash ("/etc/zoneinfo" + "UTC"). */
        if (snprintf(path, sizeof path, "%s%s", sources[i], name) >= (int)sizeof path)
            continue;
        gotmpl_location *location = load_file(path, name);
        if (location)
            return location;
    }
    return NULL;
}

/* --- the TZ rule after the last transition (zoneinfo.go's tzset) ---------------------------------- */
typedef struct rule_text {
    const char *at;
    const char *end;
} rule_text;

static int rule_name(rule_text *s, const char **name, size_t *len)
{
    if (s->at == s->end)
        return 0;
    if (*s->at == '<') {
        const char *close = memchr(s->at, '>', (size_t)(s->end - s->at));
        if (!close)
            return 0;
        *name = s->at + 1, *len = (size_t)(close - s->at - 1);
        s->at = close + 1;
        return 1;
    }
    const char *p = s->at;
    while (p < s->end && !strchr("0123456789,-+", *p))
        p++;
    if (p - s->at < 3)
        return 0;
    *name = s->at, *len = (size_t)(p - s->at);
    s->at = p;
    return 1;
}

static int rule_number(rule_text *s, int min, int max, int *out)
{
    int number = 0;
    const char *start = s->at;
    while (s->at < s->end && *s->at >= '0' && *s->at <= '9') {
        number = number * 10 + (*s->at++ - '0');
        if (number > max)
            return 0;
    }
    if (s->at == start || number < min)
        return 0;
    *out = number;
    return 1;
}

/* tzsetOffset: [+-]hh[:mm[:ss]] in seconds. */
static int rule_offset(rule_text *s, int *out)
{
    int negative = 0, hours, minutes, seconds;
    if (s->at == s->end)
        return 0;
    if (*s->at == '+' || *s->at == '-')
        negative = *s->at++ == '-';
    if (!rule_number(s, 0, 24 * 7, &hours))
        return 0;
    int offset = hours * SECONDS_PER_HOUR;
    if (s->at < s->end && *s->at == ':') {
        s->at++;
        if (!rule_number(s, 0, 59, &minutes))
            return 0;
        offset += minutes * 60;
        if (s->at < s->end && *s->at == ':') {
            s->at++;
            if (!rule_number(s, 0, 59, &seconds))
                return 0;
            offset += seconds;
        }
    }
    *out = negative ? -offset : offset;
    return 1;
}

enum { RULE_JULIAN, RULE_DAY_OF_YEAR, RULE_MONTH_WEEK_DAY };

typedef struct change_rule {
    int kind, day, week, month, time;
} change_rule;

static int rule_change(rule_text *s, change_rule *rule)
{
    memset(rule, 0, sizeof *rule);
    if (s->at == s->end)
        return 0;
    if (*s->at == 'J') {
        s->at++;
        rule->kind = RULE_JULIAN;
        if (!rule_number(s, 1, 365, &rule->day))
            return 0;
    } else if (*s->at == 'M') {
        s->at++;
        rule->kind = RULE_MONTH_WEEK_DAY;
        if (!rule_number(s, 1, 12, &rule->month) || s->at == s->end || *s->at++ != '.' ||
            !rule_number(s, 1, 5, &rule->week) || s->at == s->end || *s->at++ != '.' ||
            !rule_number(s, 0, 6, &rule->day))
            return 0;
    } else {
        rule->kind = RULE_DAY_OF_YEAR;
        if (!rule_number(s, 0, 365, &rule->day))
            return 0;
    }
    rule->time = 2 * SECONDS_PER_HOUR;
    if (s->at == s->end || *s->at != '/')
        return 1;
    s->at++;
    return rule_offset(s, &rule->time);
}

/* tzruleTime: seconds from the start of `year` at which the rule takes effect. */
static int64_t rule_time(int64_t year, const change_rule *rule, int offset)
{
    int64_t seconds = 0;
    if (rule->kind == RULE_JULIAN) {
        seconds = (int64_t)(rule->day - 1) * GOTMPL_SECONDS_PER_DAY;
        if (gotmpl_time_is_leap(year) && rule->day >= 60)
            seconds += GOTMPL_SECONDS_PER_DAY;
    } else if (rule->kind == RULE_DAY_OF_YEAR) {
        seconds = (int64_t)rule->day * GOTMPL_SECONDS_PER_DAY;
    } else {
        /* The weekday of the month's first day, then the rule's week of that weekday. */
        int64_t first = (int64_t)gotmpl_time_absolute_days(year, rule->month, 1);
        int weekday = (int)(((uint64_t)first + 3) % 7);
        int day = rule->day - weekday;
        if (day < 0)
            day += 7;
        for (int i = 1; i < rule->week && day + 7 < gotmpl_time_days_in(rule->month, year); i++)
            day += 7;
        int64_t year_start = (int64_t)gotmpl_time_absolute_days(year, 1, 1);
        seconds = (first - year_start + day) * GOTMPL_SECONDS_PER_DAY;
    }
    return seconds + rule->time - offset;
}

typedef struct posix_rule {
    const char *std_name, *dst_name;
    size_t std_len, dst_len;
    int std_offset, dst_offset;
    int has_dst;
    change_rule start, end;
} posix_rule;

static int parse_rule(const char *text, posix_rule *rule)
{
    rule_text s = {text, text + strlen(text)};
    memset(rule, 0, sizeof *rule);
    if (!rule_name(&s, &rule->std_name, &rule->std_len) || !rule_offset(&s, &rule->std_offset))
        return 0;
    rule->std_offset = -rule->std_offset;
    if (s.at == s.end || *s.at == ',')
        return 1;
    if (!rule_name(&s, &rule->dst_name, &rule->dst_len))
        return 0;
    rule->has_dst = 1;
    if (s.at == s.end || *s.at == ',') {
        rule->dst_offset = rule->std_offset + SECONDS_PER_HOUR;
    } else {
        if (!rule_offset(&s, &rule->dst_offset))
            return 0;
        rule->dst_offset = -rule->dst_offset;
    }
    static const char default_rules[] = ",M3.2.0,M11.1.0";
    if (s.at == s.end)
        s.at = default_rules, s.end = default_rules + sizeof default_rules - 1;
    if (*s.at != ',' && *s.at != ';')
        return 0;
    s.at++;
    if (!rule_change(&s, &rule->start) || s.at == s.end || *s.at++ != ',' || !rule_change(&s, &rule->end))
        return 0;
    return s.at == s.end;
}

static const char *zone_name_of(const gotmpl_location *location, const char *name, size_t len)
{
    for (size_t i = 0; i < location->zone_count + location->extra_count; i++)
        if (strlen(location->zones[i].name) == len && memcmp(location->zones[i].name, name, len) == 0)
            return location->zones[i].name;
    return utc_name;   /* not reached: add_rule_names interned every name the rule uses */
}

static void add_rule_name(gotmpl_location *location, const char *name, size_t len)
{
    for (size_t i = 0; i < location->zone_count + location->extra_count; i++)
        if (strlen(location->zones[i].name) == len && memcmp(location->zones[i].name, name, len) == 0)
            return;
    char *copy = copy_text(name, len);
    if (copy)
        location->zones[location->zone_count + location->extra_count++].name = copy;
}

static void add_rule_names(gotmpl_location *location)
{
    posix_rule rule;
    if (!location->extend || !parse_rule(location->extend, &rule)) {
        rule_text s = {location->extend, location->extend ? location->extend + strlen(location->extend) : NULL};
        const char *name;
        size_t len;
        if (location->extend && rule_name(&s, &name, &len))
            add_rule_name(location, name, len);
        return;
    }
    add_rule_name(location, rule.std_name, rule.std_len);
    if (rule.has_dst)
        add_rule_name(location, rule.dst_name, rule.dst_len);
}

/* tzset(extend, lastTxSec, sec): 1 and *out when the rule applies. */
static int apply_rule(const gotmpl_location *location, int64_t last_transition, int64_t sec, gotmpl_zone_info *out)
{
    posix_rule rule;
    if (!parse_rule(location->extend, &rule))
        return 0;
    if (!rule.has_dst) {
        *out = (gotmpl_zone_info){zone_name_of(location, rule.std_name, rule.std_len), rule.std_offset, 0,
                                  last_transition, OMEGA};
        return 1;
    }
    int64_t year;
    int month, day, year_day;
    gotmpl_time_civil(gotmpl_time_absolute_seconds(sec, 0) / GOTMPL_SECONDS_PER_DAY, &year, &month, &day, &year_day);
    int64_t year_seconds = (int64_t)(year_day - 1) * GOTMPL_SECONDS_PER_DAY + sec % GOTMPL_SECONDS_PER_DAY;
    int64_t year_start = sec - year_seconds;
    int64_t start = rule_time(year, &rule.start, rule.std_offset), end = rule_time(year, &rule.end, rule.dst_offset);
    gotmpl_zone_info std = {zone_name_of(location, rule.std_name, rule.std_len), rule.std_offset, 0, 0, 0};
    gotmpl_zone_info dst = {zone_name_of(location, rule.dst_name, rule.dst_len), rule.dst_offset, 1, 0, 0};
    if (end < start) {
        /* Southern hemisphere: the labels stay, the roles flip (as in Go). */
        int64_t swap = start;
        start = end, end = swap;
        gotmpl_zone_info zone = std;
        std = dst, dst = zone;
    }
    if (year_seconds < start) {
        *out = std, out->start = year_start, out->end = start + year_start;
    } else if (year_seconds >= end) {
        *out = std, out->start = end + year_start, out->end = year_start + 365 * GOTMPL_SECONDS_PER_DAY;
    } else {
        *out = dst, out->start = start + year_start, out->end = end + year_start;
    }
    return 1;
}

/* --- lookup (zoneinfo.go) -------------------------------------------------------------------------- */
static size_t first_zone(const gotmpl_location *location)
{
    int used = 0;
    for (size_t i = 0; i < location->transition_count; i++)
        used |= location->transitions[i].index == 0;
    if (!used)
        return 0;
    if (location->transition_count && location->zones[location->transitions[0].index].is_dst)
        for (size_t i = location->transitions[0].index; i-- > 0;)
            if (!location->zones[i].is_dst)
                return i;
    for (size_t i = 0; i < location->zone_count; i++)
        if (!location->zones[i].is_dst)
            return i;
    return 0;
}

static void set_zone(gotmpl_zone_info *out, const zone_entry *zone, int64_t start, int64_t end)
{
    *out = (gotmpl_zone_info){zone->name, zone->offset, zone->is_dst, start, end};
}

void gotmpl_location_lookup(const gotmpl_location *location, int64_t sec, gotmpl_zone_info *out)
{
    if (!location || location->zone_count == 0) {
        *out = (gotmpl_zone_info){utc_name, 0, 0, ALPHA, OMEGA};
        return;
    }
    if (location->transition_count == 0 || sec < location->transitions[0].when) {
        set_zone(out, &location->zones[first_zone(location)], ALPHA,
                 location->transition_count ? location->transitions[0].when : OMEGA);
        return;
    }
    size_t low = 0, high = location->transition_count;
    int64_t end = OMEGA;
    while (high - low > 1) {
        size_t middle = (low + high) / 2;
        if (sec < location->transitions[middle].when) {
            end = location->transitions[middle].when;
            high = middle;
        } else {
            low = middle;
        }
    }
    const transition *found = &location->transitions[low];
    set_zone(out, &location->zones[found->index], found->when, end);
    if (low == location->transition_count - 1 && location->extend) {
        gotmpl_zone_info ruled;
        if (apply_rule(location, found->when, sec, &ruled))
            *out = ruled;
    }
}

int gotmpl_location_lookup_name(const gotmpl_location *location, const char *name, size_t len, int64_t unix_seconds,
                                int32_t *offset)
{
    if (!location)
        return 0;
    for (size_t i = 0; i < location->zone_count; i++) {
        const zone_entry *zone = &location->zones[i];
        if (strlen(zone->name) != len || memcmp(zone->name, name, len) != 0)
            continue;
        gotmpl_zone_info info;
        gotmpl_location_lookup(location, unix_seconds - zone->offset, &info);
        if (strcmp(info.name, zone->name) == 0) {
            *offset = info.offset;
            return 1;
        }
    }
    for (size_t i = 0; i < location->zone_count; i++)
        if (strlen(location->zones[i].name) == len && memcmp(location->zones[i].name, name, len) == 0) {
            *offset = location->zones[i].offset;
            return 1;
        }
    return 0;
}

/* --- the registry of loaded locations --------------------------------------------------------------- */
static gotmpl_location *find_loaded(const char *name)
{
    for (gotmpl_location *location = loaded_locations; location; location = location->next)
        if (strcmp(location->name, name) == 0)
            return location;
    return NULL;
}

static gotmpl_location *remember(gotmpl_location *location)
{
    location->next = loaded_locations;
    loaded_locations = location;
    return location;
}

const gotmpl_location *gotmpl_location_utc(void)
{
    return &utc_location;
}

static gotmpl_location *local_location;

/* zoneinfo_unix.go's initLocal. */
static void load_local(void)
{
    const char *tz = getenv("TZ");
    gotmpl_location *location = NULL;
    if (!tz) {
        location = load_file("/etc/localtime", "Local");
    } else if (*tz) {
        if (*tz == ':')
            tz++;
        if (*tz == '/')
            location = load_file(tz, strcmp(tz, "/etc/localtime") == 0 ? "Local" : tz);
        else if (*tz && strcmp(tz, "UTC") != 0)
            location = load_from_sources(tz);
    }
    if (!location) {
        location = calloc(1, sizeof *location);
        if (location && !(location->name = copy_text("UTC", 3))) {
            free(location);
            location = NULL;
        }
    }
    local_location = location ? remember(location) : &utc_location;
}

const gotmpl_location *gotmpl_location_local(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    /* Every reader of the registry passes here first, so load_local's write needs no lock. */
    pthread_once(&once, load_local);
    return local_location;
}

static int valid_location_name(const char *name)
{
    return !strstr(name, "..") && name[0] != '/' && name[0] != '\\';
}

const gotmpl_location *gotmpl_location_load(const char *name, size_t len)
{
    if (len == 0 || (len == 3 && memcmp(name, "UTC", 3) == 0))
        return &utc_location;
    if (len == 5 && memcmp(name, "Local", 5) == 0)
        return gotmpl_location_local();
    char *key = copy_text(name, len);
    if (!key || memchr(name, 0, len) || !valid_location_name(key)) {
        free(key);
        return NULL;
    }
    gotmpl_location *location = NULL;
    if (gotmpl_location_local() && pthread_mutex_lock(&loaded_lock) == 0) {
        location = find_loaded(key);
        if (!location && (location = load_from_sources(key)))
            remember(location);
        pthread_mutex_unlock(&loaded_lock);
    }
    free(key);
    return location;
}

const gotmpl_location *gotmpl_location_fixed(const char *name, int32_t offset)
{
    gotmpl_location *found = NULL;
    gotmpl_location_local();
    pthread_mutex_lock(&loaded_lock);
    for (gotmpl_location *location = loaded_locations; location && !found; location = location->next)
        if (location->zone_count == 1 && location->transition_count == 1 && location->zones[0].offset == offset &&
            strcmp(location->name, name) == 0 && strcmp(location->zones[0].name, name) == 0)
            found = location;
    if (!found && (found = calloc(1, sizeof *found)) != NULL) {
        found->name = copy_text(name, strlen(name));
        found->zones = calloc(1, sizeof *found->zones);
        found->transitions = calloc(1, sizeof *found->transitions);
        if (found->name && found->zones && found->transitions &&
            (found->zones[0].name = copy_text(name, strlen(name)))) {
            found->zones[0].offset = offset;
            found->zone_count = 1;
            found->transitions[0].when = ALPHA;
            found->transition_count = 1;
            remember(found);
        } else {
            free_location(found);
            found = NULL;
        }
    }
    pthread_mutex_unlock(&loaded_lock);
    return found ? found : &utc_location;
}

const gotmpl_location *gotmpl_time_location(const gotmpl_time *time)
{
    const gotmpl_location *found = NULL;
    if (!time->zone_name || time->zone_name == utc_name)
        return NULL;
    gotmpl_location_local();
    pthread_mutex_lock(&loaded_lock);
    for (const gotmpl_location *location = loaded_locations; location && !found; location = location->next)
        for (size_t i = 0; i < location->zone_count + location->extra_count; i++)
            if (location->zones[i].name == time->zone_name)
                found = location;
    pthread_mutex_unlock(&loaded_lock);
    return found;
}

/* --- times in locations ------------------------------------------------------------------------------- */
gotmpl_time gotmpl_time_in(const gotmpl_time *time, const gotmpl_location *location)
{
    gotmpl_time moved = *time;
    gotmpl_zone_info zone;
    gotmpl_location_lookup(location, time->unix_seconds, &zone);
    moved.zone_name = zone.name;
    moved.zone_offset = zone.offset;
    moved.monotonic = -1;
    return moved;
}

gotmpl_time gotmpl_time_fixed(int64_t unix_seconds, int32_t nanoseconds, const char *name, int32_t offset)
{
    gotmpl_time time = {unix_seconds, nanoseconds, offset, name, -1};
    return time;
}

gotmpl_time gotmpl_time_zero(void)
{
    /* Go's zero Time is January 1 of year 1 in UTC: 62135596800 seconds before the Unix epoch. */
    return gotmpl_time_fixed(INT64_C(-62135596800), 0, utc_name, 0);
}

/* Go's norm: moves whole multiples of base from lo into hi. */
static void normalize(int64_t *high, int64_t *low, int64_t base)
{
    if (*low < 0) {
        int64_t n = (-*low - 1) / base + 1;
        *high -= n;
        *low += n * base;
    }
    if (*low >= base) {
        int64_t n = *low / base;
        *high += n;
        *low -= n * base;
    }
}

gotmpl_time gotmpl_time_date(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t minute, int64_t second,
                             int64_t nanosecond, const gotmpl_location *location)
{
    int64_t month_index = month - 1;
    normalize(&year, &month_index, 12);
    normalize(&second, &nanosecond, GOTMPL_NANOSECONDS_PER_SECOND);
    normalize(&minute, &second, 60);
    normalize(&hour, &minute, 60);
    normalize(&day, &hour, 24);
    uint64_t days = gotmpl_time_absolute_days(year, (int)month_index + 1, day);
    /* Absolute seconds to Unix: wrapping, as Go's int64 arithmetic wraps. */
    uint64_t absolute = days * (uint64_t)GOTMPL_SECONDS_PER_DAY + (uint64_t)(hour * 3600 + minute * 60 + second);
    int64_t unix_seconds = (int64_t)(absolute - gotmpl_time_absolute_seconds(0, 0));
    gotmpl_zone_info zone;
    gotmpl_location_lookup(location, unix_seconds, &zone);
    if (zone.offset != 0) {
        int64_t utc = unix_seconds - zone.offset;
        if (utc < zone.start || utc >= zone.end)
            gotmpl_location_lookup(location, utc, &zone);
        unix_seconds -= zone.offset;
    }
    gotmpl_time time = {unix_seconds, (int32_t)nanosecond, 0, NULL, -1};
    return gotmpl_time_in(&time, location);
}

/* Seconds from year 1 to 1885, the epoch of Go's packed wall clock (wallToInternal). */
#define WALL_TO_INTERNAL INT64_C(59453308800)
#define UNIX_TO_INTERNAL INT64_C(62135596800)

gotmpl_time gotmpl_time_add(const gotmpl_time *time, int64_t duration)
{
    gotmpl_time moved = *time;
    int64_t seconds = duration / GOTMPL_NANOSECONDS_PER_SECOND;
    int32_t nanoseconds = time->nanoseconds + (int32_t)(duration % GOTMPL_NANOSECONDS_PER_SECOND);
    if (nanoseconds >= 1000000000)
        seconds++, nanoseconds -= 1000000000;
    else if (nanoseconds < 0)
        seconds--, nanoseconds += 1000000000;
    moved.nanoseconds = nanoseconds;
    /* Go's addSec on internal seconds (since year 1): saturating, and the monotonic reading only
     * survives while the wall second fits the packed field. */
    int64_t internal = (int64_t)((uint64_t)time->unix_seconds + (uint64_t)UNIX_TO_INTERNAL), sum;
    if (time->monotonic >= 0) {
        int64_t wall = internal - WALL_TO_INTERNAL;
        if (__builtin_add_overflow(wall, seconds, &sum) || sum < 0 || sum > (INT64_C(1) << 33) - 1)
            moved.monotonic = -1;
    }
    if (__builtin_add_overflow(internal, seconds, &sum))
        sum = seconds > 0 ? INT64_MAX : -INT64_MAX;
    moved.unix_seconds = (int64_t)((uint64_t)sum - (uint64_t)UNIX_TO_INTERNAL);
    if (moved.monotonic >= 0 && __builtin_add_overflow(moved.monotonic, duration, &moved.monotonic))
        moved.monotonic = -1;
    const gotmpl_location *location = gotmpl_time_location(time);
    if (location) {
        gotmpl_time shown = gotmpl_time_in(&moved, location);
        shown.monotonic = moved.monotonic;
        return shown;
    }
    return moved;
}

/* Go's internal seconds (since year 1): Unix seconds shifted with wrapping, as time.Unix stores them. */
static int64_t internal_seconds(const gotmpl_time *time)
{
    return (int64_t)((uint64_t)time->unix_seconds + (uint64_t)UNIX_TO_INTERNAL);
}

/* Time.Sub(u) without monotonic readings: the wrapped difference when adding it back to u gives t,
 * else the nearest limit. */
static int64_t subtract(const gotmpl_time *t, const gotmpl_time *u)
{
    int64_t t_sec = internal_seconds(t), u_sec = internal_seconds(u);
    int64_t d = (int64_t)(((uint64_t)t_sec - (uint64_t)u_sec) * (uint64_t)GOTMPL_NANOSECONDS_PER_SECOND +
                          (uint64_t)(int64_t)(t->nanoseconds - u->nanoseconds));
    /* u.Add(d).Equal(t) */
    int64_t seconds = d / GOTMPL_NANOSECONDS_PER_SECOND;
    int64_t nanoseconds = u->nanoseconds + d % GOTMPL_NANOSECONDS_PER_SECOND, sum;
    if (nanoseconds >= GOTMPL_NANOSECONDS_PER_SECOND)
        seconds++, nanoseconds -= GOTMPL_NANOSECONDS_PER_SECOND;
    else if (nanoseconds < 0)
        seconds--, nanoseconds += GOTMPL_NANOSECONDS_PER_SECOND;
    if (__builtin_add_overflow(u_sec, seconds, &sum))
        sum = seconds > 0 ? INT64_MAX : -INT64_MAX;
    if (sum == t_sec && nanoseconds == t->nanoseconds)
        return d;
    int before = t_sec < u_sec || (t_sec == u_sec && t->nanoseconds < u->nanoseconds);
    return before ? INT64_MIN : INT64_MAX;
}

int64_t gotmpl_time_since(const gotmpl_time *time)
{
    gotmpl_time now = gotmpl_time_now();
    int64_t difference;
    if (time->monotonic >= 0 && now.monotonic >= 0) {
        if (__builtin_sub_overflow(now.monotonic, time->monotonic, &difference))
            return now.monotonic > time->monotonic ? INT64_MAX : INT64_MIN;
        return difference;
    }
    return subtract(&now, time);
}
