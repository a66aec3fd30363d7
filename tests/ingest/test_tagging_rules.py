"""The default tagger's context rules (engine/tagging.py with knowledge/tagging_aliases.yaml)
and the gold set's DEV/TEST split."""

from __future__ import annotations

from pathlib import Path

from coursestack.domain import Course, CourseLevel
from coursestack.engine.tagging import TagInput, TagResult
from coursestack.ingest.aliases import default_tagger
from coursestack.ingest.evaluation import gold_split, load_gold, split_gold
from coursestack.ingest.merge import merge_courses, source_ranker

GOLD = Path(__file__).parent / "gold" / "labels.yaml"


def tag(title: str, description: str = "", skills: tuple[str, ...] = ()) -> TagResult:
    course = Course(
        id="x", title=title, platform="coursera", level=CourseLevel.BEGINNER, sources=["dump.csv"]
    )
    return default_tagger().tag(course, TagInput(title, description, skills=skills))


def test_bullets_after_an_outcome_header_are_outcomes() -> None:
    text = "By the end of this course, you will:\n-Build pivot tables\n"
    assert "data.spreadsheet-analysis" in tag("Statistics", text).teaches
    plain = "Welcome.\n-Build pivot tables\n"
    assert "data.spreadsheet-analysis" not in tag("Statistics", plain).teaches


def test_a_tool_in_an_outcome_bullet_is_still_a_tool() -> None:
    text = "By the end of this course, you will:\n- Perform analyses using Python\n"
    assert "prog.python" not in tag("Statistics", text).teaches
    assert "prog.python" in tag("Statistics", "You will learn Python.").teaches


def test_course_in_a_topic_is_not_a_tool() -> None:
    text = "This is an introductory course in supervised learning."
    assert "ml.supervised" in tag("Statistical Methods", text).teaches


def test_skills_named_to_compare_are_not_taught() -> None:
    text = "You will understand how RL complements supervised and unsupervised learning."
    assert "ml.unsupervised" not in tag("Reinforcement Learning", text).teaches


def test_generic_title_words_are_weak_evidence() -> None:
    result = tag("Natural Language Processing with Classification and Vector Spaces")
    assert "ml.supervised" not in result.teaches and "ml.supervised" in result.weak
    assert "ml.supervised" in tag("Regression and Classification").teaches


def test_object_oriented_programming_needs_a_python_title_not_a_java_one() -> None:
    assert "prog.python.oop" in tag("Advanced Python: Object-Oriented Programming").teaches
    java = tag("Object Oriented Programming in Java", "You will learn Python basics too.")
    assert "prog.java" in java.teaches and "prog.python.oop" not in java.teaches


def test_a_language_after_in_is_taught() -> None:
    assert "prog.javascript" in tag("Mastering Functions in JavaScript").teaches
    assert "ml.fundamentals" not in tag("Statistics in Machine Learning").teaches


def test_fuzzy_labels_keep_symbols_and_short_words() -> None:
    matcher = default_tagger().matcher
    assert matcher.match_label("C Programming") == []
    assert [m.skill for m in matcher.match_label("C++ Programming")] == ["prog.cpp"]


def test_gold_split_is_stable_and_covers_both_halves() -> None:
    gold = load_gold(GOLD)
    dev, test = split_gold(gold, "dev"), split_gold(gold, "test")
    assert set(dev) | set(test) == set(gold) and not set(dev) & set(test)
    assert min(len(dev), len(test)) >= 0.4 * len(gold)
    assert gold_split("coursera.org/learn/machine-learning") == gold_split(
        "coursera.org/learn/machine-learning"
    )


PADDING = tuple(f"Topic {i}" for i in range(14))  # unrelated entries: the list is long


def test_a_long_list_naming_a_skill_twice_teaches_it() -> None:
    once = ("Databases", *PADDING)
    twice = ("Databases", "Database (DBMS)", *PADDING)
    assert "de.relational-databases" not in tag("Data Course", skills=once).teaches
    assert "de.relational-databases" in tag("Data Course", skills=twice).teaches


def test_umbrella_entries_do_not_count_as_a_repeat() -> None:
    umbrellas = ("Machine Learning", "Machine Learning Algorithms", *PADDING)
    assert "ml.fundamentals" not in tag("Data Course", skills=umbrellas).teaches


def test_curly_apostrophe_states_an_outcome() -> None:
    assert "prog.regex" in tag("Scripting", "You’ll learn regular expressions.").teaches


def test_a_tool_named_as_an_example_is_not_taught() -> None:
    text = "You will build models with such tools as Teachable Machine and TensorFlow."
    assert "dl.tensorflow" not in tag("AI Basics", text).teaches
    assert "dl.tensorflow" in tag("AI Basics", "You will learn TensorFlow.").teaches


def test_a_label_keeps_the_field_it_is_matched_in_whatever_came_first() -> None:
    matcher = default_tagger().matcher
    assert {m.field for m in matcher.match_label("Test Automation", "skills")} == {"skills"}
    long = matcher.match_label("Test Automation", "skills-long")
    assert long and {m.field for m in long} == {"skills-long"}


LONG_DESCRIPTION = (
    "This course explains how agents learn from trial and error, how to formalise a task as a "
    "decision problem, and how to evaluate and improve a policy step by step on small problems, "
    "with quizzes and graded assignments in every module."
)


def test_a_sentence_about_what_is_left_out_teaches_nothing() -> None:
    text = "You will learn the ideas, but we don't cover tools like Python and TensorFlow."
    assert "prog.python" not in tag("AI Basics", text).teaches


def test_skills_in_a_program_name_are_not_topics() -> None:
    named = "This course, part of the Linux Systems Programming Specialization, covers arrays."
    assert "prog.linux" not in tag("Arrays in C", named).teaches
    assert "prog.linux" in tag("Arrays in C", "This course covers Linux commands.").teaches


def test_tools_joined_after_using_are_all_tools() -> None:
    text = "You will learn how to access databases using SQL and Python."
    assert "prog.python" not in tag("Data Access", text).teaches
    assert "prog.python" in tag("Data Access", "You will learn SQL and Python.").teaches


def test_knowledge_that_is_necessary_is_assumed() -> None:
    result = tag("Computer Vision", "However, some knowledge of Python is necessary.")
    assert "prog.python" in result.assumes and "prog.python" not in result.teaches


def test_one_list_entry_the_description_never_names_is_a_loose_tag() -> None:
    skills = ("Python Programming", "Reinforcement Learning")
    assert "prog.python" not in tag("Reinforcement Learning", LONG_DESCRIPTION, skills).teaches
    assert "prog.python" in tag("Reinforcement Learning", "", skills).teaches  # list is all


def test_a_long_list_entry_in_the_title_area_counts() -> None:
    skills = ("Xgboost", *PADDING)
    assert "ml.supervised.xgboost" in tag("Machine Learning", skills=skills).teaches
    assert "ml.supervised.xgboost" not in tag("Business Essentials", skills=skills).teaches


def test_a_job_title_names_its_field() -> None:
    # 'Data Analyst' promises what 'Data Analytics' does: an analysis entry of a long list
    skills = ("Exploratory Data Analysis", *PADDING)
    assert "data.eda" in tag("Meta Data Analyst Professional Certificate", skills=skills).teaches
    assert "data.eda" not in tag("Meta Marketing Professional Certificate", skills=skills).teaches


def test_in_a_broad_area_a_list_entry_needs_to_build_on_the_title() -> None:
    testing = tag("Java Programming", LONG_DESCRIPTION, ("Software Testing",))
    assert "prog.testing" not in testing.teaches
    assert "prog.pandas" in tag("Python Programming", LONG_DESCRIPTION, ("Pandas",)).teaches


def test_nlp_is_deep_learning_only_beside_deep_learning_words() -> None:
    assert "dl.nlp" not in tag("Natural Language Processing").teaches
    deep = tag("Natural Language Processing", "You will build neural networks for text.")
    assert "dl.nlp" in deep.teaches


def test_a_blocked_phrase_hides_the_alias_it_overlaps() -> None:
    assert "mlops.edge-deployment" not in tag("AI", "You will learn cutting-edge AI.").teaches
    assert "mlops.edge-deployment" in tag("AI", "You will learn edge AI.").teaches


def test_notebooks_and_real_world_data_in_prose_are_the_medium_not_the_topic() -> None:
    text = "You will learn to analyse real-world data in Jupyter notebooks."
    result = tag("Data Tools", text)
    assert "prog.jupyter" not in result.teaches and "data.messy-real-data" not in result.teaches
    # a lone 'Jupyter' skill-list tag is an environment tag too (see the activity-tag test); a
    # course about notebooks says so in its title
    assert "prog.jupyter" in tag("Data Tools", skills=("Jupyter",)).weak
    assert "prog.jupyter" in tag("Jupyter Notebooks for Data Tools").teaches


def test_an_umbrella_word_inside_a_longer_list_entry_is_weak() -> None:
    skills = ("General Statistics", "Battery Cells")
    assert "stats.descriptive" not in tag("Battery Management", skills=skills).teaches
    assert (
        "stats.descriptive" in tag("Battery Management", skills=("Descriptive Statistics",)).teaches
    )


def test_large_language_models_in_prose_or_as_a_platform_tag_are_not_llm_foundations() -> None:
    text = "You will learn to apply large language models (LLMs) to everyday HR tasks."
    assert "llm.foundations" not in tag("AI for HR", text).teaches
    assert "llm.foundations" not in tag("AI for HR", skills=("Large Language Modeling",)).teaches
    assert "llm.foundations" in tag("Introduction to Large Language Models").teaches


def test_a_denied_skill_is_not_taught_even_when_the_title_names_it() -> None:
    text = "NOTE: This course is not intended to teach you Python. You will build a scraper."
    assert "prog.python" not in tag("Python Project for Data Science", text).teaches
    assert (
        "prog.python" in tag("Python Project for Data Science", "You will build a scraper.").teaches
    )


def test_a_companion_the_course_assumes_satisfies_requires() -> None:
    text = (
        "Prerequisite: the Python for Everybody course. "
        "This course is not intended to teach you Python. "
        "You will learn object-oriented programming and build classes."
    )
    assert "prog.python.oop" in tag("Project: Object-Oriented Design", text).teaches


def test_a_full_stop_without_a_space_after_a_bracket_ends_a_sentence() -> None:
    text = "Learners should have a computer (any kind).You will learn SQL."
    assert "prog.sql" in tag("Data Skills", text).teaches  # not in the prerequisite sentence


def test_an_audience_familiar_with_a_skill_assumes_it() -> None:
    text = "This course is designed for analysts familiar with SQL who want to learn dashboards."
    result = tag("Dashboards", text)
    assert "prog.sql" in result.assumes and "prog.sql" not in result.teaches
    assert "prog.sql" not in tag("Dashboards", "You will become familiar with SQL.").assumes


def _row(title: str, description: str, source: str) -> Course:
    course = Course(
        id="x", title=title, platform="coursera", level=CourseLevel.BEGINNER, sources=[source]
    )
    return default_tagger().apply(course, TagInput(title, description))


def test_a_title_only_row_does_not_bring_back_a_skill_the_described_row_denies() -> None:
    title = "Python Project for Data Engineering"
    described = _row(title, "This course is not intended to teach you Python.", "detailed.csv")
    title_only = _row(title, "", "domains.csv")
    assert "prog.python" in title_only.teaches and "prog.python" not in described.teaches
    rank = source_ranker({"detailed.csv": 1, "domains.csv": 3})
    for first, second in ((described, title_only), (title_only, described)):
        merged, _ = merge_courses(first, second, rank)
        assert "prog.python" not in merged.teaches


def test_a_method_after_using_is_the_topic_applied_not_a_tool() -> None:
    text = "By the end of this course, you will:\n- Summarise data using descriptive statistics\n"
    assert "stats.descriptive" in tag("Public Health Research", text).teaches
    assert (
        "prog.python" not in tag("Public Health Research", text + "- Work using Python\n").teaches
    )


def test_a_sentence_listing_three_languages_surveys_them() -> None:
    text = (
        "You will test each tool and run simple code in Python, R, or Scala. "
        "Utilize languages used by data scientists like Python, R, and SQL."
    )
    result = tag("Tools for Data Science", text)
    assert not {"prog.python", "prog.scala", "prog.sql"} & set(result.teaches)
    two = tag("Tools for Data Science", "You will learn Python and SQL.")
    assert {"prog.python", "prog.sql"} <= set(two.teaches)


def test_ml_models_in_a_title_is_not_the_ml_area() -> None:
    result = tag("Analyze Datasets and Train ML Models using AutoML")
    assert "ml.fundamentals" not in result.teaches and "ml.automl" in result.teaches
    assert "ml.fundamentals" in tag("Introduction to ML").teaches


def test_prose_phrasings_of_visualization_storytelling_and_statistics() -> None:
    viz = tag("Business Intelligence", "You will learn to design data visualizations.")
    assert "viz.principles" in viz.teaches
    story = tag("Analytics", "Learn how to form a compelling narrative through data stories.")
    assert "data.storytelling" in story.teaches
    stats = tag("Pre-MBA Course", "This course introduces descriptive and inferential statistics.")
    assert {"stats.descriptive", "stats.inference"} <= set(stats.teaches)
    test = tag("Analytics", "You will learn to conduct a hypothesis test.")
    assert "stats.hypothesis-testing" in test.teaches


def test_becoming_familiar_with_a_skill_is_an_outcome() -> None:
    text = "You will become familiar with data warehouses."
    assert "de.data-warehousing" in tag("Data Engineering Basics", text).teaches


def test_an_organisation_name_is_not_a_topic() -> None:
    text = "This course is taught by cloud experts from The Linux Foundation."
    assert "prog.linux" not in tag("Cloud Infrastructure", text + " " + text).teaches
    assert "prog.linux" in tag("Cloud Infrastructure", "You will learn the Linux shell.").teaches


def test_a_skill_naming_the_title_audience_is_assumed_not_taught() -> None:
    text = "Kotlin works with Java code. We'll discuss nullability and Java interoperability."
    result = tag("Kotlin for Java Developers", text)
    assert "prog.java" not in result.teaches and "prog.java" in result.assumes
    assert "prog.java" in tag("Java Programming for Developers").teaches


def test_linear_regression_on_a_statistics_course_is_the_statistical_model() -> None:
    stats = tag("Statistical Analysis with R", skills=("Linear Regression",))
    assert "stats.regression" in stats.teaches
    assert "ml.supervised.linear-regression" not in stats.teaches
    ml = tag("Machine Learning", skills=("Linear Regression",))
    assert "ml.supervised.linear-regression" in ml.teaches and "stats.regression" not in ml.teaches


def test_an_article_after_a_tool_word_keeps_the_tool_a_tool() -> None:
    text = "You will learn to analyse a data set in the R programming language."
    assert "prog.r" not in tag("Statistical Inference", text).teaches
    assert "prog.r" in tag("Statistical Inference", "You will learn the R language.").teaches


def test_practice_using_a_skill_is_practising_it() -> None:
    text = "You'll get practice using the Linux command line on a virtual machine."
    assert "prog.linux" in tag("Automating Tasks", text).teaches


def test_rstudio_in_prose_is_an_ide_not_r() -> None:
    text = "Work with Jupyter Notebooks, RStudio IDE and Watson Studio. Use RStudio features."
    assert "prog.r" not in tag("Tools for Data Science", text).teaches


def test_such_as_after_a_topic_lists_topics_after_a_tool_noun_examples() -> None:
    topics = "You will learn about data repositories such as NoSQL databases."
    assert "de.nosql" in tag("Data Engineering Basics", topics).teaches
    tools = "You will build apps with tools such as TensorFlow."
    assert "dl.tensorflow" not in tag("AI for Business", tools).teaches


def test_named_algorithm_techniques_are_algorithms() -> None:
    text = "This course covers greedy algorithms and divide and conquer."
    assert "prog.algorithms" in tag("Algorithmic Toolbox", text).teaches


def test_a_short_course_teaches_at_level_one() -> None:
    from coursestack.domain import Effort, Level

    def level(hours: float) -> Level:
        course = Course(
            id="x",
            title="Git",
            platform="udemy",
            level=CourseLevel.INTERMEDIATE,
            effort=Effort(hours=hours),
            sources=["dump.csv"],
        )
        result = default_tagger().tag(course, TagInput("Build a Project with Git", "A course."))
        return result.teaches["prog.git"]

    assert level(2.5) == Level.AWARE
    assert level(12) == Level.PRACTISED


def test_a_multi_word_alias_matches_its_plural() -> None:
    text = "You will learn about data lakes and their uses."
    assert "de.data-lakes" in tag("Data Engineering Basics", text).teaches


def test_one_passing_mention_of_a_tool_on_another_areas_title_is_not_taught() -> None:
    text = "By the end of this course, you will:\n- Write Python code to build regression models\n"
    assert "prog.python" not in tag("Statistics Capstone", text).teaches
    assert "prog.python" in tag("Statistics Capstone", text).weak
    # named twice, or as what the course teaches, or on a programming title: taught
    twice = text + "- Debug Python code in notebooks\n"
    assert "prog.python" in tag("Statistics Capstone", twice).teaches
    assert "prog.python" in tag("Statistics Capstone", "You will learn Python.").teaches
    assert "prog.python" in tag("Data Structures", text).teaches


def test_a_field_the_title_names_makes_long_list_entries_in_its_areas_plausible() -> None:
    filler = tuple(f"Soft Skill {n}" for n in range(12))
    listed = (*filler, "Random Forest", "Statistical Inference", "Java Programming")
    science = tag("Data Science", skills=listed)
    assert {"ml.supervised.tree-ensembles", "stats.inference"} <= set(science.teaches)
    assert "prog.java" not in science.teaches  # programming is not a data-science area
    developer = tag("Junior Software Developer", skills=listed)
    assert "prog.java" in developer.teaches and "stats.inference" not in developer.teaches
    # a title naming no field: the same long list stays padding
    other = tag("Career Essentials", skills=listed)
    assert not {"ml.supervised.tree-ensembles", "stats.inference", "prog.java"} & set(other.teaches)


def test_prose_phrasings_of_optimization_nosql_big_data_and_lifetime_value() -> None:
    text = (
        "You will learn linear and integer optimization. The course covers NoSQL data stores "
        "and big data processing. You will learn to estimate customer lifetime value."
    )
    taught = set(tag("Business Methods", text).teaches)
    assert {"math.optimization", "de.nosql", "de.big-data", "data.business-metrics"} <= taught


def test_linear_regression_on_a_field_covering_statistics_is_the_statistical_model() -> None:
    filler = tuple(f"Soft Skill {n}" for n in range(12))
    listed = (*filler, "Linear Regression", "Random Forest")
    science = tag("Data Science", skills=listed)
    assert "stats.regression" in science.teaches
    assert "ml.supervised.linear-regression" not in science.teaches
    assert "ml.supervised.tree-ensembles" in science.teaches  # only the reading moves
    # a title that names an ML skill itself keeps the learning algorithm
    ml = tag("Data Science and Machine Learning", skills=listed)
    assert "ml.supervised.linear-regression" in ml.teaches


def test_a_translation_behaves_like_its_english_phrase() -> None:
    text = "El curso cubre el aprendizaje supervisado y la reducción de dimensionalidad."
    taught = set(tag("Introducción", text).teaches)
    assert {"ml.supervised", "ml.unsupervised.dimensionality-reduction"} <= taught
    # a German skill-list entry names its skill; an umbrella stays weak, as in English
    german = tag("Kurs", skills=("Datenbereinigung",))
    assert "data.cleaning" in german.teaches
    filler = tuple(f"Soft Skill {n}" for n in range(12))
    assert "viz.principles" not in tag("Kurs", skills=(*filler, "Datenvisualisierung")).teaches
    # prose-excluded in English ('machine learning'), prose-excluded translated
    assert "ml.fundamentals" not in tag("Curso", "Aprenderás aprendizaje automático.").teaches
    # a field a title names ('Ciencia de Datos' = 'Data Science'), with its areas
    listed = (*filler, "Random Forest")
    assert "ml.supervised.tree-ensembles" in tag("Ciencia de Datos", skills=listed).teaches


def test_spanish_and_german_cues_state_outcomes_prerequisites_and_tools() -> None:
    outcome = "Aprenderás la estadística inferencial."
    assert "stats.inference" in tag("Curso", outcome).teaches
    assert "stats.inference" not in tag("Curso", "Hablamos de estadística inferencial.").teaches
    prereq = tag("Curso", "Requisitos: conocimientos de estadística inferencial.")
    assert "stats.inference" in prereq.assumes and "stats.inference" not in prereq.teaches
    assert "prog.python" not in tag("Curso", "No se requiere experiencia en Python.").teaches
    assert "prog.python" not in tag("Kurs", "Sie lernen Statistik mit Python.").teaches
    assert "prog.python" in tag("Kurs", "Sie lernen Python.").teaches


def test_prose_phrasings_of_recurrent_networks_text_analysis_and_predictive_analysis() -> None:
    text = (
        "You will learn recurrent networks. The course covers text analysis. "
        "You will learn to evaluate models for predictive analysis."
    )
    taught = set(tag("Methods", text).teaches)
    assert {"dl.sequence-models", "ml.nlp-classical", "ml.supervised"} <= taught


def test_what_the_learner_will_have_is_an_outcome() -> None:
    text = "You will have a proven deep understanding of data exploration."
    assert "data.eda" in tag("Methods", text).teaches
    assert "data.eda" not in tag("Methods", "It mentions data exploration.").teaches


def test_a_long_list_entry_built_on_a_taught_skill_counts() -> None:
    filler = tuple(f"Soft Skill {n}" for n in range(12))
    listed = (*filler, "A/B Testing")
    text = "You will learn hypothesis testing."
    assert "mlsd.ab-testing" in tag("Marketing Methods", text, listed).teaches
    # without the taught prerequisite the entry stays padding
    assert "mlsd.ab-testing" not in tag("Marketing Methods", "Welcome.", listed).teaches
    # a hub prerequisite (ML fundamentals, taught by many) says too little
    basics = "You will learn machine learning basics."
    ml = tag("Marketing Methods", basics, (*filler, "Supervised Learning"))
    assert "ml.fundamentals" in ml.teaches and "ml.supervised" not in ml.teaches


def test_common_phrasings_of_probability_linear_algebra_optimization_and_inference() -> None:
    text = (
        "We will begin with an overview of introductory probability. You will learn matrix "
        "operations. The course covers discrete optimization and inferential statistical analysis."
    )
    taught = set(tag("Methods", text).teaches)
    expected = {"math.probability", "math.linear-algebra", "math.optimization", "stats.inference"}
    assert expected <= taught


def test_verb_forms_and_singulars_name_their_skills() -> None:
    text = (
        "You will learn visualizing data and how to scrape websites. The course covers Bayes "
        "theorem, the normal distribution, a confidence interval, the standard deviation, "
        "convolutional networks and building a pivot table."
    )
    taught = set(tag("Methods", text).teaches)
    expected = {"viz.principles", "data.collection", "math.probability", "stats.inference"}
    expected |= {"stats.descriptive", "dl.cnn", "data.spreadsheet-analysis"}
    assert expected <= taught


def test_a_short_syllabus_entry_is_a_topic_title() -> None:
    course = Course(
        id="x", title="Deep Learning", platform="edx", level=CourseLevel.BEGINNER, sources=["d"]
    )

    def taught(syllabus: str) -> set[str]:
        text = TagInput("Deep Learning", syllabus=syllabus)
        return set(default_tagger().tag(course, text).teaches)

    assert "dl.generative-models" in taught("Week 5: Autoencoders\nWeek 6: Review")
    long = "Week 4: We then look at how autoencoders relate to the rest of the material covered."
    assert "dl.generative-models" not in taught(long)


def test_dbt_is_the_data_tool_only_beside_data_warehouse_words() -> None:
    text = "You will learn DBT skills for families."
    assert "de.dbt" not in tag("Social Work Practice", text).teaches
    assert "de.dbt" in tag("Analytics Engineering", "You will learn dbt and SQL models.").teaches


def test_derivatives_are_calculus_only_beside_maths_words() -> None:
    finance = "Forwards, futures, options and swaps, and how to price them for the exam."
    assert "math.calculus" not in tag("CFA Level 1 - Derivatives", finance).teaches
    maths = "Limits, the chain rule and rates of change of functions."
    assert "math.calculus" in tag("Derivatives", maths).teaches


def test_algorithms_alone_in_a_title_is_weak() -> None:
    for title in ("Advanced Learning Algorithms", "Algorithms for Battery Management Systems"):
        result = tag(title)
        assert "prog.algorithms" not in result.teaches and "prog.algorithms" in result.weak
    text = "You will learn greedy algorithms, divide and conquer and sorting and searching."
    assert "prog.algorithms" in tag("Algorithms", text).teaches
    assert "prog.algorithms" in tag("Data Structures and Algorithms").teaches


def test_active_learning_in_prose_is_the_teaching_method() -> None:
    text = "By the end you will have written your own screenplay through active learning."
    assert "mlsd.data-centric" not in tag("Screenwriting", text).teaches
    assert "mlsd.data-centric" in tag("Active Learning for Data Labelling").teaches


def test_a_capstone_outside_the_taxonomy_teaches_nothing() -> None:
    for title in ("Supply Chain Excellence Capstone", "Learn Mandarin Chinese: Capstone Project"):
        result = tag(title)
        assert not result.teaches and "practice.capstone" in result.weak
    assert "practice.capstone" in tag("Data Science Project Capstone").teaches
    taught = tag("Machine Learning Capstone").teaches
    assert {"practice.capstone", "ml.fundamentals"} <= set(taught)


def test_an_ambiguous_word_needs_a_related_skill_even_in_a_title() -> None:
    assert not tag("Write Dreamy, Heartfelt Poetry - Creative Writing").teaches
    assert "prog.python.packaging" in tag("Python Packaging with Poetry").teaches
    java_ee = "Through hands-on labs you will learn Java EE, including JAX-RS for REST services."
    assert "dl.jax" not in tag("Fundamentals of Java EE Development", java_ee).teaches
    assert "dl.jax" in tag("JAX", "You will train neural networks with JAX.").teaches
    design = "You will explore emerging learning theory and how people learn online."
    theories = tag("Instructional Design: Learning Theories", design)
    assert "ml.learning-theory" not in theories.teaches
    # a skill the title names as its purpose is a co-signal too
    assert "dl.transformers" in tag("Transformers for NLP").teaches
    assert "dl.transformers" not in tag("Power Electronics", skills=("Transformers",)).teaches


def test_an_assumption_named_by_an_ambiguous_word_needs_a_related_skill() -> None:
    text = "You should be familiar with JAX-WS."
    assert "dl.jax" not in tag("Java Web Services", text).assumes
    deep = tag("Deep Learning Research", "You should be familiar with JAX and neural networks.")
    assert "dl.jax" in deep.assumes


def test_a_course_in_another_language_does_not_assume_python() -> None:
    advanced = Course(
        id="x", title="x", platform="coursera", level=CourseLevel.ADVANCED, sources=["d.csv"]
    )
    tagger = default_tagger()
    javascript = tagger.tag(advanced, TagInput("JavaScript Design Patterns"))
    assert "prog.software-engineering" in javascript.teaches
    assert "prog.python" not in javascript.assumes
    assert "prog.python" in tagger.tag(advanced, TagInput("Design Patterns")).assumes
    # SQL goes with any language: Spark in Scala still assumes it
    scala = tagger.tag(advanced, TagInput("Apache Spark with Scala"))
    assert "prog.sql" in scala.assumes and "prog.python" not in scala.assumes


def test_activity_and_environment_tags_in_a_skill_list_are_weak() -> None:
    # platform tags on whole families of courses: gathering data for a trial is not scraping,
    # labs in notebooks do not teach Jupyter, a course using ChatGPT is not about prompting
    tags = ("Data Collection", "Data Manipulation", "Jupyter", "ChatGPT", "Clinical Trials")
    result = tag("Understanding Clinical Research", skills=tags)
    for skill in ("data.collection", "data.wrangling", "prog.jupyter", "llm.prompt-engineering"):
        assert skill not in result.teaches and skill in result.weak
    # the course's own text still decides: a tag beside a sentence teaching the skill counts
    text = "You will learn web scraping with Beautiful Soup to collect data from websites."
    scraping = tag("Python for Data Science", text, skills=("Data Collection",))
    assert "data.collection" in scraping.teaches
    assert "data.wrangling" in tag("Data Wrangling", skills=("Data Manipulation",)).teaches


def test_qualitative_research_is_fieldwork_not_experimentation() -> None:
    skill = "practice.research-methods"
    assert skill not in tag("Qualitative Research Methods: Conversational Interviewing").teaches
    assert skill in tag("Research Methods for Machine Learning").teaches


def tag_intermediate(title: str) -> TagResult:
    course = Course(id="x", title=title, platform="udemy", level=CourseLevel.INTERMEDIATE,
                    sources=["dump.csv"])  # fmt: skip
    return default_tagger().tag(course, TagInput(title, "An online course."))


def test_a_language_named_as_the_tool_of_the_titles_skill_is_taught_at_aware() -> None:
    tool = tag_intermediate("Professional RESTful API Design using Python Flask")
    assert tool.teaches["prog.apis"] == 2 and tool.teaches["prog.python"] == 1
    assert "language-as-tool('using python')" in tool.provenance["teaches.prog.python"]
    # the language first, or the other skill after it: the course is about the language
    assert tag_intermediate("Python for Data Science").teaches["prog.python"] == 2
    assert (
        tag_intermediate("First Steps in Python with Jupyter Notebooks").teaches["prog.python"] == 2
    )


def test_terms_an_overview_explains_are_not_taught() -> None:
    explained = "You will learn to explain terms like deep learning and neural networks."
    assert "dl.neural-networks" not in tag("Introduction to AI", explained).teaches
    taught = "You will learn how neural networks are trained."
    assert "dl.neural-networks" in tag("Introduction to AI", taught).teaches
    # 'in terms of' is no glossary
    plain = "You will learn how neural networks behave in terms of accuracy."
    assert "dl.neural-networks" in tag("Introduction to AI", plain).teaches


def test_an_overview_of_ai_teaches_machine_learning_fundamentals() -> None:
    for title in ("AI For Everyone", "Microsoft Azure AI Fundamentals", "Introduction to AI"):
        assert "ml.fundamentals" in tag(title).teaches, title
    # AI as the tool of another subject is not an overview of it
    assert "ml.fundamentals" not in tag("AI for HR Professionals").teaches
    generative = tag("Generative AI Foundations").teaches
    assert "genai.foundations" in generative and "ml.fundamentals" not in generative


def test_a_row_known_by_its_title_alone_teaches_at_aware() -> None:
    bare = tag_intermediate_bare("Automate R scripts with GitHub Actions: Deploy a model")
    assert bare.teaches["mlops.model-deployment"] == 1 and bare.teaches["mlops.ci-cd"] == 1
    assert "rule:title-only->1" in bare.provenance["teaches.mlops.model-deployment"]
    described = tag_intermediate("Automate R scripts with GitHub Actions: Deploy a model")
    assert described.teaches["mlops.model-deployment"] == 2


def tag_intermediate_bare(title: str) -> TagResult:
    course = Course(id="x", title=title, platform="coursera", level=CourseLevel.INTERMEDIATE,
                    sources=["dump.csv"])  # fmt: skip
    return default_tagger().tag(course, TagInput(title))


def test_high_probability_is_an_adjective_not_the_mathematics() -> None:
    trading = tag("Mastering Candlestick Charting: High Probability Trading")
    assert "math.probability" not in trading.teaches
    assert "math.probability" in tag("Probability for Data Science").teaches
