/* test_certificates.c: keys and certificates from genPrivateKey, genCA, genSelfSignedCert and
 * genSignedCert, read back with OpenSSL: the kinds and sizes Sprig asks Go for, and the layout Go's
 * x509.CreateCertificate gives Sprig's template (extensions, their order and criticality, key ids). */
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <string.h>

#include "case_eval.h"
#include "celm/celm.h"
#include "check.h"
#include "gotmpl_crypto.h"
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

static gotmpl_value call(const char *name, const gotmpl_value *args, size_t count)
{
    gotmpl_value out = gotmpl_nil();
    celm_string message;
    int panicked;
    if (case_call(runtime, name, args, count, &out, &message, &panicked) != 0)
        check_fail(__FILE__, __LINE__, "%s failed: %s", name, message.data ? message.data : "");
    return out;
}

static celm_string field(const gotmpl_value *object, const char *name)
{
    gotmpl_value value = gotmpl_string("", 0);
    if (object->type == GT_OBJECT)
        object->as.object->class_->field(runtime, object->as.object, name, strlen(name), &value);
    return value.as.string;
}

static X509 *read_certificate(const gotmpl_value *object)
{
    celm_string pem = field(object, "Cert");
    BIO *bio = BIO_new_mem_buf(pem.data, (int)pem.len);
    X509 *x = bio ? PEM_read_bio_X509(bio, NULL, NULL, NULL) : NULL;
    BIO_free(bio);
    CHECK(x != NULL);
    return x;
}

static EVP_PKEY *read_key(celm_string pem)
{
    BIO *bio = BIO_new_mem_buf(pem.data, (int)pem.len);
    EVP_PKEY *key = bio ? PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL) : NULL;
    BIO_free(bio);
    CHECK(key != NULL);
    return key;
}

static int begins(celm_string text, const char *prefix)
{
    return text.len >= strlen(prefix) && memcmp(text.data, prefix, strlen(prefix)) == 0;
}

void private_keys_have_their_kind_and_size(void)
{
    static const struct { const char *type, *header; int base, bits; } kinds[] = {
        {"rsa", "-----BEGIN RSA PRIVATE KEY-----\n", EVP_PKEY_RSA, 4096},
        {"", "-----BEGIN RSA PRIVATE KEY-----\n", EVP_PKEY_RSA, 4096},
        {"ecdsa", "-----BEGIN EC PRIVATE KEY-----\n", EVP_PKEY_EC, 256},
        {"ed25519", "-----BEGIN PRIVATE KEY-----\n", EVP_PKEY_ED25519, 256},
        {"dsa", "-----BEGIN DSA PRIVATE KEY-----\n", EVP_PKEY_DSA, 2048}};
    start();
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        gotmpl_value type = gotmpl_string(kinds[i].type, strlen(kinds[i].type));
        gotmpl_value pem = call("genPrivateKey", &type, 1);
        CHECK(begins(pem.as.string, kinds[i].header));
        EVP_PKEY *key = read_key(pem.as.string);
        CHECK_INT(key ? EVP_PKEY_get_base_id(key) : 0, kinds[i].base);
        CHECK_INT(key ? EVP_PKEY_get_bits(key) : 0, kinds[i].bits);
        celm_string problem;
        gotmpl_private_key *parsed = gotmpl_key_parse_pem(runtime, pem.as.string.data, pem.as.string.len, &problem);
        CHECK(parsed != NULL);
        gotmpl_key_free(parsed);
        EVP_PKEY_free(key);
    }
    finish();
}

static BIGNUM *key_number(EVP_PKEY *key, const char *name)
{
    BIGNUM *number = NULL;
    CHECK(EVP_PKEY_get_bn_param(key, name, &number) == 1);
    return number;
}

/* Go's keys: primes of half the size with their top two bits set, d = e^-1 mod lcm(p-1, q-1), and a
 * key OpenSSL's own checks accept (n = pq, the CRT values). */
void rsa_keys_are_made_as_go_makes_them(void)
{
    start();
    gotmpl_private_key *generated = gotmpl_key_generate("rsa", 2048);
    EVP_PKEY *key = generated ? gotmpl_key_evp(generated) : NULL;
    CHECK(key != NULL);
    EVP_PKEY_CTX *check = EVP_PKEY_CTX_new(key, NULL);
    CHECK(EVP_PKEY_check(check) == 1);
    BIGNUM *p = key_number(key, OSSL_PKEY_PARAM_RSA_FACTOR1), *q = key_number(key, OSSL_PKEY_PARAM_RSA_FACTOR2);
    BIGNUM *d = key_number(key, OSSL_PKEY_PARAM_RSA_D), *lambda = BN_new(), *gcd = BN_new(), *product = BN_new();
    BN_CTX *ctx = BN_CTX_new();
    CHECK_INT(BN_num_bits(p), 1024);
    CHECK_INT(BN_num_bits(q), 1024);
    CHECK(BN_is_bit_set(p, 1022) && BN_is_bit_set(q, 1022));
    BN_sub_word(p, 1), BN_sub_word(q, 1);
    BN_gcd(gcd, p, q, ctx), BN_mul(product, p, q, ctx), BN_div(lambda, NULL, product, gcd, ctx);
    CHECK(BN_cmp(d, lambda) < 0);
    BN_mul_word(d, 65537), BN_mod(d, d, lambda, ctx);
    CHECK(BN_is_one(d));
    BN_free(p), BN_free(q), BN_free(d), BN_free(lambda), BN_free(gcd), BN_free(product);
    BN_CTX_free(ctx);
    EVP_PKEY_CTX_free(check);
    gotmpl_key_free(generated);
    finish();
}

/* The NIDs of the extensions in their order. */
static void check_extensions(X509 *x, const int *expected, size_t count)
{
    CHECK_INT(X509_get_ext_count(x), count);
    for (size_t i = 0; i < count && (int)i < X509_get_ext_count(x); i++)
        CHECK_INT(OBJ_obj2nid(X509_EXTENSION_get_object(X509_get_ext(x, (int)i))), expected[i]);
}

static int critical(X509 *x, int nid)
{
    int at = X509_get_ext_by_NID(x, nid, -1);
    return at >= 0 && X509_EXTENSION_get_critical(X509_get_ext(x, at));
}

static void check_days(X509 *x, int days)
{
    int day_count, seconds;
    CHECK(ASN1_TIME_diff(&day_count, &seconds, X509_get0_notBefore(x), X509_get0_notAfter(x)));
    CHECK_INT(day_count, days);
    CHECK_INT(seconds, 0);
}

static void check_common_name(X509 *x, const char *expected)
{
    char name[256] = "";
    X509_NAME_get_text_by_NID(X509_get_subject_name(x), NID_commonName, name, sizeof name);
    CHECK_STR(name, expected);
}

/* Go 1.26's subject key id: SHA-256 of the public key bits, cut to 20 bytes. */
static void check_subject_key_id(X509 *x)
{
    const ASN1_OCTET_STRING *id = X509_get0_subject_key_id(x);
    const ASN1_BIT_STRING *bits = X509_get0_pubkey_bitstr(x);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len;
    CHECK(id != NULL && bits != NULL);
    if (!id || !bits)
        return;
    EVP_Digest(bits->data, (size_t)bits->length, digest, &len, EVP_sha256(), NULL);
    CHECK_INT(ASN1_STRING_length(id), 20);
    CHECK(memcmp(ASN1_STRING_get0_data(id), digest, 20) == 0);
}

void ca_certificates_have_gos_layout(void)
{
    start();
    gotmpl_value args[2] = {gotmpl_string("my-ca", 5), gotmpl_int(GT_INT, 365)};
    gotmpl_value ca = call("genCA", args, 2);
    X509 *x = read_certificate(&ca);
    EVP_PKEY *key = read_key(field(&ca, "Key"));
    if (x && key) {
        CHECK_INT(X509_get_version(x), 2);
        check_common_name(x, "my-ca");
        CHECK_INT(X509_NAME_cmp(X509_get_issuer_name(x), X509_get_subject_name(x)), 0);
        static const int order[] = {NID_key_usage, NID_ext_key_usage, NID_basic_constraints,
                                    NID_subject_key_identifier};
        check_extensions(x, order, 4);
        CHECK(critical(x, NID_key_usage) && critical(x, NID_basic_constraints) && !critical(x, NID_ext_key_usage));
        CHECK_INT(X509_get_key_usage(x), KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT | KU_KEY_CERT_SIGN);
        CHECK_INT(X509_get_extended_key_usage(x), XKU_SSL_SERVER | XKU_SSL_CLIENT);
        CHECK(X509_check_ca(x) >= 1);
        check_subject_key_id(x);
        CHECK(X509_get0_authority_key_id(x) == NULL);
        CHECK_INT(X509_get_signature_nid(x), NID_sha256WithRSAEncryption);
        CHECK_INT(X509_verify(x, X509_get0_pubkey(x)), 1);
        CHECK_INT(EVP_PKEY_eq(X509_get0_pubkey(x), key), 1);
        CHECK_INT(EVP_PKEY_get_bits(key), 2048);
        BIGNUM *serial = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), NULL);
        CHECK(serial && BN_num_bits(serial) <= 128);
        BN_free(serial);
        check_days(x, 365);
        CHECK(begins(field(&ca, "Key"), "-----BEGIN RSA PRIVATE KEY-----\n"));
    }
    X509_free(x);
    EVP_PKEY_free(key);
    finish();
}

static gotmpl_value string_list(const char *const *items, size_t count)
{
    gotmpl_value list = gotmpl_list_new(runtime, GT_LIST, count);
    for (size_t i = 0; i < count; i++)
        gotmpl_list_append(runtime, list.as.list, gotmpl_string(items[i], strlen(items[i])));
    return list;
}

void self_signed_certificates_list_their_names(void)
{
    static const char *const ips[] = {"10.0.0.1", "::1"}, *const names[] = {"a.example", "b.example"};
    start();
    gotmpl_value args[4] = {gotmpl_string("host", 4), string_list(ips, 2), string_list(names, 2),
                            gotmpl_int(GT_INT, 30)};
    gotmpl_value cert = call("genSelfSignedCert", args, 4);
    X509 *x = read_certificate(&cert);
    GENERAL_NAMES *alt = x ? X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL) : NULL;
    if (x && alt) {
        static const int order[] = {NID_key_usage, NID_ext_key_usage, NID_basic_constraints, NID_subject_alt_name};
        check_extensions(x, order, 4);
        CHECK(critical(x, NID_basic_constraints) && !critical(x, NID_subject_alt_name));
        CHECK_INT(X509_check_ca(x), 0);
        CHECK_INT(X509_get_key_usage(x), KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT);
        CHECK(X509_get0_subject_key_id(x) == NULL);
        CHECK_INT(sk_GENERAL_NAME_num(alt), 4);
        static const int types[] = {GEN_DNS, GEN_DNS, GEN_IPADD, GEN_IPADD}, lengths[] = {9, 9, 4, 16};
        for (int i = 0; i < 4 && i < sk_GENERAL_NAME_num(alt); i++) {
            int type;
            const ASN1_STRING *value = GENERAL_NAME_get0_value(sk_GENERAL_NAME_value(alt, i), &type);
            CHECK_INT(type, types[i]);
            CHECK_INT(ASN1_STRING_length(value), lengths[i]);
        }
        CHECK_INT(X509_verify(x, X509_get0_pubkey(x)), 1);
        check_days(x, 30);
    }
    GENERAL_NAMES_free(alt);
    X509_free(x);
    finish();
}

void signed_certificates_chain_to_their_ca(void)
{
    static const char *const names[] = {"leaf.example"};
    start();
    gotmpl_value ca_args[2] = {gotmpl_string("root", 4), gotmpl_int(GT_INT, 100)};
    gotmpl_value ca = call("genCA", ca_args, 2);
    gotmpl_value args[5] = {gotmpl_string("leaf", 4), gotmpl_nil(), string_list(names, 1), gotmpl_int(GT_INT, 10), ca};
    gotmpl_value leaf = call("genSignedCert", args, 5);
    X509 *ca_x = read_certificate(&ca), *x = read_certificate(&leaf);
    if (ca_x && x) {
        CHECK_INT(X509_NAME_cmp(X509_get_issuer_name(x), X509_get_subject_name(ca_x)), 0);
        check_common_name(x, "leaf");
        static const int order[] = {NID_key_usage, NID_ext_key_usage, NID_basic_constraints,
                                    NID_authority_key_identifier, NID_subject_alt_name};
        check_extensions(x, order, 5);
        const ASN1_OCTET_STRING *authority = X509_get0_authority_key_id(x), *subject = X509_get0_subject_key_id(ca_x);
        CHECK(authority && subject && ASN1_STRING_cmp(authority, subject) == 0);
        CHECK_INT(X509_verify(x, X509_get0_pubkey(ca_x)), 1);
        CHECK(X509_verify(x, X509_get0_pubkey(x)) != 1);
        check_days(x, 10);
    }
    X509_free(ca_x);
    X509_free(x);
    finish();
}

void certificates_sign_with_the_given_key(void)
{
    static const struct { const char *type; int signature; } kinds[] = {
        {"ecdsa", NID_ecdsa_with_SHA256}, {"ed25519", NID_ED25519}};
    start();
    for (size_t i = 0; i < 2; i++) {
        gotmpl_value type = gotmpl_string(kinds[i].type, strlen(kinds[i].type));
        gotmpl_value pem = call("genPrivateKey", &type, 1);
        gotmpl_value args[3] = {gotmpl_string("keyed", 5), gotmpl_int(GT_INT, 1), pem};
        gotmpl_value ca = call("genCAWithKey", args, 3);
        X509 *x = read_certificate(&ca);
        CHECK_INT(x ? X509_get_signature_nid(x) : 0, kinds[i].signature);
        CHECK_INT(x ? X509_verify(x, X509_get0_pubkey(x)) : 0, 1);
        /* the key comes back as Go re-encodes it, which is how it went in */
        CHECK_STR(field(&ca, "Key").data, pem.as.string.data);
        X509_free(x);
    }
    finish();
}
