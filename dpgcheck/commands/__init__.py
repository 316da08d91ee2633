"""One module per subcommand; each is a plain function that returns an exit code."""
