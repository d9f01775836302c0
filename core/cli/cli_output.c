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

/* Terminal columns a cell takes: one per UTF-8 character (continuation bytes do not count). */
static size_t display_width(const char *text)
{
    size_t width = 0;
    for (const unsigned char *c = (const unsigned char *)text; *c; c++)
        width += (*c & 0xC0) != 0x80;
    return width;
}

/* uitable pads every cell, the last column's too, to its column's width and joins them with a tab. */
void cli_table_print(FILE *out, const cli_table *table)
{
    size_t widths[32] = {0};
    size_t columns = table->column_count < 32 ? table->column_count : 32;
    for (size_t row = 0; row < table->row_count; row++)
        for (size_t column = 0; column < columns; column++) {
            size_t width = display_width(table->cells[row * table->column_count + column]);
            if (width > widths[column])
                widths[column] = width;
        }
    for (size_t row = 0; row < table->row_count; row++) {
        for (size_t column = 0; column < columns; column++) {
            const char *cell = table->cells[row * table->column_count + column];
            fprintf(out, "%s%s%*s", column ? "\t" : "", cell, (int)(widths[column] - display_width(cell)), "");
        }
        fputc('\n', out);
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
