"""Reading governance documents: their headings, the topics they cover, the kinds of contact they give.

Pure functions over text, used by the ``governance`` collector
(:mod:`dpgcheck.collect.collectors.governance`), which finds the files and records the facts.
"""
