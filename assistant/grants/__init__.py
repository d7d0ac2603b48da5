"""Grants: the catalogue of grant schemes (content/grants), the finder, the application writer
and the report.

Importing this package registers its parts with the core: the catalogue loader and its content
checks, the "grants" message source, the ``draft`` template variable, the document checks
``grant_application`` and ``grant_report``, and the panels ``grants.finder`` and
``grants.scheme``. The ``veiviser grants`` command lives in :mod:`assistant.grants.cli`.
"""

from assistant.grants import catalogue, documents, panels  # noqa: F401  (registers the hooks)
