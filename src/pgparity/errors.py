"""The one error hierarchy. The CLI maps each class to a message and an exit code."""

from __future__ import annotations


class PgparityError(Exception):
    """Base of every error pgparity raises on purpose.

    ``hint`` says what the user can do next; ``exit_code`` is what the CLI returns.
    """

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def with_context(self, context: str) -> PgparityError:
        """Return a copy of this error whose message is prefixed with where it happened."""
        err = type(self).__new__(type(self))
        err.__dict__.update(self.__dict__)
        err.message = f"{context}: {self.message}"
        Exception.__init__(err, err.message)
        return err

    def __str__(self) -> str:
        return self.message


class UsageError(PgparityError):
    """Bad arguments or input the user gave (exit 2)."""


class SourceError(PgparityError):
    """A SOURCE could not be read: connection, file, snapshot format (exit 2)."""


class SqlError(PgparityError):
    """SQL text failed to run; carries file, line, column and SQLSTATE when known (exit 2)."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        sqlstate: str | None = None,
        statement: str | None = None,
        detail: str | None = None,
        hint: str | None = None,
    ) -> None:
        where = path or "<sql>"
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        code = f" [{sqlstate}]" if sqlstate else ""
        text = f"{where}: {message}{code}"
        if detail:
            text += f"\n  detail: {detail}"
        super().__init__(text, hint=hint)
        self.path = path
        self.line = line
        self.column = column
        self.sqlstate = sqlstate
        self.statement = statement
        self.server_message = message


class ClusterError(PgparityError):
    """A throwaway cluster could not be found, started or stopped (exit 2)."""


class SafetyRefusal(PgparityError):
    """A safety gate refused to go on (exit 3)."""

    exit_code = 3


class ProofFailed(PgparityError):
    """A plan or rollback did not prove out on a throwaway copy (exit 3)."""

    exit_code = 3
