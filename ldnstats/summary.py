"""Plain-language summaries: each chapter's findings in three sentences, and the book's bottom line.

Every number in a summary is computed here from the package's functions, never typed: a
rerun that changes a result changes the sentence. Each chapter opens with its summary
(``summary.chapter_summary(n)`` displayed in the notebook, which renders as Markdown) and
glues the summary's numbers under their names (``myst_nb.glue``), so that the book's front
page can quote them and the book build fails when one is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ChapterSummary", "CHAPTERS", "chapter_summary"]

#: The chapters with a summary, by number.
CHAPTERS = (1, 2, 3, 4, 5, 6)


@dataclass(frozen=True)
class ChapterSummary:
    """A chapter's summary: its sentences (Markdown) and the computed numbers they quote.

    `numbers` maps a glue name (lower case, words joined by ``_``, starting ``chN_``) to
    the number as the prose prints it.
    """

    chapter: int
    sentences: tuple[str, ...]
    numbers: dict[str, str] = field(default_factory=dict)

    def markdown(self) -> str:
        """The summary as one Markdown paragraph under a bold lead."""
        return "**In short.** " + " ".join(self.sentences)

    def _repr_markdown_(self) -> str:
        return self.markdown()


def _placeholder(chapter: int) -> ChapterSummary:
    return ChapterSummary(chapter, ("The summary of this chapter is being written.",))


def _chapter_1() -> ChapterSummary:
    return _placeholder(1)


def _chapter_2() -> ChapterSummary:
    return _placeholder(2)


def _chapter_3() -> ChapterSummary:
    return _placeholder(3)


def _chapter_4() -> ChapterSummary:
    return _placeholder(4)


def _chapter_5() -> ChapterSummary:
    return _placeholder(5)


def _chapter_6() -> ChapterSummary:
    return _placeholder(6)


_BUILDERS = {1: _chapter_1, 2: _chapter_2, 3: _chapter_3, 4: _chapter_4, 5: _chapter_5, 6: _chapter_6}


def chapter_summary(chapter: int) -> ChapterSummary:
    """The three-sentence summary of a chapter, with the numbers it quotes.

    >>> chapter_summary(1).chapter
    1
    """
    if isinstance(chapter, bool) or not isinstance(chapter, int):
        raise TypeError(f"`chapter` must be an int; got {type(chapter).__name__}")
    if chapter not in _BUILDERS:
        raise ValueError(f"`chapter` must be one of {CHAPTERS}; got {chapter}")
    return _BUILDERS[chapter]()
