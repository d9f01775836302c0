/* gzip.c: gzip streams in memory, written the way Go's compress/gzip writes them. */
#include <string.h>
#include <zlib.h>

#include "buffer.h"
#include "celm/celm.h"

#define GZIP_MAX_OUTPUT ((size_t)1 << 30)

/* Go's gzip.NewWriterLevel(w, level): no name, mtime 0, OS byte 255. */
int celm_gzip_compress(celm_arena *arena, const void *data, size_t len, int level, celm_string *out,
                       celm_error *err)
{
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    gz_header header;
    memset(&header, 0, sizeof header);
    header.os = 255;
    if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK ||
        deflateSetHeader(&stream, &header) != Z_OK) {
        deflateEnd(&stream);
        return celm_error_set(err, CELM_ENOMEM, "gzip: cannot start compression");
    }
    uLong bound = deflateBound(&stream, (uLong)len) + 32;
    unsigned char *bytes = celm_arena_alloc(arena, bound + 1);
    if (!bytes) {
        deflateEnd(&stream);
        return celm_error_set(err, CELM_ENOMEM, "out of memory compressing");
    }
    stream.next_in = (Bytef *)data;
    stream.avail_in = (uInt)len;
    stream.next_out = bytes;
    stream.avail_out = (uInt)bound;
    int result = deflate(&stream, Z_FINISH);
    size_t written = bound - stream.avail_out;
    deflateEnd(&stream);
    if (result != Z_STREAM_END)
        return celm_error_set(err, CELM_EFAIL, "gzip: compression failed");
    bytes[written] = 0;
    out->data = (const char *)bytes;
    out->len = written;
    return CELM_OK;
}

int celm_gzip_decompress(celm_arena *arena, const void *data, size_t len, celm_string *out, celm_error *err)
{
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (inflateInit2(&stream, 15 + 16) != Z_OK)
        return celm_error_set(err, CELM_ENOMEM, "gzip: cannot start decompression");
    stream.next_in = (Bytef *)data;
    stream.avail_in = (uInt)len;
    celm_buffer buffer;
    celm_buffer_init(&buffer);
    unsigned char chunk[65536];
    int result = Z_OK;
    while (result == Z_OK && buffer.len <= GZIP_MAX_OUTPUT) {
        stream.next_out = chunk;
        stream.avail_out = sizeof chunk;
        result = inflate(&stream, Z_NO_FLUSH);
        celm_buffer_append(&buffer, (const char *)chunk, sizeof chunk - stream.avail_out);
    }
    inflateEnd(&stream);
    if (result != Z_STREAM_END) {
        size_t produced = buffer.len;
        celm_buffer_free(&buffer);
        if (produced > GZIP_MAX_OUTPUT)
            return celm_error_set(err, CELM_ELIMIT, "gzip: decompressed data exceeds %zu bytes", GZIP_MAX_OUTPUT);
        return celm_error_set(err, CELM_EPARSE, "gzip: invalid compressed data");
    }
    return celm_buffer_finish(&buffer, arena, out) == CELM_OK
               ? CELM_OK
               : celm_error_set(err, CELM_ENOMEM, "out of memory decompressing");
}
