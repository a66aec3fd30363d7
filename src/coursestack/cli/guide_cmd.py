"""`coursestack guide`: a review-site article for any course."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from coursestack.cli import state
from coursestack.cli.advise_cmd import learner_data
from coursestack.cli.output import print_json
from coursestack.services.files import write_text_file


def guide_cmd(
    course: Annotated[str, typer.Argument(help="Course id or exact title.")],
    goal: Annotated[
        str | None,
        typer.Option(
            "--goal",
            "-g",
            help="Role to judge it against (default: the role its skills serve best).",
        ),
    ] = None,
    learner: Annotated[
        Path | None, typer.Option("--learner", "-l", help="Personalise for this learner file.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md, html or json.")] = "md",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """A review-site guide for a course, written from the data.

    Coverage, who it is for and less suited for, what it does not teach, what to stack after
    it, platforms, FAQ.

    Examples:
      coursestack guide "Machine Learning Specialization" --goal ml-engineer
      coursestack guide fastai-practical-deep-learning --format html -o guide.html
    """
    data = learner_data(learner) if learner else None
    from coursestack.services import guides  # the planner (SciPy) loads only when used

    result = guides.write_guide(state.database(), course, goal=goal, learner_data=data, fmt=fmt)
    if output is not None:
        if isinstance(result, dict):
            text = json.dumps(result, indent=2, ensure_ascii=False) + "\n"
        else:
            text = result
        write_text_file(output, text)
        return
    if isinstance(result, dict):
        print_json(result)
    else:
        sys.stdout.write(result)


def register(app: typer.Typer) -> None:
    app.command("guide")(guide_cmd)
