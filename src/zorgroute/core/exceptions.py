"""The application's error hierarchy. Services raise these; views turn them into a Dutch message, never a 500."""


class DomainError(Exception):
    """A domain rule was violated. `message` is shown to the user (translated)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationError(DomainError):
    """Input does not satisfy a domain rule."""


class ConflictError(DomainError):
    """The change conflicts with existing data (duplicate identifier, overlapping period, ...)."""
