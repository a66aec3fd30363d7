"""Review commands: review add, reviews COURSE, reviews import FILE, rank, compare platforms."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from coursestack.cli import state
from coursestack.cli.errors import EXIT_USAGE
from coursestack.cli.lazy import lazy
from coursestack.cli.output import console, err_console, print_json
from coursestack.engine import ratings
from coursestack.engine.platforms import PlatformSummary, Stats, Tally

if TYPE_CHECKING:
    from coursestack.services import reviews as service
else:
    service = lazy("coursestack.services.reviews")

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
TEXT_PREVIEW = 80
IMPORT_WORD = "import"  # `reviews import FILE`; any other first word is a course


review_app = typer.Typer(help="Write a practitioner review.", no_args_is_help=True)
compare_app = typer.Typer(help="Compare things side by side.", no_args_is_help=True)


def _interval(e: ratings.RatingEstimate) -> str:
    return f"{e.mean:.2f}  [{e.low:.2f}, {e.high:.2f}]"


@review_app.command("add")
def review_add(
    course: Annotated[str, typer.Argument(help="Course id or exact title.")],
    score: Annotated[float, typer.Option(min=0, max=10, help="Overall score, 0-10.")],
    reviewer: Annotated[str, typer.Option(help="Your name or handle (one review per course).")],
    role: Annotated[str | None, typer.Option(help="Your role, e.g. 'ML engineer'.")] = None,
    years: Annotated[float | None, typer.Option(min=0, help="Years of practice.")] = None,
    text: Annotated[str | None, typer.Option(help="What you would tell a colleague.")] = None,
    depth: Annotated[float | None, typer.Option(min=0, max=10)] = None,
    practicality: Annotated[float | None, typer.Option(min=0, max=10)] = None,
    production_relevance: Annotated[float | None, typer.Option(min=0, max=10)] = None,
    teaching: Annotated[float | None, typer.Option(min=0, max=10)] = None,
    on: Annotated[
        str | None, typer.Option("--date", help="Review date YYYY-MM-DD (default today).")
    ] = None,
    json_out: JsonFlag = False,
) -> None:
    """Rate a course 0-10 as a practitioner.

    A second review by the same reviewer replaces the first (the first is kept in history).

    Example: coursestack review add "Machine Learning Specialization" --score 9 --reviewer ana
    --role "ML engineer" --years 6 --text "Solid theory, no MLOps"
    """
    dims = {
        k: v
        for k, v in (
            ("depth", depth),
            ("practicality", practicality),
            ("production_relevance", production_relevance),
            ("teaching", teaching),
        )
        if v is not None
    }
    review_date = None
    if on is not None:
        try:
            review_date = date.fromisoformat(on)
        except ValueError as err:
            raise typer.BadParameter(
                f"not a date (YYYY-MM-DD): {on!r}", param_hint="--date"
            ) from err
    with state.database().session() as session:
        added = service.add_review(
            session,
            course,
            reviewer=reviewer,
            score=score,
            role=role,
            years=years,
            text=text,
            dimensions=dims,
            review_date=review_date,
        )
    if json_out:
        print_json(added.as_dict())
        return
    verb = {
        "added": "added",
        "replaced": "replaced (earlier version kept in history)",
        "unchanged": "unchanged (identical to the current one)",
    }[added.result]
    console.print(f"review by {added.review.reviewer} of {added.course.title}: {verb}")


def _show(course: str, json_out: bool) -> None:
    with state.database().session() as session:
        found = service.list_reviews(session, course)
    if json_out:
        print_json(found.as_dict())
        return
    c = found.course
    console.print(f"[bold]{c.title}[/bold]  ({c.id}, {c.platform})")
    e = found.estimate
    if e is None:
        console.print("  practitioner score: no reviews yet")
    else:
        console.print(
            f"  practitioner score: {_interval(e)} ({ratings.CREDIBLE_MASS:.0%} interval), "
            f"n={e.n}, effective n={e.n_effective:.1f}; prior {e.prior_mean:.2f} from "
            f"{e.prior_source}"
        )
    ext = c.external_rating
    if ext is not None:
        count = f"{ext.count:,}" if ext.count is not None else "an unknown number of"
        console.print(
            f"  external rating (separate evidence): {ext.value:g}/{ext.scale:g} from {count} "
            f"reviews ({ext.source})"
        )
    if not found.reviews:
        return
    flags: dict[str, list[str]] = {}
    for f in found.flags:
        flags.setdefault(f.reviewer, []).append(f.kind.value)
    n = len(found.reviews)
    table = Table(title=f"{n} current review{'' if n == 1 else 's'}")
    for col in ("date", "reviewer", "role", "years", "score", "weight", "flags", "text"):
        table.add_column(col, overflow="fold")
    for r in found.reviews:
        text = (r.text or "")[:TEXT_PREVIEW] + (
            "…" if r.text and len(r.text) > TEXT_PREVIEW else ""
        )
        weight = found.weights.get(ratings.review_key(r), 1.0)
        table.add_row(
            r.date.isoformat(),
            r.reviewer,
            r.reviewer_role or "—",
            "—" if r.years is None else f"{r.years:g}",
            f"{r.score:g}",
            f"{weight:.2f}",
            ", ".join(flags.get(r.reviewer, [])),
            text,
        )
    console.print(table)
    for f in found.flags:
        console.print(f"  [yellow]flag[/yellow] {f.reviewer}: {f.kind.value} — {f.reason}")


def reviews_cmd(
    course: Annotated[str, typer.Argument(help="Course id or exact title; or the word 'import'.")],
    file: Annotated[
        Path | None, typer.Argument(help="With 'import': a CSV or JSON file of reviews.")
    ] = None,
    json_out: JsonFlag = False,
) -> None:
    """A course's practitioner estimate and reviews; or `reviews import FILE`.

    Shows the estimate with its interval, the external rating (kept apart) and each review;
    `coursestack reviews import FILE` imports many reviews from CSV/JSON instead.

    `reviews import FILE` reads CSV or JSON with columns course (id or exact title),
    reviewer, score, date (YYYY-MM-DD) and optionally role, years, text, depth, practicality,
    production_relevance, teaching. Bad rows are reported by line and not written; good rows
    are stored.

    Examples: coursestack reviews "Machine Learning Specialization";
    coursestack reviews import reviews.csv --json
    """
    if course != IMPORT_WORD:
        if file is not None:
            raise typer.BadParameter(f"unexpected extra argument {str(file)!r}")
        _show(course, json_out)
        return
    if file is None:
        raise typer.BadParameter("reviews import needs a FILE", param_hint="FILE")
    _import(file, json_out)


def _import(file: Path, json_out: bool) -> None:
    with state.database().session() as session:
        report = service.import_reviews(session, file)
    if json_out:
        print_json(report.as_dict())
    else:
        console.print(
            f"{report.file}: read {report.read}, added {report.added}, replaced "
            f"{report.replaced}, unchanged {report.unchanged}, rejected {report.rejected}"
        )
        if report.ignored_columns:
            console.print(f"  ignored columns: {', '.join(report.ignored_columns)}")
        for e in report.errors[: service.MAX_IMPORT_ERRORS_SHOWN]:
            console.print(f"  [red]line {e.line}[/red]: {e.reason}")
    if report.rejected and not (report.added or report.replaced or report.unchanged):
        # nothing usable: a script must see it failed (the good rows of a mixed file land)
        err_console.print("[red]error:[/red] no review imported: every row was rejected")
        raise typer.Exit(EXIT_USAGE)


def _ranking_table(report: service.RankReport, ranking: ratings.Ranking, title: str) -> Table:
    table = Table(title=title)
    for col in (
        "#",
        "course",
        "platform",
        "estimate [interval]",
        "n (eff.)",
        "P(> next)",
        "flagged",
    ):
        table.add_column(col, overflow="fold")
    for entry in ranking.entries:
        e = entry.estimate
        course = report.courses.get(e.course_id)
        table.add_row(
            str(entry.position),
            course.title if course else e.course_id,
            course.platform if course else "—",
            _interval(e),
            f"{e.n} ({e.n_effective:.1f})",
            "—" if entry.p_beats_next is None else f"{entry.p_beats_next:.2f}",
            str(report.flagged.get(e.course_id, 0) or ""),
        )
    return table


def rank_cmd(
    skill: Annotated[str | None, typer.Option(help="Only courses teaching this skill.")] = None,
    role: Annotated[
        str | None, typer.Option(help="Only courses teaching a skill this role requires.")
    ] = None,
    category: Annotated[
        str | None, typer.Option(help="Only courses whose main skill category is this.")
    ] = None,
    half_life: Annotated[
        float | None,
        typer.Option("--half-life", help="Weigh recent reviews more: weight halves every N days."),
    ] = None,
    top: Annotated[int, typer.Option(min=1, help="Rows to show per table.")] = 20,
    json_out: JsonFlag = False,
) -> None:
    """Rank reviewed courses by practitioner estimate, with credible intervals.

    A leader is named 'by a clear margin' only when P(it beats the runner-up) >= 0.95.

    Example: coursestack rank --role ml-engineer
    """
    with state.database().session() as session:
        report = service.rank_courses(
            session, skill=skill, role=role, category=category, half_life_days=half_life
        )
    if json_out:
        print_json(report.as_dict())
        return
    where = ", ".join(f"{k} {v}" for k, v in report.filter.items()) or "whole catalog"
    console.print(
        f"{where}: {report.candidates} courses, {len(report.ranking.entries)} with practitioner "
        f"reviews, {report.unreviewed} without (not ranked)."
    )
    if report.ranking.entries:
        shown = ratings.Ranking(
            report.ranking.entries[:top],
            report.ranking.clear_margin,
            report.ranking.p_top_beats_runner_up,
            report.ranking.not_separable,
            report.ranking.claim,
            report.ranking.threshold,
        )
        console.print(
            _ranking_table(
                report,
                shown,
                f"practitioner estimate, {ratings.CREDIBLE_MASS:.0%} credible interval",
            )
        )
    console.print(report.ranking.claim)
    if not report.ranking.entries:
        console.print(
            "[dim]Add reviews with `coursestack review add COURSE --score N --reviewer NAME` "
            "or `coursestack reviews import FILE` (columns course, reviewer, score, date).[/dim]"
        )
    if len(report.by_background) > 1 or (
        report.by_background and ratings.UNKNOWN_BACKGROUND not in report.by_background
    ):
        console.print("\n[bold]By reviewer background[/bold]")
        for background, ranking in report.by_background.items():
            leaders = ", ".join(
                f"{_title(report, e.estimate.course_id)} {e.estimate.mean:.1f} (n={e.estimate.n})"
                for e in ranking.entries[:3]
            )
            console.print(f"  {background}: {leaders}")
            console.print(f"    [dim]{ranking.claim}[/dim]")
    console.print(
        "[dim]External platform ratings are separate evidence and are not part of these "
        "estimates.[/dim]"
    )


def _title(report: service.RankReport, course_id: str) -> str:
    course = report.courses.get(course_id)
    return course.title if course else course_id


def _tally(t: Tally) -> str:
    parts = [f"{k} {v}" for k, v in sorted(t.counts.items(), key=lambda kv: -kv[1])]
    if t.unknown:
        parts.append(f"? {t.unknown}")
    return ", ".join(parts) or "—"


def _median(s: Stats, fmt: str = "{:.0f}") -> str:
    if s.median is None:
        return f"— (n=0, ? {s.unknown})"
    return fmt.format(s.median) + f" (n={s.n}" + (f", ? {s.unknown})" if s.unknown else ")")


def _costs(p: PlatformSummary) -> str:
    parts = []
    for f in p.typical_cost:
        if f.stats.median is None:
            continue
        if f.model == "free":
            parts.append(f"free (n={f.stats.n})")
            continue
        per = "/month" if f.model == "subscription" else ""
        parts.append(f"{f.model} {f.stats.median:,.0f} {f.currency}{per} (n={f.stats.n})")
    if p.cost_unknown:
        parts.append(f"? {p.cost_unknown}")
    return "; ".join(parts) or "—"


def compare_platforms_cmd(json_out: JsonFlag = False) -> None:
    """Platforms side by side, from the catalog's own data.

    Levels, prices, certificates, projects, pedagogy, effort and ratings, each with its n
    ('?' counts unknown values).

    Example: coursestack compare platforms
    """
    with state.database().session() as session:
        found = service.compare_platforms(session)
    if json_out:
        print_json([p.as_dict() for p in found])
        return
    table = Table(title=f"{len(found)} platforms", show_lines=True)
    for col in (
        "platform",
        "courses",
        "levels",
        "price",
        "typical cost",
        "certificate",
        "projects",
        "pedagogy",
        "median hours",
        "external rating",
        "practitioner",
    ):
        table.add_column(col, overflow="fold")
    for p in found:
        proj = p.independent_projects
        ext, prac = p.external_rating, p.practitioner_rating
        table.add_row(
            p.platform,
            str(p.courses),
            _tally(p.levels),
            _tally(p.price_models),
            _costs(p),
            _tally(p.certificates),
            "—"
            if proj.share is None or p.capstones.share is None
            else f"{proj.share:.0%} independent, {p.capstones.share:.0%} capstone (n={proj.n})",
            _tally(p.pedagogy),
            _median(p.effort_hours)
            + (
                f"; length {p.length_weeks.median:.0f} wk (n={p.length_weeks.n})"
                if p.length_weeks.median is not None
                else ""
            ),
            "—"
            if ext.stats.median is None
            else f"{ext.stats.median:.0%} (n={ext.stats.n}, {ext.reviews:,} reviews)",
            "—"
            if prac.stats.median is None
            else f"{prac.stats.median:.1f}/10 (n={prac.stats.n}, {prac.reviews} reviews)",
        )
    console.print(table)
    console.print("[dim]external rating: median of value/scale over rated courses[/dim]")


def register(app: typer.Typer) -> None:
    app.add_typer(review_app, name="review")
    app.command("reviews")(reviews_cmd)
    app.command("rank")(rank_cmd)
    compare_app.command("platforms")(compare_platforms_cmd)
    app.add_typer(compare_app, name="compare")
