"""The built-in intervention plan templates: shape, limits and each model's essentials."""

from __future__ import annotations

import dataclasses
import re
from typing import get_args

import pytest

from api.plans.templates import TEMPLATES, PlanTemplate, TaskPhase, get_template

MODELS = ("johnson", "love_first", "arise", "craft", "systemic_family")
PHASE_ORDER: tuple[str, ...] = get_args(TaskPhase)
SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")

each_template = pytest.mark.parametrize(
    "template", [TEMPLATES[m] for m in MODELS], ids=list(MODELS)
)


def test_all_five_models_are_present_and_keyed_by_their_model() -> None:
    assert set(TEMPLATES) == set(MODELS)
    for key, template in TEMPLATES.items():
        assert template.model == key


def test_get_template_returns_each_template() -> None:
    for model in MODELS:
        assert get_template(model) is TEMPLATES[model]


@pytest.mark.parametrize("model", ["", "other", "Johnson", "love-first", "minnesota"])
def test_get_template_raises_key_error_for_unknown_model(model: str) -> None:
    with pytest.raises(KeyError):
        get_template(model)


def test_phases_are_the_task_phases() -> None:
    assert PHASE_ORDER == ("preparation", "intervention", "treatment", "aftercare", "follow_up")


@each_template
def test_templates_are_immutable(template: PlanTemplate) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        template.name = "changed"  # type: ignore[misc]
    assert isinstance(template.sections, tuple)
    assert isinstance(template.action_items, tuple)
    assert isinstance(template.contingencies, tuple)


@each_template
def test_name_and_summary_are_filled(template: PlanTemplate) -> None:
    assert template.name.strip()
    assert len(template.summary) >= 100


@each_template
def test_section_keys_are_unique_snake_case(template: PlanTemplate) -> None:
    keys = [s.key for s in template.sections]
    assert len(keys) == len(set(keys)), keys
    for key in keys:
        assert SNAKE_CASE.match(key), key


@each_template
def test_sections_have_titles_and_guidance(template: PlanTemplate) -> None:
    titles = [s.title for s in template.sections]
    assert len(titles) == len(set(titles))
    for section in template.sections:
        assert section.title.strip()
        assert section.guidance.strip()
        assert section.guidance.rstrip().endswith((".", ")"))


@each_template
def test_counts_are_within_the_model_limits(template: PlanTemplate) -> None:
    assert 6 <= len(template.sections) <= 10
    assert len(template.action_items) >= 8
    assert 4 <= len(template.contingencies) <= 7


def test_craft_action_items_are_at_least_twelve_coaching_sessions() -> None:
    sessions = [a for a in get_template("craft").action_items if a.title.startswith("Session ")]
    assert 12 <= len(sessions) <= 14
    numbers = [int(a.title.removeprefix("Session ").split(":", 1)[0]) for a in sessions]
    assert numbers == list(range(1, len(sessions) + 1))
    days = [a.due_in_days for a in sessions]
    assert None not in days
    twelfth = days[11]
    assert twelfth is not None
    assert twelfth >= 11 * 7  # the core sessions are spread over about twelve weeks


@each_template
def test_action_item_limits(template: PlanTemplate) -> None:
    titles = [a.title for a in template.action_items]
    assert len(titles) == len(set(titles))
    for item in template.action_items:
        assert item.title.strip()
        assert len(item.title) <= 120, item.title
        assert item.description.strip()
        assert len(item.description) <= 600, item.title
        assert item.phase in PHASE_ORDER


@each_template
def test_action_items_follow_phase_order_and_due_days_never_go_back(
    template: PlanTemplate,
) -> None:
    phase_ranks = [PHASE_ORDER.index(a.phase) for a in template.action_items]
    assert phase_ranks == sorted(phase_ranks)
    given = [a.due_in_days for a in template.action_items if a.due_in_days is not None]
    assert all(d >= 0 for d in given)
    assert given == sorted(given)


@each_template
def test_every_phase_before_and_after_the_meeting_is_planned(template: PlanTemplate) -> None:
    phases = {a.phase for a in template.action_items}
    assert {"preparation", "intervention", "follow_up"} <= phases
    assert phases & {"treatment", "aftercare"}


@each_template
def test_contingencies_are_filled_and_distinct(template: PlanTemplate) -> None:
    scenarios = [c.scenario for c in template.contingencies]
    assert len(scenarios) == len(set(scenarios))
    for contingency in template.contingencies:
        assert contingency.scenario.strip()
        assert contingency.response.strip()


@each_template
def test_contingencies_cover_emergencies_and_crisis_line(template: PlanTemplate) -> None:
    responses = " ".join(c.response for c in template.contingencies)
    assert "911" in responses
    assert "988" in responses
    assert "naloxone" in responses


@each_template
def test_recommended_team_size_is_a_sane_range(template: PlanTemplate) -> None:
    size = template.recommended_team_size
    if size is not None:
        low, high = size
        assert 1 <= low <= high


def test_love_first_team_is_three_to_seven_with_a_team_leader() -> None:
    template = get_template("love_first")
    assert template.recommended_team_size == (3, 7)
    assert any("team_leader" in s.key for s in template.sections)
    keys = {s.key for s in template.sections}
    assert {"letters_of_love", "answers_to_objections", "bottom_lines"} <= keys


def test_johnson_covers_letters_rehearsal_and_bottom_lines() -> None:
    keys = [s.key for s in get_template("johnson").sections]
    assert any("letter" in k for k in keys)
    assert any("rehearsal" in k for k in keys)
    assert any("bottom_line" in k for k in keys)
    assert any("treatment" in k for k in keys)
    assert "after_acceptance" in keys


def test_arise_has_sections_and_action_items_for_all_three_levels() -> None:
    template = get_template("arise")
    for level in (1, 2, 3):
        assert any(s.key.startswith(f"level_{level}_") for s in template.sections), level
        assert any(a.title.startswith(f"Level {level}:") for a in template.action_items), level
    assert any("escalation" in s.key for s in template.sections)


def test_arise_levels_come_in_order() -> None:
    levels = [
        int(a.title[len("Level ")])
        for a in get_template("arise").action_items
        if a.title.startswith("Level ")
    ]
    assert levels == sorted(levels)


def test_systemic_family_has_an_escalation_agreement_on_asam_levels() -> None:
    template = get_template("systemic_family")
    escalation = [s for s in template.sections if "escalation" in s.key]
    assert escalation
    guidance = escalation[0].guidance
    for level in ("0.5", "1", "2.1", "2.5", "3.1", "3.3", "3.5", "3.7", "4"):
        assert level in guidance, level
    assert any("genogram" in s.guidance for s in template.sections)


def test_craft_coaches_the_concerned_significant_other_in_its_core_skills() -> None:
    keys = {s.key for s in get_template("craft").sections}
    assert {
        "functional_analysis",
        "communication_training",
        "reinforcing_sober_behaviour",
        "natural_consequences",
        "safety_plan",
        "cso_self_care",
        "treatment_invitation",
    } <= keys
    assert get_template("craft").recommended_team_size is None
