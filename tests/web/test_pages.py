"""Web pages in-process: CSP on every response, CSRF on forms, autoescaping, the plan page
with both charts, the review form behind a token."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator

import pytest
from starlette.exceptions import StarletteDeprecationWarning

from coursestack.api.app import create_app
from coursestack.api.config import ServiceOptions
from coursestack.store.db import Database
from coursestack.store.tokens import TokenRepository
from coursestack.web.security import CSRF_COOKIE

with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

COURSE = "coursera-deep-learning-specialization"


@pytest.fixture
def client(sqlite_db: Database) -> Iterator[TestClient]:
    app = create_app(database=sqlite_db, options=ServiceOptions(), prepare=False)
    with TestClient(app) as c:
        yield c


def form_token(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF field in the form"
    return match.group(1)


LEARNER_FORM = {
    "skills": "python: 2, linear algebra: 1, calculus: 1",
    "completed": "Machine Learning Specialization",
    "goal": "ml-engineer",
    "hours_per_week": "9",
    "budget": "600",
}


@pytest.mark.parametrize("path", ["/", "/search?q=python", f"/courses/{COURSE}", "/platforms"])
def test_pages_render_with_security_headers(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "https://" not in re.sub(r'href="https://[^"]*"', "", r.text)  # no CDN assets


def test_plan_form_needs_the_csrf_token(client: TestClient) -> None:
    home = client.get("/")
    token = form_token(home.text)
    assert client.cookies.get(CSRF_COOKIE) == token
    missing = client.post("/plan", data=LEARNER_FORM)
    assert missing.status_code == 403
    wrong = client.post("/plan", data={**LEARNER_FORM, "csrf_token": "x" * 43})
    assert wrong.status_code == 403
    ok = client.post("/plan", data={**LEARNER_FORM, "csrf_token": token})
    assert ok.status_code == 200, ok.text
    assert ok.text.count("<svg") == 2
    assert 'class="chart timeline"' in ok.text and 'class="chart coverage"' in ok.text
    # The heading names the role, not its id; the cost figure says what it counts.
    assert "<h1>Your plan to Machine learning engineer</h1>" in ok.text
    assert re.search(r'<span class="big">(\$[\d,]+</span> in fees|free</span> of charge)', ok.text)


def test_plan_page_names_skills_and_folds_a_long_residual_table(client: TestClient) -> None:
    token = form_token(client.get("/").text)
    ok = client.post("/plan", data={**LEARNER_FORM, "csrf_token": token})
    section = ok.text[ok.text.index('id="uncovered"') :]
    section = section[: section.index("</section>")]
    rows = section.count("<tr>") - 1  # less the header row
    assert rows > 8  # the example learner's plan leaves many skills below the role's level
    assert "<details>" in section and "<details open>" not in section  # long: folded
    assert f"{rows} skills stay below the level the role needs" in section
    assert "<td>Model deployment</td>" in section  # names, not ids (mlops.model-deployment)
    assert "mlops.model-deployment" not in section
    assert "Closes: prog." not in ok.text  # step closes by name too
    skilled = "python: 3, sql: 3, excel: 3, descriptive statistics: 3, tableau: 3, pandas: 3"
    skilled += ", data cleaning: 3, eda: 3, data visualization: 3"
    few = client.post("/plan", data={"skills": skilled, "goal": "data-analyst",
                                     "hours_per_week": "9", "csrf_token": token})  # fmt: skip
    short = few.text[few.text.index('id="uncovered"') :]
    short = short[: short.index("</section>")]
    assert 0 < short.count("<tr>") - 1 <= 8 and "<details open>" in short  # short: open


def test_reloading_the_plan_page_goes_back_to_the_form(client: TestClient) -> None:
    again = client.get("/plan", follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"] == "/#learner-form"


def test_plan_form_with_platform_filter(client: TestClient) -> None:
    token = form_token(client.get("/").text)
    r = client.post(
        "/plan",
        data={**LEARNER_FORM, "csrf_token": token, "platforms": ["kaggle-learn", "fast.ai"]},
    )
    assert r.status_code == 200
    platforms = set(re.findall(r"</a> <small>([^<]+)</small></h3>", r.text))
    assert platforms and platforms <= {"kaggle-learn", "fast.ai"}


def test_plan_form_languages(client: TestClient) -> None:
    token = form_token(client.get("/").text)
    ok = client.post("/plan", data={**LEARNER_FORM, "csrf_token": token, "languages": "es, en"})
    assert ok.status_code == 200, ok.text
    anything = client.post("/plan", data={**LEARNER_FORM, "csrf_token": token, "languages": "any"})
    assert anything.status_code == 200
    bad = client.post("/plan", data={**LEARNER_FORM, "csrf_token": token, "languages": "klingon"})
    assert bad.status_code == 422 and "unknown language" in bad.text
    assert 'value="klingon"' in bad.text  # the user's input is kept


def test_bad_learner_form_is_shown_again_with_the_reason(client: TestClient) -> None:
    token = form_token(client.get("/").text)
    r = client.post("/plan", data={**LEARNER_FORM, "skills": "pyton: 2", "csrf_token": token})
    assert r.status_code == 422
    assert "unknown skill" in r.text and "prog.python" in r.text
    assert "pyton: 2" in r.text  # the user's input is kept
    r = client.post("/plan", data={**LEARNER_FORM, "skills": "python", "csrf_token": token})
    assert r.status_code == 422 and "needs a level" in r.text


def test_search_output_is_escaped(client: TestClient) -> None:
    r = client.get("/search", params={"q": "<script>alert(1)</script>"})
    assert r.status_code == 200
    assert "<script>alert(1)</script>" not in r.text and "&lt;script&gt;" in r.text


def test_course_page_shows_guide_and_goal_choice(client: TestClient) -> None:
    r = client.get(f"/courses/{COURSE}", params={"goal": "ml-engineer"})
    assert r.status_code == 200
    assert 'id="guide"' in r.text and "Machine learning engineer" in r.text
    # every course the guide stacks links to its own page
    stack = r.text.split('id="guide-stack"', 1)[1].split("</section>", 1)[0]
    assert stack.count('class="step-link" href="/courses/') >= 2, stack
    bad = client.get(f"/courses/{COURSE}", params={"goal": "astronaut"})
    assert bad.status_code == 422


def test_review_form_needs_csrf_and_token(client: TestClient, sqlite_db: Database) -> None:
    with sqlite_db.session() as session:
        api_token = TokenRepository(session).create("web")
    page = client.get(f"/courses/{COURSE}")
    csrf = form_token(page.text)
    review = {"reviewer": "bea", "score": "9", "role": "data scientist", "text": "<b>great</b>"}
    no_csrf = client.post(f"/courses/{COURSE}/reviews", data={**review, "token": api_token})
    assert no_csrf.status_code == 403
    bad_token = client.post(
        f"/courses/{COURSE}/reviews", data={**review, "token": "cs_nope", "csrf_token": csrf}
    )
    assert bad_token.status_code == 401 and "cs_nope" not in bad_token.text
    ok = client.post(
        f"/courses/{COURSE}/reviews",
        data={**review, "token": api_token, "csrf_token": csrf},
        follow_redirects=False,
    )
    assert ok.status_code == 303
    shown = client.get(ok.headers["location"])
    assert "Your review was added" in shown.text
    assert "&lt;b&gt;great&lt;/b&gt;" in shown.text and "<b>great</b>" not in shown.text


def test_only_a_web_address_becomes_the_course_link(
    client: TestClient, sqlite_db: Database
) -> None:
    from coursestack.domain import Course
    from coursestack.store.courses import CourseRepository

    with sqlite_db.session() as s:
        CourseRepository(s).upsert(
            Course(id="odd-link", title="Odd Link", platform="other", url="javascript:alert(1)")
        )
    page = client.get("/courses/odd-link")
    assert page.status_code == 200 and "javascript:" not in page.text
    real = client.get(f"/courses/{COURSE}")
    assert 'href="https://www.coursera.org/specializations/deep-learning"' in real.text


def test_plan_page_says_what_it_assumed_and_how_it_read_the_learner(client: TestClient) -> None:
    token = form_token(client.get("/").text)
    form = {**LEARNER_FORM, "skills": LEARNER_FORM["skills"] + ", MATLAB: 3"}
    page = client.post("/plan", data={**form, "needs": "certificate", "csrf_token": token})
    assert page.status_code == 200
    notes = page.text[page.text.index('id="notes"') :]
    notes = notes[: notes.index("</section>")]
    assert "Completed, as read: Machine Learning Specialization." in notes
    assert "Not tracked" in notes and "MATLAB 3" in notes
    assert "Inferred from your skills" in notes
    assert "You need certificates:" in notes  # the CLI's line, on the page too
    steps = page.text[page.text.index('id="steps"') :]
    steps = steps[: steps.index("</section>")]
    assert "assumed from comparable courses" in steps and "<abbr title=" in steps
    assert "certificate" in steps  # the learner needs certificates: each step says
