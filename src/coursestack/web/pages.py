"""Server-rendered pages: home (search and the learner form), search results, a course with
its guide and reviews, a plan with its charts, and the platform comparison.

Pages call the same service functions as the JSON API; templates are autoescaped, forms carry
a CSRF token, every response carries the CSP header (see security.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from pydantic import ValidationError

from coursestack.api.deps import (
    CATALOG_MAX_AGE,
    DatabaseDep,
    OptionsDep,
    PlanRunnerDep,
    ReadSessionDep,
    verify_token,
)
from coursestack.api.errors import classify, names_in_body
from coursestack.api.routes.reviews import check_reviewer_limit, write_review
from coursestack.api.schemas import ReviewIn
from coursestack.domain import CoursestackError, InvalidInputError, Need, Pedagogy
from coursestack.services import advise, catalog, guides, reviews
from coursestack.services.words import hours_text, reading_notes
from coursestack.store.db import Database
from coursestack.web import charts
from coursestack.web.forms import learner_from_form
from coursestack.web.security import (
    CSRF_FIELD,
    SecurityHeadersMiddleware,
    check_csrf,
    csrf_token,
    set_csrf_cookie,
)

HERE = Path(__file__).parent
LEVELS = ("none", "aware", "practised", "applied", "production")

_env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)
_env.filters["hours"] = hours_text
_env.filters["pct"] = lambda v: "—" if v is None else f"{100 * float(v):.0f}%"
_env.filters["weeks"] = lambda w: "—" if w is None else f"{float(w):.1f}".rstrip("0").rstrip(".")
_env.filters["money"] = lambda v: "unknown" if v is None else ("free" if v == 0 else f"${v:,.0f}")
_env.filters["level"] = lambda v: f"{int(v)} {LEVELS[min(4, max(0, int(v)))]}"
# only web addresses become links: a stored 'javascript:' URL is shown as no link at all
_env.tests["web_address"] = lambda u: (
    isinstance(u, str) and u.lower().startswith(("http://", "https://"))
)
templates = Jinja2Templates(env=_env)

router = APIRouter(include_in_schema=False)


def render(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    token = csrf_token(request)
    response = templates.TemplateResponse(
        request,
        name,
        {**context, "csrf_field": CSRF_FIELD, "csrf_token": token},
        status_code=status_code,
    )
    set_csrf_cookie(response, token, secure=request.url.scheme == "https")
    return response


def _form_context(session: Any) -> dict[str, Any]:
    with_courses = catalog.list_platforms(session)  # not every course parsed (0.4 s on 7.8k)
    return {
        "roles": catalog.list_roles(),
        "platforms": with_courses,
        "pedagogies": [p.value for p in Pedagogy],
        "needs": [n.value for n in Need],
    }


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: ReadSessionDep) -> HTMLResponse:
    return render(request, "home.html", {**_form_context(session), "form": {}, "error": None})


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    db: DatabaseDep,
    q: Annotated[str, Query(max_length=300)] = "",
    platform: Annotated[str | None, Query(max_length=100)] = None,
) -> HTMLResponse:
    found, fixed = (
        catalog.search_in_context_or_fix(
            db, q, limit=50, platform=platform or None, max_age=CATALOG_MAX_AGE
        )
        if q
        else ([], None)
    )
    return render(
        request,
        "search.html",
        {"q": q, "fixed": fixed, "results": [catalog.course_summary(c) for c in found]},
    )


@router.get("/plan", include_in_schema=False)
def plan_form() -> RedirectResponse:
    """A reload or a bookmark of the plan page (a POST result): back to the form, not a
    405 in JSON."""
    return RedirectResponse("/#learner-form", status_code=303)


@router.post("/plan", response_class=HTMLResponse)
async def plan(
    request: Request, db: DatabaseDep, runner: PlanRunnerDep, options: OptionsDep
) -> HTMLResponse:
    form = await request.form()
    check_csrf(request, form.get(CSRF_FIELD))
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    lists = {k: [v for v in form.getlist(k) if isinstance(v, str)] for k in ("platforms", "needs")}
    try:
        learner = learner_from_form(fields, lists)
        with names_in_body():
            result = await runner.run(
                advise.make_plan,
                db,
                learner,
                time_limit=options.solver_time_limit,
                max_age=CATALOG_MAX_AGE,
            )
    except CoursestackError as err:
        status, _code, _details = classify(err)
        if status != 422:
            raise
        with db.session() as session:
            context = _form_context(session)
        form_state = {**fields, **{k: v for k, v in lists.items()}}
        return render(request, "home.html", {**context, "form": form_state, "error": str(err)}, 422)
    return render(
        request,
        "plan.html",
        {
            "plan": result,
            "learner": learner,
            "goal_name": _role_name(result.get("goal")),
            "alternatives": advise.grouped_alternatives(result.get("alternatives", [])),
            "steps_cost": sum(step["cost"] or 0.0 for step in result["steps"]),
            "needs_certificate": "certificate" in result["learner"].get("needs", []),
            "notes": [text for _kind, text in reading_notes(result)],
            "timeline": Markup(charts.timeline_svg(result["steps"], result["total_weeks"])),
            "coverage": Markup(charts.coverage_svg(result.get("coverage_by_skill", []))),
        },
    )


def _role_name(goal: object) -> str | None:
    """The goal role's display name (the plan carries its id); None for skill targets only."""
    names = {r.id: r.name for r in catalog.list_roles()}
    return names.get(goal) if isinstance(goal, str) else None


def _course_context(db: Database, course: str, goal: str | None) -> dict[str, Any]:
    with db.session() as session:
        found = catalog.resolve_course(session, course, near=True)
        listed = reviews.list_reviews(session, found.id).as_dict()
        part_courses = catalog.get_courses(session, found.parts)
    tax = catalog.taxonomy()

    def skill_rows(skills: dict[str, Any]) -> list[dict[str, Any]]:
        return [
            {"id": sid, "name": tax.skills[sid].name if sid in tax else sid, "level": int(lv)}
            for sid, lv in sorted(skills.items(), key=lambda kv: (-int(kv[1]), kv[0]))
        ]

    return {
        "course": found,
        "parts": [
            {"id": pid, "title": part_courses[pid].title if pid in part_courses else pid}
            for pid in found.parts
        ],
        "summary": catalog.course_summary(found),
        "teaches": skill_rows(dict(found.teaches)),
        "assumes": skill_rows(dict(found.assumes)),
        "guide": guides.write_guide(db, found.id, goal=goal, fmt="json"),
        "goal": goal,
        "roles": catalog.list_roles(),
        "reviews": listed,
        "review_state": None,
        "form": {},
        "error": None,
    }


@router.get("/courses/{course}", response_class=HTMLResponse)
def course_page(
    request: Request,
    db: DatabaseDep,
    course: str,
    goal: Annotated[str | None, Query(max_length=200)] = None,
    review: Annotated[str | None, Query(max_length=20)] = None,
) -> HTMLResponse:
    with names_in_body():  # an unknown goal comes from the form: 422 with suggestions
        if goal:
            catalog.get_role(goal)
    context = _course_context(db, course, goal or None)
    context["review_state"] = review if review in ("added", "replaced", "unchanged") else None
    return render(request, "course.html", context)


@router.post("/courses/{course}/reviews", response_class=HTMLResponse)
async def post_review(
    request: Request, course: str, db: DatabaseDep, options: OptionsDep
) -> Response:
    form = await request.form()
    check_csrf(request, form.get(CSRF_FIELD))
    fields = {k: v.strip() for k, v in form.items() if isinstance(v, str)}
    try:
        token = verify_token(db, fields.get("token", ""))
        try:
            body = ReviewIn.model_validate(
                {
                    "reviewer": fields.get("reviewer", ""),
                    "score": fields.get("score", ""),
                    "role": fields.get("role") or None,
                    "years": fields.get("years") or None,
                    "text": fields.get("text") or None,
                }
            )
        except ValidationError as err:
            raise InvalidInputError(
                "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in err.errors())
            ) from err
        check_reviewer_limit(db, body.reviewer, options, token)
        added = write_review(db, course, body, token)
    except CoursestackError as err:
        status, _code, _details = classify(err)
        if status not in (401, 403, 422, 429):
            raise
        context = _course_context(db, course, None)
        fields.pop("token", None)  # never echo a secret back into the page
        context.update(form=fields, error=str(err))
        return render(request, "course.html", context, status)
    return RedirectResponse(
        f"/courses/{added['course_id']}?review={added['result']}#reviews", status_code=303
    )


@router.get("/platforms", response_class=HTMLResponse)
def platforms_page(request: Request, session: ReadSessionDep) -> HTMLResponse:
    summaries = [p.as_dict() for p in reviews.compare_platforms(session)]
    summaries.sort(key=lambda p: -int(p["courses"]))  # type: ignore[call-overload]
    chart = charts.bars_svg(
        [(str(p["platform"]), float(p["courses"])) for p in summaries],  # type: ignore[arg-type]
        title="Courses in the catalog, by platform",
    )
    return render(request, "platforms.html", {"platforms": summaries, "chart": Markup(chart)})


def _error_page(request: Request, status: int, code: str, message: str) -> Response | None:
    if "text/html" not in request.headers.get("accept", ""):
        return None
    return render(
        request, "error.html", {"status": status, "code": code, "message": message}, status
    )


def install(app: FastAPI) -> None:
    """Mount the pages, the static files, the security headers and HTML error pages."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(SecurityHeadersMiddleware)
    app.state.html_error_renderer = _error_page
