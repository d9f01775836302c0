/* test_properties.c: what random and generated output must be, since no recording can pin it down:
 * lengths and alphabets of random text, uuid layout, bcrypt hashes that verify, AES round trips, and
 * the clock (keys and certificates: test_certificates.c). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "case_eval.h"
#include "celm/celm.h"
#include "check.h"
#include "gotmpl_crypto.h"
#include "gotmpl_funcs_b.h"
#include "gotmpl_time.h"
#include "gotmpl_unicode.h"
#include "test_sprig_b.h"

static celm_arena *arena;
static gotmpl_runtime *runtime;

static void start(void)
{
    arena = celm_arena_create();
    gotmpl_runtime_create(celm_host_table(), arena, &runtime);
}

static void finish(void)
{
    celm_arena_destroy(arena);
}

/* Calls a function that must succeed and returns its result. */
static gotmpl_value call(const char *name, const gotmpl_value *args, size_t count)
{
    gotmpl_value out = gotmpl_nil();
    celm_string message;
    int panicked;
    int status = case_call(runtime, name, args, count, &out, &message, &panicked);
    if (status != 0)
        check_fail(__FILE__, __LINE__, "%s failed: %s", name, status == -1 ? message.data : "no such function");
    return out;
}

static celm_string call_text(const char *name, const gotmpl_value *args, size_t count)
{
    gotmpl_value out = call(name, args, count);
    if (out.type != GT_STRING) {
        check_fail(__FILE__, __LINE__, "%s did not return a string", name);
        return (celm_string){"", 0};
    }
    return out.as.string;
}

static int all_in(const celm_string *text, const char *alphabet)
{
    for (size_t i = 0; i < text->len; i++)
        if (!text->data[i] || !strchr(alphabet, text->data[i]))
            return 0;
    return 1;
}

void random_strings_have_their_alphabet_and_length(void)
{
    static const struct { const char *name, *alphabet; } kinds[] = {
        {"randAlphaNum", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"},
        {"randAlpha", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"},
        {"randNumeric", "0123456789"},
        {"randAscii", " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
                      "abcdefghijklmnopqrstuvwxyz{|}~"}};
    start();
    for (size_t k = 0; k < 4; k++) {
        gotmpl_value length = gotmpl_int(GT_INT, 4000);
        celm_string text = call_text(kinds[k].name, &length, 1);
        CHECK_INT(text.len, 4000);
        CHECK(all_in(&text, kinds[k].alphabet));
        /* 4000 draws leave no character of these alphabets out (by a huge margin) */
        for (const char *c = kinds[k].alphabet; *c; c++)
            if (!memchr(text.data, *c, text.len))
                check_fail(__FILE__, __LINE__, "%s never drew '%c'", kinds[k].name, *c);
        gotmpl_value one = gotmpl_int(GT_INT, 1);
        CHECK_INT(call_text(kinds[k].name, &one, 1).len, 1);
    }
    finish();
}

void rand_int_stays_in_its_range(void)
{
    start();
    gotmpl_value bounds[2] = {gotmpl_int(GT_INT, 3), gotmpl_int(GT_INT, 7)};
    int seen[4] = {0, 0, 0, 0};
    for (int i = 0; i < 400; i++) {
        gotmpl_value n = call("randInt", bounds, 2);
        CHECK_INT(n.type, GT_INT);
        CHECK(n.as.integer >= 3 && n.as.integer < 7);
        if (n.as.integer >= 3 && n.as.integer < 7)
            seen[n.as.integer - 3] = 1;
    }
    CHECK(seen[0] && seen[1] && seen[2] && seen[3]);
    gotmpl_value negative[2] = {gotmpl_int(GT_INT, -5), gotmpl_int(GT_INT, -4)};
    CHECK_INT(call("randInt", negative, 2).as.integer, -5);
    finish();
}

void uuidv4_has_the_version_4_layout(void)
{
    start();
    celm_string first = call_text("uuidv4", NULL, 0), second = call_text("uuidv4", NULL, 0);
    CHECK_INT(first.len, 36);
    for (size_t i = 0; i < first.len; i++) {
        int dash = i == 8 || i == 13 || i == 18 || i == 23;
        CHECK(dash ? first.data[i] == '-' : strchr("0123456789abcdef", first.data[i]) != NULL);
    }
    CHECK(first.data[14] == '4');
    CHECK(strchr("89ab", first.data[19]) != NULL);
    CHECK(strcmp(first.data, second.data) != 0);
    finish();
}

static int compare_bytes(const void *a, const void *b)
{
    return *(const unsigned char *)a - *(const unsigned char *)b;
}

void shuffle_keeps_every_rune(void)
{
    start();
    const char *text = "h\xc3\xa9llo w\xc3\xb6rld \xe6\x97\xa5\xe6\x9c\xac";
    gotmpl_value input = gotmpl_string(text, strlen(text));
    int changed = 0;
    for (int i = 0; i < 20; i++) {
        celm_string shuffled = call_text("shuffle", &input, 1);
        CHECK_INT(shuffled.len, strlen(text));
        CHECK(celm_gotmpl_utf8_valid(shuffled.data, shuffled.len));
        char *a = strdup(text), *b = strndup(shuffled.data, shuffled.len);
        /* valid UTF-8 made of the same bytes means the same runes (each rune moved whole) */
        qsort(a, strlen(a), 1, compare_bytes);
        qsort(b, strlen(b), 1, compare_bytes);
        CHECK_STR(b, a);
        changed |= memcmp(shuffled.data, text, shuffled.len) != 0;
        free(a);
        free(b);
    }
    CHECK(changed);
    finish();
}

void rand_bytes_are_base64_of_the_count(void)
{
    start();
    gotmpl_value count = gotmpl_int(GT_INT, 32);
    celm_string first = call_text("randBytes", &count, 1), second = call_text("randBytes", &count, 1);
    unsigned char bytes[64];
    size_t bad_at;
    CHECK_INT(gotmpl_base64_decode(first.data, first.len, bytes, &bad_at), 32);
    CHECK(strcmp(first.data, second.data) != 0);
    finish();
}

void bcrypt_hashes_verify(void)
{
    start();
    gotmpl_value password = gotmpl_string("s3cret", 6);
    celm_string hash = call_text("bcrypt", &password, 1), again = call_text("bcrypt", &password, 1);
    CHECK_INT(hash.len, 60);
    CHECK(strncmp(hash.data, "$2a$10$", 7) == 0);
    celm_string digest = {hash.data + 7, 53};
    CHECK(all_in(&digest, "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"));
    CHECK(gotmpl_bcrypt_check(runtime, "s3cret", 6, hash.data, hash.len));
    CHECK(!gotmpl_bcrypt_check(runtime, "s3creT", 6, hash.data, hash.len));
    CHECK(strcmp(hash.data, again.data) != 0);
    gotmpl_value pair[2] = {gotmpl_string("admin", 5), gotmpl_string("pw", 2)};
    celm_string line = call_text("htpasswd", pair, 2);
    CHECK(strncmp(line.data, "admin:$2a$10$", 13) == 0);
    CHECK(gotmpl_bcrypt_check(runtime, "pw", 2, line.data + 6, line.len - 6));
    finish();
}

void aes_round_trips(void)
{
    start();
    gotmpl_value args[2] = {gotmpl_string("key", 3), gotmpl_string("hello, world", 12)};
    celm_string sealed = call_text("encryptAES", args, 2), other = call_text("encryptAES", args, 2);
    CHECK_INT(sealed.len, 44);   /* base64 of a 16-byte IV and one 16-byte block */
    CHECK(strcmp(sealed.data, other.data) != 0);
    gotmpl_value open_args[2] = {gotmpl_string("key", 3), gotmpl_string(sealed.data, sealed.len)};
    CHECK_STR(call_text("decryptAES", open_args, 2).data, "hello, world");
    finish();
}

void now_is_local_with_a_monotonic_reading(void)
{
    start();
    gotmpl_value now = call("now", NULL, 0);
    CHECK_INT(now.type, GT_TIME);
    int64_t skew = now.as.time->unix_seconds - (int64_t)time(NULL);
    CHECK(skew >= -2 && skew <= 2);
    CHECK_INT(now.as.time->zone_offset, -3 * 3600);       /* America/Sao_Paulo, set by main */
    celm_string text;
    CHECK_INT(gotmpl_time_string(runtime, now.as.time, &text), CELM_OK);
    CHECK(strstr(text.data, " -0300 -03 m=+") != NULL);
    finish();
}

void ago_and_duration_round_measure_elapsed_time(void)
{
    start();
    gotmpl_time then = gotmpl_time_now();
    then.unix_seconds -= 90;
    then.monotonic = -1;
    gotmpl_value value = gotmpl_time_value(runtime, &then);
    celm_string ago = call_text("ago", &value, 1);
    CHECK(strcmp(ago.data, "1m30s") == 0 || strcmp(ago.data, "1m31s") == 0);
    CHECK_STR(call_text("durationRound", &value, 1).data, "1m");
    gotmpl_value now = call("now", NULL, 0);
    CHECK_STR(call_text("ago", &now, 1).data, "0s");
    /* anything but a time or whole seconds means now, float64 from values included */
    gotmpl_value args[2] = {gotmpl_string("2006-01-02", 10), gotmpl_float(1e9)};
    gotmpl_value from_now[2] = {gotmpl_string("2006-01-02", 10), now};
    CHECK_STR(call_text("date", args, 2).data, call_text("date", from_now, 2).data);
    finish();
}
