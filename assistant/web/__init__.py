"""The browser front end: server-rendered HTML on Starlette, served by uvicorn.

The only part of Veiviser that imports the web framework. It drives the same
:class:`~assistant.session.Conversation` as the terminal UI and plain mode, with the same
content, catalogs and store. See :mod:`assistant.web.app` and :mod:`assistant.web.pages`.
"""
