"""HS 2022 tariff lookup: nomenclature, search index, semantic ranking, national tariffs."""
