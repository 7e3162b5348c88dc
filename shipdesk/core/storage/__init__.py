"""The one owner of persistence: the user's SQLite database and the files beside it.

``db.UserDatabase`` opens the database once (migrations run then), gives each thread its own
connection and writes through one lane; the repositories (drafts, catalogue, products, mappings,
address book, settings, rates, national tariffs) are what the layers above use, typed by the
Protocols in ``interfaces``. Storage imports only the ground (model, money, rates, hscode,
fileio, paths, errors); the services build the repositories into a workspace.
"""
