"""Drafts on disk: atomic, private, versioned, and a damaged file never stops a start."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import SecretStr

from fleet_tui.clients.base import Credentials, NotSignedIn
from fleet_tui.clients.demo import DEMO_PASSWORD, DEMO_USERNAME, DemoClient
from fleet_tui.core.draft import OrderDraft
from fleet_tui.session.drafts import FORMAT, VERSION, DraftStore, draft_name
from tests.resilience.orders import esim_draft, professional_transfer_draft


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_saved_draft_comes_back_with_its_step_and_time(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    draft = professional_transfer_draft()
    when = datetime(2025, 3, 14, 9, 26, 53, tzinfo=UTC)
    store.save(draft, "port_in", saved_at=when)

    saved = store.load()
    assert saved is not None
    assert saved.draft == draft
    assert saved.step == "port_in"
    assert saved.saved_at == when


def test_draft_file_is_private_and_versioned(tmp_path: Path) -> None:
    folder = tmp_path / "state" / "drafts"
    store = DraftStore(folder)
    store.save(esim_draft(), "new_card")

    assert mode(folder) == 0o700
    assert mode(store.path) == 0o600
    data = json.loads(store.path.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT
    assert data["version"] == VERSION
    assert data["step"] == "new_card"
    assert datetime.fromisoformat(data["saved_at"]).tzinfo is not None


def test_wider_folder_is_narrowed_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    store = DraftStore(folder)
    for step in ("number", "port_in", "new_card"):
        store.save(esim_draft(), step)

    assert mode(folder) == 0o700
    assert sorted(p.name for p in folder.iterdir()) == [store.path.name]


def test_saving_replaces_the_file_never_writes_through_it(tmp_path: Path) -> None:
    # A hard link to the old draft keeps the old content: the draft was replaced by a
    # rename, not rewritten in place (which a crash could leave half-written).
    store = DraftStore(tmp_path)
    store.save(esim_draft(user_email="old@example.be"), "new_card")
    os.link(store.path, tmp_path / "old-copy")
    store.save(esim_draft(user_email="new@example.be"), "new_card")

    assert "old@example.be" in (tmp_path / "old-copy").read_text(encoding="utf-8")
    saved = store.load()
    assert saved is not None
    assert saved.draft.user_email == "new@example.be"


def test_temporary_file_left_by_a_crash_is_cleaned_on_load(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    store.save(esim_draft(), "review")
    stale = tmp_path / f".{store.path.name}.0123456789ab.tmp"
    stale.write_bytes(b'{"format": "fleet-tui-dr')

    assert store.load() is not None
    assert not stale.exists()


def test_no_draft_means_none_and_discard_removes_it(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "never-created")
    assert store.load() is None
    store.discard()  # nothing to remove is fine

    store.save(esim_draft(), "review")
    store.discard()
    assert not store.path.exists()
    assert store.load() is None


def _valid_payload() -> dict[str, object]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "step": "number",
        "saved_at": "2025-03-14T09:26:53+00:00",
        "draft": {"number_request": "new"},
    }


BAD_FILES: dict[str, bytes] = {
    "garbage": b"\x00\xff\xfe not json at all",
    "truncated": json.dumps(_valid_payload()).encode()[:40],
    "not_utf8": b'{"format": "\xff"}',
    "a_list": b"[1, 2, 3]",
    "newer_version": json.dumps({**_valid_payload(), "version": VERSION + 1}).encode(),
    "other_format": json.dumps({**_valid_payload(), "format": "something-else"}).encode(),
    "no_step": json.dumps({k: v for k, v in _valid_payload().items() if k != "step"}).encode(),
    "odd_step": json.dumps({**_valid_payload(), "step": "\x1b[2J"}).encode(),
    "naive_time": json.dumps({**_valid_payload(), "saved_at": "2025-03-14T09:26:53"}).encode(),
    "bad_time": json.dumps({**_valid_payload(), "saved_at": "yesterday"}).encode(),
    "bad_answer": json.dumps({**_valid_payload(), "draft": {"sim_format": "usb-stick"}}).encode(),
    "draft_not_object": json.dumps({**_valid_payload(), "draft": "hello"}).encode(),
    "deep_nesting": b"[" * 100_000 + b"]" * 100_000,
}


@pytest.mark.parametrize("content", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_damaged_or_unknown_draft_is_set_aside_not_fatal(tmp_path: Path, content: bytes) -> None:
    store = DraftStore(tmp_path)
    store.path.write_bytes(content)

    assert store.load() is None
    assert not store.path.exists()
    assert store.set_aside == tmp_path / (store.path.name + ".corrupt")
    assert store.set_aside.read_bytes() == content
    # The next save starts afresh.
    store.save(esim_draft(), "number")
    assert store.load() is not None


def test_oversized_draft_is_set_aside_unread(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    with store.path.open("wb") as handle:
        handle.truncate(64 * 1024 * 1024)  # sparse: costs no disk

    assert store.load() is None
    assert store.set_aside is not None and store.set_aside.exists()


def test_fifo_or_symlink_in_place_of_the_draft_is_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "elsewhere.json"
    secret.write_text(json.dumps(_valid_payload()), encoding="utf-8")
    folder = tmp_path / "drafts"
    folder.mkdir()
    store = DraftStore(folder)
    store.path.symlink_to(secret)
    assert store.load() is None
    assert store.set_aside is not None and store.set_aside.is_symlink()

    os.mkfifo(store.path)  # opening a FIFO for reading would block without O_NONBLOCK
    assert store.load() is None
    assert store.set_aside is not None
    assert stat.S_ISFIFO(store.set_aside.lstat().st_mode)


def test_drafts_of_different_backends_do_not_share_a_file(tmp_path: Path) -> None:
    names = {
        draft_name("demo", tmp_path / "a"),
        draft_name("demo", tmp_path / "b"),
        draft_name("http", None, "https://api.example.be"),
        draft_name("http", None, "https://staging.example.be"),
        draft_name("demo"),
    }
    assert len(names) == 5
    assert draft_name("demo", tmp_path / "a") == draft_name("demo", tmp_path / "x" / ".." / "a")

    one = DraftStore.for_client("demo", tmp_path / "a", folder=tmp_path)
    two = DraftStore.for_client("demo", tmp_path / "b", folder=tmp_path)
    one.save(esim_draft(), "review")
    assert two.load() is None


def test_default_folder_is_the_user_state_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", "/somewhere/state")
    assert DraftStore().folder == Path("/somewhere/state/fleet-tui/drafts")


async def test_no_password_or_token_reaches_a_draft(tmp_path: Path) -> None:
    wrong = "Wr0ng-Pa55word-7f3a"
    token = "tok-9c1e55aa-secret"
    client = DemoClient.signed_in(tmp_path / "data")
    with pytest.raises(NotSignedIn):
        await client.sign_in(Credentials(username=DEMO_USERNAME, password=SecretStr(wrong)))
    await client.sign_in(
        Credentials(username=DEMO_USERNAME, password=SecretStr(DEMO_PASSWORD), token=None)
    )
    credentials = Credentials(username=DEMO_USERNAME, password=SecretStr(wrong), token=token)
    # Whatever a careless caller mixes into the answers, a draft keeps only answers.
    answers = {
        **esim_draft().model_dump(),
        **credentials.model_dump(mode="json"),
        "password": wrong,
        "token": token,
    }
    draft = OrderDraft.model_validate(answers)
    store = DraftStore(tmp_path / "drafts")
    store.save(draft, "review")
    await client.aclose()

    text = store.path.read_bytes()
    assert wrong.encode() not in text
    assert token.encode() not in text
    assert b"password" not in text and b"token" not in text
    assert b"jan.peeters@example.be" in text.lower()  # the answers themselves are there
