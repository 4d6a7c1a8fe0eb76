"""The command-line shell: each module parses arguments, calls the domain, and renders."""
