"""reportgen watch: one warm process rebuilds what changed each time a file is saved."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from .discover import sources
from .pipeline import Builder, Outcome

YAML = (".yaml", ".yml")
IMAGES = (".png", ".jpg", ".jpeg")


def watched_folders(paths: list[Path], builder: Builder) -> list[Path]:
    """The documents' folders, the folders of the files they name (a seal image, ledger files), the templates.
    Folders, not files: editors save by writing a new file and renaming it over the old one, which ends a
    watch on the file itself."""
    folders = {(p if p.is_dir() else p.parent).resolve() for p in paths}
    images = {path.parent.resolve() for path in builder.assets()}
    return sorted(folders | images | {builder.templates.resolve()})


def _relevant(paths: list[Path], out: Path, templates: Path, assets: set[Path] = frozenset()) -> Callable[[object, str], bool]:
    named = {p.resolve() for p in paths if not p.is_dir()}
    folders = {p.resolve() for p in paths if p.is_dir()}
    out, templates = out.resolve(), templates.resolve()

    def relevant(change, path: str) -> bool:
        path = Path(path)
        if out in path.parents or path.name.startswith(".") or path.name.endswith((".tmp", "~")):
            return False  # our own outputs, and editors' swap and temporary files
        if path.suffix in YAML:  # a document, or a ledger file one names
            return path in named or path.parent in folders or path in assets
        return path.suffix.lower() in IMAGES or path.parent == templates  # a seal image; a template

    return relevant


def changes(paths: list[Path], builder: Builder, folders: list[Path], stop_event=None) -> Iterator[set[Path]]:
    """Each batch of changed files in ``folders``, as soon as saving has settled (50 ms without a change)."""
    import logging

    import watchfiles

    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # it logs its own message on Ctrl-C
    assets = {path.resolve() for path in builder.assets()}
    for batch in watchfiles.watch(*folders, watch_filter=_relevant(paths, builder.out, builder.templates, assets),
                                  step=50, stop_event=stop_event, recursive=False, raise_interrupt=False):
        yield {Path(path) for _, path in batch}


def rebuild(builder: Builder, paths: list[Path], failing: set[Path]) -> list[Outcome]:
    """Every document whose YAML, named files, templates or fonts changed, and every one still failing (so
    its errors stay on screen until they are fixed).  A document fixed back to what was last built is
    skipped but still reported, so the editor sees its error is gone.  Updates ``failing``."""
    builder.refresh()
    outcomes = []
    for source in sources(paths):
        outcome = builder.build(source)
        if not outcome.skipped or source in failing:
            outcomes.append(outcome)
        (failing.discard if outcome.ok else failing.add)(source)
    return outcomes


def watch(builder: Builder, paths: list[Path], show: Callable[[set[Path], list[Outcome]], None],
          stop_event=None) -> None:
    """Builds once, then after every change; ``show(changed, outcomes)`` prints each round."""
    builder.pdf_writer()
    if "docx" in builder.formats:
        builder.docx_writer()
    failing: set[Path] = set()
    show(set(), rebuild(builder, paths, failing))
    while True:
        folders = watched_folders(paths, builder)
        for changed in changes(paths, builder, folders, stop_event):
            show(changed, rebuild(builder, paths, failing))
            if watched_folders(paths, builder) != folders:
                break  # a document now names a file in another folder: watch that one too
        else:
            return  # stopped
