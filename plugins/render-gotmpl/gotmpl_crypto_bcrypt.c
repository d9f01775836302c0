/* gotmpl_crypto_bcrypt.c: bcrypt as golang.org/x/crypto/bcrypt computes it: Blowfish with the
 * expensive key schedule, version 2a, its own base64 alphabet. */
#include <pthread.h>
#include <string.h>

#include "gotmpl_crypto.h"
#include "gotmpl_libcrypto.h"

#define PI_WORDS (18 + 4 * 256)

typedef struct blowfish {
    uint32_t p[18];
    uint32_t s[4][256];
} blowfish;

/* Blowfish starts from the hexadecimal digits of pi's fraction: P-array first, then the four
 * S-boxes. They are computed once (Machin's formula in fixed point) rather than tabulated. */
static uint32_t pi_words[PI_WORDS];
static int pi_ready;

/* atan(1/x) scaled by 2^bits: the alternating series 1/x - 1/(3x^3) + 1/(5x^5) - ... */
static int add_arctan(BIGNUM *sum, BN_ULONG x, int bits, int sign, BN_CTX *ctx)
{
    BIGNUM *power = BN_new(), *term = BN_new();
    int ok = power && term && BN_set_bit(power, bits) && BN_div_word(power, x) != (BN_ULONG)-1;
    for (BN_ULONG k = 0; ok && !BN_is_zero(power); k++) {
        ok = BN_copy(term, power) && BN_div_word(term, 2 * k + 1) != (BN_ULONG)-1;
        if (ok)
            ok = (k % 2 == 0) == (sign > 0) ? BN_add(sum, sum, term) : BN_sub(sum, sum, term);
        ok = ok && BN_div_word(power, x * x) != (BN_ULONG)-1;
    }
    (void)ctx;
    BN_free(power);
    BN_free(term);
    return ok;
}

static void compute_pi_words(void)
{
    const int guard = 64, bits = PI_WORDS * 32 + guard;
    BN_CTX *ctx = BN_CTX_new();
    BIGNUM *pi = BN_new(), *a = BN_new(), *b = BN_new(), *three = BN_new();
    unsigned char bytes[PI_WORDS * 4];
    int ok = ctx && pi && a && b && three;
    /* pi = 16 atan(1/5) - 4 atan(1/239) */
    ok = ok && add_arctan(a, 5, bits, 1, ctx) && add_arctan(b, 239, bits, 1, ctx);
    ok = ok && BN_lshift(a, a, 4) && BN_lshift(b, b, 2) && BN_sub(pi, a, b);
    ok = ok && BN_set_word(three, 3) && BN_lshift(three, three, bits) && BN_sub(pi, pi, three);
    ok = ok && BN_rshift(pi, pi, guard) && BN_bn2binpad(pi, bytes, sizeof bytes) == (int)sizeof bytes;
    for (size_t i = 0; ok && i < PI_WORDS; i++)
        pi_words[i] = (uint32_t)bytes[4 * i] << 24 | (uint32_t)bytes[4 * i + 1] << 16 |
                      (uint32_t)bytes[4 * i + 2] << 8 | bytes[4 * i + 3];
    /* The well-known first and last words guard against any slip in the arithmetic. */
    pi_ready = ok && pi_words[0] == 0x243F6A88u && pi_words[PI_WORDS - 1] == 0x3AC372E6u;
    BN_free(pi);
    BN_free(a);
    BN_free(b);
    BN_free(three);
    BN_CTX_free(ctx);
}

static int pi_available(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, compute_pi_words);
    return pi_ready;
}

static uint32_t feistel(const blowfish *c, uint32_t x)
{
    return ((c->s[0][x >> 24] + c->s[1][(x >> 16) & 0xff]) ^ c->s[2][(x >> 8) & 0xff]) + c->s[3][x & 0xff];
}

static void encrypt_block(const blowfish *c, uint32_t *left, uint32_t *right)
{
    uint32_t l = *left, r = *right;
    for (int i = 0; i < 16; i += 2) {
        l ^= c->p[i];
        r ^= feistel(c, l);
        r ^= c->p[i + 1];
        l ^= feistel(c, r);
    }
    *left = r ^ c->p[17];
    *right = l ^ c->p[16];
}

/* The next four bytes of data as a big-endian word, wrapping around. */
static uint32_t next_word(const unsigned char *data, size_t len, size_t *at)
{
    uint32_t word = 0;
    for (int k = 0; k < 4; k++) {
        word = word << 8 | data[*at];
        if (++*at >= len)
            *at = 0;
    }
    return word;
}

/* Blowfish's key expansion mixed with a salt (zero words when there is none). */
static void expand_key(blowfish *c, const unsigned char *key, size_t key_len, const unsigned char *salt,
                       size_t salt_len)
{
    size_t at = 0;
    for (int i = 0; i < 18; i++)
        c->p[i] ^= next_word(key, key_len, &at);
    at = 0;
    uint32_t l = 0, r = 0;
    uint32_t *boxes[5] = {c->p, c->s[0], c->s[1], c->s[2], c->s[3]};
    int sizes[5] = {18, 256, 256, 256, 256};
    for (int box = 0; box < 5; box++)
        for (int i = 0; i < sizes[box]; i += 2) {
            if (salt) {
                l ^= next_word(salt, salt_len, &at);
                r ^= next_word(salt, salt_len, &at);
            }
            encrypt_block(c, &l, &r);
            boxes[box][i] = l;
            boxes[box][i + 1] = r;
        }
}

static const char bcrypt_alphabet[] = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/* base64 with bcrypt's alphabet and no padding. */
static void encode64(gotmpl_buffer *out, const unsigned char *bytes, size_t len)
{
    for (size_t i = 0; i < len; i += 3) {
        uint32_t chunk = (uint32_t)bytes[i] << 16 | (i + 1 < len ? (uint32_t)bytes[i + 1] << 8 : 0) |
                         (i + 2 < len ? bytes[i + 2] : 0);
        size_t chars = i + 2 < len ? 4 : i + 1 < len ? 3 : 2;
        for (size_t k = 0; k < chars; k++)
            gotmpl_buffer_putc(out, bcrypt_alphabet[(chunk >> (18 - 6 * k)) & 63]);
    }
}

/* The 16 salt bytes of 22 bcrypt-base64 characters; -1 on a bad character. */
static int decode_salt(const char *text, unsigned char salt[GOTMPL_BCRYPT_SALT_BYTES])
{
    uint32_t bits = 0;
    int count = 0;
    size_t written = 0;
    for (int i = 0; i < 22; i++) {
        const char *at = text[i] ? strchr(bcrypt_alphabet, text[i]) : NULL;
        if (!at)
            return -1;
        bits = bits << 6 | (uint32_t)(at - bcrypt_alphabet);
        count += 6;
        if (count >= 8 && written < GOTMPL_BCRYPT_SALT_BYTES) {
            count -= 8;
            salt[written++] = (unsigned char)(bits >> count);
        }
    }
    return 0;
}

int gotmpl_bcrypt_hash(gotmpl_runtime *runtime, const char *password, size_t len, int cost,
                       const unsigned char salt[GOTMPL_BCRYPT_SALT_BYTES], celm_string *out)
{
    if (!pi_available() || cost < 4 || cost > 31)
        return CELM_EFAIL;
    /* As C bcrypt does, the key includes the password's terminating NUL; Blowfish's schedule reads
     * at most 72 bytes of it. */
    unsigned char key[73];
    if (len > 72)
        len = 72;
    memcpy(key, password, len);
    key[len] = 0;
    blowfish c;
    memcpy(c.p, pi_words, sizeof c.p);
    memcpy(c.s, pi_words + 18, sizeof c.s);
    size_t key_len = len < 72 ? len + 1 : 72;
    expand_key(&c, key, key_len, salt, GOTMPL_BCRYPT_SALT_BYTES);
    for (uint64_t round = 0; round < (UINT64_C(1) << cost); round++) {
        expand_key(&c, key, key_len, NULL, 0);
        expand_key(&c, salt, GOTMPL_BCRYPT_SALT_BYTES, NULL, 0);
    }
    static const char magic[] = "OrpheanBeholderScryDoubt";
    uint32_t words[6];
    for (int i = 0; i < 6; i++)
        words[i] = (uint32_t)(unsigned char)magic[4 * i] << 24 | (uint32_t)(unsigned char)magic[4 * i + 1] << 16 |
                   (uint32_t)(unsigned char)magic[4 * i + 2] << 8 | (unsigned char)magic[4 * i + 3];
    for (int i = 0; i < 6; i += 2)
        for (int j = 0; j < 64; j++)
            encrypt_block(&c, &words[i], &words[i + 1]);
    unsigned char digest[24];
    for (int i = 0; i < 6; i++)
        for (int k = 0; k < 4; k++)
            digest[4 * i + k] = (unsigned char)(words[i] >> (24 - 8 * k));
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, runtime);
    gotmpl_buffer_printf(&buffer, "$2a$%02d$", cost);
    encode64(&buffer, salt, GOTMPL_BCRYPT_SALT_BYTES);
    /* Bug-compatible with C bcrypt: only 23 of the 24 bytes are encoded. */
    encode64(&buffer, digest, 23);
    memset(&c, 0, sizeof c);
    return gotmpl_buffer_finish(&buffer, out);
}

int gotmpl_bcrypt_check(gotmpl_runtime *runtime, const char *password, size_t len, const char *hash, size_t hash_len)
{
    unsigned char salt[GOTMPL_BCRYPT_SALT_BYTES];
    if (hash_len != 60 || hash[0] != '$' || hash[1] != '2' || hash[3] != '$' || hash[6] != '$' ||
        hash[4] < '0' || hash[4] > '9' || hash[5] < '0' || hash[5] > '9' || decode_salt(hash + 7, salt) != 0)
        return 0;
    celm_string computed;
    if (gotmpl_bcrypt_hash(runtime, password, len, (hash[4] - '0') * 10 + (hash[5] - '0'), salt, &computed) != CELM_OK)
        return 0;
    /* Compare all but the version letter, which bcrypt treats alike. */
    return memcmp(computed.data + 3, hash + 3, 57) == 0;
}
