/* test_emit_certs.c: `render_sprig_b --emit-certs FILE` writes keys and certificates celm generates for
 * a fixed list of requests, one per line (NAME and Go-quoted PEM texts, tab-separated), for
 * gohelm/main.go --compare-certs to set beside what Sprig makes of the same requests in Go. */
#include <stdio.h>
#include <string.h>

#include "case_eval.h"
#include "celm/celm.h"
#include "gotmpl_funcs_b.h"
#include "test_sprig_b.h"

typedef struct emitter {
    gotmpl_runtime *runtime;
    FILE *out;
    int failed;
    gotmpl_value ca;            /* the certificate authority the signed requests use */
} emitter;

static gotmpl_value run(emitter *e, const char *name, const gotmpl_value *args, size_t count)
{
    gotmpl_value out = gotmpl_nil();
    celm_string message;
    int panicked;
    if (case_call(e->runtime, name, args, count, &out, &message, &panicked) != 0) {
        fprintf(stderr, "%s failed: %s\n", name, message.data ? message.data : "");
        e->failed = 1;
    }
    return out;
}

static void put_quoted(emitter *e, celm_string text)
{
    celm_string quoted = gotmpl_go_quote(e->runtime, text.data, text.len);
    fprintf(e->out, "\t%s", quoted.data);
}

static celm_string field(emitter *e, const gotmpl_value *object, const char *name)
{
    gotmpl_value value = gotmpl_string("", 0);
    if (object->type == GT_OBJECT)
        object->as.object->class_->field(e->runtime, object->as.object, name, strlen(name), &value);
    return value.as.string;
}

/* One line: NAME, the certificate, its key, and for signed ones the CA's certificate and key. */
static void emit_certificate(emitter *e, const char *label, const gotmpl_value *cert, int signed_by_ca)
{
    fputs(label, e->out);
    put_quoted(e, field(e, cert, "Cert"));
    put_quoted(e, field(e, cert, "Key"));
    if (signed_by_ca) {
        put_quoted(e, field(e, &e->ca, "Cert"));
        put_quoted(e, field(e, &e->ca, "Key"));
    }
    fputc('\n', e->out);
}

static gotmpl_value text(const char *value)
{
    return gotmpl_string(value, strlen(value));
}

static gotmpl_value list_of(emitter *e, const char *first, const char *second)
{
    gotmpl_value list = gotmpl_list_new(e->runtime, GT_LIST, 2);
    if (first)
        gotmpl_list_append(e->runtime, list.as.list, text(first));
    if (second)
        gotmpl_list_append(e->runtime, list.as.list, text(second));
    return list;
}

static void emit_keys(emitter *e)
{
    static const char *const types[] = {"rsa", "ecdsa", "ed25519", "dsa"};
    for (size_t i = 0; i < 4; i++) {
        gotmpl_value type = text(types[i]);
        gotmpl_value pem = run(e, "genPrivateKey", &type, 1);
        fprintf(e->out, "key_%s", types[i]);
        put_quoted(e, pem.as.string);
        fputc('\n', e->out);
    }
}

static void emit_authorities(emitter *e)
{
    gotmpl_value ca_args[2] = {text("celm-ca"), gotmpl_int(GT_INT, 365)};
    e->ca = run(e, "genCA", ca_args, 2);
    emit_certificate(e, "ca", &e->ca, 0);
    gotmpl_value unnamed[2] = {text(""), gotmpl_int(GT_INT, 1)};
    gotmpl_value unnamed_ca = run(e, "genCA", unnamed, 2);
    emit_certificate(e, "ca_unnamed", &unnamed_ca, 0);
    gotmpl_value starred[2] = {text("*.example & co"), gotmpl_int(GT_INT, 2)};
    gotmpl_value starred_ca = run(e, "genCA", starred, 2);
    emit_certificate(e, "ca_starred", &starred_ca, 0);
    static const char *const types[] = {"ecdsa", "ed25519"};
    for (size_t i = 0; i < 2; i++) {
        gotmpl_value type = text(types[i]);
        gotmpl_value key = run(e, "genPrivateKey", &type, 1);
        gotmpl_value args[3] = {text("keyed"), gotmpl_int(GT_INT, 7), key};
        gotmpl_value keyed = run(e, "genCAWithKey", args, 3);
        emit_certificate(e, i == 0 ? "ca_ecdsa" : "ca_ed25519", &keyed, 0);
    }
}

static void emit_leaves(emitter *e)
{
    gotmpl_value self_args[4] = {text("host"), list_of(e, "10.0.0.1", "::1"), list_of(e, "a.example", "b.example"),
                                 gotmpl_int(GT_INT, 30)};
    gotmpl_value self = run(e, "genSelfSignedCert", self_args, 4);
    emit_certificate(e, "self", &self, 0);
    gotmpl_value bare_args[4] = {text(""), gotmpl_nil(), list_of(e, "only.example", NULL), gotmpl_int(GT_INT, 5)};
    gotmpl_value bare = run(e, "genSelfSignedCert", bare_args, 4);
    emit_certificate(e, "self_unnamed", &bare, 0);
    gotmpl_value signed_args[5] = {text("leaf"), list_of(e, "192.168.1.1", NULL), list_of(e, "leaf.example", NULL),
                                   gotmpl_int(GT_INT, 10), e->ca};
    gotmpl_value leaf = run(e, "genSignedCert", signed_args, 5);
    emit_certificate(e, "signed", &leaf, 1);
    gotmpl_value same_args[5] = {text("celm-ca"), gotmpl_nil(), gotmpl_nil(), gotmpl_int(GT_INT, 3), e->ca};
    gotmpl_value same = run(e, "genSignedCert", same_args, 5);
    emit_certificate(e, "signed_same_name", &same, 1);
    gotmpl_value type = text("ecdsa");
    gotmpl_value key = run(e, "genPrivateKey", &type, 1);
    gotmpl_value keyed_args[6] = {text("keyed-leaf"), gotmpl_nil(), list_of(e, "k.example", NULL),
                                  gotmpl_int(GT_INT, 4), e->ca, key};
    gotmpl_value keyed = run(e, "genSignedCertWithKey", keyed_args, 6);
    emit_certificate(e, "signed_ecdsa", &keyed, 1);
}

int emit_certificates(const char *path)
{
    emitter e;
    memset(&e, 0, sizeof e);
    celm_arena *arena = celm_arena_create();
    gotmpl_runtime_create(celm_host_table(), arena, &e.runtime);
    e.out = fopen(path, "w");
    if (!e.out) {
        perror(path);
        celm_arena_destroy(arena);
        return 2;
    }
    emit_keys(&e);
    emit_authorities(&e);
    emit_leaves(&e);
    fclose(e.out);
    celm_arena_destroy(arena);
    return e.failed ? 1 : 0;
}
