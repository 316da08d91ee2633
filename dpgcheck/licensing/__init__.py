"""Licence facts: SPDX expressions, licence data, detection, per-file headers and SBOMs."""
