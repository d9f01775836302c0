/* gotmpl_libcrypto.h: OpenSSL's libcrypto, loaded on the first crypto function a template calls.
 *
 * Linking libcrypto would make every render pay for loading and relocating it, though few charts
 * call sha256sum or genCA. Crypto sources include this header instead of OpenSSL's: it includes
 * them, then names each libcrypto function celm calls after its pointer in the loaded table. A
 * function missing from the list fails the plugin's link (-z defs). */
#ifndef CELM_GOTMPL_LIBCRYPTO_H
#define CELM_GOTMPL_LIBCRYPTO_H

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/param_build.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "gotmpl_func.h"

#define GOTMPL_LIBCRYPTO_FUNCTIONS(X) \
    X(ASN1_BIT_STRING_free) \
    X(ASN1_BIT_STRING_new) \
    X(ASN1_BIT_STRING_set_bit) \
    X(ASN1_IA5STRING_new) \
    X(ASN1_OCTET_STRING_dup) \
    X(ASN1_OCTET_STRING_free) \
    X(ASN1_OCTET_STRING_new) \
    X(ASN1_OCTET_STRING_set) \
    X(ASN1_STRING_free) \
    X(ASN1_STRING_get0_data) \
    X(ASN1_STRING_length) \
    X(ASN1_STRING_set) \
    X(ASN1_TIME_set) \
    X(ASN1_get_object) \
    X(AUTHORITY_KEYID_free) \
    X(AUTHORITY_KEYID_new) \
    X(BASIC_CONSTRAINTS_free) \
    X(BASIC_CONSTRAINTS_new) \
    X(BN_CTX_free) \
    X(BN_CTX_new) \
    X(BN_MONT_CTX_free) \
    X(BN_MONT_CTX_new) \
    X(BN_MONT_CTX_set) \
    X(BN_add) \
    X(BN_bn2binpad) \
    X(BN_clear_free) \
    X(BN_cmp) \
    X(BN_copy) \
    X(BN_div) \
    X(BN_div_word) \
    X(BN_free) \
    X(BN_gcd) \
    X(BN_is_bit_set) \
    X(BN_is_one) \
    X(BN_is_zero) \
    X(BN_lshift) \
    X(BN_mod_exp_mont) \
    X(BN_mod_inverse) \
    X(BN_mod_sqr) \
    X(BN_mod_word) \
    X(BN_mul) \
    X(BN_new) \
    X(BN_num_bits) \
    X(BN_rand) \
    X(BN_rshift) \
    X(BN_set_bit) \
    X(BN_set_word) \
    X(BN_sub) \
    X(BN_sub_word) \
    X(BN_to_ASN1_INTEGER) \
    X(CRYPTO_free) \
    X(EVP_CIPHER_CTX_free) \
    X(EVP_CIPHER_CTX_new) \
    X(EVP_CIPHER_CTX_set_padding) \
    X(EVP_CipherFinal_ex) \
    X(EVP_CipherInit_ex) \
    X(EVP_CipherUpdate) \
    X(EVP_Digest) \
    X(EVP_PBE_scrypt) \
    X(EVP_PKCS82PKEY) \
    X(EVP_PKEY_CTX_free) \
    X(EVP_PKEY_CTX_new_from_name) \
    X(EVP_PKEY_CTX_new_from_pkey) \
    X(EVP_PKEY_CTX_set_dsa_paramgen_bits) \
    X(EVP_PKEY_CTX_set_dsa_paramgen_q_bits) \
    X(EVP_PKEY_Q_keygen) \
    X(EVP_PKEY_eq) \
    X(EVP_PKEY_free) \
    X(EVP_PKEY_fromdata) \
    X(EVP_PKEY_fromdata_init) \
    X(EVP_PKEY_get_base_id) \
    X(EVP_PKEY_get_bits) \
    X(EVP_PKEY_get_utf8_string_param) \
    X(EVP_PKEY_keygen) \
    X(EVP_PKEY_keygen_init) \
    X(EVP_PKEY_paramgen) \
    X(EVP_PKEY_paramgen_init) \
    X(EVP_aes_256_cbc) \
    X(EVP_sha1) \
    X(EVP_sha256) \
    X(EVP_sha384) \
    X(EVP_sha512) \
    X(GENERAL_NAMES_free) \
    X(GENERAL_NAME_free) \
    X(GENERAL_NAME_get0_value) \
    X(GENERAL_NAME_new) \
    X(GENERAL_NAME_set0_value) \
    X(HMAC) \
    X(OBJ_nid2obj) \
    X(OPENSSL_sk_free) \
    X(OPENSSL_sk_new_null) \
    X(OPENSSL_sk_num) \
    X(OPENSSL_sk_push) \
    X(OPENSSL_sk_shift) \
    X(OPENSSL_sk_value) \
    X(OSSL_PARAM_BLD_free) \
    X(OSSL_PARAM_BLD_new) \
    X(OSSL_PARAM_BLD_push_BN) \
    X(OSSL_PARAM_BLD_to_param) \
    X(OSSL_PARAM_free) \
    X(PKCS8_PRIV_KEY_INFO_free) \
    X(RAND_bytes) \
    X(X509_NAME_add_entry_by_NID) \
    X(X509_NAME_cmp) \
    X(X509_NAME_free) \
    X(X509_NAME_new) \
    X(X509_add1_ext_i2d) \
    X(X509_free) \
    X(X509_get0_pubkey) \
    X(X509_get0_pubkey_bitstr) \
    X(X509_get0_subject_key_id) \
    X(X509_get_issuer_name) \
    X(X509_get_serialNumber) \
    X(X509_get_subject_name) \
    X(X509_getm_notAfter) \
    X(X509_getm_notBefore) \
    X(X509_new) \
    X(X509_set_issuer_name) \
    X(X509_set_pubkey) \
    X(X509_set_subject_name) \
    X(X509_set_version) \
    X(X509_sign) \
    X(d2i_PKCS8_PRIV_KEY_INFO) \
    X(d2i_PrivateKey) \
    X(d2i_X509) \
    X(i2d_PrivateKey) \
    X(i2d_X509)

#define GOTMPL_LIBCRYPTO_FIELD(name) __typeof__(name) *name;
typedef struct gotmpl_libcrypto_table {
    GOTMPL_LIBCRYPTO_FUNCTIONS(GOTMPL_LIBCRYPTO_FIELD)
} gotmpl_libcrypto_table;
#undef GOTMPL_LIBCRYPTO_FIELD

/* The loaded table; only valid once gotmpl_libcrypto_load has succeeded. */
extern gotmpl_libcrypto_table gotmpl_libcrypto;

/* Loads libcrypto once; CELM_OK, or the call's error naming what could not be loaded. */
int gotmpl_libcrypto_load(gotmpl_call *call);

#ifndef GOTMPL_LIBCRYPTO_LOADER
#define ASN1_BIT_STRING_free (gotmpl_libcrypto.ASN1_BIT_STRING_free)
#define ASN1_BIT_STRING_new (gotmpl_libcrypto.ASN1_BIT_STRING_new)
#define ASN1_BIT_STRING_set_bit (gotmpl_libcrypto.ASN1_BIT_STRING_set_bit)
#define ASN1_IA5STRING_new (gotmpl_libcrypto.ASN1_IA5STRING_new)
#define ASN1_OCTET_STRING_dup (gotmpl_libcrypto.ASN1_OCTET_STRING_dup)
#define ASN1_OCTET_STRING_free (gotmpl_libcrypto.ASN1_OCTET_STRING_free)
#define ASN1_OCTET_STRING_new (gotmpl_libcrypto.ASN1_OCTET_STRING_new)
#define ASN1_OCTET_STRING_set (gotmpl_libcrypto.ASN1_OCTET_STRING_set)
#define ASN1_STRING_free (gotmpl_libcrypto.ASN1_STRING_free)
#define ASN1_STRING_get0_data (gotmpl_libcrypto.ASN1_STRING_get0_data)
#define ASN1_STRING_length (gotmpl_libcrypto.ASN1_STRING_length)
#define ASN1_STRING_set (gotmpl_libcrypto.ASN1_STRING_set)
#define ASN1_TIME_set (gotmpl_libcrypto.ASN1_TIME_set)
#define ASN1_get_object (gotmpl_libcrypto.ASN1_get_object)
#define AUTHORITY_KEYID_free (gotmpl_libcrypto.AUTHORITY_KEYID_free)
#define AUTHORITY_KEYID_new (gotmpl_libcrypto.AUTHORITY_KEYID_new)
#define BASIC_CONSTRAINTS_free (gotmpl_libcrypto.BASIC_CONSTRAINTS_free)
#define BASIC_CONSTRAINTS_new (gotmpl_libcrypto.BASIC_CONSTRAINTS_new)
#define BN_CTX_free (gotmpl_libcrypto.BN_CTX_free)
#define BN_CTX_new (gotmpl_libcrypto.BN_CTX_new)
#define BN_MONT_CTX_free (gotmpl_libcrypto.BN_MONT_CTX_free)
#define BN_MONT_CTX_new (gotmpl_libcrypto.BN_MONT_CTX_new)
#define BN_MONT_CTX_set (gotmpl_libcrypto.BN_MONT_CTX_set)
#define BN_add (gotmpl_libcrypto.BN_add)
#define BN_bn2binpad (gotmpl_libcrypto.BN_bn2binpad)
#define BN_clear_free (gotmpl_libcrypto.BN_clear_free)
#define BN_cmp (gotmpl_libcrypto.BN_cmp)
#define BN_copy (gotmpl_libcrypto.BN_copy)
#define BN_div (gotmpl_libcrypto.BN_div)
#define BN_div_word (gotmpl_libcrypto.BN_div_word)
#define BN_free (gotmpl_libcrypto.BN_free)
#define BN_gcd (gotmpl_libcrypto.BN_gcd)
#define BN_is_bit_set (gotmpl_libcrypto.BN_is_bit_set)
#define BN_is_one (gotmpl_libcrypto.BN_is_one)
#define BN_is_zero (gotmpl_libcrypto.BN_is_zero)
#define BN_lshift (gotmpl_libcrypto.BN_lshift)
#define BN_mod_exp_mont (gotmpl_libcrypto.BN_mod_exp_mont)
#define BN_mod_inverse (gotmpl_libcrypto.BN_mod_inverse)
#define BN_mod_sqr (gotmpl_libcrypto.BN_mod_sqr)
#define BN_mod_word (gotmpl_libcrypto.BN_mod_word)
#define BN_mul (gotmpl_libcrypto.BN_mul)
#define BN_new (gotmpl_libcrypto.BN_new)
#define BN_num_bits (gotmpl_libcrypto.BN_num_bits)
#define BN_rand (gotmpl_libcrypto.BN_rand)
#define BN_rshift (gotmpl_libcrypto.BN_rshift)
#define BN_set_bit (gotmpl_libcrypto.BN_set_bit)
#define BN_set_word (gotmpl_libcrypto.BN_set_word)
#define BN_sub (gotmpl_libcrypto.BN_sub)
#define BN_sub_word (gotmpl_libcrypto.BN_sub_word)
#define BN_to_ASN1_INTEGER (gotmpl_libcrypto.BN_to_ASN1_INTEGER)
#define CRYPTO_free (gotmpl_libcrypto.CRYPTO_free)
#define EVP_CIPHER_CTX_free (gotmpl_libcrypto.EVP_CIPHER_CTX_free)
#define EVP_CIPHER_CTX_new (gotmpl_libcrypto.EVP_CIPHER_CTX_new)
#define EVP_CIPHER_CTX_set_padding (gotmpl_libcrypto.EVP_CIPHER_CTX_set_padding)
#define EVP_CipherFinal_ex (gotmpl_libcrypto.EVP_CipherFinal_ex)
#define EVP_CipherInit_ex (gotmpl_libcrypto.EVP_CipherInit_ex)
#define EVP_CipherUpdate (gotmpl_libcrypto.EVP_CipherUpdate)
#define EVP_Digest (gotmpl_libcrypto.EVP_Digest)
#define EVP_PBE_scrypt (gotmpl_libcrypto.EVP_PBE_scrypt)
#define EVP_PKCS82PKEY (gotmpl_libcrypto.EVP_PKCS82PKEY)
#define EVP_PKEY_CTX_free (gotmpl_libcrypto.EVP_PKEY_CTX_free)
#define EVP_PKEY_CTX_new_from_name (gotmpl_libcrypto.EVP_PKEY_CTX_new_from_name)
#define EVP_PKEY_CTX_new_from_pkey (gotmpl_libcrypto.EVP_PKEY_CTX_new_from_pkey)
#define EVP_PKEY_CTX_set_dsa_paramgen_bits (gotmpl_libcrypto.EVP_PKEY_CTX_set_dsa_paramgen_bits)
#define EVP_PKEY_CTX_set_dsa_paramgen_q_bits (gotmpl_libcrypto.EVP_PKEY_CTX_set_dsa_paramgen_q_bits)
#define EVP_PKEY_Q_keygen (gotmpl_libcrypto.EVP_PKEY_Q_keygen)
#define EVP_PKEY_eq (gotmpl_libcrypto.EVP_PKEY_eq)
#define EVP_PKEY_free (gotmpl_libcrypto.EVP_PKEY_free)
#define EVP_PKEY_fromdata (gotmpl_libcrypto.EVP_PKEY_fromdata)
#define EVP_PKEY_fromdata_init (gotmpl_libcrypto.EVP_PKEY_fromdata_init)
#define EVP_PKEY_get_base_id (gotmpl_libcrypto.EVP_PKEY_get_base_id)
#define EVP_PKEY_get_bits (gotmpl_libcrypto.EVP_PKEY_get_bits)
#define EVP_PKEY_get_utf8_string_param (gotmpl_libcrypto.EVP_PKEY_get_utf8_string_param)
#define EVP_PKEY_keygen (gotmpl_libcrypto.EVP_PKEY_keygen)
#define EVP_PKEY_keygen_init (gotmpl_libcrypto.EVP_PKEY_keygen_init)
#define EVP_PKEY_paramgen (gotmpl_libcrypto.EVP_PKEY_paramgen)
#define EVP_PKEY_paramgen_init (gotmpl_libcrypto.EVP_PKEY_paramgen_init)
#define EVP_aes_256_cbc (gotmpl_libcrypto.EVP_aes_256_cbc)
#define EVP_sha1 (gotmpl_libcrypto.EVP_sha1)
#define EVP_sha256 (gotmpl_libcrypto.EVP_sha256)
#define EVP_sha384 (gotmpl_libcrypto.EVP_sha384)
#define EVP_sha512 (gotmpl_libcrypto.EVP_sha512)
#define GENERAL_NAMES_free (gotmpl_libcrypto.GENERAL_NAMES_free)
#define GENERAL_NAME_free (gotmpl_libcrypto.GENERAL_NAME_free)
#define GENERAL_NAME_get0_value (gotmpl_libcrypto.GENERAL_NAME_get0_value)
#define GENERAL_NAME_new (gotmpl_libcrypto.GENERAL_NAME_new)
#define GENERAL_NAME_set0_value (gotmpl_libcrypto.GENERAL_NAME_set0_value)
#define HMAC (gotmpl_libcrypto.HMAC)
#define OBJ_nid2obj (gotmpl_libcrypto.OBJ_nid2obj)
#define OPENSSL_sk_free (gotmpl_libcrypto.OPENSSL_sk_free)
#define OPENSSL_sk_new_null (gotmpl_libcrypto.OPENSSL_sk_new_null)
#define OPENSSL_sk_num (gotmpl_libcrypto.OPENSSL_sk_num)
#define OPENSSL_sk_push (gotmpl_libcrypto.OPENSSL_sk_push)
#define OPENSSL_sk_shift (gotmpl_libcrypto.OPENSSL_sk_shift)
#define OPENSSL_sk_value (gotmpl_libcrypto.OPENSSL_sk_value)
#define OSSL_PARAM_BLD_free (gotmpl_libcrypto.OSSL_PARAM_BLD_free)
#define OSSL_PARAM_BLD_new (gotmpl_libcrypto.OSSL_PARAM_BLD_new)
#define OSSL_PARAM_BLD_push_BN (gotmpl_libcrypto.OSSL_PARAM_BLD_push_BN)
#define OSSL_PARAM_BLD_to_param (gotmpl_libcrypto.OSSL_PARAM_BLD_to_param)
#define OSSL_PARAM_free (gotmpl_libcrypto.OSSL_PARAM_free)
#define PKCS8_PRIV_KEY_INFO_free (gotmpl_libcrypto.PKCS8_PRIV_KEY_INFO_free)
#define RAND_bytes (gotmpl_libcrypto.RAND_bytes)
#define X509_NAME_add_entry_by_NID (gotmpl_libcrypto.X509_NAME_add_entry_by_NID)
#define X509_NAME_cmp (gotmpl_libcrypto.X509_NAME_cmp)
#define X509_NAME_free (gotmpl_libcrypto.X509_NAME_free)
#define X509_NAME_new (gotmpl_libcrypto.X509_NAME_new)
#define X509_add1_ext_i2d (gotmpl_libcrypto.X509_add1_ext_i2d)
#define X509_free (gotmpl_libcrypto.X509_free)
#define X509_get0_pubkey (gotmpl_libcrypto.X509_get0_pubkey)
#define X509_get0_pubkey_bitstr (gotmpl_libcrypto.X509_get0_pubkey_bitstr)
#define X509_get0_subject_key_id (gotmpl_libcrypto.X509_get0_subject_key_id)
#define X509_get_issuer_name (gotmpl_libcrypto.X509_get_issuer_name)
#define X509_get_serialNumber (gotmpl_libcrypto.X509_get_serialNumber)
#define X509_get_subject_name (gotmpl_libcrypto.X509_get_subject_name)
#define X509_getm_notAfter (gotmpl_libcrypto.X509_getm_notAfter)
#define X509_getm_notBefore (gotmpl_libcrypto.X509_getm_notBefore)
#define X509_new (gotmpl_libcrypto.X509_new)
#define X509_set_issuer_name (gotmpl_libcrypto.X509_set_issuer_name)
#define X509_set_pubkey (gotmpl_libcrypto.X509_set_pubkey)
#define X509_set_subject_name (gotmpl_libcrypto.X509_set_subject_name)
#define X509_set_version (gotmpl_libcrypto.X509_set_version)
#define X509_sign (gotmpl_libcrypto.X509_sign)
#define d2i_PKCS8_PRIV_KEY_INFO (gotmpl_libcrypto.d2i_PKCS8_PRIV_KEY_INFO)
#define d2i_PrivateKey (gotmpl_libcrypto.d2i_PrivateKey)
#define d2i_X509 (gotmpl_libcrypto.d2i_X509)
#define i2d_PrivateKey (gotmpl_libcrypto.i2d_PrivateKey)
#define i2d_X509 (gotmpl_libcrypto.i2d_X509)
#endif

#endif
