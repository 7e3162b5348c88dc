"""The validation rules. Each rule reads the declaration and adds problems by field path.

Rules never raise on bad user data: text that does not parse is itself a problem. Shipped data
that is missing or broken (profiles, thresholds, term lists) raises DataError.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from shipdesk.core import hscode
from shipdesk.core.countries import eu_members
from shipdesk.core.glyphs import missing_glyphs
from shipdesk.core.i18n import N_
from shipdesk.core.model import Category, FormKind, Item, NonDelivery, Party, parse_decimal
from shipdesk.core.validation.form_choice import form_problems
from shipdesk.core.validation.result import ERROR, WARNING, Problem, problem
from shipdesk.core.validation.thresholds import country_set, near_fraction, threshold

if TYPE_CHECKING:
    from shipdesk.core.model import Declaration
    from shipdesk.core.money import Conversion, RateBook
    from shipdesk.core.validation.form_choice import FormDecision
    from shipdesk.core.validation.operators import OperatorProfile

COMMERCIAL = {
    Category.SALE_OF_GOODS.value,
    Category.COMMERCIAL_SAMPLE.value,
    Category.RETURNED_GOODS.value,
}
PLACEHOLDERS = {
    "n/a",
    "na",
    "n.a.",
    "unknown",
    "none",
    "nil",
    "-",
    "--",
    "?",
    "private",
    "xxx",
    "x",
    "tbd",
    "test",
    "null",
}
COUNTRY_ALIASES = {"UK": "GB", "EL": "GR"}
DESCRIPTION_MAX = 100
MAX_DIGITS = 12  # digits before the decimal point of any amount, weight or quantity
# English phrases that fill message fields ({what}, {hint}, {where}) are marked for the catalogue;
# the message table translates them with the message. A party's field is one phrase per party
# ("Sender postcode"), since other languages do not build it by putting two words side by side.
FIELD_LABEL = {
    "name": N_("name"),
    "company": N_("company"),
    "street": N_("street address"),
    "city": N_("city"),
    "postcode": N_("postcode"),
    "country": N_("country"),
    "region": N_("region / state"),
}
PARTY_FIELD_LABEL = {
    "sender": {
        "name": N_("Sender name"),
        "street": N_("Sender street address"),
        "city": N_("Sender city"),
        "postcode": N_("Sender postcode"),
        "country": N_("Sender country"),
        "region": N_("Sender region / state"),
    },
    "recipient": {
        "name": N_("Recipient name"),
        "street": N_("Recipient street address"),
        "city": N_("Recipient city"),
        "postcode": N_("Recipient postcode"),
        "country": N_("Recipient country"),
        "region": N_("Recipient region / state"),
    },
}
FIELD_HINT = {
    "name": N_("enter the full first and last name (no initials) or the company name."),
    "street": N_("enter the street and house number."),
    "city": N_("enter the town or city."),
    "postcode": N_("enter the postcode as the post writes it."),
    "country": N_("choose the country (two-letter code, e.g. DE)."),
    "region": N_("enter the state, province or region."),
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class Context:
    decl: Declaration
    profile: OperatorProfile
    decision: FormDecision
    today: date
    problems: list[Problem] = field(default_factory=list)
    rates: RateBook | None = None  # the workspace's rate book; None: the shipped tables

    @property
    def form(self) -> str:
        return self.decision.form

    @property
    def on(self) -> date:
        try:
            return date.fromisoformat(self.decl.date.strip())
        except ValueError:
            return self.today

    def add(self, level: str, path: str, code: str, /, **params: object) -> None:
        self.problems.append(problem(level, path, code, **params))

    def items(self) -> list[tuple[int, Item]]:
        """(index in the file, item) for every non-blank item."""
        return [(i, it) for i, it in enumerate(self.decl.items) if not it.is_blank()]

    def currency(self) -> str | None:
        from shipdesk.core.money import is_currency

        c = (self.decl.currency or "").strip()
        return c if is_currency(c) else None

    def total_value(self) -> Decimal:
        return sum((it.value_dec or Decimal(0) for _, it in self.items()), Decimal(0))

    def in_currency(self, amount: Decimal, to_ccy: str) -> Conversion | None:
        from shipdesk.core.money import RateUnavailable, convert

        ccy = self.currency()
        if ccy is None:
            return None
        try:
            return convert(amount, ccy, to_ccy, on=self.on, rates=self.rates)
        except RateUnavailable:
            return None


Rule = Callable[[Context], None]


def _rate_text(conv: Conversion | None) -> str:
    return conv.describe() if conv is not None else "no conversion"


def _money(amount: Decimal, ccy: str) -> str:
    from shipdesk.core.money import format_money

    return format_money(amount, ccy)


# -- header --------------------------------------------------------------------------------
def rule_header(ctx: Context) -> None:
    d = ctx.decl
    categories = {c.value for c in Category}
    if d.category not in categories:
        ctx.add(ERROR, "category", "category_unknown", value=d.category)
    if d.category == Category.OTHER.value and not d.category_explanation.strip():
        ctx.add(ERROR, "category_explanation", "other_needs_explanation")
    if d.non_delivery not in {n.value for n in NonDelivery}:
        ctx.add(ERROR, "non_delivery", "non_delivery_unknown", value=d.non_delivery)
    cur = (d.currency or "").strip()
    if not cur:
        ctx.add(
            ERROR,
            "currency",
            "required",
            what=N_("Currency"),
            hint=N_("enter the ISO code of the currency of the values, e.g. EUR."),
        )
    elif ctx.currency() is None:
        ctx.add(ERROR, "currency", "currency_invalid", value=cur)
    if d.date.strip():
        try:
            date.fromisoformat(d.date.strip())
        except ValueError:
            ctx.add(ERROR, "date", "date_invalid", value=d.date)
    if not ctx.items():
        ctx.add(ERROR, "items", "items_missing")


def rule_form(ctx: Context) -> None:
    if (ctx.decl.form or "auto").strip().lower() not in {f.value for f in FormKind}:
        ctx.add(ERROR, "form", "form_unknown", value=ctx.decl.form)
        return
    ctx.problems.extend(form_problems(ctx.decl, ctx.profile, on=ctx.on, rates=ctx.rates))


# -- parties -------------------------------------------------------------------------------
def _country_problem(ctx: Context, path: str, value: str) -> bool:
    """Add a problem for a bad country code; True if the code is usable."""
    from shipdesk.core.countries import country_name, is_country

    v = value.strip()
    if is_country(v) and v == v.upper():
        return True
    if is_country(v.upper()) and v.upper() not in COUNTRY_ALIASES:
        ctx.add(ERROR, path, "country_lowercase", code=v.upper())
        return False
    alias = COUNTRY_ALIASES.get(v.upper())
    if alias is None and len(v) == 3:
        import pycountry

        c = pycountry.countries.get(alpha_3=v.upper())
        alias = c.alpha_2 if c else None
    if alias:
        ctx.add(ERROR, path, "country_alias", value=v, code=alias, name=country_name(alias))
    else:
        ctx.add(ERROR, path, "country_invalid", value=v)
    return False


def _party(ctx: Context, role: str, party: Party) -> None:
    strict = role == "recipient" or ctx.form == "cn23"
    level = ERROR if strict else WARNING
    for f in ("name", "street", "city", "country"):
        value = getattr(party, f).strip()
        if not value:
            ctx.add(
                level,
                f"{role}.{f}",
                "required" if strict else "required_recommended",
                what=PARTY_FIELD_LABEL[role][f],
                hint=FIELD_HINT[f],
            )
    for f in ("name", "company", "street", "city"):
        value = getattr(party, f).strip()
        if value.lower() in PLACEHOLDERS:
            ctx.add(
                ERROR, f"{role}.{f}", "party_placeholder", value=value, what=FIELD_LABEL.get(f, f)
            )
    country_ok = bool(party.country.strip()) and _country_problem(
        ctx, f"{role}.country", party.country
    )
    if country_ok:
        _address(ctx, role, party, level)
    if party.phone.strip():
        _phone(ctx, f"{role}.phone", party.phone, party.country if country_ok else None)
    elif role == "recipient" and ctx.form == "cn23":
        ctx.add(WARNING, "recipient.phone", "phone_missing")
    if party.email.strip() and not _EMAIL.match(party.email.strip()):
        ctx.add(WARNING, f"{role}.email", "email_invalid", value=party.email.strip())
    if party.tax_id.strip():
        _tax_id(ctx, f"{role}.tax_id", party.tax_id, party.country if country_ok else None)


def _address(ctx: Context, role: str, party: Party, level: str) -> None:
    """Required fields and postcode format per country (the rules the documents print by)."""
    from shipdesk.core import address
    from shipdesk.core.countries import country_name

    errors = address.problems(party)
    if not errors:
        return
    cc = party.country.strip()
    cname = country_name(cc) or cc
    for f, kind in errors.items():
        path = f"{role}.{f}"
        if kind == "required":
            if f in ("street", "city"):
                continue  # reported above with the generic required-field rule
            ctx.add(
                level,
                path,
                "address_required",
                what=PARTY_FIELD_LABEL[role][f],
                country=cname,
                hint=FIELD_HINT[f],
            )
        elif f == "postcode":
            ex = address.postcode_examples(cc)[:2]
            ctx.add(
                level,
                path,
                "postcode_invalid",
                value=party.postcode.strip(),
                country=cname,
                example=f" (e.g. {', '.join(ex)})" if ex else "",
            )
        elif f == "region":
            choices = address.region_examples(cc)[:3]
            ctx.add(
                WARNING,
                path,
                "region_invalid",
                value=party.region.strip(),
                country=cname,
                example=f", e.g. {', '.join(choices)}" if choices else "",
            )


def _phone(ctx: Context, path: str, value: str, country: str | None) -> None:
    from shipdesk.core.countries import country_name
    from shipdesk.core.identifiers import check_phone

    r = check_phone(value, country)
    if not r.ok:
        ctx.add(
            ERROR,
            path,
            "phone_invalid",
            value=value.strip(),
            country=country_name(country or "") or "its country",
        )
    elif r.reason == "national":
        ctx.add(WARNING, path, "phone_not_international", formatted=r.value)


def _tax_id(ctx: Context, path: str, value: str, country: str | None, soft: bool = False) -> None:
    from shipdesk.core.countries import country_name
    from shipdesk.core.identifiers import check_tax_id

    r = check_tax_id(value, country)
    if r.ok:
        return
    if r.reason == "unknown":
        ctx.add(
            WARNING,
            path,
            "tax_id_unchecked",
            value=value.strip(),
            country=country_name(country or "") or "this country",
        )
    elif r.kind == "EORI number":
        ctx.add(
            WARNING if soft else ERROR, path, "eori_format", value=value.strip(), detail=r.detail
        )
    else:
        ctx.add(
            WARNING if soft else ERROR,
            path,
            "tax_id_invalid",
            value=value.strip(),
            kind=r.kind,
            detail=r.detail,
        )


def rule_parties(ctx: Context) -> None:
    d = ctx.decl
    _party(ctx, "sender", d.sender)
    _party(ctx, "recipient", d.recipient)
    if d.importer_reference.strip():
        rc = d.recipient.country.strip().upper()
        _tax_id(ctx, "importer_reference", d.importer_reference, rc or None, soft=True)
    s, r = d.sender.country.strip(), d.recipient.country.strip()
    if s and s == r:
        from shipdesk.core.countries import country_name

        ctx.add(WARNING, "recipient.country", "party_same_country", country=country_name(s) or s)
    elif s and r:
        eu = eu_members()
        if s in eu and r in eu:
            ctx.add(WARNING, "recipient.country", "eu_internal")


# -- items ---------------------------------------------------------------------------------
def _number(
    ctx: Context, path: str, text: str, what: str, example: str, hint: str
) -> Decimal | None:
    """The parsed number, or None after adding 'required' / 'not a number'."""
    if not str(text).strip():
        ctx.add(ERROR, path, "required", what=what, hint=hint)
        return None
    d = parse_decimal(text)
    if d is None:
        ctx.add(ERROR, path, "not_a_number", value=str(text), example=example)
    elif d and d.adjusted() >= MAX_DIGITS:
        ctx.add(ERROR, path, "number_out_of_range", value=str(text), digits=MAX_DIGITS)
        return None
    return d


def _decimals(d: Decimal) -> int:
    exp = d.normalize().as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def rule_items(ctx: Context) -> None:
    from shipdesk.core.money import minor_digits

    ccy = ctx.currency()
    docs = ctx.decl.category == Category.DOCUMENTS.value
    for i, it in ctx.items():
        p = f"items[{i}]"
        _description(ctx, f"{p}.description", it.description)
        q = _number(
            ctx,
            f"{p}.quantity",
            it.quantity,
            N_("Quantity"),
            "2",
            N_("enter how many pieces this line holds."),
        )
        if q is not None:
            if q <= 0:
                ctx.add(
                    ERROR,
                    f"{p}.quantity",
                    "must_be_positive",
                    what=N_("Quantity"),
                    hint=N_("enter how many pieces this line holds."),
                )
            elif q != q.to_integral_value():
                ctx.add(ERROR, f"{p}.quantity", "quantity_not_whole", value=it.quantity)
        w = _number(
            ctx,
            f"{p}.net_weight_kg",
            it.net_weight_kg,
            N_("Net weight"),
            "0.250",
            N_("weigh the articles of this line without packaging, in kg (e.g. 0.250)."),
        )
        if w is not None:
            if w <= 0:
                ctx.add(
                    ERROR,
                    f"{p}.net_weight_kg",
                    "must_be_positive",
                    what=N_("Net weight"),
                    hint=N_("weigh the articles without packaging; 10 g is 0.010 kg."),
                )
            elif _decimals(w) > 3:
                ctx.add(
                    WARNING,
                    f"{p}.net_weight_kg",
                    "too_many_decimals_weight",
                    value=it.net_weight_kg,
                    example=f"{w.quantize(Decimal('0.001'))}",
                )
        v = _number(
            ctx,
            f"{p}.value",
            it.value,
            N_("Value"),
            "25.00",
            N_(
                "enter the value of this line (quantity × unit price); gifts and samples need "
                "their real value too."
            ),
        )
        if v is not None:
            if v < 0 or (v == 0 and not docs):
                ctx.add(
                    ERROR,
                    f"{p}.value",
                    "must_be_positive",
                    what=N_("Value"),
                    hint=N_("give the real value (a nominal value such as 0.10 for free samples)."),
                )
            elif ccy and _decimals(v) > minor_digits(ccy):
                digits = minor_digits(ccy)
                ctx.add(
                    WARNING,
                    f"{p}.value",
                    "too_many_decimals_value",
                    value=it.value,
                    ccy=ccy,
                    digits=digits,
                    example=str(v.quantize(Decimal(1).scaleb(-digits))),
                )
            unit = parse_decimal(it.extra.get("unit_value"))
            if unit is not None and q is not None and q * unit != v:
                ctx.add(
                    ERROR,
                    f"{p}.value",
                    "line_total_mismatch",
                    value=it.value,
                    quantity=it.quantity,
                    unit=it.extra.get("unit_value"),
                    computed=q * unit,
                )
        _hs(ctx, p, it)
        _origin(ctx, p, it)


def _description(ctx: Context, path: str, text: str) -> None:
    from shipdesk.core.validation.descriptions import check_description, only_filler

    t = text.strip()
    if not t:
        ctx.add(
            ERROR,
            path,
            "required",
            what=N_("Description"),
            hint=N_("say what the article is, its material and its use, e.g. 'cotton T-shirt'."),
        )
        return
    docs = ctx.decl.category == Category.DOCUMENTS.value
    v = check_description(t)
    if v is not None:
        if docs and v.term.text in ("documents", "documentos"):
            ctx.add(WARNING, path, "description_documents")
        elif v.level == "vague":
            ctx.add(
                ERROR,
                path,
                "description_vague",
                term=v.matched,
                hint=v.hint(),
                example=v.term.example,
            )
        else:
            ctx.add(
                WARNING,
                path,
                "description_generic",
                term=v.matched,
                hint=v.hint(),
                example=v.term.example,
            )
    elif len(t) < 3 or only_filler(t):
        ctx.add(ERROR, path, "description_too_short", value=t)
    if len(t) > DESCRIPTION_MAX:
        ctx.add(WARNING, path, "description_too_long", length=len(t), limit=DESCRIPTION_MAX)


def _hs(ctx: Context, p: str, it: Item) -> None:
    path = f"{p}.hs_code"
    raw = it.hs_code.strip()
    cat = ctx.decl.category
    if not raw:
        if cat == Category.DOCUMENTS.value:
            return
        if cat in COMMERCIAL and ctx.form == "cn23":
            ctx.add(ERROR, path, "hs_missing")
        else:
            ctx.add(WARNING, path, "hs_missing_recommended", form=ctx.form.upper())
        return
    code = hscode.clean(raw)
    if not hscode.is_declarable(code):
        ctx.add(ERROR, path, "hs_format", value=raw)
        return
    if code != raw:
        ctx.add(WARNING, path, "hs_dots", code=code)
    prefix = code[:6]
    if prefix[:2] in ("77", "98", "99"):
        ctx.add(ERROR, path, "hs_unspecified", value=code)
        return
    from shipdesk.core.tariff.nomenclature import code_exists

    if not code_exists(prefix):
        if len(code) == 6:
            ctx.add(ERROR, path, "hs_unknown", value=code)
        else:
            ctx.add(ERROR, path, "hs_national_unknown_heading", value=code, prefix=prefix)
        return
    if len(code) > 6 and set(code[6:]) == {"0"}:
        ctx.add(WARNING, path, "hs_padded", value=code, prefix=prefix)
    if cat == Category.DOCUMENTS.value and not code.startswith("49"):
        ctx.add(ERROR, path, "hs_documents", value=code)


def _origin(ctx: Context, p: str, it: Item) -> None:
    path = f"{p}.origin_country"
    v = it.origin_country.strip()
    cat = ctx.decl.category
    if not v:
        if cat == Category.DOCUMENTS.value:
            return
        if cat in COMMERCIAL and ctx.form == "cn23":
            ctx.add(ERROR, path, "origin_missing")
        else:
            ctx.add(WARNING, path, "origin_missing_recommended")
        return
    _country_problem(ctx, path, v)


# -- totals --------------------------------------------------------------------------------
def rule_totals(ctx: Context) -> None:
    d = ctx.decl
    net = sum((it.net_weight_dec or Decimal(0) for _, it in ctx.items()), Decimal(0))
    g = _number(
        ctx,
        "gross_weight_kg",
        d.gross_weight_kg,
        N_("Gross weight"),
        "0.450",
        N_("weigh the packed parcel, in kg."),
    )
    if g is not None:
        if g <= 0:
            ctx.add(
                ERROR,
                "gross_weight_kg",
                "must_be_positive",
                what=N_("Gross weight"),
                hint=N_("weigh the packed parcel, in kg."),
            )
        elif g < net:
            ctx.add(ERROR, "gross_weight_kg", "gross_below_net", gross=g, net=net)
        elif g == net and net > 0:
            ctx.add(WARNING, "gross_weight_kg", "gross_equals_net", net=net)
        elif _decimals(g) > 3:
            ctx.add(
                WARNING,
                "gross_weight_kg",
                "too_many_decimals_weight",
                value=d.gross_weight_kg,
                example=str(g.quantize(Decimal("0.001"))),
            )
    if d.postal_charges.strip():
        pc = parse_decimal(d.postal_charges)
        if pc is None:
            ctx.add(
                ERROR, "postal_charges", "not_a_number", value=d.postal_charges, example="12.50"
            )
        elif pc < 0:
            ctx.add(ERROR, "postal_charges", "must_not_be_negative", what=N_("Postal charges"))
    elif ctx.form == "cn23" and d.category != Category.DOCUMENTS.value:
        ctx.add(
            WARNING,
            "postal_charges",
            "required_recommended",
            what=N_("Postal charges"),
            hint=N_("the CN 23 asks for the postage and other fees paid (box 9)."),
        )
    declared = d.extra.get("total_value")
    if declared not in (None, ""):
        dv = parse_decimal(declared)
        total = ctx.total_value()
        if dv is None:
            ctx.add(ERROR, "total_value", "not_a_number", value=str(declared), example="49.90")
        elif dv != total:
            ccy = ctx.currency() or ""
            ctx.add(
                ERROR,
                "total_value",
                "total_mismatch",
                declared=f"{dv} {ccy}".strip(),
                computed=f"{total} {ccy}".strip(),
            )


# -- category ------------------------------------------------------------------------------
def rule_category(ctx: Context) -> None:
    d = ctx.decl
    if d.category == Category.GIFT.value:
        if d.ioss_number.strip():
            ctx.add(ERROR, "category", "gift_with_ioss")
        if d.invoice_number.strip():
            ctx.add(WARNING, "category", "gift_with_invoice")
        if d.sender.company.strip():
            ctx.add(WARNING, "category", "gift_from_company")
    elif d.category == Category.DOCUMENTS.value:
        total = ctx.total_value()
        if total > 0:
            ctx.add(
                WARNING,
                "category",
                "documents_with_value",
                value=_money(total, ctx.currency() or ""),
            )
    elif d.category == Category.RETURNED_GOODS.value:
        if not d.invoice_number.strip() and ctx.form == "cn23":
            ctx.add(WARNING, "invoice_number", "returned_goods_reference")
    elif (
        d.category == Category.SALE_OF_GOODS.value
        and not d.invoice_number.strip()
        and ctx.form == "cn23"
    ):
        ctx.add(WARNING, "invoice_number", "invoice_number_missing")


# -- identifiers and tax schemes -------------------------------------------------------------
def rule_item_id(ctx: Context) -> None:
    from shipdesk.core.identifiers import check_s10

    v = ctx.decl.item_id.strip()
    if not v:
        return
    r = check_s10(v)
    if r.reason == "format":
        ctx.add(ERROR, "item_id", "s10_format", value=v)
    elif r.reason == "check_digit":
        ctx.add(
            ERROR,
            "item_id",
            "s10_check_digit",
            value=r.value,
            expected=r.expected,
            found=r.value[10],
        )
    elif r.reason == "country":
        ctx.add(ERROR, "item_id", "s10_country", value=r.value, country=r.value[-2:])
    else:
        sender = ctx.decl.sender.country.strip()
        if sender and r.value[-2:] != sender and not (r.value[-2:] == "GB" and sender == "XI"):
            ctx.add(
                WARNING,
                "item_id",
                "s10_other_country",
                value=r.value,
                country=r.value[-2:],
                sender=sender,
            )


def rule_ioss(ctx: Context) -> None:
    from shipdesk.core.identifiers import check_ioss

    d = ctx.decl
    t = threshold("eu_ioss")
    eu = eu_members()
    dest = d.recipient.country.strip()
    origin_eu = d.sender.country.strip() in eu
    conv = ctx.in_currency(ctx.total_value(), t.currency)
    value = conv.amount if conv else None
    v = d.ioss_number.strip()
    if v:
        r = check_ioss(v)
        if not r.ok:
            ctx.add(ERROR, "ioss_number", "ioss_format", value=v, detail=r.detail)
        if dest and dest not in eu:
            from shipdesk.core.countries import country_name

            ctx.add(ERROR, "ioss_number", "ioss_destination", country=country_name(dest) or dest)
        elif value is not None:
            if value > t.amount:
                ctx.add(
                    ERROR,
                    "ioss_number",
                    "ioss_over_limit",
                    limit=t.amount,
                    value=_money(value, t.currency),
                    rate=_rate_text(conv),
                )
            elif value >= t.amount * near_fraction():
                ctx.add(
                    WARNING,
                    "ioss_number",
                    "ioss_near_limit",
                    limit=t.amount,
                    value=_money(value, t.currency),
                    rate=_rate_text(conv),
                )
    elif (
        dest in eu
        and not origin_eu
        and d.category == Category.SALE_OF_GOODS.value
        and value is not None
        and 0 < value <= t.amount
    ):
        ctx.add(
            WARNING, "ioss_number", "ioss_missing", value=_money(value, t.currency), limit=t.amount
        )


def rule_uk(ctx: Context) -> None:
    d = ctx.decl
    if d.recipient.country.strip() != "GB" or d.category != Category.SALE_OF_GOODS.value:
        return
    if d.sender.country.strip() == "GB":
        return
    t = threshold("uk_low_value")
    conv = ctx.in_currency(ctx.total_value(), t.currency)
    if conv is None:
        return
    if conv.amount > t.amount:
        ctx.add(
            WARNING,
            "items",
            "uk_over_limit",
            value=_money(conv.amount, t.currency),
            limit=t.amount,
            rate=_rate_text(conv),
        )
    elif conv.amount >= t.amount * near_fraction():
        ctx.add(
            WARNING,
            "items",
            "uk_near_limit",
            value=_money(conv.amount, t.currency),
            limit=t.amount,
            rate=_rate_text(conv),
        )


def rule_eu_export(ctx: Context) -> None:
    """Commercial exports from the EU above EUR 1,000 need an electronic export declaration."""
    d = ctx.decl
    eu = eu_members()
    if d.category not in COMMERCIAL or d.category == Category.RETURNED_GOODS.value:
        return
    if d.sender.country.strip() not in eu or d.recipient.country.strip() in eu | {""}:
        return
    t = threshold("eu_export")
    conv = ctx.in_currency(ctx.total_value(), t.currency)
    if conv is not None and conv.amount > t.amount and "MRN" not in d.comments.upper():
        ctx.add(
            WARNING,
            "comments",
            "eu_export_declaration",
            value=_money(conv.amount, t.currency),
            rate=_rate_text(conv),
            limit=_money(t.amount, t.currency),
        )


def rule_gift_relief(ctx: Context) -> None:
    """Gifts between private persons above the UK (GBP 39) or EU (EUR 45) relief."""
    d = ctx.decl
    if d.category != Category.GIFT.value or d.sender.company.strip():
        return
    dest, origin = d.recipient.country.strip(), d.sender.country.strip()
    eu = eu_members()
    if dest == "GB" and origin != "GB":
        t, where = threshold("uk_gift"), N_("the United Kingdom")
    elif dest in eu and origin not in eu:
        t, where = threshold("eu_gift"), N_("the EU")
    else:
        return
    conv = ctx.in_currency(ctx.total_value(), t.currency)
    if conv is not None and conv.amount > t.amount:
        ctx.add(
            WARNING,
            "items",
            "gift_over_relief",
            value=_money(conv.amount, t.currency),
            rate=_rate_text(conv),
            where=where,
            limit=_money(t.amount, t.currency),
        )


def schedule_b_classes(ctx: Context) -> dict[str, Decimal]:
    """Item values grouped by commodity code (lines without a code count on their own)."""
    groups: dict[str, Decimal] = {}
    for i, it in ctx.items():
        code = hscode.clean(it.hs_code) or f"line {i + 1}"
        groups[code] = groups.get(code, Decimal(0)) + (it.value_dec or Decimal(0))
    return groups


def us_export_status(ctx: Context) -> tuple[bool, str, str]:
    """(ITN required, reason, exemption legend) for an export from the United States."""
    t = threshold("us_eei")
    dest = ctx.decl.recipient.country.strip()
    legends = t.extra.get("legends", {})
    legend = str(legends.get(dest, legends.get("default", "")))
    if dest in country_set("us_eei_always"):
        return True, f"exports to {dest} need EEI filing whatever the value", legend
    for code, value in schedule_b_classes(ctx).items():
        conv = ctx.in_currency(value, t.currency)
        if conv is not None and conv.amount > t.amount:
            return (
                True,
                f"the goods under {code} are worth {_money(conv.amount, t.currency)}, above "
                f"USD {t.amount:,} for one Schedule B class",
                legend,
            )
    return False, "", legend


def rule_us_export(ctx: Context) -> None:
    from shipdesk.core.identifiers import check_itn

    d = ctx.decl
    if d.sender.country.strip() != "US" or d.recipient.country.strip() in ("", "US"):
        return
    itn = str(d.extra.get("itn") or "").strip()
    needed, reason, _legend = us_export_status(ctx)
    if itn:
        if not check_itn(itn).ok:
            ctx.add(ERROR, "itn", "itn_format", value=itn)
    elif needed:
        ctx.add(ERROR, "itn", "itn_required", reason=reason)


# -- printing ------------------------------------------------------------------------------
def _printed_fields(ctx: Context) -> list[tuple[str, str]]:
    d = ctx.decl
    out: list[tuple[str, str]] = []
    for role, party in (("sender", d.sender), ("recipient", d.recipient)):
        for f in ("name", "company", "street", "city", "postcode", "region", "phone", "email"):
            out.append((f"{role}.{f}", getattr(party, f)))
    for i, it in ctx.items():
        out.append((f"items[{i}].description", it.description))
    for key in ("category_explanation", "comments", "invoice_number", "importer_reference"):
        out.append((key, getattr(d, key)))
    for key in ("licence_numbers", "certificate_numbers"):
        for j, v in enumerate(getattr(d, key)):
            out.append((f"{key}[{j}]", str(v)))
    return out


def rule_glyphs(ctx: Context) -> None:
    for path, text in _printed_fields(ctx):
        if text and text.strip():
            missing = missing_glyphs(text)
            if missing:
                chars = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing[:8])
                ctx.add(ERROR, path, "glyphs_missing", chars=chars)


RULES: tuple[Rule, ...] = (
    rule_form,
    rule_header,
    rule_parties,
    rule_items,
    rule_totals,
    rule_category,
    rule_item_id,
    rule_ioss,
    rule_uk,
    rule_eu_export,
    rule_gift_relief,
    rule_us_export,
    rule_glyphs,
)
