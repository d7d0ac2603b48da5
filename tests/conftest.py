"""Tests never write to the user's real cache folder."""

import os
import tempfile

os.environ.setdefault("VEIVISER_CACHE_DIR", tempfile.mkdtemp(prefix="veiviser-test-cache-"))
