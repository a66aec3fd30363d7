"""How a guide says things: names of roles, skills, categories, levels, hours, prices and
languages inside a sentence (articles, casing, lists cut short)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from coursestack.domain import (
    CertificateKind,
    Course,
    CourseLevel,
    HandsOn,
    Level,
    Pedagogy,
    PriceModel,
    Role,
)
from coursestack.domain.languages import english_name
from coursestack.engine.context import AdvisorContext
from coursestack.engine.effort_prior import typical_price_for
from coursestack.engine.guide_model import GuideInputs

CATEGORY_NAMES = {
    "programming": "Programming",
    "math": "Mathematics",
    "statistics": "Statistics",
    "data-analysis": "Data analysis",
    "visualization": "Visualisation",
    "machine-learning": "Machine learning",
    "deep-learning": "Deep learning",
    "llm": "LLM applications",
    "data-engineering": "Data engineering",
    "mlops": "MLOps and production",
    "cloud": "Cloud",
    "ml-system-design": "ML system design and project judgment",
    "practice": "Practice and portfolio",
}


LEVEL_WORDS = {
    CourseLevel.BEGINNER: "beginner",
    CourseLevel.INTERMEDIATE: "intermediate",
    CourseLevel.ADVANCED: "advanced",
    CourseLevel.MIXED: "mixed (all levels)",
}
PEDAGOGY_WORDS = {
    Pedagogy.THEORY_FIRST: "bottom-up (theory first: why the methods work, then how to use them)",
    Pedagogy.CODE_FIRST: "top-down (working code first, theory as it becomes needed)",
    Pedagogy.MIXED: "a mix of theory and working code",
}


HANDS_ON_WORDS = {
    HandsOn.NONE: "no graded hands-on work",
    HandsOn.GUIDED_LABS: "guided labs (step-by-step exercises)",
    HandsOn.INDEPENDENT_PROJECTS: "independent projects",
    HandsOn.CAPSTONE: "a capstone project",
}


CERTIFICATE_WORDS = {
    CertificateKind.NONE: "no certificate",
    CertificateKind.PLATFORM: "a platform certificate",
    CertificateKind.UNIVERSITY: "a university-affiliated certificate",
    CertificateKind.VENDOR: "a vendor certificate",
}


def role_words(role: Role) -> str:
    """A role's name inside a sentence: lower case but for acronyms ('MLOps engineer', 'AI
    engineer (LLM applications)', 'data scientist')."""
    return " ".join(
        w if sum(ch.isupper() for ch in w) >= 2 else w.lower() for w in role.name.split()
    )


# Letters whose spoken name starts with a vowel sound: 'an MLOps engineer', 'an ML engineer'
_VOWEL_SOUND_LETTERS = frozenset("AEFHILMNORSX")


def with_article(phrase: str) -> str:
    """'a data scientist', 'an AI engineer', 'an MLOps engineer'."""
    word = phrase.split()[0] if phrase else ""
    acronym = sum(ch.isupper() for ch in word) >= 2
    vowel = word[:1] in _VOWEL_SOUND_LETTERS if acronym else word[:1].lower() in "aeiou"
    return f"{'an' if vowel else 'a'} {phrase}"


def skill_name(ctx: AdvisorContext, skill_id: str) -> str:
    return ctx.taxonomy.skills[skill_id].name if skill_id in ctx.taxonomy else skill_id


def category_of(ctx: AdvisorContext, skill_id: str) -> str:
    return ctx.taxonomy.skills[skill_id].category if skill_id in ctx.taxonomy else "other"


def join_words(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def lower_first(text: str) -> str:
    """Lower a skill name's first letter mid-sentence unless the first word is a name
    (Python, Docker), an acronym (SQL, EDA) or has inner capitals (NumPy, TensorFlow)."""
    first = text.split(" ", 1)[0]
    if not first or first in PROPER_NOUNS or any(ch.isupper() for ch in first[1:]):
        return text
    return text[:1].lower() + text[1:]


PROPER_NOUNS = frozenset(
    {
        "Airflow",
        "Amazon",
        "Apache",
        "Azure",
        "Bayesian",
        "Docker",
        "Excel",
        "Git",
        "Google",
        "Hadoop",
        "Hugging",
        "Java",
        "Jupyter",
        "Kafka",
        "Keras",
        "Kubernetes",
        "Linux",
        "Looker",
        "Matplotlib",
        "Microsoft",
        "Plotly",
        "Power",
        "Python",
        "R",
        "Scala",
        "Snowflake",
        "Spark",
        "Tableau",
    }
)


def skills_phrase(ctx: AdvisorContext, skills: Mapping[str, Level], limit: int = 8) -> str:
    """'a (practised), b (aware) and 15 more': the highest levels first; a list cut short
    says how much is left (a certificate's 'what it covers' left out Python, pandas and SQL
    without a word)."""
    ordered = sorted(skills.items(), key=lambda kv: (-int(kv[1]), kv[0]))
    named = [f"{lower_first(skill_name(ctx, s))} ({lv.label})" for s, lv in ordered[:limit]]
    if len(ordered) > limit:
        named.append(f"{len(ordered) - limit} more")
    return join_words(named)


HAVING = {
    Level.AWARE: "the basics of",
    Level.PRACTISED: "hands-on practice in",
    Level.APPLIED: "independent experience in",
    Level.PRODUCTION: "production experience in",
}


def having(ctx: AdvisorContext, skills: Mapping[str, Level]) -> str:
    """'the basics of Python programming and hands-on practice in SQL'."""
    ordered = sorted(skills.items(), key=lambda kv: (-int(kv[1]), kv[0]))
    return join_words(
        [f"{HAVING.get(lv, 'some')} {skill_name(ctx, s)}" for s, lv in ordered if lv > 0]
    )


def upper_first(text: str) -> str:
    """Sentence case without lowering the rest (str.capitalize would turn 'SQL' into 'sql')."""
    return text[:1].upper() + text[1:]


def hours_words(value: float) -> str:
    figure = f"{value:.0f}" if value >= 10 else f"{value:.1f}".removesuffix(".0")
    return f"{figure} hour" if figure == "1" else f"{figure} hours"


def language_name(code: str) -> str:
    name = english_name(code)
    return f"{name} ({code})" if name else f"the language coded '{code}'"


def money(amount: float, currency: str | None) -> str:
    figure = f"{amount:,.0f}" if amount == int(amount) else f"{amount:,.2f}"
    return f"{figure} {currency}" if currency else f"{figure} (currency not stated)"


def price_words(course: Course, ctx: AdvisorContext | None = None) -> str | None:
    """The price as the catalog states it (None when it states nothing), and, with `ctx`,
    the typical price plans count instead when the stated one is no USD figure (a guide's
    '4,065.62 (currency not stated)' beside fit's 'assumed 49 USD' read as two prices)."""
    stated = _stated_price(course)
    typical = typical_price_for(course, ctx.typical_price) if ctx is not None else None
    if stated is None:
        return stated
    if typical is not None:
        return f"{stated[:-1]}; plans count {typical.describe()} instead."
    price = course.price
    paid = price.model in (PriceModel.ONE_TIME, PriceModel.SUBSCRIPTION)
    if ctx is not None and paid and price.amount is not None and price.currency is None:
        # plans read the bare amount as US dollars (labelled there): said here too
        return f"{stated[:-1]}; plans count it as {money(price.amount, 'USD')}, labelled assumed."
    return stated


def _stated_price(course: Course) -> str | None:
    price = course.price
    if price.model == PriceModel.FREE:
        return "Price: free."
    if price.model == PriceModel.FREE_AUDIT:
        if price.certificate_amount is not None:
            cert = money(price.certificate_amount, price.currency)
            return f"Price: free to audit; the certificate costs {cert}."
        return "Price: free to audit; the certificate's price is not listed."
    if price.amount is not None and price.model == PriceModel.SUBSCRIPTION:
        return f"Price: a subscription of {money(price.amount, price.currency)} a month."
    if price.amount is not None:
        return f"Price: {money(price.amount, price.currency)}."
    if price.text:
        return f"Price: not stated as a figure (the source says '{price.text}')."
    return None


FEW_REVIEWS = 5  # below this many reviews the estimate is said to lean on the prior


def rating_phrase(course_id: str, inputs: GuideInputs) -> str | None:
    """Practitioner reviews and the platform's star rating side by side: two reviews must not
    hide 16,900 platform ratings (they are different evidence, kept apart)."""
    said: list[str] = []
    est = inputs.ratings.get(course_id)
    if est is not None and 0 < est.n < FEW_REVIEWS:
        # 'practitioners rate it 7.0' when both gave 9: the estimate, not their scores
        said.append(
            f"{est.n} practitioner review{'' if est.n == 1 else 's'}: with so few, our "
            f"estimate is {est.mean:.1f}/10 ({est.low:.1f}–{est.high:.1f}), drawn toward "
            f"{est.prior_mean:.1f}, the score assumed before any review"
        )
    elif est is not None and est.n > 0:
        said.append(
            f"practitioners rate it {est.mean:.1f}/10 ({est.low:.1f}–{est.high:.1f}, n={est.n})"
        )
    quality = inputs.quality.get(course_id)
    if quality is not None and quality.external_value is not None:
        count = f" from {quality.external_count:,} ratings" if quality.external_count else ""
        # as listed, to two places: 4.25 printed as 4.2 (half to even) where its page says 4.3
        stars = f"{round(quality.external_value * 5, 2):g}"
        said.append(f"rated {stars}/5 on its platform{count}")
    return "; ".join(said) or None
