"""netplan: a keyboard-driven terminal planner for professional networking."""

__version__ = "0.1.0"
