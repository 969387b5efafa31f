"""HTML to PDF with Debian's headless Chromium, for every printable document (takedown
dossiers, SOP documents, reports): the PDF is the same HTML, so both always agree."""

import shutil
import subprocess
import tempfile
from pathlib import Path


class PdfUnavailable(RuntimeError):
    pass


def html_to_pdf(html: str, timeout: int = 60) -> bytes:
    """No network: the page is a local file and printable templates use no external
    resources."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise PdfUnavailable("chromium is not installed")
    with tempfile.TemporaryDirectory(prefix="rasmi-pdf-") as folder:
        page, pdf = Path(folder) / "document.html", Path(folder) / "document.pdf"
        page.write_text(html, encoding="utf-8")
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                        "--no-pdf-header-footer", f"--user-data-dir={folder}/profile",
                        f"--print-to-pdf={pdf}", page.as_uri()],
                       check=True, timeout=timeout, capture_output=True)
        if not pdf.exists():
            raise PdfUnavailable("chromium produced no PDF")
        return pdf.read_bytes()
