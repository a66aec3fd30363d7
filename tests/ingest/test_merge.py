"""Merging one course seen in several sources."""

from __future__ import annotations

from coursestack.domain import Course, ExternalRating, Level, Popularity
from coursestack.ingest.merge import CatalogIndex, merge_courses, source_ranker

RANKS = {"detailed.csv": 1, "votes.csv": 3}


def c(**kw: object) -> Course:
    base: dict[str, object] = {
        "id": "coursera-learn-x",
        "title": "X",
        "platform": "coursera",
        "url": "https://www.coursera.org/learn/x",
    }
    base.update(kw)
    return Course.model_validate(base)


def test_same_url_merges_with_priority_and_keeps_sources() -> None:
    detailed = c(
        sources=["detailed.csv"],
        provider="Uni",
        external_rating=ExternalRating(
            value=4.7, scale=5, count=1900, source="coursera via detailed.csv"
        ),
        provenance={"external_rating": "detailed.csv:3", "provider": "detailed.csv:3"},
    )
    votes = c(
        title="X!",
        sources=["votes.csv"],
        url="https://coursera.org/learn/x/?utm=1",
        external_rating=ExternalRating(
            value=4.6, scale=5, count=100, source="coursera via votes.csv"
        ),
        popularity=Popularity(enrollments=5, source="votes"),
        provenance={"external_rating": "votes.csv:9", "popularity": "votes.csv:9"},
    )
    index = CatalogIndex.of([], RANKS)
    assert index.add(detailed)[0] == "new"
    status, merged, event = index.add(votes)
    assert status == "merged" and event is not None
    assert merged.external_rating is not None and merged.external_rating.count == 1900
    assert merged.popularity is not None and merged.provenance["popularity"] == "votes.csv:9"
    assert merged.title == "X" and merged.sources == ["detailed.csv", "votes.csv"]
    assert event.fields == ("popularity",)
    # Idempotent: the same rows again change nothing.
    assert index.add(votes)[0] == "unchanged"
    assert index.add(detailed)[0] == "unchanged"


def test_better_source_replaces_and_curated_lists_are_kept() -> None:
    curated = c(sources=["curated"], teaches={"prog.python": Level.PRACTISED}, provider="Uni")
    dump = c(
        sources=["detailed.csv"],
        provider="University",
        teaches={"prog.sql": Level.AWARE},
        provenance={"provider": "detailed.csv:2"},
    )
    merged, taken = merge_courses(curated, dump, source_ranker(RANKS))
    assert merged.provider == "Uni" and merged.teaches == {"prog.python": Level.PRACTISED}
    sparse = c(
        sources=["votes.csv"],
        provider="Old",
        provenance={"provider": "votes.csv:1"},
        teaches={"prog.sql": Level.AWARE},
    )
    better, taken = merge_courses(sparse, dump, source_ranker(RANKS))
    assert better.provider == "University" and "provider" in taken
    assert better.teaches == {"prog.sql": Level.AWARE}


def test_title_provider_identity_without_url_and_platform_matters() -> None:
    with_url = c(sources=["detailed.csv"], provider="Example Uni", title="Data Science: R Basics")
    no_url = c(
        id="edx-x",
        url=None,
        sources=["votes.csv"],
        provider="example uni",
        title="Data science - R basics",
    )
    other_platform = c(
        id="aws-x",
        url=None,
        platform="aws-skill-builder",
        sources=["votes.csv"],
        provider="Example Uni",
        title="Data Science: R Basics",
    )
    index = CatalogIndex.of([with_url], RANKS)
    assert index.add(no_url)[0] == "merged"
    assert index.add(other_platform)[0] == "new"


def test_different_urls_do_not_merge() -> None:
    index = CatalogIndex.of([c(sources=["detailed.csv"])], RANKS)
    status, course, _ = index.add(c(url="https://www.coursera.org/learn/y", sources=["votes.csv"]))
    assert status == "new" and course.id == "coursera-learn-x-2"


def test_weak_evidence_from_two_sources_corroborates() -> None:
    a = c(
        sources=["detailed.csv"], provenance={"weak.prog.sql": "1|2|detailed.csv|skills-long:'sql'"}
    )
    b = c(sources=["votes.csv"], provenance={"weak.prog.sql": "1|1|votes.csv|description:'sql'"})
    merged, _ = merge_courses(a, b, source_ranker(RANKS))
    assert merged.teaches == {"prog.sql": Level.PRACTISED}
    assert merged.provenance["teaches.prog.sql"].startswith("rule:corroborated(")
    assert "weak.prog.sql" not in merged.provenance
    lists_only = c(
        sources=["votes.csv"], provenance={"weak.prog.sql": "1|1|votes.csv|skills-long:'sql'"}
    )
    same_page, _ = merge_courses(a, lists_only, source_ranker(RANKS))
    assert same_page.teaches == {}


def test_one_page_under_two_urls_merges() -> None:
    # edX's new /learn/<topic>/<org>-<slug> and old /course/<slug>; the provider spelt two ways
    title = "Data Science: R Basics"
    curated = c(id="edx-harvardx-r", title=title, platform="edx", provider="HarvardX",
                url="https://www.edx.org/learn/r-programming/harvard-university-data-science-r-basics",
                sources=["curated"])  # fmt: skip
    dump = c(id="edx-course-r", title=title, platform="edx", provider="Harvard University",
             url="https://www.edx.org/course/data-science-r-basics",
             sources=["edx.csv"])  # fmt: skip
    index = CatalogIndex.of([curated], {"curated": 0, "edx.csv": 1})
    status, merged, _ = index.add(dump)
    assert status == "merged" and merged.id == "edx-harvardx-r"
    assert index.add(dump)[0] == "unchanged"  # re-import: no duplicate
    # a course's own site beside its platform page
    own = c(id="cs50-ai", title="CS50's Introduction to Artificial Intelligence with Python",
            platform="edx", url="https://cs50.harvard.edu/ai/", sources=["curated"])  # fmt: skip
    page = own.model_copy(update={
        "id": "edx-cs50-ai",
        "url": "https://www.edx.org/course/cs50s-introduction-to-artificial-intelligence-with-python",
        "sources": ["edx.csv"],
    })  # fmt: skip
    index = CatalogIndex.of([own], {"curated": 0, "edx.csv": 1})
    assert index.add(page)[0] == "merged"
    # edX's old slug cut at 50 characters, inside the new one: one page
    mit = "Machine Learning with Python: from Linear Models to Deep Learning"
    cut = "machine-learning-with-python-from-linear-models-to"  # 50 characters
    new_page = c(
        id="edx-mitx", title=mit, platform="edx", provider="MITx", sources=["curated"],
        url=f"https://www.edx.org/learn/machine-learning/massachusetts-institute-of-technology-"
        f"{cut}-deep-learning",
    )  # fmt: skip
    old_page = c(
        id="edx-old", title=mit, platform="edx", sources=["edx.csv"],
        provider="Massachusetts Institute of Technology", url=f"https://www.edx.org/course/{cut}",
    )  # fmt: skip
    assert CatalogIndex.of([new_page], {"curated": 0, "edx.csv": 1}).add(old_page)[0] == "merged"
    # a short slug inside another is no truncation: two courses
    short_slug = old_page.model_copy(update={"url": "https://www.edx.org/course/machine-learning"})
    assert CatalogIndex.of([new_page]).add(short_slug)[0] == "new"
    # Udemy's '-2' page of a same-titled course is another course (its slug is not cut)
    card = "Creating an Animated Greeting Card via Google Slides"
    slug = "creating-an-animated-greeting-card-via-google-slides"
    first = c(id="u1", title=card, platform="udemy", url=f"https://www.udemy.com/{slug}/")
    second = c(id="u2", title=card, platform="udemy", url=f"https://www.udemy.com/{slug}-2/")
    assert CatalogIndex.of([first]).add(second)[0] == "new"
    # different slugs on the platform, or a short title: two courses
    other = dump.model_copy(update={"id": "o", "url": "https://www.edx.org/course/r-basics-2"})
    assert CatalogIndex.of([curated]).add(other)[0] == "new"
    short = c(id="a", title="Machine Learning", platform="edx", url="https://cs.example.org/ml")
    short_page = c(id="b", title="Machine Learning", platform="edx",
                   url="https://www.edx.org/course/machine-learning")  # fmt: skip
    assert CatalogIndex.of([short]).add(short_page)[0] == "new"


def test_the_same_id_without_an_address_is_the_same_course_whatever_its_title() -> None:
    from coursestack.domain import Course
    from coursestack.ingest.merge import CatalogIndex

    index = CatalogIndex.of([Course(id="c", title="Old title", platform="other")], {})
    status, course, _event = index.add(Course(id="c", title="New title", platform="other"))
    assert status in ("merged", "unchanged") and course.id == "c" and list(index.courses) == ["c"]
    # with different addresses, the same id is two courses kept apart
    other = CatalogIndex.of(
        [Course(id="d", title="D", platform="other", url="https://example.org/a")], {}
    )
    status, course, _event = other.add(
        Course(id="d", title="D2", platform="other", url="https://example.org/b")
    )
    assert status == "new" and course.id == "d-2"
