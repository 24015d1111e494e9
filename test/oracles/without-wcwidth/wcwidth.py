"""Stands in for the optional `wcwidth` package while interrogate runs as an oracle.

pip installs interrogate with tabulate but not tabulate's optional `wcwidth` (its "widechars" extra), so
interrogate's tables measure names with len(). Debian's python3-wcwidth (pulled in by python3-ipython, which the
notebook oracle needs) would make tabulate measure wide characters by display width instead; this module makes
`import wcwidth` fail, as it does where interrogate is pip-installed.
"""
raise ImportError("wcwidth is left out on purpose: interrogate's oracle runs tabulate as pip installs it")
