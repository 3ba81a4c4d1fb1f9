"""reportgen: 整改 documents written as YAML, rendered as GB/T 9704-2012 PDF and DOCX."""
__version__ = "0.1.0"

from .pipeline import build  # noqa: E402
from .loader import load  # noqa: E402

__all__ = ["__version__", "build", "load"]
