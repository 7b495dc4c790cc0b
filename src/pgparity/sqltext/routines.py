"""Parse routine definitions (CREATE FUNCTION text) into what CREATE OR REPLACE compares."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import postgast


@dataclass(frozen=True)
class FunctionParameter:
    name: str
    mode: str  # a FunctionParameterMode name
    type_key: bytes  # the parsed type with source positions cleared, for comparison
    has_default: bool


def _clear_locations(message: Any) -> None:
    for descriptor, value in message.ListFields():
        if descriptor.name == "location":
            message.ClearField("location")
        elif descriptor.message_type is not None:
            # A message field, or a repeated one (a container of messages).
            for item in (value,) if hasattr(value, "ListFields") else value:
                _clear_locations(item)


def _type_key(type_name: Any) -> bytes:
    copy = type(type_name)()
    copy.CopyFrom(type_name)
    _clear_locations(copy)
    result: bytes = copy.SerializeToString(deterministic=True)
    return result


def function_parameters(definition: str) -> list[FunctionParameter] | None:
    """The parameter list of a CREATE FUNCTION statement, None when it does not parse."""
    try:
        stmt = postgast.parse(definition).stmts[0].stmt
    except Exception:  # postgast raises its own error types; any failure means "cannot tell"
        return None
    if stmt.WhichOneof("node") != "create_function_stmt":
        return None
    mode_name = postgast.pg_query_pb2.FunctionParameterMode.Name
    params = []
    for node in stmt.create_function_stmt.parameters:
        p = node.function_parameter
        params.append(
            FunctionParameter(p.name, mode_name(p.mode), _type_key(p.arg_type), p.HasField("defexpr"))
        )
    return params
