"""Casework Trainer: an offline training simulator for social work students."""

__version__ = "0.1.0"
