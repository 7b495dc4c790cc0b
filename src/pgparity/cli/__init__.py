"""Command-line interface: the only place that prints or picks exit codes."""
