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

/// Stops the parser at its first fatal error, so that the error xmlCtxtGetLastError reports is the first one
/// (where the document goes wrong), not a later "Premature end of data" at the end of the file. A parser
/// context's structured errors come with its userData, which is the context itself.
static inline void argmark_stop_at_first_fatal_error(void *userData, xmlErrorPtr error) {
    if (userData != NULL && error != NULL && error->level == XML_ERR_FATAL) xmlStopParser((xmlParserCtxtPtr)userData);
}

/// Marks the context (userData = 1) and stops the parser at the first entity declaration: ArgMark never
/// expands entities, so an XXE or billion-laughs document ends in an error, not in a file's contents or a hang.
static inline void argmark_refuse_entity_declaration(void *ctx, const xmlChar *name, int type,
                                                     const xmlChar *publicId, const xmlChar *systemId,
                                                     xmlChar *content) {
    (void)name; (void)type; (void)publicId; (void)systemId; (void)content;
    xmlParserCtxtPtr ctxt = (xmlParserCtxtPtr)ctx;
    ctxt->_private = (void *)1;
    xmlStopParser(ctxt);
}

/// A parser context that reports errors only through its last error and refuses entity declarations.
static inline xmlParserCtxtPtr argmark_new_parser_context(void) {
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (ctxt == NULL) return NULL;
    ctxt->sax->serror = argmark_silent_structured_error;
    ctxt->sax->entityDecl = argmark_refuse_entity_declaration;
    ctxt->_private = NULL;
    return ctxt;
}

/// A parser over `size` bytes at `buffer` with `options`, set up like argmark_new_parser_context. With
/// `skip_ids`, xml:id values are not registered in the document's ID table (ArgMark never looks them up there,
/// and registering 10^5 of them costs a tenth of the parse).
static inline xmlParserCtxtPtr argmark_memory_parser(const char *buffer, int size, int options, int skip_ids) {
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(buffer, size);
    if (ctxt == NULL) return NULL;
    xmlCtxtUseOptions(ctxt, options);
    if (skip_ids) ctxt->loadsubset |= XML_SKIP_IDS;
    ctxt->sax->serror = argmark_stop_at_first_fatal_error;
    ctxt->sax->entityDecl = argmark_refuse_entity_declaration;
    ctxt->_private = NULL;
    return ctxt;
}

static inline int argmark_parser_refused_entities(xmlParserCtxtPtr ctxt) { return ctxt->_private != NULL; }

#endif
