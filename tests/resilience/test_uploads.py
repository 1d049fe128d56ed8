"""The signed contract upload: each way a path can be wrong gets its own error."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from fleet_tui.core.errors import OrderInvalid
from fleet_tui.core.fields import UPLOAD_MAX_BYTES, RuleViolation, check_upload
from fleet_tui.core.rules import validate_order
from fleet_tui.session.kiosk import write_sample_contract
from tests.resilience.orders import demo_context, esim_draft

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def code_of(path: Path) -> str:
    with pytest.raises(RuleViolation) as caught:
        check_upload(path)
    return caught.value.code


def test_pdf_jpeg_and_png_are_judged_by_content_not_name(tmp_path: Path) -> None:
    write_sample_contract(tmp_path / "scan.bin")
    (tmp_path / "scan.pdf").write_bytes(PNG)
    (tmp_path / "photo").write_bytes(JPEG)
    assert check_upload(tmp_path / "scan.bin") == "pdf"
    assert check_upload(tmp_path / "scan.pdf") == "png"
    assert check_upload(tmp_path / "photo") == "jpeg"


@pytest.mark.parametrize(
    "content",
    [b"GIF89a\x01\x00\x01\x00", b"PK\x03\x04 a zip named .pdf", b"", b"%PDF"],
    ids=["gif", "zip", "empty", "truncated_magic"],
)
def test_wrong_type_by_content(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "contract.pdf"
    path.write_bytes(content)
    assert code_of(path) == "upload_type"


def test_too_large_sparse_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as handle:
        handle.write(b"%PDF-1.4\n")
        handle.truncate(UPLOAD_MAX_BYTES + 1)  # sparse: no disk used
    assert code_of(path) == "upload_too_large"
    path.chmod(0o644)
    with path.open("r+b") as handle:
        handle.truncate(UPLOAD_MAX_BYTES)
    assert check_upload(path) == "pdf"  # exactly at the cap is fine


def test_directory(tmp_path: Path) -> None:
    assert code_of(tmp_path) == "upload_directory"


def test_dangling_symlink_and_missing_file(tmp_path: Path) -> None:
    link = tmp_path / "contract.pdf"
    link.symlink_to(tmp_path / "moved-away.pdf")
    assert code_of(link) == "upload_dangling_link"
    assert code_of(tmp_path / "never-there.pdf") == "upload_missing"


def test_device_file() -> None:
    assert code_of(Path("/dev/null")) == "upload_not_regular"


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    # Opening a FIFO with no writer blocks forever: the check must not open it.
    fifo = tmp_path / "contract.pdf"
    os.mkfifo(fifo)
    assert code_of(fifo) == "upload_not_regular"


def test_symlink_to_a_device_is_judged_by_its_target(tmp_path: Path) -> None:
    link = tmp_path / "contract.pdf"
    link.symlink_to("/dev/zero")
    assert code_of(link) == "upload_not_regular"


@pytest.fixture
def unreadable_pdf() -> Iterator[Path]:
    """A PDF with mode 000 in a folder everyone may enter (tests run as root, who can
    read anything: the check runs in a child process as ``nobody``)."""
    with tempfile.TemporaryDirectory(prefix="fleet-tui-upload-") as folder:
        os.chmod(folder, 0o755)
        path = Path(folder) / "contract.pdf"
        write_sample_contract(path)
        path.chmod(0)
        yield path


_CHECK_AS = """
import os, sys
from pathlib import Path
from fleet_tui.core.fields import RuleViolation, check_upload
# Imported first: the interpreter's own files may not be readable by nobody.
if os.getuid() == 0:
    os.setgid(65534)
    os.setuid(65534)
try:
    print(check_upload(Path(sys.argv[1])))
except RuleViolation as exc:
    print(exc.code)
"""


@pytest.mark.slow
def test_unreadable_file(unreadable_pdf: Path) -> None:
    assert stat.S_IMODE(unreadable_pdf.stat().st_mode) == 0
    done = subprocess.run(
        [sys.executable, "-c", _CHECK_AS, str(unreadable_pdf)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "upload_unreadable"


def test_upload_errors_reach_the_order_on_the_contract_field(tmp_path: Path) -> None:
    context = demo_context()
    cases = {
        tmp_path: "upload_directory",
        Path("/dev/null"): "upload_not_regular",
        tmp_path / "absent.pdf": "upload_missing",
    }
    for path, code in cases.items():
        draft = esim_draft(
            customer_number="5.16143",
            invoice_split=True,
            invoice_split_profile="titanium-executive-20",
            contract_path=str(path),
        )
        with pytest.raises(OrderInvalid) as caught:
            validate_order(draft.to_document(context.catalogue), context)
        assert [(e.field, e.code) for e in caught.value.errors] == [
            ("invoice_split.contract", code)
        ]
