// libedit (BSD-licensed) through its readline-compatible interface: line editing and history for
// `argmark review` on a terminal.
#ifndef ARGMARK_CLIBEDIT_SHIM_H
#define ARGMARK_CLIBEDIT_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <editline/readline.h>

static inline void argmark_free_line(char *line) { free(line); }

/* Ctrl-C at the prompt abandons the line being typed, as in a shell, rather than ending the session: the handler
   only notes it (async-signal-safe), and libedit, whose read the signal interrupts, gives up the line. */
#include <signal.h>
#include <string.h>
static volatile sig_atomic_t argmark_interrupted = 0;
static inline void argmark_note_interrupt(int signal) { (void)signal; argmark_interrupted = 1; }
static inline void argmark_catch_interrupts(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = argmark_note_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; /* no SA_RESTART: the terminal read returns */
    sigaction(SIGINT, &action, NULL);
}
/* Whether Ctrl-C was pressed since the last call. */
static inline int argmark_take_interrupt(void) {
    int was = argmark_interrupted;
    argmark_interrupted = 0;
    return was;
}
#endif
