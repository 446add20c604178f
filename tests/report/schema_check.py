"""A small JSON Schema checker for the subset the docs' schemas use.

Enough to catch drift between the JSON output and ``docs/*.schema.json`` without a
dependency: type, const, enum, properties, required, additionalProperties: false, items,
minItems, maxItems, minimum, pattern, oneOf and local ``$ref``.
"""

from __future__ import annotations

import re
from typing import Any

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def _is_type(value: Any, name: str) -> bool:
    if isinstance(value, bool) and name in {"integer", "number"}:
        return False
    return isinstance(value, _TYPES[name])


def schema_errors(
    value: Any, schema: dict[str, Any], root: dict[str, Any], path: str = "$"
) -> list[str]:
    """Every way ``value`` breaks ``schema``, as ``path: problem`` lines (empty when valid)."""
    if "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return schema_errors(value, target, root, path)
    if "oneOf" in schema:
        matching = [
            option for option in schema["oneOf"] if not schema_errors(value, option, root, path)
        ]
        return [] if len(matching) == 1 else [f"{path}: matches {len(matching)} oneOf options"]
    errors: list[str] = []
    types = schema.get("type")
    if types is not None:
        names = types if isinstance(types, list) else [types]
        if not any(_is_type(value, name) for name in names):
            return [f"{path}: {value!r} is not {names}"]
    if "const" in schema and value != schema["const"]:
        errors.append(f"{path}: {value!r} is not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in {schema['enum']}")
    if isinstance(value, int) and "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{path}: {value} < {schema['minimum']}")
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, dict):
        errors.extend(_object_errors(value, schema, root, path))
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get(
            "maxItems", len(value)
        ):
            errors.append(f"{path}: {len(value)} items")
        if "items" in schema:
            for position, item in enumerate(value):
                errors.extend(schema_errors(item, schema["items"], root, f"{path}[{position}]"))
    return errors


def _object_errors(
    value: dict[str, Any], schema: dict[str, Any], root: dict[str, Any], path: str
) -> list[str]:
    properties = schema.get("properties", {})
    errors = [f"{path}: missing {key!r}" for key in schema.get("required", []) if key not in value]
    if schema.get("additionalProperties") is False:
        errors.extend(f"{path}: undocumented {key!r}" for key in value if key not in properties)
    for key, item in value.items():
        if key in properties:
            errors.extend(schema_errors(item, properties[key], root, f"{path}.{key}"))
    return errors
