from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def test_guide_formats(cli: Any, tmp_path: Path) -> None:
    md = cli("guide", "Machine Learning Specialization", "--goal", "ml-engineer")
    assert md.code == 0, md.err
    assert md.out.startswith("# Machine Learning Specialization")
    data = json.loads(cli("guide", "coursera-ml-specialization", "--format", "json").out)
    assert data["course_id"] == "coursera-ml-specialization" and data["sections"]
    out = tmp_path / "g.html"
    result = cli("guide", "coursera-ml-specialization", "--format", "html", "-o", str(out))
    assert result.code == 0 and out.read_text().startswith("<!DOCTYPE html>")


def test_guide_bad_format_and_unknown_course(cli: Any) -> None:
    assert cli("guide", "coursera-ml-specialization", "--format", "pdf").code == 2
    unknown = cli("guide", "Machine Learning Specialty Track")
    assert unknown.code == 2 and "closest matches" in unknown.err
    misspelt = cli("guide", "Machine Lerning Specialisation")  # a spelling: that course
    assert misspelt.code == 0 and "Machine Learning Specialization" in misspelt.out


def test_an_output_path_that_cannot_be_written_is_an_error_not_a_traceback(
    cli: Any, tmp_path: Path
) -> None:
    where = tmp_path / "out"
    where.mkdir()
    missing = cli("guide", "coursera-ml-specialization", "-o", str(where / "no" / "g.md"))
    assert missing.code == 2 and "Traceback" not in missing.err
    assert "cannot write" in " ".join(missing.err.split())
    folder = cli("guide", "coursera-ml-specialization", "-o", str(where))
    assert folder.code == 2 and "it is a directory" in " ".join(folder.err.split())
    assert list(where.iterdir()) == []  # nothing half-written, no temporary left
    # export, like guide -o, does not create a missing directory; a path under a file fails
    out = where / "new" / "catalog.json"
    assert cli("export", str(out)).code == 2 and not out.parent.exists()
    out.parent.mkdir()
    assert cli("export", str(out)).code == 0 and out.exists()
    under_file = cli("export", str(out / "x.json"))
    assert under_file.code == 2 and "cannot write" in " ".join(under_file.err.split())
