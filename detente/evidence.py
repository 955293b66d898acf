"""The one record every stage shares: where in which document a fact comes from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Evidence:
    """A character span in a stored document."""

    doc_id: str
    """Document key: the content hash of the cleaned text (see ``Article.content_hash``)."""
    start: int
    """Offset of the first character, in the cleaned text."""
    end: int
    """Offset one past the last character."""

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad evidence span [{self.start}, {self.end})")

    def slice(self, text: str) -> str:
        """Return the spanned characters of ``text``."""
        return text[self.start : self.end]
