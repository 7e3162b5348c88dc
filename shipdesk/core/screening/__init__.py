"""Restricted-goods screening: rule data, matching engine, findings, bundles and overrides."""
