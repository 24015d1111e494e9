"""Drawing flags packed into one integer."""

FILL = 1 << 0
STROKE = 1 << 1
SHADOW = 1 << 2
DASHED = 0b1000
ALL = FILL | STROKE | SHADOW | DASHED
DEFAULT = ALL & ~SHADOW


class Flags:
    """A set of drawing flags."""

    def __init__(self, value=DEFAULT):
        self.value = value

    def set(self, k):
        """Set bit k."""
        self.value |= 1 << k

    def clear(self, k):
        self.value &= ~(1 << k)

    def flip(self, k):  # nodocqa
        self.value ^= 1 << k

    def lowest(self):
        return self.value & -self.value


def has_flag(value, flag):
    """Whether all bits of flag are set in value."""
    return value & flag == flag


def is_power_of_two(x):
    return x > 0 and x & (x - 1) == 0
