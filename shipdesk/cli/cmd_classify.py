"""``classify TEXT... [--top N] [--json]`` and ``classify --batch [--top N]``.

Suggests HS 2022 subheadings for an item description. ``--batch`` reads one description a line
on stdin and writes one JSON object a line on stdout: ``{"query", "suggestions": [...]}``.
"""

from __future__ import annotations

import argparse
import json
import queue
import sys
import threading
from collections.abc import Iterator
from typing import TextIO

from shipdesk.core.errors import InputError
from shipdesk.core.services import Workspace, classification, open_workspace

MAX_TOP = 50
CHUNK = 256  # lines of --batch worked on together


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "classify",
        help="suggest HS 2022 codes for an item description",
        description="Suggest HS 2022 subheadings for an item description (best first).",
    )
    p.add_argument("text", nargs="*", metavar="TEXT", help="the item description")
    p.add_argument("--top", type=int, default=5, help="how many suggestions (default 5)")
    p.add_argument("--json", action="store_true", help="print the CONTRACT JSON object")
    p.add_argument(
        "--batch",
        action="store_true",
        help="read one description a line on stdin, write one JSON object a line",
    )
    p.set_defaults(func=run)


def _chunks(stream: TextIO, size: int) -> Iterator[list[str]]:
    """The lines of ``stream`` in lists of at most ``size``: the lines that have arrived.

    A file is read ahead by at most ``size`` lines while a chunk is worked on, so memory does
    not grow with the input; a caller that writes one line and waits for its answer gets it
    at once. An error reading the stream is raised after the lines before it.
    """
    lines: queue.Queue[str | BaseException | None] = queue.Queue(maxsize=size)

    def read() -> None:
        try:
            for line in stream:
                lines.put(line)
        except BaseException as exc:  # handed to the reading thread, raised there
            lines.put(exc)
            return
        lines.put(None)

    threading.Thread(target=read, name="classify-stdin", daemon=True).start()
    while True:
        item = lines.get()
        chunk: list[str] = []
        while isinstance(item, str):
            chunk.append(item)
            if len(chunk) >= size:
                break
            try:
                item = lines.get_nowait()
            except queue.Empty:
                break
        if chunk:
            yield chunk
        if isinstance(item, BaseException):
            raise item
        if item is None:
            return


def _dotted(code: str) -> str:
    if len(code) == 6:
        return f"{code[:4]}.{code[4:]}"
    if len(code) > 6:
        return f"{code[:4]}.{code[4:6]}.{code[6:]}"
    return code


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.top <= MAX_TOP:
        raise InputError(f"--top must be between 1 and {MAX_TOP}")

    with open_workspace() as ws:
        return _run(args, ws)


def _run(args: argparse.Namespace, ws: Workspace) -> int:
    if args.batch:
        if args.text:
            raise InputError("give descriptions on stdin with --batch, not as arguments")
        bad = 0
        number = 0  # lines before the chunk
        cache = classification.SuggestionCache()
        for chunk in _chunks(sys.stdin, CHUNK):
            queries = [line.rstrip("\r\n") for line in chunk]
            errors: dict[int, str] = {}
            todo: list[int] = []
            for i, query in enumerate(queries):
                if not query.strip():
                    continue
                try:
                    classification.check_query(query)
                except InputError as exc:  # an over-long line is answered, and the batch goes on
                    errors[i] = f"line {number + i + 1}: {exc}"
                    continue
                todo.append(i)
            found = classification.suggest_many(ws, [queries[i] for i in todo], args.top, cache)
            by_line = dict(zip(todo, found))
            for i, query in enumerate(queries):
                out: dict[str, object]
                if i in errors:
                    out = {"error": errors[i]}
                else:
                    items = by_line.get(i, [])
                    out = {"query": query, "suggestions": [s.to_json() for s in items]}
                sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
            number += len(queries)
            bad += len(errors)
            sys.stdout.flush()
        if bad:
            print(f"shipdesk classify: {bad} input line(s) rejected", file=sys.stderr)
            return 2
        return 0
    text = " ".join(args.text).strip()
    if not text:
        raise InputError('give an item description, e.g. classify "cotton t-shirt"')
    res = classification.search(ws, text, args.top)
    if args.json:
        out = {"query": text, "suggestions": [s.to_json() for s in res.suggestions]}
        print(json.dumps(out, ensure_ascii=False))
        return 0
    if res.corrections:
        print(f"Read as: {res.interpreted}")
    if not res.suggestions:
        print(f"No suggestion for {text!r}.")
        return 0
    print(f"Suggestions for {text!r} (confirm before use; best first):")
    for i, s in enumerate(res.suggestions, 1):
        print(f"{i:2}. {_dotted(s.code):<14} {s.confidence:<6} {s.source:<12} {s.description}")
        if len(s.code) == 6:
            print(
                f"    {s.chapter} {_short(s.chapter_description)} > "
                f"{s.heading} {_short(s.heading_description)}"
            )
        if s.reason:
            print(f"    by {s.reason}")
        for ex in s.evidence:
            print(f"    like {ex.citation()}")
    qs = classification.questions(classification.suggest(ws, text, 10))
    if qs:
        q = qs[0]
        answers = " / ".join(f"{a.label} ({a.count})" for a in q.answers)
        print(f"Deciding question: {q.text} {answers}")
    return 0
