"""Shapes with an area."""

import math


class Shape:
    """Something with an area."""

    def area(self):
        """The area of the shape."""
        raise NotImplementedError


class Circle(Shape):
    """A circle given by its radius."""

    def __init__(self, radius):
        self.radius = radius

    def area(self):
        """The area, pi r squared."""
        return math.pi * self.radius**2

    def __repr__(self):
        return f"Circle({self.radius!r})"


class Rectangle(Shape):
    def __init__(self, width, height):
        self.width = width
        self.height = height

    def area(self):
        """Width times height."""
        return self.width * self.height

    @property
    def is_square(self):
        return self.width == self.height


def area_of(shapes):
    """Total area of some shapes."""

    def one(shape):
        return shape.area()

    return sum(one(s) for s in shapes)
