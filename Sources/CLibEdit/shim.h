// libedit (BSD-licensed) through its readline-compatible interface: line editing and history for
// `argmark review` on a terminal.
#ifndef ARGMARK_CLIBEDIT_SHIM_H
#define ARGMARK_CLIBEDIT_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <editline/readline.h>

static inline void argmark_free_line(char *line) { free(line); }
#endif
