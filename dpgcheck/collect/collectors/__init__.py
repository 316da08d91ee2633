"""One module per fact collector; see :mod:`dpgcheck.collect.collector_index`."""
