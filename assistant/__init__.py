"""Veiviser: a guide for small minority organisations in Norway."""

__version__ = "0.1.0"
