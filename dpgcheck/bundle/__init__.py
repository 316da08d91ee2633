"""Policy bundles: the built-in base bundle and the overlays a government publishes."""
