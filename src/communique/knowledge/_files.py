"""Reading knowledge files: YAML with the line of every entry, validated by a schema.

Every file has ``version: N`` and one list of entries. Errors name the file, the line of
the entry and the field, and say what to do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import KnowledgeError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

M = TypeVar("M", bound=BaseModel)

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_Base):  # type: ignore[misc, valid-type]
    """A safe loader that records the line of every mapping under ``__line__``."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=True)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeError(f"cannot read knowledge file: {exc.strerror}", path=path) from exc
    except UnicodeDecodeError as exc:
        raise KnowledgeError("knowledge file is not UTF-8; save it as UTF-8", path=path) from exc
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise KnowledgeError(
            f"not valid YAML ({getattr(exc, 'problem', exc)}); fix the syntax",
            path=path, line=None if line is None else line + 1,
        ) from exc
    if not isinstance(data, dict):
        raise KnowledgeError("expected a mapping with `version:` and a list of entries", path=path)
    return data


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def load_entries[M: BaseModel](path: Path, key: str, model: type[M]) -> tuple[int, list[M]]:
    """The version and the validated entries under ``key`` of one knowledge file."""
    data = read_yaml(path)
    version = data.get("version")
    if not isinstance(version, int):
        raise KnowledgeError("missing integer `version:` at the top of the file", path=path, line=1)
    raw = data.get(key)
    if not isinstance(raw, list):
        raise KnowledgeError(f"expected a list under `{key}:`", path=path, line=data.get("__line__"))
    entries: list[M] = []
    for index, item in enumerate(raw):
        line = item.get("__line__") if isinstance(item, dict) else None
        if not isinstance(item, dict):
            raise KnowledgeError(f"entry {index} of `{key}` is not a mapping", path=path, line=line)
        try:
            entries.append(model.model_validate(_strip_lines(item)))
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "entry"
            ident = item.get("id") or item.get("code") or item.get("name") or item.get("role") or index
            raise KnowledgeError(
                f"entry {ident!r} of `{key}`: field `{field}`: {first['msg']}; "
                "see communique/data/README.md for the schema",
                path=path, line=line,
            ) from exc
    return version, entries
