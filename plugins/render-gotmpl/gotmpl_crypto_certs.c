/* gotmpl_crypto_certs.c: Sprig's certificates: the {Cert, Key} objects, and X.509 certificates laid out
 * as Go's x509.CreateCertificate lays out Sprig's template (extensions, key ids, names, times). */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gotmpl_crypto.h"
#include "gotmpl_fmt.h"
#include "gotmpl_funcs_b.h"
#include "gotmpl_libcrypto.h"
#include "gotmpl_unicode.h"

/* --- the certificate object -------------------------------------------------------------------------- */
typedef struct certificate_data {
    celm_string cert, key;
} certificate_data;

static int certificate_field(gotmpl_runtime *runtime, const gotmpl_object *object, const char *name, size_t len,
                             gotmpl_value *out)
{
    (void)runtime;
    const certificate_data *data = object->data;
    if (len == 4 && memcmp(name, "Cert", 4) == 0)
        *out = gotmpl_string(data->cert.data, data->cert.len);
    else if (len == 3 && memcmp(name, "Key", 3) == 0)
        *out = gotmpl_string(data->key.data, data->key.len);
    else
        return 0;
    return 1;
}

static const gotmpl_func *certificate_method(const gotmpl_object *object, const char *name, size_t len)
{
    (void)object, (void)name, (void)len;
    return NULL;
}

/* fmt's %v of a struct: {field field}. */
static void certificate_format(gotmpl_runtime *runtime, const gotmpl_object *object, celm_string *out)
{
    const certificate_data *data = object->data;
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, runtime);
    gotmpl_buffer_putc(&buffer, '{');
    gotmpl_buffer_put(&buffer, data->cert.data, data->cert.len);
    gotmpl_buffer_putc(&buffer, ' ');
    gotmpl_buffer_put(&buffer, data->key.data, data->key.len);
    gotmpl_buffer_putc(&buffer, '}');
    *out = (celm_string){"", 0};
    gotmpl_buffer_finish(&buffer, out);
}

static celm_value *certificate_plain(gotmpl_runtime *runtime, const gotmpl_object *object)
{
    const certificate_data *data = object->data;
    const celm_host *host = gotmpl_runtime_host(runtime);
    celm_arena *arena = gotmpl_runtime_arena(runtime);
    celm_value *map = host->value_map(arena, 2);
    celm_value *cert = host->value_string(arena, data->cert.data, data->cert.len);
    celm_value *key = host->value_string(arena, data->key.data, data->key.len);
    if (!map || !cert || !key || host->map_set(arena, map, "Cert", 4, cert) != CELM_OK ||
        host->map_set(arena, map, "Key", 3, key) != CELM_OK)
        return NULL;
    return map;
}

static const gotmpl_class certificate_class = {"sprig.certificate", certificate_field, certificate_method,
                                               certificate_format, certificate_plain};

gotmpl_value gotmpl_certificate_new(gotmpl_runtime *runtime, const celm_string *cert, const celm_string *key)
{
    const celm_host *host = gotmpl_runtime_host(runtime);
    celm_arena *arena = gotmpl_runtime_arena(runtime);
    certificate_data *data = host->arena_alloc(arena, sizeof *data);
    gotmpl_object *object = host->arena_alloc(arena, sizeof *object);
    if (!data || !object)
        return gotmpl_invalid();
    data->cert = *cert;
    data->key = *key;
    object->class_ = &certificate_class;
    object->data = data;
    return gotmpl_object_value(object);
}

static const certificate_data *certificate_of(const gotmpl_value *value)
{
    if (value && value->type == GT_OBJECT && value->as.object->class_ == &certificate_class)
        return value->as.object->data;
    return NULL;
}

/* x509.ParseCertificate's verdict on DER OpenSSL could not read (or read with bytes left over): Go's
 * first complaints, from the outer structure inwards; NULL when it parses. */
static const char *certificate_problem(const unsigned char *der, size_t len, X509 **out)
{
    const unsigned char *p = der;
    *out = d2i_X509(NULL, &p, (long)len);
    if (*out && p == der + len)
        return NULL;
    if (*out)
        return "x509: trailing data";
    p = der;
    long body, inner;
    int tag, class_;
    if (ASN1_get_object(&p, &body, &tag, &class_, (long)len) & 0x80 || tag != V_ASN1_SEQUENCE)
        return "x509: malformed certificate";
    if (ASN1_get_object(&p, &inner, &tag, &class_, body) & 0x80 || tag != V_ASN1_SEQUENCE || class_ != V_ASN1_UNIVERSAL)
        return "x509: malformed tbs certificate";
    return "x509: malformed certificate";
}

/* --- the template's parts ----------------------------------------------------------------------------- */
/* Go's asn1 string choice for a name: PrintableString when every byte allows it, else UTF8String. */
static int printable_string(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("'()+,-./:=? ", c)))
            return 0;
    }
    return 1;
}

static X509_NAME *common_name(const celm_string *text)
{
    X509_NAME *name = X509_NAME_new();
    int type = printable_string(text->data, text->len) ? V_ASN1_PRINTABLESTRING : V_ASN1_UTF8STRING;
    if (name && text->len &&
        !X509_NAME_add_entry_by_NID(name, NID_commonName, type, (const unsigned char *)text->data, (int)text->len,
                                    -1, 0)) {
        X509_NAME_free(name);
        return NULL;
    }
    return name;
}

/* net.ParseIP, then To4 when it is an IPv4 (or IPv4-mapped) address: 4 or 16 bytes, 0 when invalid. */
static int parse_ip(const char *data, size_t len, unsigned char out[16])
{
    char text[64];
    if (len >= sizeof text || memchr(data, 0, len))
        return 0;
    memcpy(text, data, len);
    text[len] = 0;
    if (inet_pton(AF_INET, text, out) == 1)
        return 4;
    if (!strchr(text, ':') || inet_pton(AF_INET6, text, out) != 1)
        return 0;
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (memcmp(out, mapped, 12) == 0) {
        memmove(out, out + 12, 4);
        return 4;
    }
    return 16;
}

/* The certificate being made: keys, parent, names. */
typedef struct cert_plan {
    gotmpl_call *call;
    const gotmpl_cert_request *request;
    gotmpl_private_key *signee;         /* the new certificate's key */
    gotmpl_private_key *signer_key;     /* the CA's key when signed by one, else NULL */
    X509 *parent;                       /* the CA's certificate when signed by one */
    GENERAL_NAMES *alt_names;
} cert_plan;

static void plan_free(cert_plan *plan)
{
    gotmpl_key_free(plan->signee);
    gotmpl_key_free(plan->signer_key);
    X509_free(plan->parent);
    GENERAL_NAMES_free(plan->alt_names);
}

static int not_a_string(gotmpl_call *call, const char *prefix, const gotmpl_value *value)
{
    celm_string text = {"", 0};
    gotmpl_fmt_value(gotmpl_call_runtime(call), value, &text);
    return gotmpl_call_error(call, "%s%s is not a string", prefix, text.data);
}

static int add_name(GENERAL_NAMES *names, int type, const unsigned char *bytes, int len)
{
    GENERAL_NAME *name = GENERAL_NAME_new();
    ASN1_STRING *value = type == GEN_IPADD ? ASN1_OCTET_STRING_new() : ASN1_IA5STRING_new();
    if (!name || !value || !ASN1_STRING_set(value, bytes, len)) {
        GENERAL_NAME_free(name);
        ASN1_STRING_free(value);
        return 0;
    }
    GENERAL_NAME_set0_value(name, type, value);
    return sk_GENERAL_NAME_push(names, name) > 0;
}

/* getNetIPs and getAlternateDNSStrs; the names are kept as marshalSANs orders them. */
static int read_alt_names(cert_plan *plan, GENERAL_NAMES *ips)
{
    gotmpl_runtime *runtime = gotmpl_call_runtime(plan->call);
    const gotmpl_value *lists[2] = {plan->request->ips, plan->request->dns_names};
    for (int which = 0; which < 2; which++) {
        if (!lists[which] || lists[which]->type != GT_LIST)
            continue;
        gotmpl_list *list = lists[which]->as.list;
        for (size_t i = 0; i < gotmpl_list_len(list); i++) {
            gotmpl_value item = gotmpl_list_get(runtime, list, i);
            if (item.type != GT_STRING)
                return not_a_string(plan->call, which ? "error processing alternate dns name: " : "error parsing ip: ",
                                    &item);
            unsigned char address[16];
            int len = which ? (int)item.as.string.len : parse_ip(item.as.string.data, item.as.string.len, address);
            if (!which && len == 0)
                return gotmpl_call_error(plan->call, "error parsing ip: %.*s", (int)item.as.string.len,
                                         item.as.string.data);
            int added = which ? add_name(plan->alt_names, GEN_DNS, (const unsigned char *)item.as.string.data, len)
                              : add_name(ips, GEN_IPADD, address, len);
            if (!added)
                return CELM_ENOMEM;
        }
    }
    /* DNS names first, then IP addresses (marshalSANs). */
    while (sk_GENERAL_NAME_num(ips) > 0)
        if (sk_GENERAL_NAME_push(plan->alt_names, sk_GENERAL_NAME_shift(ips)) <= 0)
            return CELM_ENOMEM;
    return CELM_OK;
}

static int load_signer(cert_plan *plan)
{
    gotmpl_runtime *runtime = gotmpl_call_runtime(plan->call);
    const gotmpl_value *signer = plan->request->signer;
    const certificate_data *ca = certificate_of(signer);
    char *type;
    unsigned char *der;
    size_t der_len;
    if (!ca || !gotmpl_pem_decode(ca->cert.data, ca->cert.len, &type, &der, &der_len))
        return gotmpl_call_error(plan->call, "unable to decode certificate");
    const char *problem_text = certificate_problem(der, der_len, &plan->parent);
    free(type);
    free(der);
    if (problem_text)
        return gotmpl_call_error(plan->call, "error parsing certificate: decodedSignerCert.Bytes: %s", problem_text);
    celm_string problem;
    plan->signer_key = gotmpl_key_parse_pem(runtime, ca->key.data, ca->key.len, &problem);
    if (!plan->signer_key)
        return gotmpl_call_error(plan->call, "error parsing private key: %s", problem.data);
    return CELM_OK;
}

static EVP_PKEY *signing_key(const cert_plan *plan)
{
    return gotmpl_key_evp(plan->signer_key ? plan->signer_key : plan->signee);
}

/* x509.CreateCertificate's refusals, in its order; NULL when it would go ahead. */
static const char *refusal(const cert_plan *plan, char *scratch, size_t size)
{
    int signer = EVP_PKEY_get_base_id(signing_key(plan)), signee = EVP_PKEY_get_base_id(gotmpl_key_evp(plan->signee));
    if (signer == EVP_PKEY_DSA || signer == EVP_PKEY_X25519)
        return "x509: certificate private key does not implement crypto.Signer";
    if (signee == EVP_PKEY_DSA)
        return "x509: unsupported public key type: *dsa.PublicKey";
    if (signee == EVP_PKEY_X25519)
        return "x509: unsupported public key type: *ecdh.PublicKey";
    const celm_string *cn = plan->request->common_name;
    if (!printable_string(cn->data, cn->len) && !celm_gotmpl_utf8_valid(cn->data, cn->len))
        return "asn1: string not valid UTF-8";
    if (plan->parent && EVP_PKEY_eq(X509_get0_pubkey(plan->parent), signing_key(plan)) != 1)
        return "x509: provided PrivateKey doesn't match parent's PublicKey";
    for (int i = 0; i < sk_GENERAL_NAME_num(plan->alt_names); i++) {
        int type;
        const ASN1_STRING *value = GENERAL_NAME_get0_value(sk_GENERAL_NAME_value(plan->alt_names, i), &type);
        const unsigned char *bytes = ASN1_STRING_get0_data(value);
        for (int k = 0; type == GEN_DNS && k < ASN1_STRING_length(value); k++)
            if (bytes[k] >= 0x80) {
                gotmpl_runtime *runtime = gotmpl_call_runtime(plan->call);
                celm_string quoted = gotmpl_go_quote(runtime, (const char *)bytes, (size_t)ASN1_STRING_length(value));
                snprintf(scratch, size, "x509: %s cannot be encoded as an IA5String", quoted.data);
                return scratch;
            }
    }
    return NULL;
}

static const EVP_MD *signature_digest(EVP_PKEY *signer)
{
    switch (EVP_PKEY_get_base_id(signer)) {
    case EVP_PKEY_ED25519: return NULL;
    case EVP_PKEY_EC:
        if (EVP_PKEY_get_bits(signer) > 384)
            return EVP_sha512();
        return EVP_PKEY_get_bits(signer) > 256 ? EVP_sha384() : EVP_sha256();
    default: return EVP_sha256();
    }
}

/* Key usage bits in X.509's order: digitalSignature(0), keyEncipherment(2), keyCertSign(5). */
static int add_key_usage(X509 *x, int is_ca)
{
    ASN1_BIT_STRING *usage = ASN1_BIT_STRING_new();
    int ok = usage && ASN1_BIT_STRING_set_bit(usage, 0, 1) && ASN1_BIT_STRING_set_bit(usage, 2, 1) &&
             (!is_ca || ASN1_BIT_STRING_set_bit(usage, 5, 1)) && X509_add1_ext_i2d(x, NID_key_usage, usage, 1, 0);
    ASN1_BIT_STRING_free(usage);
    return ok;
}

static int add_ext_key_usage(X509 *x)
{
    EXTENDED_KEY_USAGE *usage = sk_ASN1_OBJECT_new_null();
    int ok = usage && sk_ASN1_OBJECT_push(usage, OBJ_nid2obj(NID_server_auth)) > 0 &&
             sk_ASN1_OBJECT_push(usage, OBJ_nid2obj(NID_client_auth)) > 0 &&
             X509_add1_ext_i2d(x, NID_ext_key_usage, usage, 0, 0);
    sk_ASN1_OBJECT_free(usage);
    return ok;
}

static int add_basic_constraints(X509 *x, int is_ca)
{
    BASIC_CONSTRAINTS *constraints = BASIC_CONSTRAINTS_new();
    int ok = constraints != NULL;
    if (ok)
        constraints->ca = is_ca ? 0xFF : 0;
    ok = ok && X509_add1_ext_i2d(x, NID_basic_constraints, constraints, 1, 0);
    BASIC_CONSTRAINTS_free(constraints);
    return ok;
}

/* Go 1.26's subject key id for CAs: the first 20 bytes of SHA-256 over the public key bits. */
static int add_key_ids(X509 *x, const cert_plan *plan)
{
    int ok = 1;
    if (plan->request->is_ca) {
        const ASN1_BIT_STRING *bits = X509_get0_pubkey_bitstr(x);
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int len;
        ASN1_OCTET_STRING *id = ASN1_OCTET_STRING_new();
        ok = bits && id && EVP_Digest(bits->data, (size_t)bits->length, digest, &len, EVP_sha256(), NULL) &&
             ASN1_OCTET_STRING_set(id, digest, 20) && X509_add1_ext_i2d(x, NID_subject_key_identifier, id, 0, 0);
        ASN1_OCTET_STRING_free(id);
    }
    const ASN1_OCTET_STRING *parent_id = plan->parent ? X509_get0_subject_key_id(plan->parent) : NULL;
    if (ok && parent_id && X509_NAME_cmp(X509_get_issuer_name(x), X509_get_subject_name(x)) != 0) {
        AUTHORITY_KEYID *authority = AUTHORITY_KEYID_new();
        ok = authority && (authority->keyid = ASN1_OCTET_STRING_dup(parent_id)) &&
             X509_add1_ext_i2d(x, NID_authority_key_identifier, authority, 0, 0);
        AUTHORITY_KEYID_free(authority);
    }
    return ok;
}

/* NotBefore now, NotAfter now + 24h * days with Go's wrapping Duration arithmetic. */
static int set_validity(X509 *x, int64_t days)
{
    time_t now = time(NULL);
    int64_t duration = (int64_t)((uint64_t)days * UINT64_C(86400000000000));
    time_t until = (time_t)((int64_t)now + duration / 1000000000);
    return ASN1_TIME_set(X509_getm_notBefore(x), now) && ASN1_TIME_set(X509_getm_notAfter(x), until);
}

static int set_serial(X509 *x)
{
    BIGNUM *serial = BN_new();
    int ok = serial && BN_rand(serial, 128, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) &&
             BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(x)) != NULL;
    BN_free(serial);
    return ok;
}

static X509 *build_certificate(const cert_plan *plan)
{
    X509 *x = X509_new();
    X509_NAME *subject = common_name(plan->request->common_name);
    int ok = x && subject && X509_set_version(x, 2) && set_serial(x) && X509_set_subject_name(x, subject) &&
             X509_set_issuer_name(x, plan->parent ? X509_get_subject_name(plan->parent) : subject) &&
             set_validity(x, plan->request->days_valid) && X509_set_pubkey(x, gotmpl_key_evp(plan->signee)) &&
             add_key_usage(x, plan->request->is_ca) && add_ext_key_usage(x) &&
             add_basic_constraints(x, plan->request->is_ca) && add_key_ids(x, plan);
    if (ok && sk_GENERAL_NAME_num(plan->alt_names) > 0)
        ok = X509_add1_ext_i2d(x, NID_subject_alt_name, plan->alt_names, plan->request->common_name->len == 0, 0);
    ok = ok && X509_sign(x, signing_key(plan), signature_digest(signing_key(plan))) > 0;
    X509_NAME_free(subject);
    if (!ok) {
        X509_free(x);
        return NULL;
    }
    return x;
}

static int certificate_result(cert_plan *plan, X509 *x, gotmpl_value *out)
{
    gotmpl_runtime *runtime = gotmpl_call_runtime(plan->call);
    gotmpl_buffer cert, key;
    gotmpl_buffer_init(&cert, runtime);
    gotmpl_buffer_init(&key, runtime);
    unsigned char *der = NULL;
    int len = i2d_X509(x, &der);
    if (len <= 0 || gotmpl_key_pem(&key, plan->signee) != CELM_OK)
        return gotmpl_call_error(plan->call, "error pem-encoding certificate: encoding failed");
    gotmpl_pem_encode(&cert, "CERTIFICATE", der, (size_t)len);
    OPENSSL_free(der);
    celm_string cert_text, key_text;
    if (gotmpl_buffer_finish(&cert, &cert_text) != CELM_OK || gotmpl_buffer_finish(&key, &key_text) != CELM_OK)
        return CELM_ENOMEM;
    *out = gotmpl_certificate_new(runtime, &cert_text, &key_text);
    return out->type == GT_OBJECT ? CELM_OK : CELM_ENOMEM;
}

static int signee_key(cert_plan *plan)
{
    const celm_string *pem = plan->request->key_pem;
    if (!pem) {
        plan->signee = gotmpl_key_generate("rsa", 2048);
        return plan->signee ? CELM_OK
                            : gotmpl_call_error(plan->call, "error generating rsa key: key generation failed");
    }
    celm_string problem;
    plan->signee = gotmpl_key_parse_pem(gotmpl_call_runtime(plan->call), pem->data, pem->len, &problem);
    return plan->signee ? CELM_OK : gotmpl_call_error(plan->call, "parsing private key: %s", problem.data);
}

int gotmpl_cert_generate(gotmpl_call *call, const gotmpl_cert_request *request, gotmpl_value *out)
{
    cert_plan plan = {call, request, NULL, NULL, NULL, sk_GENERAL_NAME_new_null()};
    GENERAL_NAMES *ips = sk_GENERAL_NAME_new_null();
    *out = gotmpl_certificate_new(gotmpl_call_runtime(call), &(celm_string){"", 0}, &(celm_string){"", 0});
    int status = plan.alt_names && ips ? signee_key(&plan) : CELM_ENOMEM;
    if (status == CELM_OK && request->signer)
        status = load_signer(&plan);
    if (status == CELM_OK)
        status = read_alt_names(&plan, ips);
    char scratch[1024];
    const char *problem = status == CELM_OK ? refusal(&plan, scratch, sizeof scratch) : NULL;
    if (problem)
        status = gotmpl_call_error(call, "error creating certificate: %s", problem);
    if (status == CELM_OK) {
        X509 *x = build_certificate(&plan);
        status = x ? certificate_result(&plan, x, out)
                   : gotmpl_call_error(call, "error creating certificate: x509: signing failed");
        X509_free(x);
    }
    GENERAL_NAMES_free(ips);
    plan_free(&plan);
    return status;
}

/* Base64 text decoded the way Go's StdEncoding.DecodeString does; NULL when it fails. */
static celm_string *decode_base64(gotmpl_runtime *runtime, const celm_string *text, celm_string *out)
{
    const celm_host *host = gotmpl_runtime_host(runtime);
    unsigned char *bytes = host->arena_alloc(gotmpl_runtime_arena(runtime), text->len / 4 * 3 + 4);
    size_t bad_at;
    long len = bytes ? gotmpl_base64_decode(text->data, text->len, bytes, &bad_at) : -1;
    if (len < 0)
        return NULL;
    bytes[len] = '\0';
    out->data = (const char *)bytes;
    out->len = (size_t)len;
    return out;
}

int gotmpl_cert_build_custom(gotmpl_call *call, const celm_string *cert_base64, const celm_string *key_base64,
                             gotmpl_value *out)
{
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    celm_string cert, key, problem;
    *out = gotmpl_certificate_new(runtime, &(celm_string){"", 0}, &(celm_string){"", 0});
    if (!decode_base64(runtime, cert_base64, &cert))
        return gotmpl_call_error(call, "unable to decode base64 certificate");
    if (!decode_base64(runtime, key_base64, &key))
        return gotmpl_call_error(call, "unable to decode base64 private key");
    char *type;
    unsigned char *der;
    size_t der_len;
    if (!gotmpl_pem_decode(cert.data, cert.len, &type, &der, &der_len))
        return gotmpl_call_error(call, "unable to decode certificate");
    X509 *parsed;
    const char *cert_problem = certificate_problem(der, der_len, &parsed);
    X509_free(parsed);
    free(type);
    free(der);
    if (cert_problem)
        return gotmpl_call_error(call, "error parsing certificate: decodedCert.Bytes: %s", cert_problem);
    gotmpl_private_key *private_key = gotmpl_key_parse_pem(runtime, key.data, key.len, &problem);
    if (!private_key)
        return gotmpl_call_error(call, "error parsing private key: %s", problem.data);
    gotmpl_key_free(private_key);
    *out = gotmpl_certificate_new(runtime, &cert, &key);
    return out->type == GT_OBJECT ? CELM_OK : CELM_ENOMEM;
}
