"""Every reader on a small hand-written fixture: good rows become courses with provenance,
bad rows become RowErrors naming file, line and reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coursestack.domain import CourseKind, ImportFailedError, PriceModel
from coursestack.ingest.export_format import dumps
from coursestack.ingest.formats import detect, open_path
from coursestack.ingest.rows import ParsedRow, RowError

FIXTURES = Path(__file__).parent / "fixtures"


def read(name: str, fmt: str | None = None) -> tuple[str, list[ParsedRow], list[RowError]]:
    opened = open_path(FIXTURES / name, fmt)
    rows: list[ParsedRow] = []
    errors: list[RowError] = []
    for _line, item in opened.stream:
        (errors if isinstance(item, RowError) else rows).append(item)  # type: ignore[arg-type]
    return opened.format, rows, errors


def by_title(rows: list[ParsedRow]) -> dict[str, ParsedRow]:
    return {r.course.title: r for r in rows}


def test_coursera_detailed() -> None:
    fmt, rows, errors = read("coursera_detailed.csv")
    assert fmt == "coursera-detailed"
    course = by_title(rows)["Practical Regression Models"].course
    assert course.id == "coursera-learn-practical-regression-models"
    assert course.platform == "coursera" and course.provider == "Example University"
    assert course.external_rating is not None
    assert (course.external_rating.value, course.external_rating.count) == (4.6, 1200)
    assert course.external_rating.scale == 5
    assert course.popularity is not None and course.popularity.enrollments == 12345
    assert course.effort.text == "1 - 4 Weeks" and course.effort.weeks == 2.5
    assert course.provenance["effort"].startswith("rule:duration-midpoint")
    assert course.provenance["title"] == "coursera_detailed.csv:2"  # BOM dropped, header line 1
    assert course.price.amount is None  # the dump states no prices
    assert course.sources == ["coursera_detailed.csv"]
    program = by_title(rows)["Data Pipelines Program"].course
    assert program.kind == CourseKind.SPECIALIZATION and program.external_rating is None
    # its description states its hours of instruction: they beat the calendar bucket, read
    # like any schedule-style figure (not as video time only)
    assert program.effort.hours == 120 and program.effort.weeks == 19.5
    assert not program.effort.video_only
    assert program.provenance["effort"].startswith("rule:description-states-hours(")
    reasons = {e.line: e.reason for e in errors}
    assert reasons[4] == "title is missing"
    assert "course_rating" in reasons[5] and errors[0].file == "coursera_detailed.csv"


def test_coursera_votes_repairs_urls_and_rejects_placeholders() -> None:
    fmt, rows, errors = read("coursera_votes.csv")
    assert fmt == "coursera-votes"
    urls = {r.course.url for r in rows}
    assert "https://www.coursera.org/learn/practical-regression-models" in urls
    assert "https://www.coursera.org/learn/comma-url-course" in urls
    assert [e.line for e in errors] == [4]
    assert "not on coursera.org" in errors[0].reason


def test_coursera_domains_price_without_currency() -> None:
    fmt, rows, errors = read("coursera_domains.csv")
    assert fmt == "coursera-domains"
    paid = by_title(rows)["Intro to Dashboards"].course
    assert paid.price.amount == 3052.76 and paid.price.currency is None
    assert paid.price.model is None
    assert paid.effort.text == "1" and paid.effort.hours is None and paid.effort.weeks is None
    free = by_title(rows)["Free SQL Basics"].course
    assert free.price.model == PriceModel.FREE
    assert len(errors) == 1 and "unknown level" in errors[0].reason and errors[0].line == 4


def test_coursera_programs() -> None:
    fmt, rows, errors = read("coursera_programs_skills.csv")
    assert fmt == "coursera-programs" and not errors
    cert = by_title(rows)["Example Data Analyst"]
    assert cert.course.kind == CourseKind.PROFESSIONAL_CERTIFICATE
    assert cert.text.skills == ("SQL", "Tableau Software", "Data Cleansing")
    assert cert.course.external_rating is not None
    assert cert.course.external_rating.count is None
    project = by_title(rows)["Tiny Project"].course
    assert project.kind == CourseKind.GUIDED_PROJECT and project.effort.hours == 2


def test_edx_stitches_broken_multiline_rows() -> None:
    fmt, rows, errors = read("edx_courses.csv")
    assert fmt == "edx"
    prob = by_title(rows)["Probability Basics"].course
    assert prob.effort.weeks == 7
    assert (prob.effort.hours_per_week_low, prob.effort.hours_per_week_high) == (2, 3)
    assert prob.effort.total_hours() == pytest.approx(17.5)
    assert prob.price.model == PriceModel.FREE_AUDIT and prob.price.certificate_amount == 49
    assert prob.popularity is not None and prob.popularity.enrollments == 124980
    assert prob.language == "en"
    broken = by_title(rows)["Broken Syllabus Course"]
    assert broken.course.url == "https://www.edx.org/course/broken-syllabus-course"
    assert "stitched" in broken.course.provenance["url"]
    assert "k-means" in broken.text.syllabus
    assert broken.course.language == "es"
    assert len(errors) == 1 and "fragment" in errors[0].reason


def test_udemy_junk_line_video_hours_and_unstated_currency() -> None:
    fmt, rows, errors = read("udemy_courses.csv")
    assert fmt == "udemy"
    js = by_title(rows)["Learn JavaScript, Fast"].course
    assert js.effort.hours == 1.5 and "video" in (js.effort.text or "")
    assert js.price.model == PriceModel.ONE_TIME and js.price.currency is None
    assert js.price.amount == 20
    assert js.provenance["title"] == "udemy_courses.csv:3"
    free = by_title(rows)["Free Guitar"].course
    assert free.price.model == PriceModel.FREE
    assert len(errors) == 1 and "content_duration" in errors[0].reason


def test_generic_csv() -> None:
    fmt, rows, errors = read("generic.csv")
    assert fmt == "generic"
    pandas = by_title(rows)["Intro to pandas"]
    assert pandas.text.skills == ("pandas", "Python")
    assert pandas.course.price.currency == "USD" and pandas.course.effort.hours == 6
    no_url = by_title(rows)["No Url Course"].course
    assert no_url.url is None and no_url.id.startswith("other-example-org-no-url-course")
    assert [e.line for e in errors] == [4]


def test_generic_jsonl() -> None:
    fmt, rows, errors = read("generic.jsonl")
    assert fmt == "generic-jsonl"
    course = rows[0].course
    assert course.effort.weeks == 4 and course.effort.hours_per_week_high == 5
    assert len(errors) == 1 and errors[0].line == 2 and "rating" in errors[0].reason


def test_openedx_course_discovery() -> None:
    fmt, rows, errors = read("openedx.json")
    assert fmt == "openedx"
    row = rows[0]
    course = row.course
    assert course.provider == "Example University" and course.platform == "edx"
    assert course.price.model == PriceModel.FREE_AUDIT and course.price.certificate_amount == 149
    assert course.effort.weeks == 8 and course.effort.total_hours() == pytest.approx(40)
    assert course.language == "en-us"
    assert "<p>" not in (course.description or "")
    assert row.text.skills == ("Machine Learning", "Scikit-Learn")
    assert "experience coding in Python" in row.text.prerequisites
    assert errors[0].unit == "item" and errors[0].line == 2


def test_export_round_trip(tmp_path: Path) -> None:
    _, rows, _ = read("coursera_detailed.csv")
    courses = [r.course for r in rows]
    path = tmp_path / "export.json"
    path.write_text(dumps(courses), encoding="utf-8")
    fmt, again, errors = read(str(path))
    assert fmt == "export" and not errors
    assert sorted((r.course for r in again), key=lambda c: c.id) == sorted(
        courses, key=lambda c: c.id
    )
    assert all(r.extra.get("tag") == "no" for r in again)


def test_export_bad_item_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            {
                "format": "coursestack-export",
                "version": 1,
                "courses": [{"id": "BAD ID", "title": "x", "platform": "y"}],
            }
        )
    )
    _, rows, errors = read(str(path))
    assert not rows and errors[0].unit == "item" and "id" in errors[0].reason


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("coursera_detailed.csv", ("coursera-detailed", 1)),
        ("udemy_courses.csv", ("udemy", 2)),
        ("edx_courses.csv", ("edx", 1)),
        ("coursera_votes.csv", ("coursera-votes", 1)),
        ("coursera_domains.csv", ("coursera-domains", 1)),
        ("openedx.json", ("openedx", 0)),
        ("coursera_programs_skills.csv", ("coursera-programs", 1)),
        ("generic.csv", ("generic", 1)),
    ],
)
def test_sniffing_from_header(name: str, expected: tuple[str, int]) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8-sig")
    assert detect(text, name) == expected


def test_sniffing_ignores_file_names_and_reports_unknown(tmp_path: Path) -> None:
    disguised = tmp_path / "whatever.txt"
    disguised.write_bytes((FIXTURES / "udemy_courses.csv").read_bytes())
    assert open_path(disguised).format == "udemy"
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("a,b,c\n1,2,3\n")
    with pytest.raises(ImportFailedError, match="no known header"):
        open_path(unknown)
    with pytest.raises(ImportFailedError, match="unknown format"):
        open_path(disguised, "nope")


def test_forced_format_finds_header_after_junk_line() -> None:
    text = (FIXTURES / "udemy_courses.csv").read_text(encoding="utf-8")
    assert detect(text, "u.csv", "udemy") == ("udemy", 2)


def test_a_forced_format_the_header_does_not_match_is_an_error_before_any_row() -> None:
    with pytest.raises(ImportFailedError, match=r"not a udemy file: its header lacks .*course_id"):
        detect("a,b\n1,2\n", "unk.csv", "udemy")
    edx_text = (FIXTURES / "edx_courses.csv").read_text(encoding="utf-8")
    with pytest.raises(ImportFailedError, match="not a coursera-detailed file"):
        detect(edx_text, "edx.csv", "coursera-detailed")


def test_cited_lines_count_newlines_only_as_grep_and_sed_do() -> None:
    from coursestack.ingest.csvio import dict_rows

    # a bare carriage return inside a quoted cell is no line end for grep, sed or an editor
    text = 'title,description\nA,"one\rtwo"\nB,"three\nfour"\nC,five\n'
    _header, rows = dict_rows(text, header_line=1)
    lines = {row["title"]: line for line, row in rows}
    assert lines == {"A": 2, "B": 3, "C": 5}
    physical = text.split("\n")
    assert all(physical[n - 1].startswith(t) for t, n in lines.items())
