#!/usr/bin/env python3
"""Checks that Ctrl-C at `argmark review`'s prompt abandons the line being typed and the session goes on, as at a
shell's prompt, on a real pseudo-terminal (the test suite's runner cannot give the review one it delivers ^C to).

usage: tools/check_review_interrupt.py [ARGMARK_BINARY]   (default .build/release/argmark; needs util-linux setsid)
Exit status 0 when the session survived the ^C with the half-typed edit abandoned, 1 otherwise.
"""
import os
import pty
import select
import shutil
import subprocess
import sys
import tempfile
import time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build/release/argmark"))
work = tempfile.mkdtemp()
try:
    document = os.path.join(work, "sample.zh.jsonl")
    shutil.copy(os.path.join(root, "Tests/ArgMarkReviewTests/Fixtures/sample.zh.jsonl"), document)
    master, slave = pty.openpty()
    # setsid -c: the pseudo-terminal becomes the review's controlling terminal, so ^C typed into it is its SIGINT.
    review = subprocess.Popen(
        ["setsid", "-w", "-c", binary, "review", document, "--annotator", "check"],
        stdin=slave, stdout=slave, stderr=slave,
        env={"TERM": "dumb", "LANG": "C.UTF-8", "NO_COLOR": "1", "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
             "ARGMARK_MODELS": os.path.join(root, "Models")})
    os.close(slave)
    transcript = ""
    seen = 0

    def read_until(marker, seconds=180):
        """Reads until `marker` appears after the last marker found."""
        global transcript, seen
        deadline = time.time() + seconds
        while marker not in transcript[seen:] and time.time() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    transcript += os.read(master, 4096).decode("utf-8", "replace")
                except OSError:
                    break
        found = transcript.find(marker, seen)
        if found < 0:
            return False
        seen = found + len(marker)
        return True

    # The prompt: libedit has the terminal (a debug build under a parallel test run takes a while to open).
    ok = read_until("s2> ")
    os.write(master, b"label s3 evidence")
    ok = ok and read_until("label s3 evidence")
    # The prompt again (libedit discards what is typed before it takes the terminal back). On a loaded machine the
    # first ^C can land before libedit waits for input, and is then seen at the next key, as at a real terminal:
    # press it again, as a person would.
    interrupted = False
    for _ in range(5):
        os.write(master, b"\x03")
        if read_until("s2> ", seconds=10):
            interrupted = True
            break
    ok = ok and interrupted
    os.write(master, b"stats\r")
    ok = ok and read_until("unsaved edits 0")
    os.write(master, b"quit!\r")
    status = review.wait(timeout=180)
    if ok and status == 0 and "error:" not in transcript:
        print("ok: ^C abandoned the half-typed edit and the session went on")
        sys.exit(0)
    print("FAILED (exit status %s):\n%s" % (status, transcript), file=sys.stderr)
    sys.exit(1)
finally:
    shutil.rmtree(work, ignore_errors=True)
