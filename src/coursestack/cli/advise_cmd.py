"""Advisor commands: gaps, fit, plan. A learner comes from a YAML file and/or flags."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from coursestack.cli import state
from coursestack.cli.lazy import lazy
from coursestack.cli.output import console, fmt_hours, fmt_money, print_json
from coursestack.domain import Level

if TYPE_CHECKING:
    from coursestack.services import learners
else:
    learners = lazy("coursestack.services.learners")
from coursestack.services.words import reading_notes, untracked_words
from coursestack.settings import CLI_PLAN_TIME_LIMIT

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
LearnerFile = Annotated[
    Path | None,
    typer.Option("--learner", "-l", help="Learner YAML file (see README).", dir_okay=False),
]
SkillOpt = Annotated[
    list[str] | None,
    typer.Option("--skill", "-s", help="A known skill as NAME=LEVEL (0-4); repeatable."),
]
GoalOpt = Annotated[str | None, typer.Option("--goal", "-g", help="Target role id.")]
TargetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--target",
        "-t",
        help="A skill to reach as NAME=LEVEL (1-4), with a goal or instead of one; repeatable.",
    ),
]
HoursOpt = Annotated[
    float | None,
    typer.Option("--hours", help="Study hours per week (default: the learner file's, else 5)."),
]
BudgetOpt = Annotated[
    float | None, typer.Option("--budget", help="Total budget in USD (default: none).")
]
CompletedOpt = Annotated[
    list[str] | None, typer.Option("--completed", "-c", help="A finished course; repeatable.")
]
LanguageOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--language",
        help="A language you read (ISO code or name; 'any' for all); repeatable. Default: en.",
    ),
]

DeadlineOpt = Annotated[
    float | None,
    typer.Option(
        "--deadline", help="Finish within this many weeks (at --hours a week; default: none)."
    ),
]
PlatformOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--platform", help="Only courses on this platform (slug); repeatable (default: all)."
    ),
]
PaceOpt = Annotated[
    str | None,
    typer.Option("--pace", help="fast, standard or thorough (time estimates; default: standard)."),
]
PedagogyOpt = Annotated[
    str | None,
    typer.Option(
        "--pedagogy", help="Preferred teaching style: code-first or theory-first (default: none)."
    ),
]

LEVEL_NAMES = {int(lv): lv.label for lv in Level}

# Why a taught skill does nothing for the goal (engine.gaps Fallthrough reasons).
_FALLTHROUGH_WORDS = {
    "not-required": "the goal does not ask for it",
    "part-of-goal-skill": "narrower parts of skills the goal asks for: no credit by themselves",
    "already-held": "already held at that level",
    "already-met": "the goal's level is already met",
    "off-goal-project": "its project exercises too few of the goal's skills",
    "only-touched": "only mentioned in passing: no credit",
}


IMPLIED_SHOWN = 8  # inferred levels named in the text; the JSON lists them all


def learner_data(
    path: Path | None,
    skills: list[str] | None = None,
    goal: str | None = None,
    hours: float | None = None,
    budget: float | None = None,
    completed: list[str] | None = None,
    languages: list[str] | None = None,
    *,
    deadline: float | None = None,
    platforms: list[str] | None = None,
    pace: str | None = None,
    pedagogy: str | None = None,
    targets: list[str] | None = None,
) -> dict[str, Any]:
    """The learner file's mapping, with flags layered on top (flags win)."""
    data: dict[str, Any] = learners.read_learner_data(path) if path else {}
    for key, texts in (("skills", skills), ("targets", targets)):
        if texts:
            merged = dict(data.get(key) or {})
            merged.update(learners.parse_skill_option(text) for text in texts)
            data[key] = merged
    if completed:
        data["completed"] = [*(data.get("completed") or []), *completed]
    scalars = (
        ("goal", goal), ("hours_per_week", hours), ("budget", budget),
        ("deadline_weeks", deadline), ("pace", pace), ("pedagogy", pedagogy),
    )  # fmt: skip
    for key, value in scalars:
        if value is not None:
            data[key] = value
    if languages:
        data["languages"] = list(languages)
    if platforms:
        data["platforms"] = list(platforms)
    return data


def _level(value: int) -> str:
    return f"{value} {LEVEL_NAMES.get(value, '')}".strip()


def gaps_cmd(
    learner: LearnerFile = None,
    after: Annotated[
        list[str] | None,
        typer.Option("--after", "-a", help="Count these courses as taken, in order; repeatable."),
    ] = None,
    compare: Annotated[
        list[str] | None,
        typer.Option("--compare", help="What-if: compare these courses one at a time."),
    ] = None,
    skill: SkillOpt = None,
    goal: GoalOpt = None,
    target: TargetOpt = None,
    completed: CompletedOpt = None,
    json_out: JsonFlag = False,
) -> None:
    """Gap audit: what the goal role still needs, before and after some courses.

    Examples:
      coursestack gaps --learner me.yaml
      coursestack gaps --learner me.yaml --after "Deep Learning Specialization"
      coursestack gaps --learner me.yaml --compare fastai-practical-deep-learning \\
          --compare coursera-deep-learning-specialization
    """
    data = learner_data(learner, skill, goal, None, None, completed, targets=target)
    from coursestack.services import advise  # the planner (SciPy) loads only when used

    result = advise.gap_audit(state.database(), data, after or [], compare or [])
    if json_out:
        print_json(result)
        return
    before, after_cov = result["coverage_before"], result["coverage_after"]
    goal = result["goal"] or "your skill targets"
    head = f"[bold]Goal: {goal}[/bold] — weighted coverage {before:.0%}"
    if result["after"]:
        titles = {c["course_id"]: c["title"] for c in result["courses"] if "course_id" in c}
        shown = ", ".join(titles.get(cid, cid) for cid in result["after"])
        head += f" → {after_cov:.0%} after {shown}"
    console.print(head)
    from coursestack.services.catalog import list_skills

    names = {skill.id: skill.name for skill in list_skills()}  # ids read as names in text
    for contrib in result["courses"]:
        counted = (
            ", ".join(f"{names.get(s, s)} → {lv}" for s, lv in contrib["counts"].items())
            or "nothing"
        )
        console.print(f"  {contrib['title']}: counts toward the goal: {counted}")
        by_reason: dict[str, list[str]] = {}
        for f in contrib["fallthrough"]:
            by_reason.setdefault(f["reason"], []).append(names.get(f["skill"], f["skill"]))
        for reason, skills in by_reason.items():
            why = _FALLTHROUGH_WORDS.get(reason, reason)
            console.print(f"    [dim]falls through ({why}): {', '.join(skills)}[/dim]")
    _print_untracked(result["untracked"])
    if not result["gaps"]:
        console.print("No gaps: every requirement is met.")
        return
    n_gaps = len(result["gaps"])
    table = Table(title=f"{n_gaps} gap{'' if n_gaps == 1 else 's'}, by category")
    for col in ("category", "skill", "have", "need", "weight"):
        table.add_column(col)
    order = {c["category"]: i for i, c in enumerate(result["categories"])}
    for gap in sorted(result["gaps"], key=lambda g: (order.get(g["category"], 99), -g["weight"])):
        table.add_row(
            gap["category"],
            gap["name"],
            _level(gap["have"]),
            _level(gap["need"]),
            gap["weight_label"],
        )
    console.print(table)
    if "compare" in result:
        cmp = Table(title="What-if: one course at a time (best first)")
        for col in ("course", "coverage after", "gain", "gaps left", "closes"):
            cmp.add_column(col, overflow="fold", no_wrap=col == "gain")
        remaining = 1.0 - after_cov
        for row in result["compare"]:
            # in points, and as fit says it: the share of the remaining gap it closes
            share = f" ({row['gain'] / remaining:.0%} of the gap)" if remaining > 0 else ""
            gain = f"+{row['gain'] * 100:.0f} points{share}"
            cmp.add_row(
                row["title"],
                f"{row['coverage_after']:.0%}",
                "already completed" if row.get("completed") else gain,
                str(row["gaps_left"]),
                ", ".join(names.get(c, c) for c in row["closes"]) or "—",
            )
        console.print(cmp)


def _print_untracked(rows: list[dict[str, Any]]) -> None:
    words = untracked_words(rows)
    if words:
        console.print(f"[dim]{words}[/dim]")


def fit_cmd(
    course: Annotated[str, typer.Argument(help="Course id or exact title.")],
    learner: LearnerFile = None,
    skill: SkillOpt = None,
    goal: GoalOpt = None,
    target: TargetOpt = None,
    hours: HoursOpt = None,
    budget: BudgetOpt = None,
    completed: CompletedOpt = None,
    language: LanguageOpt = None,
    deadline: DeadlineOpt = None,
    platform: PlatformOpt = None,
    pace: PaceOpt = None,
    pedagogy: PedagogyOpt = None,
    json_out: JsonFlag = False,
) -> None:
    """Is this course for this learner, and why or why not — with their own time estimate.

    Examples:
    coursestack fit "Deep Learning Specialization" --learner me.yaml
    coursestack fit "IBM Machine Learning" --skill python=3 --goal ml-engineer --hours 8 --pace fast
    coursestack fit "Deep Learning Specialization" --learner me.yaml --budget 0 --deadline 12
    """
    data = learner_data(learner, skill, goal, hours, budget, completed, language,
                        deadline=deadline, platforms=platform, pace=pace,
                        pedagogy=pedagogy, targets=target)  # fmt: skip
    from coursestack.services import advise  # the planner (SciPy) loads only when used

    result = advise.fit(state.database(), course, data)
    if json_out:
        print_json(result)
        return
    console.print(f"[bold]{result['title']}[/bold]: [bold cyan]{result['verdict']}[/bold cyan]")
    for reason in result["reasons"]:
        # the reasons behind 'with caveats' are marked: every line read as positive
        mark = "[yellow]caveat[/yellow] " if reason.get("caveat") else ""
        console.print(f"  • {mark}[dim]{reason['kind']}:[/dim] {reason['text']}")
    if result.get("estimated_hours") is not None:
        from coursestack.engine.pace import weeks_words

        span = weeks_words(float(result["estimated_weeks"]))
        span = span if span.startswith("under") else f"about {span}"
        estimate = result.get("estimate") or {}
        floor = "at least " if estimate.get("video_only") else ""
        note = ""
        if floor:
            listed = estimate.get("listed")
            # 'at least 8.9 h' beside a listed 14 h of video read as a contradiction
            video = "video time"
            if listed is not None and float(result["estimated_hours"]) < float(listed):
                video = (
                    f"the listed {fmt_hours(float(listed))} of video less the parts on what "
                    "you already know"
                )
            note = f" ({video}; practice on top is not listed)"
        figure = fmt_hours(result["estimated_hours"])
        console.print(f"  Your estimate: {floor}{figure}{note}, {span}")
    _print_untracked(result["untracked"])


def plan_cmd(
    learner: LearnerFile = None,
    skill: SkillOpt = None,
    goal: GoalOpt = None,
    target: TargetOpt = None,
    hours: HoursOpt = None,
    budget: BudgetOpt = None,
    completed: CompletedOpt = None,
    language: LanguageOpt = None,
    deadline: DeadlineOpt = None,
    platform: PlatformOpt = None,
    pace: PaceOpt = None,
    pedagogy: PedagogyOpt = None,
    objective: Annotated[
        str,
        typer.Option(help="balanced, fastest, cheapest or best-rated."),
    ] = "balanced",
    time_limit: Annotated[
        float,
        typer.Option(
            min=0.05, max=60, help="Solver seconds before the greedy fallback (default 10)."
        ),
    ] = CLI_PLAN_TIME_LIMIT,
    json_out: JsonFlag = False,
) -> None:
    """The optimal courses to close the goal's gaps, in order, on a calendar.

    Within budget, deadline, platforms and languages (default: English).
    Says what no course in the catalog closes; shows the fastest, cheapest
    and best-rated alternatives.

    Examples:
    coursestack plan --learner examples/learner-ml-engineer.yaml
    coursestack plan --skill excel=2 --goal data-analyst --hours 5 --budget 100 --deadline 26
    coursestack plan --learner me.yaml --platform coursera --platform edx --pace thorough
    coursestack plan --learner me.yaml --language en --language es --json
    coursestack plan --skill python=1 --target sql=3 --target pandas=2 --hours 4
    """
    data = learner_data(learner, skill, goal, hours, budget, completed, language,
                        deadline=deadline, platforms=platform, pace=pace,
                        pedagogy=pedagogy, targets=target)  # fmt: skip
    from coursestack.services import advise  # the planner (SciPy) loads only when used

    result = advise.make_plan(state.database(), data, time_limit=time_limit, objective=objective)
    if json_out:
        print_json(result)
        return
    cov = result["coverage"]
    if not result["steps"] and not result["uncovered"]:
        console.print(
            f"Nothing to plan: you already meet every requirement of "
            f"{result['goal'] or 'your skill targets'}."
        )
        return
    console.print(
        f"[bold]Plan for {result['goal'] or 'your skill targets'}[/bold]: "
        f"coverage {cov['before']:.0%} → "
        f"{cov['after']:.0%} in {result['total_weeks']:g} weeks, "
        f"{fmt_hours(result['total_hours'])}"
        + (
            f" ({fmt_hours(result['assumed_hours'])} of it assumed*)"
            if result.get("assumed_hours")
            else ""
        )
        + f", {fmt_money(result['total_cost'])}"
        + (_unknown_price_words(result["cost_unknown_steps"]))
    )
    table = Table(show_lines=True)
    for col in ("weeks", "course", "hours", "cost", "why"):
        table.add_column(col, overflow="fold")
    for step in result["steps"]:
        table.add_row(
            f"{step['start_week']:g}–{step['end_week']:g}",
            f"{step['title']}\n[dim]{step['platform']} · {step['course_id']}[/dim]",
            ("≥" if step.get("hours_video_only") else "")
            + fmt_hours(step["hours"])
            + ("*" if step.get("hours_assumed") else ""),
            fmt_money(step["cost"]) + ("*" if step.get("cost_assumed") else ""),
            step["why"],
        )
    console.print(table)
    if any(step.get("hours_assumed") or step.get("cost_assumed") for step in result["steps"]):
        console.print(
            "[dim]* not listed by the course: assumed from comparable courses "
            "(see hours_basis / cost_basis in --json)[/dim]"
        )
    if any(step.get("hours_video_only") for step in result["steps"]):
        console.print(
            "[dim]≥ the course lists video time only: practice on top is not listed, so the "
            "step takes at least this[/dim]"
        )
    step_sum = sum(step["cost"] or 0.0 for step in result["steps"])
    if step_sum > result["total_cost"] + 0.5:
        console.print(
            f"[dim]The total pays each subscription once for the months its courses run "
            f"({fmt_money(result['total_cost'])}, not the steps' {fmt_money(step_sum)}).[/dim]"
        )
    notes = reading_notes(result, IMPLIED_SHOWN)
    for text in [text for _kind, text in notes]:
        console.print(f"[dim]{text}[/dim]")
    if result["uncovered"]:
        console.print("[bold]Still uncovered after the plan[/bold]")
        names = {row["skill"]: row["name"] for row in result.get("coverage_by_skill", [])}
        # one bullet per reason (the same heading came up three times with three hints);
        # within it, the skills sharing a hint together
        groups: dict[str, dict[str, list[str]]] = {}
        for gap in result["uncovered"]:
            label = f"{names.get(gap['skill'], gap['skill'])} ({gap['have']}→{gap['need']})"
            hints = groups.setdefault(gap["reason"], {})
            hints.setdefault(gap.get("suggestion") or "", []).append(label)
        for reason, hints in groups.items():
            if len(hints) == 1:
                [(hint, skills)] = hints.items()
                console.print(f"  • {reason}: {', '.join(skills)}")
                if hint:
                    console.print(f"    [dim]instead: {hint}[/dim]")
                continue
            console.print(f"  • {reason}:")
            for hint, skills in hints.items():
                tail = f" [dim]— instead: {hint}[/dim]" if hint else ""
                console.print(f"    {', '.join(skills)}{tail}")
    if result["alternatives"] and result["steps"]:  # no 'fastest = cheapest' of nothing
        from coursestack.services.advise import grouped_alternatives

        console.print("[bold]Alternatives[/bold]")
        planned = sorted(s["course_id"] for s in result["steps"])
        for alt_names, alt in grouped_alternatives(result["alternatives"]):
            t = alt["totals"]
            same = " (the plan above)" if sorted(alt["course_ids"]) == planned else ""
            console.print(
                f"  {' = '.join(alt_names):>11}: {len(alt['course_ids'])} courses, {t['weeks']:g} "
                f"weeks, {fmt_hours(t['hours'])}, {fmt_money(t['cost'])}"
                f"{_unknown_price_words(t.get('cost_unknown', 0))}, coverage "
                f"{t['coverage_after']:.0%}{same}"
            )
    solver = result["solver"]
    if not solver.get("exact", True):
        console.print(
            f"[yellow]Greedy fallback (solver {solver.get('status')}); optimality gap "
            f"{solver.get('gap')}[/yellow]"
        )


def register(app: typer.Typer) -> None:
    app.command("gaps")(gaps_cmd)
    app.command("fit")(fit_cmd)
    app.command("plan")(plan_cmd)


def _unknown_price_words(count: int) -> str:
    """' (+ 2 courses of unknown price)', or '' (a total that leaves them out says so)."""
    if not count:
        return ""
    return f" (+ {count} course{'' if count == 1 else 's'} of unknown price)"
