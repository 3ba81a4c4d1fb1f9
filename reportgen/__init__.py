"""reportgen: 整改 documents written as YAML, rendered as GB/T 9704-2012 PDF and DOCX."""
__version__ = "0.1.0"
__all__ = ["__version__", "build", "load"]


def __getattr__(name: str):
    """``build`` and ``load`` on first use: `reportgen validate` must not pay for the renderers."""
    if name == "build":
        from .pipeline import build

        return build
    if name == "load":
        from .loader import load

        return load
    raise AttributeError(name)
