/* gotmpl_crypto.h: the cryptography behind Sprig's crypto functions: bcrypt, private keys in Go's
 * PEM forms, and X.509 certificates as Go's crypto/x509 makes them (OpenSSL underneath). */
#ifndef CELM_GOTMPL_CRYPTO_H
#define CELM_GOTMPL_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include "gotmpl_exec_buffer.h"
#include "gotmpl_func.h"
#include "gotmpl_value.h"

/* --- bcrypt (gotmpl_crypto_bcrypt.c) --------------------------------------------------------------- */
#define GOTMPL_BCRYPT_SALT_BYTES 16
/* golang.org/x/crypto/bcrypt's hash of password with the given cost (4..31) and salt, version 2a:
 * "$2a$10$" + 22 salt characters + 31 hash characters. */
int gotmpl_bcrypt_hash(gotmpl_runtime *runtime, const char *password, size_t len, int cost,
                       const unsigned char salt[GOTMPL_BCRYPT_SALT_BYTES], celm_string *out);
/* 1 when hash (a $2a$/$2b$/$2y$ hash) is the bcrypt of password, else 0. */
int gotmpl_bcrypt_check(gotmpl_runtime *runtime, const char *password, size_t len, const char *hash, size_t hash_len);

/* --- private keys (gotmpl_crypto_keys.c) ----------------------------------------------------------- */
typedef struct gotmpl_private_key gotmpl_private_key;   /* an EVP_PKEY, freed with the key */

/* A fresh key like Go's rsa.GenerateKey(4096 or 2048), dsa L2048N256, ecdsa P-256 or ed25519.
 * NULL when OpenSSL fails. */
gotmpl_private_key *gotmpl_key_generate(const char *type, int rsa_bits);
void gotmpl_key_free(gotmpl_private_key *key);
/* Go's rsa.GenerateKey(bits) (gotmpl_crypto_rsa.c): an EVP_PKEY *, NULL when OpenSSL fails. */
void *gotmpl_rsa_generate(int bits);
/* Sprig's pemBlockForKey: the key PEM-encoded as Go encodes it (RSA PRIVATE KEY, EC PRIVATE KEY,
 * DSA PRIVATE KEY, or PKCS #8 PRIVATE KEY for ed25519). */
int gotmpl_key_pem(gotmpl_buffer *out, const gotmpl_private_key *key);
/* Sprig's parsePrivateKeyPEM. NULL with Go's error text in *error_text (arena) when it fails. */
gotmpl_private_key *gotmpl_key_parse_pem(gotmpl_runtime *runtime, const char *pem, size_t len,
                                         celm_string *error_text);
/* Go's %T of the key (e.g. "*rsa.PrivateKey"), for error texts. */
const char *gotmpl_key_go_type(const gotmpl_private_key *key);
/* The OpenSSL key (EVP_PKEY *) inside. */
void *gotmpl_key_evp(const gotmpl_private_key *key);

/* --- PEM (gotmpl_crypto_keys.c) ------------------------------------------------------------------------- */
/* pem.Encode of one block with no headers. */
void gotmpl_pem_encode(gotmpl_buffer *out, const char *type, const unsigned char *der, size_t len);
/* pem.Decode: the first block of text; 1 and its type and bytes (malloc'd, free with free()). */
int gotmpl_pem_decode(const char *text, size_t len, char **type, unsigned char **der, size_t *der_len);

/* --- certificates (gotmpl_crypto_certs.c) ------------------------------------------------------------- */
/* Sprig's genCA, genSelfSignedCert and genSignedCert and their WithKey forms, and buildCustomCert;
 * each fills *out with a certificate object or fails the call with Go's error text. */
typedef struct gotmpl_cert_request {
    const celm_string *common_name;
    const gotmpl_value *ips;            /* []interface{} (or nil) */
    const gotmpl_value *dns_names;      /* []interface{} (or nil) */
    int64_t days_valid;
    int is_ca;
    const gotmpl_value *signer;         /* a certificate object for genSignedCert, else NULL */
    const celm_string *key_pem;         /* the WithKey forms' PEM key, else NULL (a new RSA key) */
} gotmpl_cert_request;

int gotmpl_cert_generate(gotmpl_call *call, const gotmpl_cert_request *request, gotmpl_value *out);
int gotmpl_cert_build_custom(gotmpl_call *call, const celm_string *cert_base64, const celm_string *key_base64,
                             gotmpl_value *out);

#endif
