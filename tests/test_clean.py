"""Unit tests of the clean stage: boilerplate lines go, offsets stay in the original text."""

import pytest

from graphbuild.clean import clean_regions, load_rules
from graphbuild.errors import InputError

pytestmark = pytest.mark.unit


def kept(text):
    return [text[s:e] for s, e in clean_regions(text)]


def test_read_also_teaser_and_comment_form_are_dropped():
    text = ("Iran fired missiles at bases in Iraq.\n\n"
            "READ ALSO  FBI Investigating Company For Fraud\n\n"
            "Pompeo spoke on Sunday.\n\n"
            "LEAVE A REPLY\n\nPlease enter your comment!\nPlease enter your name here\n")
    assert kept(text) == ["Iran fired missiles at bases in Iraq.", "Pompeo spoke on Sunday."]


def test_read_more_drops_the_headline_after_it():
    text = "First paragraph about Iraq.\n\nRead More\nChina regulations spur investors\n\nLast paragraph."
    assert kept(text) == ["First paragraph about Iraq.", "Last paragraph."]


def test_source_and_wire_credits_are_removed_but_the_sentence_stays():
    text = "Via Financial Times\n\nWest News Wire: Then Secretary of State Mike Pompeo spoke.\n"
    regions = clean_regions(text)
    assert [text[s:e] for s, e in regions] == ["Then Secretary of State Mike Pompeo spoke."]
    # the offsets point into the original text
    assert text.index("Then") == regions[0][0]


@pytest.mark.parametrize("byline", ["By Jane Doe, Reuters", "By Jane Doe and John Roe | CNN", "BY JANE DOE",
                                    "By Ahmed al-Rasheed in Baghdad", "By Maria de la Cruz for The Guardian",
                                    "By Reuters Staff", "By Jane Doe, The New York Times"])
def test_bylines_are_dropped(byline):
    assert kept(f"Iran and Iraq talk.\n\n{byline}\n\nPompeo spoke.") == ["Iran and Iraq talk.", "Pompeo spoke."]


@pytest.mark.parametrize("prose", ["By Friday, Iran had responded.", "By the end of the week, the PMF had left.",
                                   "By contrast, Iraq stayed out.", "By 2020 Iran was stronger."])
def test_sentences_that_start_with_by_stay(prose):
    assert kept(f"Iran and Iraq talk.\n\n{prose}") == ["Iran and Iraq talk.", prose]


def test_cnn_dateline_is_removed():
    text = "Headline here\n\nBeirut, Lebanon CNN  — \n\nAs the dust settles, Iran waits."
    assert kept(text) == ["Headline here", "As the dust settles, Iran waits."]


def test_dateline_prefix_on_the_same_line_as_text():
    text = "Baghdad (Reuters) - Iraqi militias fired rockets."
    assert kept(text) == ["Iraqi militias fired rockets."]


def test_crlf_offsets_are_exact():
    text = "Para one line one\r\nline two\r\n\r\nREAD ALSO  Something else\r\n\r\nPara two"
    assert kept(text) == ["Para one line one\r\nline two", "Para two"]


def test_ordinary_sentences_that_mention_reading_are_kept():
    text = "Analysts read also the signals from Tehran.\n\nThe report said: read more carefully."
    assert kept(text) == ["Analysts read also the signals from Tehran.", "The report said: read more carefully."]


def test_custom_rules_file(tmp_path):
    f = tmp_path / "rules.tsv"
    f.write_text("# mine\ndrop\t^Subscribe now.*$\n", "utf-8")
    text = "Subscribe now for $1\n\nReal text."
    assert [text[s:e] for s, e in clean_regions(text, load_rules(str(f)))] == ["Real text."]


def test_bad_rules_file_names_the_line(tmp_path):
    f = tmp_path / "rules.tsv"
    f.write_text("drop\t([unclosed\n", "utf-8")
    with pytest.raises(InputError, match="rules.tsv:1"):
        load_rules(str(f))


def test_credits_copyright_and_social_lines_are_dropped():
    text = ("Kadhimi met Pompeo in Baghdad.\n\n(Reporting by John Davison; Editing by Alex Richardson)\n\n"
            "Copyright 2021 The Associated Press. All rights reserved.\n\nFollow us on Twitter @news\n\n"
            "Click here to subscribe\n\nThis article was originally published on Foreign Policy.\n")
    assert kept(text) == ["Kadhimi met Pompeo in Baghdad."]


def test_sentences_that_start_like_boilerplate_stay():
    text = "Copyright infringement suits rose in 2020.\n\nSubscribers to the service grew."
    assert kept(text) == ["Copyright infringement suits rose in 2020.", "Subscribers to the service grew."]


def test_bylines_with_roles_credits_without_by_and_the_name_above_a_credit_are_dropped():
    text = ("Velsk talks stall\n\nBy Ada Quarrie, Velsk News, Qarvan\n\nBy Tom Roe, political editor\n\n"
            "BY ADA QUARRIE, TOM ROE and JO VELSK\n\nAda Quarrie Senior political correspondent\n\n"
            "Tom Roe\nQarvan Echo Chief Sports Writer\n\nAda Quarrie in Qarvan and Tom Roe in Velsk\n\n"
            "The talks stalled on Monday, officials said.")
    assert kept(text) == ["Velsk talks stall", "The talks stalled on Monday, officials said."]


def test_prose_like_bylines_stays():
    text = ("By Tuesday, it was over.\n\nAda Quarrie, the political editor, said it was over.\n\n"
            "Tom Roe\nsaid the talks had stalled.")
    assert kept(text) == ["By Tuesday, it was over.", "Ada Quarrie, the political editor, said it was over.",
                          "Tom Roe\nsaid the talks had stalled."]


def test_wrapped_credits_lists_after_a_heading_stamps_and_mojibake_footers_are_dropped():
    text = ("The plant will close, Velsk said.\n\n"
            "(Reporting by Ada Quarrie and Tom Roe; Additional reporting\n"
            "by Jo Velsk in Qarvan; Editing by Al Roe)\n\n"
            "Velsk Press writers Ada Quarrie, Tom Roe and Jo Velsk\ncontributed to this report.\n\n"
            "Related Topics\nQarvan Union\nVelsk\nJo Velsk\n\nPublished On 30 Nov 2024\n\nPublished 2 days ago\n\n"
            "\u00c2\u00a9 2024 Velsk Media Network\n\nCopyright Velsk plc 2024\n\n"
            "Our Standards: The Velsk Trust Principles.")
    assert kept(text) == ["The plant will close, Velsk said."]


def test_a_list_after_a_heading_stops_at_prose_and_a_wrapped_line_is_kept_whole():
    prose = "The union said on Monday that the talks, which began in March, had failed."
    wrapped = "The minister of the Qarvan Union met the envoys of the Velsk\nRepublic on Monday, officials said."
    assert kept(f"Related Topics\nQarvan Union\nVelsk\n{prose}\n\n{wrapped}") == [prose, wrapped]


def test_agency_datelines_are_cut_from_the_story():
    text = ("QARVAN — The minister resigned.\n\nVELSK CITY (AP) \u00e2\u20ac\u201d The envoy left.\n\n"
            "U.S. and Velsk talks")
    assert kept(text) == ["The minister resigned.", "The envoy left.", "U.S. and Velsk talks"]


def test_site_furniture_and_wire_credits_are_dropped():
    text = ("The vote was close, officials said.\n\nTags: Ada Quarrie, Velsk, Qarvan news\n\n"
            "We use cookies to improve your experience. By continuing you agree to our Cookie Policy.\n\n"
            "Download The Velsk Times News App to get Daily Market Updates\n\n"
            "Subscribe to Velsk24 for journalism.\n\n"
            "Trending Stories\nAda Quarrie's Velsk eye top-two finish\nQarvan face Velsk\n\n"
            "--With assistance from Tom Roe.\n\n"
            "To contact the reporters on this story:\nAda Quarrie in Qarvan at aq@velsk.net\n\n"
            "Also Read: Velsk court adjourns Quarrie's appeal\n\n"
            "VELSK CITY Desk / TNN / Updated: Mar 6, 2025, 09:14 IST")
    assert kept(text) == ["The vote was close, officials said."]


def test_prose_about_cookies_and_subscriptions_stays():
    text = ("Shares of the Velsk subscription service rose 4% after it won 3 million new users, the company said.\n\n"
            "The biscuit maker said its cookies sold well.\n\nSubscribers to the service grew.")
    assert kept(text) == text.split("\n\n")


@pytest.mark.parametrize("line", ["Media: Ada Roe, +1 555 0100, ada@example.com", "Investors: Bo Lee, ir@example.com",
                                  "Investor Relations", "Posted by Velsk Wire Staff",
                                  "Unsubscribe | Manage preferences", "3. VELSK WAITS.", "Press Office"])
def test_release_and_newsletter_furniture_is_dropped(line):
    text = f"Velsk Corp raised prices.\n\n{line}\n\nBo Lee spoke."
    assert kept(text) == ["Velsk Corp raised prices.", "Bo Lee spoke."]


@pytest.mark.parametrize("prose", ["Press freedom groups said the rule was wrong.", "1. The first point is price.",
                                   "Investors sold shares on Monday.", "Media coverage was wide."])
def test_sentences_that_start_like_release_furniture_stay(prose):
    assert kept(f"Velsk Corp raised prices.\n\n{prose}") == ["Velsk Corp raised prices.", prose]


def test_a_dateline_of_two_cities_is_removed():
    assert kept("WASHINGTON/SAN FRANCISCO, Aug 12 (Reuters) - Velsk Corp said it would pay.") == [
        "Velsk Corp said it would pay."]


@pytest.mark.parametrize("prose", [
    "Google said Velskmail users would be able to unsubscribe from mailing lists with one tap.",
    "Written by Ada Roe, the novel topped the bestseller list for 20 weeks.",
    "Investors: Qarvan Capital, Velsk Partners and a state fund all hold stakes of more than 5%.",
    "Press: The Velsk Times and Le Qarvan both ran the story on Monday."])
def test_prose_that_starts_like_release_furniture_stays(prose):
    assert kept(f"Velsk Corp raised prices.\n\n{prose}") == ["Velsk Corp raised prices.", prose]


@pytest.mark.parametrize("dateline", ["BOGOTÁ, Jan 14 —", "QARVAN CITY, Velskia, Jan 22 —", "VELSK, Qar., March 2 -",
                                      "ŁÓDŹ, Sept 3 —", "Qarvan City, Oct 15 —", "VELSK, Oct. 5, 2025 (AP) —"])
def test_datelines_with_a_date_or_accented_capitals_are_cut(dateline):
    assert kept(f"{dateline} Velsk Corp said it would pay.") == ["Velsk Corp said it would pay."]


@pytest.mark.parametrize("prose", ["Qarvan, the capital, is - as ever - busy.", "Velsk Corp - a maker of pumps - grew.",
                                   "In Qarvan, March 3 was a holiday - the last one."])
def test_prose_with_a_place_and_a_dash_stays(prose):
    assert kept(prose) == [prose]


@pytest.mark.parametrize("caption", ["Ada Roe celebrates her goal in Velden on Saturday. REUTERS/Bo Velsk",
                                     "Velsk's mayor speaks in Qarvan, May 3, 2025. AFP/Ludo Marin",
                                     "Senator Ada Roe speaks during a session (Photo: Bo Lee / La Gaceta del Norte)"])
def test_photo_captions_with_a_credit_are_dropped(caption):
    assert kept(f"Velsk Corp raised prices.\n\n{caption}\n\nBo Lee spoke.") == [
        "Velsk Corp raised prices.", "Bo Lee spoke."]


@pytest.mark.parametrize("prose", ["The AP/NORC poll found that most voters agreed with Velsk.",
                                   "Reuters/Ipsos polling shows Ada Roe ahead in Velsk by five points."])
def test_prose_with_an_agency_slash_stays(prose):
    assert kept(f"Velsk Corp raised prices.\n\n{prose}") == ["Velsk Corp raised prices.", prose]


@pytest.mark.parametrize("prose", ["Velsk Corp, Oct 29 - reports fiscal first-quarter results.",
                                   "Hurricane Velma, Sept 26 — made landfall in Qarvania.",
                                   "NATO, European Union — both bodies said so on Monday.",
                                   "Most voters disapprove, according to Reuters/Ipsos."])
def test_prose_that_starts_like_a_dated_dateline_or_ends_like_a_credit_stays(prose):
    assert kept(f"Velsk Corp raised prices.\n\n{prose}") == ["Velsk Corp raised prices.", prose]
