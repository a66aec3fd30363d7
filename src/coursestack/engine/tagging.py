"""Skills a course teaches and assumes, inferred from its text by stated rules.

Pure: it gets the course, the text the source gives about it, a `SkillMatcher` and the
taxonomy. Every value it sets carries its rule in `course.provenance` (key `teaches.<id>`,
`assumes.<id>`, `hands_on`), e.g.
  teaches.ml.supervised = "rule:alias(skills:'supervised learning');
                           rule:level-from-difficulty(Intermediate)->2"
  assumes.prog.python  = "rule:assumes-phrase('you should have experience coding in python')->2"

Rules, in order:
1. Evidence. Matches in the title and in the source's skill list count as taught; matches in
   descriptions and syllabi count when they are not in a prerequisite sentence. A sentence
   with a prerequisite cue ('prerequisite', 'you should have', 'familiarity with', ...) sends
   its skills to `assumes`; a sentence saying 'no prior ...', what the course leaves out or
   what other courses cover sends them nowhere; one denying that the course teaches a skill
   ('not intended to teach you Python') removes it, title included (and, through the merge,
   from the course's other sources); a sentence naming three or more languages surveys them
   and teaches none. A skill-list entry
   counts by plausibility: in an area the title teaches (a title skill's category, or an area
   of a field the title names, 'Data Science') it is trusted even in a long list; a
   lone entry the course's own description never names, outside those areas, is weak; a
   specific long-list entry whose taxonomy prerequisite the row teaches (not a hub such as
   ML fundamentals, nor a programming skill) is trusted too. On a
   title teaching another area, a programming skill named in one prose sentence only (not
   as the object of 'learn'/'master'/'teach') is a tool the course uses: weak.
   A short syllabus entry ('Week 5: Autoencoders') is a topic title and counts as an outcome.
   Cue words have Spanish and German forms ('aprenderás', 'requisitos', 'Sie lernen', 'con');
   translated skill names come from `translations` in tagging_aliases.yaml.
2. Gates. A skill listed in `requires` (prog.python.oop needs prog.python) is kept only when
   one of the skills it needs has evidence too, so 'object-oriented programming' in a Java
   course does not become object-oriented Python. A capstone or portfolio project is kept only
   beside another taught skill or a field the title names ('Supply Chain Excellence Capstone'
   applies material outside the taxonomy).
3. Levels (teaches): a skill the course is not about (`central`: named in the title,
   evidence twice the threshold, or a skill-list entry repeated in three prose sentences) is
   taught at 1: met, not practised. On the skills it is about, the course's difficulty gives
   the base (beginner/mixed/unknown 1, intermediate/advanced 2); a hands-on cue (labs,
   hands-on, exercises, notebooks, guided project) raises it to 2; an advanced course or a
   program (specialization, certificate) at intermediate level or above with a capstone or
   independent projects reaches 3. Level 4 (production) is never inferred. A course with
   under SHORT_COURSE_HOURS listed in total teaches at level 1.
4. Assumes: phrase rule above, at level 2 for 'experience / proficiency / comfortable /
   working knowledge', else 1; and, for intermediate and advanced courses, the taxonomy's
   prerequisites of each skill the course is about (`central`) that it does not teach
   itself (a prerequisite language not when the course teaches another language: no Python
   for JavaScript).
5. Hands-on kind: capstone > independent projects > guided labs, from cue phrases.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from coursestack.domain import Course, CourseKind, CourseLevel, HandsOn, Level
from coursestack.engine.learner_state import CODING_LANGUAGES
from coursestack.engine.matcher import SkillMatch, SkillMatcher, normalise
from coursestack.engine.taxonomy import Taxonomy

# scraped text often loses the space after a full stop, also after a bracket or quote
# ('analysis (EDA).Next you will'); a capital right after the stop starts a sentence
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+|\s+-\s+|•|(?<=[a-z)\]\"'’”])\.(?=[A-Z])")
_NO_PRIOR = re.compile(
    r"\bno (?:prior|previous|prerequisite|background|experience|programming experience)\b|"
    r"\bnot (?:required|necessary|needed)\b|\bwithout (?:any )?(?:prior|previous)\b|"
    # Spanish and German ('sin experiencia previa', 'no se requiere', 'ohne Vorkenntnisse')
    r"\bsin (?:(?:ning[uú]n|ninguna|tener) )?(?:conocimientos?|experiencia|formaci[oó]n)\b|"
    r"\bno (?:se )?(?:requiere|necesita)s?\b|"
    r"\bohne (?:\w+ oder )?(?:vorkenntnisse|vorerfahrung\w*)\b|\bkeine vorkenntnisse\b",
    re.IGNORECASE,
)
# a sentence saying what the course leaves out ('we don't cover tools like Python'), about
# equipment ('you must have access to a Linux PC') or about other courses ('Additional
# courses focus on SQL') names skills this course does not teach
_NOT_TAUGHT = re.compile(
    r"\b(?:do|does|will|did)(?: not|n['’]t) (?:cover|teach|include|go into|discuss|require)\b|"
    r"\bnot (?:intended|designed|meant) to teach\b|"
    r"\bwon['’]t (?:cover|teach|include|go into)\b|\bnot (?:be )?covered\b|"
    r"\bmust have access to\b|\bneed access to\b|\bsystem requirements?\b|"
    r"\b(?:future|subsequent|additional|follow[- ]on) courses?\b|\bnext course in the series\b",
    re.IGNORECASE,
)
# a sentence denying that the course teaches something ('This course is not intended to teach
# you Python'): the denial outweighs every other mention, the title's too ('Python Project for
# Data Science' applies Python learnt elsewhere)
_DENIED = re.compile(
    r"\bnot (?:intended|designed|meant) to teach\b|"
    r"\b(?:do|does|will)(?: not|n['’]t) teach\b|\bwon['’]t teach\b",
    re.IGNORECASE,
)
# the name of a program ('the C Programming with Linux Professional Certificate', 'the
# Applied Data Science with Python Specialization'): its words name the program, not a topic
# of this course, so they are blanked before matching (case-sensitive: names are capitalised)
_PROGRAM_NAME = re.compile(
    r"\b[A-Z][\w+#&'’./-]*(?:\s+(?:[A-Z(][\w+#&'’./()-]*|with|and|for|in|of|to|&))*"
    r"\s+(?:Specialization|Specialisation|Professional Certificate|MicroMasters|Nanodegree)\b"
)
# the name of an organisation ('taught by experts from The Linux Foundation'): its words name
# the provider, not a topic, and are blanked like program names
_ORG_NAME = re.compile(
    r"\b(?:[A-Z][\w+#&.'’-]*\s+){1,4}(?:Foundation|Institute|Consortium|Society|Association)\b"
)
# Words each name pattern needs: a sentence without one is left as is without running the
# pattern (most sentences; the patterns backtrack over capitalised words).
_PROGRAM_WORDS = ("Speciali", "Professional Certificate", "MicroMasters", "Nanodegree")
_ORG_WORDS = ("Foundation", "Institute", "Consortium", "Society", "Association")
_PREREQ = re.compile(
    r"\b(?:prerequisites?|pre-requisites?|prior (?:experience|knowledge|exposure)|"
    r"(?:you|learners|students|participants) should (?:have|be|know|already)|"
    r"should be (?:familiar|comfortable)|familiarity with|(?:is|are) (?:required|recommended|"
    r"assumed|expected)|we assume|assumes? (?:that )?(?:you|learners|basic|some|knowledge)|"
    r"before (?:taking|starting|enrolling)|recommended background|required background|"
    r"to succeed in this course|you(?:['’]ll| will) need (?:to know|some|basic|experience)|"
    r"already (?:have|know)|"
    # 'Week 0: review of calculus and linear algebra': a refresher of what the course builds on
    r"(?<!peer )(?<!code )(?<!literature )(?:review|refresher|recap) (?:of|on)|brush up on|"
    r"(?:developers|analysts|scientists|engineers|learners|students|"
    r"professionals|those|anyone) (?:who are |already )?familiar with|"
    r"(?:knowledge|experience|proficiency|familiarity|understanding) "
    r"(?:of|in|with)\b.{0,80}?\b(?:is|are|will be) (?:essential|necessary|needed|helpful)|"
    # Spanish and German ('requisitos', 'conocimientos previos', 'Voraussetzungen')
    r"(?:pre)?requisitos?|conocimientos? previos?|experiencia previa|se recomienda|"
    r"voraussetzung(?:en)?|vorkenntnisse)",
    re.IGNORECASE,
)
_OUTCOME = re.compile(
    r"\b(?:you(?:['’]ll| will)?(?: also| then| first| now| further)? (?:learn|master|gain|build|"
    r"develop|explore|use|apply|practi[cs]e|work with|be able to|understand|discover|get|create|"
    r"implement|train)|learn (?:how|to|about|the)|learners will|students will|participants will|"
    r"(?:course|specialization|program|certificate|module|class|it|we)s? (?:will )?(?:also )?"
    r"(?:covers?|teach(?:es)?|introduces?|focus(?:es)?|provides?|explores?|discuss(?:es)?|"
    r"examines?|delves?)|"
    r"(?:topics|syllabus|curriculum) (?:include|includes|covered|covers)|covers?|includes:|"
    r"discussed|introduct\w*|focus(?:es)? on|course (?:in|on)|we will|introduc\w+ (?:you )?to|"
    r"by the end|hands[- ]on|"
    r"skills? (?:in|you)|taught|teaches|become familiar with|(?:devoted|dedicated) to|"
    # 'you will have a proven deep understanding of ...': what the learner ends up with
    r"you(?:['’]ll| will) have (?:an? )?(?:[\w-]+ ){0,3}"
    r"(?:understanding|knowledge|experience|skills|proficiency)|"
    # Spanish and German ('aprenderás', 'vamos a explorar', 'este curso cubre', 'Sie lernen')
    r"aprender(?:[aá]s?|emos|[aá]n)|vamos a|al final(?:izar)? (?:de|del)|"
    r"(?:curso|programa|m[oó]dulo) (?:te )?(?:cubre|cubrir[aá]|ense[nñ]a|presenta|explora)|"
    r"sie lernen|lernen sie|erlernen sie|sie erwerben)\b",
    re.IGNORECASE,
)
# 'how RL fits under the umbrella of machine learning and complements supervised learning':
# skills named only to place the topic among others are not taught
_COMPARISON = re.compile(
    r"\b(?:compared? (?:to|with)|differs? from|differences? (?:between|from)|as opposed to|"
    r"unlike|fits? (?:under|into|within)|complements?|relates? to|versus)\b",
    re.IGNORECASE,
)
# 'explain terms like machine learning, deep learning and neural networks', 'the buzzwords
# associated with these technologies': an overview defines the words, it does not teach them
_TERMS = re.compile(
    r"\b(?:terms|terminology|buzzwords?|jargon)\s+(?:like|such as|associated with|around)\b|"
    r"\bterminology of\b",
    re.IGNORECASE,
)
# a list header that states outcomes ('By the end of this course, you will:'); the bullet
# lines after it are outcomes too
_LIST_HEADER_END = re.compile(r":\s*$")
_LIST_HEADER = re.compile(
    r"\b(?:you|learners|students|participants)(?:['’]ll| will)"
    r"(?: be able to| be ready to)?\s*:\s*$",
    re.IGNORECASE,
)
# 'Week 5:', 'Module 2 -', 'Lección 1:', '-' before a syllabus topic
_HEADING = re.compile(
    r"^\W*(?:(?:week|module|lesson|unit|chapter|part|section|lecci[oó]n|semana|m[oó]dulo)"
    r"\s*\d+\s*[:.)-]?)?\s*",
    re.IGNORECASE,
)
SYLLABUS_TOPIC_WORDS = 8  # a syllabus segment this short is a topic title, not a sentence
_BULLET = re.compile(r"^\s*(?:[-*•·]|\(?[a-z0-9]\)|\d+[.)])\s*", re.IGNORECASE)
LIST_ITEM_MAX = 200  # longer lines end an outcome list: they are paragraphs, not bullets
_STRONG_PREREQ = re.compile(
    r"\b(?:experience|experienced|proficien\w*|comfortable|working knowledge|solid|fluent)\b",
    re.IGNORECASE,
)
# a title marking a course as advanced ('Advanced DAX', 'Excel aplicado (Nivel Avanzado)') or
# as the capstone of a program: it builds on its own main skills
_ADVANCED_TITLE = re.compile(
    r"\b(?:advanced|avanzad[oa]s?|fortgeschrittene?\w*|capstone)\b", re.IGNORECASE
)
# ...unless it also says it starts from nothing ('JavaScript from Beginner to Advanced',
# 'Algebra: Elementary to Advanced', 'Basic and Advanced Excel', 'Machine Learning
# Fundamentals' labelled advanced)
_FROM_SCRATCH = re.compile(
    r"\b(?:beginners?|basics?|elementary|from (?:zero|scratch)|zero to|novices?|newbies?|"
    r"get(?:ting)? started|"
    r"introduct\w*|intro|fundamentals?|a ?- ?z|principiantes?|b[aá]sic[oa]s?|anf[aä]nger\w*|"
    r"grundlagen)\b",
    re.IGNORECASE,
)
# a description calling the course an introduction
_INTRODUCTION = re.compile(r"\b(?:introduction to|introductory)\b", re.IGNORECASE)
# Each cue with the words one of its phrases must contain (checked first: a plain substring
# test on the lowercased text is far cheaper than the pattern on a long description).
_HANDS_ON = (
    (HandsOn.CAPSTONE, ("capstone",), re.compile(r"\bcapstone\b", re.IGNORECASE)),
    (
        HandsOn.INDEPENDENT_PROJECTS,
        ("portfolio", "your own", "project"),
        re.compile(
            r"\b(?:portfolio[- ]ready|your own (?:project|data ?set)|independent project|"
            r"real[- ]world projects?|end[- ]to[- ]end project)\b",
            re.IGNORECASE,
        ),
    ),
    (
        HandsOn.GUIDED_LABS,
        ("hands", "lab", "exercise", "assignment", "jupyter", "project"),
        re.compile(
            r"\b(?:hands[- ]on|labs?\b|lab exercises|coding exercises|programming assignments?|"
            r"jupyter notebooks?|guided project|interactive exercises|practice exercises|"
            r"coding assignments?)",
            re.IGNORECASE,
        ),
    ),
)
_PROGRAM_KINDS = {
    CourseKind.SPECIALIZATION,
    CourseKind.PROFESSIONAL_CERTIFICATE,
    CourseKind.PROGRAM,
}
# prose words that introduce a tool in use (and their Spanish and German words)
TOOL_WORDS = ("using", "with", "in", "via", "con", "usando", "utilizando", "mediante", "mit")
# ...but a method after them ('summarise data using descriptive statistics', 'analyses with
# regression models') is the topic applied, not a tool the course merely runs
METHOD_CATEGORIES = ("statistics", "math", "data-analysis", "machine-learning")
# 'a course in supervised learning', 'training in SQL': 'in' names the topic, not a tool
TOPIC_NOUNS = frozenset({"course", "courses", "class", "introduction", "specialization"})
TOPIC_NOUNS |= {"program", "training", "skills", "expertise", "lectures", "tutorial", "primer"}
# 'Kotlin for Java Developers': a skill naming the audience is what its readers already know;
# the course's mentions of it (interoperability, your Java experience) build on it
AUDIENCE_NOUNS = frozenset({"developers", "programmers", "engineers", "users", "professionals"})
AUDIENCE_NOUNS |= {"analysts", "coders", "practitioners"}
PURPOSE_WORDS = ("for", "in", "para", "fur")  # title words introducing a purpose
# ...except a language after 'in' ('Functions in JavaScript'): the course is taught in it
MEDIUM_CATEGORIES = ("programming",)
# categories whose members are separate tools (languages, git, testing, SQL): sharing one with
# the title says little about a skill-list entry
BROAD_AREAS = ("programming",)
LONG_SKILL_LIST = 12  # longer source skill lists are padded with loosely related labels
# a long list naming one skill through this many distinct, non-umbrella entries ('Databases',
# 'Database (DBMS)') stresses it: its entries count like a short list's
LONG_LIST_REPEATS = 2
# a skill that is a prerequisite of this many others (ML fundamentals, Python, neural networks,
# linear algebra) is a hub: teaching it says little about which later skills a course covers
HUB_DEPENDENTS = 10
TEACH_THRESHOLD = 2
SHORT_COURSE_HOURS = 3.0  # courses with fewer listed hours in total teach at level 1 at most
# general-purpose languages: after a TOOL_WORDS word in a title naming another skill, the tool
TOOL_LANGUAGES = CODING_LANGUAGES
LANGUAGE_SURVEY = 3  # languages in one sentence that make it a survey of options
# words before a match that make it an example named in passing ('tools such as X and Y')
_EXAMPLE = re.compile(r"\b(?:(\w+) such (?:(\w+) )?as|for example|for instance|e g)\b")
# 'such as' lists examples of tools only after a tool noun ('tools such as TensorFlow', 'such
# platforms as Tableau'); after a topic ('repositories such as NoSQL databases', 'models such
# as convolutional neural networks') it lists what the course covers
TOOL_NOUNS = frozenset({"tool", "tools", "platforms", "software", "services", "products"})
TOOL_NOUNS |= {"libraries", "packages", "frameworks", "applications", "apps", "languages"}
TOOL_NOUNS |= {"technologies", "environments", "solutions", "vendors", "providers", "ides"}
# a capital 'R' inside a comma/and/or list ('Python, R, or Scala'): the language
_LISTED_R = re.compile(r"(?:[,;/]\s*|\b(?:and|or)\s+)R\b(?![&'’-])|\bR\s*[,;/]")
# words that join a list of tools: 'using SQL and Python' makes both tools
_JOINERS = frozenset({"and", "or", "as", "well"})
_ARTICLES = frozenset({"the", "a", "an"})
_PRACTISED_WORDS = frozenset({"familiar", "practice", "practise", "practicing", "practising"})
EXAMPLE_WINDOW = 6  # how many words back an example cue reaches
FIELD_WEIGHT = {
    "title": 3,
    "skills": 2,
    "skills-long": 1,
    "description": 1,
    "syllabus": 1,
    "outcome": 2,
}
PROSE_CAP = 2  # prose mentions of one skill count at most this much
PROSE_FIELDS = ("description", "syllabus", "outcome")
LIST_FIELDS = ("skills", "skills-long")
# the area of languages and tools: on a course whose title teaches another area, one passing
# prose mention of a skill in it is a tool the course uses
INCIDENTAL_AREA = "programming"
# ...unless the sentence names it as what is taught ('you will learn Python')
TEACHING_VERBS = frozenset({"learn", "learning", "master", "mastering", "teach", "teaches"})
# a description at least this long is the course's own account of itself: a skill-list entry
# it never mentions is a platform tag, not a topic (unless the title makes it plausible)
DESCRIBED = 200
# how a course applies its material (a capstone, a portfolio project), not a subject: on a row
# that teaches no other taxonomy skill and whose title names no field of the taxonomy, the
# material is outside it ('Supply Chain Excellence Capstone', 'Learn Mandarin Chinese:
# Capstone Project') and so is the project
APPLIED_PRACTICE = frozenset({"practice.capstone", "practice.portfolio-project"})
# languages used beside any other (a query language, the shell): a course in Java still
# assumes the SQL its databases need; other prerequisite languages are the usual medium of a
# skill, which a course in another language replaces
COMPANION_LANGUAGES = frozenset({"prog.sql", "prog.bash"})


def _example(before: list[str]) -> bool:
    """Whether the words before a match name it as an example ('for example', 'e.g.', 'tools
    such as'); the window reaches one word past EXAMPLE_WINDOW for the noun before 'such'."""
    cue = _EXAMPLE.search(" ".join(before[-EXAMPLE_WINDOW - 1 :]))
    if cue is None:
        return False
    return cue.group(1) is None or bool({cue.group(1), cue.group(2)} & TOOL_NOUNS)


def _sentences(text: str) -> list[tuple[str, bool]]:
    """(sentence, in an outcome list): sentences of `text`, marking the bullet lines that
    follow a header stating outcomes ('By the end of this course, you will:')."""
    out: list[tuple[str, bool]] = []
    listing = False
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            listing = False
            continue
        bullet = bool(_BULLET.match(stripped))
        if listing and not bullet and len(stripped) > LIST_ITEM_MAX:
            listing = False
        item = listing
        if _LIST_HEADER.search(stripped) or (
            _LIST_HEADER_END.search(stripped) and _OUTCOME.search(stripped)
        ):
            listing = True
        out.extend((s, item) for s in _SENTENCE_SPLIT.split(stripped) if s)
    return out


INFERRED_PREREQUISITE = "rule:assumes-taxonomy-prerequisite"  # provenance of an inferred assumes
WEAK_PREFIX = "weak."  # provenance key of below-threshold evidence, kept for corroboration
# provenance key of a skill the course's own text says it does not teach: the merge keeps
# other sources of the same course (a title-only row) from adding it back
DENIED_PREFIX = "denied."


def level_for_weak(result: TagResult, course: Course, text: TagInput) -> Level:
    """The level of below-threshold evidence, should another source corroborate it: never
    a skill the course is about (that takes enough evidence on its own)."""
    return Tagger.level(course, result.hands_on, text.difficulty, None)[0]


def evidence_score(matches: Sequence[SkillMatch]) -> int:
    """Rule 1's weights: title 3; a short source skill list 2, a long one 1; a prose sentence
    1, or 2 when it states a learning outcome ('you will learn', 'covers', 'by the end', a
    what-you-will-learn bullet); prose counts at most 2. A skill is taught at TEACH_THRESHOLD
    (2): a title alone, a short list alone, an outcome sentence, a long list backed by prose,
    or two prose sentences."""
    listed = max(
        (FIELD_WEIGHT[m.field] for m in matches if m.field in ("title", "skills", "skills-long")),
        default=0,
    )
    prose = min(
        PROSE_CAP,
        sum(
            FIELD_WEIGHT[m.field]
            for m in matches
            if m.field in ("description", "syllabus", "outcome")
        ),
    )
    return listed + prose


CENTRAL_SCORE = 2 * TEACH_THRESHOLD  # evidence enough to teach a skill twice over
CENTRAL_SENTENCES = 3  # prose sentences that, beside a skill-list entry, make a skill central


def central(matches: Sequence[SkillMatch]) -> str | None:
    """Why a course is about a skill, or None: its title names it (a generic title word does
    not count: it is weak evidence); its evidence reaches CENTRAL_SCORE (a trusted skill-list
    entry and an outcome sentence, a title and prose); or its skill list names it and
    CENTRAL_SENTENCES prose sentences do too (mentions repeated across the row, which the
    capped score does not see). Only these skills reach level 3 through projects."""
    if any(m.field == "title" for m in matches):
        return "title"
    score = evidence_score(matches)
    if score >= CENTRAL_SCORE:
        return f"evidence {score}"
    sentences = sum(1 for m in matches if m.field in PROSE_FIELDS)
    if sentences >= CENTRAL_SENTENCES and any(m.field in LIST_FIELDS for m in matches):
        return f"listed and in {sentences} sentences"
    return None


_BASE_LEVEL = {
    CourseLevel.BEGINNER: Level.AWARE,
    CourseLevel.MIXED: Level.AWARE,
    CourseLevel.INTERMEDIATE: Level.PRACTISED,
    CourseLevel.ADVANCED: Level.PRACTISED,
}


@dataclass(frozen=True)
class TagInput:
    title: str
    description: str = ""
    syllabus: str = ""
    skills: Sequence[str] = ()
    outcomes: Sequence[str] = ()  # what-you-will-learn bullets
    prerequisites: str = ""  # the source's own prerequisite wording
    difficulty: str | None = None  # the source's wording, for provenance


def _title_only(text: TagInput) -> bool:
    """Whether the source gives nothing to read but the title."""
    return not any(
        part.strip()
        for part in (text.description, text.syllabus, text.prerequisites, *text.skills,
                     *text.outcomes)
    )  # fmt: skip


class Evidence(NamedTuple):
    teach: dict[str, list[SkillMatch]]
    weak: dict[str, list[SkillMatch]]
    assume: dict[str, tuple[Level, str]]
    denied: frozenset[str] = frozenset()  # skills a sentence says the course does not teach


@dataclass
class TagResult:
    teaches: dict[str, Level] = field(default_factory=dict)
    assumes: dict[str, Level] = field(default_factory=dict)
    hands_on: HandsOn | None = None
    provenance: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, list[SkillMatch]] = field(default_factory=dict)
    weak: dict[str, list[SkillMatch]] = field(default_factory=dict)  # below the threshold
    denied: frozenset[str] = frozenset()


@dataclass
class Tagger:
    matcher: SkillMatcher
    taxonomy: Taxonomy
    requires: Mapping[str, Sequence[str]] = field(default_factory=dict)
    weak_labels: frozenset[str] = frozenset()  # umbrella labels: count like a long list
    # phrases too generic to decide a skill alone ('classification', 'business intelligence'):
    # weak evidence in titles and skill lists, like an umbrella label
    generic: frozenset[str] = frozenset()
    # {skill: [skills]}: a skill is demoted to weak evidence when the title names one of the
    # listed skills but not the skill it requires (or, without requires, the skill itself):
    # object-oriented programming in a Java title is not object-oriented Python
    title_conflicts: Mapping[str, Sequence[str]] = field(default_factory=dict)
    # {phrase: context phrases}: an ambiguous phrase counts only when the course's text also
    # names one of its context phrases ('natural language processing' is deep-learning NLP
    # only next to 'neural networks', 'transformers', ...); all normalised
    context: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # programming languages: a prose sentence naming LANGUAGE_SURVEY or more of them lists
    # the options of a tool or a field ('run code in Python, R, or Scala'), not its topic
    languages: frozenset[str] = frozenset()
    # {skill: (area, reading)}: in a course whose title teaches `area` and not the skill's own
    # category, the skill's evidence is read as `reading` ('linear regression' on a statistics
    # course is the statistical model, not the machine-learning algorithm)
    area_readings: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    # {phrase: categories}: a field a title can name without naming a taxonomy skill ('Data
    # Science', 'Junior Software Developer'); its areas make a specific skill-list entry in
    # them plausible, like a title skill's area (all phrases normalised)
    title_fields: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # phrases that are ordinary words or names of other things ('poetry', 'jax', 'learning
    # theory'): wherever they match, title included, they count only beside a context phrase
    # of theirs or evidence for a related skill (`_related`); all normalised
    ambiguous: frozenset[str] = frozenset()

    _dependent_counts: dict[str, int] = field(default_factory=dict, repr=False)

    def _dependents(self, skill_id: str) -> int:
        """How many skills have `skill_id` as a direct prerequisite."""
        if not self._dependent_counts:
            counts = dict.fromkeys(self.taxonomy.skills, 0)
            for sid in self.taxonomy.skills:
                for prereq in self.taxonomy.prerequisites_of(sid):
                    counts[prereq] = counts.get(prereq, 0) + 1
            self._dependent_counts.update(counts)
        return self._dependent_counts.get(skill_id, 0)

    # ------------------------------------------------------------ evidence

    def _prose(
        self,
        text: str,
        field_name: str,
        teach: dict[str, list[SkillMatch]],
        assume: dict[str, tuple[Level, str]],
        denied: set[str] | None = None,
        named: set[str] | None = None,
        assumed_via: dict[str, set[str]] | None = None,
    ) -> None:
        for sentence, listed in _sentences(text):
            if len(sentence) < 2:
                continue
            if any(w in sentence for w in _PROGRAM_WORDS):
                sentence = _PROGRAM_NAME.sub(" ", sentence)
            if any(w in sentence for w in _ORG_WORDS):
                sentence = _ORG_NAME.sub(" ", sentence)
            matches = self.matcher.match_text(sentence, field_name)
            if not matches:
                continue
            if denied is not None and _DENIED.search(sentence):
                denied.update(m.skill for m in matches)
                continue
            if (
                _NO_PRIOR.search(sentence)
                or _COMPARISON.search(sentence)
                or _NOT_TAUGHT.search(sentence)
                or _TERMS.search(sentence)
            ):
                continue
            if _PREREQ.search(sentence):
                level = Level.PRACTISED if _STRONG_PREREQ.search(sentence) else Level.AWARE
                quote = " ".join(sentence.split())[:80].lower()
                for m in matches:
                    if assumed_via is not None:
                        assumed_via.setdefault(m.skill, set()).add(m.phrase)
                    if m.skill not in assume or assume[m.skill][0] < level:
                        assume[m.skill] = (level, f"rule:assumes-phrase('{quote}')->{int(level)}")
                continue
            # a syllabus entry that is a topic title ('Week 5: Customer Lifetime Value', '-
            # Autoencoders'), not a sentence, names what a unit covers: an outcome
            topic = field_name == "syllabus" and (
                len(_HEADING.sub("", sentence).split()) <= SYLLABUS_TOPIC_WORDS
            )
            outcome = field_name == "outcome" or listed or topic or _OUTCOME.search(sentence)
            kind = "outcome" if outcome else field_name
            norm = normalise(sentence)
            langs = {m.skill for m in matches} & self.languages
            # a bare 'R' is no alias (too ambiguous) but in a list of languages it is one
            bare_r = "prog.r" in self.languages and bool(_LISTED_R.search(sentence))
            if bare_r:
                langs = langs | {"prog.r"}
            survey = langs if len(langs) >= LANGUAGE_SURVEY else set()
            seen: set[str] = set()
            prev_end, prev_tool = -1, False  # the previous match and whether it was a tool
            for m in matches:
                before = norm[: m.start].split()
                # 'in the R programming language', 'using a SQL database': an article between
                # the tool word and the tool changes nothing
                lead = before[:-1] if before[-1:] and before[-1] in _ARTICLES else before
                tool = (
                    (
                        bool(lead)
                        and lead[-1] in TOOL_WORDS
                        and not (len(lead) > 1 and lead[-1] == "in" and lead[-2] in TOPIC_NOUNS)
                        # 'become familiar with X', 'get practice using X': X is practised
                        and not (len(lead) > 1 and lead[-2] in _PRACTISED_WORDS)
                    )
                    or (prev_tool and set(norm[prev_end : m.start].split()) <= _JOINERS)
                )
                prev_end, prev_tool = m.end, tool
                if m.skill in seen or m.skill in survey:  # one vote per sentence
                    continue
                seen.add(m.skill)
                if named is not None and lead[-1:] and lead[-1] in TEACHING_VERBS:
                    named.add(m.skill)  # 'you will learn (the) Python': what is taught
                example = _example(before)
                # 'analyses using Python': a tool in use, not a topic taught; 'tools such as
                # TensorFlow': an example named in passing (weight 1, also in an outcome)
                method = self.taxonomy[m.skill].category in METHOD_CATEGORIES
                weight_field = "description" if (tool and not method) or example else kind
                teach.setdefault(m.skill, []).append(replace(m, field=weight_field))

    def _related(self, skill_id: str, other: str) -> bool:
        """Whether evidence for `other` supports an ambiguous phrase of `skill_id`: a skill of
        the same area (outside the broad programming area, whose members are separate tools),
        or one a taxonomy prerequisite links to it either way (Python for Poetry, NumPy for
        JAX)."""
        if other == skill_id:
            return False
        category = self.taxonomy[skill_id].category
        if category not in BROAD_AREAS and self.taxonomy[other].category == category:
            return True
        return other in self.taxonomy.prerequisites_of(
            skill_id
        ) or skill_id in self.taxonomy.prerequisites_of(other)

    def _gate(
        self, found: Mapping[str, list[SkillMatch]], text: TagInput, named: Set[str]
    ) -> Callable[[str, str], bool]:
        """Whether a match of (skill, phrase) stands: a context-gated phrase needs one of its
        context phrases in the course's text; an ambiguous phrase (an ordinary word, the name
        of another thing: 'poetry', 'jax' in 'JAX-RS') needs a context phrase or evidence for
        a related skill (`_related`) named by an unambiguous phrase, or in `named` (skills the
        title names as its purpose or audience, assumed skills: 'Transformers for NLP').
        Titles and skill lists included: 'Write Dreamy, Heartfelt Poetry' is no Python
        packaging course."""
        parts = (text.title, text.description, text.syllabus, *text.skills, *text.outcomes)
        blob = " " + " ".join(normalise(p) for p in parts) + " "
        plain = {
            s for s, ms in found.items() if any(m.phrase not in self.ambiguous for m in ms)
        } | set(named)

        def stands(skill_id: str, phrase: str) -> bool:
            cues = self.context.get(phrase)
            if cues is not None and any(f" {c} " in blob for c in cues):
                return True
            if phrase in self.ambiguous:
                return any(self._related(skill_id, other) for other in plain)
            return cues is None

        return stands

    def evidence(self, text: TagInput) -> Evidence:
        """Skills with enough evidence to count as taught (rule 1), skills with some evidence
        below the threshold (kept for corroboration across sources), and assumed skills."""
        found: dict[str, list[SkillMatch]] = {}
        assume: dict[str, tuple[Level, str]] = {}
        norm_title = normalise(text.title)
        in_title: set[str] = set()
        audience: set[str] = set()
        purposes: set[str] = set()  # title skills after 'for'/'in': 'Transformers for NLP'
        for m in self.matcher.match_text(text.title, "title", prose=False):
            in_title.add(m.skill)
            before = norm_title[: m.start].split()
            after = norm_title[m.end :].split()
            if before[-1:] == ["for"] and after[:1] and after[0] in AUDIENCE_NOUNS:
                audience.add(m.skill)
                assume[m.skill] = (Level.PRACTISED, f"rule:assumes-title-audience('{m.phrase}')->2")
                continue
            medium = before[-1:] == ["in"] and (
                self.taxonomy[m.skill].category in MEDIUM_CATEGORIES
            )
            if before and before[-1] in PURPOSE_WORDS and not medium:
                purposes.add(m.skill)  # not taught, but it says what the title is about
                continue  # 'Linear Algebra for Machine Learning': ML is the purpose
            if m.phrase in self.generic:
                m = replace(m, field="skills-long")
            found.setdefault(m.skill, []).append(m)
        list_field = "skills" if len(text.skills) <= LONG_SKILL_LIST else "skills-long"
        listed: dict[str, list[SkillMatch]] = {}
        entries: dict[str, set[str]] = {}  # skill -> distinct specific long-list entries
        for label in text.skills:
            umbrella = normalise(label) in self.weak_labels
            for m in self.matcher.match_label(label, "skills-long" if umbrella else list_field):
                # an umbrella word inside a longer entry ('statistics' in 'General Statistics'
                # or 'Business Statistics') is as loose as the umbrella entry itself
                if m.phrase in self.generic or m.phrase in self.weak_labels:
                    m = replace(m, field="skills-long")
                elif not umbrella and m.field == "skills-long":
                    entries.setdefault(m.skill, set()).add(normalise(label))
                listed.setdefault(m.skill, []).append(m)
        # the areas the title teaches: a specific list entry in one of them is what the title
        # promises ('Xgboost' on 'Machine Learning'), not padding, even in a long list
        in_title = {s for s, ms in found.items() if any(m.field == "title" for m in ms)}
        title_areas = {self.taxonomy[s].category for s in in_title}
        padded_title = f" {norm_title} "
        field_areas: set[str] = set()
        for phrase, areas in self.title_fields.items():
            if f" {phrase} " in padded_title:
                field_areas |= areas

        def plausible(skill_id: str) -> bool:
            category = self.taxonomy[skill_id].category
            if category in field_areas - title_areas:
                return True  # the field the title names ('Data Science') covers the area
            if category not in title_areas:
                return False
            # in a broad area only a skill built on a title skill (pandas on a Python title;
            # not software testing on a Java title)
            return category not in BROAD_AREAS or bool(
                self.taxonomy.prerequisites_of(skill_id).keys() & in_title
            )

        for skill_id, ms in listed.items():
            repeated = len(entries.get(skill_id, ())) >= LONG_LIST_REPEATS
            in_area = bool(entries.get(skill_id)) and plausible(skill_id)
            if repeated or in_area:
                ms = [replace(m, field="skills") if m.field == "skills-long" else m for m in ms]
            found.setdefault(skill_id, []).extend(ms)
        denied: set[str] = set()
        objects: set[str] = set()  # skills a sentence names right after a teaching verb
        via: dict[str, set[str]] = {}  # assumed skill -> the phrases that named it
        self._prose(text.description, "description", found, assume, denied, objects, via)
        self._prose(text.syllabus, "syllabus", found, assume, denied, objects, via)
        for bullet in text.outcomes:
            self._prose(bullet, "outcome", found, assume, denied, objects, via)
        for skill_id in denied | audience:
            found.pop(skill_id, None)
        if len(text.description) >= DESCRIBED:
            # one list entry is all there is, the description never names the skill and the
            # title is about something else: a loose platform tag ('Python Programming' on a
            # reinforcement-learning course that describes itself without Python)
            for skill_id, ms in found.items():
                if len(ms) == 1 and ms[0].field == "skills" and not plausible(skill_id):
                    found[skill_id] = [replace(ms[0], field="skills-long")]
        if title_areas and INCIDENTAL_AREA not in title_areas:
            # the title teaches another area (statistics, ML, cloud): a programming skill its
            # row names in one prose sentence only, and nowhere in the title or skill list, is
            # the vehicle or a tool of the course ('Write Python code to create ML models' in
            # a data-science capstone), not its topic; another source can still corroborate it
            for skill_id, ms in found.items():
                if (
                    len(ms) == 1
                    and skill_id not in objects
                    and ms[0].field in PROSE_FIELDS
                    and self.taxonomy[skill_id].category == INCIDENTAL_AREA
                ):
                    found[skill_id] = [replace(ms[0], field="description")]
        # a field the title names covers the reading's area too: 'Linear Regression' on a
        # 'Data Science' title is the statistical model unless the title names an ML skill
        reading_areas = title_areas | field_areas
        for skill_id, (area, reading) in self.area_readings.items():
            category = self.taxonomy[skill_id].category
            if skill_id in found and area in reading_areas and category not in title_areas:
                moved = [replace(m, skill=reading) for m in found.pop(skill_id)]
                found.setdefault(reading, []).extend(moved)
        if text.prerequisites:
            strong = _STRONG_PREREQ.search(text.prerequisites)
            for m in self.matcher.match_text(text.prerequisites, "prerequisites"):
                via.setdefault(m.skill, set()).add(m.phrase)
                level = Level.PRACTISED if strong else Level.AWARE
                if m.skill not in assume or assume[m.skill][0] < level:
                    assume[m.skill] = (level, f"rule:assumes-prerequisites-field->{int(level)}")
        gated = self.context.keys() | self.ambiguous
        if gated and any(m.phrase in gated for ms in found.values() for m in ms):
            stands = self._gate(found, text, purposes | audience | assume.keys())
            kept: dict[str, list[SkillMatch]] = {}
            for skill_id, ms in found.items():
                ms = [m for m in ms if stands(m.skill, m.phrase)]
                if ms:
                    kept[skill_id] = ms
            found = kept
        if any(ps <= self.ambiguous for ps in via.values()):
            # an assumption named only by ambiguous phrases needs a co-signal too ('familiarity
            # with JAX-RS' in a Java course assumes no JAX)
            stands = self._gate(found, text, purposes | audience)
            for skill_id, phrases in via.items():
                if phrases <= self.ambiguous and not any(stands(skill_id, p) for p in phrases):
                    assume.pop(skill_id, None)
        teach = {s: ms for s, ms in found.items() if evidence_score(ms) >= TEACH_THRESHOLD}
        # a specific long-list entry built on a skill the row teaches ('A/B Testing' beside
        # taught hypothesis testing, 'Apache Spark' beside big data) is the course going on
        # from it, not padding; a prerequisite of many skills (ML fundamentals, Python) or in
        # the broad programming area says too little
        for skill_id, ms in found.items():
            if skill_id in teach or not entries.get(skill_id):
                continue
            if any(m.field != "skills-long" for m in ms):
                continue
            if any(
                p in teach
                and self.taxonomy[p].category not in BROAD_AREAS
                and self._dependents(p) < HUB_DEPENDENTS
                for p in self.taxonomy.prerequisites_of(skill_id)
            ):
                teach[skill_id] = [replace(m, field="skills") for m in ms]
        weak = {s: ms for s, ms in found.items() if s not in teach}
        # Gates: a skill that needs a companion skill's evidence.
        # A companion the course assumes counts too: pandas in a project that presumes Python.
        for skill_id, needs in self.requires.items():
            if skill_id in teach and not any(n in teach or n in assume for n in needs):
                del teach[skill_id]
        for skill_id, rivals in self.title_conflicts.items():
            own = set(self.requires.get(skill_id, ())) or {skill_id}
            if in_title & set(rivals) and not in_title & own:
                if skill_id in teach:
                    weak[skill_id] = teach.pop(skill_id)
                # nor assumed: 'a refresher on object-oriented programming' in 'Core Java'
                assume.pop(skill_id, None)
        if teach and not field_areas and set(teach) <= APPLIED_PRACTICE:
            for skill_id in list(teach):
                weak[skill_id] = teach.pop(skill_id)
        return Evidence(teach, weak, assume, frozenset(denied))

    # ------------------------------------------------------------ levels

    @staticmethod
    def hands_on(course: Course, text: TagInput) -> tuple[HandsOn | None, str | None]:
        if course.kind == CourseKind.GUIDED_PROJECT:
            return HandsOn.GUIDED_LABS, "rule:hands-on-from-kind(guided-project)"
        blob = " ".join((text.title, text.description, text.syllabus))
        lower = blob.lower()
        for kind, words, pattern in _HANDS_ON:
            if not any(w in lower for w in words):
                continue
            found = pattern.search(blob)
            if found:
                return kind, f"rule:hands-on-cue('{found.group(0).lower()}')"
        return None, None

    @staticmethod
    def level(
        course: Course, hands_on: HandsOn | None, difficulty: str | None, central: str | None
    ) -> tuple[Level, str]:
        """The level the course teaches a skill at, and its rules. `central` says why the
        course is about the skill ('title', 'evidence 4', see `central`), None for a skill it
        only touches, which it teaches at 1 whatever its difficulty, labs or projects."""
        base = _BASE_LEVEL.get(course.level, Level.AWARE) if course.level else Level.AWARE
        words = difficulty or (course.level.value if course.level else "unknown")
        level, rule = base, f"rule:level-from-difficulty({words})->{int(base)}"
        if central is None:
            # A course practises what it is about. A skill it only touches (one outcome
            # sentence, a list entry: random variables in a Six Sigma course, linear algebra
            # in a MATLAB primer, A/B tests in a marketing course) is met there, not practised,
            # whatever the course's difficulty or labs: credited at 2 it let such courses
            # stand in for courses about the skill in plans (benchmarks/plan_focus.py).
            return Level.AWARE, rule + "; rule:not-central->1"
        if hands_on is not None and level < Level.PRACTISED:
            level = Level.PRACTISED
            rule += f"; rule:hands-on->{int(level)}"
        # Independent projects (the learner's own, on data they choose) make a skill applied
        # (3); one capstone closing a guided program does not: the curated catalog labels 8 of
        # its 11 capstone certificates at 2 and most independent-project courses at 3, and an
        # IBM certificate's capstone put 'applied machine learning' after graduate courses.
        deep = hands_on == HandsOn.INDEPENDENT_PROJECTS
        advanced = course.level == CourseLevel.ADVANCED
        program = course.kind in _PROGRAM_KINDS and course.level in (
            CourseLevel.INTERMEDIATE,
            CourseLevel.ADVANCED,
        )
        if deep and (advanced or program) and central == "title":
            # the projects apply what the program is named for, not every skill it covers in
            # depth (the skills it only touches, Python in a DevOps certificate, stopped at 1
            # above)
            where = "program" if program else "advanced-course"
            level = Level.APPLIED
            rule += f"; rule:projects-in-{where}(central: {central})->3"
        hours = course.effort.total_hours() if course.effort else None
        if hours is not None and hours < SHORT_COURSE_HOURS and level > Level.AWARE:
            # an hour or two of material introduces a skill; practising it in labs (level 2)
            # takes longer, whatever the course's difficulty label or hands-on cue says
            level = Level.AWARE
            rule += f"; rule:short-course({hours:g}h)->1"
        return level, rule

    def _tool_languages(
        self, title: str, teach: Mapping[str, Sequence[SkillMatch]]
    ) -> dict[str, str]:
        """General-purpose languages the title names as the tool of another taught skill
        ('Machine Learning with Python', 'RESTful API Design using Python Flask'): such a
        course works in the language at the level its learners bring, it does not take a
        newcomer to practised (a 3.8 h Flask course 'raised Python to 2' in a manager's plan).
        {skill: the words naming it}."""
        norm = normalise(title)
        in_title = {s: [m for m in ms if m.field == "title"] for s, ms in teach.items()}
        # the skill the title is about comes first: 'Machine Learning with Python', not
        # 'First Steps in Python with Jupyter Notebooks'
        heads = [m.end for s, ms in in_title.items() if s not in TOOL_LANGUAGES for m in ms]
        if not heads:
            return {}
        out: dict[str, str] = {}
        for skill_id in TOOL_LANGUAGES & in_title.keys():
            for m in in_title[skill_id]:
                before = norm[: m.start].split()
                if before and before[-1] in TOOL_WORDS and min(heads) <= m.start:
                    out[skill_id] = f"{before[-1]} {m.phrase}"
        return out

    @staticmethod
    def advanced_cue(course: Course, text: TagInput) -> str | None:
        """Why the course builds on its own main skills, or None: its title says advanced or
        capstone, or its difficulty is advanced (unless its description calls it an
        introduction); never when its title or text says it starts from nothing ('Beginner
        to Advanced', 'no prior experience required')."""
        found = _ADVANCED_TITLE.search(text.title)
        if found is None and course.level != CourseLevel.ADVANCED:
            return None
        if _FROM_SCRATCH.search(text.title):
            return None
        if _NO_PRIOR.search(text.description) or _NO_PRIOR.search(text.prerequisites):
            return None
        if found is not None:
            return f"title '{found.group(0).lower()}'"
        if _INTRODUCTION.search(text.description):
            # labelled advanced for its rigour, introducing its subject ('An in-depth
            # introduction to the field of machine learning')
            return None
        return f"difficulty {text.difficulty or course.level}"

    # ------------------------------------------------------------ entry point

    def tag(self, course: Course, text: TagInput) -> TagResult:
        teach, weak, assume, denied = self.evidence(text)
        result = TagResult(evidence=teach, weak=weak, denied=denied)
        hands_on, hands_rule = self.hands_on(course, text)
        if hands_on is not None and hands_rule is not None:
            result.hands_on = hands_on
            result.provenance["hands_on"] = hands_rule
        tool = self._tool_languages(text.title, teach)
        title_only = _title_only(text)
        for skill_id in sorted(teach):
            first = teach[skill_id][0]
            level, level_rule = self.level(
                course, hands_on, text.difficulty, central(teach[skill_id])
            )
            if skill_id in tool and level > Level.AWARE:
                level = Level.AWARE
                level_rule += f"; rule:language-as-tool('{tool[skill_id]}')->1"
            if title_only and level > Level.AWARE:
                # A title names the subject; how far the course takes it is unknown. At its
                # difficulty's level, a free 'Automate R scripts with GitHub Actions: Deploy
                # a model' row (title, level, 'Free' and nothing else) was a plan's way to
                # model deployment 2 and CI/CD 2.
                level = Level.AWARE
                level_rule += "; rule:title-only->1"
            result.teaches[skill_id] = level
            how = "fuzzy" if first.score < 100 else "alias"
            result.provenance[f"teaches.{skill_id}"] = (
                f"rule:{how}({first.field}:'{first.phrase}'); {level_rule}"
            )
        for skill_id, (alevel, rule) in sorted(assume.items()):
            if skill_id in result.teaches:
                continue
            result.assumes[skill_id] = alevel
            result.provenance[f"assumes.{skill_id}"] = rule
        cue = self.advanced_cue(course, text)
        if cue is not None:
            # an advanced course or a capstone builds on what it is about: it raises its main
            # skills (the central ones, `central`) by a level, and a learner without them
            # takes an introduction first ('Advanced DAX' does not take a beginner to Power BI
            # 2); a skill taught at level 1 has no lower level to assume. A difficulty label
            # alone says less than a title: when the text states prerequisites and they leave
            # the skill out, the course starts it from scratch (MIT's 'Machine Learning with
            # Python', labelled advanced, asks for Python and calculus, not machine learning)
            by_label = not cue.startswith("title")
            for skill_id, level in result.teaches.items():
                if level <= Level.AWARE or skill_id in APPLIED_PRACTICE:
                    continue
                if central(teach[skill_id]) is None:
                    continue
                if by_label and assume and skill_id not in assume:
                    continue
                own = Level(level - 1)
                result.assumes[skill_id] = own
                result.provenance[f"assumes.{skill_id}"] = (
                    f"rule:assumes-own-skill({cue})->{int(own)}"
                )
        if course.level in (CourseLevel.INTERMEDIATE, CourseLevel.ADVANCED):
            # a prerequisite language is the usual medium of a skill (Python for software
            # engineering practices); a course teaching it in another language does not
            # assume it ('JavaScript Design Patterns', 'Object-Oriented Data Structures in C++')
            coded_in = set(result.teaches) & self.languages
            for skill_id in list(result.teaches):
                if central(teach[skill_id]) is None:
                    # a skill the course only touches (taught at 1) is no reason to ask
                    # for that skill's own prerequisites: a predictive-modelling course
                    # mentioning time series does not need regression at 2 first
                    continue
                for prereq, plevel in self.taxonomy.prerequisites_of(skill_id).items():
                    if prereq in result.teaches or result.assumes.get(prereq, 0) >= plevel:
                        continue
                    if prereq in self.languages - COMPANION_LANGUAGES and coded_in - {prereq}:
                        continue
                    result.assumes[prereq] = plevel
                    result.provenance[f"assumes.{prereq}"] = (
                        f"{INFERRED_PREREQUISITE}({skill_id}, {course.level.value})->{int(plevel)}"
                    )
        return result

    def apply(self, course: Course, text: TagInput) -> Course:
        """A copy of `course` with teaches, assumes and hands_on filled by the rules (values
        the course already has are kept: they come from a better source)."""
        result = self.tag(course, text)
        teaches = {**result.teaches, **course.teaches}
        # an assumption below the taught level is an advanced course's own skill (it raises
        # it by a level); one at or above it cannot be met by the course and goes
        assumes = {k: v for k, v in result.assumes.items() if k not in teaches or v < teaches[k]}
        assumes.update(course.assumes)
        provenance = {
            k: v
            for k, v in result.provenance.items()
            if not (k.startswith("teaches.") and k[8:] in course.teaches)
        }
        source = course.sources[0] if course.sources else "?"
        for skill_id, matches in result.weak.items():
            if skill_id in teaches or not matches:
                continue
            first = matches[0]
            provenance[f"{WEAK_PREFIX}{skill_id}"] = (
                f"{evidence_score(matches)}|{int(level_for_weak(result, course, text))}|{source}|"
                f"{first.field}:'{first.phrase}'"
            )
        for skill_id in sorted(result.denied):
            provenance[f"{DENIED_PREFIX}{skill_id}"] = f"rule:denied({source})"
        provenance.update(course.provenance)
        update: dict[str, object] = {
            "teaches": teaches,
            "assumes": assumes,
            "provenance": provenance,
        }
        if course.hands_on is None and result.hands_on is not None:
            update["hands_on"] = result.hands_on
        return course.model_copy(update=update)
