"""The qualification rules and their stored results; engine.py runs compiled when built
(``shuangshi.native``)."""

from shuangshi.native import prefer_compiled

prefer_compiled(__path__, __name__)
