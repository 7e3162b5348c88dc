"""Generate the sample order files used by the spreadsheet import tests.

Each platform file follows that platform's published order-export column list (see
resources/mappings/<platform>.toml for the source); the data is invented. Run from the repository
root: ``.venv/bin/python tests/data/sheets/make_samples.py``; the outputs are committed.
"""

from __future__ import annotations

import csv
import io
import sys
from datetime import date, datetime
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))


def _csv(
    name: str,
    header: list[str],
    rows: list[list[object]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    extra_lines: tuple[str, ...] = (),
    blank_after_header: bool = False,
) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerow(header)
    if blank_after_header:
        buf.write("\r\n")
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    for line in extra_lines:
        buf.write(line + "\r\n")
    (HERE / name).write_bytes(buf.getvalue().encode(encoding))


def _row(header: list[str], **values: object) -> list[object]:
    return [values.get(h, "") for h in header]


# -- Shopify: order columns on the first line of each order only ------------------------------
SHOPIFY = [
    "Name",
    "Email",
    "Financial Status",
    "Paid at",
    "Fulfillment Status",
    "Fulfilled at",
    "Accepts Marketing",
    "Currency",
    "Subtotal",
    "Shipping",
    "Taxes",
    "Total",
    "Discount Code",
    "Discount Amount",
    "Shipping Method",
    "Created at",
    "Lineitem quantity",
    "Lineitem name",
    "Lineitem price",
    "Lineitem compare at price",
    "Lineitem sku",
    "Lineitem requires shipping",
    "Lineitem taxable",
    "Lineitem fulfillment status",
    "Billing Name",
    "Billing Street",
    "Billing Address1",
    "Billing Address2",
    "Billing Company",
    "Billing City",
    "Billing Zip",
    "Billing Province",
    "Billing Country",
    "Billing Phone",
    "Shipping Name",
    "Shipping Street",
    "Shipping Address1",
    "Shipping Address2",
    "Shipping Company",
    "Shipping City",
    "Shipping Zip",
    "Shipping Province",
    "Shipping Country",
    "Shipping Phone",
    "Notes",
    "Note Attributes",
    "Cancelled at",
    "Payment Method",
    "Payment Reference",
    "Refunded Amount",
    "Vendor",
    "Outstanding Balance",
    "Employee",
    "Location",
    "Device ID",
    "Id",
    "Tags",
    "Risk Level",
    "Source",
    "Lineitem discount",
    "Tax 1 Name",
    "Tax 1 Value",
    "Phone",
    "Receipt Number",
    "Duties",
    "Billing Province Name",
    "Shipping Province Name",
    "Payment ID",
    "Payment Terms Name",
    "Next Payment Due At",
    "Payment References",
]


def shopify() -> None:
    h = SHOPIFY
    rows = [
        _row(
            h,
            Name="#1001",
            Email="jane.miller@example.com",
            **{
                "Financial Status": "paid",
                "Currency": "EUR",
                "Subtotal": "54.00",
                "Shipping": "12.50",
                "Total": "66.50",
                "Created at": "2026-11-20 09:14:03 +0100",
                "Lineitem quantity": 2,
                "Lineitem name": "Organic cotton T-shirt - Blue / M",
                "Lineitem price": "19.00",
                "Lineitem sku": "TS-BL-M",
                "Shipping Name": "Jane Miller",
                "Shipping Street": "12 Oak Street Apt 4",
                "Shipping Address1": "12 Oak Street",
                "Shipping Address2": "Apt 4",
                "Shipping City": "Springfield",
                "Shipping Zip": "'62704",
                "Shipping Province": "IL",
                "Shipping Country": "US",
                "Shipping Phone": "+1 217 555 0100",
                "Id": 5551234001,
            },
        ),
        _row(
            h,
            Name="#1001",
            **{
                "Lineitem quantity": 1,
                "Lineitem name": "Ceramic coffee mug",
                "Lineitem price": "16.00",
                "Lineitem sku": "MUG-01",
            },
        ),
        _row(
            h,
            Name="#1002",
            Email="t.sato@example.jp",
            **{
                "Financial Status": "paid",
                "Currency": "EUR",
                "Shipping": "9.90",
                "Created at": "2026-11-21 17:40:12 +0100",
                "Lineitem quantity": 1,
                "Lineitem name": "Wool scarf, knitted",
                "Lineitem price": "45.00",
                "Lineitem sku": "SC-W",
                "Shipping Name": "Takeshi Sato",
                "Shipping Address1": "3-2-1 Shibuya",
                "Shipping City": "Shibuya-ku, Tokyo",
                "Shipping Zip": "150-0002",
                "Shipping Province": "Tokyo",
                "Shipping Country": "JP",
                "Id": 5551234002,
            },
        ),
        _row(
            h,
            Name="#1003",
            Email="ana@example.com.br",
            **{
                "Financial Status": "paid",
                "Currency": "EUR",
                "Shipping": "14.00",
                "Created at": "2026-11-22 08:02:55 +0100",
                "Lineitem quantity": 3,
                "Lineitem name": "Leather wallet",
                "Lineitem price": "29.90",
                "Shipping Name": "Ana Souza",
                "Shipping Address1": "Rua das Flores 120",
                "Shipping City": "São Paulo",
                "Shipping Zip": "01311-000",
                "Shipping Province": "SP",
                "Shipping Country": "BR",
                "Notes": '=HYPERLINK("http://example.invalid","click")',
                "Id": 5551234003,
            },
        ),
    ]
    _csv("shopify_orders.csv", h, rows)


# -- Etsy: country names, US dates, unit price and item total -------------------------------
ETSY = [
    "Sale Date",
    "Item Name",
    "Buyer",
    "Quantity",
    "Price",
    "Coupon Code",
    "Coupon Details",
    "Discount Amount",
    "Shipping Discount",
    "Order Shipping",
    "Order Sales Tax",
    "Item Total",
    "Currency",
    "Transaction ID",
    "Listing ID",
    "Date Paid",
    "Date Shipped",
    "Ship Name",
    "Ship Address1",
    "Ship Address2",
    "Ship City",
    "Ship State",
    "Ship Zipcode",
    "Ship Country",
    "Order ID",
    "Variations",
    "Order Type",
    "Listings Type",
    "Payment Type",
    "InPerson Discount",
    "InPerson Location",
    "VAT Paid by Buyer",
    "SKU",
]


def etsy() -> None:
    h = ETSY
    common = {
        "Buyer": "emmaw",
        "Order Shipping": "8.00",
        "Currency": "USD",
        "Ship Name": "Emma Wilson",
        "Ship Address1": "48 Harbour Road",
        "Ship City": "Bristol",
        "Ship Zipcode": "BS1 5DB",
        "Ship Country": "United Kingdom",
        "Order ID": "3190045521",
        "Order Type": "online",
        "Payment Type": "online_cc",
    }
    rows = [
        _row(
            h,
            **{
                "Sale Date": "11/23/26",
                "Item Name": "Sterling silver hoop earrings",
                "Quantity": 1,
                "Price": "38.00",
                "Item Total": "38.00",
                "Transaction ID": "4011",
                "Listing ID": "1500001",
                "SKU": "EAR-925",
            },
            **common,
        ),
        _row(
            h,
            **{
                "Sale Date": "11/23/26",
                "Item Name": "Hand-painted silk scarf",
                "Quantity": 2,
                "Price": "55.00",
                "Item Total": "110.00",
                "Transaction ID": "4012",
                "Listing ID": "1500002",
            },
            **common,
        ),
        _row(
            h,
            **{
                "Sale Date": "11/24/26",
                "Item Name": "Beeswax candle set",
                "Buyer": "lucasb",
                "Quantity": 1,
                "Price": "24.50",
                "Item Total": "24.50",
                "Order Shipping": "11.00",
                "Currency": "USD",
                "Ship Name": "Lucas Bernard",
                "Ship Address1": "5 rue de la Paix",
                "Ship City": "Genève",
                "Ship Zipcode": "1204",
                "Ship Country": "Switzerland",
                "Order ID": "3190045600",
                "Transaction ID": "4013",
            },
        ),
    ]
    _csv("etsy_order_items.csv", h, rows)


# -- eBay: blank line after the header, summary row + item rows, footer lines, cp1252 ---------
EBAY = [
    "Sales Record Number",
    "Order Number",
    "Buyer Username",
    "Buyer Name",
    "Buyer Email",
    "Buyer Note",
    "Buyer Address 1",
    "Buyer Address 2",
    "Buyer City",
    "Buyer State",
    "Buyer Zip",
    "Buyer Country",
    "Buyer Tax Identifier Name",
    "Buyer Tax Identifier Value",
    "Ship To Name",
    "Ship To Phone",
    "Ship To Address 1",
    "Ship To Address 2",
    "Ship To City",
    "Ship To State",
    "Ship To Zip",
    "Ship To Country",
    "Item Number",
    "Item Title",
    "Custom Label",
    "Sold Via Promoted Listings",
    "Quantity",
    "Sold For",
    "Shipping And Handling",
    "Item Location",
    "Item Zip Code",
    "Item Country",
    "eBay Collect And Remit Tax Rate",
    "eBay Collect And Remit Tax Type",
    "eBay Reference Name",
    "eBay Reference Value",
    "Tax Status",
    "Seller Collected Tax",
    "eBay Collected Tax",
    "Total Price",
    "Payment Method",
    "Sale Date",
    "Paid On Date",
    "Ship By Date",
    "Shipped On Date",
    "Feedback Left",
    "Feedback Received",
    "My Item Note",
    "PayPal Transaction ID",
    "Shipping Service",
    "Tracking Number",
    "Transaction ID",
    "Variation Details",
    "Global Shipping Program",
    "Global Shipping Reference ID",
    "Click And Collect",
    "Click And Collect Reference Number",
    "eBay Plus",
]


def ebay() -> None:
    h = EBAY
    ship = {
        "Buyer Username": "k.mueller",
        "Buyer Name": "Klaus Müller",
        "Buyer Email": "k.mueller@example.de",
        "Ship To Name": "Klaus Müller",
        "Ship To Phone": "+49 30 1234567",
        "Ship To Address 1": "Hauptstraße 5",
        "Ship To City": "Berlin",
        "Ship To Zip": "10115",
        "Ship To Country": "Germany",
    }
    rows = [
        _row(
            h,
            **{
                "Sales Record Number": 501,
                "Order Number": "12-10001-20001",
                "Total Price": "$84.98",
                "Sale Date": "Nov-24-26",
                "Shipping And Handling": "$15.00",
                "Tracking Number": "RR123456785US",
            },
            **ship,
        ),
        _row(
            h,
            **{
                "Sales Record Number": 501,
                "Order Number": "12-10001-20001",
                "Item Number": "2650001",
                "Item Title": "Vintage brass pocket watch",
                "Custom Label": "PW-1",
                "Quantity": 1,
                "Sold For": "$49.99",
                "Item Country": "Switzerland",
                "Sale Date": "Nov-24-26",
            },
        ),
        _row(
            h,
            **{
                "Sales Record Number": 501,
                "Order Number": "12-10001-20001",
                "Item Number": "2650002",
                "Item Title": "Leather watch strap, 20 mm",
                "Quantity": 1,
                "Sold For": "$19.99",
                "Item Country": "Italy",
                "Sale Date": "Nov-24-26",
            },
        ),
        _row(
            h,
            **{
                "Sales Record Number": 502,
                "Order Number": "12-10002-20002",
                "Buyer Username": "c.dupont",
                "Buyer Name": "Céline Dupont",
                "Ship To Name": "Céline Dupont",
                "Ship To Address 1": "8 avenue Foch",
                "Ship To City": "Lyon",
                "Ship To Zip": "69006",
                "Ship To Country": "France",
                "Item Number": "2650003",
                "Item Title": "Mechanical keyboard, USB",
                "Quantity": 1,
                "Sold For": "$89.00",
                "Shipping And Handling": "$20.00",
                "Total Price": "$109.00",
                "Sale Date": "Nov-25-26",
            },
        ),
    ]
    _csv(
        "ebay_orders.csv",
        h,
        rows,
        encoding="cp1252",
        blank_after_header=True,
        extra_lines=(
            "",
            "4 record(s) downloaded,from Nov-20-26 to Nov-27-26",
            "Seller ID : vintage_time_de",
        ),
    )


# -- WooCommerce: first/last names, line totals ----------------------------------------------
WOO = [
    "order_id",
    "order_number",
    "order_number_formatted",
    "order_date",
    "status",
    "shipping_total",
    "shipping_tax_total",
    "fee_total",
    "tax_total",
    "discount_total",
    "order_total",
    "refunded_total",
    "order_currency",
    "payment_method",
    "shipping_method",
    "customer_id",
    "billing_first_name",
    "billing_last_name",
    "billing_company",
    "billing_email",
    "billing_phone",
    "billing_address_1",
    "billing_address_2",
    "billing_postcode",
    "billing_city",
    "billing_state",
    "billing_country",
    "shipping_first_name",
    "shipping_last_name",
    "shipping_company",
    "shipping_address_1",
    "shipping_address_2",
    "shipping_postcode",
    "shipping_city",
    "shipping_state",
    "shipping_country",
    "customer_note",
    "item_id",
    "item_product_id",
    "item_name",
    "item_sku",
    "item_quantity",
    "item_subtotal",
    "item_subtotal_tax",
    "item_total",
    "item_total_tax",
    "item_refunded",
    "item_refunded_qty",
    "item_meta",
    "shipping_items",
    "fee_items",
    "tax_items",
    "coupon_items",
    "order_notes",
    "download_permissions_granted",
]


def woocommerce() -> None:
    h = WOO
    o1 = {
        "order_id": 880,
        "order_number": 880,
        "order_number_formatted": "880",
        "order_date": "2026-11-25 14:03:11",
        "status": "processing",
        "shipping_total": "18.00",
        "order_total": "96.00",
        "order_currency": "GBP",
        "billing_email": "liam@example.ca",
        "billing_phone": "+1 604 555 0199",
        "shipping_first_name": "Liam",
        "shipping_last_name": "Chen",
        "shipping_address_1": "1020 Robson St",
        "shipping_address_2": "Unit 7",
        "shipping_postcode": "V6E 1A7",
        "shipping_city": "Vancouver",
        "shipping_state": "BC",
        "shipping_country": "CA",
    }
    rows = [
        _row(
            h,
            **o1,
            item_id=1,
            item_name="Loose leaf green tea, 250 g",
            item_sku="TEA-G",
            item_quantity=2,
            item_subtotal="24.00",
            item_total="24.00",
        ),
        _row(
            h,
            **o1,
            item_id=2,
            item_name="Cast iron teapot",
            item_sku="POT-1",
            item_quantity=1,
            item_subtotal="54.00",
            item_total="54.00",
        ),
    ]
    _csv("woocommerce_orders.csv", h, rows)


# -- Amazon: tab-delimited flat file, item-price is the line total ---------------------------
AMAZON = [
    "order-id",
    "order-item-id",
    "purchase-date",
    "payments-date",
    "buyer-email",
    "buyer-name",
    "buyer-phone-number",
    "sku",
    "product-name",
    "quantity-purchased",
    "currency",
    "item-price",
    "item-tax",
    "shipping-price",
    "shipping-tax",
    "ship-service-level",
    "recipient-name",
    "ship-address-1",
    "ship-address-2",
    "ship-address-3",
    "ship-city",
    "ship-state",
    "ship-postal-code",
    "ship-country",
    "ship-phone-number",
    "delivery-start-date",
    "delivery-end-date",
    "delivery-time-zone",
    "delivery-Instructions",
    "sales-channel",
    "is-business-order",
    "purchase-order-number",
    "price-designation",
]


def amazon() -> None:
    h = AMAZON
    o = {
        "order-id": "305-1234567-8901234",
        "purchase-date": "2026-11-26T08:15:42+00:00",
        "buyer-email": "abc123@marketplace.amazon.co.uk",
        "buyer-name": "Olivia Brown",
        "currency": "GBP",
        "ship-service-level": "Standard",
        "recipient-name": "Olivia Brown",
        "ship-address-1": "221 King Street",
        "ship-city": "Dublin",
        "ship-postal-code": "D02 X285",
        "ship-country": "IE",
        "sales-channel": "Amazon.co.uk",
        "is-business-order": "false",
    }
    rows = [
        _row(
            h,
            **o,
            **{
                "order-item-id": "11111",
                "sku": "BK-101",
                "product-name": "Paperback novel: The Quiet Harbour (English)",
                "quantity-purchased": 2,
                "item-price": "17.98",
                "shipping-price": "4.00",
            },
        ),
        _row(
            h,
            **o,
            **{
                "order-item-id": "11112",
                "sku": "PZ-500",
                "product-name": "Jigsaw puzzle, 500 pieces, cardboard",
                "quantity-purchased": 1,
                "item-price": "12.49",
                "shipping-price": "0.00",
            },
        ),
    ]
    _csv("amazon_orders.txt", h, rows, delimiter="\t")


# -- ShipDesk template, filled in: complete data -------------------------------------------
def shipdesk_template() -> None:
    from shipdesk.core.exchange.template import template_headers, write_template

    path = HERE / "shipdesk_template_filled.xlsx"
    write_template(path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Orders"]
    heads = [h for _, h in template_headers()]
    sender = {
        "Sender name": "Maria Keller",
        "Sender company": "Keller Handmade",
        "Sender street": "Lindenweg 3",
        "Sender city": "Freiburg",
        "Sender postcode": "79098",
        "Sender country": "DE",
        "Sender email": "shop@keller.example",
    }
    data = [
        {
            "Order number": "A-100",
            "Date": date(2026, 11, 27),
            "Category": "sale_of_goods",
            "Currency": "EUR",
            "Recipient name": "John Smith",
            "Recipient street": "1 Main St",
            "Recipient city": "Boston",
            "Recipient postcode": "02108",
            "Recipient region": "MA",
            "Recipient country": "US",
            "Recipient phone": "+1 617 555 0101",
            "Gross weight": 0.62,
            "Postal charges": 15.9,
            "Item description": "Women's T-shirt, 100% cotton, knitted",
            "Quantity": 2,
            "Unit price": 12.5,
            "Line value": 25,
            "Net weight": 0.3,
            "Weight unit": "kg",
            "HS code": "610910",
            "Country of origin": "PT",
            **sender,
        },
        {
            "Order number": "A-100",
            "Item description": "Ceramic coffee mug, stoneware",
            "Quantity": 1,
            "Line value": 18,
            "Net weight": 250,
            "Weight unit": "g",
            "HS code": "691200",
            "Country of origin": "DE",
        },
        {
            "Order number": "A-101",
            "Date": date(2026, 11, 27),
            "Category": "gift",
            "Currency": "EUR",
            "Recipient name": "Sophie Martin",
            "Recipient street": "4 rue Royale",
            "Recipient city": "Montréal",
            "Recipient postcode": "H2X 1Y4",
            "Recipient region": "QC",
            "Recipient country": "CA",
            "Gross weight": 0.4,
            "Postal charges": 11,
            "Item description": "Children's picture book, printed",
            "Quantity": 1,
            "Line value": 14.9,
            "Net weight": 0.35,
            "Country of origin": "DE",
            **sender,
        },
    ]
    for n, rec in enumerate(data, start=2):
        for k, v in rec.items():
            ws.cell(row=n, column=heads.index(k) + 1, value=v)
    wb.save(path)


# -- dirty: title rows, merged order numbers, blank rows, separators, text dates ------------
def dirty_xlsx() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Bestellungen"
    ws.append(["Order list November 2026"])  # a title above the table
    ws.append([])
    ws.append(
        [
            "Order",
            "Date",
            "Name",
            "Street",
            "City",
            "Postcode",
            "Country",
            "Currency",
            "Description",
            "Qty",
            "Price",
            "Weight (g)",
            "HS code",
            "Origin",
        ]
    )
    rows = [
        [
            "B-1",
            "27.11.2026",
            "Lena Fischer",
            "Ringstraße 1",
            "Wien",
            "1010",
            "Austria",
            "EUR",
            "Wool socks, knitted",
            3,
            "1.234,56",
            80,
            "611594",
            "DE",
        ],
        [
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "Pepper, black, whole, 100 g",
            2,
            "4,50",
            "100",
            90411,
            "IN",
        ],
        None,  # a blank row inside the table
        [
            "B-2",
            "2026-11-26",
            "Marco Rossi",
            "Via Roma 10",
            "Milano",
            "20121",
            "IT",
            "EUR",
            "Linen tablecloth",
            1,
            "1,299.00",
            "1.200",
            "630251",
            "LT",
        ],
        [
            "B-3",
            "26/11/2026",
            "Pierre Leroy",
            "1 rue Nationale",
            "Lille",
            "59000",
            "Atlantis",
            "EUR",
            "Scented candle",
            "two",
            "12,00",
            "300",
            "340600",
            "FR",
        ],
        [
            "B-4",
            datetime(2026, 11, 25, 10, 0),
            "Ana Costa",
            "Rua Augusta 5",
            "Lisboa",
            "1100-048",
            "PT",
            "EUR",
            "=cmd|' /C calc'!A0",
            1,
            "9,90",
            "150",
            "",
            "PT",
        ],
        [
            "B-5",
            "25 Nov 2026",
            "Jan de Vries",
            "Damrak 1",
            "Amsterdam",
            "1012 LG",
            "Netherlands",
            "EUR",
            "Hand cream, 50 ml",
            2,
            "7.5",
            "60",
            "",
            "FR",
        ],
        ["B-5", None, None, None, None, None, None, "EUR", "", 1, "3,00", "20", "", "FR"],
    ]
    for r in rows:
        ws.append(r if r is not None else [])
    bad = ws.cell(row=9, column=9)  # typed text that looks like a formula, kept as text
    bad.value, bad.data_type = "=cmd|' /C calc'!A0", "s"
    # B-1's order number cell merged over its two item rows (row 4 and 5)
    ws.merge_cells("A4:A5")
    wb.save(HERE / "dirty_orders.xlsx")


def dirty_csv() -> None:
    header = [
        "Bestellnummer",
        "Datum",
        "Name",
        "Straße",
        "PLZ",
        "Stadt",
        "Land",
        "Währung",
        "Beschreibung",
        "Menge",
        "Preis",
        "Gewicht (kg)",
        "Zolltarifnummer",
        "Ursprungsland",
    ]
    rows = [
        [
            "5001",
            "24.11.2026",
            "Søren Jørgensen",
            "Nørregade 7",
            "1165",
            "København",
            "Danmark",
            "EUR",
            "Holzspielzeug Eisenbahn, Buche",
            "1",
            "1.049,00",
            "1,250",
            "9503.00",
            "DE",
        ],
        [
            "5002",
            "24.11.2026",
            "Zoë Brontë",
            "12 Rue Émile Zola",
            "75015",
            "Paris",
            "FR",
            "EUR",
            "Kaffeebohnen, geröstet",
            "2",
            "12,90",
            "0,500",
            "0901 21",
            "CO",
        ],
        ["", "", "", "", "", "", "", "", "", "", "", "", "", ""],
        [
            "5003",
            "23.11.2026",
            "Ola Nordmann",
            "Karl Johans gate 1",
            "0154",
            "Oslo",
            "NO",
            "XYZ",
            "Lederhandschuhe",
            "1",
            "39,00",
            "0,150",
            "420329",
            "IT",
        ],
    ]
    _csv("dirty_semicolon_cp1252.csv", header, rows, delimiter=";", encoding="cp1252")


def main() -> None:
    shopify()
    etsy()
    ebay()
    woocommerce()
    amazon()
    shipdesk_template()
    dirty_xlsx()
    dirty_csv()


if __name__ == "__main__":
    main()
