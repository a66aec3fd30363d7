"""Catalog commands: init, courses list/search, course show, skills, roles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from coursestack.cli import state
from coursestack.cli.lazy import lazy
from coursestack.cli.output import console, err_console, fmt_hours, print_json
from coursestack.domain import Course, Role

if TYPE_CHECKING:
    from coursestack.services import catalog
else:
    catalog = lazy("coursestack.services.catalog")

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]

courses_app = typer.Typer(help="List and search the catalog.", no_args_is_help=True)
course_app = typer.Typer(help="One course.", no_args_is_help=True)


def _course_table(courses: list[Course], title: str) -> Table:
    table = Table(title=title, show_lines=False)
    for col in ("id", "title", "platform", "provider", "kind", "hours"):
        table.add_column(col, overflow="fold")
    for c in courses:
        table.add_row(
            c.id,
            c.title,
            c.platform,
            c.provider or "—",
            c.kind.value,
            fmt_hours(c.effort.total_hours()),
        )
    return table


@courses_app.command("list")
def courses_list(
    platform: Annotated[str | None, typer.Option(help="Only this platform, e.g. coursera.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many.")] = None,
    json_out: JsonFlag = False,
) -> None:
    """List courses, by platform then title.

    Example: coursestack courses list --platform kaggle-learn
    """
    with state.database().session() as session:
        found = catalog.list_courses(session, platform=platform, limit=limit)
    if json_out:
        print_json([catalog.course_summary(c) for c in found])
    else:
        console.print(_course_table(found, f"{len(found)} courses"))


@courses_app.command("search")
def courses_search(
    query: Annotated[str, typer.Argument(help="Words from a title, provider or skill.")],
    platform: Annotated[str | None, typer.Option(help="Only this platform.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=500)] = 20,
    json_out: JsonFlag = False,
) -> None:
    """Full-text search over titles, providers and skills.

    Order (case, accents and punctuation ignored):
      1. the title equal to the query,
      2. titles starting with the query's words,
      3. titles holding every query word (shorter titles first in 1-3),
      4. the other matches, best full-text match first,
      5. when the query names a skill, the courses teaching it.
    A query finding nothing is tried again with its misspelt words corrected from the
    catalog's titles and skill names ('machne learning'), said on stderr.

    Example: coursestack courses search "feature engineering"
    """
    with state.database().session() as session:
        found, fixed = catalog.search_or_fix(session, query, limit=limit, platform=platform)
    if fixed is not None:  # nothing for the query as typed: said on stderr, JSON unchanged
        err_console.print(f"no match for {query!r}; showing matches for {fixed!r}")
    if json_out:
        print_json([catalog.course_summary(c) for c in found])
    else:
        console.print(_course_table(found, f"{len(found)} matches for {fixed or query!r}"))


@course_app.command("show")
def course_show(
    course: Annotated[
        str, typer.Argument(help="Course id, address, title or the first words of one title.")
    ],
    json_out: JsonFlag = False,
) -> None:
    """Everything the catalog knows about one course, with the source of each figure.

    Example: coursestack course show "Machine Learning Specialization"
    """
    with state.database().session() as session:
        found = catalog.resolve_course(session, course, near=True)
    if json_out:
        print_json({"course_id": found.id, **found.model_dump(mode="json")})
        return
    tax = catalog.taxonomy()
    console.print(f"[bold]{found.title}[/bold]  ({found.id})")
    rows = [
        ("platform", found.platform),
        ("provider", found.provider),
        ("kind", found.kind.value),
        ("level", found.level and found.level.value),
        ("language", found.language),
        ("url", found.url),
        ("effort", _effort_words(found)),
        ("price", found.price.text or (found.price.model and found.price.model.value)),
        ("certificate", found.certificate and found.certificate.value),
        ("pedagogy", found.pedagogy and found.pedagogy.value),
        ("hands-on", found.hands_on and found.hands_on.value),
        ("data", found.data_realism and found.data_realism.value),
        ("parts", _parts_words(found)),
        ("updated", found.year_updated),
        ("description", _first_line(found.description)),
    ]
    for key, value in rows:
        console.print(f"  {key:12} {value if value is not None else '—'}")
    for label, skills in (("teaches", found.teaches), ("assumes", found.assumes)):
        if skills:
            console.print(f"  {label}:")
            for sid, level in sorted(skills.items(), key=lambda kv: -kv[1]):
                name = tax.skills[sid].name if sid in tax else sid
                console.print(f"    {name} [dim]({sid})[/dim]: {level.label}")
    if found.external_rating:
        r = found.external_rating
        console.print(f"  external rating: {r.value}/{r.scale} from {r.count or '?'} ({r.source})")
    if found.popularity:
        p = found.popularity
        when = f", {p.date}" if p.date else ""
        console.print(
            f"  enrolled: {p.enrollments:,} ({p.source}{when}) [dim]— popular is not the same"
            " as fitting you: `coursestack fit` says that[/dim]"
        )
    if found.provenance:
        console.print("  sources:")
        for key, note in found.provenance.items():
            console.print(f"    {key}: [dim]{note}[/dim]")


def _parts_words(course: Course) -> str | None:
    """Its parts' ids, and how many courses the program takes when the catalog holds fewer."""
    listed = ", ".join(course.parts) or None
    total, held = course.parts_total, len(course.parts)
    if total is None or total == held:
        return listed
    of = (
        f"{total} courses, {held} of them in the catalog"
        if total > held
        else f"{total} courses taken of the {held} listed (alternatives among them)"
    )
    return f"{of}: {listed}" if listed else of


DESCRIPTION_SHOWN = 160  # characters of the description in the text view (all of it in --json)


def _first_line(text: str | None) -> str | None:
    if not text:
        return None
    flat = " ".join(text.split())
    return flat if len(flat) <= DESCRIPTION_SHOWN else flat[: DESCRIPTION_SHOWN - 1] + "…"


def skills_cmd(
    category: Annotated[str | None, typer.Option(help="Only this category.")] = None,
    json_out: JsonFlag = False,
) -> None:
    """The skill taxonomy: ids, names, categories, aliases and prerequisites.

    Example: coursestack skills --category mlops
    """
    found = catalog.list_skills(category)
    if json_out:
        print_json([s.model_dump(mode="json") for s in found])
        return
    table = Table(title=f"{len(found)} skills")
    for col in ("id", "name", "category", "prerequisites"):
        table.add_column(col, overflow="fold")
    for s in found:
        pre = ", ".join(f"{p.skill}≥{int(p.level)}" for p in s.prerequisites)
        table.add_row(s.id, s.name, s.category, pre)
    console.print(table)


def roles_cmd(
    role: Annotated[
        str | None, typer.Argument(help="A role id: its requirements, level and weight each.")
    ] = None,
    json_out: JsonFlag = False,
) -> None:
    """Target roles with their levelled, weighted requirements.

    Examples:
      coursestack roles
      coursestack roles ml-engineer
      coursestack roles --json
    """
    if role is not None:
        _show_role(catalog.get_role(role.strip()), json_out)
        return
    found = catalog.list_roles()
    if json_out:
        print_json([r.model_dump(mode="json") for r in found])
        return
    table = Table(title=f"{len(found)} roles")
    for col in ("id", "name", "core skills", "requirements"):
        table.add_column(col, overflow="fold")
    names = {s.id: s.name for s in catalog.list_skills()}  # skill names, not ids, for people
    for r in found:
        core = [names.get(q.skill, q.skill) for q in r.requirements if q.weight == 3]
        table.add_row(r.id, r.name, ", ".join(core), str(len(r.requirements)))
    console.print(table)


def _show_role(role: Role, json_out: bool) -> None:
    if json_out:
        print_json(role.model_dump(mode="json"))
        return
    skills = {s.id: s for s in catalog.list_skills()}
    table = Table(title=f"{role.name} ({role.id}): {len(role.requirements)} requirements")
    for col in ("category", "skill", "level", "weight"):
        table.add_column(col, overflow="fold")
    weights = {3: "core", 2: "important", 1: "useful"}
    for q in sorted(role.requirements, key=lambda q: (-int(q.weight), q.skill)):
        skill = skills.get(q.skill)
        table.add_row(
            skill.category if skill else "",
            f"{skill.name if skill else q.skill} ({q.skill})",
            f"{int(q.level)} {q.level.label}",
            weights.get(int(q.weight), str(int(q.weight))),
        )
    console.print(table)


def init_cmd(json_out: JsonFlag = False) -> None:
    """Create the database (or bring it up to date) and load the built-in catalog.

    Example: COURSESTACK_DATABASE_URL=sqlite:///my.db coursestack init
    """
    db = state.database()
    with db.session() as session:
        courses = catalog.list_courses(session)
    platforms = sorted({c.platform for c in courses})
    info = {
        "database": db.safe_url(),
        "courses": len(courses),
        "platforms": platforms,
        "skills": len(catalog.list_skills()),
        "roles": len(catalog.list_roles()),
    }
    if json_out:
        print_json(info)
    else:
        console.print(
            f"database {info['database']}: {info['courses']} courses from "
            f"{len(platforms)} platforms, {info['skills']} skills, {info['roles']} roles"
        )


def register(app: typer.Typer) -> None:
    app.command("init")(init_cmd)
    app.add_typer(courses_app, name="courses")
    app.add_typer(course_app, name="course")
    app.command("skills")(skills_cmd)
    app.command("roles")(roles_cmd)


def _effort_words(course: Course) -> str | None:
    """The listed effort, saying when it gives no hours figure ('3 - 6 Months' alone: the
    planner and the guide then estimate the hours)."""
    hours = course.effort.total_hours()
    text = course.effort.wording()
    if text is None:  # none, or a bare number whose unit the source does not state
        if hours is not None:
            return fmt_hours(hours)
        bare = course.effort.text
        return None if not bare else f"'{bare}' (unit not stated; no hours figure)"
    return text if hours is not None else f"{text} (no hours figure)"
