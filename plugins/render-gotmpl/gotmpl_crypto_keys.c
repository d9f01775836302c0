/* gotmpl_crypto_keys.c: private keys as Go and Sprig write and read them: generation, PEM blocks
 * (encoding/pem's rules), PKCS #1, SEC 1, DSA and PKCS #8 forms, with Go's error texts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gotmpl_crypto.h"
#include "gotmpl_funcs_b.h"
#include "gotmpl_libcrypto.h"

enum key_kind { KEY_RSA, KEY_DSA, KEY_ECDSA, KEY_ED25519, KEY_X25519 };

struct gotmpl_private_key {
    EVP_PKEY *pkey;
    enum key_kind kind;
};

static gotmpl_private_key *wrap(EVP_PKEY *pkey)
{
    if (!pkey)
        return NULL;
    gotmpl_private_key *key = malloc(sizeof *key);
    if (!key) {
        EVP_PKEY_free(pkey);
        return NULL;
    }
    key->pkey = pkey;
    switch (EVP_PKEY_get_base_id(pkey)) {
    case EVP_PKEY_RSA: key->kind = KEY_RSA; break;
    case EVP_PKEY_DSA: key->kind = KEY_DSA; break;
    case EVP_PKEY_EC: key->kind = KEY_ECDSA; break;
    case EVP_PKEY_ED25519: key->kind = KEY_ED25519; break;
    default: key->kind = KEY_X25519; break;
    }
    return key;
}

void gotmpl_key_free(gotmpl_private_key *key)
{
    if (key) {
        EVP_PKEY_free(key->pkey);
        free(key);
    }
}

void *gotmpl_key_evp(const gotmpl_private_key *key)
{
    return key->pkey;
}

const char *gotmpl_key_go_type(const gotmpl_private_key *key)
{
    static const char *const names[] = {"*rsa.PrivateKey", "*dsa.PrivateKey", "*ecdsa.PrivateKey",
                                        "ed25519.PrivateKey", "*ecdh.PrivateKey"};
    return names[key->kind];
}

/* dsa.GenerateParameters(L2048N256) then dsa.GenerateKey. */
static EVP_PKEY *generate_dsa(void)
{
    EVP_PKEY *params = NULL, *key = NULL;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "DSA", NULL);
    if (ctx && EVP_PKEY_paramgen_init(ctx) > 0 && EVP_PKEY_CTX_set_dsa_paramgen_bits(ctx, 2048) > 0 &&
        EVP_PKEY_CTX_set_dsa_paramgen_q_bits(ctx, 256) > 0 && EVP_PKEY_paramgen(ctx, &params) > 0) {
        EVP_PKEY_CTX *key_ctx = EVP_PKEY_CTX_new_from_pkey(NULL, params, NULL);
        if (key_ctx && EVP_PKEY_keygen_init(key_ctx) > 0)
            EVP_PKEY_keygen(key_ctx, &key);
        EVP_PKEY_CTX_free(key_ctx);
    }
    EVP_PKEY_free(params);
    EVP_PKEY_CTX_free(ctx);
    return key;
}

gotmpl_private_key *gotmpl_key_generate(const char *type, int rsa_bits)
{
    if (strcmp(type, "rsa") == 0)
        return wrap(gotmpl_rsa_generate(rsa_bits));
    if (strcmp(type, "dsa") == 0)
        return wrap(generate_dsa());
    if (strcmp(type, "ecdsa") == 0)
        return wrap(EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256"));
    if (strcmp(type, "ed25519") == 0)
        return wrap(EVP_PKEY_Q_keygen(NULL, NULL, "ED25519"));
    return NULL;
}

/* --- PEM ---------------------------------------------------------------------------------------------- */
void gotmpl_pem_encode(gotmpl_buffer *out, const char *type, const unsigned char *der, size_t len)
{
    gotmpl_buffer_printf(out, "-----BEGIN %s-----\n", type);
    for (size_t at = 0; at < len; at += 48) {
        gotmpl_base64_append(out, der + at, len - at < 48 ? len - at : 48);
        gotmpl_buffer_putc(out, '\n');
    }
    gotmpl_buffer_printf(out, "-----END %s-----\n", type);
}

typedef struct text_view {
    const char *data;
    size_t len;
} text_view;

/* encoding/pem's getLine: a line without its \r\n and trailing spaces or tabs, and what follows. */
static text_view get_line(text_view *rest, size_t *consumed)
{
    const char *newline = rest->len ? memchr(rest->data, '\n', rest->len) : NULL;
    size_t end = newline ? (size_t)(newline - rest->data) : rest->len;
    size_t next = newline ? end + 1 : end;
    if (newline && end > 0 && rest->data[end - 1] == '\r')
        end--;
    while (end > 0 && (rest->data[end - 1] == ' ' || rest->data[end - 1] == '\t'))
        end--;
    text_view line = {rest->data, end};
    rest->data += next;
    rest->len -= next;
    if (consumed)
        *consumed = next;
    return line;
}

static long find(const char *text, size_t len, const char *needle, int last)
{
    size_t n = strlen(needle);
    long found = -1;
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(text + i, needle, n) == 0) {
            found = (long)i;
            if (!last)
                break;
        }
    return found;
}

static int has_colon(text_view line)
{
    return line.len && memchr(line.data, ':', line.len) != NULL;
}

/* The base64 body of one block, spaces and tabs removed, decoded as Go decodes it. */
static int decode_body(const char *text, size_t len, unsigned char **der, size_t *der_len)
{
    char *clean = malloc(len + 1);
    unsigned char *bytes = malloc(len + 4);
    size_t n = 0, bad_at;
    for (size_t i = 0; clean && i < len; i++)
        if (text[i] != ' ' && text[i] != '\t')
            clean[n++] = text[i];
    long decoded = clean && bytes ? gotmpl_base64_decode(clean, n, bytes, &bad_at) : -1;
    free(clean);
    if (decoded < 0) {
        free(bytes);
        return 0;
    }
    *der = bytes;
    *der_len = (size_t)decoded;
    return 1;
}

/* One candidate block ending at the first "\n-----END " of rest (Go 1.26's pem.Decode). */
static int try_block(text_view rest, long end, char **type, unsigned char **der, size_t *der_len)
{
    long begin = find(rest.data, (size_t)end, "-----BEGIN ", 1);
    if (begin < 0 || (begin > 0 && rest.data[begin - 1] != '\n'))
        return 0;
    long end_trailer = end + 10;
    rest.data += begin + 11, rest.len -= (size_t)begin + 11;
    end -= begin + 11, end_trailer -= begin + 11;
    size_t consumed;
    text_view type_line = get_line(&rest, &consumed);
    end -= (long)consumed, end_trailer -= (long)consumed;
    if (type_line.len < 5 || memcmp(type_line.data + type_line.len - 5, "-----", 5) != 0)
        return 0;
    type_line.len -= 5;
    int headers = 0;
    for (;;) {
        if (rest.len == 0)
            return -1;
        text_view probe = rest;
        text_view line = get_line(&probe, &consumed);
        if (!has_colon(line))
            break;
        headers = 1;
        rest = probe;
        end -= (long)consumed, end_trailer -= (long)consumed;
    }
    if ((headers && end < 0) || end_trailer < 0 || (size_t)end_trailer > rest.len)
        return 0;
    text_view trailer = {rest.data + end_trailer, rest.len - (size_t)end_trailer};
    size_t trailer_len = type_line.len + 5;
    if (trailer.len < trailer_len || memcmp(trailer.data, type_line.data, type_line.len) != 0 ||
        memcmp(trailer.data + type_line.len, "-----", 5) != 0)
        return 0;
    text_view after = {trailer.data + trailer_len, trailer.len - trailer_len};
    if (get_line(&after, NULL).len != 0)
        return 0;
    *der = NULL, *der_len = 0;
    if (end > 0 ? !decode_body(rest.data, (size_t)end, der, der_len) : !(*der = malloc(1)))
        return 0;
    *type = malloc(type_line.len + 1);
    if (*type) {
        memcpy(*type, type_line.data, type_line.len);
        (*type)[type_line.len] = '\0';
    }
    return *type ? 1 : (free(*der), 0);
}

int gotmpl_pem_decode(const char *text, size_t len, char **type, unsigned char **der, size_t *der_len)
{
    text_view rest = {text, len};
    size_t skip = 0;
    for (;;) {
        if (skip > rest.len)
            return 0;
        rest.data += skip, rest.len -= skip;
        long end = find(rest.data, rest.len, "\n-----END ", 0);
        if (end < 0)
            return 0;
        skip = (size_t)end + 10;
        int found = try_block(rest, end, type, der, der_len);
        if (found != 0)
            return found > 0;
    }
}

/* --- key DER forms --------------------------------------------------------------------------------------- */
int gotmpl_key_pem(gotmpl_buffer *out, const gotmpl_private_key *key)
{
    unsigned char *der = NULL;
    int len = i2d_PrivateKey(key->pkey, &der);
    static const char *const types[] = {"RSA PRIVATE KEY", "DSA PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY",
                                        "PRIVATE KEY"};
    if (len <= 0)
        return CELM_EFAIL;
    gotmpl_pem_encode(out, types[key->kind], der, (size_t)len);
    OPENSSL_free(der);
    return CELM_OK;
}

enum der_shape { SHAPE_OTHER, SHAPE_PKCS8, SHAPE_SEC1, SHAPE_PKCS1 };

/* Which of Go's key structures a DER SEQUENCE looks like, from the tags of its elements. */
static enum der_shape der_shape(const unsigned char *der, size_t len)
{
    const unsigned char *p = der;
    long body_len;
    int tag, class_;
    if (ASN1_get_object(&p, &body_len, &tag, &class_, (long)len) & 0x80 || tag != V_ASN1_SEQUENCE)
        return SHAPE_OTHER;
    const unsigned char *end = p + body_len;
    int tags[10], count = 0;
    while (p < end && count < 10) {
        long element_len;
        if (ASN1_get_object(&p, &element_len, &tag, &class_, end - p) & 0x80)
            return SHAPE_OTHER;
        tags[count++] = class_ == V_ASN1_UNIVERSAL ? tag : -1;
        p += element_len;
    }
    if (count >= 3 && tags[0] == V_ASN1_INTEGER && tags[1] == V_ASN1_SEQUENCE && tags[2] == V_ASN1_OCTET_STRING)
        return SHAPE_PKCS8;
    if (count >= 2 && tags[0] == V_ASN1_INTEGER && tags[1] == V_ASN1_OCTET_STRING)
        return SHAPE_SEC1;
    int integers = 0;
    while (integers < count && tags[integers] == V_ASN1_INTEGER)
        integers++;
    return integers >= 9 ? SHAPE_PKCS1 : SHAPE_OTHER;
}

static const char *hint(enum der_shape shape, enum der_shape expected)
{
    if (shape == SHAPE_SEC1 && expected != SHAPE_SEC1)
        return "x509: failed to parse private key (use ParseECPrivateKey instead for this key format)";
    if (shape == SHAPE_PKCS1 && expected != SHAPE_PKCS1)
        return "x509: failed to parse private key (use ParsePKCS1PrivateKey instead for this key format)";
    if (shape == SHAPE_PKCS8 && expected != SHAPE_PKCS8)
        return "x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)";
    return NULL;
}

static int curve_supported(EVP_PKEY *pkey)
{
    char curve[64];
    if (EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, curve, sizeof curve, NULL) != 1)
        return 0;
    return !strcmp(curve, "P-224") || !strcmp(curve, "P-256") || !strcmp(curve, "P-384") || !strcmp(curve, "P-521") ||
           !strcmp(curve, "secp224r1") || !strcmp(curve, "prime256v1") || !strcmp(curve, "secp384r1") ||
           !strcmp(curve, "secp521r1");
}

/* The key of one block: what x509.ParsePKCS8PrivateKey, ParsePKCS1PrivateKey, ParseECPrivateKey or
 * Sprig's DSA reading make of it; NULL with *problem set when Go fails. */
static EVP_PKEY *parse_der(const char *kind, const unsigned char *der, size_t len, const char **problem)
{
    const unsigned char *p = der;
    enum der_shape shape = der_shape(der, len);
    EVP_PKEY *pkey = NULL;
    enum der_shape expected = strcmp(kind, "PKCS8") == 0 ? SHAPE_PKCS8 : strcmp(kind, "EC") == 0 ? SHAPE_SEC1
                              : strcmp(kind, "RSA") == 0 ? SHAPE_PKCS1 : SHAPE_OTHER;
    if (expected == SHAPE_PKCS8) {
        PKCS8_PRIV_KEY_INFO *info = shape == SHAPE_PKCS8 ? d2i_PKCS8_PRIV_KEY_INFO(NULL, &p, (long)len) : NULL;
        pkey = info ? EVP_PKCS82PKEY(info) : NULL;
        PKCS8_PRIV_KEY_INFO_free(info);
    } else {
        int type = expected == SHAPE_SEC1 ? EVP_PKEY_EC : expected == SHAPE_PKCS1 ? EVP_PKEY_RSA : EVP_PKEY_DSA;
        if (shape == expected || expected == SHAPE_OTHER)
            pkey = d2i_PrivateKey(type, NULL, &p, (long)len);
    }
    int base = pkey ? EVP_PKEY_get_base_id(pkey) : 0;
    if (pkey && base == EVP_PKEY_EC && !curve_supported(pkey)) {
        EVP_PKEY_free(pkey);
        *problem = "x509: unknown elliptic curve";
        return NULL;
    }
    if (pkey && expected == SHAPE_PKCS8 && base != EVP_PKEY_RSA && base != EVP_PKEY_EC && base != EVP_PKEY_ED25519 &&
        base != EVP_PKEY_X25519) {
        EVP_PKEY_free(pkey);
        *problem = "x509: PKCS#8 wrapping contained private key with unknown algorithm";
        return NULL;
    }
    if (!pkey)
        *problem = hint(shape, expected) ? hint(shape, expected) : "asn1: structure error: malformed key";
    return pkey;
}

static gotmpl_private_key *parse_failure(gotmpl_runtime *runtime, celm_string *error_text, const char *prefix,
                                         const char *detail)
{
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, runtime);
    gotmpl_buffer_puts(&buffer, prefix);
    gotmpl_buffer_puts(&buffer, detail);
    gotmpl_buffer_finish(&buffer, error_text);
    return NULL;
}

gotmpl_private_key *gotmpl_key_parse_pem(gotmpl_runtime *runtime, const char *pem, size_t len, celm_string *error_text)
{
    char *type;
    unsigned char *der;
    size_t der_len;
    if (!gotmpl_pem_decode(pem, len, &type, &der, &der_len))
        return parse_failure(runtime, error_text, "", "no PEM data in input");
    const char *problem = NULL;
    gotmpl_private_key *key = NULL;
    size_t type_len = strlen(type);
    if (strcmp(type, "PRIVATE KEY") == 0) {
        if (!(key = wrap(parse_der("PKCS8", der, der_len, &problem))))
            parse_failure(runtime, error_text, "decoding PEM as PKCS#8: ", problem);
    } else if (type_len < 12 || strcmp(type + type_len - 12, " PRIVATE KEY") != 0) {
        parse_failure(runtime, error_text, "no private key data in PEM block of type ", type);
    } else if (strcmp(type, "RSA PRIVATE KEY") == 0 || strcmp(type, "EC PRIVATE KEY") == 0 ||
               strcmp(type, "DSA PRIVATE KEY") == 0) {
        const char *kind = type[0] == 'R' ? "RSA" : type[0] == 'E' ? "EC" : "DSA";
        char prefix[64];
        if (!(key = wrap(parse_der(kind, der, der_len, &problem)))) {
            snprintf(prefix, sizeof prefix, "parsing %s private key from PEM: ", kind);
            parse_failure(runtime, error_text, prefix, problem);
        }
    } else {
        parse_failure(runtime, error_text, "invalid private key type ", type);
    }
    free(type);
    free(der);
    return key;
}
