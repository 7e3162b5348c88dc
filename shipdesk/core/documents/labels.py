"""Texts printed on the documents.

The UPU forms (CN 22, CN 23) keep their bilingual English / French box labels whatever the
language chosen. The invoice and the packing list are printed in the language asked for
(``lang``), independent of the language of the user interface.
"""

from __future__ import annotations

from shipdesk.core.errors import InputError

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
    "qty": "(2) Quantity / Quantité",
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
    "ioss": "IOSS No. / N° IOSS",
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

# -- invoice and packing list, one table per language --------------------------------------------
_EN = {
    "commercial_invoice": "Commercial invoice",
    "proforma_invoice": "Pro-forma invoice",
    "packing_list": "Packing list",
    "invoice_no": "Invoice no.",
    "date": "Date",
    "item_id": "Tracking no.",
    "seller": "Seller / exporter",
    "buyer": "Buyer / importer",
    "tax_id": "Tax ID",
    "phone": "Phone",
    "email": "E-mail",
    "reason": "Reason for export",
    "currency": "Currency",
    "ioss": "IOSS number",
    "importer_ref": "Importer reference",
    "line": "No.",
    "description": "Description of goods",
    "hs": "HS code",
    "origin": "Origin",
    "qty": "Qty",
    "unit_value": "Unit value",
    "line_total": "Total",
    "net_weight": "Net weight (kg)",
    "subtotal": "Total value of goods",
    "charges": "Postage / freight",
    "total": "Invoice total",
    "total_net": "Total net weight (kg)",
    "total_gross": "Total gross weight (kg)",
    "packages": "Number of packages",
    "declaration": "I declare that the information on this invoice is true and correct and that "
    "the contents of this shipment are as stated above.",
    "signature": "Name, date and signature",
    "page": "Page {n} of {total}",
    "continued_below": "→ continued below",
    "continued": "Continued on the next page",
    "comments": "Remarks",
    "licences": "Licence no(s).",
    "certificates": "Certificate no(s).",
    "gift": "Gift",
    "commercial_sample": "Commercial sample",
    "documents": "Documents",
    "returned_goods": "Returned goods",
    "sale_of_goods": "Sale of goods",
    "other": "Other",
    "copy": "Copy {n} of {total}",
    "draft": "DRAFT — NOT VALID",
}

_FR = {
    "commercial_invoice": "Facture commerciale",
    "proforma_invoice": "Facture pro forma",
    "packing_list": "Liste de colisage",
    "invoice_no": "Facture n°",
    "date": "Date",
    "item_id": "N° de suivi",
    "seller": "Vendeur / exportateur",
    "buyer": "Acheteur / importateur",
    "tax_id": "N° fiscal",
    "phone": "Téléphone",
    "email": "E-mail",
    "reason": "Motif de l'exportation",
    "currency": "Devise",
    "ioss": "Numéro IOSS",
    "importer_ref": "Référence de l'importateur",
    "line": "N°",
    "description": "Désignation des marchandises",
    "hs": "Code SH",
    "origin": "Origine",
    "qty": "Qté",
    "unit_value": "Valeur unitaire",
    "line_total": "Total",
    "net_weight": "Poids net (kg)",
    "subtotal": "Valeur totale des marchandises",
    "charges": "Frais de port / transport",
    "total": "Total de la facture",
    "total_net": "Poids net total (kg)",
    "total_gross": "Poids brut total (kg)",
    "packages": "Nombre de colis",
    "declaration": "Je déclare que les informations figurant sur cette facture sont exactes et "
    "que le contenu de cet envoi est conforme à ce qui est indiqué ci-dessus.",
    "signature": "Nom, date et signature",
    "page": "Page {n} sur {total}",
    "continued_below": "→ suite ci-dessous",
    "continued": "Suite à la page suivante",
    "comments": "Observations",
    "licences": "N° de licence(s)",
    "certificates": "N° de certificat(s)",
    "gift": "Cadeau",
    "commercial_sample": "Échantillon commercial",
    "documents": "Documents",
    "returned_goods": "Retour de marchandise",
    "sale_of_goods": "Vente de marchandises",
    "other": "Autre",
    "copy": "Exemplaire {n} sur {total}",
    "draft": "BROUILLON — NON VALABLE",
}

_DE = {
    "commercial_invoice": "Handelsrechnung",
    "proforma_invoice": "Proformarechnung",
    "packing_list": "Packliste",
    "invoice_no": "Rechnungsnr.",
    "date": "Datum",
    "item_id": "Sendungsnr.",
    "seller": "Verkäufer / Ausführer",
    "buyer": "Käufer / Einführer",
    "tax_id": "Steuer-Nr.",
    "phone": "Telefon",
    "email": "E-Mail",
    "reason": "Ausfuhrgrund",
    "currency": "Währung",
    "ioss": "IOSS-Nummer",
    "importer_ref": "Referenz des Einführers",
    "line": "Nr.",
    "description": "Warenbeschreibung",
    "hs": "HS-Code",
    "origin": "Ursprung",
    "qty": "Menge",
    "unit_value": "Stückwert",
    "line_total": "Gesamt",
    "net_weight": "Nettogewicht (kg)",
    "subtotal": "Gesamtwert der Waren",
    "charges": "Porto / Fracht",
    "total": "Rechnungsbetrag",
    "total_net": "Nettogewicht gesamt (kg)",
    "total_gross": "Bruttogewicht gesamt (kg)",
    "packages": "Anzahl der Packstücke",
    "declaration": "Ich erkläre, dass die Angaben in dieser Rechnung wahr und richtig sind und "
    "der Inhalt dieser Sendung den obigen Angaben entspricht.",
    "signature": "Name, Datum und Unterschrift",
    "page": "Seite {n} von {total}",
    "continued_below": "→ Fortsetzung unten",
    "continued": "Fortsetzung auf der nächsten Seite",
    "comments": "Bemerkungen",
    "licences": "Lizenz-Nr.",
    "certificates": "Bescheinigungs-Nr.",
    "gift": "Geschenk",
    "commercial_sample": "Warenmuster",
    "documents": "Dokumente",
    "returned_goods": "Rücksendung",
    "sale_of_goods": "Verkauf von Waren",
    "other": "Sonstiges",
    "copy": "Ausfertigung {n} von {total}",
    "draft": "ENTWURF — NICHT GÜLTIG",
}

_ES = {
    "commercial_invoice": "Factura comercial",
    "proforma_invoice": "Factura proforma",
    "packing_list": "Lista de empaque",
    "invoice_no": "Factura n.º",
    "date": "Fecha",
    "item_id": "N.º de seguimiento",
    "seller": "Vendedor / exportador",
    "buyer": "Comprador / importador",
    "tax_id": "N.º fiscal",
    "phone": "Teléfono",
    "email": "Correo electrónico",
    "reason": "Motivo de la exportación",
    "currency": "Moneda",
    "ioss": "Número IOSS",
    "importer_ref": "Referencia del importador",
    "line": "N.º",
    "description": "Descripción de la mercancía",
    "hs": "Código SA",
    "origin": "Origen",
    "qty": "Cant.",
    "unit_value": "Valor unitario",
    "line_total": "Total",
    "net_weight": "Peso neto (kg)",
    "subtotal": "Valor total de la mercancía",
    "charges": "Franqueo / flete",
    "total": "Total de la factura",
    "total_net": "Peso neto total (kg)",
    "total_gross": "Peso bruto total (kg)",
    "packages": "Número de bultos",
    "declaration": "Declaro que la información de esta factura es verdadera y correcta y que el "
    "contenido de este envío es el indicado arriba.",
    "signature": "Nombre, fecha y firma",
    "page": "Página {n} de {total}",
    "continued_below": "→ continúa abajo",
    "continued": "Continúa en la página siguiente",
    "comments": "Observaciones",
    "licences": "N.º de licencia(s)",
    "certificates": "N.º de certificado(s)",
    "gift": "Regalo",
    "commercial_sample": "Muestra comercial",
    "documents": "Documentos",
    "returned_goods": "Mercancía devuelta",
    "sale_of_goods": "Venta de mercancías",
    "other": "Otro",
    "copy": "Copia {n} de {total}",
    "draft": "BORRADOR — NO VÁLIDO",
}

DOCUMENT_TEXTS: dict[str, dict[str, str]] = {"en": _EN, "fr": _FR, "de": _DE, "es": _ES}


def languages() -> list[str]:
    """Language codes the invoice and packing list can be printed in."""
    return sorted(DOCUMENT_TEXTS)


def lang_code(lang: str) -> str:
    """``de_DE`` / ``de-AT`` / ``DE`` -> ``de``."""
    return (lang or "en").replace("-", "_").split("_")[0].lower()


def texts(lang: str) -> dict[str, str]:
    """The invoice / packing-list texts for ``lang`` (``de``, ``de_DE`` and ``de-AT`` all work)."""
    code = lang_code(lang)
    if code not in DOCUMENT_TEXTS:
        raise InputError(
            f"document language '{lang}' is not available; choose one of " + ", ".join(languages()),
            location="lang",
        )
    return DOCUMENT_TEXTS[code]
