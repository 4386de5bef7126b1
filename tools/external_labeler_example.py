#!/usr/bin/env python3
"""A tiny external ArgMark labeller speaking the JSON-lines protocol (docs/external-labelers.md).

It labels by a handful of keyword rules; replace `score()` with a call to your own model (a transformer,
say) to plug it into `argmark annotate --external "python3 my_labeller.py"`.

Test switches: --crash-after N exits after N documents, --hang never replies to documents (--ignore-term: and
blocks SIGTERM), --hang-after N replies to N documents and then to none (writing its process id to the file --mark FILE names first; --stall: and stops reading its input), --garbage replies with a non-JSON line, --error replies with an error object, --twice replies twice
to the first document, --logits replies with scores outside [0, 1], --certain with a confidence of exactly 1 (an
integer), --boolean with a confidence of true, --escape-id names itself with a terminal escape sequence, --repeat
answers the first sentence twice, --claims-only declares only claim at the handshake, --both gives a sentence
both scores and a label, --close-output closes its standard output on the first document and goes on running, and
--blank-lines writes blank lines before and after each reply.
"""
import json
import os
import signal
import sys

RULES = [
    ("example", ["例如", "比如", "以", "for example", "for instance"]),
    ("prescription", ["应当", "必须", "需要", "should", "must"]),
    ("evidence", ["据统计", "%", "according to", "percent"]),
    ("background", ["本文", "随着", "this paper", "?", "？"]),
]


def score(text):
    lowered = text.lower()
    for label, cues in RULES:
        if any(cue in lowered for cue in cues):
            return {label: 0.8, "claim": 0.2}
    return {"claim": 0.6, "background": 0.4}


def main():
    args = sys.argv[1:]
    crash_after = int(args[args.index("--crash-after") + 1]) if "--crash-after" in args else None
    if "--ignore-term" in args:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    documents = 0
    for line in sys.stdin:
        request = json.loads(line)
        if request["type"] == "hello":
            reply = {"type": "hello", "protocol": 1,
                     "id": "label.\x1b[2Jexample.v1" if "--escape-id" in args else "label.example-external.v1",
                     "languages": ["zh", "en", "mixed"],
                     "labels": ["claim"] if "--claims-only" in args else ["claim", "evidence", "example", "prescription", "background"],
                     "summary": "example external labeller (keyword rules in Python)"}
        elif request["type"] == "label":
            documents += 1
            if crash_after is not None and documents > crash_after:
                print("example labeller: crashing on purpose", file=sys.stderr)
                sys.exit(3)
            if "--hang" in args:
                continue
            if "--hang-after" in args and documents > int(args[args.index("--hang-after") + 1]):
                # Tells a test where it stands (--mark FILE, which gets its process id), then never replies
                # (--stall: stuck in a call, no longer reading its input either).
                if "--mark" in args:
                    with open(args[args.index("--mark") + 1], "w") as mark:
                        mark.write(str(os.getpid()))
                if "--stall" in args:
                    while True:
                        signal.pause()
                continue
            if "--close-output" in args:
                os.close(1)
                signal.pause()
            if "--garbage" in args:
                print("this is not json", flush=True)
                continue
            if "--error" in args:
                reply = {"type": "error", "message": "model not loaded"}
            else:
                # Echoing the document lets ArgMark check that the reply answers the request.
                reply = {"type": "labels", "document": request["document"], "seq": request.get("seq"),
                         "labels": [{"id": s["id"], "scores": score(s["text"]), "evidence": "keyword rules"}
                                    for s in request["sentences"]]}
                if "--certain" in args:
                    reply["labels"] = [{"id": s["id"], "label": "claim", "confidence": 1} for s in request["sentences"]]
                if "--boolean" in args:
                    reply["labels"] = [{"id": s["id"], "label": "claim", "confidence": True} for s in request["sentences"]]
                if "--logits" in args:
                    reply["labels"] = [{"id": s["id"], "scores": {"claim": 1.2, "evidence": 7.5}} for s in request["sentences"]]
                if "--repeat" in args:
                    reply["labels"].append(reply["labels"][0])
                if "--both" in args:
                    reply["labels"][0]["label"] = "claim"
                if "--twice" in args and documents == 1:
                    # Two replies in one write: the second is already waiting when the next request is sent.
                    sys.stdout.write(json.dumps(reply, ensure_ascii=False) + "\n")
        else:
            reply = {"type": "error", "message": f"unknown request type {request['type']}"}
        if "--blank-lines" in args:
            sys.stdout.write("\n\r\n")
        print(json.dumps(reply, ensure_ascii=False), flush=True)
        if "--blank-lines" in args:
            print("", flush=True)


if __name__ == "__main__":
    main()
