from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "learner-ml-engineer.yaml"


def test_gaps_json_contract(cli: Any) -> None:
    result = cli("gaps", "--learner", str(EXAMPLE), "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["goal"] == "ml-engineer"
    assert 0 <= data["coverage"] <= 1
    assert data["gaps"], "the example learner still has gaps"
    for gap in data["gaps"]:
        assert {"skill", "have", "need", "weight"} <= set(gap)
        assert gap["have"] < gap["need"]


def test_gaps_after_a_course_never_lowers_coverage(cli: Any) -> None:
    before = json.loads(cli("gaps", "--learner", str(EXAMPLE), "--json").out)
    after = json.loads(
        cli(
            "gaps", "--learner", str(EXAMPLE), "--after", "Deep Learning Specialization", "--json"
        ).out
    )
    assert after["coverage_after"] >= before["coverage"]
    assert after["coverage_before"] == before["coverage"]
    assert len(after["gaps"]) <= len(before["gaps"])
    assert after["courses"][0]["course_id"]


def test_gaps_says_why_each_taught_skill_falls_through(cli: Any) -> None:
    result = cli("gaps", "--learner", str(EXAMPLE), "--after", "Deep Learning Specialization")
    assert result.code == 0, result.err
    data = json.loads(
        cli(
            "gaps", "--learner", str(EXAMPLE), "--after", "Deep Learning Specialization", "--json"
        ).out
    )
    reasons = {f["reason"] for f in data["courses"][0]["fallthrough"]}
    assert reasons  # the specialization teaches skills the ML-engineer goal does not count
    words = {"not-required": "the goal does not ask for it",
             "part-of-goal-skill":
                 "narrower parts of skills the goal asks for: no credit by themselves",
             "already-held": "already held at that level",
             "already-met": "the goal's level is already met"}  # fmt: skip
    text = " ".join(result.out.split())  # Rich wraps lines
    for reason in reasons:
        assert f"falls through ({words[reason]})" in text


def test_gaps_compare_what_ifs_best_first(cli: Any) -> None:
    data = json.loads(
        cli(
            "gaps",
            "--learner",
            str(EXAMPLE),
            "--json",
            "--compare",
            "Deep Learning Specialization",
            "--compare",
            "kaggle-feature-engineering",
        ).out
    )
    gains = [row["coverage_after"] for row in data["compare"]]
    assert gains == sorted(gains, reverse=True)
    # a gain is what the course adds to the audit above (with its --after courses)
    with_after = json.loads(
        cli("gaps", "--learner", str(EXAMPLE), "--json", "--after", "kaggle-intro-to-sql",
            "--compare", "kaggle-feature-engineering").out
    )  # fmt: skip
    (row,) = with_after["compare"]
    assert row["gain"] == pytest.approx(
        row["coverage_after"] - with_after["coverage_after"], abs=1e-4
    )
    # the text says it in points and, as fit does, as the share of the remaining gap
    text = " ".join(
        cli("gaps", "--learner", str(EXAMPLE), "--after", "kaggle-intro-to-sql",
            "--compare", "kaggle-feature-engineering").out.split()
    )  # fmt: skip
    share = row["gain"] / (1 - with_after["coverage_after"])
    assert f"+{row['gain'] * 100:.0f} points ({share:.0%} of the gap)" in text
    assert row["completed"] is False
    # a course the learner completed adds nothing, and says why instead of '+0 points'
    done = json.loads(
        cli("gaps", "--learner", str(EXAMPLE), "--json",
            "--compare", "Machine Learning Specialization").out
    )  # fmt: skip
    assert done["compare"][0]["completed"] is True
    words = " ".join(cli("gaps", "--learner", str(EXAMPLE), "--compare",
                         "Machine Learning Specialization").out.split())  # fmt: skip
    assert "already completed" in words and "+0 points" not in words


def test_fit_json_contract(cli: Any) -> None:
    result = cli("fit", "Deep Learning Specialization", "--learner", str(EXAMPLE), "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert {"course_id", "verdict", "reasons", "estimated_hours", "estimated_weeks"} <= set(data)
    assert all({"kind", "text"} <= set(r) for r in data["reasons"])


def test_fit_of_a_completed_course_says_so_without_hours(cli: Any) -> None:
    # It was "too basic ... You list it as completed ... About 25 h for you".
    course = "Machine Learning Specialization"  # the example learner lists it as completed
    result = cli("fit", course, "--learner", str(EXAMPLE))
    assert result.code == 0, result.err
    text = " ".join(result.out.split())  # Rich wraps lines at the console width
    assert f"{course}: already completed" in text and "You list it as completed." in text
    assert "Your estimate" not in text and " h for you" not in text
    data = json.loads(cli("fit", course, "--learner", str(EXAMPLE), "--json").out)
    assert data["verdict"] == "already completed"
    assert data["estimated_hours"] is None and data["estimated_weeks"] is None
    assert data["estimate"] is None
    assert "time" not in {r["kind"] for r in data["reasons"]}


def test_fit_says_when_a_course_is_outside_the_learners_limits(cli: Any, tmp_path: Path) -> None:
    course = "Deep Learning Specialization"  # on coursera, in English
    edx_only = tmp_path / "edx-only.yaml"
    edx_only.write_text("skills: {python: 2}\ngoal: ml-engineer\nplatforms: [edx]\n")
    result = cli("fit", course, "--learner", str(edx_only))
    assert result.code == 0, result.err
    text = " ".join(result.out.split())
    assert f"{course}: outside your limits" in text
    assert "platform: It is on coursera, not one of your platforms (edx)" in text
    free_only = tmp_path / "free-only.yaml"
    free_only.write_text("skills: {python: 2}\ngoal: ml-engineer\nbudget: 0\n")
    data = json.loads(cli("fit", course, "--learner", str(free_only), "--json").out)
    assert data["verdict"] == "outside your limits"
    budget = [r for r in data["reasons"] if r["kind"] == "budget"]
    assert budget and budget[0]["data"]["outside"]
    spanish = cli("fit", course, "--skill", "python=2", "--goal", "ml-engineer",
                  "--language", "es")  # fmt: skip
    text = " ".join(spanish.out.split())
    assert f"{course}: outside your languages" in text and "language: It is taught in" in text


def test_learner_from_flags(cli: Any) -> None:
    result = cli("gaps", "--skill", "python=2", "--goal", "data-analyst", "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["goal"] == "data-analyst"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["gaps", "--skill", "pyton=2", "--goal", "ml-engineer"], "prog.python"),
        (["gaps", "--skill", "python=2", "--goal", "ml-enginer"], "ml-engineer"),
        (["gaps", "--skill", "python=9", "--goal", "ml-engineer"], "python"),
        (
            ["fit", "no such course at all", "--skill", "python=2", "--goal", "ml-engineer"],
            "unknown course",
        ),
        (["plan", "--goal", "ml-engineer", "--objective", "cheap"], "did you mean 'cheapest'"),
        (["plan", "--goal", "ml-engineer", "--objective", "quickest"], "fastest"),
    ],
)
def test_bad_learner_input_is_exit_2_with_suggestions(
    cli: Any, args: list[str], message: str
) -> None:
    result = cli(*args)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err


def test_bad_learner_file(cli: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("skills: [python\n")
    result = cli("gaps", "--learner", str(bad))
    assert result.code == 2 and "YAML" in result.err
    missing = cli("gaps", "--learner", str(tmp_path / "absent.yaml"))
    assert missing.code == 2


def test_plan_json_contract(cli: Any) -> None:
    result = cli("plan", "--learner", str(EXAMPLE), "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    for key in (
        "goal",
        "steps",
        "total_weeks",
        "total_hours",
        "total_cost",
        "coverage",
        "uncovered",
        "alternatives",
    ):
        assert key in data
    assert set(data["coverage"]) >= {"before", "after"}
    assert data["coverage"]["after"] >= data["coverage"]["before"]
    for step in data["steps"]:
        for key in (
            "course_id",
            "title",
            "platform",
            "start_week",
            "end_week",
            "hours",
            "cost",
            "closes",
            "why",
        ):
            assert key in step
        assert step["end_week"] >= step["start_week"]
        assert step["hours_basis"]
    names = {a["name"] for a in data["alternatives"]}
    assert {"fastest", "cheapest", "best-rated"} <= names
    for gap in data["uncovered"]:
        assert {"skill", "have", "need", "reason"} <= set(gap)


def test_plan_respects_budget_and_platforms(cli: Any) -> None:
    result = cli("plan", "--skill", "python=2", "--goal", "data-analyst", "--budget", "0", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["total_cost"] == 0
    assert all(step["cost"] == 0 for step in data["steps"])


def test_plan_language_flag(cli: Any) -> None:
    base = ("plan", "--skill", "python=2", "--goal", "data-analyst", "--json")
    default = json.loads(cli(*base).out)
    assert default["learner"]["languages"] == ["en"]
    anything = cli(*base, "--language", "any")
    assert anything.code == 0, anything.err
    assert json.loads(anything.out)["learner"]["languages"] is None
    spanish = cli(*base, "--language", "Spanish", "--language", "en")
    assert json.loads(spanish.out)["learner"]["languages"] == ["es", "en"]
    bad = cli(*base, "--language", "Klingon")
    assert bad.code == 2 and "unknown language 'Klingon'" in bad.err
    assert "Traceback" not in bad.err
    fit = cli("fit", "kaggle-python", "--goal", "data-analyst", "--language", "xx-yy-zz")
    assert fit.code == 2 and "unknown language" in fit.err


def test_plan_deadline_platform_and_pace_flags(cli: Any) -> None:
    base = ("plan", "--skill", "python=2", "--goal", "data-analyst", "--hours", "5", "--json")
    result = cli(*base, "--deadline", "8", "--platform", "kaggle-learn", "--pace", "fast")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["learner"]["deadline_weeks"] == 8
    assert data["learner"]["platforms"] == ["kaggle-learn"]
    assert data["learner"]["pace"] == "fast"
    assert data["steps"] and {s["platform"] for s in data["steps"]} == {"kaggle-learn"}
    assert data["total_hours"] <= 8 * 5 + 1e-6
    fast = json.loads(cli(*base, "--platform", "kaggle-learn", "--pace", "fast").out)
    slow = json.loads(cli(*base, "--platform", "kaggle-learn", "--pace", "thorough").out)
    assert {s["course_id"] for s in slow["steps"]} == {s["course_id"] for s in fast["steps"]}
    assert slow["total_hours"] > fast["total_hours"]
    for flag, value, message in (
        ("--deadline", "-1", "deadline_weeks"),
        ("--pace", "turbo", "expected one of fast, standard, thorough"),
        ("--platform", "nosuch", "unknown platform"),
    ):
        bad = cli(*base, flag, value)
        assert bad.code == 2 and message in bad.err, (flag, bad.err)
        assert "Traceback" not in bad.err


def test_skill_targets_from_flags_instead_of_a_goal(cli: Any) -> None:
    result = cli("plan", "--skill", "python=1", "--target", "sql=3", "--target", "pandas=2",
                 "--hours", "4", "--json")  # fmt: skip
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["goal"] is None
    assert {row["skill"] for row in data["coverage_by_skill"]} == {"prog.sql", "prog.pandas"}
    assert data["coverage"]["after"] > data["coverage"]["before"]
    gaps = cli("gaps", "--skill", "sql=1", "--target", "sql=3")
    assert gaps.code == 0 and "1 gap, by category" in gaps.out
    bad = cli("plan", "--target", "sqll=3")
    assert bad.code == 2 and "unknown skill" in bad.err and "prog.sql" in bad.err


def test_fit_text_says_weeks_in_words(cli: Any) -> None:
    short = cli("fit", "kaggle-intro-to-sql", "--goal", "data-analyst", "--hours", "20")
    assert short.code == 0, short.err
    flat = " ".join(short.out.split())  # the console wraps at its width
    assert "Your estimate:" in flat and "under a week" in flat  # not "about 0 weeks"
    long = cli("fit", "Deep Learning Specialization", "--learner", str(EXAMPLE))
    assert long.code == 0 and " weeks" in long.out.split("Your estimate:")[1]


def test_plan_objective_ignores_case(cli: Any) -> None:
    result = cli("plan", "--goal", "data-analyst", "--objective", "BEST-RATED", "--json")
    assert result.code == 0, result.err


def test_identical_alternatives_are_shown_once() -> None:
    from coursestack.services.advise import grouped_alternatives

    totals = {"weeks": 1, "hours": 1, "cost": 0, "coverage_after": 0.5}
    alts = [
        {"name": "fastest", "course_ids": ["a", "b"], "totals": totals},
        {"name": "cheapest", "course_ids": ["b", "a"], "totals": totals},
        {"name": "best-rated", "course_ids": ["c"], "totals": totals},
    ]
    assert [names for names, _alt in grouped_alternatives(alts)] == [
        ["fastest", "cheapest"],
        ["best-rated"],
    ]


def test_plan_text_says_when_subscriptions_are_shared(cli: Any) -> None:
    # The built-in catalog's Coursera courses share a 49/month subscription.
    result = cli("plan", "--goal", "data-analyst", "--hours", "10", "--platform", "coursera")
    assert result.code == 0, result.err
    data = json.loads(
        cli("plan", "--goal", "data-analyst", "--hours", "10", "--platform", "coursera",
            "--json").out
    )  # fmt: skip
    step_sum = sum(step["cost"] or 0 for step in data["steps"])
    assert step_sum > data["total_cost"] + 0.5  # several courses on one subscription
    assert "pays each subscription once" in " ".join(result.out.split())
    single = cli("plan", "--goal", "data-analyst", "--hours", "10", "--platform", "kaggle-learn")
    assert "subscription once" not in " ".join(single.out.split())  # free: nothing shared


def test_gaps_text_names_skills_and_courses(cli: Any) -> None:
    result = cli("gaps", "--learner", str(EXAMPLE), "--after", "Deep Learning Specialization")
    assert result.code == 0, result.err
    text = " ".join(result.out.split())  # the console wraps at its width (80 in CI)
    assert "after Deep Learning Specialization" in text  # the title, not the id
    assert "falls through" in text
    assert "dl.cnn" not in text and "Convolutional neural networks" in text


def test_the_certificate_line_says_which_steps_give_none() -> None:
    from coursestack.services.words import certificate_line as _certificate_line

    steps = [
        {"title": "A", "certificate": "university"},
        {"title": "B", "certificate": "none"},
        {"title": "C", "certificate": None},
    ]
    line = _certificate_line(steps)
    assert line.startswith("You need certificates: 1 of 3 steps give one; none from B")
    assert "the catalog does not say for 1" in line


def test_the_cli_gives_the_solver_a_longer_limit_than_the_api(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # one person at a terminal would rather wait than get the greedy fallback
    from coursestack.services import advise
    from coursestack.settings import CLI_PLAN_TIME_LIMIT, DEFAULT_PLAN_TIME_LIMIT

    seen: list[float] = []
    real = advise.make_plan

    def spy(*args: Any, **kw: Any) -> Any:
        seen.append(kw["time_limit"])
        return real(*args, **kw)

    monkeypatch.setattr(advise, "make_plan", spy)
    assert cli("plan", "--learner", str(EXAMPLE), "--json").code == 0
    assert seen == [CLI_PLAN_TIME_LIMIT] and CLI_PLAN_TIME_LIMIT > DEFAULT_PLAN_TIME_LIMIT


def test_gaps_and_fit_say_back_skills_outside_the_taxonomy(cli: Any) -> None:
    args = ("--skill", "Google Analytics=3", "--skill", "python=2", "--goal", "data-analyst")
    data = json.loads(cli("gaps", *args, "--json").out)
    assert data["untracked"] == [{"name": "Google Analytics", "level": 3}]
    text = cli("gaps", *args)
    words = " ".join(text.out.split())  # the console wraps at its width
    assert text.code == 0 and "Not tracked" in words and "Google Analytics 3" in words
    fit = cli("fit", "Deep Learning Specialization", *args)
    assert fit.code == 0 and "Google Analytics 3" in " ".join(fit.out.split())
    typo = cli("gaps", "--skill", "pyton=2", "--goal", "data-analyst")
    assert typo.code == 2 and "prog.python" in typo.err


def test_fit_takes_the_limits_plan_takes(cli: Any) -> None:
    result = cli(
        "fit", "Deep Learning Specialization", "--skill", "python=3", "--goal", "ml-engineer",
        "--hours", "8", "--budget", "0", "--deadline", "4", "--platform", "edx", "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    kinds = {r["kind"] for r in json.loads(result.out)["reasons"]}
    assert {"platform", "budget", "deadline"} <= kinds


def test_roles_shows_one_roles_requirements(cli: Any) -> None:
    one = cli("roles", "data-analyst")
    text = " ".join(one.out.split())
    assert one.code == 0 and "Data cleaning (data.cleaning)" in text and "core" in text
    data = json.loads(cli("roles", "data-analyst", "--json").out)
    assert data["id"] == "data-analyst" and data["requirements"]
    bad = cli("roles", "data-analys")
    assert bad.code == 2 and "data-analyst" in bad.err


def test_a_video_only_figure_is_a_floor_in_the_estimate(cli: Any) -> None:
    # Karpathy's lectures list video time only: practice on top is not listed, so the
    # learner's figure is the least it takes, and says so
    args = ("fit", "youtube-karpathy-zero-to-hero", "--skill", "python=2", "--goal", "ml-engineer")
    result = cli(*args)
    assert result.code == 0, result.err
    text = " ".join(result.out.split())
    assert "Your estimate: at least" in text and "practice on top is not listed" in text
    data = json.loads(cli(*args, "--json").out)
    assert data["estimate"]["video_only"] is True
    # a learner holding some of it skips those parts: the floor under the listed video says why
    known = cli(*args, "--skill", "dl.neural-networks=3", "--skill", "dl.backpropagation=3")
    words = " ".join(known.out.split())
    assert known.code == 0, known.err
    assert "of video less the parts on what you already know" in words
    plain = json.loads(
        cli("fit", "Deep Learning Specialization", "--learner", str(EXAMPLE), "--json").out
    )
    assert plain["estimate"]["video_only"] is False


def test_fit_text_marks_the_reasons_behind_its_caveats(cli: Any) -> None:
    # no listed effort: the deadline is checked on an assumed figure, a caveat
    args = ("fit", "udemy-cka-with-practice-tests", "--skill", "docker=2", "--goal",
            "mlops-engineer", "--hours", "8", "--deadline", "20")  # fmt: skip
    data = json.loads(cli(*args, "--json").out)
    text = cli(*args).out
    assert any(r.get("caveat") for r in data["reasons"]), data["reasons"]
    for reason in data["reasons"]:
        line = next(ln for ln in text.splitlines() if f"{reason['kind']}:" in ln)
        assert ("caveat " in line) == bool(reason.get("caveat")), line


def test_plan_text_names_each_residual_reason_once(cli: Any) -> None:
    result = cli("plan", "--learner", str(EXAMPLE), "--json")
    reasons = [gap["reason"] for gap in json.loads(result.out)["uncovered"]]
    text = cli("plan", "--learner", str(EXAMPLE)).out
    block = text.split("Still uncovered after the plan")[1].split("Alternatives")[0]
    bullets = [ln for ln in block.splitlines() if ln.lstrip().startswith("•")]
    assert reasons and len(bullets) == len(set(reasons))
    for reason in set(reasons):
        assert " ".join(block.split()).count(f"• {reason}") == 1


def test_plan_names_steps_taught_against_the_preferred_pedagogy(cli: Any) -> None:
    from coursestack import knowledge

    pedagogy = {c.id: c.pedagogy for c in knowledge.curated_catalog()}
    said = 0
    for preferred, opposite in (("code-first", "theory-first"), ("theory-first", "code-first")):
        args = ("plan", "--learner", str(EXAMPLE), "--pedagogy", preferred)
        data = json.loads(cli(*args, "--json").out)
        expected = [s["title"] for s in data["steps"]
                    if pedagogy.get(s["course_id"]) == opposite]  # fmt: skip
        assert data["against_pedagogy"] == expected
        text = " ".join(cli(*args).out.split())
        assert ("Taught the way you did not ask for" in text) == bool(expected)
        said += bool(expected)
    assert said  # the example's plan has steps of both styles
    plain = json.loads(cli("plan", "--learner", str(EXAMPLE), "--json").out)
    assert plain["against_pedagogy"] == []


def test_plan_text_says_when_two_steps_run_side_by_side(cli: Any) -> None:
    data = json.loads(cli("plan", "--learner", str(EXAMPLE), "--json").out)
    text = " ".join(cli("plan", "--learner", str(EXAMPLE)).out.split())
    side_by_side = any(step["track"] for step in data["steps"])
    assert side_by_side  # nine hours a week: two tracks open
    assert "two run side by side" in text
    one = " ".join(cli("plan", "--learner", str(EXAMPLE), "--hours", "5").out.split())
    assert "two run side by side" not in one  # under 2 x 4 h a week: one track


def test_plan_says_how_many_steps_end_in_a_project_for_a_portfolio_seeker(
    cli: Any, tmp_path: Path
) -> None:
    import yaml

    learner = yaml.safe_load(EXAMPLE.read_text())
    assert learner["needs"] == ["portfolio"]  # the worked example needs portfolio work
    seeker = tmp_path / "seeker.yaml"
    seeker.write_text(yaml.safe_dump(learner))
    other = tmp_path / "other.yaml"
    other.write_text(yaml.safe_dump({**learner, "needs": []}))
    data = json.loads(cli("plan", "--learner", str(seeker), "--json").out)
    made = [s for s in data["steps"] if s["hands_on"] in ("independent-projects", "capstone")]
    text = " ".join(cli("plan", "--learner", str(seeker)).out.split())
    assert (
        f"You need portfolio work: {len(made)} of {len(data['steps'])} steps end in a project"
        in text
    )
    assert "You need portfolio work" not in " ".join(
        cli("plan", "--learner", str(other)).out.split()
    )


def test_fit_over_budget_on_coursera_says_to_check_aid_and_audit(cli: Any) -> None:
    base = ("--skill", "python=3", "--goal", "ml-engineer", "--budget", "0", "--json")
    data = json.loads(cli("fit", "Machine Learning Specialization", *base).out)
    budget = next(r for r in data["reasons"] if r["kind"] == "budget")
    assert budget["data"]["outside"] and "financial aid" in budget["text"]
    udemy = json.loads(cli("fit", "udemy-cka-with-practice-tests", *base).out)
    assert all("financial aid" not in r["text"] for r in udemy["reasons"])


def test_plan_marks_a_video_only_step_as_a_floor(cli: Any) -> None:
    args = ("plan", "--skill", "python=2", "--target", "dl.transfer-learning=2",
            "--platform", "fast.ai", "--hours", "6")  # fmt: skip
    data = json.loads(cli(*args, "--json").out)
    video = [s for s in data["steps"] if s["hours_video_only"]]
    assert video  # fast.ai lists its lessons' running time only
    text = cli(*args).out
    assert "≥" in text and "practice on top is not listed" in " ".join(text.split())
