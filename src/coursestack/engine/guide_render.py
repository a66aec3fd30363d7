"""Render a composed guide as Markdown or as a standalone HTML page (all text escaped)."""

from __future__ import annotations

import html

from coursestack.engine.guide_model import Guide

_CSS = """
body{font:16px/1.55 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:46rem;
margin:2rem auto;padding:0 1rem;color:#1d2330;background:#fff}
h1{font-size:1.8rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2rem;
border-bottom:1px solid #dfe3ea;padding-bottom:.2rem}
.goal{color:#5a6475;margin-top:0}dt{font-weight:600;margin-top:.8rem}dd{margin-left:0}
li{margin:.25rem 0}.src{color:#8a93a3;font-size:.8rem}
"""


def _md_escape(text: str) -> str:
    # Catalog titles may hold Markdown syntax; neutralise what would change the rendering.
    for ch in ("\\", "*", "_", "`", "[", "]", "<", ">", "#"):
        text = text.replace(ch, "\\" + ch)
    return text


def to_markdown(guide: Guide) -> str:
    lines = [f"# {_md_escape(guide.title)}", ""]
    if guide.goal_name:
        reason = f" — {guide.goal_reason}" if guide.goal_reason else ""
        lines += [f"*Relative to the goal: {_md_escape(guide.goal_name)}{_md_escape(reason)}*", ""]
    for section in guide.sections:
        lines += [f"## {_md_escape(section.title)}", ""]
        for st in section.statements:
            if st.question:
                lines += [f"**{_md_escape(st.question)}**", "", _md_escape(st.text), ""]
            else:
                lines.append(f"- {_md_escape(st.text)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def to_html(guide: Guide) -> str:
    esc = html.escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(guide.title)} — course guide</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{esc(guide.title)}</h1>",
    ]
    if guide.goal_name:
        reason = f" — {guide.goal_reason}" if guide.goal_reason else ""
        out.append(f'<p class="goal">Relative to the goal: {esc(guide.goal_name + reason)}</p>')
    for section in guide.sections:
        out.append(f'<section id="{esc(section.id)}"><h2>{esc(section.title)}</h2>')
        faq = all(st.question for st in section.statements)
        if faq:
            out.append("<dl>")
            for st in section.statements:
                out.append(f"<dt>{esc(st.question or '')}</dt><dd>{esc(st.text)}</dd>")
            out.append("</dl>")
        else:
            out.append("<ul>")
            for st in section.statements:
                out.append(f"<li>{esc(st.text)}</li>")
            out.append("</ul>")
        out.append("</section>")
    out.append(
        '<p class="src">Written by coursestack from its catalog data; every statement '
        "carries its evidence in the JSON form of this guide.</p>"
    )
    out.append("</body></html>")
    return "\n".join(out) + "\n"
