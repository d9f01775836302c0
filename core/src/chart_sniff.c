/* chart_sniff.c: Go's http.DetectContentType, which names what a non-gzip "chart archive" holds. */
#include <string.h>

#include "chart_internal.h"

#define SNIFF_LENGTH 512

/* The tag names WHATWG's sniffing treats as HTML when followed by a space or '>'. */
static const char *const html_tags[] = {
    "<!DOCTYPE HTML", "<HTML", "<HEAD", "<SCRIPT", "<IFRAME", "<H1", "<DIV", "<FONT", "<TABLE",
    "<A", "<STYLE", "<TITLE", "<B", "<BODY", "<BR", "<P", "<!--",
};

/* A pattern compared under a mask at offset 0 (or after leading white space). */
typedef struct masked_signature {
    const char *pattern;
    const char *mask;       /* NULL: every byte must be equal */
    size_t len;
    int skip_space;
    const char *type;
} masked_signature;

#define EXACT(p, t) {p, NULL, sizeof p - 1, 0, t}
#define MASKED(p, m, t) {p, m, sizeof p - 1, 0, t}

/* In Go's order, between the HTML tags and the mp4 check. */
static const masked_signature early_signatures[] = {
    {"<?xml", "\xFF\xFF\xFF\xFF\xFF", 5, 1, "text/xml; charset=utf-8"},
    EXACT("%PDF-", "application/pdf"),
    EXACT("%!PS-Adobe-", "application/postscript"),
    MASKED("\xFE\xFF\x00\x00", "\xFF\xFF\x00\x00", "text/plain; charset=utf-16be"),
    MASKED("\xFF\xFE\x00\x00", "\xFF\xFF\x00\x00", "text/plain; charset=utf-16le"),
    MASKED("\xEF\xBB\xBF\x00", "\xFF\xFF\xFF\x00", "text/plain; charset=utf-8"),
    EXACT("\x00\x00\x01\x00", "image/x-icon"),
    EXACT("\x00\x00\x02\x00", "image/x-icon"),
    EXACT("BM", "image/bmp"),
    EXACT("GIF87a", "image/gif"),
    EXACT("GIF89a", "image/gif"),
    MASKED("RIFF\x00\x00\x00\x00WEBPVP", "\xFF\xFF\xFF\xFF\x00\x00\x00\x00\xFF\xFF\xFF\xFF\xFF\xFF",
           "image/webp"),
    EXACT("\x89PNG\x0D\x0A\x1A\x0A", "image/png"),
    EXACT("\xFF\xD8\xFF", "image/jpeg"),
    MASKED("FORM\x00\x00\x00\x00" "AIFF", "\xFF\xFF\xFF\xFF\x00\x00\x00\x00\xFF\xFF\xFF\xFF",
           "audio/aiff"),
    EXACT("ID3", "audio/mpeg"),
    EXACT("OggS\x00", "application/ogg"),
    EXACT("MThd\x00\x00\x00\x06", "audio/midi"),
    MASKED("RIFF\x00\x00\x00\x00" "AVI ", "\xFF\xFF\xFF\xFF\x00\x00\x00\x00\xFF\xFF\xFF\xFF",
           "video/avi"),
    MASKED("RIFF\x00\x00\x00\x00WAVE", "\xFF\xFF\xFF\xFF\x00\x00\x00\x00\xFF\xFF\xFF\xFF",
           "audio/wave"),
};

/* After the mp4 check, before the text check. */
static const masked_signature late_signatures[] = {
    EXACT("\x1A\x45\xDF\xA3", "video/webm"),
    {"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
     "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00LP",
     "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
     "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xFF\xFF",
     36, 0, "application/vnd.ms-fontobject"},
    EXACT("\x00\x01\x00\x00", "font/ttf"),
    EXACT("OTTO", "font/otf"),
    EXACT("ttcf", "font/collection"),
    EXACT("wOFF", "font/woff"),
    EXACT("wOF2", "font/woff2"),
    EXACT("\x1F\x8B\x08", "application/x-gzip"),
    EXACT("PK\x03\x04", "application/zip"),
    EXACT("Rar!\x1A\x07\x00", "application/x-rar-compressed"),
    EXACT("Rar!\x1A\x07\x01\x00", "application/x-rar-compressed"),
    EXACT("\x00\x61\x73\x6D", "application/wasm"),
};

static int is_sniff_space(unsigned char c)
{
    return c == '\t' || c == '\n' || c == '\x0c' || c == '\r' || c == ' ';
}

static int html_matches(const unsigned char *data, size_t len, const char *tag)
{
    size_t tag_len = strlen(tag);
    if (len < tag_len + 1)
        return 0;
    for (size_t i = 0; i < tag_len; i++) {
        unsigned char c = data[i];
        if (tag[i] >= 'A' && tag[i] <= 'Z')
            c &= 0xDF;
        if (c != (unsigned char)tag[i])
            return 0;
    }
    return data[tag_len] == ' ' || data[tag_len] == '>';
}

static int masked_matches(const unsigned char *data, size_t len, const masked_signature *sig)
{
    if (len < sig->len)
        return 0;
    for (size_t i = 0; i < sig->len; i++) {
        unsigned char mask = sig->mask ? (unsigned char)sig->mask[i] : 0xFF;
        if ((data[i] & mask) != (unsigned char)sig->pattern[i])
            return 0;
    }
    return 1;
}

static const char *first_masked(const masked_signature *sigs, size_t count,
                                const unsigned char *data, size_t len, size_t first_non_space)
{
    for (size_t i = 0; i < count; i++) {
        size_t skip = sigs[i].skip_space ? first_non_space : 0;
        if (masked_matches(data + skip, len - skip, &sigs[i]))
            return sigs[i].type;
    }
    return NULL;
}

static uint32_t big_endian_32(const unsigned char *at)
{
    return (uint32_t)at[0] << 24 | (uint32_t)at[1] << 16 | (uint32_t)at[2] << 8 | at[3];
}

static int mp4_matches(const unsigned char *data, size_t len)
{
    if (len < 12)
        return 0;
    size_t box_size = big_endian_32(data);
    if (len < box_size || box_size % 4 != 0 || memcmp(data + 4, "ftyp", 4) != 0)
        return 0;
    for (size_t at = 8; at < box_size; at += 4)
        if (at != 12 && memcmp(data + at, "mp4", 3) == 0)
            return 1;
    return 0;
}

static int is_text(const unsigned char *data, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = data[i];
        if (c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1A) || (c >= 0x1C && c <= 0x1F))
            return 0;
    }
    return 1;
}

const char *chart_detect_content_type(const unsigned char *data, size_t len)
{
    if (len > SNIFF_LENGTH)
        len = SNIFF_LENGTH;
    size_t first = 0;
    while (first < len && is_sniff_space(data[first]))
        first++;
    for (size_t i = 0; i < sizeof html_tags / sizeof html_tags[0]; i++)
        if (html_matches(data + first, len - first, html_tags[i]))
            return "text/html; charset=utf-8";
    const char *type = first_masked(early_signatures,
                                    sizeof early_signatures / sizeof early_signatures[0], data, len,
                                    first);
    if (type)
        return type;
    if (mp4_matches(data, len))
        return "video/mp4";
    type = first_masked(late_signatures, sizeof late_signatures / sizeof late_signatures[0], data,
                        len, first);
    if (type)
        return type;
    return is_text(data + first, len - first) ? "text/plain; charset=utf-8" : "application/octet-stream";
}
