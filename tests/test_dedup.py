"""Syndicated copies (dedup.py): what must be grouped and what must not, on texts written for the test."""

import pytest

from graphbuild.dedup import THRESHOLD, groups, signature, similarity

pytestmark = pytest.mark.unit

STORY = ("The central bank raised its main interest rate by half a point on Monday to curb inflation, which rose "
         "to six percent in May, the highest in a decade. Officials said further rises were possible if prices "
         "kept climbing, and the currency gained against the dollar after the announcement in the capital.")


def test_copies_with_a_dateline_a_credit_or_other_case_are_one_group():
    sigs = {"w1": signature(STORY), "w2": signature("FRANKFURT, June 3 (Wire) - " + STORY),
            "w3": signature(STORY.upper() + " Reporting by A. Writer; editing by B. Editor.")}
    assert groups(sigs) == {"w1": "w1", "w2": "w1", "w3": "w1"}


def test_stories_on_the_same_topic_or_with_other_figures_are_not_copies():
    other = ("The central bank left its main interest rate unchanged on Thursday, saying inflation, which fell to "
             "four percent in May, was easing. Officials said further cuts were unlikely this year, and the "
             "currency lost ground against the dollar after the announcement in the capital.")
    figures = STORY.replace("half a point", "a quarter of a point").replace("six percent", "seven percent") \
        .replace("in May", "in April").replace("a decade", "twenty years").replace("Monday", "Friday")
    sigs = {"a": signature(STORY), "b": signature(other), "c": signature(figures)}
    assert similarity(sigs["a"], sigs["b"]) < 0.3
    assert similarity(sigs["a"], sigs["c"]) < THRESHOLD
    assert groups(sigs) == {}


def test_short_texts_are_never_grouped():
    brief = "Shares of the company rose two percent on Monday."
    assert signature(brief) is None
    assert groups({"a": signature(brief), "b": signature(brief)}) == {}


def test_groups_are_transitive_and_named_by_their_first_id():
    half = STORY[: len(STORY) * 9 // 10]
    sigs = {"z": signature(STORY), "m": signature(half), "a": signature(half + " Extra words here for the end.")}
    got = groups(sigs)
    assert set(got) == {"a", "m", "z"} and set(got.values()) == {"a"}


def test_the_same_words_days_apart_are_a_recurring_report_not_a_copy():
    import datetime as dt

    sigs = {"mon": signature(STORY), "tue": signature(STORY), "later": signature(STORY)}
    monday = dt.date(2024, 1, 8)
    got = groups(sigs, {"mon": monday, "tue": monday + dt.timedelta(1), "later": monday + dt.timedelta(10)})
    assert got == {"mon": "mon", "tue": "mon"}  # refiled the next day: a copy; ten days later: another report
    assert groups(sigs, {"tue": monday + dt.timedelta(1), "mon": monday, "later": None})["tue"] == "mon"
