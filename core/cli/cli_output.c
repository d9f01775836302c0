/* cli_output.c: printing results as helm does: uitable tables, or -o json / -o yaml documents. */
#include <string.h>

#include "cli.h"

cli_output_format cli_output_format_parse(const char *text)
{
    if (text && strcmp(text, "json") == 0)
        return CLI_OUTPUT_JSON;
    if (text && strcmp(text, "yaml") == 0)
        return CLI_OUTPUT_YAML;
    return CLI_OUTPUT_TABLE;
}

void cli_table_init(cli_table *table, celm_arena *arena, size_t column_count)
{
    memset(table, 0, sizeof *table);
    table->arena = arena;
    table->column_count = column_count;
}

int cli_table_add_row(cli_table *table, const char *const *cells)
{
    if (table->row_count == table->row_capacity) {
        size_t capacity = table->row_capacity ? table->row_capacity * 2 : 8;
        const char **grown = celm_arena_alloc(table->arena, capacity * table->column_count * sizeof *grown);
        if (!grown)
            return CELM_ENOMEM;
        if (table->cells)
            memcpy(grown, table->cells, table->row_count * table->column_count * sizeof *grown);
        table->cells = grown;
        table->row_capacity = capacity;
    }
    for (size_t column = 0; column < table->column_count; column++)
        table->cells[table->row_count * table->column_count + column] = cells[column] ? cells[column] : "";
    table->row_count++;
    return CELM_OK;
}

/* Terminal columns text takes: one per UTF-8 character; line breaks (and continuation bytes)
 * take none. `len` bytes, or up to the NUL when len is SIZE_MAX. */
static size_t display_width(const char *text, size_t len)
{
    size_t width = 0;
    for (const unsigned char *c = (const unsigned char *)text; len-- && *c; c++)
        width += (*c & 0xC0) != 0x80 && *c != '\n';
    return width;
}

/* The widest line of a cell. */
static size_t line_width(const char *cell)
{
    size_t widest = 0;
    for (const char *line = cell;; line++) {
        size_t len = strcspn(line, "\n");
        size_t width = display_width(line, len);
        widest = width > widest ? width : widest;
        line += len;
        if (!*line)
            return widest;
    }
}

/* The bytes of text's first characters up to `width` columns: the character that reaches it is
 * kept, characters that take no column (line breaks) ride along before it. */
static size_t prefix_bytes(const char *text, size_t len, size_t width)
{
    size_t used = 0, at = 0;
    if (width == 0)
        return 0;
    while (at < len) {
        size_t next = at + 1;
        while (next < len && ((unsigned char)text[next] & 0xC0) == 0x80)
            next++;
        used += text[at] != '\n';
        at = next;
        if (used >= width)
            break;
    }
    return at;
}

/* uitable's Resize: padded with spaces to `width`, or cut to width-3 columns and "..." when
 * wider (the width of a multi-line cell counts all its lines). Arena string. */
static const char *resize(celm_arena *arena, const char *text, size_t len, size_t width)
{
    size_t have = display_width(text, len);
    if (have > width)
        return celm_arena_printf(arena, "%.*s...", (int)prefix_bytes(text, len, width > 3 ? width - 3 : 0), text);
    return celm_arena_printf(arena, "%.*s%*s", (int)len, text, (int)(width - have), "");
}

/* Line `index` of a resized cell, resized again; a missing line is all spaces, as uitable has it. */
static const char *cell_line(celm_arena *arena, const char *cell, size_t index, size_t width)
{
    for (; index > 0; index--) {
        cell = strchr(cell, '\n');
        if (!cell)
            return resize(arena, "", 0, width);
        cell++;
    }
    return resize(arena, cell, strcspn(cell, "\n"), width);
}

/* uitable: every cell, the last column's too, padded to its column's widest line and joined with
 * a tab; a cell of several lines spreads over as many rows. */
void cli_table_print(FILE *out, const cli_table *table)
{
    size_t widths[32] = {0};
    size_t columns = table->column_count < 32 ? table->column_count : 32;
    for (size_t row = 0; row < table->row_count; row++)
        for (size_t column = 0; column < columns; column++) {
            size_t width = line_width(table->cells[row * table->column_count + column]);
            widths[column] = width > widths[column] ? width : widths[column];
        }
    for (size_t row = 0; row < table->row_count; row++) {
        const char *resized[32];
        size_t lines = 1;
        for (size_t column = 0; column < columns; column++) {
            const char *cell = table->cells[row * table->column_count + column];
            resized[column] = resize(table->arena, cell, strlen(cell), widths[column]);
            size_t count = 1;
            for (const char *c = resized[column]; (c = strchr(c, '\n')); c++)
                count++;
            lines = count > lines ? count : lines;
        }
        for (size_t line = 0; line < lines; line++) {
            for (size_t column = 0; column < columns; column++)
                fprintf(out, "%s%s", column ? "\t" : "", cell_line(table->arena, resized[column], line, widths[column]));
            fputc('\n', out);
        }
    }
}

int cli_value_print(FILE *out, celm_arena *arena, const celm_value *value, cli_output_format format,
                    celm_error *err)
{
    celm_string text = {NULL, 0};
    int status = format == CLI_OUTPUT_YAML ? celm_yaml_emit(arena, value, &text, err)
                                           : celm_json_emit(arena, value, 0, &text, err);
    if (status != CELM_OK)
        return status;
    fwrite(text.data, 1, text.len, out);
    /* helm's JSON encoder ends the document with a newline; the YAML text already has one. */
    if (format != CLI_OUTPUT_YAML)
        fputc('\n', out);
    return CELM_OK;
}
