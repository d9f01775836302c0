/* gotmpl_funcs_sprig_crypto.c: Sprig's crypto.go functions: hashes, bcrypt and htpasswd,
 * derivePassword, keys and certificates, AES-CBC, random bytes (nettle, OpenSSL and zlib underneath). */
#include <nettle/nettle-meta.h>
#include <nettle/sha1.h>
#include <nettle/sha2.h>
#include <string.h>
#include <zlib.h>

#include "gotmpl_crypto.h"
#include "gotmpl_funcs_b.h"
#include "gotmpl_libcrypto.h"
#include "gotmpl_sprig.h"

/* --- hashes ---------------------------------------------------------------------------------------- */
/* sha1sum, sha256sum and sha512sum through nettle: checksum annotations are common, and nettle loads
 * in a fraction of the time libcrypto takes. */
static int hex_digest(gotmpl_call *call, const gotmpl_value *input, const struct nettle_hash *hash, gotmpl_value *out)
{
    union {
        struct sha1_ctx sha1;
        struct sha256_ctx sha256;
        struct sha512_ctx sha512;
    } context;
    uint8_t digest[SHA512_DIGEST_SIZE];
    static const char hex[] = "0123456789abcdef";
    hash->init(&context);
    hash->update(&context, input->as.string.len, (const uint8_t *)input->as.string.data);
    hash->digest(&context, hash->digest_size, digest);
    char text[2 * SHA512_DIGEST_SIZE];
    for (unsigned i = 0; i < hash->digest_size; i++) {
        text[2 * i] = hex[digest[i] >> 4];
        text[2 * i + 1] = hex[digest[i] & 15];
    }
    return gotmpl_string_result(gotmpl_call_runtime(call), text, 2 * hash->digest_size, out);
}

static int fn_sha1sum(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return hex_digest(call, &args[0], &nettle_sha1, out);
}

static int fn_sha256sum(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return hex_digest(call, &args[0], &nettle_sha256, out);
}

static int fn_sha512sum(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return hex_digest(call, &args[0], &nettle_sha512, out);
}

static int fn_adler32sum(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    uLong sum = adler32_z(1, (const Bytef *)args[0].as.string.data, args[0].as.string.len);
    char text[16];
    int len = snprintf(text, sizeof text, "%lu", (unsigned long)sum);
    return gotmpl_string_result(gotmpl_call_runtime(call), text, (size_t)len, out);
}

/* --- bcrypt, htpasswd -------------------------------------------------------------------------------- */
/* bcrypt.GenerateFromPassword(input, DefaultCost) with Sprig's failure text. */
static int bcrypt_text(gotmpl_call *call, const celm_string *password, gotmpl_buffer *out)
{
    unsigned char salt[GOTMPL_BCRYPT_SALT_BYTES];
    celm_string hash;
    if (password->len > 72) {
        gotmpl_buffer_puts(out, "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes");
        return CELM_OK;
    }
    if (RAND_bytes(salt, sizeof salt) != 1)
        return gotmpl_call_panic(call, "crypto/rand: failed to read random data");
    int status = gotmpl_bcrypt_hash(gotmpl_call_runtime(call), password->data, password->len, 10, salt, &hash);
    if (status != CELM_OK)
        return status;
    gotmpl_buffer_put(out, hash.data, hash.len);
    return CELM_OK;
}

static int finish_text(gotmpl_buffer *buffer, gotmpl_value *out)
{
    celm_string text;
    int status = gotmpl_buffer_finish(buffer, &text);
    *out = gotmpl_string(text.data, status == CELM_OK ? text.len : 0);
    return status;
}

static int fn_bcrypt(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, gotmpl_call_runtime(call));
    int status = bcrypt_text(call, &args[0].as.string, &buffer);
    return status == CELM_OK ? finish_text(&buffer, out) : status;
}

static int fn_htpasswd(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    const celm_string *user = &args[0].as.string;
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, gotmpl_call_runtime(call));
    if (memchr(user->data, ':', user->len)) {
        gotmpl_buffer_puts(&buffer, "invalid username: ");
        gotmpl_buffer_put(&buffer, user->data, user->len);
        return finish_text(&buffer, out);
    }
    gotmpl_buffer_put(&buffer, user->data, user->len);
    gotmpl_buffer_putc(&buffer, ':');
    int status = bcrypt_text(call, &args[1].as.string, &buffer);
    return status == CELM_OK ? finish_text(&buffer, out) : status;
}

/* --- randBytes ------------------------------------------------------------------------------------------ */
static int fn_rand_bytes(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    int64_t n = args[0].as.integer;
    if (n < 0)
        return gotmpl_call_panic(call, "runtime error: makeslice: len out of range");
    if ((uint64_t)n > GOTMPL_SPRIG_MAX_BYTES)
        return gotmpl_sprig_out_of_memory(call);
    const celm_host *host = gotmpl_runtime_host(gotmpl_call_runtime(call));
    unsigned char *bytes = host->arena_alloc(gotmpl_runtime_arena(gotmpl_call_runtime(call)), (size_t)n + 1);
    if (!bytes)
        return CELM_ENOMEM;
    if (n > 0 && RAND_bytes(bytes, (int)n) != 1)
        return gotmpl_call_error(call, "crypto/rand: failed to read random data");
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, gotmpl_call_runtime(call));
    gotmpl_base64_append(&buffer, bytes, (size_t)n);
    return finish_text(&buffer, out);
}

/* --- derivePassword (Master Password's algorithm) --------------------------------------------------------- */
typedef struct password_templates {
    const char *type;
    const char *const *patterns;
    size_t count;
} password_templates;

static const char *const maximum_patterns[] = {"anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"};
static const char *const long_patterns[] = {
    "CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv", "CvccCvcvCvcvno",
    "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc", "CvcvCvcvnoCvcc", "CvcvCvcvCvccno",
    "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno", "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno",
    "CvccnoCvcvCvcc", "CvccCvcvnoCvcc", "CvccCvcvCvccno"};
static const char *const medium_patterns[] = {"CvcnoCvc", "CvcCvcno"};
static const char *const short_patterns[] = {"Cvcn"};
static const char *const basic_patterns[] = {"aaanaaan", "aannaaan", "aaannaaa"};
static const char *const pin_patterns[] = {"nnnn"};

static const password_templates templates[] = {
    {"maximum", maximum_patterns, 2}, {"long", long_patterns, 21}, {"medium", medium_patterns, 2},
    {"short", short_patterns, 1},     {"basic", basic_patterns, 3}, {"pin", pin_patterns, 1}};

static const char *template_characters(char element)
{
    switch (element) {
    case 'V': return "AEIOU";
    case 'C': return "BCDFGHJKLMNPQRSTVWXYZ";
    case 'v': return "aeiou";
    case 'c': return "bcdfghjklmnpqrstvwxyz";
    case 'A': return "AEIOUBCDFGHJKLMNPQRSTVWXYZ";
    case 'a': return "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz";
    case 'n': return "0123456789";
    case 'o': return "@&%?,=[]_:-+*$#!'^~;()/.";
    default: return "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()";
    }
}

static void put_be32(gotmpl_buffer *buffer, uint32_t value)
{
    char bytes[4] = {(char)(value >> 24), (char)(value >> 16), (char)(value >> 8), (char)value};
    gotmpl_buffer_put(buffer, bytes, 4);
}

static int fn_derive_password(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    const celm_string *type = &args[1].as.string, *password = &args[2].as.string;
    const celm_string *user = &args[3].as.string, *site = &args[4].as.string;
    const password_templates *chosen = NULL;
    for (size_t i = 0; i < sizeof templates / sizeof templates[0]; i++)
        if (strlen(templates[i].type) == type->len && memcmp(templates[i].type, type->data, type->len) == 0)
            chosen = &templates[i];
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, runtime);
    if (!chosen) {
        gotmpl_buffer_puts(&buffer, "cannot find password template ");
        gotmpl_buffer_put(&buffer, type->data, type->len);
        return finish_text(&buffer, out);
    }
    gotmpl_buffer_puts(&buffer, "com.lyndir.masterpassword");
    put_be32(&buffer, (uint32_t)user->len);
    gotmpl_buffer_put(&buffer, user->data, user->len);
    unsigned char key[64];
    if (buffer.failed || !EVP_PBE_scrypt(password->data, password->len, (const unsigned char *)buffer.data, buffer.len,
                                         32768, 8, 2, UINT64_C(1) << 26, key, sizeof key))
        return gotmpl_call_panic(call, "failed to derive password: scrypt failed");
    gotmpl_buffer_truncate(&buffer, strlen("com.lyndir.masterpassword"));
    put_be32(&buffer, (uint32_t)site->len);
    gotmpl_buffer_put(&buffer, site->data, site->len);
    put_be32(&buffer, (uint32_t)args[0].as.unsigned_integer);
    unsigned char seed[32];
    unsigned int seed_len;
    if (buffer.failed ||
        !HMAC(EVP_sha256(), key, sizeof key, (const unsigned char *)buffer.data, buffer.len, seed, &seed_len))
        return CELM_ENOMEM;
    const char *pattern = chosen->patterns[seed[0] % chosen->count];
    gotmpl_buffer_truncate(&buffer, 0);
    for (size_t i = 0; pattern[i]; i++) {
        const char *characters = template_characters(pattern[i]);
        gotmpl_buffer_putc(&buffer, characters[seed[i + 1] % strlen(characters)]);
    }
    return finish_text(&buffer, out);
}

/* --- keys and certificates ------------------------------------------------------------------------------------- */
static int fn_gen_private_key(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    const celm_string *type = &args[0].as.string;
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, gotmpl_call_runtime(call));
    const char *known = type->len == 0 ? "rsa" : NULL;
    static const char *const types[] = {"rsa", "dsa", "ecdsa", "ed25519"};
    for (size_t i = 0; !known && i < 4; i++)
        if (strlen(types[i]) == type->len && memcmp(types[i], type->data, type->len) == 0)
            known = types[i];
    if (!known) {
        gotmpl_buffer_puts(&buffer, "Unknown type ");
        gotmpl_buffer_put(&buffer, type->data, type->len);
        return finish_text(&buffer, out);
    }
    gotmpl_private_key *key = gotmpl_key_generate(known, 4096);
    if (!key)
        gotmpl_buffer_puts(&buffer, "failed to generate private key: key generation failed");
    else
        gotmpl_key_pem(&buffer, key);
    gotmpl_key_free(key);
    return finish_text(&buffer, out);
}

static int fn_build_custom_cert(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return gotmpl_cert_build_custom(call, &args[0].as.string, &args[1].as.string, out);
}

static int fn_gen_ca(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    gotmpl_cert_request request = {&args[0].as.string, NULL, NULL, args[1].as.integer, 1, NULL,
                                   count > 2 ? &args[2].as.string : NULL};
    return gotmpl_cert_generate(call, &request, out);
}

static int fn_gen_self_signed(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    gotmpl_cert_request request = {&args[0].as.string, &args[1], &args[2], args[3].as.integer, 0, NULL,
                                   count > 4 ? &args[4].as.string : NULL};
    return gotmpl_cert_generate(call, &request, out);
}

static int fn_gen_signed(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    gotmpl_cert_request request = {&args[0].as.string, &args[1], &args[2], args[3].as.integer, 0, &args[4],
                                   count > 5 ? &args[5].as.string : NULL};
    return gotmpl_cert_generate(call, &request, out);
}

/* --- AES ---------------------------------------------------------------------------------------------------------- */
/* Sprig's key: the password's first 32 bytes, zero-padded. */
static void aes_key(const celm_string *password, unsigned char key[32])
{
    memset(key, 0, 32);
    memcpy(key, password->data, password->len < 32 ? password->len : 32);
}

static int aes_cbc(const unsigned char *key, const unsigned char *iv, const unsigned char *in, size_t len,
                   unsigned char *out, int encrypt)
{
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int written = 0, final = 0;
    int ok = ctx && EVP_CipherInit_ex(ctx, EVP_aes_256_cbc(), NULL, key, iv, encrypt) &&
             EVP_CIPHER_CTX_set_padding(ctx, encrypt) && EVP_CipherUpdate(ctx, out, &written, in, (int)len) &&
             EVP_CipherFinal_ex(ctx, out + written, &final);
    EVP_CIPHER_CTX_free(ctx);
    return ok ? written + final : -1;
}

static int fn_encrypt_aes(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    const celm_string *plaintext = &args[1].as.string;
    *out = gotmpl_string("", 0);
    if (plaintext->len == 0)
        return CELM_OK;
    unsigned char key[32];
    aes_key(&args[0].as.string, key);
    const celm_host *host = gotmpl_runtime_host(gotmpl_call_runtime(call));
    unsigned char *sealed = host->arena_alloc(gotmpl_runtime_arena(gotmpl_call_runtime(call)), plaintext->len + 48);
    if (!sealed)
        return CELM_ENOMEM;
    if (RAND_bytes(sealed, 16) != 1)
        return gotmpl_call_error(call, "crypto/rand: failed to read random data");
    int len = aes_cbc(key, sealed, (const unsigned char *)plaintext->data, plaintext->len, sealed + 16, 1);
    if (len < 0)
        return gotmpl_call_error(call, "crypto/aes: encryption failed");
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, gotmpl_call_runtime(call));
    gotmpl_base64_append(&buffer, sealed, (size_t)len + 16);
    return finish_text(&buffer, out);
}

/* decryptAES, with the panics Go raises on short or ragged input and the unchecked padding. */
static int fn_decrypt_aes(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    const celm_string *text = &args[1].as.string;
    *out = gotmpl_string("", 0);
    if (text->len == 0)
        return CELM_OK;
    unsigned char key[32];
    aes_key(&args[0].as.string, key);
    const celm_host *host = gotmpl_runtime_host(gotmpl_call_runtime(call));
    unsigned char *sealed = host->arena_alloc(gotmpl_runtime_arena(gotmpl_call_runtime(call)), text->len + 4);
    unsigned char *plain = host->arena_alloc(gotmpl_runtime_arena(gotmpl_call_runtime(call)), text->len + 4);
    size_t bad_at;
    if (!sealed || !plain)
        return CELM_ENOMEM;
    long len = gotmpl_base64_decode(text->data, text->len, sealed, &bad_at);
    if (len < 0)
        return gotmpl_call_error(call, "illegal base64 data at input byte %zu", bad_at);
    /* Go's DecodeString allocates DecodedLen(len(text)) bytes: the slice's capacity. */
    if (len < 16)
        return gotmpl_call_panic(call, "runtime error: slice bounds out of range [:16] with capacity %zu",
                                 text->len / 4 * 3);
    if ((len - 16) % 16 != 0)
        return gotmpl_call_panic(call, "crypto/cipher: input not full blocks");
    if (len == 16)
        return gotmpl_call_panic(call, "runtime error: index out of range [-1]");
    int plain_len = aes_cbc(key, sealed, sealed + 16, (size_t)len - 16, plain, 0);
    if (plain_len < 0)
        return gotmpl_call_error(call, "crypto/aes: decryption failed");
    int padding = plain[plain_len - 1];
    if (padding > plain_len)
        return gotmpl_call_panic(call, "runtime error: slice bounds out of range [:%d]", plain_len - padding);
    plain[plain_len - padding] = '\0';
    *out = gotmpl_string((const char *)plain, (size_t)(plain_len - padding));
    return CELM_OK;
}

/* NAME_loaded: NAME once libcrypto is loaded. */
#define WITH_LIBCRYPTO(name)                                                                          \
    static int name##_loaded(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out) \
    {                                                                                                  \
        int status = gotmpl_libcrypto_load(call);                                                      \
        return status != CELM_OK ? status : name(call, args, count, out);                              \
    }
WITH_LIBCRYPTO(fn_bcrypt)
WITH_LIBCRYPTO(fn_htpasswd)
WITH_LIBCRYPTO(fn_rand_bytes)
WITH_LIBCRYPTO(fn_derive_password)
WITH_LIBCRYPTO(fn_gen_private_key)
WITH_LIBCRYPTO(fn_build_custom_cert)
WITH_LIBCRYPTO(fn_gen_ca)
WITH_LIBCRYPTO(fn_gen_self_signed)
WITH_LIBCRYPTO(fn_gen_signed)
WITH_LIBCRYPTO(fn_encrypt_aes)
WITH_LIBCRYPTO(fn_decrypt_aes)

#define S GT_STRING
#define O GT_OBJECT
#define L GT_LIST

static const gotmpl_func crypto_functions[] = {
    {"sha1sum", fn_sha1sum, 1, 0, {S}, S, 0},
    {"sha256sum", fn_sha256sum, 1, 0, {S}, S, 0},
    {"sha512sum", fn_sha512sum, 1, 0, {S}, S, 0},
    {"adler32sum", fn_adler32sum, 1, 0, {S}, S, 0},
    {"bcrypt", fn_bcrypt_loaded, 1, 0, {S}, S, 0},
    {"htpasswd", fn_htpasswd_loaded, 2, 0, {S, S}, S, 0},
    {"randBytes", fn_rand_bytes_loaded, 1, 0, {GT_INT}, S, 1},
    {"derivePassword", fn_derive_password_loaded, 5, 0, {GT_UINT32, S, S, S, S}, S, 0},
    {"genPrivateKey", fn_gen_private_key_loaded, 1, 0, {S}, S, 0},
    {"buildCustomCert", fn_build_custom_cert_loaded, 2, 0, {S, S}, O, 1},
    {"genCA", fn_gen_ca_loaded, 2, 0, {S, GT_INT}, O, 1},
    {"genCAWithKey", fn_gen_ca_loaded, 3, 0, {S, GT_INT, S}, O, 1},
    {"genSelfSignedCert", fn_gen_self_signed_loaded, 4, 0, {S, L, L, GT_INT}, O, 1},
    {"genSelfSignedCertWithKey", fn_gen_self_signed_loaded, 5, 0, {S, L, L, GT_INT, S}, O, 1},
    {"genSignedCert", fn_gen_signed_loaded, 5, 0, {S, L, L, GT_INT, O}, O, 1},
    {"genSignedCertWithKey", fn_gen_signed_loaded, 6, 0, {S, L, L, GT_INT, O, S}, O, 1},
    {"encryptAES", fn_encrypt_aes_loaded, 2, 0, {S, S}, S, 1},
    {"decryptAES", fn_decrypt_aes_loaded, 2, 0, {S, S}, S, 1},
    {NULL, NULL, 0, 0, {0}, 0, 0},
};

const gotmpl_func_table gotmpl_funcs_sprig_crypto = {"sprig-crypto", crypto_functions};
