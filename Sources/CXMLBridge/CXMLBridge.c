// The only translation unit of the project that includes libxml2's headers (see CXMLBridge.h).

#include "CXMLBridge.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CXB_MAX_ROW 1048576u
#define CXB_MAX_COLUMN 16384u
#define CXB_NO_STYLE UINT32_MAX

static const char *const kMainTransitional = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
static const char *const kMainStrict = "http://purl.oclc.org/ooxml/spreadsheetml/main";
static const char *const kXMLNamespace = "http://www.w3.org/XML/1998/namespace";

typedef enum {
    CELL_TYPE_NUMBER = 0,
    CELL_TYPE_SHARED,
    CELL_TYPE_INLINE,
    CELL_TYPE_FORMULA_STRING,
    CELL_TYPE_BOOL,
    CELL_TYPE_ERROR,
    CELL_TYPE_DATE,
} cell_type;

/// A growable array of fixed-size records.
typedef struct {
    void *items;
    size_t count;
    size_t capacity;
    size_t item_size;
} record_array;

struct cxb_parser {
    xmlParserCtxtPtr context;
    cxb_mode mode;
    cxb_limits limits;
    cxb_status status;
    char message[512];

    uint8_t *text;
    size_t text_length;
    size_t text_capacity;

    record_array cells;
    record_array merges;
    record_array strings;
    record_array events;
    record_array attributes;

    const xmlChar *main_namespace; // last URI recognised as SpreadsheetML main, for pointer compares
    uint32_t depth;
    int saw_sheet_data;

    // Sheet state.
    int in_sheet_data;
    int in_cell;
    int in_value;
    int in_inline;
    /// The cell has had an <is>: in an inline string cell its text wins over any <v>.
    int saw_inline;
    int in_text;
    int text_preserve;
    uint32_t phonetic_depth;
    uint32_t row;
    uint32_t column;
    cxb_cell cell;
    cell_type type;
    int has_value;
    size_t value_start;
    size_t text_start;
    uint32_t value_characters;

    // Shared strings state.
    int in_item;
};

// MARK: - Buffers

static int record_array_reserve(record_array *array, size_t extra) {
    if (array->count + extra <= array->capacity) return 1;
    size_t capacity = array->capacity ? array->capacity : 256;
    while (capacity < array->count + extra) capacity *= 2;
    void *items = realloc(array->items, capacity * array->item_size);
    if (!items) return 0;
    array->items = items;
    array->capacity = capacity;
    return 1;
}

static void *record_array_append(record_array *array) {
    if (!record_array_reserve(array, 1)) return NULL;
    void *slot = (char *)array->items + array->count * array->item_size;
    array->count += 1;
    return slot;
}

static void fail(cxb_parser *parser, cxb_status status, const char *format, const char *detail) {
    if (parser->status != CXB_OK) return;
    parser->status = status;
    snprintf(parser->message, sizeof parser->message, format, detail ? detail : "");
    xmlStopParser(parser->context);
}

static int text_reserve(cxb_parser *parser, size_t extra) {
    if (parser->text_length + extra <= parser->text_capacity) return 1;
    size_t capacity = parser->text_capacity ? parser->text_capacity : 65536;
    while (capacity < parser->text_length + extra) capacity *= 2;
    uint8_t *text = realloc(parser->text, capacity);
    if (!text) {
        fail(parser, CXB_ERROR_NO_MEMORY, "out of memory while reading XML text%s", NULL);
        return 0;
    }
    parser->text = text;
    parser->text_capacity = capacity;
    return 1;
}

static int text_append(cxb_parser *parser, const xmlChar *bytes, size_t length) {
    if (!text_reserve(parser, length + 1)) return 0;
    memcpy(parser->text + parser->text_length, bytes, length);
    parser->text_length += length;
    return 1;
}

static uint32_t count_characters(const xmlChar *bytes, size_t length) {
    uint32_t count = 0;
    for (size_t i = 0; i < length; i++) count += (bytes[i] & 0xC0) != 0x80;
    return count;
}

static int is_xml_space(uint8_t byte) {
    return byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r';
}

/// Trims XML whitespace from the text appended since `start`.
static void trim_since(cxb_parser *parser, size_t start) {
    size_t end = parser->text_length;
    size_t first = start;
    while (first < end && is_xml_space(parser->text[first])) first++;
    while (end > first && is_xml_space(parser->text[end - 1])) end--;
    if (first > start) memmove(parser->text + start, parser->text + first, end - first);
    parser->text_length = start + (end - first);
}

// MARK: - Names and attributes

static int is_main(cxb_parser *parser, const xmlChar *uri) {
    if (uri == NULL || uri == parser->main_namespace) return 1;
    if (strcmp((const char *)uri, kMainTransitional) == 0 || strcmp((const char *)uri, kMainStrict) == 0) {
        parser->main_namespace = uri;
        return 1;
    }
    return 0;
}

static int name_is(const xmlChar *name, const char *expected) {
    return strcmp((const char *)name, expected) == 0;
}

/// Attribute `local` without a namespace; returns 1 and sets value/end when present.
static int find_attribute(int count, const xmlChar **attributes, const char *local, const xmlChar **value,
                          const xmlChar **end) {
    for (int i = 0; i < count; i++) {
        const xmlChar **attribute = attributes + i * 5;
        if (attribute[2] == NULL && name_is(attribute[0], local)) {
            *value = attribute[3];
            *end = attribute[4];
            return 1;
        }
    }
    return 0;
}

static int preserves_space(int count, const xmlChar **attributes) {
    for (int i = 0; i < count; i++) {
        const xmlChar **attribute = attributes + i * 5;
        if (attribute[2] != NULL && name_is(attribute[0], "space") &&
            strcmp((const char *)attribute[2], kXMLNamespace) == 0) {
            return (attribute[4] - attribute[3]) == 8 && memcmp(attribute[3], "preserve", 8) == 0;
        }
    }
    return 0;
}

/// Parses an unsigned decimal; returns 0 when empty, not digits, or above `limit`.
static int parse_unsigned(const xmlChar *value, const xmlChar *end, uint64_t limit, uint64_t *result) {
    while (value < end && is_xml_space(*value)) value++;
    while (end > value && is_xml_space(end[-1])) end--;
    if (value == end) return 0;
    uint64_t number = 0;
    for (; value < end; value++) {
        if (*value < '0' || *value > '9') return 0;
        number = number * 10 + (uint64_t)(*value - '0');
        if (number > limit) return 0;
    }
    *result = number;
    return 1;
}

/// Parses `B12` (any case). Returns 1 on success, 0 when malformed, -1 when beyond XFD1048576.
static int parse_reference(const xmlChar *value, const xmlChar *end, uint32_t *row, uint32_t *column) {
    uint64_t col = 0, r = 0;
    const xmlChar *cursor = value;
    int letters = 0, digits = 0, beyond = 0;
    for (; cursor < end; cursor++) {
        xmlChar c = *cursor;
        if (c >= 'a' && c <= 'z') c = (xmlChar)(c - 'a' + 'A');
        if (c < 'A' || c > 'Z') break;
        if (++letters > 3) beyond = 1;
        col = col * 26 + (uint64_t)(c - 'A' + 1);
    }
    for (; cursor < end; cursor++) {
        if (*cursor < '0' || *cursor > '9') return 0;
        if (++digits > 7) beyond = 1;
        r = r * 10 + (uint64_t)(*cursor - '0');
    }
    if (letters == 0 || digits == 0) return 0;
    if (beyond || col > CXB_MAX_COLUMN || r > CXB_MAX_ROW) return -1;
    if (r == 0) return 0;
    *row = (uint32_t)r;
    *column = (uint32_t)col;
    return 1;
}

static void fail_reference(cxb_parser *parser, const xmlChar *value, const xmlChar *end, int beyond) {
    char shown[40];
    size_t length = (size_t)(end - value);
    if (length > sizeof shown - 1) length = sizeof shown - 1;
    memcpy(shown, value, length);
    shown[length] = 0;
    fail(parser, CXB_ERROR_BAD_REFERENCE,
         beyond ? "cell reference beyond XFD1048576: '%s'" : "invalid cell reference '%s'", shown);
}

// MARK: - Sheet mode

static void sheet_start(cxb_parser *parser, const xmlChar *name, int count, const xmlChar **attributes) {
    const xmlChar *value, *end;
    switch (name[0]) {
    case 'c':
        if (name[1] == 0 && parser->in_sheet_data) {
            parser->in_cell = 1;
            parser->has_value = 0;
            parser->saw_inline = 0;
            parser->value_start = parser->text_length;
            parser->value_characters = 0;
            memset(&parser->cell, 0, sizeof parser->cell);
            parser->cell.style = CXB_NO_STYLE;
            parser->type = CELL_TYPE_NUMBER;
            uint32_t row = parser->row ? parser->row : 1, column = parser->column + 1;
            for (int i = 0; i < count; i++) {
                const xmlChar **attribute = attributes + i * 5;
                if (attribute[2] != NULL) continue;
                const xmlChar *local = attribute[0];
                value = attribute[3];
                end = attribute[4];
                if (local[0] == 'r' && local[1] == 0) {
                    int parsed = parse_reference(value, end, &row, &column);
                    if (parsed != 1) {
                        fail_reference(parser, value, end, parsed < 0);
                        return;
                    }
                } else if (local[0] == 's' && local[1] == 0) {
                    uint64_t style;
                    if (parse_unsigned(value, end, UINT32_MAX - 1, &style)) parser->cell.style = (uint32_t)style;
                } else if (local[0] == 't' && local[1] == 0) {
                    size_t length = (size_t)(end - value);
                    if (length == 1 && value[0] == 's') parser->type = CELL_TYPE_SHARED;
                    else if (length == 1 && value[0] == 'b') parser->type = CELL_TYPE_BOOL;
                    else if (length == 1 && value[0] == 'e') parser->type = CELL_TYPE_ERROR;
                    else if (length == 1 && value[0] == 'd') parser->type = CELL_TYPE_DATE;
                    else if (length == 3 && memcmp(value, "str", 3) == 0) parser->type = CELL_TYPE_FORMULA_STRING;
                    else if (length == 9 && memcmp(value, "inlineStr", 9) == 0) parser->type = CELL_TYPE_INLINE;
                }
            }
            if (column > CXB_MAX_COLUMN) {
                fail(parser, CXB_ERROR_BAD_REFERENCE, "cell reference beyond XFD1048576 (column after XFD)%s", NULL);
                return;
            }
            parser->row = row;
            parser->column = column;
            parser->cell.row = row;
            parser->cell.column = column;
        }
        break;
    case 'v':
        // An inline string's <v> (some writers add one) is read only when the cell has no <is>.
        if (name[1] == 0 && parser->in_cell && !(parser->type == CELL_TYPE_INLINE && parser->saw_inline)) {
            parser->in_value = 1;
            parser->has_value = 1;
            parser->text_length = parser->value_start; // a repeated <v> replaces the earlier one
            parser->value_characters = 0;
        }
        break;
    case 'f':
        if (name[1] == 0 && parser->in_cell) parser->cell.has_formula = 1;
        break;
    case 'i':
        if (name[1] == 's' && name[2] == 0 && parser->in_cell) {
            // In an inline string cell, the <is> text replaces a <v> read before it.
            if (parser->type == CELL_TYPE_INLINE && !parser->saw_inline) {
                parser->text_length = parser->value_start;
                parser->value_characters = 0;
            }
            parser->in_inline = 1;
            parser->saw_inline = 1;
            parser->has_value = 1;
        }
        break;
    case 'r':
        if (name[1] == 0) break;
        if (name_is(name, "row") && parser->in_sheet_data) {
            uint64_t row;
            if (find_attribute(count, attributes, "r", &value, &end)) {
                if (!parse_unsigned(value, end, CXB_MAX_ROW, &row) || row == 0) {
                    fail_reference(parser, value, end, 1);
                    return;
                }
                parser->row = (uint32_t)row;
            } else {
                if (parser->row >= CXB_MAX_ROW) {
                    fail(parser, CXB_ERROR_BAD_REFERENCE, "cell reference beyond XFD1048576 (row after 1048576)%s", NULL);
                    return;
                }
                parser->row += 1;
            }
            parser->column = 0;
        } else if (name_is(name, "rPh") && parser->in_inline) {
            parser->phonetic_depth++;
        }
        break;
    case 't':
        if (name[1] == 0 && parser->in_inline && parser->phonetic_depth == 0) {
            parser->in_text = 1;
            parser->text_preserve = preserves_space(count, attributes);
            parser->text_start = parser->text_length;
        }
        break;
    case 's':
        if (name_is(name, "sheetData")) {
            parser->in_sheet_data = 1;
            parser->saw_sheet_data = 1;
        }
        break;
    case 'm':
        if (name_is(name, "mergeCell") && find_attribute(count, attributes, "ref", &value, &end)) {
            const xmlChar *colon = value;
            while (colon < end && *colon != ':') colon++;
            cxb_merge merge;
            int first = parse_reference(value, colon, &merge.first_row, &merge.first_column);
            int last = colon < end ? parse_reference(colon + 1, end, &merge.last_row, &merge.last_column) : 0;
            if (first == 1 && colon == end) {
                merge.last_row = merge.first_row;
                merge.last_column = merge.first_column;
                last = 1;
            }
            if (first == 1 && last == 1) {
                cxb_merge *slot = record_array_append(&parser->merges);
                if (!slot) {
                    fail(parser, CXB_ERROR_NO_MEMORY, "out of memory%s", NULL);
                    return;
                }
                *slot = merge;
            }
        }
        break;
    default:
        break;
    }
}

/// Checks that the value text is a plain decimal number (strtod also takes hex, inf and nan).
static int parse_number(cxb_parser *parser, double *result) {
    size_t start = parser->value_start, end = parser->text_length;
    while (start < end && is_xml_space(parser->text[start])) start++;
    while (end > start && is_xml_space(parser->text[end - 1])) end--;
    if (start == end) return 0;
    int digits = 0;
    for (size_t i = start; i < end; i++) {
        uint8_t c = parser->text[i];
        if (c >= '0' && c <= '9') digits = 1;
        else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') return 0;
    }
    if (!digits) return 0;
    if (!text_reserve(parser, 1)) return 0;
    char saved = (char)parser->text[end];
    parser->text[end] = 0;
    char *stop = NULL;
    double number = strtod((const char *)parser->text + start, &stop);
    int ok = stop == (char *)parser->text + end && isfinite(number);
    parser->text[end] = (uint8_t)saved;
    if (ok) *result = number;
    return ok;
}

static int value_equals(cxb_parser *parser, const char *expected) {
    size_t length = strlen(expected);
    return parser->text_length - parser->value_start == length &&
           memcmp(parser->text + parser->value_start, expected, length) == 0;
}

static void finish_cell(cxb_parser *parser) {
    parser->in_cell = 0;
    parser->in_value = 0;
    parser->in_inline = 0;
    parser->in_text = 0;
    parser->phonetic_depth = 0;
    size_t start = parser->value_start;
    size_t length = parser->text_length - start;
    if (!parser->has_value || length == 0) {
        parser->text_length = start;
        return;
    }
    cxb_cell cell = parser->cell;
    int keep_text = 0;
    switch (parser->type) {
    case CELL_TYPE_SHARED: {
        uint64_t index;
        cell.kind = CXB_CELL_SHARED;
        cell.number = parse_unsigned(parser->text + start, parser->text + start + length, UINT32_MAX, &index)
                          ? (double)index
                          : -1;
        break;
    }
    case CELL_TYPE_BOOL:
        if (value_equals(parser, "1") || value_equals(parser, "true") || value_equals(parser, "TRUE")) {
            cell.kind = CXB_CELL_BOOL;
            cell.number = 1;
        } else if (value_equals(parser, "0") || value_equals(parser, "false") || value_equals(parser, "FALSE")) {
            cell.kind = CXB_CELL_BOOL;
            cell.number = 0;
        } else {
            cell.kind = CXB_CELL_TEXT;
            keep_text = 1;
        }
        break;
    case CELL_TYPE_ERROR:
        cell.kind = CXB_CELL_ERROR;
        keep_text = 1;
        break;
    case CELL_TYPE_DATE:
        cell.kind = CXB_CELL_ISO_DATE;
        keep_text = 1;
        break;
    case CELL_TYPE_INLINE:
    case CELL_TYPE_FORMULA_STRING:
        cell.kind = CXB_CELL_TEXT;
        keep_text = 1;
        break;
    case CELL_TYPE_NUMBER:
        if (parse_number(parser, &cell.number)) {
            cell.kind = CXB_CELL_NUMBER;
        } else {
            cell.kind = CXB_CELL_TEXT;
            keep_text = 1;
        }
        break;
    }
    if (parser->status != CXB_OK) return;
    if (keep_text) {
        cell.text_offset = (uint32_t)start;
        cell.text_length = (uint32_t)length;
    } else {
        parser->text_length = start;
    }
    cxb_cell *slot = record_array_append(&parser->cells);
    if (!slot) {
        fail(parser, CXB_ERROR_NO_MEMORY, "out of memory%s", NULL);
        return;
    }
    *slot = cell;
}

static void sheet_end(cxb_parser *parser, const xmlChar *name) {
    switch (name[0]) {
    case 'c':
        if (name[1] == 0 && parser->in_cell) finish_cell(parser);
        break;
    case 'v':
        if (name[1] == 0) parser->in_value = 0;
        break;
    case 'i':
        if (name[1] == 's' && name[2] == 0) parser->in_inline = 0;
        break;
    case 't':
        if (name[1] == 0 && parser->in_text) {
            parser->in_text = 0;
            if (!parser->text_preserve) trim_since(parser, parser->text_start);
        }
        break;
    case 'r':
        if (name_is(name, "rPh") && parser->phonetic_depth > 0) parser->phonetic_depth--;
        break;
    case 's':
        if (name_is(name, "sheetData")) parser->in_sheet_data = 0;
        break;
    default:
        break;
    }
}

// MARK: - Shared strings mode

static void strings_start(cxb_parser *parser, const xmlChar *name, int count, const xmlChar **attributes) {
    if (name_is(name, "si")) {
        parser->in_item = 1;
        parser->value_start = parser->text_length;
        parser->value_characters = 0;
        parser->phonetic_depth = 0;
    } else if (!parser->in_item) {
        return;
    } else if (name_is(name, "rPh")) {
        parser->phonetic_depth++;
    } else if (name_is(name, "t") && parser->phonetic_depth == 0) {
        parser->in_text = 1;
        parser->text_preserve = preserves_space(count, attributes);
        parser->text_start = parser->text_length;
    }
}

static void strings_end(cxb_parser *parser, const xmlChar *name) {
    if (name_is(name, "si") && parser->in_item) {
        parser->in_item = 0;
        cxb_string *slot = record_array_append(&parser->strings);
        if (!slot) {
            fail(parser, CXB_ERROR_NO_MEMORY, "out of memory%s", NULL);
            return;
        }
        slot->text_offset = (uint32_t)parser->value_start;
        slot->text_length = (uint32_t)(parser->text_length - parser->value_start);
    } else if (name_is(name, "rPh") && parser->phonetic_depth > 0) {
        parser->phonetic_depth--;
    } else if (name_is(name, "t") && parser->in_text) {
        parser->in_text = 0;
        if (!parser->text_preserve) trim_since(parser, parser->text_start);
    }
}

// MARK: - Events mode

static int append_string(cxb_parser *parser, const xmlChar *bytes, size_t length, uint32_t *offset,
                         uint32_t *stored_length) {
    *offset = (uint32_t)parser->text_length;
    *stored_length = (uint32_t)length;
    return length == 0 || text_append(parser, bytes, length);
}

static void events_start(cxb_parser *parser, const xmlChar *name, const xmlChar *uri, int count,
                         const xmlChar **attributes) {
    cxb_event *event = record_array_append(&parser->events);
    if (!event || !record_array_reserve(&parser->attributes, (size_t)count)) {
        fail(parser, CXB_ERROR_NO_MEMORY, "out of memory%s", NULL);
        return;
    }
    memset(event, 0, sizeof *event);
    event->kind = CXB_EVENT_START;
    event->depth = parser->depth;
    event->attribute_first = (uint32_t)parser->attributes.count;
    event->attribute_count = (uint32_t)count;
    append_string(parser, name, strlen((const char *)name), &event->name_offset, &event->name_length);
    if (uri) append_string(parser, uri, strlen((const char *)uri), &event->namespace_offset, &event->namespace_length);
    for (int i = 0; i < count; i++) {
        const xmlChar **source = attributes + i * 5;
        cxb_attribute *attribute = record_array_append(&parser->attributes);
        memset(attribute, 0, sizeof *attribute);
        append_string(parser, source[0], strlen((const char *)source[0]), &attribute->name_offset,
                      &attribute->name_length);
        if (source[2])
            append_string(parser, source[2], strlen((const char *)source[2]), &attribute->namespace_offset,
                          &attribute->namespace_length);
        append_string(parser, source[3], (size_t)(source[4] - source[3]), &attribute->value_offset,
                      &attribute->value_length);
    }
}

static void events_end(cxb_parser *parser, const xmlChar *name) {
    cxb_event *event = record_array_append(&parser->events);
    if (!event) {
        fail(parser, CXB_ERROR_NO_MEMORY, "out of memory%s", NULL);
        return;
    }
    memset(event, 0, sizeof *event);
    event->kind = CXB_EVENT_END;
    event->depth = parser->depth;
    append_string(parser, name, strlen((const char *)name), &event->name_offset, &event->name_length);
}

static void events_text(cxb_parser *parser, const xmlChar *bytes, int length) {
    if (parser->events.count > 0) {
        cxb_event *last = (cxb_event *)parser->events.items + parser->events.count - 1;
        if (last->kind == CXB_EVENT_TEXT && last->text_offset + last->text_length == parser->text_length) {
            if (text_append(parser, bytes, (size_t)length)) last->text_length += (uint32_t)length;
            return;
        }
    }
    cxb_event *event = record_array_append(&parser->events);
    if (!event) {
        fail(parser, CXB_ERROR_NO_MEMORY, "out of memory%s", NULL);
        return;
    }
    memset(event, 0, sizeof *event);
    event->kind = CXB_EVENT_TEXT;
    event->depth = parser->depth;
    append_string(parser, bytes, (size_t)length, &event->text_offset, &event->text_length);
}

// MARK: - SAX callbacks

static void on_start(void *context, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int namespace_count, const xmlChar **namespaces, int attribute_count, int defaulted,
                     const xmlChar **attributes) {
    (void)prefix;
    (void)namespace_count;
    (void)namespaces;
    (void)defaulted;
    cxb_parser *parser = context;
    if (parser->status != CXB_OK) return;
    if (++parser->depth > parser->limits.max_depth) {
        char depth[16];
        snprintf(depth, sizeof depth, "%u", parser->limits.max_depth);
        fail(parser, CXB_ERROR_DEPTH, "XML nesting deeper than %s levels", depth);
        return;
    }
    switch (parser->mode) {
    case CXB_MODE_SHEET:
        if (is_main(parser, uri)) sheet_start(parser, localname, attribute_count, attributes);
        break;
    case CXB_MODE_SHARED_STRINGS:
        if (is_main(parser, uri)) strings_start(parser, localname, attribute_count, attributes);
        break;
    case CXB_MODE_EVENTS:
        events_start(parser, localname, uri, attribute_count, attributes);
        break;
    }
}

static void on_end(void *context, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri) {
    (void)prefix;
    cxb_parser *parser = context;
    if (parser->status != CXB_OK) return;
    switch (parser->mode) {
    case CXB_MODE_SHEET:
        if (is_main(parser, uri)) sheet_end(parser, localname);
        break;
    case CXB_MODE_SHARED_STRINGS:
        if (is_main(parser, uri)) strings_end(parser, localname);
        break;
    case CXB_MODE_EVENTS:
        events_end(parser, localname);
        break;
    }
    if (parser->depth > 0) parser->depth--;
}

static void on_characters(void *context, const xmlChar *bytes, int length) {
    cxb_parser *parser = context;
    if (parser->status != CXB_OK) return;
    switch (parser->mode) {
    case CXB_MODE_SHEET:
        if (!(parser->in_value || parser->in_text)) return;
        break;
    case CXB_MODE_SHARED_STRINGS:
        if (!parser->in_text) return;
        break;
    case CXB_MODE_EVENTS:
        events_text(parser, bytes, length);
        return;
    }
    parser->value_characters += count_characters(bytes, (size_t)length);
    if (parser->value_characters > parser->limits.max_text_characters) {
        char limit[16];
        snprintf(limit, sizeof limit, "%u", parser->limits.max_text_characters);
        fail(parser, CXB_ERROR_TEXT_TOO_LONG, "cell text longer than %s characters", limit);
        return;
    }
    text_append(parser, bytes, (size_t)length);
}

static void on_doctype(void *context, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id) {
    (void)name;
    (void)external_id;
    (void)system_id;
    fail(context, CXB_ERROR_DOCTYPE, "DOCTYPE is not allowed (entity expansion and external entities are refused)%s",
         NULL);
}

static void on_entity_declaration(void *context, const xmlChar *name, int type, const xmlChar *public_id,
                                  const xmlChar *system_id, xmlChar *content) {
    (void)name;
    (void)type;
    (void)public_id;
    (void)system_id;
    (void)content;
    fail(context, CXB_ERROR_DOCTYPE, "DOCTYPE is not allowed (entity declarations are refused)%s", NULL);
}

static void on_structured_error(void *context, xmlErrorPtr error) {
    cxb_parser *parser = context;
    if (error == NULL || error->level < XML_ERR_ERROR || parser->status != CXB_OK) return;
    cxb_status status = CXB_ERROR_XML;
    if (error->code == XML_ERR_INTERNAL_ERROR && error->message && strstr(error->message, "depth"))
        status = CXB_ERROR_DEPTH;
    parser->status = status;
    char message[400];
    snprintf(message, sizeof message, "%s", error->message ? error->message : "malformed XML");
    size_t length = strlen(message);
    while (length > 0 && (message[length - 1] == '\n' || message[length - 1] == ' ')) message[--length] = 0;
    if (status == CXB_ERROR_DEPTH) {
        snprintf(parser->message, sizeof parser->message, "XML nesting deeper than %u levels",
                 parser->limits.max_depth);
    } else {
        snprintf(parser->message, sizeof parser->message, "malformed XML at line %d, column %d: %s", error->line,
                 error->int2, message);
    }
}

static xmlSAXHandler sax_handler;
static pthread_once_t initialize_once = PTHREAD_ONCE_INIT;

static void initialize(void) {
    xmlInitParser();
    memset(&sax_handler, 0, sizeof sax_handler);
    sax_handler.initialized = XML_SAX2_MAGIC;
    sax_handler.startElementNs = on_start;
    sax_handler.endElementNs = on_end;
    sax_handler.characters = on_characters;
    sax_handler.cdataBlock = on_characters;
    sax_handler.internalSubset = on_doctype;
    sax_handler.externalSubset = on_doctype;
    sax_handler.entityDecl = on_entity_declaration;
    sax_handler.serror = on_structured_error;
}

void cxb_initialize(void) { pthread_once(&initialize_once, initialize); }

// MARK: - Public API

cxb_parser *cxb_parser_create(cxb_mode mode, cxb_limits limits, const char *part_name) {
    cxb_initialize();
    cxb_parser *parser = calloc(1, sizeof *parser);
    if (!parser) return NULL;
    parser->mode = mode;
    parser->limits = limits;
    parser->cells.item_size = sizeof(cxb_cell);
    parser->merges.item_size = sizeof(cxb_merge);
    parser->strings.item_size = sizeof(cxb_string);
    parser->events.item_size = sizeof(cxb_event);
    parser->attributes.item_size = sizeof(cxb_attribute);
    parser->context = xmlCreatePushParserCtxt(&sax_handler, parser, NULL, 0, part_name);
    if (!parser->context) {
        free(parser);
        return NULL;
    }
    xmlCtxtUseOptions(parser->context, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    return parser;
}

void cxb_parser_destroy(cxb_parser *parser) {
    if (!parser) return;
    if (parser->context) xmlFreeParserCtxt(parser->context);
    free(parser->text);
    free(parser->cells.items);
    free(parser->merges.items);
    free(parser->strings.items);
    free(parser->events.items);
    free(parser->attributes.items);
    free(parser);
}

cxb_status cxb_parser_feed(cxb_parser *parser, const char *bytes, size_t length, int terminate) {
    if (parser->status != CXB_OK) return parser->status;
    const size_t step = 1u << 30;
    do {
        size_t piece = length > step ? step : length;
        int last = terminate && piece == length;
        int result = xmlParseChunk(parser->context, bytes, (int)piece, last);
        if (parser->status != CXB_OK) return parser->status;
        if (result != 0) {
            parser->status = CXB_ERROR_XML;
            xmlErrorPtr error = xmlCtxtGetLastError(parser->context);
            snprintf(parser->message, sizeof parser->message, "malformed XML (code %d)%s%s", result,
                     error && error->message ? ": " : "", error && error->message ? error->message : "");
            return parser->status;
        }
        bytes = bytes ? bytes + piece : bytes;
        length -= piece;
    } while (length > 0);
    return CXB_OK;
}

const char *cxb_parser_error_message(const cxb_parser *parser) { return parser->message; }

const cxb_cell *cxb_parser_cells(const cxb_parser *parser, size_t *count) {
    *count = parser->cells.count;
    return parser->cells.items;
}

const cxb_merge *cxb_parser_merges(const cxb_parser *parser, size_t *count) {
    *count = parser->merges.count;
    return parser->merges.items;
}

const cxb_string *cxb_parser_strings(const cxb_parser *parser, size_t *count) {
    *count = parser->strings.count;
    return parser->strings.items;
}

const cxb_event *cxb_parser_events(const cxb_parser *parser, size_t *count) {
    *count = parser->events.count;
    return parser->events.items;
}

const cxb_attribute *cxb_parser_attributes(const cxb_parser *parser, size_t *count) {
    *count = parser->attributes.count;
    return parser->attributes.items;
}

const uint8_t *cxb_parser_text(const cxb_parser *parser, size_t *length) {
    *length = parser->text_length;
    return parser->text;
}

void cxb_parser_clear_batch(cxb_parser *parser) {
    parser->cells.count = 0;
    parser->merges.count = 0;
    parser->strings.count = 0;
    parser->events.count = 0;
    parser->attributes.count = 0;
    // A cell or string still open keeps its text: move it to the front of the arena.
    size_t keep_from = parser->text_length;
    if ((parser->mode == CXB_MODE_SHEET && parser->in_cell) ||
        (parser->mode == CXB_MODE_SHARED_STRINGS && parser->in_item)) {
        keep_from = parser->value_start;
    }
    size_t kept = parser->text_length - keep_from;
    if (kept > 0 && keep_from > 0) memmove(parser->text, parser->text + keep_from, kept);
    parser->text_length = kept;
    if (parser->mode != CXB_MODE_EVENTS) {
        size_t shift = keep_from;
        parser->value_start -= shift < parser->value_start ? shift : parser->value_start;
        parser->text_start -= shift < parser->text_start ? shift : parser->text_start;
    }
}

int cxb_parser_saw_sheet_data(const cxb_parser *parser) { return parser->saw_sheet_data; }
