"""Reading a rule folder: ``groups.toml`` (country groups, phrase sets, synonyms) and every rule
file (``*.toml``, sub-folders included), checked and compiled into one
:class:`~shipdesk.core.screening.ruleset.RuleSet`.

:func:`compile_folder` checks every field (the schema is in
:mod:`~shipdesk.core.screening.rule_schema`), rule ids unique across files and ``supersedes``
naming known rules without cycles; anything wrong raises
:class:`~shipdesk.core.errors.DataError` naming the file and the rule.

:func:`compile_local` reads the user's local rules, which can only add findings to a set: a
local rule may not veto, supersede, reuse the id of a rule of the set (so it cannot replace or
weaken one) or change the country groups and synonyms.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from shipdesk.core import bundles
from shipdesk.core.errors import DataError, InputError
from shipdesk.core.nesting import load_toml
from shipdesk.core.screening import article_goods, article_goods_schema
from shipdesk.core.screening.phrases import normalise
from shipdesk.core.screening.reading import Reading
from shipdesk.core.screening.reading_schema import reading_table
from shipdesk.core.screening.rule_schema import (
    CC_RE,
    FILE_FIELDS,
    GROUP_FILE_FIELDS,
    SCHEMA,
    Problems,
    customer_sentences,
    date_field,
    rule_from_table,
    str_list,
    unknown_fields,
)
from shipdesk.core.screening.ruleset import Rule, RuleFile, RuleSet


def _read_toml(path: Path, rel: str) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(f"invalid rule data: {rel}: cannot be read ({exc})") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataError(
            f"invalid rule data: {rel}: line {line}: not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
            "rule files are UTF-8"
        ) from None
    try:
        return load_toml(text, rel)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"invalid rule data: {rel}: not valid TOML ({exc})") from exc
    except InputError as exc:  # nested too deeply, a lone surrogate
        raise DataError(f"invalid rule data: {exc}") from None


def refuse_links(folder: Path) -> None:
    """InputError naming ``folder`` and the link when a symbolic link is inside: a rule folder
    holds plain files only (a link can loop forever or pull in files from elsewhere)."""
    bundles.refuse_links(folder, "rule")


def _rule_file(path: Path, rel: str, probs: Problems) -> tuple[dict[str, Any], list[Any]]:
    """A rule file's table and its ``[[rules]]``, the header and top-level fields checked."""
    data = _read_toml(path, rel)
    _check_header(data, rel, probs)
    unknown_fields(data, FILE_FIELDS - {"groups"}, rel, probs)
    raw_rules = data.get("rules", [])
    if not isinstance(raw_rules, list):
        probs.add(rel, "'rules' must be an array of tables ([[rules]])")
        raw_rules = []
    return data, raw_rules


def _check_header(data: dict[str, Any], rel: str, probs: Problems) -> None:
    if data.get("schema") != SCHEMA:
        probs.add(rel, f"'schema' must be {SCHEMA!r}")
    for key in ("file_version", "date"):
        if not isinstance(data.get(key), str | date):
            probs.add(rel, f"'{key}' is required (every rule file is versioned and dated)")
    date_field(str(data.get("date", "")), rel, "date", probs)


def _cycles(rules: list[Rule]) -> list[list[str]]:
    graph = {r.id: [s for s in r.supersedes] for r in rules}
    state: dict[str, int] = {}
    found: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                found.append([*stack[stack.index(nxt) :], nxt])
            elif nxt in graph and state.get(nxt) is None:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for rid in graph:
        if rid not in state:
            visit(rid, [])
    return found


def compile_folder(folder: str | Path, *, origin: str = "shipped", eager: bool = False) -> RuleSet:
    """Read, validate and compile every rule file under ``folder``.

    With ``eager`` every regular expression is built now; otherwise on first use (faster start).
    """
    base = Path(folder)
    if not base.is_dir():
        raise DataError(f"rule folder not found: {base}")
    probs = Problems(eager)
    groups: dict[str, frozenset[str]] = {}
    phrase_sets: dict[str, list[str]] = {}
    synonyms: dict[str, str] = {}
    stated_synonyms: dict[str, str] = {}
    synonym_tails: dict[str, str] = {}
    tail_exceptions: tuple[str, ...] = ()
    customer: dict[str, dict[str, dict[str, str]]] = {}
    reading = Reading()
    dataset_version = ""
    gpath = base / "groups.toml"
    if gpath.exists():
        gdata = _read_toml(gpath, "groups.toml")
        _check_header(gdata, "groups.toml", probs)
        unknown_fields(gdata, GROUP_FILE_FIELDS, "groups.toml", probs)
        dataset_version = str(gdata.get("dataset_version", ""))
        for name, members in (gdata.get("groups") or {}).items():
            codes = str_list(members, f"groups.toml: group {name}", "members", probs)
            bad = [c for c in codes if not CC_RE.match(c)]
            if bad:
                probs.add(f"groups.toml: group {name}", f"bad country codes {bad}")
            groups[name] = frozenset(codes)
        synonyms = _synonym_table(gdata, "synonyms", probs)
        stated_synonyms = _synonym_table(gdata, "stated_synonyms", probs)
        synonym_tails, tail_exceptions = _synonym_tails(gdata, probs)
        for name, phrases in (gdata.get("phrase_sets") or {}).items():
            phrase_sets[name] = str_list(phrases, f"groups.toml: phrase set {name}", "", probs)
        if "customer" in gdata:  # optional: without it, findings have no customer sentence
            customer = customer_sentences(gdata["customer"], "groups.toml", probs)
        if "reading" in gdata:  # optional: without it, no accessory, modifier or negation reading
            reading = reading_table(gdata["reading"], "groups.toml", probs)
    if not dataset_version:
        probs.add("groups.toml", "'dataset_version' is required in groups.toml")
    files: list[RuleFile] = []
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    goods = None
    goods_path = base / article_goods.FILE_NAME
    if goods_path.is_file():
        goods = article_goods_schema.read_article_goods(
            _read_toml(goods_path, goods_path.name), goods_path.name, probs
        )
    paths = sorted(p for p in base.rglob("*.toml") if p.name != "groups.toml" and p != goods_path)
    if not paths:
        probs.add(str(base), "no rule files (*.toml)")
    for path in paths:
        rel = path.relative_to(base).as_posix()
        data, raw_rules = _rule_file(path, rel, probs)
        ids = []
        for i, rd in enumerate(raw_rules):
            rule = rule_from_table(rd, rel, i, groups, probs, phrase_sets)
            if rule is None:
                continue
            if rule.id in seen:
                probs.add(f"{rel}: rule {rule.id}", f"duplicate id (also in {seen[rule.id]})")
                continue
            seen[rule.id] = rel
            ids.append(rule.id)
            rules.append(rule)
        files.append(
            RuleFile(
                rel,
                str(data.get("file_version", "")),
                str(data.get("date", "")),
                str(data.get("title", "")),
                ids,
            )
        )
    for r in rules:
        for s in r.supersedes:
            if s not in seen:
                probs.add(f"{r.file}: rule {r.id}", f"supersedes unknown rule {s!r}")
            if s == r.id:
                probs.add(f"{r.file}: rule {r.id}", "supersedes itself")
    for r in rules:
        for concept in r.negated_by:
            if concept not in reading.negations:
                probs.add(
                    f"{r.file}: rule {r.id}", f"'negated_by' names an unknown concept {concept!r}"
                )
    if goods is not None:
        article_goods_schema.check_rules(goods, set(seen), goods_path.name, probs)
    for cyc in _cycles(rules):
        if len(cyc) > 2:
            first = seen.get(cyc[0], "?")
            probs.add(f"{first}: rule {cyc[0]}", "cycle in supersedes: " + " -> ".join(cyc))
    probs.raise_if_any()
    return RuleSet(
        dataset_version,
        files,
        rules,
        groups,
        origin=origin,
        folder=str(base),
        synonyms=synonyms,
        stated_synonyms=stated_synonyms,
        synonym_tails=synonym_tails,
        tail_exceptions=tail_exceptions,
        customer=customer,
        reading=reading,
        article_goods=goods,
    )


LOCAL_FORBIDDEN = {
    "veto": "a local rule cannot have a 'veto' (local rules can only add findings)",
    "veto_sets": "a local rule cannot have 'veto_sets' (local rules can only add findings)",
    "supersedes": "a local rule cannot supersede another rule (local rules can only add findings)",
    "negated_by": "a local rule cannot have 'negated_by' (local rules can only add findings)",
}


def compile_local(
    folder: str | Path, base: RuleSet, *, reserved: set[str] | None = None, eager: bool = False
) -> tuple[list[RuleFile], list[Rule]]:
    """Read and check the user's local rule files under ``folder`` against the set ``base``
    they are added to (its country groups apply); returns their files and rules, marked local.

    Refused, naming the file and the rule: a veto or ``veto_sets``, ``supersedes``, an id of a
    rule in ``base`` or in ``reserved`` (the shipped ids), and a ``groups.toml``.
    """
    root = Path(folder)
    probs = Problems(eager)
    taken = set(base.by_id) | (reserved or set())
    files: list[RuleFile] = []
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    # the rule files' own problems first, then the set-wide files a local folder may not hold
    paths = (
        sorted(root.rglob("*.toml"), key=lambda p: (p.name == article_goods.FILE_NAME, p))
        if root.is_dir()
        else []
    )
    if not paths:
        probs.add(str(root), "no rule files (*.toml)")
    for path in paths:
        rel = path.relative_to(root).as_posix()
        if path.name in ("groups.toml", article_goods.FILE_NAME):
            probs.add(
                rel,
                "local rules cannot change the country groups, phrase sets, synonyms or the "
                "goods read from the article",
            )
            continue
        data, raw_rules = _rule_file(path, rel, probs)
        ids = []
        for i, rd in enumerate(raw_rules):
            if isinstance(rd, dict):
                where = f"{rel}: rule {rd.get('id', f'#{i + 1}')}"
                for name, message in LOCAL_FORBIDDEN.items():
                    if name in rd:
                        probs.add(where, message)
                rd = {k: v for k, v in rd.items() if k not in LOCAL_FORBIDDEN}
            rule = rule_from_table(rd, rel, i, base.groups, probs, {})
            if rule is None:
                continue
            if rule.id in taken:
                probs.add(
                    f"{rel}: rule {rule.id}",
                    "a local rule cannot replace or change a shipped rule (give it a new id)",
                )
                continue
            if rule.id in seen:
                probs.add(f"{rel}: rule {rule.id}", f"duplicate id (also in {seen[rule.id]})")
                continue
            seen[rule.id] = rel
            rule.local = True
            rule.file = f"local/{rel}"
            ids.append(rule.id)
            rules.append(rule)
        if not raw_rules:
            probs.add(rel, "no rules ([[rules]]) in this local rule file")
        files.append(
            RuleFile(
                f"local/{rel}",
                str(data.get("file_version", "")),
                str(data.get("date", "")),
                str(data.get("title", "")),
                ids,
                local=True,
            )
        )
    probs.raise_if_any()
    return files, rules


def _synonym_table(gdata: dict[str, Any], name: str, probs: Problems) -> dict[str, str]:
    """``groups.toml`` ``[synonyms]`` or ``[stated_synonyms]``: phrase = English phrase, keyed
    by the phrase's words, each marked as an exact form."""
    raw = gdata.get(name) or {}
    if not isinstance(raw, dict):
        probs.add("groups.toml", f"'{name}' must be a table of phrase = English phrase")
        return {}
    out: dict[str, str] = {}
    for key, value in raw.items():
        if not isinstance(value, str) or not normalise(value) or not normalise(key):
            label = name.replace("_", " ").removesuffix("s")
            probs.add("groups.toml", f"{label} {key!r} must map to a non-empty string")
            continue
        out["=" + " =".join(normalise(key).split())] = normalise(value)
    return out


def _synonym_tails(
    gdata: dict[str, Any], probs: Problems
) -> tuple[dict[str, str], tuple[str, ...]]:
    """``groups.toml`` ``[synonym_tails]`` (a German compound's last part = English) and
    ``synonym_tail_exceptions`` (word endings that are no such compound), each a single word."""
    raw = gdata.get("synonym_tails") or {}
    if not isinstance(raw, dict):
        probs.add("groups.toml", "'synonym_tails' must be a table of word ending = English phrase")
        raw = {}
    tails: dict[str, str] = {}
    for key, value in raw.items():
        tail = normalise(str(key))
        if not isinstance(value, str) or not normalise(value) or not tail.isalpha():
            probs.add("groups.toml", f"synonym tail {key!r} must be one word mapping to a phrase")
            continue
        tails[tail] = normalise(value)
    listed = str_list(
        gdata.get("synonym_tail_exceptions"), "groups.toml", "synonym_tail_exceptions", probs
    )
    exceptions = tuple(normalise(w) for w in listed)
    for w in exceptions:
        if not w.isalpha():
            probs.add("groups.toml", f"synonym tail exception {w!r} must be one word")
    return tails, exceptions
