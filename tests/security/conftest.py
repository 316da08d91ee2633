"""The security tests use their own cache directory, never the user's."""
from __future__ import annotations

import os
import tempfile

os.environ["DPGCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="dpgcheck-security-cache-")
