"""One module per fact collector; see :mod:`dpgcheck.collect.registry`."""
