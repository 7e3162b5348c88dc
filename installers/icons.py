"""The app icon rendered from resources/icons/shipdesk.svg with Qt's SVG renderer: PNGs in the
hicolor sizes of the Linux packages, the Windows .ico (executables and the NSIS installer) and
the 256 px PNG PyInstaller turns into the macOS .icns.

    python installers/icons.py OUT_DIR     # OUT_DIR/shipdesk-SIZE.png and OUT_DIR/shipdesk.ico
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HICOLOR_SIZES = (16, 32, 48, 64, 128, 256)


def render_png(svg: Path, out: Path, size: int) -> Path:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    # no application object: painting an SVG without text onto a QImage needs none, and a
    # QGuiApplication made here would stand in the way of a QApplication made later
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"{out}: could not write the icon")
    return out


def render_ico(svg: Path, out: Path) -> Path:
    """A Windows icon with the 16 to 256 px images (Pillow, which ReportLab already needs)."""
    from PIL import Image

    png = render_png(svg, out.with_name(out.stem + "-256.png"), 256)
    with Image.open(png) as image:
        image.save(out, format="ICO", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    return out


SVG = Path(__file__).resolve().parents[1] / "resources" / "icons" / "shipdesk.svg"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    for size in HICOLOR_SIZES:
        print(render_png(SVG, Path(argv[0]) / f"shipdesk-{size}.png", size))
    print(render_ico(SVG, Path(argv[0]) / "shipdesk.ico"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
