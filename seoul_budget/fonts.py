"""The Korean font: NanumGothic, shipped inside the koreanize-matplotlib wheel, so no system
font is needed. Found without importing that package (its import restyles matplotlib)."""

from __future__ import annotations

from importlib import util
from pathlib import Path

FONT_PACKAGE = "koreanize_matplotlib"
REGULAR = "NanumGothic.ttf"


def korean_font_dir() -> Path | None:
    """Return the folder of the bundled NanumGothic TTF files, or None if the package is absent."""
    spec = util.find_spec(FONT_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    return folder if folder.is_dir() else None


def korean_font_files() -> list[Path]:
    """Return every bundled NanumGothic TTF (regular, bold, extra bold, light), sorted."""
    folder = korean_font_dir()
    return sorted(folder.glob("*.ttf")) if folder is not None else []


def korean_font_path() -> Path | None:
    """Return the regular NanumGothic TTF, or None if it is absent."""
    folder = korean_font_dir()
    path = folder / REGULAR if folder is not None else None
    return path if path is not None and path.is_file() else None
