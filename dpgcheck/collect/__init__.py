"""Fact collectors: each module ``<section>_facts`` in :mod:`dpgcheck.collect.collectors` adds one section."""
