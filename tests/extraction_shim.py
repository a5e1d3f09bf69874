"""Temporary: installs tests.fake_extraction when the engine is not merged yet."""

import sys

try:
    import commitments.extraction  # noqa: F401
except ImportError:
    from tests import fake_extraction

    sys.modules["commitments.extraction"] = fake_extraction
