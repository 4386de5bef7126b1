// libedit (BSD-licensed) through its readline-compatible interface: line editing and history for
// `argmark review` on a terminal.
#ifndef ARGMARK_CLIBEDIT_SHIM_H
#define ARGMARK_CLIBEDIT_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <editline/readline.h>

static inline void argmark_free_line(char *line) { free(line); }

/* Ctrl-C at the prompt abandons the line being typed, as in a shell, rather than ending the session: the handler
   only notes it (async-signal-safe), and libedit, whose read the signal interrupts, gives up the line. The kernel may
   hand the signal to any thread that does not block it (the review runs on one of Swift's worker threads, not
   necessarily the main one): a thread other than the one reading passes it on to the reader. */
#include <pthread.h>
#include <signal.h>
#include <string.h>
static volatile sig_atomic_t argmark_interrupted = 0;
static volatile sig_atomic_t argmark_reading = 0; /* set with release after the reader is stored */
/* The reading thread, kept where Swift's import of this header emits it (a plain static of this type it does not). */
static inline pthread_t *argmark_reader(void) {
    static pthread_t reader = 0;
    return &reader;
}
static inline void argmark_note_interrupt(int signal) {
    argmark_interrupted = 1;
    if (__atomic_load_n(&argmark_reading, __ATOMIC_ACQUIRE) && !pthread_equal(pthread_self(), *argmark_reader()))
        pthread_kill(*argmark_reader(), signal);
}
/* readline with Ctrl-C abandoning the line: the handler is ArgMark's only while a line is read (a ^C during a long
   command ends the session as before, the journal holding its edits), and SIGINT is unblocked for the read (a parent
   that blocked it, a test runner or an IDE's terminal, passes the mask on). */
static inline char *argmark_readline(const char *prompt) {
    struct sigaction action, previousAction;
    memset(&action, 0, sizeof action);
    action.sa_handler = argmark_note_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; /* no SA_RESTART: the terminal read returns */
    sigset_t interrupts, previousMask;
    sigemptyset(&interrupts);
    sigaddset(&interrupts, SIGINT);
    *argmark_reader() = pthread_self();
    __atomic_store_n(&argmark_reading, 1, __ATOMIC_RELEASE);
    sigaction(SIGINT, &action, &previousAction);
    pthread_sigmask(SIG_UNBLOCK, &interrupts, &previousMask);
    char *line = readline(prompt);
    pthread_sigmask(SIG_SETMASK, &previousMask, NULL);
    sigaction(SIGINT, &previousAction, NULL);
    __atomic_store_n(&argmark_reading, 0, __ATOMIC_RELEASE);
    return line;
}
/* Whether Ctrl-C was pressed since the last call. */
static inline int argmark_take_interrupt(void) {
    return __atomic_exchange_n(&argmark_interrupted, 0, __ATOMIC_ACQ_REL);
}
#endif
