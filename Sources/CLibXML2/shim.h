// The libxml2 API ArgMark uses, plus the few helpers Swift cannot express: xmlFree is a global function
// pointer (not callable from Swift 6), and SAX callbacks must be C functions.
#ifndef ARGMARK_CLIBXML2_SHIM_H
#define ARGMARK_CLIBXML2_SHIM_H

// libxml2's encoding.h pulls in the system ICU headers, which clash with Foundation's copy of ICU in the same
// Swift module graph; ArgMark uses none of libxml2's ICU converters (only encodingHandler pointers), so the
// declarations are left out.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>
#include <libxml/relaxng.h>
#include <libxml/xmlsave.h>
#include <string.h>

static inline void argmark_xml_free(void *pointer) { xmlFree(pointer); }

/// Swallows diagnostics: errors are read back with xmlCtxtGetLastError / collected by the caller instead
/// of being printed on stderr by libxml2.
static inline void argmark_silent_structured_error(void *userData, xmlErrorPtr error) {
    (void)userData;
    (void)error;
}

/// What a parse of ArgMark's noticed beyond libxml2's own error records: whether the document declared entities,
/// and the first fatal error (libxml2 keeps only the last, often a "Premature end of data" at the end of the
/// file that the first one caused). Hung off the parser context's `_private`.
typedef struct {
    int refusedEntities;
    int hasFirstError;
    int code;
    int line;
    int column;
    char message[512];
} ArgmarkParseState;

/// Keeps the first fatal error in the context's ArgmarkParseState. It only copies: stopping the parser from inside
/// libxml2's error report frees the input the parser still reads (libxml2 2.9), which crashed on large files.
/// A parser context's structured errors come with its userData, which is the context itself.
static inline void argmark_keep_first_fatal_error(void *userData, xmlErrorPtr error) {
    xmlParserCtxtPtr ctxt = (xmlParserCtxtPtr)userData;
    if (ctxt == NULL || error == NULL || error->level != XML_ERR_FATAL) return;
    ArgmarkParseState *state = (ArgmarkParseState *)ctxt->_private;
    if (state == NULL || state->hasFirstError) return;
    state->hasFirstError = 1;
    state->code = error->code;
    state->line = error->line;
    state->column = error->int2;
    state->message[0] = 0;
    if (error->message != NULL) {
        strncpy(state->message, error->message, sizeof(state->message) - 1);
        state->message[sizeof(state->message) - 1] = 0;
    }
}

/// Marks the context's state and stops the parser at the first entity declaration (a SAX callback, where stopping
/// is safe): ArgMark never expands entities, so an XXE or billion-laughs document ends in an error, not in a
/// file's contents or a hang.
static inline void argmark_refuse_entity_declaration(void *ctx, const xmlChar *name, int type,
                                                     const xmlChar *publicId, const xmlChar *systemId,
                                                     xmlChar *content) {
    (void)name; (void)type; (void)publicId; (void)systemId; (void)content;
    xmlParserCtxtPtr ctxt = (xmlParserCtxtPtr)ctx;
    ArgmarkParseState *state = (ArgmarkParseState *)ctxt->_private;
    if (state != NULL) state->refusedEntities = 1;
    xmlStopParser(ctxt);
}

/// A parser over `size` bytes at `buffer` with `options` that refuses entity declarations and keeps its first
/// fatal error in `state`, which must outlive the parse. With `skip_ids`, xml:id values are not registered in the
/// document's ID table (ArgMark never looks them up there, and registering 10^5 of them costs a tenth of the
/// parse).
static inline xmlParserCtxtPtr argmark_memory_parser(const char *buffer, int size, int options, int skip_ids,
                                                     ArgmarkParseState *state) {
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(buffer, size);
    if (ctxt == NULL) return NULL;
    xmlCtxtUseOptions(ctxt, options);
    if (skip_ids) ctxt->loadsubset |= XML_SKIP_IDS;
    ctxt->sax->serror = argmark_keep_first_fatal_error;
    ctxt->sax->entityDecl = argmark_refuse_entity_declaration;
    /* A DOCTYPE's external DTD is never read (a file, a FIFO that blocks, a network address): libxml2 would load it
       whenever loadsubset is non-zero, and XML_SKIP_IDS makes it so. */
    ctxt->sax->externalSubset = NULL;
    ctxt->_private = state;
    return ctxt;
}

#endif
