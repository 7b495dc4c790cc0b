"""What a squash must carry besides the schema: role statements, data statements (with the
session settings they run under), and the statements it cannot carry (DO, CALL, COPY)."""

from __future__ import annotations

from dataclasses import dataclass, field

from pgparity.cluster.execute import syntax_error
from pgparity.migrations.formats import MigrationFile
from pgparity.sqltext import SqlSyntaxError, split_statements
from pgparity.sqltext.classify import StatementClass, classify
from pgparity.sqltext.normalize import terminated


@dataclass(frozen=True)
class Carried:
    file: MigrationFile
    line: int  # 1-based, in the file
    text: str
    kind: StatementClass
    reason: str = ""
    setting: str | None = None

    @property
    def where(self) -> str:
        return f"{self.file.label}:{self.line}"


@dataclass
class CarryPlan:
    roles: list[Carried] = field(default_factory=list)
    data: list[Carried] = field(default_factory=list)
    settings: list[Carried] = field(default_factory=list)  # SETs carried along with data
    opaque: list[Carried] = field(default_factory=list)  # not carried: reported
    roles_sql: str = ""
    data_sql: str = ""


def classified_statements(file: MigrationFile) -> list[Carried]:
    """Every statement of the file with its class; a syntax error is reported at its file position."""
    try:
        statements = split_statements(file.sql)
    except SqlSyntaxError as exc:
        raise syntax_error(exc, "\n" * file.sql_offset_line + file.sql, str(file.path)) from None
    out = []
    for stmt in statements:
        try:
            cls = classify(stmt.text)
        except SqlSyntaxError as exc:
            raise syntax_error(exc, file.sql, str(file.path)) from None
        line = stmt.line + file.sql_offset_line
        out.append(Carried(file, line, stmt.text, cls.kind, cls.reason, cls.setting))
    return out


def _block(entry: Carried) -> list[str]:
    return [f"-- {entry.where}", terminated(entry.text)]


def _file_data(statements: list[Carried], plan: CarryPlan) -> list[str]:
    """One file's data statements, each preceded by the file's SETs seen before it; the settings
    are reset after the file, as the next file would have started in a fresh session."""
    lines: list[str] = []
    waiting: list[Carried] = []
    reset: list[str] = []
    for entry in statements:
        if entry.kind is StatementClass.SESSION:
            waiting.append(entry)
        elif entry.kind is StatementClass.DATA:
            for setting in waiting:
                lines += _block(setting)
                plan.settings.append(setting)
                if setting.setting and setting.setting not in reset:
                    reset.append(setting.setting)
            waiting = []
            lines += _block(entry)
            plan.data.append(entry)
    lines += [f"RESET {name};" for name in reset]
    return lines


def plan_carry(files: list[MigrationFile]) -> CarryPlan:
    plan = CarryPlan()
    data_lines: list[str] = []
    role_lines: list[str] = []
    for file in files:
        statements = classified_statements(file)
        for entry in statements:
            if entry.kind is StatementClass.ROLE:
                plan.roles.append(entry)
                role_lines += _block(entry)
            elif entry.kind is StatementClass.OPAQUE:
                plan.opaque.append(entry)
        data_lines += _file_data(statements, plan)
    if role_lines:
        plan.roles_sql = "\n".join(
            [
                "-- roles: cluster-wide, so no schema snapshot holds them; as the migrations ran them",
                *role_lines,
            ]
        )
    if data_lines:
        plan.data_sql = "\n".join(
            [
                "-- data statements of the squashed migrations, in order",
                "BEGIN;",
                "",
                *data_lines,
                "",
                "COMMIT;",
            ]
        )
    return plan
