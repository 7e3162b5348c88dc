"""Printable documents: CN22, CN23, commercial / pro-forma invoice and packing list as PDF."""
