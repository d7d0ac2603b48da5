"""The rest of the year: after the funder's answer, the annual report, the accounts and the
organisation's calendar.

Importing this package registers its parts with the core: the template variables ``aftercare``
(:mod:`assistant.year.aftercare`), ``accounts_sum`` (:mod:`assistant.year.accounts`) and
``calendar`` (:mod:`assistant.calendar`), the document check ``accounts``, the panel
``year.calendar``, the notes ``year.feedback`` (the funder's feedback beside the application),
the accounts' suggestions (:mod:`assistant.year.prefill`) and the ``ics`` document writer. The loader imports it with the content.
"""

from assistant.year import aftercare, accounts, prefill  # noqa: F401  (registers the hooks)
from assistant import boards, calendar  # noqa: F401

