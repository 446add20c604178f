"""Shared fixtures: where the shared datasets and seeds are, and golden-file updating."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files from the current output instead of comparing",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when golden files should be rewritten (``pytest --update-golden``)."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only ``shared/`` folder beside the repo; skips when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is not present")
    return SHARED


@pytest.fixture(scope="session")
def seed_paths(shared_dir: Path) -> list[Path]:
    """The seed articles of the first story newsprism must get right."""
    paths = sorted((shared_dir / "seeds").glob("*.txt"))
    if not paths:
        pytest.skip("no seed articles in shared/seeds")
    return paths


HOSTILE_RECORD = {
    "id": "hostile-1",
    "outlet": "<b>Evil Outlet</b>",
    "url": "javascript:window.pwned=1",
    "title": "<script>window.pwned = 1</script>Council vote",
    "published": "2024-09-03T08:00:00+00:00",
    "text": (
        "The council voted on Tuesday to close the library. "
        '<img src=x onerror="window.pwned=1"> "We had no choice," the mayor said.'
    ),
}


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the bundled flood example (one story) and one hostile article."""
    import json

    from newsprism.corpus import ingest_sources
    from newsprism.ingest import ReadOptions, read_meta
    from newsprism.store import Store

    folder = tmp_path_factory.mktemp("web")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE_RECORD) + "\n", encoding="utf-8")
    example = REPO_ROOT / "examples" / "flood"
    sources = [str(path) for path in sorted(example.iterdir()) if path.suffix in (".txt", ".html", ".jsonl")]
    options = ReadOptions(meta=read_meta(str(example / "meta.csv")))
    path = folder / "newsprism.db"
    with Store.open(path) as store:
        ingest_sources(store, [*sources, str(hostile)], options)
        store.record_failure("broken.warc", "not a WARC file: <bad> header")
    return path
