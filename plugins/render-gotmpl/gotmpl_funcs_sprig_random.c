/* gotmpl_funcs_sprig_random.c: Sprig's random functions: randAlphaNum, randAlpha, randNumeric,
 * randAscii (goutils' CryptoRandom), randInt, uuidv4 (google/uuid's v4) and shuffle (xstrings). */
#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "gotmpl_funcs_b.h"
#include "gotmpl_sprig.h"
#include "gotmpl_unicode.h"

/* len bytes from the kernel's cryptographic generator, as Go's crypto/rand reads them; 1 when done. */
static int system_random(void *bytes, size_t len)
{
    for (size_t got = 0; got < len;) {
        ssize_t n = getrandom((unsigned char *)bytes + got, len - got, 0);
        if (n < 0 && errno != EINTR)
            return 0;
        got += n > 0 ? (size_t)n : 0;
    }
    return 1;
}

/* A uniform number in [0, bound) from the system's cryptographic generator; bound > 0. */
static int uniform(uint64_t bound, uint64_t *out)
{
    uint64_t limit = UINT64_MAX - UINT64_MAX % bound, value;
    do {
        if (!system_random(&value, sizeof value))
            return -1;
    } while (value >= limit);
    *out = value % bound;
    return 0;
}

static const char alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
static const char alpha_numeric[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
static const char numeric[] = "0123456789";

/* goutils' CryptoRandom draws from a range and keeps what its filter accepts, which makes every
 * accepted character equally likely: the same as drawing from the accepted set directly. A
 * negative count is an error Sprig ignores, so it gives "". */
static int random_text(gotmpl_call *call, int64_t count, const char *alphabet, size_t alphabet_len, gotmpl_value *out)
{
    *out = gotmpl_string("", 0);
    if (count <= 0)
        return CELM_OK;
    if ((uint64_t)count > GOTMPL_SPRIG_MAX_BYTES)
        return gotmpl_sprig_out_of_memory(call);
    const celm_host *host = gotmpl_runtime_host(gotmpl_call_runtime(call));
    char *text = host->arena_alloc(gotmpl_runtime_arena(gotmpl_call_runtime(call)), (size_t)count + 1);
    if (!text)
        return CELM_ENOMEM;
    for (int64_t i = 0; i < count; i++) {
        uint64_t pick;
        if (uniform(alphabet_len, &pick) != 0)
            return gotmpl_call_panic(call, "crypto/rand: failed to read random data");
        text[i] = alphabet ? alphabet[pick] : (char)(' ' + pick);
    }
    text[count] = '\0';
    *out = gotmpl_string(text, (size_t)count);
    return CELM_OK;
}

static int fn_rand_alpha_num(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return random_text(call, args[0].as.integer, alpha_numeric, sizeof alpha_numeric - 1, out);
}

static int fn_rand_alpha(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return random_text(call, args[0].as.integer, alpha, sizeof alpha - 1, out);
}

static int fn_rand_numeric(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return random_text(call, args[0].as.integer, numeric, sizeof numeric - 1, out);
}

/* Printable ASCII, space to tilde. */
static int fn_rand_ascii(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return random_text(call, args[0].as.integer, NULL, 95, out);
}

/* rand.Intn(max-min) + min, with Go's wrapping int arithmetic and its panic for n <= 0. */
static int fn_rand_int(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    int64_t low = args[0].as.integer, high = args[1].as.integer;
    int64_t span = (int64_t)((uint64_t)high - (uint64_t)low);
    uint64_t pick;
    if (span <= 0)
        return gotmpl_call_panic(call, "invalid argument to Intn");
    if (uniform((uint64_t)span, &pick) != 0)
        return gotmpl_call_panic(call, "crypto/rand: failed to read random data");
    *out = gotmpl_int(GT_INT, (int64_t)(pick + (uint64_t)low));
    return CELM_OK;
}

static int fn_uuidv4(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)args, (void)count;
    unsigned char bytes[16];
    static const char hex[] = "0123456789abcdef";
    if (!system_random(bytes, sizeof bytes))
        return gotmpl_call_panic(call, "crypto/rand: failed to read random data");
    bytes[6] = (unsigned char)((bytes[6] & 0x0f) | 0x40);
    bytes[8] = (unsigned char)((bytes[8] & 0x3f) | 0x80);
    char text[36];
    size_t at = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            text[at++] = '-';
        text[at++] = hex[bytes[i] >> 4];
        text[at++] = hex[bytes[i] & 15];
    }
    return gotmpl_string_result(gotmpl_call_runtime(call), text, sizeof text, out);
}

/* xstrings.Shuffle: the runes (invalid bytes read as U+FFFD) in a Fisher-Yates order. */
static int fn_shuffle(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    const celm_string *text = &args[0].as.string;
    *out = args[0];
    if (text->len == 0)
        return CELM_OK;
    const celm_host *host = gotmpl_runtime_host(runtime);
    uint32_t *runes = host->arena_alloc(gotmpl_runtime_arena(runtime), text->len * sizeof *runes);
    if (!runes)
        return CELM_ENOMEM;
    size_t n = 0;
    for (size_t at = 0, width; at < text->len; at += width)
        runes[n++] = celm_gotmpl_utf8_decode(text->data + at, text->len - at, &width);
    for (size_t i = n - 1; i > 0; i--) {
        uint64_t j;
        if (uniform(i + 1, &j) != 0)
            return gotmpl_call_panic(call, "crypto/rand: failed to read random data");
        uint32_t swap = runes[i];
        runes[i] = runes[j];
        runes[j] = swap;
    }
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, runtime);
    for (size_t i = 0; i < n; i++)
        gotmpl_buffer_put_rune(&buffer, runes[i]);
    celm_string shuffled;
    int status = gotmpl_buffer_finish(&buffer, &shuffled);
    if (status == CELM_OK)
        *out = gotmpl_string(shuffled.data, shuffled.len);
    return status;
}

#define S GT_STRING

static const gotmpl_func random_functions[] = {
    {"randAlphaNum", fn_rand_alpha_num, 1, 0, {GT_INT}, S, 0},
    {"randAlpha", fn_rand_alpha, 1, 0, {GT_INT}, S, 0},
    {"randNumeric", fn_rand_numeric, 1, 0, {GT_INT}, S, 0},
    {"randAscii", fn_rand_ascii, 1, 0, {GT_INT}, S, 0},
    {"randInt", fn_rand_int, 2, 0, {GT_INT, GT_INT}, GT_INT, 0},
    {"uuidv4", fn_uuidv4, 0, 0, {0}, S, 0},
    {"shuffle", fn_shuffle, 1, 0, {S}, S, 0},
    {NULL, NULL, 0, 0, {0}, 0, 0},
};

const gotmpl_func_table gotmpl_funcs_sprig_random = {"sprig-random", random_functions};
