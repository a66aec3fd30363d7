"""A course in a URL path may be its address, slashes and all (`/courses/https://…/guide`).

`{course:path}` takes it in the routes that end in /guide, /fit or /reviews; the course page
itself takes `{course:course}`: any path that does not end in one of those suffixes, so that
`OPTIONS /courses/x/fit` is not also a course page (its Allow header lists POST only)."""

from __future__ import annotations

from starlette.convertors import PathConvertor, register_url_convertor

SUFFIXES = ("guide", "fit", "reviews")


class CourseConvertor(PathConvertor):
    # Lazy, then one fixed-width look-behind per suffix at the end of the path.
    regex = ".+?" + "".join(f"(?<!/{s})" for s in SUFFIXES)


register_url_convertor("course", CourseConvertor())
