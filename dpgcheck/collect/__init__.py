"""Fact collectors: each module in :mod:`dpgcheck.collect.collectors` adds one section."""
