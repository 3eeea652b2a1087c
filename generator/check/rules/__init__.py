"""Rules on the meaning of a structurally sound cards file: a registry, one module a family.

Each rule is a function over the checked cards that yields findings
(position, code, message):

- :mod:`.identity`: ids (E301, E302, E309) and text (E303, E304);
- :mod:`.citations`: sources and quotes (E201, W202, E203, E305) and, through
  :mod:`.ignores`, the sources' ignore entries (E310);
- :mod:`.tags`: tags (E306);
- :mod:`.quality`: card quality (W401-W405), and how cards teach, each card's
  words worked out once (:mod:`.wording`): :mod:`.interference` (W406, W407),
  :mod:`.giveaway` (W408, W413), :mod:`.elimination` (W409, W410),
  :mod:`.focus` (W411, W412), :mod:`.sourcing` (W414, W415), :mod:`.placeholders` (W419,
  W422), :mod:`.deletions` (W420, W421), :mod:`.samefact` (W423); the words they read meaning
  into are in :mod:`.terms`;
- :mod:`.allowing`: the warnings ``allow:`` switches off (W416-W418).

:func:`check` runs them in the order of :data:`RULES`; the documents' quote
lookups (the costly part) may run in a helper process meanwhile
(:func:`generator.check.fast.check_documents`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from generator.check import fast
from generator.check.fast.tuning import DEFAULT, Tuning
from generator.check.rules import (
    allowing,
    citations,
    deletions,
    elimination,
    focus,
    giveaway,
    identity,
    interference,
    placeholders,
    quality,
    samefact,
    sourcing,
    tags,
    wording,
)
from generator.check.rules.finding import Finding
from generator.diagnostics import Diagnostic, make
from generator.model import Allow, Card, Pos, Source


@dataclass(frozen=True)
class Subject:
    """What the rules look at."""

    sources: dict[str, Source]
    cards: Sequence[Card]
    tags: Sequence[tuple[str, Pos]]
    """Every tag written, with its position."""

    @cached_property
    def profiles(self) -> list[wording.Profile]:
        """Each card's words, worked out once for the rules that compare them."""
        return wording.profiles(self.cards, self.sources)

    @cached_property
    def weight(self) -> dict[str, float]:
        """How much each question word counts in comparisons (rare words more): all some rules need
        of :attr:`similar`, without its search for near duplicates."""
        return interference.weigh([p.asked for p in self.profiles])

    @cached_property
    def similar(self) -> interference.Interference:
        """The deck's near-duplicate questions and same answers."""
        return interference.Interference(self.profiles, self.weight)


Rule = Callable[[Subject], Iterable[Finding]]

RULES: tuple[tuple[Rule, ...], tuple[Rule, ...]] = (
    (
        lambda s: identity.check_ids(s.cards),
        lambda s: identity.check_text(s.cards),
    ),
    (
        lambda s: tags.check_tags(s.tags),
        lambda s: quality.check_quality(s.cards),
        lambda s: interference.check_interference(s.cards, s.similar),
        lambda s: giveaway.check_giveaway(s.cards, s.profiles, s.weight),
        lambda s: elimination.check_elimination(s.cards),
        lambda s: focus.check_focus(s.cards),
        lambda s: placeholders.check_placeholders(s.cards, s.profiles, s.weight),
        lambda s: deletions.check_deletions(s.cards, s.weight),
        lambda s: samefact.check_same_facts(s.cards, s.profiles),
        lambda s: sourcing.check_sourcing(s.cards, s.sources, s.profiles, s.similar.rivals()),
    ),
)
"""The rules reported before the sources' findings, and those reported after them."""

SPARE = frozenset({3, 6, 7, 8})
"""The rules after the sources' findings (their places in ``RULES[1]``) that a helper process may run
while this one runs the others: give-aways, placeholder answers, cloze deletions, the same fact twice.
Each needs only the cards and their words; they are reported in their places all the same."""


def check(
    path: str,
    sources: dict[str, Source],
    cards: Sequence[Card],
    tag_list: Sequence[tuple[str, Pos]],
    allow: Sequence[Allow] = (),
    *,
    tuning: Tuning = DEFAULT,
) -> list[Diagnostic]:
    """Run every rule; return the diagnostics in the order of :data:`RULES`, sources in between.

    The warnings the cards' and the deck's ``allow:`` entries switch off are
    left out (:mod:`.allowing`).

    The documents are checked while the other rules run, perhaps by a
    helper process (``tuning``: :func:`generator.check.fast.check_documents`).
    """
    subject = Subject(sources, cards, tag_list)
    cited = citations.cite(sources, cards)
    before, after = RULES

    def others() -> tuple[list[Finding], dict[int, list[Finding]]]:
        first = [f for rule in before for f in rule(subject)]
        return first, {at: list(rule(subject)) for at, rule in enumerate(after) if at not in SPARE}

    def spare() -> dict[int, list[Finding]]:
        return {at: list(after[at](subject)) for at in sorted(SPARE)}

    found, (findings, mine), theirs = fast.check_documents(
        lambda part: citations.check_documents(part, cited),
        sources,
        cited,
        others,
        spare=spare,
        cards=len(cards),
        tuning=tuning,
    )
    done = {**mine, **theirs}
    later = [f for at in range(len(after)) for f in done[at]]
    findings += citations.check_sources(sources, cards, cited, found)
    findings += later
    findings = allowing.switch_off(findings, cards, allow)
    return [make(at.file or path, at.line, at.col, code, message) for at, code, message in findings]
