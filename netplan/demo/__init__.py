"""Sample data: `netplan demo` and the screenshots."""

from netplan.demo.generator import demo_data

__all__ = ["demo_data"]
