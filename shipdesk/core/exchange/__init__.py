"""Files in and out: everything ShipDesk reads from or writes to a file other than a PDF.

The declaration format (``*.shipdesk.json``), spreadsheets of orders read safely (.xlsx and
.csv) and turned into declarations through column mappings, product catalogue files, the batch
that checks and writes many declarations, the register workbook, the import template and the
advance-data (EAD) export. It sits with the documents between the services and the judges:
it may import validation, screening, tariff, storage and the ground, never the services or a
face.
"""
