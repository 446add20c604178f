"""The settings file (``--settings FILE.toml``): any file gives Settings or one SettingsError."""

from __future__ import annotations

import tempfile
from dataclasses import fields, is_dataclass
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from fuzz.fuzzing import damaged, fuzz_settings
from newsprism.errors import SettingsError
from newsprism.settings import Settings, load_settings


def setting_names(group: object, prefix: str = "") -> list[tuple[str, str]]:
    """``(table, key)`` of every setting, so that generated files hit real names."""
    names = []
    for field in fields(group):  # type: ignore[arg-type]
        value = getattr(group, field.name)
        if is_dataclass(value):
            names += setting_names(value, f"{prefix}{field.name}.")
        else:
            names.append((prefix.rstrip("."), field.name))
    return names


NAMES = setting_names(Settings())
TOML_VALUES = st.one_of(
    st.integers(-(2**70), 2**70).map(str), st.floats().map(repr),
    st.sampled_from(["true", "false", "nan", "-inf", "[]", "[1, 2]", "[0.5, 0.5]", '"text"', "{a = 1}", "1979-05-27", "[[1], 2]"]),
    st.text(max_size=10).map(lambda text: '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'),
)


@st.composite
def settings_files(draw: st.DrawFn) -> bytes:
    """TOML tables and keys, mostly real setting names, with values of any type, damaged."""
    chosen = draw(st.lists(st.sampled_from(NAMES), max_size=6))
    lines: list[str] = []
    for table, key in chosen:
        if draw(st.integers(0, 5)) == 0:
            key = draw(st.sampled_from(["unknown", "x.y", '"quoted key"']))
        if table:
            lines.append(f"[{table}]")
        lines.append(f"{key} = {draw(TOML_VALUES)}")
    return draw(damaged("\n".join(lines).encode()))


def load(data: bytes) -> Settings | None:
    with tempfile.TemporaryDirectory(prefix="newsprism-fuzz-") as folder:
        path = Path(folder) / "settings.toml"
        path.write_bytes(data)
        try:
            return load_settings(path)
        except SettingsError as error:
            refused = error
    assert refused.reason.strip() and "\n" not in refused.reason, refused
    return None


@fuzz_settings(300)
@given(st.one_of(settings_files(), st.binary(max_size=500)))
def test_any_settings_file_gives_settings_or_one_error(data: bytes) -> None:
    settings = load(data)
    assert settings is None or isinstance(settings, Settings)


def test_deeply_nested_toml_array_is_a_settings_error() -> None:
    """Found by this fuzzing: tomllib's RecursionError escaped load_settings; fixed in settings.py."""
    assert load(b"x = " + b"[" * 5000) is None
