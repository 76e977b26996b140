#ifndef SIGAP_CXMLBRIDGE_H
#define SIGAP_CXMLBRIDGE_H

// An opaque front to libxml2's SAX2 push parser. This header never includes <libxml/...>: a Swift
// module that could see libxml2's headers would also see Debian's system ICU, which clashes with
// the ICU inside Foundation. Events cross the boundary in batches (arrays of plain structs plus one
// text arena), never one callback per element.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cxb_parser cxb_parser;

/// What a parser extracts from its part.
typedef enum {
    /// Worksheet XML: cells and merged ranges.
    CXB_MODE_SHEET = 0,
    /// sharedStrings.xml: one string per `<si>`.
    CXB_MODE_SHARED_STRINGS = 1,
    /// Any small part (rels, workbook, styles): generic element events.
    CXB_MODE_EVENTS = 2,
} cxb_mode;

/// Result of feeding bytes.
typedef enum {
    CXB_OK = 0,
    CXB_ERROR_XML = 1,
    CXB_ERROR_DOCTYPE = 2,
    CXB_ERROR_DEPTH = 3,
    CXB_ERROR_TEXT_TOO_LONG = 4,
    CXB_ERROR_BAD_REFERENCE = 5,
    CXB_ERROR_NO_MEMORY = 6,
} cxb_status;

/// Kinds of cells in CXB_MODE_SHEET. Empty cells are never emitted.
typedef enum {
    /// `number` holds the value.
    CXB_CELL_NUMBER = 0,
    /// `number` holds the shared string index, or -1 when the index is not a number.
    CXB_CELL_SHARED = 1,
    /// Inline string, a formula's string result, or non-numeric text in an untyped cell: text.
    CXB_CELL_TEXT = 2,
    /// `number` is 0 or 1.
    CXB_CELL_BOOL = 3,
    /// Error text (`#N/A`, ...).
    CXB_CELL_ERROR = 4,
    /// `t="d"`: ISO 8601 text.
    CXB_CELL_ISO_DATE = 5,
} cxb_cell_kind;

/// One non-empty cell of a worksheet.
typedef struct {
    double number;
    uint32_t row;
    uint32_t column;
    /// The `s` attribute; UINT32_MAX when absent, empty or not a number (style 0).
    uint32_t style;
    uint32_t text_offset;
    uint32_t text_length;
    uint8_t kind;
    uint8_t has_formula;
} cxb_cell;

/// A merged range (`<mergeCell ref="A1:C2"/>`), 1-based, inclusive.
typedef struct {
    uint32_t first_row;
    uint32_t first_column;
    uint32_t last_row;
    uint32_t last_column;
} cxb_merge;

/// One string of the shared strings table, in the text arena.
typedef struct {
    uint32_t text_offset;
    uint32_t text_length;
} cxb_string;

typedef enum {
    CXB_EVENT_START = 0,
    CXB_EVENT_END = 1,
    CXB_EVENT_TEXT = 2,
} cxb_event_kind;

/// A generic event (CXB_MODE_EVENTS). Names and values live in the text arena.
typedef struct {
    uint32_t kind;
    uint32_t depth;
    uint32_t name_offset, name_length;
    uint32_t namespace_offset, namespace_length;
    uint32_t attribute_first, attribute_count;
    uint32_t text_offset, text_length;
} cxb_event;

typedef struct {
    uint32_t name_offset, name_length;
    uint32_t namespace_offset, namespace_length;
    uint32_t value_offset, value_length;
} cxb_attribute;

/// Limits enforced while parsing.
typedef struct {
    /// Deepest element nesting allowed (256).
    uint32_t max_depth;
    /// Longest text of one cell or string, in characters (Unicode scalars; Excel allows 32,767).
    uint32_t max_text_characters;
} cxb_limits;

/// Creates a parser; `part_name` is used in libxml2's own messages only. NULL on allocation failure.
cxb_parser *_Nullable cxb_parser_create(cxb_mode mode, cxb_limits limits, const char *_Nonnull part_name);
void cxb_parser_destroy(cxb_parser *_Nullable parser);

/// Parses the next chunk; `terminate` non-zero for the last one (length may be 0). After each call,
/// read the batch and then call cxb_parser_clear_batch. Once an error is returned, the parser is done.
cxb_status cxb_parser_feed(cxb_parser *_Nonnull parser, const char *_Nullable bytes, size_t length, int terminate);

/// The error message of the last failing feed (English), with line and column when known.
const char *_Nonnull cxb_parser_error_message(const cxb_parser *_Nonnull parser);

/// The current batch. Pointers stay valid until the next feed or clear.
const cxb_cell *_Nullable cxb_parser_cells(const cxb_parser *_Nonnull parser, size_t *_Nonnull count);
const cxb_merge *_Nullable cxb_parser_merges(const cxb_parser *_Nonnull parser, size_t *_Nonnull count);
const cxb_string *_Nullable cxb_parser_strings(const cxb_parser *_Nonnull parser, size_t *_Nonnull count);
const cxb_event *_Nullable cxb_parser_events(const cxb_parser *_Nonnull parser, size_t *_Nonnull count);
const cxb_attribute *_Nullable cxb_parser_attributes(const cxb_parser *_Nonnull parser, size_t *_Nonnull count);
const uint8_t *_Nullable cxb_parser_text(const cxb_parser *_Nonnull parser, size_t *_Nonnull length);
void cxb_parser_clear_batch(cxb_parser *_Nonnull parser);

/// Worksheet facts seen so far: non-zero once a `<sheetData>` element was met.
int cxb_parser_saw_sheet_data(const cxb_parser *_Nonnull parser);

/// Must be called once per process before parsers are used from several threads.
void cxb_initialize(void);

#ifdef __cplusplus
}
#endif

#endif
