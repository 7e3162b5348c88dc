"""Where the words naming the article end in a description: before a connector ("with"), a
purpose ("for"), what the goods are packed in ("in"), and in a marketplace title after its
first words (see docs/tariff.md, step 4 of "How it works")."""

from __future__ import annotations

from shipdesk.core.tariff.query import Reading
from shipdesk.core.tariff.siblings import stated_materials
from shipdesk.core.tariff.textutil import words

# Words after which a description names parts, accessories or contents rather than the article.
CONNECTORS = frozenset(
    [
        "with",
        "without",
        "containing",
        "including",
        "incl",
        "inkl",
        "mit",
        "ohne",
        "avec",
        "sans",
        "con",
        "sin",
        "senza",
        "met",
        "zonder",
        "z",
        "bez",
        "plus",
    ]
)
# "for" in the seven languages ("für" is read as "for", query.QueryReader.read): what follows
# names what the article is for ("Thermal label printer for shipping labels", "Filtr powietrza
# do samochodu"), which refines the article and does not name it.
PURPOSE = frozenset(["for", "pour", "para", "per", "voor", "do", "dla"])
# What the article is packed in, preserved in or flavoured with ("Capperi sotto aceto",
# "Śledzie w oleju", "Sugo al basilico", "Alcaparras en vinagre", "sardines in tomato sauce"):
# the words before name the goods, the words after refine them.
# Materials named after "in"/"en" that the sibling reading's material words
# (siblings.stated_materials) do not hold: precious metals, and the inflected Polish, Spanish
# and French forms; the others are read there, in the seven languages
MATERIAL_AFTER = frozenset(
    words(
        "argent argento plata silber zilver srebra srebrny or oro gold goud zlota dorato dore "
        "plaque bentonite bawelny tisse tissee tejido szkla drewna skory stali"
    )
)
PACKED = frozenset(
    ["in", "en", "w", "sotto", "al", "alla", "alle", "allo", "ai", "au", "aux", "im"]
)
# In a marketplace title the article is named among its first words (after brand and model
# names are left out): a shop term named later is a detail ("... Laptop 8GB RAM 512GB SSD").
TITLE_HEAD = 5


def article_end(reading: Reading) -> int:
    """Where the words naming the article end: at the first connector; in a marketplace
    title also after its first ``TITLE_HEAD`` words ("Lenovo IdeaPad 15.6 inch Full HD Laptop
    Intel Core i5 8GB RAM 512GB SSD": the laptop, not its SSD), as titles name their article
    first, unless a shop term ends right at the first connector: English names the article
    last before "with" or "for" ("Fossil Men's Genuine Leather Bifold Wallet with Coin Pocket":
    the wallet, not the fossil of the brand name)."""
    ws = reading.words
    end = head_end(ws)
    # "in", "en", "w", "sotto", "al": what follows is what the article is packed in or
    # flavoured with, unless it is a material ("Orecchini in argento", "Corde en nylon")
    for i, w in enumerate(ws[1:end], 1):
        if w in PACKED and i + 1 < len(ws) and not _material_next(ws[i + 1]):
            end = i
            break
    # a connector inside a shop term is part of its name ("brosse à dents", "salt and pepper
    # mill"): the article goes on to the next connector
    while end < len(reading.words) and any(m.start < end < m.end for m in reading.matches):
        end += head_end(reading.words[end:])
    if reading.title and not (
        end == head_end(ws) < len(ws)
        and any(m.end == end and not m.modifier for m in reading.matches)
    ):
        end = min(end, TITLE_HEAD)
    return end


def _material_next(word: str) -> bool:
    return word in MATERIAL_AFTER or bool(stated_materials([word]))


def head_end(ws: list[str]) -> int:
    """Index of the first connector word after the first word (len(ws) when there is none)."""
    for i, w in enumerate(ws):
        if i > 0 and (w in CONNECTORS or w in PURPOSE):
            return i
    return len(ws)
