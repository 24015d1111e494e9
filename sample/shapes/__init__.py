"""Geometric shapes and the flags that describe how to draw them."""

from .flags import Flags, has_flag
from .geometry import Circle, Rectangle, area_of

__all__ = ["Circle", "Flags", "Rectangle", "area_of", "has_flag"]
