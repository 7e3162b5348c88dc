"""The text of every problem in one table (code -> English template), translated by the message
catalogue (``core.i18n``) in the language asked for.

Templates use ``str.format`` fields. Each message says what is wrong and what to do. The code
stays the stable key (``validate --json`` prints it); the English text is the catalogue's msgid,
so a translator sees the whole sentence, and a changed English text shows up as untranslated
instead of silently keeping an outdated translation.
"""

from __future__ import annotations

from typing import Any

from shipdesk.core.i18n import N_, Told, translator

MESSAGES: dict[str, str] = {
    # -- form choice ----------------------------------------------------------------------
    "form_unknown": N_("Form {value!r} is unknown: use auto, cn22 or cn23."),
    "cn22_over_limit": N_(
        "CN 22 is not allowed: the value {value} is above the {operator} CN 22 limit of {limit}. "
        "Use CN 23 (set the form to auto or cn23)."
    ),
    "cn22_over_weight": N_(
        "CN 22 is not allowed above {limit} kg gross ({operator} letter-post limit). "
        "Use CN 23 or reduce the weight."
    ),
    "cn22_value_unknown": N_(
        "The value in {ccy} cannot be compared with the {operator} CN 22 limit (no exchange "
        "rate). Add a rate for {ccy} in the rate table, or use CN 23."
    ),
    "cn22_near_limit": N_(
        "The value {value} is close to the {operator} CN 22 limit of {limit} ({rate}). "
        "Check the values: above the limit a CN 23 is needed."
    ),
    # -- required fields ------------------------------------------------------------------
    "required": N_("{what} is required: {hint}"),
    "required_recommended": N_("{what} is missing: {hint}"),
    "items_missing": N_(
        "Add at least one item: what is in the parcel, how many, weight and value."
    ),
    "category_unknown": N_(
        "Category {value!r} is unknown: use gift, documents, commercial_sample, returned_goods, "
        "sale_of_goods or other."
    ),
    "non_delivery_unknown": N_("Non-delivery {value!r} is unknown: use return or abandon."),
    "date_invalid": N_("Date {value!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-11-27."),
    "party_placeholder": N_(
        "{value!r} is not accepted by customs as a {what}: give the real {what}, "
        "or leave the field empty if it is optional."
    ),
    "party_same_country": N_(
        "Sender and recipient are both in {country}: a customs declaration is normally not "
        "needed (except for special territories such as the Canary Islands or the Channel Islands)."
    ),
    "eu_internal": N_(
        "Sender and recipient are both in the EU customs union: no customs declaration is "
        "needed, except for special territories (Canary Islands, Channel Islands, overseas "
        "departments)."
    ),
    "invoice_number_missing": N_(
        "Goods sold need an invoice with the CN 23: enter its number (and attach the invoice)."
    ),
    "returned_goods_reference": N_(
        "For returned goods, give the number of the original invoice (or the outbound parcel "
        "number in the comments) so that no duty or tax is charged again."
    ),
    # -- numbers --------------------------------------------------------------------------
    "not_a_number": N_(
        "{value!r} is not a number: write it with a dot for decimals, e.g. {example}."
    ),
    "number_out_of_range": N_(
        "{value} is far too large: check the number (at most {digits} digits before the "
        "decimal point)."
    ),
    "number_too_precise": N_(
        "{value} has too many decimal places: check the number (at most {places})."
    ),
    "number_digits": N_("{value!r} is written with digits other than 0-9: write it as {plain}."),
    "must_be_positive": N_("{what} must be greater than zero: {hint}"),
    "must_not_be_negative": N_("{what} cannot be negative: enter 0 or the amount paid."),
    "quantity_not_whole": N_(
        "Quantity {value} is not a whole number: count the pieces (or describe the unit, "
        "e.g. '3 pairs')."
    ),
    "quantity_implausible": N_(
        "Quantity {value} is not plausible for one line of a postal item (more than 1,000,000 "
        "pieces): check the number; it counts pieces, it is not a weight, a price or an "
        "article number."
    ),
    "quantity_large": N_(
        "Quantity {value} is unusually large for one line (more than 10,000 pieces): check that "
        "it is the number of pieces."
    ),
    "too_many_decimals_weight": N_(
        "Weight {value} has more than 3 decimals: give it in kg to the gram, e.g. {example}."
    ),
    "too_many_decimals_value": N_(
        "Value {value} has more decimals than {ccy} uses ({digits}): round it, e.g. {example}."
    ),
    "total_mismatch": N_(
        "The total value {declared} is not the sum of the item values ({computed}): "
        "correct the items or the total."
    ),
    "line_total_mismatch": N_(
        "Value {value} is not quantity × unit value ({quantity} × {unit} = {computed}): the value "
        "is the line total; correct the unit value or the value."
    ),
    "gross_below_net": N_(
        "Gross weight {gross} kg is less than the sum of the net weights ({net} kg): the gross "
        "weight is the whole parcel with packaging, so it must be at least {net} kg."
    ),
    "gross_equals_net": N_(
        "Gross weight equals the sum of net weights ({net} kg): the gross weight includes the "
        "packaging; weigh the packed parcel."
    ),
    # -- currency and countries -----------------------------------------------------------
    "currency_invalid": N_(
        "{value!r} is not an ISO 4217 currency code: use three capital letters, e.g. EUR, USD, GBP."
    ),
    "country_invalid": N_(
        "{value!r} is not an ISO 3166-1 country code: use two capital letters, e.g. DE, US, GB."
    ),
    "country_alias": N_("{value!r} is not an ISO country code: use {code} ({name})."),
    "country_lowercase": N_("Write the country code in capitals: {code}."),
    # -- descriptions ---------------------------------------------------------------------
    "description_vague": N_(
        "{term!r} is too vague for customs: {hint} (e.g. {example!r}). "
        "Vague descriptions get items held or returned."
    ),
    "description_generic": N_(
        "{term!r} is a collective term customs may query: {hint} (e.g. {example!r})."
    ),
    "description_too_short": N_(
        "Description {value!r} is too short: say what the article is, its material and its use, "
        "e.g. 'cotton T-shirt for men'."
    ),
    "description_documents": N_(
        "'Documents' alone is vague: say what they are, e.g. 'business correspondence' or "
        "'signed contract, paper'."
    ),
    "description_too_long": N_(
        "Description has {length} characters; forms and operator systems take about {limit}: "
        "shorten it without losing the article, material and use."
    ),
    # -- HS codes -------------------------------------------------------------------------
    "hs_missing": N_(
        "HS code is missing: commercial items need the 6-digit HS code (use the classifier to "
        "find it)."
    ),
    "hs_missing_recommended": N_(
        "HS code is recommended on {form}: add the 6-digit HS code (use the classifier)."
    ),
    "hs_format": N_(
        "HS code {value!r} must be 6 digits (international) or 8 to 10 digits (national), "
        "digits only, e.g. 610910."
    ),
    "hs_unknown": N_(
        "HS code {value} does not exist in the HS nomenclature: check it or use the classifier."
    ),
    "hs_national_unknown_heading": N_(
        "National code {value} starts with {prefix}, which is not an HS subheading: check the code."
    ),
    "hs_unspecified": N_(
        "Code {value} is not a goods classification (chapters 77, 98 and 99 are reserved or "
        "national): give the HS code of the goods themselves."
    ),
    "hs_padded": N_(
        "Code {value} looks like the HS code {prefix} padded with zeros: give the 6-digit code "
        "{prefix} unless the national tariff lists {value}."
    ),
    "hs_documents": N_(
        "Category 'documents' is for papers only, but this item has HS code {value} (not printed "
        "matter, chapter 49): choose the right category (e.g. sale of goods or gift)."
    ),
    "hs_dots": N_("Write the HS code as digits only: {code}."),
    "origin_missing": N_(
        "Country of origin is missing: commercial items need the country where the goods were "
        "made (two-letter code, e.g. CN, DE)."
    ),
    "origin_missing_recommended": N_(
        "Country of origin is recommended: give the country where the goods were made."
    ),
    # -- category rules -------------------------------------------------------------------
    "other_needs_explanation": N_(
        "Category 'other' needs an explanation: say why the goods are sent, e.g. 'repair and "
        "return' or 'loan for an exhibition'."
    ),
    "gift_with_ioss": N_(
        "A gift cannot carry an IOSS number: IOSS is for goods sold to consumers. Choose 'sale "
        "of goods' if the goods were sold, or remove the IOSS number."
    ),
    "gift_with_invoice": N_(
        "A gift has an invoice number: goods that were sold are a 'sale of goods', not a gift. "
        "Change the category or remove the invoice number."
    ),
    "gift_with_incoterm": N_(
        "A gift has a trade term (Incoterm): trade terms belong to sales, so goods that were "
        "sold are a 'sale of goods', not a gift. Change the category or remove the term."
    ),
    "us_origin_needed": N_(
        "Country of origin is needed: since {since} duty is due on goods posted to the United "
        "States and it depends on where they were made; give the two-letter code (e.g. CN, DE)."
    ),
    "gift_from_company": N_(
        "A gift from a company to a consumer is usually a sale or a promotional sample: "
        "'gift' is only for private presents between persons; check the category."
    ),
    "documents_with_value": N_(
        "Category 'documents' is for papers of no commercial value, but the items are worth "
        "{value}: choose the category that fits the goods."
    ),
    # -- identifiers ----------------------------------------------------------------------
    "s10_format": N_(
        "Item number {value!r} is not a UPU S10 number: 2 letters, 8 digits, a check digit and "
        "the 2-letter country, e.g. RR473124829GB."
    ),
    "s10_check_digit": N_(
        "Item number {value}: the check digit should be {expected}, not {found}. Copy the number "
        "again from the label or barcode."
    ),
    "incoterm_unknown": N_(
        '"{value}" does not start with a rule of {edition}: write one of {codes}, then the '
        "named place (e.g. DAP Mountain View)."
    ),
    "incoterm_retired": N_(
        "{value} is not a rule of {edition} any more: write {replacement} instead."
    ),
    "address_not_latin": N_(
        '"{value}" has no Latin letters: write the address in Latin letters as well (the '
        "local script may be added on the same line), so that every post on the way can read it."
    ),
    "address_digits": N_(
        '"{value}" has digits other than 0-9: write numbers with the digits 0-9 as well, as '
        "the UPU asks for international addresses."
    ),
    "s10_country": N_(
        "Item number {value} ends with {country}, which is not a country code: copy the number "
        "again from the label."
    ),
    "s10_other_country": N_(
        "Item number {value} was issued in {country}, but the sender is in {sender}: check that "
        "it is the number of this item."
    ),
    "ioss_format": N_(
        "IOSS number {value!r} is not valid: it is IM, the 3-digit EU member-state code and 7 "
        "digits (e.g. IM2760000001); {detail}."
    ),
    "ioss_destination": N_(
        "IOSS applies only to parcels for the EU, but the recipient is in {country}: remove the "
        "IOSS number."
    ),
    "ioss_over_limit": N_(
        "IOSS applies only up to EUR {limit} of goods; this parcel is worth {value} ({rate}). "
        "Remove the IOSS number: import VAT is then paid on arrival."
    ),
    "ioss_near_limit": N_(
        "The value {value} is close to the EUR {limit} IOSS limit ({rate}): above it IOSS "
        "cannot be used."
    ),
    "ioss_missing": N_(
        "Sale to an EU consumer worth {value} (up to EUR {limit}): without an IOSS number the "
        "recipient pays import VAT and a handling fee on arrival. Enter your IOSS number if "
        "you have one."
    ),
    "uk_near_limit": N_(
        "The value {value} is close to GBP {limit} ({rate}): up to GBP {limit} UK VAT is charged "
        "by the seller; above, VAT and duty are collected on import."
    ),
    "uk_over_limit": N_(
        "The value {value} is above GBP {limit} ({rate}): UK import VAT and duty are collected "
        "from the recipient; do not charge UK VAT at checkout for this parcel."
    ),
    "eu_export_declaration": N_(
        "Goods worth {value} leave the EU ({rate}): above {limit} for goods sold an electronic "
        "export declaration is needed. File it (or have an agent file it) and note the MRN in "
        "the comments."
    ),
    "gift_over_relief": N_(
        "This gift is worth {value} ({rate}): gifts between private persons into {where} are "
        "relieved only up to {limit}; above it the recipient pays import VAT (and possibly "
        "duty). Declare the real value."
    ),
    "tax_id_invalid": N_(
        "{value!r} is not a valid {kind}: {detail}. Copy it again from the registration letter."
    ),
    "tax_id_unchecked": N_(
        "{value!r} does not look like a VAT or EORI number for {country}: check it (it can also "
        "be another tax number, e.g. a CPF in Brazil)."
    ),
    "eori_format": N_(
        "EORI number {value!r} is not valid: {detail} (e.g. GB123456789000 or DE1234567)."
    ),
    "phone_invalid": N_(
        "Phone number {value!r} is not a valid number for {country}: write it in international "
        "form with the country code, e.g. +49 30 1234567."
    ),
    "phone_not_international": N_("Write the phone number in international form: {formatted}."),
    "phone_missing": N_(
        "Recipient phone number is missing: operators and customs use it to contact the "
        "recipient; add it in international form, e.g. +1 212 555 0100."
    ),
    "email_invalid": N_("{value!r} is not an e-mail address: check it (name@example.com)."),
    "address_required": N_("{what} is required for an address in {country}: {hint}"),
    "postcode_invalid": N_("Postcode {value!r} is not valid for {country}{example}: check it."),
    "region_invalid": N_(
        "Region {value!r} is not known for {country}: use the official name or code{example}."
    ),
    # -- US exports -----------------------------------------------------------------------
    "itn_required": N_(
        "US export: {reason}. File the Electronic Export Information (AESDirect) and enter the "
        "ITN (e.g. X20260101123456) in the 'itn' field."
    ),
    "itn_format": N_(
        "ITN {value!r} is not valid: it is 'X' followed by 14 digits, as returned by AES."
    ),
    # -- printing -------------------------------------------------------------------------
    "text_too_long": N_(
        "{name} has {length} characters; the limit is {limit}: shorten it (the rest of the "
        "declaration was checked with the text cut to the limit)."
    ),
    "text_hidden_characters": N_(
        "{name} contains hidden characters ({chars}): they are not printed, and the checks for "
        "restricted goods and HS codes read the text without them. Retype the text if it is not "
        "what you meant."
    ),
    "text_lookalike_letters": N_(
        "{name} mixes in letters of another alphabet that look like Latin ones ({chars}): the "
        "checks for restricted goods and HS codes read it as {reading!r}. Type it in Latin "
        "letters if that is what it says."
    ),
    "glyphs_missing": N_(
        "These characters cannot be printed with the available fonts: {chars}. Replace them "
        "(e.g. transliterate into Latin letters)."
    ),
}


def render(code: str, /, **params: Any) -> str:
    """The English message for ``code`` with its fields filled in (missing fields stay visible).

    English is what ``validate --json`` and the reports print."""
    return render_in("en", code, **params)


# Fields that carry an English phrase written in the code (marked there with N_), not a value
# from the declaration: they are translated with the message. A phrase the catalogue does not
# know (from a data file) stays as it is. Any field may also hold a ``Told`` text (a phrase with
# its own values, a country name), which is told in the message's language.
PHRASE_FIELDS = ("what", "hint", "where")


def render_in(lang: str, code: str, /, **params: Any) -> str:
    """The message for ``code`` in ``lang`` (English where the catalogue has no translation)."""
    tr = translator(lang)
    template = tr.gettext(MESSAGES[code])
    for name, value in params.items():
        if isinstance(value, Told):
            params[name] = value.in_language(lang)
        elif name in PHRASE_FIELDS and isinstance(value, str):
            params[name] = tr.gettext(value)
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template.format_map(_Keep(params))


class _Keep(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
