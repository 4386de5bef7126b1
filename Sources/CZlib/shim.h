// zlib (Debian zlib1g-dev): raw deflate, for the parts of a .docx (a ZIP archive).
#ifndef ARGMARK_CZLIB_SHIM_H
#define ARGMARK_CZLIB_SHIM_H
#include <zlib.h>

/// inflateInit2 is a macro, which Swift cannot call: a raw-deflate stream (no zlib header), as ZIP stores it.
static inline int argmark_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -MAX_WBITS);
}
#endif
