"""recover: a private, local-first coach for getting through a breakup."""

__version__ = "0.1.0"
