"""Targets grouped by who is responsible (`owners`) or where in the plan they stand
(`section`): `status --by owner|section`, `--owner` / `--section`, and the report's roll-up
by owner. Pure computation over assessments; the renderers are in `render.groups`.

A target with several owners appears in the group of each: first among the targets an owner
leads (牵头), then among those it cooperates on (配合). An owner's roll-up counts the targets it
leads, since those are the ones it answers for; the cooperating ones are counted apart.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from hitrack.core import model
from hitrack.core.statuses import DISPLAY_ORDER, Status
from hitrack.engine.progress import Assessment
from hitrack.i18n import GROUP_WORDS, Lang, group_word, named, word
from hitrack.i18n import pick as in_lang

GROUPINGS = ("owner", "section")


@dataclasses.dataclass(frozen=True)
class Group:
    """The targets of one owner or one section (or of none)."""

    key: str | None
    """The owner's or section's id; None: the targets that name none."""
    name: str
    """The owner's name or the section's title, in the plan's words."""
    name_en: str | None
    assessments: tuple[Assessment, ...]
    """Led (or in the section) first, then cooperating."""
    roles: tuple[str | None, ...] = ()
    """Per assessment: lead or cooperating (owner groups), else None."""

    @property
    def counted(self) -> tuple[Assessment, ...]:
        """The assessments the roll-up counts: an owner's led targets, a section's all."""
        if not self.roles:
            return self.assessments
        return tuple(
            a for a, r in zip(self.assessments, self.roles, strict=True) if r != "cooperating"
        )

    @property
    def cooperating(self) -> int:
        return sum(r == "cooperating" for r in self.roles)

    def counts(self) -> dict[Status, int]:
        """How many counted targets have each status, in display order (zeros kept)."""
        found = dict.fromkeys(DISPLAY_ORDER, 0)
        for a in self.counted:
            found[a.status] += 1
        return found

    def heading(self, lang: Lang) -> str:
        name = named(lang, self.name, self.name_en)
        return name if self.key is None else f"{name} ({self.key})"


def by_owner(plan: model.Plan, assessments: Sequence[Assessment]) -> list[Group]:
    """One group per owner of plan.owners that has targets, in the plan's order, then the
    targets without owners."""
    groups = []
    for owner in plan.owners:
        led = [a for a in assessments if _role(a.target, owner.id) == "lead"]
        helps = [a for a in assessments if _role(a.target, owner.id) == "cooperating"]
        if led or helps:
            groups.append(
                Group(
                    owner.id,
                    owner.name,
                    owner.name_en,
                    (*led, *helps),
                    ("lead",) * len(led) + ("cooperating",) * len(helps),
                )
            )
    orphans = tuple(a for a in assessments if not a.target.owners)
    if orphans:
        zh, en = GROUP_WORDS["no_owner"]
        groups.append(Group(None, zh, en, orphans, (None,) * len(orphans)))
    return groups


def by_section(plan: model.Plan, assessments: Sequence[Assessment]) -> list[Group]:
    """One group per section of plan.sections that has targets, in the plan's order, then
    the targets in no section."""
    groups = []
    for section in plan.sections:
        inside = tuple(a for a in assessments if a.target.section == section.id)
        if inside:
            groups.append(Group(section.id, section.title, section.title_en, inside))
    orphans = tuple(a for a in assessments if a.target.section is None)
    if orphans:
        zh, en = GROUP_WORDS["no_section"]
        groups.append(Group(None, zh, en, orphans))
    return groups


def groups_of(by: str, plan: model.Plan, assessments: Sequence[Assessment]) -> list[Group]:
    return by_owner(plan, assessments) if by == "owner" else by_section(plan, assessments)


def _role(target: model.Target, owner: str) -> str | None:
    for ref in target.owners:
        if ref.id == owner:
            return ref.role
    return None


def explain_lines(plan: model.Plan, target: model.Target, lang: Lang) -> list[str]:
    """--explain's lines on who is responsible and where in the plan (none when neither is
    given): 「责任单位：区科技局（牵头）、区财政局（配合）」."""
    lines = []
    if target.owners:
        lines.append(group_word("explain_owners", lang) + owners_text(plan, target, lang))
    if target.section is not None:
        lines.append(group_word("explain_section", lang) + section_text(plan, target, lang))
    return lines


def owners_text(plan: model.Plan, target: model.Target, lang: Lang) -> str:
    """The target's departments with their roles: 区科技局（牵头）、区财政局（配合）."""
    names = {o.id: o for o in plan.owners}
    shown = []
    for ref in target.owners:
        owner = names.get(ref.id)
        name = ref.id if owner is None else named(lang, owner.name, owner.name_en)
        shown.append(name + word("in_parentheses", lang).format(group_word(ref.role, lang)))
    return in_lang(lang, "、", ", ").join(shown)


def section_text(plan: model.Plan, target: model.Target, lang: Lang) -> str:
    """The title of the target's chapter (its id when the plan does not list it)."""
    section = next((s for s in plan.sections if s.id == target.section), None)
    if section is None:
        return target.section or ""
    return named(lang, section.title, section.title_en)


def matching(value: str, candidates: Iterable[tuple[str, Iterable[str | None]]]) -> list[str]:
    """The ids an option's `value` names, each once: the record whose id it is; else those
    it is a name of (a name, an English name or an alias; case aside); else those whose name
    starts with it (大连 for 大连高新区). More than one is ambiguous, none is unknown."""
    items = [(ident, [n for n in names if n]) for ident, names in candidates]
    if not value:
        return []
    if any(ident == value for ident, _ in items):
        return [value]
    folded = value.casefold()
    found = [ident for ident, names in items if any(n.casefold() == folded for n in names)]
    if not found:
        found = [ident for ident, names in items if any(n.startswith(value) for n in names)]
    return list(dict.fromkeys(found))


def ambiguous(option: str, value: str, ids: Sequence[str], lang: Lang) -> str:
    """The usage error of a value that names several records."""
    return "hitrack: " + word("ambiguous", lang).format(
        option=option, value=repr(value), candidates=", ".join(ids)
    )


def find_owner(plan: model.Plan, option: str) -> model.Owner | None:
    """The owner an option names (see `matching`), None when none or several."""
    found = matching(option, ((o.id, (o.name, o.name_en)) for o in plan.owners))
    return next((o for o in plan.owners if o.id == found[0]), None) if len(found) == 1 else None


def find_section(plan: model.Plan, option: str) -> model.PlanSection | None:
    """The section an option names (see `matching`), None when none or several."""
    found = matching(option, ((s.id, (s.title, s.title_en)) for s in plan.sections))
    if len(found) != 1:
        return None
    return next((s for s in plan.sections if s.id == found[0]), None)


def lacking(plan: model.Plan, by: str | None) -> str | None:
    """The usage error of `--by owner|section` on a plan that lists none, else None."""
    if by == "owner" and not plan.owners:
        return "hitrack: --by owner: this plan lists no owners (plan.owners)\n"
    if by == "section" and not plan.sections:
        return "hitrack: --by section: this plan lists no sections (plan.sections)\n"
    return None


def pick(
    plan: model.Plan, owner: str | None, section: str | None, lang: Lang = "en"
) -> tuple[str | None, str | None] | str:
    """The owner and section ids that `--owner` and `--section` name, or the usage error."""
    owner_id = section_id = None
    if owner is not None:
        owners = matching(owner, ((o.id, (o.name, o.name_en)) for o in plan.owners))
        if len(owners) > 1:
            return ambiguous("--owner", owner, owners, lang) + "\n"
        if not owners:
            known = ", ".join(f"{o.id} ({o.name})" for o in plan.owners) or word("none", lang)
            return "hitrack: " + word("unknown_owner", lang).format(value=repr(owner), known=known)
        owner_id = owners[0]
    if section is not None:
        sections = matching(section, ((s.id, (s.title, s.title_en)) for s in plan.sections))
        if len(sections) > 1:
            return ambiguous("--section", section, sections, lang) + "\n"
        if not sections:
            known = ", ".join(f"{s.id} ({s.title})" for s in plan.sections) or word("none", lang)
            told = word("unknown_section", lang).format(value=repr(section), known=known)
            return "hitrack: " + told
        section_id = sections[0]
    return owner_id, section_id


def only(
    assessments: Sequence[Assessment], owner: str | None = None, section: str | None = None
) -> list[Assessment]:
    """The assessments of targets `owner` leads or cooperates on, in `section`."""
    return [
        a
        for a in assessments
        if (owner is None or _role(a.target, owner) is not None)
        and (section is None or a.target.section == section)
    ]
