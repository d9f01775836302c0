/* gotmpl_crypto_rsa.c: RSA key generation as Go's crypto/rsa does it (FIPS 186-5 A.1.3): random
 * primes with the top two bits set, trial division, then Miller-Rabin with Go's round counts.
 *
 * OpenSSL's own generator runs 64 Miller-Rabin rounds on every prime it keeps, because it cannot
 * assume its candidates are random; Go runs 4 or 5 on its random candidates, so its keys come
 * several times faster. genCA, genSignedCert and genPrivateKey spend nearly all their time here. */
#include "gotmpl_crypto.h"
#include "gotmpl_libcrypto.h"

#define SMALL_PRIME_LIMIT 1620      /* Go's trial divisors: the odd primes up to 1619 */
#define RSA_EXPONENT 65537

typedef struct trial_divisors {
    BN_ULONG products[SMALL_PRIME_LIMIT / 3];   /* the primes three at a time, multiplied */
    unsigned primes[SMALL_PRIME_LIMIT];
    size_t prime_count, product_count;
} trial_divisors;

static void trial_divisors_init(trial_divisors *divisors)
{
    unsigned char composite[SMALL_PRIME_LIMIT] = {0};
    divisors->prime_count = 0;
    for (unsigned n = 3; n < SMALL_PRIME_LIMIT; n += 2) {
        if (composite[n])
            continue;
        divisors->primes[divisors->prime_count++] = n;
        for (unsigned multiple = n * n; multiple < SMALL_PRIME_LIMIT; multiple += 2 * n)
            composite[multiple] = 1;
    }
    divisors->product_count = divisors->prime_count / 3;
    for (size_t i = 0; i < divisors->product_count; i++)
        divisors->products[i] = (BN_ULONG)divisors->primes[3 * i] * divisors->primes[3 * i + 1] *
                                divisors->primes[3 * i + 2];
}

/* 1 when a small prime divides w (w is far larger than any of them). */
static int has_small_factor(const BIGNUM *w, const trial_divisors *divisors)
{
    for (size_t i = 0; i < divisors->product_count; i++) {
        BN_ULONG rest = BN_mod_word(w, divisors->products[i]);
        const unsigned *p = &divisors->primes[3 * i];
        if (rest == (BN_ULONG)-1 || rest % p[0] == 0 || rest % p[1] == 0 || rest % p[2] == 0)
            return 1;
    }
    return 0;
}

/* Go's isPrime rounds for a random candidate of this size (BoringSSL's table). */
static int miller_rabin_rounds(int bits)
{
    static const struct { int bits, rounds; } table[] = {
        {3747, 3}, {1345, 4}, {476, 5}, {400, 6}, {347, 7}, {308, 8}, {55, 27}, {0, 34},
    };
    size_t i = 0;
    while (bits < table[i].bits)
        i++;
    return table[i].rounds;
}

typedef struct miller_rabin {
    const BIGNUM *w;
    BIGNUM *w_minus_one, *m, *base, *z;
    int a;                      /* w - 1 = m * 2^a, m odd */
    BN_MONT_CTX *mont;
    BN_CTX *ctx;
} miller_rabin;

/* One round with a random base: 1 possibly prime, 0 composite, -1 a base to draw again. */
static int miller_rabin_round(miller_rabin *mr)
{
    if (!BN_rand(mr->base, BN_num_bits(mr->w), BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY))
        return 0;
    if (BN_is_zero(mr->base) || BN_is_one(mr->base) || BN_cmp(mr->base, mr->w_minus_one) >= 0)
        return -1;
    if (!BN_mod_exp_mont(mr->z, mr->base, mr->m, mr->w, mr->ctx, mr->mont))
        return 0;
    if (BN_is_one(mr->z) || BN_cmp(mr->z, mr->w_minus_one) == 0)
        return 1;
    for (int i = 1; i < mr->a; i++) {
        if (!BN_mod_sqr(mr->z, mr->z, mr->w, mr->ctx) || BN_is_one(mr->z))
            return 0;
        if (BN_cmp(mr->z, mr->w_minus_one) == 0)
            return 1;
    }
    return 0;
}

static int passes_miller_rabin(const BIGNUM *w, BN_CTX *ctx)
{
    miller_rabin mr = {w, BN_new(), BN_new(), BN_new(), BN_new(), 0, BN_MONT_CTX_new(), ctx};
    int verdict = 0;
    if (mr.w_minus_one && mr.m && mr.base && mr.z && mr.mont && BN_copy(mr.w_minus_one, w) &&
        BN_sub_word(mr.w_minus_one, 1) && BN_MONT_CTX_set(mr.mont, w, ctx)) {
        while (!BN_is_bit_set(mr.w_minus_one, mr.a))
            mr.a++;
        verdict = BN_rshift(mr.m, mr.w_minus_one, mr.a) != 0;
        for (int rounds = miller_rabin_rounds(BN_num_bits(w)); verdict && rounds > 0;) {
            int round = miller_rabin_round(&mr);
            verdict = round != 0;
            rounds -= round == 1;
        }
    }
    BN_MONT_CTX_free(mr.mont);
    BN_free(mr.w_minus_one), BN_free(mr.m), BN_free(mr.base), BN_free(mr.z);
    return verdict;
}

/* Go's randomPrime: odd, its top two bits set so that two of them make a full-size modulus. */
static int random_prime(BIGNUM *candidate, int bits, const trial_divisors *divisors, BN_CTX *ctx)
{
    while (BN_rand(candidate, bits, BN_RAND_TOP_TWO, BN_RAND_BOTTOM_ODD))
        if (!has_small_factor(candidate, divisors) && passes_miller_rabin(candidate, ctx))
            return 1;
    return 0;
}

/* The key's numbers, the first eight in PKCS #1 order, then scratch. */
enum rsa_number { N, E, D, P, Q, DP, DQ, QINV, P1, Q1, LAMBDA, GCD, RSA_NUMBERS };

/* n, d and the CRT values from p and q, with d = e^-1 mod lcm(p-1, q-1) as FIPS 186-5 asks. 1 when
 * they exist; 0 when e and lambda are not coprime (Go then draws new primes). */
static int derive_private_numbers(BIGNUM **k, BN_CTX *ctx)
{
    if (!BN_mul(k[N], k[P], k[Q], ctx) || !BN_copy(k[P1], k[P]) || !BN_sub_word(k[P1], 1) || !BN_copy(k[Q1], k[Q]) ||
        !BN_sub_word(k[Q1], 1) || !BN_gcd(k[GCD], k[P1], k[Q1], ctx) || BN_num_bits(k[GCD]) > 32 ||
        !BN_div(k[LAMBDA], NULL, k[Q1], k[GCD], ctx) || !BN_mul(k[LAMBDA], k[LAMBDA], k[P1], ctx) ||
        !BN_gcd(k[GCD], k[E], k[LAMBDA], ctx) || !BN_is_one(k[GCD]))
        return 0;
    return BN_mod_inverse(k[D], k[E], k[LAMBDA], ctx) && BN_div(NULL, k[DP], k[D], k[P1], ctx) &&
           BN_div(NULL, k[DQ], k[D], k[Q1], ctx) && BN_mod_inverse(k[QINV], k[Q], k[P], ctx);
}

static EVP_PKEY *key_from_numbers(BIGNUM *const *k)
{
    static const char *const names[] = {
        OSSL_PKEY_PARAM_RSA_N, OSSL_PKEY_PARAM_RSA_E, OSSL_PKEY_PARAM_RSA_D, OSSL_PKEY_PARAM_RSA_FACTOR1,
        OSSL_PKEY_PARAM_RSA_FACTOR2, OSSL_PKEY_PARAM_RSA_EXPONENT1, OSSL_PKEY_PARAM_RSA_EXPONENT2,
        OSSL_PKEY_PARAM_RSA_COEFFICIENT1,
    };
    EVP_PKEY *key = NULL;
    OSSL_PARAM_BLD *builder = OSSL_PARAM_BLD_new();
    int pushed = builder != NULL;
    for (size_t i = 0; pushed && i < sizeof names / sizeof names[0]; i++)
        pushed = OSSL_PARAM_BLD_push_BN(builder, names[i], k[i]);
    OSSL_PARAM *params = pushed ? OSSL_PARAM_BLD_to_param(builder) : NULL;
    EVP_PKEY_CTX *ctx = params ? EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL) : NULL;
    if (!ctx || EVP_PKEY_fromdata_init(ctx) <= 0 || EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_KEYPAIR, params) <= 0)
        key = NULL;
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(builder);
    return key;
}

static EVP_PKEY *generate(int bits, BIGNUM **k, BN_CTX *ctx)
{
    trial_divisors divisors;
    trial_divisors_init(&divisors);
    if (!BN_set_word(k[E], RSA_EXPONENT))
        return NULL;
    for (;;) {
        if (!random_prime(k[P], (bits + 1) / 2, &divisors, ctx) || !random_prime(k[Q], bits / 2, &divisors, ctx) ||
            BN_cmp(k[P], k[Q]) == 0)
            return NULL;
        if (derive_private_numbers(k, ctx))
            return BN_num_bits(k[N]) == bits ? key_from_numbers(k) : NULL;
    }
}

void *gotmpl_rsa_generate(int bits)
{
    BIGNUM *numbers[RSA_NUMBERS] = {NULL};
    BN_CTX *ctx = BN_CTX_new();
    int allocated = ctx != NULL;
    for (size_t i = 0; allocated && i < RSA_NUMBERS; i++)
        allocated = (numbers[i] = BN_new()) != NULL;
    EVP_PKEY *key = allocated ? generate(bits, numbers, ctx) : NULL;
    for (size_t i = 0; i < RSA_NUMBERS; i++)
        BN_clear_free(numbers[i]);
    BN_CTX_free(ctx);
    return key;
}
