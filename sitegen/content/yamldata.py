"""YAML read as plain data, with the line of every key kept for error messages.

Only plain data is accepted: no tags that build objects, no anchors or aliases (so no
expansion bombs), and no key given twice in one mapping (PyYAML would keep the last).
"""

from __future__ import annotations

from typing import Any

import yaml

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineMap(dict):
    """A mapping read from YAML that remembers the line of each key (1-based)."""

    line: int = 1
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """Return the line of a key, or of the mapping itself when the key is absent."""
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A list read from YAML that remembers the line of each item (1-based)."""

    line: int = 1
    item_lines: list[int]


class YamlProblem(Exception):
    """What is wrong with a YAML text, at a 1-based line within that text."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    duplicates: list[YamlProblem]


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineMap:
    result = LineMap()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            key = str(key)
        if key in result.key_lines:
            loader.duplicates.append(
                YamlProblem(
                    line,
                    f"'{key}' is given twice in one mapping (also at line "
                    f"{result.key_lines[key]}; keep one)",
                )
            )
            continue
        result.key_lines[key] = line
        result[key] = loader.construct_object(value_node, deep=True)
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_plain_text(loader: _Loader, node: yaml.ScalarNode) -> str:
    # Dates stay text: the record format reads them itself, with their precision, and an
    # impossible date such as 2012-13-40 must become a message, not a crash.
    return str(loader.construct_scalar(node))


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_plain_text)


def _reject_aliases(root: yaml.Node) -> None:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise YamlProblem(
                node.start_mark.line + 1,
                "anchors and aliases (&name, *name) are not allowed: write each value out",
            )
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _describe_yaml_error(error: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    """Say what is wrong where the broken construct began, and where the reader stopped.

    A list or quotation left open is reported where it opened (error.context_mark), which
    is where the fix goes, with the line the reader gave up on (error.problem_mark).
    """
    began, stopped = error.context_mark, error.problem_mark
    mark = began or stopped
    line = mark.line + 1 if mark else 1
    stop = stopped.line + 1 if stopped else line
    problem = error.problem or "cannot be read"
    if isinstance(error, yaml.constructor.ConstructorError) and "2002:merge" in problem:
        return YamlProblem(line, "merge keys (<<) are not allowed: write each field out")
    if isinstance(error, yaml.constructor.ConstructorError) and "tag" in problem:
        return YamlProblem(line, "tags such as !!python/object are not allowed: write plain values")
    context = f"{error.context}, " if error.context else ""
    lines = text.splitlines()
    hint = ""
    if 0 < stop <= len(lines) and "\t" in lines[stop - 1]:
        hint = " (indent with spaces, not tabs)"
    elif "mapping values are not allowed" in problem:
        hint = " (put a value that contains ': ' in quotes)"
    where = (
        f" (it begins on line {line}; the reader stopped on line {stop})" if stop != line else ""
    )
    return YamlProblem(line, f"not valid YAML: {context}{problem}{where}{hint}")


def load_yaml(text: str) -> tuple[Any, list[YamlProblem]]:
    """Return the data in a YAML text and its problems; the data is None if unreadable."""
    loader = _Loader(text)
    loader.duplicates = []
    try:
        root = loader.get_single_node()
        if root is None:
            return None, []
        _reject_aliases(root)
        data = loader.construct_document(root)
    except YamlProblem as problem:
        return None, [problem]
    except yaml.MarkedYAMLError as error:
        return None, [_describe_yaml_error(error, text)]
    except yaml.YAMLError as error:
        return None, [YamlProblem(1, f"not valid YAML: {error}")]
    finally:
        loader.dispose()
    return data, loader.duplicates
