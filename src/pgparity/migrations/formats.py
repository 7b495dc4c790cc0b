"""Migration folder formats: detect, order, and refuse what cannot be applied safely.

Supported: Supabase (``supabase/migrations/<digits>_<name>.sql`` then ``supabase/seed.sql``),
Flyway (``V<version>__<desc>.sql``, then ``R__<desc>.sql`` repeatables by description),
dbmate (``<version>_<name>.sql`` with ``-- migrate:up`` / ``-- migrate:down``) and plain
(``NNN_name.sql`` in numeric order). Folders such as ``archive/`` are not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pgparity.errors import UsageError
from pgparity.textfiles import read_utf8


class FolderFormat(StrEnum):
    SUPABASE = "supabase"
    FLYWAY = "flyway"
    DBMATE = "dbmate"
    PLAIN = "plain"


class FileKind(StrEnum):
    VERSIONED = "versioned"
    REPEATABLE = "repeatable"
    SEED = "seed"


@dataclass(frozen=True)
class MigrationFile:
    path: Path
    version: str  # as written in the file name ("" for repeatables and the seed)
    name: str  # the description part of the file name
    kind: FileKind
    sql: str  # what runs: the whole file, or dbmate's "migrate:up" section
    sql_offset_line: int = 0  # lines before ``sql`` in the file (dbmate sections), for error positions
    down_sql: str | None = None

    @property
    def label(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class MigrationFolder:
    root: Path  # the folder holding the migration files
    format: FolderFormat
    files: tuple[MigrationFile, ...]

    @property
    def supabase(self) -> bool:
        return self.format is FolderFormat.SUPABASE

    def versioned(self) -> tuple[MigrationFile, ...]:
        return tuple(f for f in self.files if f.kind is FileKind.VERSIONED)


class MigrationFolderError(UsageError):
    """The folder cannot be applied as it is (refused before anything runs)."""


_SUPABASE = re.compile(r"^(\d+)_(.+)\.sql$")
_FLYWAY_V = re.compile(r"^V(\d+(?:[._]\d+)*)__(.+)\.sql$")
_FLYWAY_R = re.compile(r"^R__(.+)\.sql$")
_PLAIN = re.compile(r"^(\d+)[_-](.+)\.sql$")
_DBMATE_UP = re.compile(r"^\s*--\s*migrate:up\b.*$", re.MULTILINE)
_DBMATE_DOWN = re.compile(r"^\s*--\s*migrate:down\b.*$", re.MULTILINE)


def _version_parts(version: str) -> tuple[int, ...]:
    """Flyway compares versions numerically by part: 1 < 1.1 < 2 < 10."""
    return tuple(int(p) for p in re.split(r"[._]", version))


def _read(path: Path) -> str:
    return read_utf8(path, MigrationFolderError)


def locate(path: Path) -> tuple[Path, bool]:
    """(folder holding the migration files, whether it is a Supabase project)."""
    if (path / "supabase" / "migrations").is_dir():
        return path / "supabase" / "migrations", True
    if (path / "migrations").is_dir() and (path / "config.toml").exists():
        return path / "migrations", True
    if path.name == "migrations" and (path.parent / "config.toml").exists():
        return path, True
    if path.name == "migrations" and path.parent.name == "supabase":
        return path, True
    if not any(p.suffix == ".sql" for p in path.iterdir()) and (path / "migrations").is_dir():
        return path / "migrations", False  # a project folder holding migrations/
    return path, False


_SUPABASE_TIMESTAMP = re.compile(r"^\d{14}_.+\.sql$")
_SUPABASE_NAMES = re.compile(
    r"\b(auth\.(uid|users|jwt|role)|storage\.(objects|buckets)|realtime\.(send|messages)|vault\.\w+"
    r"|to\s+(authenticated|anon|service_role))\b",
    re.I,
)


def looks_like_supabase(sql_files: list[Path]) -> bool:
    """Supabase CLI names (14-digit timestamps) and SQL that uses the platform's auth/storage/roles."""
    if not sql_files or not all(_SUPABASE_TIMESTAMP.match(p.name) for p in sql_files):
        return False
    return any(_SUPABASE_NAMES.search(_read(p)) for p in sql_files)


def detect_format(folder: Path, supabase: bool, sql_files: list[Path]) -> FolderFormat:
    if supabase or looks_like_supabase(sql_files):
        return FolderFormat.SUPABASE
    names = [p.name for p in sql_files]
    if names and all(_FLYWAY_V.match(n) or _FLYWAY_R.match(n) for n in names):
        return FolderFormat.FLYWAY
    if any(_DBMATE_UP.search(_read(p)) for p in sql_files[:20]):
        return FolderFormat.DBMATE
    return FolderFormat.PLAIN


def _parse_name(fmt: FolderFormat, path: Path) -> tuple[str, str, FileKind]:
    name = path.name
    if fmt is FolderFormat.FLYWAY:
        if m := _FLYWAY_V.match(name):
            return m.group(1), m.group(2), FileKind.VERSIONED
        if m := _FLYWAY_R.match(name):
            return "", m.group(1), FileKind.REPEATABLE
        raise MigrationFolderError(
            f"{path}: not a Flyway migration name (V<version>__<description>.sql or R__<description>.sql)"
        )
    pattern = _SUPABASE if fmt in (FolderFormat.SUPABASE, FolderFormat.DBMATE) else _PLAIN
    if m := pattern.match(name):
        return m.group(1), m.group(2), FileKind.VERSIONED
    expected = "<digits>_<name>.sql" if pattern is _SUPABASE else "NNN_name.sql"
    raise MigrationFolderError(f"{path}: file name does not parse as a {fmt.value} migration ({expected})")


def _dbmate_sections(path: Path, text: str) -> tuple[str, int, str | None]:
    up = _DBMATE_UP.search(text)
    if up is None:
        raise MigrationFolderError(f"{path}: no '-- migrate:up' section")
    down = _DBMATE_DOWN.search(text, up.end())
    body_end = down.start() if down else len(text)
    offset_line = text.count("\n", 0, up.end())
    return text[up.end() : body_end], offset_line, (text[down.end() :] if down else None)


def _sort_key(fmt: FolderFormat, f: MigrationFile) -> tuple[object, ...]:
    kind_rank = {FileKind.VERSIONED: 0, FileKind.REPEATABLE: 1, FileKind.SEED: 2}[f.kind]
    if f.kind is not FileKind.VERSIONED:
        return (kind_rank, (), f.name)
    if fmt is FolderFormat.FLYWAY:
        return (kind_rank, _version_parts(f.version), f.name)
    return (kind_rank, (int(f.version),), f.name)


def _refuse_duplicates(fmt: FolderFormat, files: list[MigrationFile]) -> None:
    seen: dict[tuple[int, ...], MigrationFile] = {}
    for f in files:
        if f.kind is not FileKind.VERSIONED:
            continue
        key = _version_parts(f.version) if fmt is FolderFormat.FLYWAY else (int(f.version),)
        if key in seen:
            raise MigrationFolderError(
                f"duplicate migration version {f.version}: {seen[key].path.name} and {f.path.name}",
                hint="give each migration its own version",
            )
        seen[key] = f


def _load_file(fmt: FolderFormat, path: Path) -> MigrationFile:
    version, name, kind = _parse_name(fmt, path)
    text = _read(path)
    if fmt is FolderFormat.DBMATE:
        up, offset, down = _dbmate_sections(path, text)
        return MigrationFile(path, version, name, kind, up, offset, down)
    return MigrationFile(path, version, name, kind, text)


def load_folder(
    path: Path, forced: FolderFormat | None = None, include: tuple[str, ...] = ()
) -> MigrationFolder:
    """The folder's migrations in the order the deployment tool applies them.

    ``include`` names sub-folders (e.g. ``archive``) whose files count as migrations too.
    """
    if not path.is_dir():
        raise MigrationFolderError(f"{path}: not a folder")
    folder, supabase = locate(path)
    if not folder.is_dir():
        raise MigrationFolderError(f"{path}: no migrations folder found")
    sql_files = sorted(p for p in folder.iterdir() if p.suffix == ".sql" and p.is_file())
    for sub in include:
        sql_files += sorted(p for p in (folder / sub).glob("*.sql") if p.is_file())
    if not sql_files:
        raise MigrationFolderError(f"{folder}: no .sql migration files", hint="is this the right folder?")
    fmt = forced or detect_format(folder, supabase, sql_files)
    files = [_load_file(fmt, p) for p in sql_files]
    _refuse_duplicates(fmt, files)
    files.sort(key=lambda f: _sort_key(fmt, f))
    seed = folder.parent / "seed.sql"
    if fmt is FolderFormat.SUPABASE and seed.is_file():
        files.append(MigrationFile(seed, "", "seed", FileKind.SEED, _read(seed)))
    return MigrationFolder(folder, fmt, tuple(files))
