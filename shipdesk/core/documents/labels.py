"""Texts printed on the documents.

The UPU forms (CN 22, CN 23) keep their bilingual English / French box labels whatever the
language chosen: the captions are the ones the UPU prints, so they stay here as constants and are
not translated. The invoice and the packing list are printed in the language asked for
(``lang``), independent of the language of the user interface; their texts come from the message
catalogue (``core.i18n``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shipdesk.core.errors import InputError
from shipdesk.core.i18n import N_, NC_, catalogue_languages, lang_code, translator

if TYPE_CHECKING:
    from shipdesk.core.duties.estimate import Estimate

# -- UPU boxes (English / French), numbered as printed on the forms -------------------------------
CATEGORY_LABELS: dict[str, str] = {
    "gift": "Gift / Cadeau",
    "commercial_sample": "Commercial sample / Échantillon commercial",
    "documents": "Documents",
    "returned_goods": "Returned goods / Retour de marchandise",
    "sale_of_goods": "Sale of goods / Vente de marchandises",
    "other": "Other / Autre",
}
CN22_CATEGORY_ORDER = (
    "gift",
    "commercial_sample",
    "documents",
    "returned_goods",
    "sale_of_goods",
    "other",
)
CN23_CATEGORY_ORDER = (
    "commercial_sample",
    "gift",
    "documents",
    "returned_goods",
    "sale_of_goods",
    "other",
)

CUSTOMS_DECLARATION = "CUSTOMS DECLARATION / DÉCLARATION EN DOUANE"
MAY_BE_OPENED = "May be opened officially / Peut être ouvert d'office"
SEE_INSTRUCTIONS = (
    "Important! See instructions on the back / Important ! Voir instructions au verso"
)
DESIGNATED_OPERATOR = "Designated operator / Opérateur désigné"
ITEM_NO = "No. of item (barcode, if any) / N° de l'envoi (code à barres, s'il existe)"
EXPLANATION = "Explanation / Explication"
CATEGORY_CN23 = "(10) Category of item / Catégorie de l'envoi"

CN22 = {
    "desc": "(1) Quantity and detailed description of contents / "
    "Quantité et description détaillée du contenu",
    "weight": "(2) Weight (kg) / Poids (kg)",
    "value": "(3) Value / Valeur",
    "hs": "(4) HS tariff number / N° tarifaire du SH",
    "origin": "(5) Country of origin / Pays d'origine",
    "commercial": "For commercial items only / Pour les envois commerciaux seulement",
    "total_weight": "(6) Total weight (kg) / Poids total (kg)",
    "total_value": "(7) Total value / Valeur totale",
    "sign": "(8) Date and sender's signature / Date et signature de l'expéditeur",
}

CERTIFICATION = (
    "I certify that the particulars given in this customs declaration are correct and that this "
    "item does not contain any dangerous article or articles prohibited by legislation or by "
    "postal or customs regulations. / Je certifie que les renseignements donnés dans la présente "
    "déclaration sont exacts et que cet envoi ne contient aucun objet dangereux ou interdit par "
    "la législation ou la réglementation postale ou douanière."
)

CN23 = {
    "from": "From / De",
    "to": "To / À",
    "sender_ref": "Sender's customs reference (if any) / "
    "Référence en douane de l'expéditeur (si elle existe)",
    "importer_ref": "Importer's reference (if any) (tax code/VAT No./importer code) (optional) / "
    "Référence de l'importateur (si elle existe) (code fiscal/N° de TVA/code de "
    "l'importateur) (facultatif)",
    "importer_contact": "Importer's telephone/fax/e-mail (if known) / "
    "N° de téléphone/fax/e-mail de l'importateur (si connus)",
    "desc": "(1) Detailed description of contents / Description détaillée du contenu",
    "qty": "(2) Quantity (pcs) / Quantité (pces)",  # in pieces: the unit of measure
    "net": "(3) Net weight (kg) / Poids net (kg)",
    "value": "(5) Value / Valeur",
    "hs": "(7) HS tariff number / N° tarifaire du SH",
    "origin": "(8) Country of origin of goods / Pays d'origine des marchandises",
    "commercial": "For commercial items only / Pour les envois commerciaux seulement",
    "gross": "(4) Total gross weight (kg) / Poids brut total (kg)",
    "total_value": "(6) Total value / Valeur totale",
    "charges": "(9) Postal charges/Fees / Frais de port/Frais",
    "comments": "(11) Comments (e.g. goods subject to quarantine, sanitary/phytosanitary "
    "inspection or other restrictions) / Observations (p. ex. marchandise soumise à la "
    "quarantaine/à des contrôles sanitaires, phytosanitaires ou à d'autres restrictions)",
    "licence": "(12) Licence / Licence — No(s). of licence(s) / N°(s) de la/des licence(s)",
    "certificate": "(13) Certificate / Certificat — No(s). of certificate(s) / "
    "N°(s) du/des certificat(s)",
    "invoice": "(14) Invoice / Facture — No. of invoice / N° de la facture",
    "office": "Office of origin/Date of posting / Bureau d'origine/Date de dépôt",
    "sign": "(15) Date and sender's signature / Date et signature de l'expéditeur",
    # the kind of a party's tax reference, before the number in the reference boxes
    "eori": "EORI",
    "vat": "VAT No. / N° TVA",
    "tax_id": "Tax No. / N° fiscal",
    "non_delivery": "If not deliverable / En cas de non-livraison",
    "return": "Return to sender / Renvoyer à l'expéditeur",
    "return_priority": "Return to sender by priority / Renvoyer à l'expéditeur par voie "
    "prioritaire",
    "abandon": "Treat as abandoned / Traiter comme abandonné",
}

CONTINUATION = "Continuation sheet / Feuille de continuation"
CONTINUED_TEXT = "Text continued from the boxes / Texte suite des cases"
SHEET = "Sheet {n} of {total} / Feuille {n} sur {total}"
DRAFT = "DRAFT — NOT VALID / BROUILLON — NON VALABLE"

# -- invoice and packing list: English texts, translated by the catalogue (context "invoice") --
# The context keeps printed wording apart from interface texts with the same English words, and
# marks the part of the catalogue a document-only language (Spanish) has to translate.
CONTEXT = "invoice"

INVOICE_TEXTS: dict[str, str] = {
    "commercial_invoice": NC_("invoice", "Commercial invoice"),
    "proforma_invoice": NC_("invoice", "Pro-forma invoice"),
    "packing_list": NC_("invoice", "Packing list"),
    "invoice_title": NC_("invoice", "Invoice"),  # in the PDF's title, beside "CN 23"
    "invoice_no": NC_("invoice", "Invoice no."),
    "date": NC_("invoice", "Date"),
    "item_id": NC_("invoice", "Tracking no."),
    "seller": NC_("invoice", "Seller / exporter"),
    "buyer": NC_("invoice", "Buyer / importer"),
    "tax_id": NC_("invoice", "Tax ID"),
    "eori": NC_("invoice", "EORI number"),
    "vat": NC_("invoice", "VAT number"),
    "phone": NC_("invoice", "Phone"),
    "email": NC_("invoice", "E-mail"),
    "reason": NC_("invoice", "Reason for export"),
    "currency": NC_("invoice", "Currency"),
    "importer_ref": NC_("invoice", "Importer reference"),
    "incoterm": NC_("invoice", "Terms of delivery"),
    "line": NC_("invoice", "No."),
    "description": NC_("invoice", "Description of goods"),
    "hs": NC_("invoice", "HS code"),
    "origin": NC_("invoice", "Origin"),
    "qty": NC_("invoice", "Qty"),
    "pieces": NC_("invoice", "pcs"),  # the unit of the quantities, after "Qty"
    "unit_value": NC_("invoice", "Unit value"),
    "line_total": NC_("invoice", "Total"),
    "net_weight": NC_("invoice", "Net weight (kg)"),
    "subtotal": NC_("invoice", "Total value of goods"),
    "charges": NC_("invoice", "Postage / freight"),
    "total": NC_("invoice", "Invoice total"),
    "total_net": NC_("invoice", "Total net weight (kg)"),
    "total_gross": NC_("invoice", "Total gross weight (kg)"),
    "packages": NC_("invoice", "Number of packages"),
    "declaration": NC_(
        "invoice",
        "I declare that the information on this invoice is true and correct and that "
        "the contents of this shipment are as stated above.",
    ),
    "packing_declaration": NC_(
        "invoice",
        "I declare that the information on this packing list is true and correct and that "
        "the contents of this shipment are as stated above.",
    ),
    "signature": NC_("invoice", "Name, date and signature"),
    "page": NC_("invoice", "Page {n} of {total}"),
    "continued_below": NC_("invoice", "→ continued below"),
    "continued": NC_("invoice", "Continued on the next page"),
    "comments": NC_("invoice", "Remarks"),
    "licences": NC_("invoice", "Licence no(s)."),
    "certificates": NC_("invoice", "Certificate no(s)."),
    "gift": NC_("invoice", "Gift"),
    "commercial_sample": NC_("invoice", "Commercial sample"),
    "documents": NC_("invoice", "Documents"),
    "returned_goods": NC_("invoice", "Returned goods"),
    "sale_of_goods": NC_("invoice", "Sale of goods"),
    "other": NC_("invoice", "Other"),
    "copy": NC_("invoice", "Copy {n} of {total}"),
    "draft": NC_("invoice", "DRAFT — NOT VALID"),
}


def languages() -> list[str]:
    """Language codes the invoice and packing list can be printed in (every catalogue)."""
    return sorted(catalogue_languages())


def texts(lang: str) -> dict[str, str]:
    """The invoice / packing-list texts for ``lang`` (``de``, ``de_DE`` and ``de-AT`` all work)."""
    code = lang_code(lang)
    if code not in catalogue_languages():
        raise InputError(
            f"document language '{lang}' is not available; choose one of " + ", ".join(languages()),
            location="lang",
        )
    tr = translator(code)
    return {key: tr.pgettext(CONTEXT, text) for key, text in INVOICE_TEXTS.items()}


# -- the duties and taxes block of a DDP invoice ---------------------------------------------------
# Plain catalogue texts (no "invoice" context): a language that translates only the invoice's
# fixed words prints these in English until they are translated.
DUTY_TEXTS = {
    "title": N_("Duties and taxes at destination (DDP: paid by the sender)"),
    "duty": N_("Customs duty"),
    "tax": N_("Import tax"),
    "fees": N_("Fees"),
    "total": N_("Total"),
    "basis": N_("Estimate with the rules of {date} for {country}: {regimes}."),
    "unknown": N_("Not estimated: {what}"),
}


def duties_block(est: Estimate, lang: str, loc: str) -> tuple[str, str]:
    """(label, text) of the duties and taxes a DDP shipment's sender pays, as the invoice prints
    them, in ``lang``; amounts in the declaration's currency (and the destination's)."""
    from shipdesk.core.documents.printed import money_dec

    tr = translator(lang_code(lang))
    ccy, lcy = est.currency, est.local_currency

    def say(key: str) -> str:
        msg = DUTY_TEXTS[key]
        return tr.gettext(msg)

    def amount(kind: str | None) -> str:
        text = f"{money_dec(est.total(kind), loc)} {ccy}"
        if lcy != ccy:
            text += f" ({money_dec(est.total(kind, local=True), loc)} {lcy})"
        return text

    parts = [
        f"{say('duty')}: {amount('duty')}",
        f"{say('tax')}: {amount('tax')}",
        f"{say('fees')}: {amount('fee')}",
        f"{say('total')}: {amount(None)}",
    ]
    lines = [" · ".join(parts)]
    lines.append(
        say("basis").format(
            date=est.date.isoformat(),
            country=est.destination,
            regimes=", ".join(est.regimes) or "-",
        )
    )
    lines += [say("unknown").format(what=u.in_language(lang)) for u in est.unknown]
    return say("title"), "\n".join(lines)
