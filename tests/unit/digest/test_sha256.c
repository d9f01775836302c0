/* test_sha256.c: SHA-256 (sha256.c) against the FIPS 180-4 examples and every padding boundary. */
#include <stdlib.h>

#include "check.h"
#include "sha256.h"

static void fips_examples(void)
{
    char hex[CELM_SHA256_HEX_SIZE];
    celm_sha256_hex("", 0, hex);
    CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    celm_sha256_hex("abc", 3, hex);
    CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    celm_sha256_hex(two_blocks, strlen(two_blocks), hex);
    CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void a_million_letters(void)
{
    char *text = malloc(1000000), hex[CELM_SHA256_HEX_SIZE];
    memset(text, 'a', 1000000);
    celm_sha256_hex(text, 1000000, hex);
    free(text);
    CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* 55, 56 and 64 bytes: the last length that fits one padded block, the first that does not, a full block. */
static void padding_boundaries(void)
{
    char text[64], hex[CELM_SHA256_HEX_SIZE];
    memset(text, 'a', sizeof text);
    celm_sha256_hex(text, 55, hex);
    CHECK_STR(hex, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    celm_sha256_hex(text, 56, hex);
    CHECK_STR(hex, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    celm_sha256_hex(text, 64, hex);
    CHECK_STR(hex, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

CHECK_CASES(CASE(fips_examples), CASE(a_million_letters), CASE(padding_boundaries))
