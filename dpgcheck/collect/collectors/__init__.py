"""One module per facts section, named ``<section>_facts``; see :mod:`dpgcheck.collect.collector_index`."""
