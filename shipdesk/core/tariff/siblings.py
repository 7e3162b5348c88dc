"""Choosing between sibling subheadings by what their texts say and the description states.

Within a heading the subheadings differ by one fact: the material ("of cotton", "of man-made
fibres"), or an attribute one of them has and another excludes ("decaffeinated" against "not
decaffeinated"). The fused ranking reads the article and often finds the heading, but may put
the wrong sibling first. Two rules put it right, among the first candidates only:

- **material**: a subheading that names materials of which the description states none ("of
  cotton" for a polyester blouse, "of porcelain or china" for a stoneware mug) comes after a
  subheading of the same chapter that names the stated material or none ("of textile
  materials (other than cotton)", "ceramic tableware other than of porcelain");
- **stated or not** (same heading): a subheading that requires a word the description does not state
  ("decaffeinated") comes after a sibling that excludes it ("not decaffeinated"), and one that
  excludes a word the description states comes after the sibling that requires it ("filled
  chocolates" are not "not filled"); an unstated word does not overrule the first code of the
  vocabulary concept the description names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from shipdesk.core.tariff.textutil import STOPWORDS

# the ranked lists that read the shop terms (ranking.Engine.rank)
SHOP = frozenset({"vocab", "near", "vocab_fts", "head"})
WINDOW = 5  # candidates considered: a sibling is only moved up among the first ones

# Material named in a description -> material keys. A description word may name several.
QUERY_MATERIALS: dict[str, frozenset[str]] = {
    **dict.fromkeys(["cotton", "denim"], frozenset({"cotton"})),
    **dict.fromkeys(
        ["wool", "woollen", "woolen", "merino", "lambswool", "alpaca", "mohair", "angora"],
        frozenset({"wool"}),
    ),
    "cashmere": frozenset({"wool", "kashmir"}),
    **dict.fromkeys(
        [
            "polyester",
            "elastane",
            "spandex",
            "lycra",
            "polypropylene",
            "microfibre",
            "microfiber",
        ],
        frozenset({"synthetic"}),
    ),
    **dict.fromkeys(["acrylic", "polyamide", "nylon"], frozenset({"synthetic", "plastics"})),
    **dict.fromkeys(
        ["viscose", "rayon", "modal", "lyocell", "tencel", "cupro"], frozenset({"artificial"})
    ),
    "silk": frozenset({"silk"}),
    "flax": frozenset({"flax"}),
    "linen": frozenset({"flax"}),
    **dict.fromkeys(["leather", "suede", "nubuck"], frozenset({"leather"})),
    **dict.fromkeys(
        ["plastic", "plastics", "pvc", "silicone", "polycarbonate", "abs", "polyurethane"],
        frozenset({"plastics"}),
    ),
    "rubber": frozenset({"rubber"}),
    **dict.fromkeys(
        ["canvas", "fabric", "textile", "felt", "jute", "satin"], frozenset({"textile"})
    ),
    **dict.fromkeys(["porcelain", "china"], frozenset({"porcelain"})),
    **dict.fromkeys(
        ["stoneware", "earthenware", "terracotta", "ceramic", "ceramics"],
        frozenset({"ceramic"}),
    ),
    "glass": frozenset({"glass"}),
    **dict.fromkeys(["stainless", "steel", "iron"], frozenset({"steel"})),
    **dict.fromkeys(["aluminium", "aluminum"], frozenset({"aluminium"})),
    **dict.fromkeys(["peva", "tpu", "vinyl", "melamine"], frozenset({"plastics"})),
    **dict.fromkeys(
        ["wood", "wooden", "oak", "beech", "birch", "acacia", "ash", "maple"], frozenset({"wood"})
    ),
    **dict.fromkeys(["teak", "mahogany", "rosewood", "ebony"], frozenset({"wood", "tropical"})),
    "bamboo": frozenset({"bamboo"}),
    "metal": frozenset({"steel", "aluminium", "copper"}),
    **dict.fromkeys(["copper", "brass", "bronze"], frozenset({"copper"})),
}
# Material words of German, French, Spanish, Italian, Dutch and Polish (folded), and how they
# read in English: the material decides between headings in every language ("Gomme plastique"
# is a plastic eraser, "Braadpan gietijzer" cast iron, "Aardewerk koffiemok" earthenware).
FOREIGN_MATERIALS: dict[str, str] = {
    **dict.fromkeys(["baumwolle", "coton", "algodon", "cotone", "katoen", "katoenen"], "cotton"),
    **dict.fromkeys(["wolle", "laine", "lana", "wol", "wollen"], "wool"),
    **dict.fromkeys(["seide", "soie", "seda", "seta", "zijde", "zijden"], "silk"),
    **dict.fromkeys(["leinen", "lin", "lino", "linnen"], "linen"),
    **dict.fromkeys(
        ["leder", "cuir", "cuero", "pelle", "leer", "leren", "skora", "skorzany", "skorzana"],
        "leather",
    ),
    # imitation leather in one word: plastics sheeting
    **dict.fromkeys(
        ["kunstleder", "kunstleer", "similicuir", "simili", "ecopelle", "polipiel", "skaj"],
        "faux leather",
    ),
    **dict.fromkeys(
        ["kunststoff", "plastique", "plastico", "plastica", "plastik", "tworzywo"], "plastic"
    ),
    **dict.fromkeys(["glas", "verre", "vidrio", "vetro", "glazen"], "glass"),
    **dict.fromkeys(
        ["porzellan", "porcelaine", "porcelana", "porcellana", "porselein"], "porcelain"
    ),
    **dict.fromkeys(
        [
            "keramik",
            "ceramique",
            "ceramica",
            "keramiek",
            "ceramika",
            "steingut",
            "gres",
            "aardewerk",
            "steengoed",
            "faience",
            "terracotta",
        ],
        "stoneware",
    ),
    **dict.fromkeys(["edelstahl", "inox", "acero", "acciaio", "rvs", "roestvrij"], "stainless"),
    **dict.fromkeys(["stahl", "acier", "staal"], "steel"),
    **dict.fromkeys(
        ["gusseisen", "fonte", "ghisa", "gietijzer", "gietijzeren", "zeliwo", "zeliwny"],
        "cast iron",
    ),
    **dict.fromkeys(["alu", "aluminio", "alluminio", "aluminiowy", "aluminiowe"], "aluminium"),
    **dict.fromkeys(
        ["holz", "bois", "madera", "legno", "hout", "houten", "drewno", "drewniany", "drewniane"],
        "wood",
    ),
    **dict.fromkeys(["bambus", "bambou", "bambu", "bamboe"], "bamboo"),
    **dict.fromkeys(
        [
            "emailliert",
            "emaille",
            "emaillee",
            "esmaltado",
            "smaltato",
            "geemailleerd",
            "emaliowany",
        ],
        "enamelled",
    ),
}
# A material at the start of a German or Dutch compound ("Wollpullover", "Leinenhose",
# "Baumwollsocken", "Lederhandschuhe", "Kaschmirschal", "katoenen", "linnen"), longest first
COMPOUND_MATERIALS: tuple[tuple[str, frozenset[str]], ...] = (
    ("baumwoll", frozenset({"cotton"})),
    ("kaschmir", frozenset({"wool", "kashmir"})),
    ("merinowoll", frozenset({"wool"})),
    ("schurwoll", frozenset({"wool"})),
    ("polyester", frozenset({"synthetic"})),
    ("katoen", frozenset({"cotton"})),
    ("seiden", frozenset({"silk"})),
    ("leinen", frozenset({"flax"})),
    ("linnen", frozenset({"flax"})),
    ("zijden", frozenset({"silk"})),
    ("wollen", frozenset({"wool"})),
    ("leder", frozenset({"leather"})),
    ("woll", frozenset({"wool"})),
)
# "faux leather", "PU leather", "imitation leather": plastics sheeting, not leather
FAUX = frozenset(
    [
        *("faux", "pu", "vegan", "imitation", "synthetic", "artificial", "fake", "eco"),
        *("leatherette", "kunst"),
    ]
)  # before "leather"
# ... after "leather", as the Romance languages and Polish name it, read in English words
FAUX_AFTER = frozenset(
    [
        *("synthetic", "artificial", "imitation", "eco", "ecological", "organic", "vegan"),
        *("faux", "synthetique", "sintetica", "sintetico", "artificiale", "vegano", "vegana"),
        *("ecologica", "ekologiczna", "ekologiczny", "syntetyczna", "syntetyczny"),
    ]
)
# "bed linen", "table linen": the goods, not the fibre
LINEN_GOODS = frozenset(["bed", "table", "kitchen", "toilet"])

# Material named in a subheading text -> material key (whole words of the text, lower case)
TEXT_MATERIALS: dict[str, frozenset[str]] = {
    "cotton": frozenset({"cotton"}),
    "wool": frozenset({"wool"}),
    "kashmir": frozenset({"kashmir"}),
    "synthetic": frozenset({"synthetic"}),
    "artificial": frozenset({"artificial"}),
    "man-made": frozenset({"synthetic", "artificial"}),
    "silk": frozenset({"silk"}),
    "flax": frozenset({"flax"}),
    "leather": frozenset({"leather"}),
    "plastics": frozenset({"plastics"}),
    "plastic": frozenset({"plastics"}),
    "rubber": frozenset({"rubber"}),
    "textile": frozenset({"textile", "cotton", "wool", "synthetic", "artificial", "silk", "flax"}),
    "porcelain": frozenset({"porcelain"}),
    "glass": frozenset({"glass"}),
    "steel": frozenset({"steel"}),
    "iron": frozenset({"steel"}),
    "aluminium": frozenset({"aluminium"}),
    "ceramic": frozenset({"ceramic"}),
    "wooden": frozenset({"wood"}),
    "tropicalwood": frozenset({"tropical"}),
    "bamboo": frozenset({"bamboo"}),
    "metal": frozenset({"steel", "aluminium", "copper"}),
    "copper": frozenset({"copper"}),
    "sisal": frozenset({"agave"}),
    "agave": frozenset({"agave"}),
}
# a text naming one of these names a kind of the other material of its heading ("of wood; of
# bamboo" is bamboo, not any wood)
SPECIFIC = {"bamboo": "wood", "tropical": "wood", "porcelain": "ceramic"}
# what a subheading excludes: "(other than cotton)", "excluding ...", "not decaffeinated"
_OPTIONAL = re.compile(r"\bwhether or not\b[^;()]*")
_EXCLUSION = re.compile(r"(?<!whether or )\b(?:other than|excluding|except|not)\b[^;,()]*")
_PAREN = re.compile(r"\(([^()]*)\)")
_WORD = re.compile(r"[a-z][a-z-]*[a-z]")


def _stem(w: str) -> str:
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def text_words(text: str) -> frozenset[str]:
    """The content words of ``text`` (three letters or more, hyphenated words split, plurals
    folded: "intake air filters" -> intake, air, filter; "dictionaries" -> dictionary)."""
    out = set()
    for w in re.findall(r"[a-z]+", text.lower()):
        if len(w) < 3 or w in STOPWORDS or w in _SKIP:
            continue
        out.add(w[:-3] + "y" if len(w) > 4 and w.endswith("ies") else _stem(w))
    return frozenset(out)


@dataclass(frozen=True)
class SubheadingText:
    materials: frozenset[str]  # material keys the text names (not those it excludes)
    required: frozenset[str]  # content words the text names
    # the words of the text's one-word exclusions ("not decaffeinated", "other than
    # smartphones"); a longer one ("not fitted with connectors") is too specific to judge
    excluded: frozenset[str]
    # the materials the text excludes ("not of bamboo or tropical wood")
    unwanted: frozenset[str] = frozenset()
    # the materials the text names by their own word ("of artificial fibres"), not only among
    # "textile materials"
    own: frozenset[str] = frozenset()
    # the one word of an exclusion, short or longer, that the text does not name besides
    # ("electric" of "Blankets (other than electric blankets)"): a sibling that names such a
    # word the description states comes first
    excluded_stated: frozenset[str] = frozenset()


_SKIP = frozenset({"other", "than", "excluding", "except", "knitted", "crocheted", "whether"})


def _content(text: str) -> set[str]:
    return {
        _stem(w)
        for w in _WORD.findall(text)
        if w not in STOPWORDS and len(w) > 3 and w not in _SKIP
    }


def read_subheading(description: str) -> SubheadingText:
    # "tropical wood" is one material, "precious metal" none of the base metals
    text = (
        description.lower()
        .replace("tropical wood", "tropicalwood")
        .replace("precious metal", "precious-metal")
    )
    # wood as the material of the goods ("of wood"), not what a tool works ("for working wood")
    text = re.sub(r"\bof wood\b", "of wooden", text)
    # "sisal or other textile fibres of the genus agave" names agave fibres, not any textile
    text = text.replace("textile fibres of the genus agave", "agave fibres")
    phrases: list[str] = []
    # an exclusion inside brackets ends at the bracket
    for inner in _PAREN.findall(text):
        phrases += [m.group(0) for m in _EXCLUSION.finditer(inner)]
    plain = _PAREN.sub(lambda m: " " if _EXCLUSION.search(m.group(1)) else m.group(0), text)
    phrases += [m.group(0) for m in _EXCLUSION.finditer(plain)]
    plain = _EXCLUSION.sub(" ", plain)
    materials: set[str] = set()
    own: set[str] = set()  # the materials the text names by their own word ("rubber")
    # "whether or not ... sheathed with rubber or plastics": a material the goods may have
    for w in _WORD.findall(_OPTIONAL.sub(" ", plain)):
        materials |= TEXT_MATERIALS.get(w, frozenset())
        if w != "textile":
            own |= TEXT_MATERIALS.get(w, frozenset())
    named = set(materials)
    unwanted: set[str] = set()
    for w in _WORD.findall(" ".join(phrases)):  # "textile materials other than cotton"
        if w != "textile":
            # ... but "Rubber; vulcanised (other than hard rubber), erasers" stays rubber
            materials -= TEXT_MATERIALS.get(w, frozenset()) - own
            unwanted |= TEXT_MATERIALS.get(w, frozenset())
    for specific, general in SPECIFIC.items():
        if specific in materials:
            materials.discard(general)
    excluded: set[str] = set()
    stated_out: set[str] = set()
    kept = _content(plain)
    for ph in phrases:
        ws = _content(ph)
        if len(ws) == 1 and not ws & TEXT_MATERIALS.keys():  # materials: the first rule
            excluded |= ws
        # the one word of a longer exclusion the text does not name besides: "Blankets (other
        # than electric blankets)" excludes what the description says is "electric"
        rest = ws - kept
        if len(rest) == 1 and not rest & TEXT_MATERIALS.keys():
            stated_out |= rest
    return SubheadingText(
        frozenset(materials),
        frozenset(_content(plain)),
        frozenset(excluded),
        frozenset(unwanted - named),
        frozenset(own & materials),
        frozenset(stated_out),
    )


# Parts of footwear and garments whose material is not the article's (Chapter 64 note 4: the
# upper's material decides): "leather boots rubber sole" are leather footwear.
PART_NOUNS = frozenset(["sole", "soles", "outsole", "insole", "footbed", "lining", "trim"])


def stated_materials(ws: Sequence[str]) -> frozenset[str]:
    """Material keys a description states ("faux leather" is plastics, "bed linen" no flax);
    the material of a part ("rubber sole") only when no other material is stated."""
    whole = _materials_of([w for i, w in enumerate(ws) if not _part_material(ws, i)])
    return whole or _materials_of(ws)


def _part_material(ws: Sequence[str], i: int) -> bool:
    return i + 1 < len(ws) and ws[i + 1] in PART_NOUNS


def _materials_of(ws: Sequence[str]) -> frozenset[str]:
    out: set[str] = set()
    for i, w in enumerate(ws):
        prev = ws[i - 1] if i else ""
        nxt = ws[i + 1] if i + 1 < len(ws) else ""
        if FOREIGN_MATERIALS.get(w) == "leather":
            w = "leather"
        # "synthetic leather", and as French, Italian, Spanish and Polish put it, "cuir
        # synthétique", "pelle sintetica", "skóra ekologiczna" (read "leather synthetic")
        if w == "leather" and (prev in FAUX or nxt in FAUX_AFTER):
            out.add("plastics")
            continue
        after_leather = FOREIGN_MATERIALS.get(prev, prev) == "leather"
        before_leather = FOREIGN_MATERIALS.get(nxt, nxt) == "leather"
        if (w in FAUX and before_leather) or (w in FAUX_AFTER and after_leather):
            continue  # not synthetic fibres
        if w == "linen" and prev in LINEN_GOODS:
            continue
        got = QUERY_MATERIALS.get(w)
        if got is None and w in FOREIGN_MATERIALS:
            got = _materials_of(FOREIGN_MATERIALS[w].split())
        if got is None:
            got = next((m for p, m in COMPOUND_MATERIALS if w.startswith(p)), frozenset())
        out |= got
    return frozenset(out)


class _Ranked(Protocol):
    code: str
    score: float
    evidence: dict[str, int]


R = TypeVar("R", bound=_Ranked)


def to_first(cands: list[R], k: int) -> None:
    """Put ``cands[k]`` first, exchanging places and scores with the first, so the list stays in
    score order."""
    top, c = cands[0], cands[k]
    top.score, c.score = c.score, top.score
    cands[0], cands[k] = c, top


def stated_word(word: str, stated: Iterable[str]) -> bool:
    """The description states ``word`` (a subheading word): the same word, or one of five
    letters or more that begins it or that it begins ("decaf", "decaffeinated")."""
    for s in stated:
        if s == word or (len(s) >= 5 and (word.startswith(s) or s.startswith(word))):
            return True
    return False


def reorder(
    cands: list[R],
    ws: Sequence[str],
    text_of: Callable[[str], SubheadingText],
) -> list[R]:
    """``cands`` with, among the first ``WINDOW``, a sibling the description fits moved up
    before one it does not (scores exchanged, so the list stays in score order)."""
    head = cands[:WINDOW]
    if len(head) < 2:
        return cands
    materials = stated_materials(ws)
    english = [e for w in ws if w in FOREIGN_MATERIALS for e in FOREIGN_MATERIALS[w].split()]
    stated = {_stem(w) for w in [*ws, *english] if len(w) > 2}
    texts = {c.code: text_of(c.code) for c in head}

    def misfit(c: R) -> bool:
        t = texts[c.code]
        m = t.materials
        if materials & t.unwanted and not m & materials:
            return True  # "not of bamboo" for a bamboo tray
        return bool(materials and m and not m & materials)

    def before(low: R, high: R, siblings: bool) -> bool:
        """``low`` (ranked after ``high``, same chapter) fits the description better: by the
        material in the same chapter, by a stated or unstated word in the same heading."""
        if misfit(high) and not misfit(low):
            return True
        if misfit(low) or not siblings:
            return False
        hi, lo = texts[high.code], texts[low.code]
        # a word the description states decides against the first code's own exclusion
        out = hi.excluded | hi.excluded_stated
        if any(w not in hi.required and stated_word(w, stated) for w in out & lo.required):
            return True
        if high.evidence.get("vocab") == 1:
            return False  # an unstated word does not overrule the named concept's first code
        return any(
            w not in lo.required and not stated_word(w, stated) for w in hi.required & lo.excluded
        )

    # a candidate whose material the description contradicts, with no fitting sibling among the
    # first ones, changes places with the first fitting subheading of its heading further down
    # ("Men's wool suit jacket": 6203.31 "of wool" for 6203.33 "of synthetic fibres")
    if materials:
        for i, a in enumerate(head):
            if not misfit(a) or any(
                c.code[:4] == a.code[:4] and not misfit(c) for c in head if c is not a
            ):
                continue
            for k in range(WINDOW, len(cands)):
                b = cands[k]
                if b.code[:4] != a.code[:4]:
                    continue
                texts[b.code] = text_of(b.code)
                if not misfit(b) and texts[b.code].materials & materials:
                    a.score, b.score = b.score, a.score
                    head[i], cands[k] = b, a
                    break

    changed = True
    rounds = 0
    while changed and rounds < WINDOW:
        changed = False
        rounds += 1
        for i in range(len(head)):
            for j in range(i + 1, len(head)):
                a, b = head[i], head[j]
                if a.code[:2] == b.code[:2] and before(b, a, a.code[:4] == b.code[:4]):
                    a.score, b.score = b.score, a.score
                    head[i], head[j] = b, a
                    changed = True
                    break
            if changed:
                break
    # a first candidate that takes in the stated material only among "textile materials n.e.c."
    # gives way to the sibling for the same goods that names it ("Vestido de viscosa": 6204.44
    # of artificial fibres, not 6204.49), from further down if need be
    first = head[0]
    if (
        materials
        and texts[first.code].materials & materials
        and not texts[first.code].own & materials
    ):
        for k in range(1, len(cands)):
            b = cands[k]
            if b.code[:5] != first.code[:5]:  # the same goods: dresses, not skirts
                continue
            t = texts.get(b.code) or text_of(b.code)
            if t.own & materials and not (t.materials - t.own) - materials - {"textile"}:
                if k < len(head):
                    to_first(head, k)
                else:
                    texts[b.code] = t
                    first.score, b.score = b.score, first.score
                    head[0], cands[k] = b, first
                break
    # across headings and chapters, after the siblings had their turn: a first candidate whose
    # material the description contradicts gives way to the first one that names the stated
    # material (a plastic eraser is of 39.26, not of rubber; a PEVA shower curtain of 39.24)
    if materials and misfit(head[0]):
        for k in range(1, len(head)):
            b = head[k]
            # ... when the shop terms of the line point at it too (a polyester bag is no T-shirt)
            if not misfit(b) and texts[b.code].materials & materials and b.evidence.keys() & SHOP:
                to_first(head, k)
                break

    return head + cands[WINDOW:]


# A year stated in the description ("Old coins 1850", "silver coin 1890", "coins 1880s"): the
# age decides between the subheadings of collectors' coins (9705.31 over 100 years, 9705.39 not)
# and of antiques (9706.10 over 250 years, 9706.90 over 100 but not over 250), and a coin over
# 100 years old is a collectors' piece of heading 97.05 rather than coin of heading 71.18.
_YEAR = re.compile(r"(1[5-9]\d\d|20\d\d)s?")
COIN_OLD, COIN_RECENT = "970531", "970539"
ANTIQUE_OLDEST, ANTIQUE_OLD = "970610", "970690"


def stated_age(ws: Sequence[str], this_year: int) -> int | None:
    """The age in years of the oldest year the description states (1500 to ``this_year``;
    "1880s" is 1880), None when it states none."""
    years = [int(m.group(1)) for w in ws if (m := _YEAR.fullmatch(w))]
    years = [y for y in years if y <= this_year]
    return this_year - min(years) if years else None


def by_age(cands: list[R], ws: Sequence[str], this_year: int) -> list[R]:
    """``cands`` with the first candidate replaced by the subheading the stated age gives, when
    the first is a coin or an antique (scores exchanged, so the list stays in score order)."""
    if not cands:
        return cands
    age = stated_age(ws, this_year)
    first = cands[0].code
    if age is None:
        return cands
    want = ""
    if first[:5] == "97053" or (first[:4] == "7118" and age > 100):
        want = COIN_OLD if age > 100 else COIN_RECENT
    elif first[:4] == "9706" and age > 100:
        want = ANTIQUE_OLDEST if age > 250 else ANTIQUE_OLD
    if not want or want == first:
        return cands
    for k, c in enumerate(cands):
        if c.code == want:
            to_first(cands, k)
            return cands
    return cands
