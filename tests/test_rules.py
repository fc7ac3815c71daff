"""The resolution and span rules of issue #11, each both ways (what must merge or change, what must not),
on names and sentences written for these tests (none of them from the seeds or the benchmarks)."""

import textwrap

import pytest

from graphbuild.aliases import AliasTable, load_alias_file
from graphbuild.extract import Mention, clean_span
from graphbuild.repair import glued_word, repair
from graphbuild.resolve import ResolveConfig, org_stem, resolve, titles_conflict, well_formed

pytestmark = pytest.mark.unit


def M(doc, text, label="PERSON", title=""):
    return (doc, text, label, title)


def run(*specs, aliases=None):
    ms = [Mention(doc, 100 * i, 100 * i + len(text), text, label, i, title)
          for i, (doc, text, label, title) in enumerate(specs)]
    res = resolve(ms, (), ResolveConfig(aliases=aliases or AliasTable()))
    return res, [res.assign[i] for i in range(len(ms))]


def label(res, eid):
    return res.entities[eid].label


# ---------------------------------------------------------------- text repair


def test_repair_splits_glued_words_and_maps_offsets_back():
    text = "The aim ofTrellis Party was clear in the port.The mayor spoke."
    r = repair(text)
    assert "of Trellis Party" in r.text and "port. The mayor" in r.text
    s = r.text.index("Trellis Party")
    a, b = r.span(s, s + len("Trellis Party"))
    assert text[a:b] == "Trellis Party"
    s = r.text.index("The mayor")
    a, b = r.span(s, s + len("The mayor"))
    assert text[a:b] == "The mayor"


@pytest.mark.parametrize("text", [
    "BlackRock and YouTube bought iPhone maker shares in the U.S. on Monday.",
    "Shares of McDonald's rose 3.5 percent, e.g. in St. Louis.",
    "Plain text that needs nothing.",
])
def test_repair_leaves_clean_text_alone(text):
    r = repair(text)
    assert r.text == text and not r.changed


def test_repair_fixes_mojibake_with_offsets_into_the_original():
    text = "Clashes near Qarvan\u00c2\u00a0were reported by Ren\u00c3\u00a9 Dulac."
    r = repair(text)
    assert "Qarvan\u00a0were" in r.text and "René Dulac" in r.text
    s = r.text.index("Qarvan")
    a, b = r.span(s, s + 6)
    assert text[a:b] == "Qarvan"
    s = r.text.index("René")
    a, b = r.span(s, s + len("René Dulac"))
    assert text[a:b] == "Ren\u00c3\u00a9 Dulac"


def test_glued_word():
    assert glued_word("ofTrellis Party") and glued_word("theMarlow Group")
    assert not glued_word("BlackRock") and not glued_word("OnePlus") and not glued_word("deVries")


# ---------------------------------------------------------------- spans


def cleaned(text, label="ORG", limit=None):
    return [text[s:e] for s, e, _ in clean_span(text, 0, len(text), label, limit)]


@pytest.mark.parametrize("span, label, expected", [
    ("a Trellis Party", "ORG", ["Trellis Party"]),
    ("an Orvel Alliance", "ORG", ["Orvel Alliance"]),
    ("Quarry Street - Trellis", "ORG", ["Quarry Street", "Trellis"]),
    ("Darvan province", "GPE", ["Darvan"]),
    ("Qarvan city", "GPE", ["Qarvan"]),
])
def test_spans_are_split_and_trimmed(span, label, expected):
    assert cleaned(span, label) == expected


@pytest.mark.parametrize("span, label", [
    ("Velsk and Norgaz", "ORG"),  # split later, with the corpus's evidence (split_conjoined)
    ("Al-Shabaab", "ORG"),  # an unspaced hyphen is part of the name
    ("New York City", "GPE"),  # a capitalised head is part of the name
])
def test_spans_that_stay_whole(span, label):
    assert cleaned(span, label) == [span]


def conjoined(*texts):
    from graphbuild.extract import split_conjoined

    docs = [[Mention("d", 0, len(t), t, "ORG", i) for i, t in enumerate(texts)]]
    return [m.text for m in split_conjoined(docs)[0]]


def test_two_names_joined_by_and_are_split_where_both_are_names_elsewhere():
    assert conjoined("Velsk and Norgaz", "Velsk", "Norgaz") == ["Velsk", "Norgaz", "Velsk", "Norgaz"]
    assert conjoined("Velsk and the Norgaz Group", "Velsk", "Norgaz Group")[:2] == ["Velsk", "Norgaz Group"]


def test_a_split_names_parts_keep_what_holds_for_them():
    """The state in the possessive before "Velsk's Senate and Assembly" is the first part's, not the second's;
    an outlet at its work ("told Quarr News and Haze Radio") is each part's."""
    from dataclasses import replace

    from graphbuild.extract import split_conjoined

    docs = [[Mention("d", 0, 19, "Senate and Assembly", "ORG", 0, state="Velsk"),
             Mention("d", 30, 36, "Senate", "ORG", 1), Mention("d", 40, 48, "Assembly", "ORG", 1),
             replace(Mention("d", 60, 85, "Quarr News and Haze Radio", "ORG", 2), role="outlet"),
             Mention("d", 90, 100, "Quarr News", "ORG", 3), Mention("d", 110, 120, "Haze Radio", "ORG", 3)]]
    out = split_conjoined(docs)[0]
    assert [(m.text, m.state) for m in out[:2]] == [("Senate", "Velsk"), ("Assembly", "")]
    assert [(m.text, m.role) for m in out[4:6]] == [("Quarr News", "outlet"), ("Haze Radio", "outlet")]
    assert [m.role for m in out[6:]] == ["", ""]  # the same names where no outlet is at work


def test_a_person_titled_name_stays_apart_from_a_company_of_that_name():
    res, e = run(M("a", "Velskor", "ORG"), M("a", "Velskor", "ORG"), M("a", "Velskor Motor Co", "ORG"),
                 M("b", "Velskor", "ORG"), M("c", "Velskor", "PERSON", "President"))
    assert e[0] == e[1] == e[3] != e[4]
    assert res.entities[e[0]].type == "ORG" and res.entities[e[4]].type == "PERSON"


def test_a_titled_name_joins_its_untitled_forms_without_evidence_of_another_type():
    res, e = run(M("a", "Quarrie", "PERSON"), M("b", "Quarrie", "PERSON"), M("c", "Quarrie", "PERSON", "Mr"))
    assert e[0] == e[1] == e[2]
    # the model's ORG votes alone (no cue, no "Quarrie ..." company) do not make two entities
    res, e = run(M("a", "Quarrie", "ORG"), M("b", "Quarrie", "ORG"), M("c", "Quarrie", "PERSON", "Mr"))
    assert e[0] == e[1] == e[2]


def test_halves_found_only_beside_each_other_are_one_name():
    from graphbuild.extract import split_conjoined

    docs = [[Mention("a", 0, 14, "Quarr and Haze", "ORG", 0), Mention("a", 40, 45, "Velsk", "ORG", 1)],
            [Mention("b", 10, 15, "Quarr", "PERSON", 0), Mention("b", 20, 24, "Haze", "ORG", 0),
             Mention("b", 60, 65, "Velsk", "ORG", 1), Mention("b", 70, 74, "Haze", "ORG", 2)]]
    out = [[(m.text, m.start, m.end, m.label) for m in doc] for doc in split_conjoined(docs)]
    # "Quarr" is a name only beside "Haze": one company, and the pair is joined into it ("Haze" alone in
    # another sentence is evidence for "Haze", not for "Quarr")
    assert out[0][0] == ("Quarr and Haze", 0, 14, "ORG")
    assert out[1][:2] == [("Quarr and Haze", 10, 24, "ORG"), ("Velsk", 60, 65, "ORG")]
    docs = [[Mention("a", 0, 17, "Quarr and Haze Co", "ORG", 0)],
            [Mention("b", 10, 15, "Quarr", "PERSON", 0), Mention("b", 20, 24, "Haze", "ORG", 0)]]
    assert [m.text for m in split_conjoined(docs)[1]] == ["Quarr and Haze"]  # the company without its legal form
    docs = [[Mention("a", 0, 18, "Quarr and Haze Plc", "ORG", 0)],
            [Mention("b", 10, 15, "Quarr", "ORG", 0), Mention("b", 20, 28, "Haze Plc", "ORG", 0)]]
    assert [m.text for m in split_conjoined(docs)[1]] == ["Quarr and Haze Plc"]


def test_halves_that_are_names_apart_still_split_and_states_are_never_joined():
    from graphbuild.extract import split_conjoined

    docs = [[Mention("a", 0, 14, "Quarr and Haze", "ORG", 0)],
            [Mention("b", 10, 15, "Quarr", "ORG", 0), Mention("b", 20, 24, "Haze", "ORG", 0),
             Mention("b", 40, 45, "Quarr", "ORG", 1), Mention("b", 60, 64, "Haze", "ORG", 2)],
            [Mention("c", 0, 13, "Iran and Iraq", "GPE", 0), Mention("c", 20, 24, "Iran", "GPE", 1),
             Mention("c", 29, 33, "Iraq", "GPE", 1)]]
    out = [[m.text for m in doc] for doc in split_conjoined(docs)]
    assert out == [["Quarr", "Haze"], ["Quarr", "Haze", "Quarr", "Haze"], ["Iran", "Iraq", "Iran", "Iraq"]]


def test_a_legal_form_after_the_second_half_alone_makes_one_company():
    assert conjoined("Velsk Bank and Trust Company", "Velsk Bank")[0] == "Velsk Bank and Trust Company"
    assert conjoined("Velsk Bank SA and Norgaz Trust AG")[:2] == ["Velsk Bank SA", "Norgaz Trust AG"]


@pytest.mark.parametrize("texts", [
    ("Securities and Exchange Commission", "Securities"),  # "Exchange Commission" is never a name alone
    ("Bosnia and Herzegovina", "Bosnia", "Herzegovina"),  # a listed name with "and"
    ("Ministry of Trade and Industry", "Ministry of Trade", "Industry"),  # "and" after "of"
    ("Velsk & Norgaz", "Velsk", "Norgaz"),  # "&" never splits
])
def test_names_with_and_that_stay_whole(texts):
    assert conjoined(*texts)[0] == texts[0]


def test_company_forms_are_one_company():
    res, e = run(M("a", "Velskoil Inc", "ORG"), M("b", "Velskoil", "ORG"), M("c", "Velskoil Corp.", "ORG"),
                 M("d", "Velskoil Gas Co", "ORG"))
    assert e[0] == e[1] == e[2] != e[3]
    assert cleaned("Co Inc.") == [] and cleaned("Co") == []


def test_one_word_span_that_starts_a_title_is_no_name():
    text = "Critics said Home Secretary Jane Roe was wrong."
    s = text.index("Home")
    assert clean_span(text, s, s + 4, "ORG", len(text)) == []
    text = "He met Shadow Chancellor Ned Sable on Friday."
    s = text.index("Shadow")
    assert clean_span(text, s, s + 6, "PERSON", len(text)) == []


def test_one_word_span_the_text_continues_is_extended_but_not_into_another_entity():
    text = "Shares in Royal Mail fell sharply."
    s = text.index("Royal")
    assert [text[a:b] for a, b, _ in clean_span(text, s, s + 5, "ORG", len(text))] == ["Royal Mail"]
    # the next entity starts at "Mail": no extension
    assert [text[a:b] for a, b, _ in clean_span(text, s, s + 5, "ORG", text.index("Mail"))] == ["Royal"]
    # a capitalised common word after a name is not part of it
    text = "Then Trellis Government officials left."
    s = text.index("Trellis")
    assert [text[a:b] for a, b, _ in clean_span(text, s, s + 7, "ORG", len(text))] == ["Trellis"]


def test_no_extension_in_a_headline():
    text = "Royal Mail Shares Fall As Strike Looms\nThe company said..."
    assert [text[a:b] for a, b, _ in clean_span(text, 0, 5, "ORG", len(text))] == ["Royal"]


@pytest.mark.parametrize("span, label, expected", [
    ("International Monetary Fund (IMF", "ORG", ["International Monetary Fund", "IMF"]),
    ("Lago Velsk to Balao", "ORG", ["Lago Velsk", "Balao"]),  # a lowercase word ends a name
    ("Velsk Corp associates", "ORG", ["Velsk Corp"]),
    ("Velsk Corp.\n    Finance Ministry", "ORG", ["Velsk Corp", "Finance Ministry"]),
    ("Bank of\nQarvania", "ORG", ["Bank of\nQarvania"]),  # a line break inside a sentence is no cut
    ("Velsk group", "ORG", ["Velsk group"]),  # a generic head is left to organisation_forms
    ("Velsk Oil Co. However", "ORG", ["Velsk Oil Co."]),  # a connective is no part of it
    ("USA Today", "ORG", ["USA Today"]), ("Mail on Sunday", "ORG", ["Mail on Sunday"]),  # no punctuation: kept
    ("46.864 Ecus", "ORG", []),  # a number, then a currency word
    ("Barclays de Zoete Wedd", "ORG", ["Barclays de Zoete Wedd"]),  # connectors stay
    ("Osama bin Velsk", "PERSON", ["Osama bin Velsk"]),
    ("Harakat Velsk al-Nujaba", "ORG", ["Harakat Velsk al-Nujaba"]),
    ("Commission", "ORG", []), ("Bank", "ORG", []),  # generic words alone
    ("Nevertheless, Ned Sable", "PERSON", ["Ned Sable"]), ("However", "ORG", []), ("E.", "PERSON", []),
    ('Qarvania"s', "GPE", ["Qarvania"]),  # an apostrophe written as a double quote
    ("Velsk President", "ORG", ["Velsk"]), ("Qarvanian Finance Minister", "NORP", ["Qarvanian"]),
    ("Burger King", "ORG", ["Burger King"]), ("Martin Luther King", "PERSON", ["Martin Luther King"]),
    ("Velsk 2-1 Norgaz", "ORG", ["Velsk", "Norgaz"]), ("X. The", "ORG", []), ("BST", "ORG", []),
    ("J. H. Velder", "PERSON", ["J. H. Velder"]), ("St. Louis", "GPE", ["St. Louis"]),
    ("Velsk 737-800", "PRODUCT", ["Velsk 737-800"]), ("50 Cent", "PERSON", ["50 Cent"]),
    ("Office of the President", "ORG", ["Office of the President"]), ("Dar es Salaam", "GPE", ["Dar es Salaam"]),
    ("Frankfurt am Main", "GPE", ["Frankfurt am Main"]), ("Miss America", "EVENT", ["Miss America"]),
    ("Prince Sultan Air Base", "FAC", ["Prince Sultan Air Base"]), ("Lord Howe Island", "GPE", ["Lord Howe Island"]),
    ("Velsk\u00a0", "ORG", ["Velsk"]),
])
def test_spans_cut_at_words_that_are_no_part_of_a_name(span, label, expected):
    assert cleaned(span, label) == expected


@pytest.mark.parametrize("span, label, name, title", [
    ("Mr Okafor", "GPE", "Okafor", "Mr"),  # a gendered title makes a person of any span
    ("Ms Thornbury", "ORG", "Thornbury", "Ms"),
    ("Chief Constable Tom Harding", "PERSON", "Tom Harding", "Chief Constable"),
    ("Lt Gen Qasim Hamdani", "PERSON", "Qasim Hamdani", "Lt Gen"),  # dots are optional
    ("General Motors", "ORG", "General Motors", ""),  # not before a company's second word
    ("Major League Baseball", "ORG", "Major League Baseball", ""),
])
def test_person_titles(span, label, name, title):
    ((s, e, t),) = clean_span(span, 0, len(span), label)
    assert (span[s:e], t) == (name, title)


def test_a_common_word_capitalised_only_where_a_sentence_starts_is_no_name():
    text = "Sugar exports rose. Raw sugar prices fell. Labour won. The labour market and the Labour party. Velsk fell."
    found = {w: clean_span(text, text.index(w), text.index(w) + len(w), "ORG") for w in ("Sugar", "Labour", "Velsk")}
    assert found["Sugar"] == []
    assert found["Labour"] and found["Velsk"]  # also capitalised mid-sentence; never written in lowercase
    text = "May said the deal was dead. She may resign. Jordan fell. They jordan."
    assert clean_span(text, 0, 3, "PERSON")  # a person is never a common word
    assert clean_span(text, text.index("Jordan"), text.index("Jordan") + 6, "GPE")  # nor a known state


def test_a_name_cut_after_a_connector_is_extended_or_trimmed():
    text = "Shares of the Bank of Qarvania rose, said Mr Sable, who ran the Group of talks."
    s = text.index("Bank")
    assert [text[a:b] for a, b, _ in clean_span(text, s, s + 7, "ORG", len(text))] == ["Bank of Qarvania"]
    s = text.index("Group")
    assert clean_span(text, s, s + 8, "ORG", len(text)) == []  # "Group" alone is no name


def test_a_title_just_before_the_span_is_recorded():
    text = "Later Mrs Dorling said no."
    s = text.index("Dorling")
    ((a, b, title),) = clean_span(text, s, s + 7, "PERSON", len(text))
    assert text[a:b] == "Dorling" and title == "Mrs"


# ---------------------------------------------------------------- person names


def test_surname_resolves_document_by_document():
    res, e = run(M("a", "Peter Quayle"), M("a", "Quayle", "GPE"), M("a", "Quayle"),
                 M("b", "Nora Quayle"), M("b", "Quayle"), M("c", "Quayle"))
    assert e[0] == e[1] == e[2] and label(res, e[0]) == "Peter Quayle"
    assert e[3] == e[4] and label(res, e[3]) == "Nora Quayle"
    assert e[5] not in (e[0], e[3])  # two Quayles in the corpus: a document without a full name stays apart


def test_surname_without_full_name_in_its_document_joins_the_only_person_of_that_name():
    res, e = run(M("a", "Peter Quayle"), M("b", "Quayle"), M("b", "Quayle"))
    assert e[0] == e[1] == e[2]


def test_two_full_names_in_one_document_leave_the_surname_alone():
    res, e = run(M("a", "Peter Quayle"), M("a", "Nora Quayle"), M("a", "Quayle"))
    assert len({e[0], e[1], e[2]}) == 3


def test_different_given_names_never_merge():
    res, e = run(M("a", "Peter Quayle"), M("b", "Piers Quayle"), M("a", "Quayle"), M("b", "Quayle"))
    assert e[0] != e[1]


def test_gender_titles_keep_people_apart():
    res, e = run(M("a", "Mark Dorling"), M("a", "Dorling", title="Mr"), M("b", "Dorling", title="Mrs"),
                 M("b", "Dorling", title="Mr"))
    assert e[0] == e[1] == e[3]
    assert e[2] != e[0]


def test_a_title_of_another_office_blocks_the_surname():
    res, e = run(M("a", "Carl Brenner", title="Home Secretary"), M("b", "Lena Brenner", title="Judge"),
                 M("c", "Brenner", title="Judge"))
    assert e[2] != e[0]
    assert titles_conflict({"judicial"}, {"political"}) and not titles_conflict({"political"}, {"political"})


def test_spelling_variant_of_a_surname_links_within_the_document():
    res, e = run(M("a", "Hadi al-Amiri"), M("a", "Amiri"), M("a", "al-Amiri"), M("b", "Rashid al-Kubaisi"),
                 M("b", "Kubaysi", "GPE"), M("c", "Kubaysi", "GPE"))
    assert e[0] == e[1] == e[2]
    assert e[3] == e[4] and e[5] != e[3]  # the variant links in its article; a place elsewhere stays a place


def test_two_full_names_differing_by_spelling_need_evidence():
    # never in one article, no shared company: two people
    res, e = run(M("a", "Letty Clark"), M("a", "Orvel", "GPE"), M("b", "Letty Clarke"), M("b", "Velsk", "GPE"))
    assert e[0] != e[2]
    # in one article: one person spelled two ways
    res, e = run(M("a", "Letty Clark"), M("a", "Letty Clarke"), M("b", "Letty Clark"))
    assert e[0] == e[1] == e[2]


def test_a_given_name_after_a_title_joins_the_articles_full_name():
    res, e = run(M("a", "Ian Marchetti"), M("a", "Ian", title="Sir"), M("b", "Ian"))
    assert e[0] == e[1] and e[2] != e[0]


# ---------------------------------------------------------------- the alias file


def alias_table(tmp_path, text):
    f = tmp_path / "a.csv"
    f.write_text(textwrap.dedent(text), "utf-8")
    return load_alias_file(f)


def test_bare_surname_alias_never_claims_another_given_name(tmp_path):
    table = alias_table(tmp_path, """\
        name,type,aliases,action
        Peter Quayle,PERSON,Quayle,
        """)
    res, e = run(M("a", "Peter Quayle"), M("b", "Nora Quayle"), M("b", "Quayle"), M("c", "Quayle"), aliases=table)
    assert e[2] == e[1] != e[0]  # Nora's article says who "Quayle" is there
    assert e[3] == e[0]  # elsewhere the alias file decides


def test_readme_alias_example_keeps_another_soleimani_apart(tmp_path):
    table = alias_table(tmp_path, """\
        name,type,aliases,action
        Qassem Soleimani,PERSON,Qasem Soleimani|Haj Qassem|Soleimani,
        """)
    res, e = run(M("a", "Qasem Soleimani"), M("a", "Soleimani", "GPE"), M("b", "Hossein Soleimani"),
                 M("b", "Soleimani"), aliases=table)
    assert e[0] == e[1] and label(res, e[0]) == "Qassem Soleimani"
    assert e[2] == e[3] != e[0]


# ---------------------------------------------------------------- organisations


@pytest.mark.parametrize("key, stem", [
    ("tories", "conservative"), ("conservatives", "conservative"), ("conservative party", "conservative"),
    ("lib dems", "liberal democrat"), ("al shabaab movement", "al shabaab"), ("new labour", "labour"),
])
def test_org_stem(key, stem):
    assert org_stem(key)[0] == stem


def test_party_forms_are_one_organisation():
    res, e = run(M("a", "Trellis Party", "ORG"), M("a", "Trellisites", "NORP"), M("a", "Trellis", "NORP"),
                 M("b", "Trellis", "ORG"), M("b", "Tories", "NORP"), M("b", "Conservatives", "NORP"),
                 M("b", "Conservative Party", "ORG"), M("c", "Tory", "PERSON"))
    assert e[0] == e[2] == e[3] and res.entities[e[0]].type == "ORG" and label(res, e[0]) == "Trellis Party"
    assert e[1] != e[0]  # a different word is not a form of the party
    assert e[4] == e[5] == e[6] == e[7] and label(res, e[4]) == "Conservative Party"


def test_generic_head_is_dropped_only_with_a_shared_article():
    res, e = run(M("a", "Harakat Velsk movement", "ORG"), M("a", "Harakat Velsk", "ORG"),
                 M("b", "Norgaz Brigades", "ORG"), M("c", "Norgaz", "ORG"))
    assert e[0] == e[1]
    assert e[2] != e[3]  # "X Brigades" and "X" never in one article: kept apart


def test_places_never_join_by_organisation_forms():
    res, e = run(M("a", "Philippines", "GPE"), M("a", "Philippine", "NORP"), M("a", "Philippine Party", "ORG"))
    assert e[0] != e[2]


# ---------------------------------------------------------------- types and labels


def test_labels_are_never_glued_or_lowercase():
    res, e = run(M("a", "ofTrellis Party", "ORG"), M("a", "ofTrellis Party", "ORG"), M("b", "Trellis Party", "ORG"))
    assert label(res, e[2]) == "Trellis Party"
    assert well_formed("al-Velsk Front") and not well_formed("theVelsk Front") and not well_formed("velsk")


def test_constituent_country_demonyms_map_to_their_country():
    res, e = run(M("a", "Scottish", "NORP"), M("a", "Scotland", "GPE"), M("a", "Welsh", "NORP"),
                 M("a", "United Kingdom", "GPE"))
    assert e[0] == e[1] and label(res, e[2]) == "Wales" and e[0] != e[3]


ARTICLES = {
    "a.txt": "Prime Minister Peter Quayle said on Monday that the purpose ofNew Trellis was to win. Mr Quayle told "
             "reporters that the Conservative Party had no plan.\n\nHome Secretary Carl Brenner said the Tories would "
             "cut police numbers. Quayle later met Velskoil and Norgaz executives in the city.The minister said "
             "Royal Mail would be sold.\n",
    "b.txt": "Police Commissioner Sir Ian Quayle said the force was ready. Sir Ian said officers would be deployed, "
             "and Quayle added that the Home Office had been warned.\n\nMark Dorling, the Conservative leader, "
             "spoke in Dover. Mrs Dorling, his wife Sara Dorling, attended.\n",
}


@pytest.mark.e2e
def test_written_articles_through_the_real_model(nlp):
    from graphbuild.corpus import Document
    from graphbuild.extract import extract_documents

    docs = [Document(k, v) for k, v in ARTICLES.items()]
    mentions = [m for ex in extract_documents(docs, nlp) for m in ex.mentions]
    for m in mentions:  # offsets point into the text as read, whatever the repair did
        assert ARTICLES[m.doc][m.start:m.end] == m.text
    res = resolve(mentions, (), ResolveConfig())
    labels = {e.label for e in res.entities.values()}
    by_form: dict[tuple, set] = {}
    for m, eid in zip(mentions, res.assign):
        by_form.setdefault((m.doc, m.text), set()).add(res.entities[eid].label if eid else None)
    assert not any(glued_word(x) for x in labels)
    assert {"Velskoil", "Norgaz", "Royal Mail"} <= labels and "Velskoil and Norgaz" not in labels
    assert "Home" not in labels
    assert by_form[("a.txt", "Quayle")] == {"Peter Quayle"} and by_form[("b.txt", "Quayle")] == {"Ian Quayle"}
    assert by_form[("a.txt", "Tories")] == by_form[("a.txt", "Conservative Party")] == {"Conservative Party"}
    assert by_form[("b.txt", "Dorling")] != {"Mark Dorling"}


def test_type_cues_of_the_text_outvote_the_model():
    ms = [Mention("a", 0, 8, "Velskoil", "PERSON", 0), Mention("a", 0, 8, "Velskoil", "PERSON", 1, "", "ORG"),
          Mention("b", 0, 8, "Velskoil", "GPE", 0, "", "ORG"),
          Mention("a", 0, 9, "Ned Sable", "PERSON", 2), Mention("b", 0, 5, "Sable", "PERSON", 3, "", "ORG")]
    res = resolve(ms, (), ResolveConfig())
    assert res.entities[res.assign[0]].type == "ORG"
    # a person written with a given name stays a person, whatever one cue says
    assert res.entities[res.assign[3]].type == "PERSON"


def test_a_surname_variant_with_an_office_the_full_name_lacks_stays_apart():
    # "President Reagan" is not "Donald Regan" (a real other surname), in the article or across the corpus
    res, e = run(M("a", "Donald Regan"), M("a", "Reagan", title="President"), M("b", "Reagan", title="President"),
                 M("c", "Regan"))
    assert e[1] != e[0] and e[2] != e[0]
    assert e[3] == e[0]  # the exact surname still joins


def test_a_person_with_no_person_evidence_takes_the_other_evidence():
    res, e = run(M("a", "Qarvania"), M("b", "Qarvania"), M("c", "Qarvania", "GPE"), M("d", "Norgaz"), M("e", "Norgaz"),
                 M("f", "Velsk"), M("f", "Velsk"), M("f", "Velsk"), M("f", "Velsk", "ORG"))
    assert res.entities[e[0]].type == "GPE"  # a third of the votes say place
    assert res.entities[e[3]].type == "PERSON"  # nothing says otherwise
    assert res.entities[e[5]].type == "PERSON"  # one ORG vote in four is not enough
    res, e = run(M("a", "Mark Velsk"), M("a", "Velsk", "ORG"), M("b", "Velsk", "ORG"), M("b", "Velsk"))
    assert res.entities[e[0]].type == "PERSON"  # a given name makes a person


def test_table_rows_are_left_out_but_prose_with_double_spaces_stays():
    from graphbuild.clean import clean_regions, load_rules

    text = ("Velsk crop estimates:\n Production   12.50   12.50    14.40\n Exports      2.10   3.00     2.75\n"
            "The end.  Prices rose in 1987.  Third one 12.\n Total 1,200 tonnes against 900 tonnes")
    kept = [text[s:e] for s, e in clean_regions(text, load_rules())]
    assert not any("Production" in k or "Exports" in k for k in kept)
    assert any("Prices rose in 1987" in k for k in kept) and any("Total 1,200" in k for k in kept)


def test_codes_in_angle_brackets_are_no_names():
    text = "Velskoil Industries Inc <VLK> said"
    s = text.index("<")
    assert cleaned(text[:s + 5]) == ["Velskoil Industries Inc"]
    assert clean_span(text, s + 1, s + 4, "ORG") == []


def test_a_title_alone_is_no_name_but_a_titled_name_is():
    assert cleaned("Finance Minister", "ORG") == [] and cleaned("chairman", "PERSON") == []
    assert cleaned("Finance Minister Ned Sable", "PERSON") == ["Ned Sable"]


def test_glued_after_an_acronym():
    assert "U.S. And" in repair("the U.S.And Velsk agreed").text
    assert repair("the U.S.-Velsk talks in the U.S. Senate").text == "the U.S.-Velsk talks in the U.S. Senate"


def test_a_name_with_initials_joins_the_one_written_out_in_its_article():
    res, e = run(M("a", "John Henry Velder"), M("a", "J. H. Velder"), M("a", "Velder"),
                 M("b", "J. H. Velder"), M("b", "Jane Hope Velder"), M("b", "James Hal Velder"))
    assert e[0] == e[1] == e[2]
    assert e[3] not in (e[4], e[5])  # two people fit the initials: it stays apart


def test_a_given_name_alone_joins_the_one_full_name_of_its_article_that_starts_with_it():
    res, e = run(M("a", "Vinod Raskar"), M("a", "Vinod"), M("b", "Vinod Raskar"), M("b", "Vinod", title="Sir"))
    assert e[1] == e[0] and e[3] == e[2]
    res, e = run(M("a", "Vinod Raskar"), M("a", "Vinod Patel"), M("a", "Vinod"))
    assert e[2] not in (e[0], e[1])  # two fit
    res, e = run(M("a", "Vinod Raskar"), M("a", "Anil Vinod"), M("a", "Vinod"))
    assert e[2] not in (e[0], e[1])  # the surname of one, the given name of another ("Prabowo"): no guess
    res, e = run(M("a", "Ravi Raskar"), M("a", "Anil Vinod"), M("a", "Vinod"))
    assert e[2] == e[1]  # a full name ends with it: a surname
    res, e = run(M("a", "Hunter Velsk"), M("a", "Hunter"), M("b", "Mark Hunter"), M("c", "Hunter"))
    assert e[1] == e[0] and e[3] != e[2]  # "Hunter" of "Hunter Velsk" is never another article's Mark Hunter


def test_a_place_with_a_capitalised_head_is_another_place():
    # "Qarvan Province" is the province around the town of Qarvan; only a lowercase head comes off a span
    res, e = run(M("a", "Qarvan Province", "GPE"), M("a", "Qarvan", "GPE"), M("b", "Darvan City", "GPE"),
                 M("b", "Darvan", "GPE"))
    assert e[0] != e[1] and e[2] != e[3]


def test_club_forms():
    res, e = run(M("a", "Velsk IL", "ORG"), M("a", "Velsk", "ORG"), M("a", "Velsk Fotball", "PERSON"))
    assert e[0] == e[1]


def test_two_name_spans_the_model_cut_apart_are_joined():
    from graphbuild.extract import _join_adjacent

    text = "Iraqi officials suspect Kata'ib Hezbollah of it, and Iraqi Hezbollah backs Hezbollah Israel talks."
    at = {w: text.index(w) for w in ("Kata'ib", "Hezbollah of", "Iraqi Hezbollah", "Hezbollah backs", "Israel")}
    ents = [(at["Kata'ib"], at["Kata'ib"] + 7, "NORP", 0), (at["Hezbollah of"], at["Hezbollah of"] + 9, "ORG", 0),
            (at["Iraqi Hezbollah"], at["Iraqi Hezbollah"] + 5, "NORP", 0),
            (at["Iraqi Hezbollah"] + 6, at["Iraqi Hezbollah"] + 15, "ORG", 0),
            (at["Hezbollah backs"], at["Hezbollah backs"] + 9, "ORG", 0), (at["Israel"], at["Israel"] + 6, "GPE", 0)]
    joined = [text[s:e] for s, e, _, _ in _join_adjacent(text, 0, ents)]
    assert joined == ["Kata'ib Hezbollah", "Iraqi", "Hezbollah", "Hezbollah", "Israel"]
    text = "Then Secretary of State Ned Sable said."
    st, ned = text.index("State"), text.index("Ned")
    ents = [(st, st + 5, "ORG", 0), (ned, ned + 9, "PERSON", 0)]
    assert len(_join_adjacent(text, 0, ents)) == 2  # a word that names nothing alone joins nothing
    text = "Orvan, a Velskford Democrat, met them."
    vd = text.index("Velskford Democrat")
    ents = [(vd, vd + 9, "GPE", 0), (vd + 10, vd + 18, "NORP", 0)]
    # a place and a party's or people's word are two (the NORP + ORG pair above is one)
    assert [text[s:e] for s, e, _, _ in _join_adjacent(text, 0, ents)] == ["Velskford", "Democrat"]


def test_organisation_short_form_joins_the_one_full_name_written_before_it():
    res, e = run(M("a", "Northgate Energy plc", "ORG"), M("a", "Northgate", "ORG"), M("b", "Harlow", "ORG"),
                 M("b", "Harlow Energy", "ORG"), M("c", "Velsk Bank", "ORG"), M("c", "Velsk Airways", "ORG"),
                 M("c", "Velsk", "ORG"), M("d", "Qarvania", "GPE"), M("d", "Qarvania Oil", "ORG"))
    assert e[0] == e[1]
    assert e[2] != e[3]  # written before the full name: news does not write it that way round
    assert e[6] not in (e[4], e[5])  # two companies start with it
    assert e[7] != e[8]  # a place is not a short form


def test_organisation_short_form_that_names_something_of_its_own_stays_apart():
    res, e = run(M("a", "Velsk University School of Law", "ORG"), M("a", "Velsk University", "ORG"),
                 M("b", "Harlow Motors Canada Ltd", "ORG"), M("b", "Harlow Motors", "ORG"),
                 M("c", "David Orvanson"), M("c", "Orvanson Brothers Fund", "ORG"), M("c", "Orvanson", "ORG"),
                 M("d", "Qarvan University Ltd", "ORG"), M("d", "Qarvan University", "ORG"),
                 M("e", "Tamsin Motors Group", "ORG"), M("e", "Tamsin Motors", "ORG"),
                 M("f", "Brisk Brothers Fund", "ORG"), M("f", "Brisk", "ORG"))
    assert e[0] != e[1]  # an institution of its own, of which the longer name is a school
    assert e[2] != e[3]  # the parent, not its Canadian subsidiary
    assert e[6] != e[5]  # the article names a person of that surname
    # both ways: a legal form or a generic head left out is the same name, and without a person of that
    # surname the short form is the fund's
    assert e[7] == e[8] and e[9] == e[10] and e[11] == e[12]


def test_spelling_variants_of_one_article_are_one_person_and_its_surname_joins_them():
    res, e = run(M("a", "Khalifa Haftar"), M("a", "Khalifa Hafter"), M("a", "Haftar", "ORG"))
    assert e[0] == e[1] == e[2]


def test_abbreviated_forms_never_label_a_node():
    res, e = run(M("a", "Lib Dems", "ORG"), M("a", "Lib Dems", "ORG"), M("a", "Liberal Democrats", "ORG"),
                 M("b", "al Velsk", "ORG"), M("b", "al-Velsk", "ORG"), M("b", "al-Velsk", "ORG"))
    assert label(res, e[0]) == "Liberal Democrats"
    assert label(res, e[3]) == "al-Velsk"  # the spelling used most, not the one with more words


def test_america_is_the_united_states():
    res, e = run(M("a", "America", "GPE"), M("b", "United States", "GPE"))
    assert e[0] == e[1] and label(res, e[0]) == "United States"


@pytest.mark.e2e
def test_seeds_without_the_shipped_alias_files(tmp_path):
    """What the generic rules alone get right on the seeds (the shipped alias files add the rest)."""
    from click.testing import CliRunner

    from graphbuild.cli import cli

    from .conftest import SEEDS

    out = tmp_path / "out"
    r = CliRunner().invoke(cli, ["build", str(SEEDS), "--out", str(out), "--no-default-aliases", "--no-cache",
                                 "--jobs", "1", "-q"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    import csv

    rows = {row["label"]: row for row in csv.DictReader((out / "entities.csv").open(encoding="utf-8"))}
    aliases = {k: set(v["aliases"].split(" | ")) for k, v in rows.items()}
    assert rows["Kata’ib Hezbollah"]["type"] == "ORG" and "Kata’ib" not in rows
    assert {"Qassem Soleimani", "Qasem Soleimani", "Soleimani"} <= aliases["Qassem Soleimani"]
    assert {"Abu Mahdi", "al-Muhandis", "Muhandis"} <= aliases["Abu Mahdi al-Muhandis"]
    assert {"US", "U.S.", "America", "American"} <= aliases["United States"]
    assert "Adel Abdul Mahdi" in rows and rows["Hezbollah"]["type"] == "ORG"


def test_names_only_organisations_end_with_are_organisations():
    res, e = run(M("a", "Velsk United", "GPE"), M("b", "Velsk United", "GPE"), M("a", "Velsk", "GPE"))
    assert res.entities[e[0]].type == "ORG" and res.entities[e[2]].type == "GPE" and e[0] != e[2]


def test_a_label_written_in_capitals_beats_a_longer_lowercase_one():
    res, e = run(M("a", "Trellis party", "ORG"), M("a", "Trellis party", "ORG"), M("a", "Trellis Party", "ORG"))
    assert label(res, e[0]) == "Trellis Party"


def test_plural_forms_join_only_with_a_shared_article_and_never_through_another_head():
    res, e = run(M("a", "Velsk Times", "ORG"), M("b", "Velsk Time", "ORG"), M("c", "Lloyd", "PERSON"),
                 M("d", "Lloyds", "ORG"), M("e", "Democratic Alliance", "ORG"), M("e", "Democrats", "NORP"),
                 M("f", "Trellis Greens", "ORG"), M("f", "Trellis Green", "ORG"))
    assert e[0] != e[1] and e[2] != e[3]  # different articles: a plural alone is no evidence
    assert e[4] != e[5]  # the table says Democrats are the Democratic Party, not an alliance
    assert e[6] == e[7]  # in one article they are one


def test_a_short_form_with_articles_of_its_own_is_never_folded_into_a_longer_name():
    res, e = run(M("a", "Velsk Capital", "ORG"), M("a", "Velsk", "ORG"), M("b", "Velsk", "ORG"),
                 M("c", "Norgaz Holdings Ltd", "ORG"), M("c", "Norgaz", "ORG"), M("d", "Norgaz", "ORG"))
    assert e[1] != e[0]  # "Velsk" stands alone in b: the parent is not its subsidiary
    assert e[4] == e[3]  # "Holdings Ltd" only says what kind of company it is


def test_office_titles_are_read_in_the_article_that_links():
    res, e = run(M("a", "Colm Pewter", "PERSON", "Secretary of State"), M("b", "Colm Pewter"),
                 M("b", "Pewter", title="General"))
    assert e[2] == e[1]  # b calls him General; a's office does not block b's link


# ---------------------------------------------------------------- offices, amounts, dates, codes, tables

def spans_in(text, span, label="ORG"):
    s = text.index(span)
    return [text[a:b] for a, b, _ in clean_span(text, s, s + len(span), label)]


@pytest.mark.parametrize("text, span, expected", [
    ("said Danish Foreign Trade Minister Ada Velsk", "Danish Foreign Trade", ["Danish"]),
    ("said Quarvian Finance Minister Ada Velsk", "Quarvian Finance", ["Quarvian"]),
    ("a talk by the EU Farm Commissioner Ada Velsk", "EU Farm", ["EU"]),
    ("Velsk and Trade representative Ada Roe asked", "Trade", []),
    ("Ada Roe, Secretary of Transportation, said", "Transportation", []),
    ("Chancellor of the Exchequer Ada Roe", "Exchequer", []),
    ("Ada Roe, Vice-President of Marketing Services, said", "Marketing Services", []),
])
def test_portfolio_words_of_an_office_are_no_name(text, span, expected):
    assert spans_in(text, span) == expected


@pytest.mark.parametrize("text, span", [
    ("Velsk Petroleum chairman Ada Roe said", "Velsk Petroleum"),  # a sector word is part of a company's name
    ("the Foreign Affairs Committee said", "Foreign Affairs Committee"),  # a portfolio with a head is a name
    ("Trellis Finance Corp said", "Trellis Finance Corp"),
])
def test_names_with_portfolio_words_stay(text, span):
    assert spans_in(text, span) == [span]


def test_amounts_months_and_bracketed_codes_are_no_names():
    assert spans_in("exports of 61 billion Q.V. Dlrs, though", "Q.V. Dlrs", "PERSON") == []
    assert spans_in("a deficit of 76 mln Qarvan Dollars in April", "Qarvan Dollars") == []
    assert spans_in("GRADE.....MAR 27", "MAR") == [] and spans_in("rose in Oct/Dec   Jan/Dec", "Oct/Dec") == []
    assert spans_in("a rise in February. (QRBK 0622)\n", "QRBK 0622") == []
    assert spans_in("the bank said. (QRCN\n1022)\n", "QRCN") == []


def test_names_beside_amounts_months_and_brackets_stay():
    assert spans_in("the Qarvan Dollar Stores chain", "Qarvan Dollar Stores") == ["Qarvan Dollar Stores"]
    assert spans_in("Family Dollar said", "Family Dollar") == ["Family Dollar"]  # no figure before it
    assert spans_in("May said on Monday", "May", "PERSON") == ["May"]
    assert spans_in("the World Trellis Organization (WTO) said", "WTO") == ["WTO"]


def test_two_states_written_with_a_hyphen_are_two_names():
    assert spans_in("the U.S.-Japan trade pact", "U.S.-Japan") == ["U.S.", "Japan"]
    assert spans_in("the Iran-Iraq war", "Iran-Iraq", "EVENT") == ["Iran", "Iraq"]


@pytest.mark.parametrize("span", ["Hewlett-Packard", "Guinea-Bissau", "Austria-Hungary", "Sino-Soviet"])
def test_hyphenated_names_stay_whole(span):
    assert spans_in(f"the {span} deal", span) == [span]


def test_a_full_name_after_and_starts_a_second_name():
    assert conjoined("Ortez and Victor Quarrie") == ["Ortez", "Victor Quarrie"]
    assert conjoined("Velsk and Norgaz Foundation") == ["Velsk and Norgaz Foundation"]
    assert conjoined("Quarles and Trellis") == ["Quarles and Trellis"]  # no person's name: one name


def test_table_headings_and_dotted_leaders_are_left_out():
    from graphbuild.clean import clean_regions, load_rules

    text = ("Prices in dlrs a bushel.\n     QORN     QRW   QRS    SQW   SWQ\n GRADE..........MAR 27.....MAR 20\n"
            "The end.  Prices rose in 1987.  Third one 12.\nWait.... what? The Velsk minister left.")
    kept = " ".join(text[s:e] for s, e in clean_regions(text, load_rules()))
    assert "QRW" not in kept and "GRADE" not in kept
    assert "Prices rose in 1987" in kept and "Wait.... what?" in kept and "Prices in dlrs" in kept


# ---------------------------------------------------------------- common words, corpus-wide

def corpus_mentions(docs):
    """One list of Mentions per (text, [(span, label)]) document, each span found in its text."""
    from graphbuild.extract import at_start

    per_doc = []
    for d, (text, spans) in enumerate(docs):
        ms = []
        for i, (span, label) in enumerate(spans):
            s = text.index(span)
            ms.append(Mention(f"d{d}", s, s + len(span), span, label, i, initial=at_start(text, s, s + len(span))))
        per_doc.append(ms)
    return per_doc


def common_words(docs, lowercase):
    from graphbuild.extract import drop_common_words

    return [[m.text for m in doc] for doc in drop_common_words(corpus_mentions(docs), lowercase)]


def test_a_word_capitalised_only_at_sentence_starts_and_lowercase_elsewhere_in_the_corpus_is_no_name():
    from graphbuild.extract import lowercase_words

    docs = [("Bankers said rates rose. Velsk fell.", [("Bankers", "ORG"), ("Velsk", "ORG")]),
            ("Farmer marketings rose. Quoting sources, Velsk said.", [("Farmer", "PERSON"), ("Quoting", "GPE")]),
            ("The bankers and farmers met. A banker was quoting figures.", [])]
    lowercase = set().union(*(lowercase_words(t) for t, _ in docs))
    assert common_words(docs, lowercase) == [["Velsk"], [], []]


def test_names_at_sentence_starts_stay():
    from graphbuild.extract import lowercase_words

    docs = [("Shell said profits rose.", [("Shell", "ORG")]),
            ("Brown said the vote was close. Gordon Brown won.", [("Brown", "PERSON"), ("Gordon Brown", "PERSON")]),
            ("Jordan said. They asked Shell for a shell company.", [("Jordan", "GPE"), ("Shell", "ORG")]),
            ("Brown rice and a jordan almond.", [])]
    lowercase = set().union(*(lowercase_words(t) for t, _ in docs))
    # Shell is capitalised mid-sentence elsewhere; Brown is the article's Gordon Brown; Jordan is a state
    assert common_words(docs, lowercase) == [["Shell"], ["Brown", "Gordon Brown"], ["Jordan", "Shell"], []]


def test_a_past_participle_capitalised_at_a_line_start_is_no_name_where_its_stem_is_lowercase():
    from graphbuild.extract import lowercase_words

    docs = [("Acreage --\n   Planted   76.7   83.4\n   Harvested   69.2   75.2",
             [("Planted", "ORG"), ("Harvested", "ORG")]),
            ("They plant wheat; the harvest was late. Ahmed said so.", [("Ahmed", "PERSON")])]
    lowercase = set().union(*(lowercase_words(t) for t, _ in docs))
    assert common_words(docs, lowercase) == [[], ["Ahmed"]]  # "Ahmed": no lowercase "ahm"


def capitals(docs):
    """drop_common_words then drop_capital_words over (text, [(span, label)]) documents."""
    from graphbuild.extract import drop_capital_words, drop_common_words, lowercase_words

    lowercase = set().union(*(lowercase_words(t) for t, _ in docs))
    per_doc = corpus_mentions(docs)
    drop_common_words(per_doc, lowercase)
    return [[m.text for m in doc] for doc in drop_capital_words(per_doc, lowercase)]


def test_common_words_in_capitals_are_no_names():
    docs = [("    SORGHUM\n   1986/87  12.0\n    LONG GRAIN RICE, in mln --\n ALLOCATIONS 40",
             [("SORGHUM", "GPE"), ("LONG GRAIN RICE", "PERSON"), ("ALLOCATIONS", "ORG")]),
            ("Sorghum season begins. The sorghum and long grain rice allocations rose.", [("Sorghum", "GPE")])]
    assert capitals(docs) == [[], []]


def test_names_in_capitals_stay():
    docs = [("QARVAN OIL SAYS NATO AND WHO BACK VELSKOIL\n   SHELL SAYS", [
                ("QARVAN OIL", "ORG"), ("NATO", "ORG"), ("WHO", "ORG"), ("VELSKOIL", "ORG"), ("SHELL", "ORG")]),
            ("Qarvan Oil and Shell said oil and shell prices and who knows what rose.", [
                ("Qarvan Oil", "ORG"), ("Shell", "ORG")])]
    # written otherwise elsewhere (QARVAN OIL, SHELL), an acronym of three letters (WHO), words never written in
    # lowercase (NATO, VELSKOIL)
    assert capitals(docs) == [["QARVAN OIL", "NATO", "WHO", "VELSKOIL", "SHELL"], ["Qarvan Oil", "Shell"]]


# ---------------------------------------------------------------- given names

def test_a_given_name_makes_a_person_of_a_name_the_model_called_an_organisation():
    res, e = run(M("a", "Leona Quarrie", "ORG"), M("b", "Dallas Quarries", "ORG"), M("c", "Paul Velsk Group", "ORG"))
    assert [res.entities[x].type for x in e] == ["PERSON", "ORG", "ORG"]
    res, e = run(M("a", "Leona Quarrie", "ORG"), M("a", "Leona Quarrie", "ORG"))
    assert res.entities[e[0]].type == "ORG"  # the model's votes outweigh the cue when they agree


# ---------------------------------------------------------------- wrapped lines, titles after a name

def test_hard_wrapped_lines_are_read_as_one_line_with_offsets_unchanged():
    from graphbuild.repair import repair, unwrap

    text = ("Prices rose sharply in the markets of the Qarvan\nDelta, traders said on Monday.\n"
            "Velsk Buys Norgaz\nit said")
    assert unwrap(text) == text.replace("Qarvan\nDelta", "Qarvan Delta")  # a short headline line keeps its break
    rep = repair(text)
    assert len(rep.text) == len(text) and rep.span(10, 20) == (10, 20)
    indented = "The minister of the Qarvan Delta said it rose.\n    Velsk said"
    assert unwrap(indented) == indented  # a new, indented paragraph keeps its break


def test_a_one_word_name_is_not_extended_over_a_title():
    text = "the departure of Ada Roe as Qarvan Secretary was one factor"
    assert spans_in(text, "Qarvan") == ["Qarvan"]
    text = "meeting Danish Chancellor Ada Roe"
    assert spans_in(text, "Danish", "NORP") == ["Danish"]
    assert spans_in("it was sent by the Royal Qarvan Mail last week", "Royal") == ["Royal Qarvan Mail"]  # extended


def test_determiners_and_dashes_start_names_and_sentences():
    assert spans_in("Neither Velskoil, which is owned", "Neither Velskoil") == ["Velskoil"]
    assert spans_in("Both Velskoil and Norgaz", "Both Velskoil") == ["Velskoil"]
    from graphbuild.extract import at_start

    text = "Velsk Corp - Initial public offering of shares"
    assert at_start(text, text.index("Initial"), text.index("Initial") + 7)
    text = "Velsk-Initial Corp"
    assert not at_start(text, text.index("Initial"), text.index("Initial") + 7)


def test_a_portfolio_title_is_no_name():
    assert cleaned("Labour Minister", "ORG") == []
    assert cleaned("Labour", "ORG") == ["Labour"]  # the party


def test_a_defined_acronym_votes_for_its_entity_at_half_weight():
    ms = [Mention("a", 0, 30, "General Agreement on Velsk", "LAW", 0)] + \
         [Mention("a", 40 + 10 * i, 44 + 10 * i, "GAV", "ORG", 1 + i) for i in range(5)]
    res = resolve(ms, [("a", "GAV", "General Agreement on Velsk")], ResolveConfig(aliases=AliasTable()))
    assert res.assign[0] == res.assign[1] and res.entities[res.assign[0]].type == "ORG"
    ms = [Mention("a", 0, 30, "General Agreement on Velsk", "LAW", 0), Mention("a", 0, 30, "General Agreement on Velsk",
          "LAW", 0), Mention("a", 40, 44, "GAV", "ORG", 1)]
    res = resolve(ms, [("a", "GAV", "General Agreement on Velsk")], ResolveConfig(aliases=AliasTable()))
    assert res.entities[res.assign[0]].type == "LAW"  # one acronym does not outvote two long forms


# ---------------------------------------------------------------- institutions qualified by a state, middle names

def test_an_institution_qualified_by_its_only_state_is_that_institution():
    res, e = run(M("a", "Danish Velskbank", "ORG"), M("a", "Velskbank", "ORG"), M("b", "Velskbank", "ORG"),
                 M("c", "Danish Velskbank", "ORG"))
    assert len(set(e)) == 1 and label(res, e[0]) == "Velskbank"


def test_an_institution_qualified_by_several_states_follows_its_article():
    res, e = run(M("a", "Japanese Velsk Ministry", "ORG"), M("a", "Velsk Ministry", "ORG"),
                 M("b", "French Velsk Ministry", "ORG"), M("b", "Velsk Ministry", "ORG"),
                 M("c", "Velsk Ministry", "ORG"))
    assert e[0] == e[1] and e[2] == e[3] and e[0] != e[2]
    assert e[4] not in (e[0], e[2])  # an article that names no state keeps it apart


def test_a_qualified_name_never_used_beside_the_bare_one_stays_apart():
    res, e = run(M("a", "American Velskpress", "ORG"), M("b", "Velskpress", "ORG"))
    assert e[0] != e[1]


def test_a_name_without_its_middle_name_joins_the_full_one():
    res, e = run(M("a", "John H. Quarrie"), M("a", "John Quarrie"), M("b", "Luis Armando Velsk"),
                 M("b", "Luis Velsk"))
    assert e[0] == e[1] and e[2] != e[3]  # a middle name, not an initial: a son may share the given name
    res, e = run(M("a", "John H. Quarrie"), M("a", "John T. Quarrie"), M("a", "John Quarrie"))
    assert e[2] not in (e[0], e[1])  # two fit: it stays apart
    res, e = run(M("a", "John H. Quarrie"), M("a", "Velsk Corp", "ORG"), M("b", "John Quarrie"),
                 M("b", "Norgaz", "ORG"), M("c", "Anne Quarrie"))
    assert e[0] != e[2]  # two articles with nothing in common, another Quarrie: no evidence that they are one
    res, e = run(M("a", "John H. Quarrie"), M("a", "Velsk Corp", "ORG"), M("b", "John Quarrie"),
                 M("b", "Norgaz", "ORG"))
    assert e[0] != e[2]  # no other Quarrie either: still no evidence ("George Bush", "George W. Bush")


@pytest.mark.parametrize("text, spans, expected", [
    ("Latest Velsk Reserve data rose. The Velsk Reserve said. North Qarvan rose. The North Sea and latest news.",
     ["Latest Velsk Reserve", "Velsk Reserve", "North Qarvan", "North Sea"],
     ["Velsk Reserve", "Velsk Reserve", "North Qarvan", "North Sea"]),
    # the rest starts a longer name ("Velsk Reserve Board"); one word ("Qarvan") needs a name of its own
    ("Latest Velsk Reserve data rose. The Velsk Reserve Board said. Latest Qarvan news. The Qarvan Bank met.",
     ["Latest Velsk Reserve", "Velsk Reserve Board", "Latest Qarvan", "Qarvan Bank"],
     ["Velsk Reserve", "Velsk Reserve Board", "Latest Qarvan", "Qarvan Bank"]),
])
def test_a_common_word_before_a_name_at_a_sentence_start_comes_off(text, spans, expected):
    from graphbuild.extract import at_start, drop_common_words

    ms = []
    for i, span in enumerate(spans):
        s = text.index(span)
        ms.append(Mention("d", s, s + len(span), span, "ORG", i, initial=at_start(text, s, s + len(span))))
    out = drop_common_words([ms], {"latest", "news", "north"})[0]
    assert [m.text for m in out] == expected
    assert text[out[0].start:out[0].end] == expected[0]


# ---------------------------------------------------------------- names the model cut or glued

def widened(text, span, floor=0):
    from graphbuild.extract import _widen

    s = text.index(span)
    a, b, _ = _widen(text, s, s + len(span), floor, len(text))
    return text[a:b]


@pytest.mark.parametrize("text, span, whole", [
    ("    Quarr-Velskers said that", "Quarr", "Quarr-Velskers"),
    ("said QV-ROM's will be", "ROM", "QV-ROM"),
    ("A Purolova Courier Corp director", "Courier Corp", "Purolova Courier Corp"),
    ("a loan from the Qarvan and Velsk Banking Corp said", "Velsk Banking Corp", "Qarvan and Velsk Banking Corp"),
])
def test_a_name_cut_inside_a_word_or_a_company_name_is_completed(text, span, whole):
    assert widened(text, span) == whole


@pytest.mark.parametrize("text, span", [
    ("Qarvan-backed militias", "Qarvan"),  # a lowercase part is no part of the name
    ("the anti-Velsk groups", "Velsk"),
    ("said Chairman Ada Roe of Velsk Corp", "Velsk Corp"),  # "of": no company word
    ("shares of British Velsk Corp rose", "Velsk Corp"),  # a demonym is no part of it
])
def test_names_next_to_hyphens_and_companies_stay(text, span):
    assert widened(text, span) == span


def test_a_company_written_with_and_is_one_company():
    from graphbuild.extract import _join_adjacent

    text = "Quarrie and Velsk Co said"
    assert _join_adjacent(text, 0, [(0, 7, "PERSON", 0), (12, 20, "ORG", 0)]) == [(0, 20, "ORG", 0)]
    text = "Quarrie and Velsk said"  # no legal form: two names
    assert len(_join_adjacent(text, 0, [(0, 7, "PERSON", 0), (12, 17, "ORG", 0)])) == 2


def test_states_with_a_slash_brackets_inside_names_and_people_after_organisations():
    assert spans_in("complied with the U.S./Japan agreement", "U.S./Japan") == ["U.S.", "Japan"]
    assert spans_in("Greenwell Velsk (Far East) Ltd said", "Greenwell Velsk (Far East) Ltd") == \
        ["Greenwell Velsk (Far East) Ltd"]
    assert spans_in("the International Velsk Fund (IVF said", "International Velsk Fund (IVF") == \
        ["International Velsk Fund", "IVF"]
    assert spans_in("Governor of the Bank of Qarvan Robin Velsk-Quarrie said", "Bank of Qarvan Robin Velsk-Quarrie") \
        == ["Bank of Qarvan", "Robin Velsk-Quarrie"]
    assert spans_in("the Martin Luther Quarrie said", "Martin Luther Quarrie", "PERSON") == ["Martin Luther Quarrie"]


@pytest.mark.parametrize("sentence, span, label, expected", [
    ("the London Velsk Offered Rate rose", "London Velsk Offered Rate", "ORG", []),
    ("yields on Qarvan Treasury Bills fell", "Qarvan Treasury Bills", "ORG", []),
    ("the new Velsk Added Tax starts", "Velsk Added Tax", "ORG", []),
    ("the Qarvan Seng Index fell", "Qarvan Seng Index", "ORG", []),
    ("under the Velsk Services Act of 1986", "Velsk Services Act", "ORG", []),
    ("shares of Velsk Bond Corp rose", "Velsk Bond Corp", "ORG", ["Velsk Bond Corp"]),
    ("actor Jimmy Bond said", "Jimmy Bond", "PERSON", ["Jimmy Bond"]),
    ("the Rate fell", "Rate", "ORG", ["Rate"]),  # one word: left to the corpus-wide rules
    ("Velsk Rates Committee met", "Velsk Rates Committee", "ORG", ["Velsk Rates Committee"]),
])
def test_instruments_indicators_taxes_and_laws_are_no_actors(sentence, span, label, expected):
    assert spans_in(sentence, span, label) == expected


def test_prices_after_names_units_and_connected_institutions():
    assert spans_in("British Velsk 1/2 to 21-1/4 and Quarr-Velsk 1/4 to 21", "Quarr-Velsk 1/4") == ["Quarr-Velsk"]
    assert spans_in("the Velsk 737 jet", "Velsk 737") == ["Velsk 737"]
    assert spans_in("Reserves of the Velsk Bank +1.8 (+2.8)", "Velsk Bank +1.8") == ["Velsk Bank"]
    assert spans_in("Quarr Inc 2,679 bpd at 15 dlrs", "Quarr Inc 2,679") == ["Quarr Inc"]
    assert spans_in("agreed to sell Velsk Life Insurance Co 13 pct of it", "Velsk Life Insurance Co 13") == \
        ["Velsk Life Insurance Co"]
    assert spans_in("the Velsk Fund 2 raised", "Velsk Fund 2") == ["Velsk Fund 2"]  # no legal form: a name's number
    assert spans_in("the research ship Quarr 1 sailed", "Quarr 1", "ORG") == ["Quarr 1"]
    assert spans_in("sorghum is priced per QWT, corn", "QWT") == []
    assert spans_in("the Qarvan Post said", "Qarvan Post") == ["Qarvan Post"]
    assert spans_in("overseas business. The Post and Velsk Ministry has said", "Post") == ["Post and Velsk Ministry"]
    assert spans_in("overseas business. The Post and Velsk fell", "Post") == ["Post"]


def test_conjoined_names_split_at_a_comma_and_after_an_institution_word():
    assert conjoined("Nakavo, Qarvan News Service", "Nakavo", "Qarvan News Service")[:2] == \
        ["Nakavo", "Qarvan News Service"]
    assert conjoined("Donaldo, Velsk and Quarrie", "Donaldo")[0] == "Donaldo, Velsk and Quarrie"
    assert conjoined("Office and Department of Velsk Services")[0] == "Department of Velsk Services"


def test_acronyms_of_common_nouns_are_no_names():
    from graphbuild.resolve import find_common_acronyms

    text = "use of payment-in-kind, or PIK, certificates and application specific integrated circuits (ASIC)"
    defs = [("a", a, long) for a, long in find_common_acronyms(text)]
    assert [d[1] for d in defs] == ["PIK", "ASIC"]
    ms = [Mention("a", 0, 3, "PIK", "ORG", 0), Mention("b", 0, 4, "ASIC", "ORG", 0),
          Mention("c", 0, 3, "IVF", "ORG", 0)]
    res = resolve(ms, defs, ResolveConfig(aliases=AliasTable()))
    assert res.assign[:2] == [None, None] and res.assign[2]
    defs.append(("c", "PIK", "Pension Insurance Kompany"))  # defined by a name elsewhere: a name
    res = resolve(ms, defs, ResolveConfig(aliases=AliasTable()))
    assert res.assign[0] is not None


def doc_run(doc, *forms):
    """Mentions of one document in reading order: (text, label, title)."""
    ms = [Mention(doc, 100 * i, 100 * i + len(t), t, lab, i, title) for i, (t, lab, title) in enumerate(forms)]
    res = resolve(ms, (), ResolveConfig(aliases=AliasTable()))
    return res, res.assign


def test_a_surname_used_before_the_second_full_name_is_written_means_the_first():
    res, e = doc_run("a", ("Tony Quarrie", "PERSON", ""), ("Quarrie", "PERSON", ""), ("Cherie Quarrie", "PERSON", ""))
    assert e[1] == e[0] != e[2]
    res, e = doc_run("a", ("Tony Quarrie", "PERSON", ""), ("Cherie Quarrie", "PERSON", ""), ("Quarrie", "PERSON", ""))
    assert e[2] not in (e[0], e[1])  # both written before: it stays apart


def test_a_gendered_title_picks_the_full_name_of_that_sex():
    res, e = doc_run("a", ("Margaret Quarrie", "PERSON", ""), ("Denis Quarrie", "PERSON", ""),
                     ("Quarrie", "PERSON", "Mrs"), ("Quarrie", "PERSON", "Mr"))
    assert e[2] == e[0] and e[3] == e[1]


def test_a_state_s_formal_name_is_the_state():
    res, e = run(M("a", "Kingdom of Qarvania", "GPE"), M("b", "Qarvania", "GPE"),
                 M("c", "People's Republic of Velskia", "GPE"), M("c", "Velskia", "GPE"))
    assert e[0] == e[1] and e[2] == e[3] and label(res, e[1]) == "Qarvania"


def test_two_formal_names_of_one_short_name_are_two_states():
    res, e = run(M("a", "Republic of Velskia", "GPE"), M("b", "People's Republic of Velskia", "GPE"),
                 M("c", "Velskia", "GPE"))
    assert len(set(e)) == 3


def test_singular_and_plural_of_a_group_are_one_group_in_one_article():
    res, e = run(M("a", "Velskite", "NORP"), M("a", "Velskites", "NORP"), M("b", "Quarrite", "NORP"),
                 M("c", "Quarrites", "NORP"))
    assert e[0] == e[1] and res.entities[e[0]].type == "NORP"
    assert e[2] != e[3]  # no shared article


# ---------------------------------------------------------------- from a new user's trial on fresh news

def test_a_peer_is_not_the_minister_who_shares_his_surname():
    res, e = doc_run("a", ("Steve Quarrie", "PERSON", "Environment Secretary"), ("Quarrie", "PERSON", "Mr"),
                     ("Quarrie", "PERSON", "Lord"))
    assert e[1] == e[0] and e[2] != e[0]


def test_a_judge_never_joins_a_politician_titled_so_in_another_article():
    res, e = run(M("a", "Rachel Quarrie", title="Chancellor"), M("b", "Rachel Quarrie"),
                 M("b", "Quarrie", title="Judge"))
    assert e[2] not in (e[0], e[1])
    res, e = run(M("a", "Rachel Quarrie", title="Chancellor"), M("b", "Rachel Quarrie"),
                 M("b", "Quarrie", title="Mrs"))
    assert e[2] == e[1]


def test_a_titled_surname_finds_a_full_name_the_model_typed_otherwise():
    res, e = doc_run("a", ("Kemi Quarrenoch", "GPE", ""), ("Kemi Quarrenoch", "GPE", ""),
                     ("Quarrenoch", "PERSON", "Mrs"))
    assert e[2] == e[0] and res.entities[e[0]].type == "PERSON"
    res, e = doc_run("a", ("Velsk Airport", "FAC", ""), ("Velsk", "PERSON", "Mr"))
    assert e[1] != e[0]  # a name no person has


def test_a_hyphenated_surname_joins_the_full_name():
    res, e = doc_run("a", ("Nick Quarrie-Velsk", "PERSON", ""), ("Quarrie-Velsk", "PERSON", "Mr"))
    assert e[1] == e[0]
    res, e = doc_run("a", ("Quarrie Velsk", "PERSON", ""), ("Abu Quarrie", "PERSON", ""))
    assert e[1] != e[0]


def test_two_letter_acronyms_need_their_long_form_in_the_same_article():
    res, e = run(M("a", "Quarrie Velsk", "ORG"), M("b", "QV", "ORG"), M("c", "Norgaz Trellis", "ORG"),
                 M("c", "NT", "ORG"), M("d", "Baath party", "ORG"), M("e", "BP", "ORG"))
    assert e[1] != e[0] and e[3] == e[2] and e[5] != e[4]


def test_a_short_form_before_a_comma_of_the_full_name_joins_it():
    res, e = run(M("a", "Velsk, Tarrant and Co", "ORG"), M("a", "Velsk", "ORG"))
    assert e[0] == e[1] and label(res, e[0]) == "Velsk, Tarrant and Co"
    # a word used in an article without the full name stands for more than it
    res, e = run(M("a", "Velsk, Tarrant and Co", "ORG"), M("a", "Velsk", "ORG"), M("b", "Velsk", "ORG"))
    assert e[0] != e[1]


def test_the_last_word_of_a_company_name_is_its_short_form_in_its_article():
    res, e = run(M("a", "Orvan Kessel Co", "ORG"), M("a", "Kessel", "ORG"))
    assert e[0] == e[1]
    # no legal form ("Orvan Kessel" may be a person or a place's name), or written before the long name
    res, e = run(M("a", "Orvan Kessel", "ORG"), M("a", "Kessel", "ORG"))
    assert e[0] != e[1]
    res, e = run(M("a", "Kessel", "ORG"), M("a", "Orvan Kessel Co", "ORG"))
    assert e[0] != e[1]
    # used in an article without the company's name: it stands for more ("Motors" of "General Motors Corp")
    res, e = run(M("a", "Orvan Kessel Co", "ORG"), M("a", "Kessel", "ORG"), M("b", "Kessel", "ORG"))
    assert e[0] != e[1]
    # a joint venture's name: its other word starts another company of the article ("Dow Corning" and "Dow")
    res, e = run(M("a", "Orvan Kessel Co", "ORG"), M("a", "Orvan Chemical Co", "ORG"), M("a", "Kessel", "ORG"))
    assert e[2] != e[0]
    # two companies of the article end with it: nothing says which
    res, e = run(M("a", "Orvan Kessel Co", "ORG"), M("a", "Tarrant Kessel Inc", "ORG"), M("a", "Kessel", "ORG"))
    assert e[2] not in (e[0], e[1])


def test_of_two_long_forms_of_an_acronym_the_one_named_beside_it_wins():
    # "VTC" spells both "Velsk Trading Corp" (named beside it in article a) and "Varna Tile Co" (elsewhere)
    res, e = run(M("a", "Velsk Trading Corp", "ORG"), M("a", "VTC", "ORG"), M("b", "VTC", "ORG"),
                 M("c", "Varna Tile Co", "ORG"))
    assert e[1] == e[0] == e[2] and e[3] != e[0]
    # both named beside it somewhere: nothing says which one it is
    res, e = run(M("a", "Velsk Trading Corp", "ORG"), M("a", "VTC", "ORG"), M("b", "VTC", "ORG"),
                 M("b", "Varna Tile Co", "ORG"))
    assert e[1] not in (e[0], e[3])
    # neither beside it: no join
    res, e = run(M("a", "Velsk Trading Corp", "ORG"), M("b", "VTC", "ORG"), M("c", "Varna Tile Co", "ORG"))
    assert e[1] not in (e[0], e[2])


def test_a_name_with_the_acronym_among_its_words_is_no_long_form_of_it():
    res, e = run(M("a", "Quarr Community", "ORG"), M("a", "QC", "ORG"), M("a", "QC Commission", "ORG"))
    assert e[1] == e[0] and e[2] != e[0]  # "QC Commission" spells "QC" too, yet is no long form of it
    res, e = run(M("a", "QC", "ORG"), M("a", "QC Commission", "ORG"))
    assert e[0] != e[1]


def test_a_bank_of_a_place_is_one_name_and_a_party_in_the_listed_names_is_found_whole():
    from graphbuild.extract import _join_adjacent

    text = "the Velsk Reserve Bank of Qarvan said"
    assert _join_adjacent(text, 0, [(4, 22, "ORG", 0), (26, 32, "GPE", 0)]) == [(4, 32, "ORG", 0)]
    text = "the Velsk Ministry of Qarvan said"  # a ministry "of" a place keeps the place's mention
    assert len(_join_adjacent(text, 0, [(4, 18, "ORG", 0), (22, 28, "GPE", 0)])) == 2
    from graphbuild.pipeline import org_form_patterns

    assert ("ORG", "Liberal Democrats") in org_form_patterns() and ("ORG", "Lib Dems") in org_form_patterns()


@pytest.mark.parametrize("text, span, label, expected", [
    ("said Ada Quarrie KC on Monday", "Ada Quarrie KC", "PERSON", ["Ada Quarrie"]),
    ("the Mayor of Qarvan Sadiq Velsk said", "Qarvan Sadiq Velsk", "PERSON", ["Sadiq Velsk"]),
    ("the son of Martin Luther Quarrie said", "Martin Luther Quarrie", "PERSON", ["Martin Luther Quarrie"]),
    ("said Mrs von der Quarrie on Monday", "Mrs von der Quarrie", "PERSON", ["von der Quarrie"]),
])
def test_people_s_names_lose_letters_after_them_and_a_place_before_them(text, span, label, expected):
    assert spans_in(text, span, label) == expected


def test_particles_before_a_surname_and_an_organisation_before_a_state_code_complete_the_name():
    assert widened("Starmer and von der Quarrie agree", "Quarrie") == "von der Quarrie"
    assert widened("talks in de Quarrie airport", "Quarrie") == "de Quarrie"
    text = "Thousands of Velskform UK members met."
    assert widened(text, "UK") == "Velskform UK"
    assert widened("In March UK prices rose.", "UK") == "UK" and widened("Velskform UK leader said.", "UK") == "UK"


def test_given_names_the_model_left_out_complete_a_person_s_name():
    from graphbuild.extract import _widen

    def person(text, span):
        s = text.index(span)
        a, b, _ = _widen(text, s, s + len(span), 0, len(text), "PERSON")
        return text[a:b]

    assert person("The Mayor of Qarvan, Sadiq Velsk, said", "Velsk") == "Sadiq Velsk"
    assert person("said Mohammed Javad Quarrie on", "Javad Quarrie") == "Mohammed Javad Quarrie"
    assert person("In March Velsk said", "Velsk") == "Velsk" and person("in Dallas Velsk said", "Velsk") == "Velsk"


def test_a_city_is_no_state_that_qualifies_an_organisation_and_forms_of_a_party_never_label_it():
    res, e = run(M("a", "Manchester Velsk", "ORG"), M("a", "Velsk", "ORG"), M("a", "Manchester", "GPE"))
    assert e[0] != e[1]
    res, e = run(M("a", "Labour", "ORG"), M("a", "Labour", "ORG"), M("b", "New Labour", "ORG"), M("b", "Labour", "ORG"))
    assert len(set(e)) == 1 and label(res, e[0]) == "Labour Party"  # the table's name, never "New Labour"


def test_a_party_named_only_by_its_members_is_labelled_with_the_tables_name_and_others_keep_theirs():
    res, e = run(M("a", "Democrats", "NORP"), M("a", "Democrat", "NORP"), M("b", "Democratic", "ORG"),
                 M("b", "Democrats", "ORG"))
    assert len(set(e)) == 1 and label(res, e[0]) == "Democratic Party"
    res, e = run(M("a", "Greens", "ORG"), M("a", "Green", "ORG"))  # no row for it: its own forms label it
    assert label(res, e[0]) in ("Green", "Greens")


def test_misspelt_months_and_codes_typed_as_places_are_no_names():
    assert spans_in("as of Septmember, 1986, about", "Septmember", "GPE") == []
    assert spans_in("the M3 aggregate money supply rose", "M3", "GPE") == []
    assert spans_in("the Augusta club said", "Augusta", "GPE") == ["Augusta"]
    assert spans_in("the G7 finance ministers met", "G7", "ORG") == ["G7"]  # a code the model calls a group stays


def test_a_title_after_a_run_of_capitalised_words_makes_them_an_office():
    text = "those made yesterday by Danish Trade\nMinister Ada Velsk, who said"
    assert spans_in(text, "Danish", "NORP") == ["Danish"]


def test_a_title_s_sex_and_office_narrow_the_full_names_a_surname_may_mean():
    res, e = doc_run("a", ("Sonia Quandhi", "PERSON", ""), ("Quandhi", "PERSON", "Mr."))
    assert e[1] != e[0]  # the one full name is a woman's: "Mr Quandhi" is someone else
    res, e = doc_run("a", ("Lee Jae-velsk", "PERSON", "chairman"), ("Lee Jae-quar", "PERSON", "President"),
                     ("Lee", "PERSON", "President"))
    assert e[2] == e[1]


def test_an_institution_many_states_have_is_one_entity_per_state_its_articles_are_about():
    specs = [("a", "Qarvania", "GPE"), ("a", "Qarvania", "GPE"), ("a", "Congress", "ORG"),
             ("b", "Velskia", "GPE"), ("b", "Velskia", "GPE"), ("b", "Congress", "ORG"),
             ("c", "Congress", "ORG"), ("c", "Qarvania", "GPE"), ("c", "Qarvania", "GPE"), ("d", "Congress", "ORG")]
    demonyms = {"qarvanian": "Qarvania", "velskian": "Velskia"}
    ms = [Mention(d, 10 * i, 10 * i + len(t), t, lab, i) for i, (d, t, lab) in enumerate(specs)]
    res = resolve(ms, (), ResolveConfig(aliases=AliasTable(), demonym_table=demonyms))
    e = [res.assign[i] for i in (2, 5, 6, 9)]
    assert e[0] == e[2] == e[3] != e[1]  # d names no state: it goes with most articles
    assert res.entities[e[0]].label == "Congress (Qarvania)" and res.entities[e[1]].label == "Congress (Velskia)"


def test_an_institution_of_an_article_on_another_state_that_names_the_main_one_is_the_main_one_s():
    specs = []
    for doc in "abcf":  # four articles about Qarvania's Labour, in all its forms
        specs += [(doc, "Qarvania", "GPE"), (doc, "Qarvania", "GPE"), (doc, "Labour", "ORG"),
                  (doc, "Labour Party", "ORG")]
    # d: a story on Velskia that names Qarvania too (a Qarvanian paper's story abroad); e: Velskia's own party
    specs += [("d", "Velskia", "GPE"), ("d", "Velskia", "GPE"), ("d", "Qarvania", "GPE"), ("d", "Labour", "ORG"),
              ("e", "Velskia", "GPE"), ("e", "Velskia", "GPE"), ("e", "Labour Party", "ORG")]
    demonyms = {"qarvanian": "Qarvania", "velskian": "Velskia"}
    ms = [Mention(d, 20 * i, 20 * i + len(t), t, lab, i) for i, (d, t, lab) in enumerate(specs)]  # no "'s" between
    res = resolve(ms, (), ResolveConfig(aliases=AliasTable(), demonym_table=demonyms))
    labour = {i: res.assign[i] for i, (_, t, _) in enumerate(specs) if t.startswith("Labour")}
    main = res.assign[2]
    assert all(e == main for i, e in labour.items() if specs[i][0] != "e")  # every form, and the story abroad
    assert labour[len(specs) - 1] != main  # an article about Velskia alone: Velskia's party
    assert res.entities[labour[len(specs) - 1]].label == "Labour Party (Velskia)"


def _states_run(specs, gaps=None):
    """Resolve (doc, text, label) specs 20 characters apart, or ``gaps[i]`` characters after the one before."""
    ms, pos = [], 0
    for i, (d, t, lab) in enumerate(specs):
        ms.append(Mention(d, pos, pos + len(t), t, lab, i))
        pos += len(t) + (gaps or {}).get(i + 1, 20)
    demonyms = {"qarvanian": "Qarvania", "velskian": "Velskia", "harlovian": "Harlovia", "scottish": "Scotland"}
    return resolve(ms, (), ResolveConfig(aliases=AliasTable(), demonym_table=demonyms))


def test_a_country_s_own_news_that_seldom_names_it_has_one_party_and_its_countries_are_its_state():
    specs = [(d, t, "ORG") for d in "abcdef" for t in ("Labour", "Labour Party")]  # no state named
    specs += [("g", "Velskia", "GPE"), ("g", "Velskia", "GPE"), ("g", "Labour", "ORG"),  # one story on Velskia
              ("h", "Qarvania", "GPE"), ("h", "Qarvania", "GPE"), ("h", "Labour", "ORG")]
    for d in "ij":  # two on Scotland, a country of the United Kingdom
        specs += [(d, "Scotland", "GPE"), (d, "Scotland", "GPE"), (d, "Labour", "ORG")]
    res = _states_run(specs)
    labour = {res.assign[i] for i, (_, t, _) in enumerate(specs) if t.startswith("Labour")}
    assert len(labour) == 1 and res.entities[labour.pop()].label == "Labour Party"
    # two stories on Velskia's Labour: apart; Scotland's are the United Kingdom's, and so are the articles
    # that name no state twice but name it once
    specs = [(d, t, lab) for d in "abcd" for t, lab in (("United Kingdom", "GPE"), ("Labour", "ORG"))]
    specs += [(d, t, lab) for d in "ij" for t, lab in (("Scotland", "GPE"), ("Scotland", "GPE"), ("Labour", "ORG"))]
    specs += [(d, t, lab) for d in "kl" for t, lab in (("Velskia", "GPE"), ("Velskia", "GPE"), ("Labour", "ORG"))]
    specs += [(d, "Labour", "ORG") for d in "mnop"]
    res = _states_run(specs)
    labour = {specs[i][0]: res.assign[i] for i, (_, t, _) in enumerate(specs) if t == "Labour"}
    assert len({labour[d] for d in "abcdijmnop"}) == 1 and labour["k"] == labour["l"] != labour["a"]


def test_a_name_the_corpus_qualifies_by_its_main_state_stays_one_where_most_articles_name_no_state():
    specs = [(d, "Congress", "ORG") for d in "abcdef"]  # a country's own news: no state named
    specs += [(d, t, lab) for d in "ghi" for t, lab in (("Qarvania", "GPE"), ("Qarvania", "GPE"), ("Congress", "ORG"))]
    specs += [("g", "Qarvanian Congress", "ORG"), ("k", "Velskia", "GPE"), ("k", "Velskia", "GPE"),
              ("k", "Congress", "ORG")]
    res = _states_run(specs)
    congress = {res.assign[i] for i, (_, t, _) in enumerate(specs) if t == "Congress"}
    assert len(congress) == 1  # not "Congress" and "Congress (Qarvania)" for one institution


def test_states_named_by_two_articles_each_keep_their_institutions_in_news_that_seldom_names_a_state():
    specs = [(d, "Supreme Court", "ORG") for d in "abcdef"]  # no state named
    for d, state in (("g", "Velskia"), ("h", "Velskia"), ("i", "Harlovia"), ("j", "Harlovia")):
        specs += [(d, state, "GPE"), (d, state, "GPE"), (d, "Supreme Court", "ORG")]
    res = _states_run(specs)
    court = {specs[i][0]: res.assign[i] for i, (_, t, _) in enumerate(specs) if t == "Supreme Court"}
    assert len({court[d] for d in "abcdef"}) == 1 and court["g"] == court["h"] != court["i"] == court["j"]
    assert court["a"] not in (court["g"], court["i"])
    assert res.entities[court["g"]].label == "Supreme Court (Velskia)"


def test_a_company_name_is_one_entity_whatever_its_articles_are_about():
    specs = [("a", "Qarvania", "GPE"), ("a", "Qarvania", "GPE"), ("a", "Velskoil", "ORG"),
             ("b", "Velskia", "GPE"), ("b", "Velskia", "GPE"), ("b", "Velskoil", "ORG")]
    demonyms = {"qarvanian": "Qarvania", "velskian": "Velskia"}
    ms = [Mention(d, 10 * i, 10 * i + len(t), t, lab, i) for i, (d, t, lab) in enumerate(specs)]
    res = resolve(ms, (), ResolveConfig(aliases=AliasTable(), demonym_table=demonyms))
    assert res.assign[2] == res.assign[5]


def test_places_never_join_by_spelling_and_short_single_words_need_evidence():
    res, e = run(M("a", "Nigeria", "GPE"), M("b", "Niger", "GPE"), M("c", "Fatah", "ORG"), M("d", "Faith", "ORG"))
    assert e[0] != e[1] and e[2] != e[3]


def test_a_person_tagged_with_a_demonym_s_word_is_no_state_and_porsche_se_is_no_porsche_ag():
    res, e = run(M("a", "Turk", "PERSON"), M("b", "Turk", "NORP"))
    assert res.entities[e[0]].type == "PERSON" and res.entities[e[1]].label != "Turk"
    res, e = run(M("a", "Velsk SE", "ORG"), M("a", "Velsk AG", "ORG"), M("a", "Velsk", "ORG"))
    assert len(set(e)) == 3


def test_an_alias_file_s_name_wins_over_the_demonym_table(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("name,type,aliases,action\nVolker Quark,PERSON,Turk,\n", "utf-8")
    res, e = run(M("a", "Turk", "NORP"), aliases=load_alias_file(p))
    assert label(res, e[0]) == "Volker Quark"


@pytest.mark.parametrize("text, span, label, expected", [
    ("said RBI Governor Ada Velsk on", "RBI Governor Ada Velsk", "PERSON", ["Ada Velsk"]),
    ("said Fed Chair Ada Velsk on", "Fed Chair Ada Velsk", "PERSON", ["Ada Velsk"]),
    ("said Dr Quarrie's party", "Dr Quarrie", "ORG", ["Quarrie"]),
    ("met Alhaji Aliko Quarrie", "Alhaji Aliko Quarrie", "PERSON", ["Aliko Quarrie"]),
    ("Without Quarrie, Velsk was going to struggle", "Without Quarrie", "PERSON", ["Quarrie"]),
    ("the Qarvan Minister of Women Affairs said", "Minister of Women Affairs", "ORG", []),
    ("Qarvania\u00e2\u20ac\u2122s Velsk Falcons won", "Qarvania\u00e2\u20ac\u2122s Velsk Falcons", "ORG",
     ["Qarvania", "Velsk Falcons"]),
    ("the AI boom", "AI", "GPE", []),
])
def test_titles_inside_names_honorifics_prepositions_and_common_acronyms(text, span, label, expected):
    assert spans_in(text, span, label) == expected


@pytest.mark.parametrize("text, span, label", [
    ("met Abu Bakr al-Velsk", "Abu Bakr al-Velsk", "PERSON"),
    ("met John Major today", "John Major", "PERSON"),
    ("the Under Quarrie brand", "Under Quarrie", "ORG"),  # a preposition leaves only a person's name
])
def test_names_that_look_titled_or_prepositional_stay(text, span, label):
    assert spans_in(text, span, label) == [span]


def test_a_title_glued_to_a_name_is_split_but_brands_stay():
    from graphbuild.repair import repair

    assert repair("said PresidentAda Velsk on").text == "said President Ada Velsk on"
    assert repair("the iPhone, BlackRock and PayPal").text == "the iPhone, BlackRock and PayPal"


def test_names_the_text_gives_itself_and_initials_before_a_legal_form_join():
    from graphbuild.resolve import find_acronym_definitions, find_named_aliases

    text = ("Mohamed Velsk Dagalo, known as Quarrie, said. Qarvan Oil Co, or Qarvanoil, rose. "
            "Troops from Velsk, or Uganda.")
    assert find_named_aliases(text) == [("Quarrie", "Mohamed Velsk Dagalo"), ("Qarvanoil", "Qarvan Oil Co")]
    assert find_acronym_definitions("the Qarvan National Velsk Company Ltd (QNVC) said") == \
        [("QNVC", "Qarvan National Velsk Company Ltd")]
    defs = [("a", s, long) for s, long in find_named_aliases(text)]
    ms = [Mention("a", 0, 20, "Mohamed Velsk Dagalo", "PERSON", 0), Mention("a", 30, 37, "Quarrie", "GPE", 1),
          Mention("b", 0, 7, "Quarrie", "GPE", 0)]
    res = resolve(ms, defs, ResolveConfig(aliases=AliasTable()))
    assert res.assign[0] == res.assign[1] == res.assign[2]


def test_two_companies_with_their_legal_forms_joined_by_and_are_two():
    assert conjoined("Velsk Paribas SA and Qarvan Bank AG") == ["Velsk Paribas SA", "Qarvan Bank AG"]
    assert conjoined("Quarrie and Velsk Co") == ["Quarrie and Velsk Co"]


def test_a_surname_the_model_calls_a_person_finds_a_full_name_it_typed_otherwise():
    res, e = doc_run("a", ("Virat Quarrie", "ORG", ""), ("Quarrie", "PERSON", ""), ("Quarrie", "PERSON", ""))
    assert e[1] == e[0]


def test_a_state_s_name_the_model_typed_otherwise_is_a_state():
    res, e = run(M("a", "Mali", "PERSON"), M("b", "Cameroon", "ORG"), M("c", "Mali Velsk", "PERSON"))
    assert [res.entities[x].type for x in e] == ["GPE", "GPE", "PERSON"]
    res, e = run(M("a", "non-Velsk", "ORG"), M("a", "Velsk", "ORG"))
    assert e[0] != e[1]  # "non" qualifies nothing


def test_a_common_word_the_model_calls_a_person_is_no_name_unless_the_corpus_says_it_is_one():
    from graphbuild.extract import drop_word_persons, lowercase_words

    texts = {"a": "Morale is down at Velskoil. Brown said the brown envelope came.",
             "b": "Gordon Brown spoke. Prices fell and morale fell. Mr Hale waved at the hale crowd.",
             "c": "Hale said more. Rose spoke to Ivan Zorin."}
    found = {"a": [("Morale", "PERSON", ""), ("Brown", "PERSON", "")],
             "b": [("Gordon Brown", "PERSON", ""), ("Hale", "PERSON", "Mr")],
             "c": [("Hale", "PERSON", ""), ("Rose", "PERSON", ""), ("Ivan Zorin", "PERSON", "")]}
    lowercase = set().union(*(lowercase_words(t) for t in texts.values())) | {"rose"}
    per_doc = [[Mention(d, texts[d].find(w), texts[d].find(w) + len(w), w, lab, 0, title=title)
                for w, lab, title in found[d]] for d in sorted(found)]
    kept = [[m.text for m in doc] for doc in drop_word_persons(per_doc, lowercase)]
    # dropped: "Morale" (a word the corpus writes in lowercase, nothing personal about it anywhere)
    # kept: "Brown" (a full name ends with it), "Hale" (a title goes with it elsewhere), "Rose" (a given name)
    assert kept == [["Brown"], ["Gordon Brown", "Hale"], ["Hale", "Rose", "Ivan Zorin"]]
    only_org = [[Mention("a", 0, 6, "Morale", "ORG", 0)]]
    assert [m.text for m in drop_word_persons(only_org, lowercase)[0]] == ["Morale"]  # only the PERSON type


def test_a_dictionary_word_the_corpus_never_writes_in_lowercase_is_no_person_unless_capitalised_in_a_sentence():
    from graphbuild.extract import drop_word_persons
    from graphbuild.lexicon import dictionary_words

    assert {"sulphur", "ombudsman", "baker"} <= dictionary_words() and "velskoil" not in dictionary_words()
    # "Sulphur" opens its sentences only: a word; "Baker" is capitalised inside one ("said Baker"): a name
    per_doc = [[Mention("a", 0, 7, "Sulphur", "PERSON", 0, initial=True),
                Mention("a", 30, 35, "Baker", "PERSON", 1, initial=True)],
               [Mention("b", 40, 45, "Baker", "PERSON", 2), Mention("b", 60, 68, "Velskoil", "PERSON", 3)]]
    kept = [[m.text for m in doc] for doc in drop_word_persons(per_doc, set(), dictionary_words())]
    assert kept == [["Baker"], ["Baker", "Velskoil"]]
    # without the dictionary, nothing the corpus does not write in lowercase is dropped
    assert [m.text for m in drop_word_persons([[Mention("a", 0, 7, "Sulphur", "PERSON", 0, initial=True)]],
                                              set())[0]] == ["Sulphur"]


# ---------------------------------------------------------------- words capitalised after "U.S."


@pytest.mark.parametrize("text, expected", [
    ("U.S. Banks have lent more, and the banks said so.", "U.S. banks have lent more, and the banks said so."),
    ("Both U.K. And U.S. Firms fell; other firms and the rest rose.",
     "Both U.K. and U.S. firms fell; other firms and the rest rose."),
    ("It lent 40 mln U.S. Dlrs, or 5 dlrs a share.", "It lent 40 mln U.S. dlrs, or 5 dlrs a share."),
])
def test_a_common_word_capitalised_after_a_dotted_abbreviation_is_read_in_lowercase(text, expected):
    from graphbuild.extract import case_after_abbreviations

    out = case_after_abbreviations(text)
    assert len(out) == len(text)
    assert out == expected


@pytest.mark.parametrize("text", [
    "The U.S. Trade Representative said trade rose.",  # a capitalised word follows: a name goes on
    "The U.S. League of Savings Institutions said a league of banks did.",  # connector + capitalised word
    "The U.S. Treasury said the Treasury sold treasury bills.",  # capitalised elsewhere in a sentence
    "Exports went to the U.S. The company said the company grew.",  # a new sentence starts
    "U.S. Steel's plant made steel.",  # a possessive: a name
])
def test_words_after_a_dotted_abbreviation_that_stay_capitalised(text):
    from graphbuild.extract import case_after_abbreviations

    assert case_after_abbreviations(text) == text


def tails(*docs, lowercase):
    from graphbuild.extract import split_abbreviation_tails

    ms = [[Mention(f"d{i}", 0, len(t), t, "ORG", 0) for t in doc] for i, doc in enumerate(docs)]
    return [[(m.text, m.label) for m in doc] for doc in split_abbreviation_tails(ms, lowercase)]


def test_a_state_abbreviation_and_a_common_word_is_the_state():
    assert tails(["U.K. Authorities"], ["Velsk"], lowercase={"authority"}) == [[("U.K.", "GPE")], [("Velsk", "ORG")]]
    assert tails(["U.S. Bank"], lowercase={"banks"}) == [[("U.S.", "GPE")]]  # the plural counts


@pytest.mark.parametrize("docs, lowercase", [
    ((["U.S. Steel"], ["Bethlehem Steel"]), {"steel"}),  # the word is part of another name
    ((["U.S. Treasury"], ["Treasury"]), {"treasury"}),  # the word is a name on its own
    ((["U.S. Velsk"],), {"steel"}),  # never written in lowercase
    ((["X.Y. Firms"],), {"firms"}),  # no known state's abbreviation
])
def test_abbreviation_names_that_stay_whole(docs, lowercase):
    out = tails(*docs, lowercase=lowercase)
    assert out[0] == [(docs[0][0], "ORG")]


def test_an_office_tells_which_of_two_people_of_one_surname_a_corpus_wide_surname_is():
    specs = [M("d1", "Peter Varga", title="President"), M("d2", "Maria Varga")]
    specs += [M(f"p{i}", "Varga", title="President") for i in range(3)]
    specs += [M(f"b{i}", "Varga") for i in range(12)]
    specs += [M("m1", "Varga", title="Mrs")]
    res, e = run(*specs)
    assert label(res, e[2]) == "Peter Varga" and e[5] == e[2]  # "President Varga", and the bare ones with it
    assert label(res, e[-1]) == "Maria Varga"  # "Mrs Varga": the woman
    # without the office, the bare surname fits both and stays apart from each
    res, e = run(*specs[:2], *specs[5:])
    assert len({e[0], e[1], e[2]}) == 3 and label(res, e[-1]) == "Maria Varga"


def test_a_few_gendered_titles_do_not_give_a_much_commoner_bare_name_their_gender():
    # no full name: "Mrs Ostrand" once and "Ostrand" twelve times are not one woman by that title alone
    res, e = run(M("m1", "Ostrand", title="Mrs"), *[M(f"b{i}", "Ostrand") for i in range(12)])
    assert e[0] != e[1] and len(set(e[1:])) == 1
    # ... while three "Mrs Ostrand" beside five "Ostrand" are
    res, e = run(*[M(f"m{i}", "Ostrand", title="Mrs") for i in range(3)], *[M(f"b{i}", "Ostrand") for i in range(5)])
    assert len(set(e)) == 1


def test_a_known_city_the_model_calls_a_person_is_a_place_and_no_ones_surname_across_articles():
    # "Aalborg" (data/places.tsv) typed PERSON in six articles; one names "Stad Aalborg" (typed PERSON)
    specs = [M("d0", "Stad Aalborg"), *[M(f"d{i}", "Aalborg") for i in range(6)]]
    res, e = run(*specs)
    assert res.entities[e[0]].type == "ORG"  # a word and a known place: a company's or a club's name
    assert e[1] != e[0] and len(set(e[1:])) == 1 and res.entities[e[1]].type == "GPE"  # the city, also beside it
    # ... but with a title it is a person's name, and where half its articles name the person it is theirs
    res, e = run(M("d1", "Aalborg", title="Mr"), M("d2", "Aalborg", title="Mr"))
    assert res.entities[e[0]].type == "PERSON"
    res, e = run(M("d1", "Henrik Aalborg"), M("d2", "Henrik Aalborg"), *[M(f"d{i}", "Aalborg") for i in range(1, 5)])
    assert len(set(e)) == 1 and label(res, e[0]) == "Henrik Aalborg"


def test_a_plural_of_a_name_never_labels_it_but_a_longer_name_still_does():
    # the plural joins its singular (organisation forms, spelling variants); the singular labels the node
    res, e = run(M("a", "Korvan Congress", "ORG"), M("b", "Korvan Congress", "ORG"), M("c", "Korvan Congresses", "ORG"))
    assert len(set(e)) == 1 and label(res, e[0]) == "Korvan Congress"
    # a name that is a plural ("Velsk Brothers") keeps it where no singular form is among its forms
    res, e = run(M("a", "Velsk Brothers", "ORG"), M("b", "Velsk Brothers Inc", "ORG"), M("b", "Velsk Brothers", "ORG"))
    assert label(res, e[0]).startswith("Velsk Brothers")


def test_a_surname_that_is_also_someones_given_name_joins_only_by_office():
    people = [M("d1", "Peter Varga", title="President"), M("d2", "Varga Holt")]
    res, e = run(*people, *[M(f"p{i}", "Varga", title="President") for i in range(3)])
    assert label(res, e[2]) == "Peter Varga"  # "President Varga": the president, not Varga Holt
    res, e = run(*people, *[M(f"b{i}", "Varga") for i in range(3)])
    assert label(res, e[2]) == "Varga" and e[2] not in (e[0], e[1])  # Peter Varga or Varga Holt: no guess


def test_a_text_written_all_in_lowercase_is_no_evidence_that_a_capitalised_name_is_a_common_word():
    from graphbuild.extract import drop_capital_words, lowercase_words

    feed = "usda said hog slaughter rose to 300,000 head from 290,000 head the week before, usda said."
    prose = "The USDA said the SORGHUM crop was down. Prices of sorghum fell."
    lowercase = lowercase_words(feed) | lowercase_words(prose)
    assert "usda" not in lowercase and "sorghum" in lowercase
    ms = [[Mention("b", 4, 8, "USDA", "ORG", 0), Mention("b", 18, 25, "SORGHUM", "ORG", 0)]]
    assert [m.text for m in drop_capital_words(ms, lowercase)[0]] == ["USDA"]


def test_a_place_abbreviation_is_the_place_but_only_where_the_model_reads_a_place():
    res, e = run(M("a", "Calif.", "GPE"), M("b", "California", "GPE"), M("c", "Fla", "GPE"), M("d", "USSR", "GPE"),
                 M("e", "Soviet Union", "GPE"))
    assert e[0] == e[1] and label(res, e[0]) == "California" and res.entities[e[0]].type == "GPE"
    assert label(res, e[2]) == "Florida" and e[3] == e[4]
    assert {r["form"]: r["rule"] for r in res.merges}["Calif."] == "abbreviation"
    # "MD" the model calls a company is no Maryland; an abbreviation left out of the table stays itself
    res, e = run(M("a", "MD", "ORG"), M("b", "Maryland", "GPE"), M("c", "Wash", "GPE"), M("d", "Washington", "GPE"))
    assert e[0] != e[1] and e[2] != e[3]


def _defs(*triples):
    return [(d, a, long) for d, a, long in triples]


def test_an_acronym_defined_as_two_names_is_each_in_its_article_and_neither_elsewhere():
    ms = [Mention("a", 0, 25, "Velsk Tin Council", "ORG", 0), Mention("a", 30, 33, "VTC", "ORG", 1),
          Mention("b", 0, 30, "Velsk Trade Commission", "ORG", 0), Mention("b", 35, 38, "VTC", "ORG", 1),
          Mention("c", 0, 3, "VTC", "ORG", 0)]
    defs = _defs(("a", "VTC", "Velsk Tin Council"), ("b", "VTC", "Velsk Trade Commission"))
    res = resolve(ms, defs, ResolveConfig(aliases=AliasTable()))
    e = res.assign
    assert e[0] == e[1] and e[2] == e[3] and e[0] != e[2]  # never one node of the two
    assert e[4] not in (e[0], e[2])  # an article that defines neither: no guess
    # one name defined under two spellings ("... Fund", "... Funds") is one definition
    ms = [Mention("a", 0, 20, "Velsk Monetary Fund", "ORG", 0), Mention("b", 0, 21, "Velsk Monetary Funds", "ORG", 0),
          Mention("c", 0, 3, "VMF", "ORG", 0)]
    defs = _defs(("a", "VMF", "Velsk Monetary Fund"), ("b", "VMF", "Velsk Monetary Funds"))
    res = resolve(ms, defs, ResolveConfig(aliases=AliasTable()))
    assert res.assign[2] == res.assign[0]


def test_an_acronym_defined_once_is_not_the_long_form_where_its_articles_spell_it_otherwise():
    # "VMC" defined once as Velsk Metal Corp; three other articles name Varno Motors Corp with it
    ms = [Mention("a", 0, 16, "Velsk Metal Corp", "ORG", 0), Mention("a", 20, 23, "VMC", "ORG", 1)]
    for i, d in enumerate("bcd"):
        ms += [Mention(d, 0, 16, "Varno Motors Corp", "ORG", 0), Mention(d, 20, 23, "VMC", "ORG", 1)]
    res = resolve(ms, _defs(("a", "VMC", "Velsk Metal Corp")), ResolveConfig(aliases=AliasTable()))
    e = res.assign
    assert e[1] == e[0]  # its own article
    assert e[3] != e[0] and e[3] == e[2]  # the others: Varno Motors (by initials, named beside it)
    # ... while with no other name spelling it, the definition holds across the corpus
    ms = ms[:2] + [Mention("b", 20, 23, "VMC", "ORG", 1), Mention("c", 20, 23, "VMC", "ORG", 1)]
    res = resolve(ms, _defs(("a", "VMC", "Velsk Metal Corp")), ResolveConfig(aliases=AliasTable()))
    assert len(set(res.assign)) == 1


def test_a_name_the_text_puts_before_accord_or_agreement_is_no_person():
    from graphbuild.extract import type_cue

    t = "after the Louvre accord, the Velsk agreement and the Tarn Pact"
    assert type_cue(t, t.index("Louvre"), t.index("Louvre") + 6) == "LAW"
    assert type_cue(t, t.index("Velsk"), t.index("Velsk") + 5) == "LAW"
    # a "person" never titled, mostly written before "accord", is the accord; a titled person stays one
    ms = [Mention("a", 0, 6, "Louvre", "PERSON", 0, cue="LAW"), Mention("b", 0, 6, "Louvre", "PERSON", 0, cue="LAW"),
          Mention("c", 0, 6, "Louvre", "PERSON", 0),
          Mention("d", 0, 6, "Varga", "PERSON", 0, title="President", cue="LAW"),
          Mention("e", 0, 6, "Varga", "PERSON", 0)]
    res = resolve(ms, (), ResolveConfig(aliases=AliasTable()))
    assert res.entities[res.assign[0]].type == "LAW" and res.entities[res.assign[3]].type == "PERSON"


def test_and_co_is_part_of_the_legal_form_but_and_inside_a_name_is_not():
    res, e = run(M("a", "Halvorsen Lynch and Co Inc", "ORG"), M("b", "Halvorsen Lynch Co Inc", "ORG"),
                 M("c", "Halvorsen Lynch & Co", "ORG"))
    assert len(set(e)) == 1
    res, e = run(M("a", "Tarn and Velsk Co", "ORG"), M("b", "Tarn Co", "ORG"))
    assert e[0] != e[1]  # "Tarn and Velsk" is a name, not "Tarn" and a legal form


def test_a_nickname_joins_the_given_name_it_shortens_only_with_evidence():
    # "Jim Halvard" and "James Halvard" in one article: one person, labelled with the given name
    res, e = run(M("a", "James Halvard"), M("a", "Jim Halvard"), M("b", "Jim Halvard"), M("c", "Jim Halvard"))
    assert len(set(e)) == 1 and label(res, e[0]) == "James Halvard"
    # in different articles with nothing else in common: two people, as far as the text says
    res, e = run(M("a", "James Halvard"), M("b", "Jim Halvard"))
    assert e[0] != e[1]
    # a nickname of another given name is no match ("Bob" is Robert, not Richard)
    res, e = run(M("a", "Richard Halvard"), M("a", "Bob Halvard"))
    assert e[0] != e[1]


def test_a_nickname_needs_rarer_evidence_than_two_names_every_article_has():
    filler = [M(f"f{i}", w, "GPE") for i in range(100) for w in ("Velsk", "Tarnia")]
    common = [M("x", "James Halvard"), M("x", "Velsk", "GPE"), M("x", "Tarnia", "GPE"),
              M("y", "Jim Halvard"), M("y", "Velsk", "GPE"), M("y", "Tarnia", "GPE")]
    res, e = run(*common, *filler)
    assert e[0] != e[3]  # sharing only what a hundred articles share says nothing
    rare = [M("x", "Orlo Fenwick"), M("x", "Quarry Bank Ltd", "ORG"), M("y", "Orlo Fenwick"),
            M("y", "Quarry Bank Ltd", "ORG")]
    res, e = run(*common, *rare, *filler)
    assert e[0] == e[3]


def test_legal_forms_named_side_by_side_are_two_companies_and_the_rest_joins_the_one_news_names():
    beside = [M("a", "Velsk Harbin Corp", "ORG"), M("a", "Velsk Harbin Inc", "ORG")]
    corp = [M(d, "Velsk Harbin Corp", "ORG") for d in "bcdefgh"]
    res, e = run(*beside, *corp, M("x", "Velsk Harbin", "ORG"), M("y", "Velsk Harbin Co", "ORG"))
    assert e[0] != e[1]  # the parent and its unit, named in one article
    assert e[-2] == e[0] == e[2] != e[-1]  # "Velsk Harbin" elsewhere is the company of 8 of the 9 legal names;
    # "Velsk Harbin Co" may be a third one
    res, e = run(*beside, M("b", "Velsk Harbin Inc", "ORG"), *corp[:2], M("x", "Velsk Harbin", "ORG"))
    assert len({e[0], e[1], e[-1]}) == 3  # 3 "Corp" to 2 "Inc": the bare name could be either
    res, e = run(*beside, M("b", "Velsk Harbin Inc", "ORG"), *corp[:4], M("x", "Velsk Harbin", "ORG"))
    assert e[-1] == e[0] != e[1]  # 5 to 2: two thirds
    res, e = run(M("a", "Qarvan Tebo Inc", "ORG"), M("b", "Qarvan Tebo Corp", "ORG"), M("c", "Qarvan Tebo", "ORG"))
    assert e[0] == e[1] == e[2]  # never named side by side: one company


def test_names_spelt_alike_in_other_articles_are_one_only_with_rare_names_both_are_mentioned_with():
    filler = [M(f"f{i}", w, "GPE") for i in range(200) for w in ("Orvel", "Quennis")]
    common = [M("a", "Tarvelis", "ORG"), M("a", "Orvel", "GPE"), M("a", "Quennis", "GPE"),
              M("b", "Tarvellis", "ORG"), M("b", "Orvel", "GPE"), M("b", "Quennis", "GPE")]
    res, e = run(*common, *filler)
    assert e[0] != e[3]  # two names every other article has say nothing
    rare = [M("a", "Dunmarrow", "GPE"), M("a", "Kelso Vane", "PERSON"),
            M("b", "Dunmarrow", "GPE"), M("b", "Kelso Vane", "PERSON")]
    res, e = run(*common, *rare, *filler)
    assert e[0] == e[3]


def test_an_institution_in_an_article_about_a_state_that_has_none_of_that_name_is_the_named_state_s_one():
    demonyms = {"qarvanian": "Qarvania", "velskian": "Velskia", "tarnish": "Tarnia"}

    def congress(*articles):
        specs = [(d, t, lab) for d, names in articles for t, lab in names]
        ms = [Mention(d, 10 * i, 10 * i + len(t), t, lab, i) for i, (d, t, lab) in enumerate(specs)]
        res = resolve(ms, (), ResolveConfig(aliases=AliasTable(), demonym_table=demonyms))
        return res, {d: res.assign[i] for i, (d, t, _) in enumerate(specs) if t == "Congress"}

    q = [("Qarvania", "GPE")] * 2
    v = [("Velskia", "GPE")] * 2
    t3 = [("Tarnia", "GPE")] * 3
    base = [("a", q + [("Congress", "ORG"), ("Qarvanian Congress", "ORG")]),
            ("b", v + [("Congress", "ORG"), ("Velskian Congress", "ORG")]),
            ("c", q + [("Congress", "ORG")])]
    # Tarnia has no Congress anywhere in the corpus; the article names Qarvania once: Qarvania's
    res, e = congress(*base, ("x", t3 + [("Qarvania", "GPE"), ("Congress", "ORG")]))
    assert e["x"] == e["c"] != e["b"]
    # ... but an article about Velskia, which has one, naming Qarvania once, keeps Velskia's
    res, e = congress(*base, ("x", v + [("Qarvania", "GPE"), ("Congress", "ORG")]))
    assert e["x"] != e["c"]
    # ... and with no state of a Congress named there, the article's own state stays
    res, e = congress(*base, ("x", t3 + [("Congress", "ORG")]), ("y", t3 + [("Congress", "ORG")]))
    assert e["x"] == e["y"] and e["x"] not in (e["a"], e["b"], e["c"])


def test_a_surname_made_of_a_given_name_and_s_is_no_plural_of_that_name():
    res, e = run(M("a", "Edwards", "ORG"), M("a", "Edward", "ORG"), M("b", "Edwards", "ORG"))
    assert e[0] == e[2] != e[1] and label(res, e[0]) == "Edwards"
    res, e = run(M("a", "Quarnists", "ORG"), M("a", "Quarnist", "ORG"))
    assert e[0] == e[1]  # a group's plural and singular in one article: one group


def test_one_legal_form_written_two_ways_in_one_article_is_one_company_and_a_word_s_plural_stays_a_plural():
    res, e = run(M("a", "Velsk Tarn and Co Inc", "ORG"), M("a", "Velsk Tarn Inc", "ORG"), M("b", "Velsk Tarn", "ORG"))
    assert e[0] == e[1] == e[2]  # "Inc" both times: one company, however written
    res, e = run(M("a", "Qarvan Marines", "ORG"), M("a", "Qarvan Marine", "ORG"))
    assert e[0] == e[1]  # "marine" is a given name too, but a word first: a plural


@pytest.mark.parametrize("text, name, outlet_at_work", [
    ("A spokesman for Velskoil told Reuters on Monday.", "Reuters", True),
    ("Minister Tarn told the BBC that talks would go on.", "BBC", True),
    ("In an interview with CNN, Tarn said no.", "CNN", True),
    ("Output rose, according to AFP.", "AFP", True),
    ("A Reuters survey of twelve dealers found prices firm.", "Reuters", True),
    ("The BBC reported heavy fighting near Qarvan.", "BBC", True),
    ("AFP's correspondent saw the convoy.", "AFP", True),
    ("Reuters said its profit rose 12 pct in the year.", "Reuters", False),
    ("The BBC's licence fee will rise, Tarn said.", "BBC", False),
    ("Velskoil agreed to buy CNN for 40 mln dlrs.", "CNN", False),
    ("Tarn told Congress the budget was balanced.", "Congress", False),
])
def test_a_news_outlet_at_its_work_is_told_or_reports_and_elsewhere_it_is_an_actor(text, name, outlet_at_work):
    from graphbuild.extract import reporting_outlet

    s = text.index(name)
    assert reporting_outlet(text, s, s + len(name)) is outlet_at_work


def test_an_outlet_at_its_work_is_a_mention_of_it_that_ties_it_to_nothing():
    from graphbuild.extract import Sentence
    from graphbuild.graph import cooccurrence_graph

    ms = [Mention("a", 0, 8, "Velskoil", "ORG", 0), Mention("a", 20, 27, "Reuters", "ORG", 0, role="outlet"),
          Mention("a", 35, 42, "Qarvan", "GPE", 0), Mention("b", 0, 7, "Reuters", "ORG", 0),
          Mention("b", 20, 28, "Velskoil", "ORG", 0)]
    res = resolve(ms, (), ResolveConfig(aliases=AliasTable()))
    docs = [(d, "x" * 50, [Sentence(0, 50, 0)], [(m, res.assign[i]) for i, m in enumerate(ms) if m.doc == d])
            for d in ("a", "b")]
    G = cooccurrence_graph(docs, res.entities)
    velsk, reuters, qarvan = res.assign[0], res.assign[1], res.assign[2]
    assert reuters == res.assign[3] and res.entities[reuters].mentions == 2  # one entity, both mentions counted
    assert G.has_edge(velsk, qarvan) and not G.has_edge(reuters, qarvan)  # "told Reuters" ties nothing ...
    assert G[velsk][reuters]["weight"] == 1  # ... "Reuters said Velskoil ..." does


def test_a_surname_titled_with_an_office_is_in_its_article_the_one_person_of_that_office():
    specs = [M("d1", "James Varn", title="Senator"), M("d2", "Howard Varn", title="Governor"),
             M("a", "Varn", title="Senator"), M("b", "Varn", title="Governor"), M("c", "Varn")]
    res, e = run(*specs)
    assert e[2] == e[0] and e[3] == e[1]  # "Senator Varn" here, "Governor Varn" there: each his own
    assert e[4] not in (e[0], e[1])  # an untitled "Varn" elsewhere could be either
    res, e = run(M("d1", "James Varn", title="Senator"), M("d2", "Howard Varn", title="Senator"),
                 M("a", "Varn", title="Senator"))
    assert e[2] not in (e[0], e[1])  # two senators Varn: the office says nothing


# ---------------------------------------------------------------- acronyms of company names


def test_an_acronym_spelt_by_a_company_name_without_its_legal_form_joins_it_in_its_article():
    res, ids = run(M("d1", "Corvane Motors Corp", "ORG"), M("d1", "CM", "ORG"))
    assert ids[0] == ids[1]


def test_a_two_letter_acronym_never_joins_a_name_of_another_article():
    res, ids = run(M("d1", "Corvane Motors Corp", "ORG"), M("d2", "CM", "ORG"))
    assert ids[0] != ids[1]


def test_an_acronym_that_starts_a_company_name_is_its_short_form_where_it_never_stands_alone():
    res, ids = run(M("d1", "KTV Pharmaceuticals Inc", "ORG"), M("d1", "KTV", "ORG"),
                   M("d2", "KTV Pharmaceuticals Inc", "ORG"), M("d2", "KTV", "ORG"))
    assert len({ids[0], ids[1], ids[2], ids[3]}) == 1
    assert label(res, ids[0]) == "KTV Pharmaceuticals Inc"


def test_an_acronym_with_articles_of_its_own_is_no_short_form_of_a_longer_name():
    res, ids = run(M("d1", "KTV Commission", "ORG"), M("d1", "KTV", "ORG"), M("d2", "KTV", "ORG"),
                   M("d3", "KTV", "ORG"))
    assert ids[0] != ids[1] and ids[1] == ids[2] == ids[3]


# ---------------------------------------------------------------- demonym plurals and currencies


def test_the_plural_of_a_demonym_maps_to_its_state_and_no_plural_is_made_of_other_adjectives():
    res, e = run(M("a", "Ghanaians", "NORP"), M("a", "Ghana", "GPE"), M("a", "Icelanders", "NORP"),
                 M("a", "Iceland", "GPE"), M("a", "Swiss", "NORP"), M("a", "Switzerland", "GPE"))
    assert e[0] == e[1] and e[2] == e[3] and e[4] == e[5]
    from graphbuild.lexicon import demonyms

    rows = dict(demonyms())
    assert "Swisss" not in rows and "Britishs" not in rows and "Japaneses" not in rows


@pytest.mark.parametrize("text, span, kept", [
    ("a loan of 500 mln U.S. dlrs to the firm", "U.S.", False),
    ("paid in Kuwaiti dinars last year", "Kuwaiti", False),
    ("bought Canadian dollars on Friday", "Canadian", False),
    ("U.S. officials said on Friday", "U.S.", True),
    ("Canadian banks said on Friday", "Canadian", True),
    ("U.S. marks the day with a parade", "U.S.", True),  # "marks" is a verb as often as a currency
    ("Brazil won the first match", "Brazil", True),
])
def test_a_state_or_demonym_that_names_a_currency_is_no_mention(text, span, kept):
    s = text.index(span)
    found = [text[a:b] for a, b, _ in clean_span(text, s, s + len(span), "GPE")]
    assert found == ([span] if kept else [])


# ---------------------------------------------------------------- a company's word taken for a person


def test_a_word_that_starts_a_company_named_in_its_article_is_the_company_not_a_person_elsewhere():
    res, e = run(M("a", "Tolvane Corp Ltd", "ORG"), M("a", "Tolvane", "PERSON"), M("a", "Tolvane", "PERSON"),
                 M("b", "Edgar Tolvane", "PERSON"), M("b", "Tolvane", "PERSON"))
    assert e[1] == e[2] == e[0] and e[3] == e[4] and e[0] != e[3]
    # taken for a place or a people, with a company's cue ("Tolvane shares"): the same
    specs = [("a", "Tolvane Aviation Inc", "ORG", ""), ("a", "Tolvane", "GPE", "ORG"),
             ("a", "Norvik Holdings Ltd", "ORG", ""), ("a", "Norvik", "NORP", "ORG"),
             ("c", "Koravale Copper Ltd", "ORG", ""), ("c", "Koravale", "GPE", "")]
    ms = [Mention(d, 100 * i, 100 * i + len(t), t, lab, i, cue=cue) for i, (d, t, lab, cue) in enumerate(specs)]
    res = resolve(ms, (), ResolveConfig(aliases=AliasTable()))
    e = [res.assign[i] for i in range(len(ms))]
    assert e[0] == e[1] and e[2] == e[3] and e[4] != e[5]  # no cue: a place named like the company
    # no cue, but the company's name is the word and a legal form: the company ("Nvidia Corp ... Nvidia")
    res, e = run(M("a", "Vexora Corp", "ORG"), M("a", "Vexora", "GPE"), M("c", "Koravale Copper Ltd", "ORG"),
                 M("c", "Koravale", "GPE"))
    assert e[0] == e[1] and e[2] != e[3]
    # a headline's short form before the full name, and after it in the text: the company
    res, e = run(M("a", "Vexora", "GPE"), M("a", "Vexora Corp", "ORG"), M("a", "Vexora", "GPE"),
                 M("b", "Tamsin", "ORG"), M("b", "Tamsin Web Services", "ORG"), M("b", "Tamsin", "ORG"),
                 M("c", "Harlow", "GPE"), M("c", "Harlow Energy Ltd", "ORG"), M("c", "Harlow", "GPE"))
    assert e[0] == e[1] == e[2]
    assert e[3] != e[4] and e[6] != e[7]  # not a sub-brand named after it, nor a company of more words


def test_initials_before_a_companys_name_are_left_out_and_a_titled_name_stays_a_person():
    res, e = run(M("a", "K.J. Arnstead and Sons Ltd", "ORG"), M("a", "Arnstead", "PERSON"))
    assert e[0] == e[1]
    res, e = run(M("a", "Tolvane Corp Ltd", "ORG"), M("a", "Tolvane", "PERSON", title="Mr"),
                 M("b", "Edgar Tolvane", "PERSON"))
    assert e[1] != e[0]
    res, e = run(M("a", "Tolvane Holdings", "ORG"), M("a", "Tolvane", "PERSON"), M("b", "Edgar Tolvane", "PERSON"))
    assert e[1] != e[0]  # no legal form: "Tolvane Holdings" may be named after the man


def test_a_surname_spelt_otherwise_in_another_article_needs_evidence_and_one_spelt_alike_does_not():
    res, e = run(M("a", "Corwin Brysk", "PERSON"), M("b", "Brisk", "PERSON"), M("b", "Brisk", "PERSON"))
    assert e[1] != e[0]
    res, e = run(M("a", "Corwin Brysk", "PERSON"), M("b", "Brysk", "PERSON"))
    assert e[1] == e[0]


# ---------------------------------------------------------------- a place's name misspelt in its article


def test_a_place_misspelt_beside_its_name_in_one_article_is_that_place():
    res, e = run(M("a", "Ecuador", "GPE"), M("a", "Equador", "GPE"), M("a", "Ecuador", "GPE"), M("b", "Toyko", "GPE"),
                 M("b", "Tokyo", "GPE"), M("b", "Tokyo", "GPE"))
    assert e[0] == e[1] and e[3] == e[4]


def test_no_typo_is_guessed_between_states_across_articles_or_for_a_person_or_a_word():
    res, e = run(M("a", "Iran", "GPE"), M("a", "Iraq", "GPE"))  # two states, however alike
    assert e[0] != e[1]
    res, e = run(M("a", "Ecuador", "GPE"), M("b", "Equador", "GPE"))  # not in the same article
    assert e[0] != e[1]
    res, e = run(M("a", "Brazil", "GPE"), M("a", "Brazill", "PERSON", title="Mr"))  # a person named so
    assert e[0] != e[1]
    res, e = run(M("a", "Parks", "ORG"), M("a", "Paris", "GPE"))  # an English word, not a typo
    assert e[0] != e[1]


def test_a_demonym_one_letter_off_its_state_is_no_typo_of_it():
    ms = [Mention("a", 0, 6, "Russia", "GPE", 0), Mention("a", 100, 107, "Russian", "NORP", 1)]
    res = resolve(ms, (), ResolveConfig(aliases=AliasTable(), demonyms="keep"))
    assert res.assign[0] != res.assign[1]


@pytest.mark.parametrize("text, span, kept", [
    ("a level of 1,600 SDRs a tonne", "SDRs", False),
    ("the failure of the Cruzado plan", "Cruzado", False),
    ("Mark said the plan had failed", "Mark", True),  # a given name as well as a currency
    ("Real Madrid won", "Real", True),  # an English word as well
])
def test_a_currency_alone_is_no_name(text, span, kept):
    s = text.index(span)
    found = [text[a:b] for a, b, _ in clean_span(text, s, s + len(span), "PERSON")]
    assert found == ([span] if kept else [])


def test_an_ombudsman_or_comptroller_is_a_title_before_a_name():
    text = "Ombudsman Raul Venegas and Comptroller Ana Brisk said"
    s = text.index("Ombudsman")
    assert [text[a:b] for a, b, _ in clean_span(text, s, text.index(" and"), "PERSON")] == ["Raul Venegas"]
    s = text.index("Comptroller")
    assert [text[a:b] for a, b, _ in clean_span(text, s, text.index(" said"), "PERSON")] == ["Ana Brisk"]


def test_a_name_the_model_took_for_an_org_is_no_place_typo():
    res, e = run(M("a", "Brazil", "GPE"), M("a", "Brasil", "ORG"))  # "Banco do Brasil", cut by the model
    assert e[0] != e[1]


def test_the_commoner_of_two_forms_that_differ_by_an_s_labels_and_a_rare_plural_does_not():
    res, e = run(*[M(d, "Kestrels", "ORG") for d in "abcdef"], M("g", "Kestrel", "ORG"), M("g", "Kestrels", "ORG"))
    assert len(set(e)) == 1 and label(res, e[0]) == "Kestrels"
    res, e = run(*[M(d, "Tribunal", "ORG") for d in "abcdef"], M("g", "Tribunals", "ORG"), M("g", "Tribunal", "ORG"))
    assert label(res, e[-1]) == "Tribunal"


def test_an_acronym_written_in_another_case_is_still_the_acronym_and_the_commoner_labels():
    res, e = run(*[M(d, "OPXC", "ORG") for d in "abcde"], M("f", "Opxc", "ORG"), M("f", "OPXC", "ORG"))
    assert len(set(e)) == 1 and label(res, e[0]) == "OPXC"


def test_a_short_name_after_a_companys_ticker_is_defined_as_the_company():
    from graphbuild.resolve import find_acronym_definitions

    assert find_acronym_definitions("Shares of Halvard Motoren AG <HALV.F> (HM) rose") == [("HM", "Halvard Motoren AG")]
    assert find_acronym_definitions("Velmor Werke AG <VELW.F> (VW) said") == [("VW", "Velmor Werke AG")]
    assert find_acronym_definitions("Velmor Werke AG (VEWX) said") == []  # no ticker: only initials define
    assert find_acronym_definitions("Velmor Werke AG <VELW.F> (QX) said") == []  # another name's letters
    assert find_acronym_definitions("Velmor Holzwerke <VELW.F> (VW) said") == []  # no legal form, no initials


def test_a_continents_adjective_is_the_continent_a_place_left_out_by_default_and_states_stay_states():
    res, e = run(M("a", "European", "NORP"), M("a", "Europeans", "NORP"), M("b", "Europe", "LOC"),
                 M("a", "South African", "NORP"), M("a", "Iranian", "NORP"))
    assert e[0] == e[1] == e[2] and res.entities[e[0]].type == "LOC"
    assert res.entities[e[3]].label == "South Africa" and res.entities[e[3]].type == "GPE"
    assert res.entities[e[4]].type == "GPE"


# ---------------------------------------------------------------- found by review: what the new rules must not do


def test_a_place_named_like_a_company_of_its_article_stays_a_place():
    res, e = run(M("a", "Koravale Copper Ltd", "ORG"), M("a", "Koravale", "GPE"), M("a", "Koravale", "GPE"))
    assert e[1] != e[0]


def test_a_headline_in_capitals_makes_no_acronym_of_the_commoner_name():
    res, e = run(*[M(d, "Kestrels", "ORG") for d in "abcdef"], M("g", "Kestrel", "ORG"), M("g", "Kestrels", "ORG"),
                 M("h", "KESTRELS", "ORG"))
    assert len(set(e)) == 1 and label(res, e[0]) == "Kestrels"


def test_a_real_place_one_letter_off_another_is_no_typo_where_it_has_articles_of_its_own_or_is_as_common():
    res, e = run(M("a", "Paris", "GPE"), M("a", "Paros", "GPE"), M("b", "Paros", "GPE"))
    assert e[0] != e[1]  # "Paros" has an article without Paris: an island of its own
    res, e = run(M("a", "Paris", "GPE"), M("a", "Paros", "GPE"))
    assert e[0] != e[1]  # as common as Paris in its article: no typo to guess
    res, e = run(M("a", "Tokyo", "GPE"), M("a", "Tokyo", "GPE"), M("a", "Toyko", "GPE"))
    assert e[0] == e[2]


def test_a_ticker_definition_needs_the_letters_of_the_name_and_no_place():
    from graphbuild.resolve import find_acronym_definitions

    assert find_acronym_definitions("Nordvale SA <NORV.S> (NYSE) said") == []  # not Nordvale's letters in order
    assert find_acronym_definitions("Ulster Trading Services Ltd <UTS.L> (U.S.) said") == []  # a state
    assert find_acronym_definitions("Nordvale Werke AG <NORV.F> (NW) said") == [("NW", "Nordvale Werke AG")]


def test_a_spelling_variant_of_a_surname_with_evidence_across_articles_joins():
    res, e = run(M("a", "Corwin Brysk", "PERSON"), M("a", "Talvo Industries", "ORG"), M("a", "Marnet Bank", "ORG"),
                 M("b", "Brisk", "PERSON"), M("b", "Talvo Industries", "ORG"), M("b", "Marnet Bank", "ORG"))
    assert e[3] == e[0]


def test_demonym_plurals_are_never_made_of_a_word_ending_in_man():
    from graphbuild.lexicon import demonyms

    rows = dict(demonyms())
    assert not {"Dutchmans", "Frenchmans", "Englishmans"} & set(rows) and rows["Germans"] == "Germany"


def test_a_word_cut_from_a_names_first_word_before_it_in_brackets_is_its_short_name():
    from graphbuild.resolve import find_named_aliases

    assert find_named_aliases("the Fed (Federal Reserve Board) said") == [("Fed", "Federal Reserve Board")]
    assert find_named_aliases("Velco (Velcombe Holdings) rose") == [("Velco", "Velcombe Holdings")]
    assert find_named_aliases("Paris (France Telecom) fell") == []  # not cut from the name
    assert find_named_aliases("on Mar (March Group) 3") == []  # a month's abbreviation
    assert find_named_aliases("Velcombe (Velcombe Holdings) rose") == []  # the whole word: a company's own name


# ---------------------------------------------------------------- product cues


def test_a_name_before_index_or_crude_is_a_product_not_a_person_or_a_place():
    from graphbuild.extract import type_cue

    def cue(text, name):
        s = text.index(name)
        return type_cue(text, s, s + len(name))

    assert cue("the Velmar Tang index fell 4 points", "Velmar Tang") == "PRODUCT"
    assert cue("tonnes of Orvan Kell crude oil", "Orvan Kell") == "PRODUCT"
    assert cue("6.1 on the Velmar scale", "Velmar") == "PRODUCT"
    assert cue("Velmar Air, Tarno scale back flights", "Tarno") == ""  # the verb
    # a place, a state or a demonym keeps its type: "Dubai crude", "Saudi crude", "Nevada blend"
    assert cue("Dubai crude rose 20 cents", "Dubai") == ""
    assert cue("Saudi crude rose 20 cents", "Saudi") == ""
    assert cue("Velmar Tang said the index fell", "Velmar Tang") == ""
    ms = [Mention("d1", 0, 11, "Velmar Tang", "PERSON", 0, cue="PRODUCT"),
          Mention("d2", 0, 11, "Velmar Tang", "PERSON", 0, cue="PRODUCT"),
          Mention("d3", 0, 11, "Velmar Tang", "PERSON", 0)]
    res = resolve(ms, (), ResolveConfig(aliases=AliasTable()))
    assert res.entities[res.assign[0]].type == "PRODUCT"
    ms = [Mention("d1", 0, 11, "Velmar Tang", "PERSON", 0), Mention("d2", 0, 11, "Velmar Tang", "PERSON", 0)]
    res = resolve(ms, (), ResolveConfig(aliases=AliasTable()))
    assert res.entities[res.assign[0]].type == "PERSON"


# ---------------------------------------------------------------- dateline abbreviations


def test_an_ambiguous_state_abbreviation_names_the_state_only_in_a_dateline():
    from graphbuild.extract import dateline_place

    text = "TARNVILLE, Ill., March 2 - Ill health and Mass layoffs, said Orvan Kell of Bexley, Mass. on Friday."
    spots = {w: [i for i in range(len(text)) if text.startswith(w, i)] for w in ("Ill", "Mass")}
    assert [dateline_place(text, i, i + 3) for i in spots["Ill"]] == [True, False]
    assert [dateline_place(text, i, i + 4) for i in spots["Mass"]] == [False, True]  # "Bexley, Mass. on Friday"
    text = "said Sen. Orvan Kell (D-Ill.) and the Ill. act"
    assert [dateline_place(text, i, i + 3) for i in (text.index("Ill"), text.rindex("Ill"))] == [True, False]
    ms = [Mention("a", 11, 15, "Ill.", "GPE", 0, cue="GPE"), Mention("b", 0, 4, "Ill.", "GPE", 0)]
    res = resolve(ms, (), ResolveConfig(aliases=AliasTable()))
    assert res.entities[res.assign[0]].label == "Illinois" and res.assign[1] != res.assign[0]
    # "Wash." of a dateline is Washington State, never the capital
    ms = [Mention("a", 9, 14, "Wash.", "GPE", 0, cue="GPE"), Mention("b", 0, 10, "Washington", "GPE", 0)]
    res = resolve(ms, (), ResolveConfig(aliases=AliasTable()))
    assert res.entities[res.assign[0]].label == "Washington State" and res.assign[1] != res.assign[0]



def test_a_generic_plural_of_a_name_is_no_label():
    # "Fed" written ten times, "Fed Boards" once ("one of the most inexperienced Fed Boards"): the label is Fed
    res, e = run(*([M("a", "Velsk", "ORG")] * 3 + [M("a", "Velsk Boards", "ORG")]))
    assert len(set(e)) == 1 and label(res, e[0]) == "Velsk"
    # beside its singular the singular is the label ("Velsk Bank", not "Velsk Banks" nor "Velsk")
    res, e = run(M("a", "Velsk Bank", "ORG"), *[M("a", "Velsk", "ORG")] * 3, M("a", "Velsk Banks", "ORG"))
    assert len(set(e)) == 1 and label(res, e[0]) == "Velsk Bank"
    # a name that ends with a plural of its own is still the fullest ("Velsk Holdings" beside "Velsk")
    for head in ("Holdings", "Services"):
        res, e = run(M("a", f"Velsk {head}", "ORG"), M("a", "Velsk", "ORG"))
        assert label(res, e[0]) == f"Velsk {head}"



def test_a_party_s_adjective_the_model_calls_a_people_joins_the_party():
    # "Democratic senator Orvan Kell" (NORP) in one article, "the Democratic Party" in another
    res, e = run(M("a", "Democratic Party", "ORG"), M("b", "Democratic", "NORP"),
                 M("c", "Social Democratic Party", "ORG"))
    assert e[0] == e[1] != e[2] and label(res, e[0]) == "Democratic Party"
    # no party of that name in the corpus: the adjective stays what it is
    res, e = run(M("b", "Democratic", "NORP"), M("c", "Social Democratic Party", "ORG"))
    assert e[0] != e[1]


# ---------------------------------------------------------------- institutions, codes, cut and glued names


def run_defs(*specs, definitions=()):
    ms = [Mention(doc, 100 * i, 100 * i + len(text), text, label, i, title)
          for i, (doc, text, label, title) in enumerate(specs)]
    res = resolve(ms, definitions, ResolveConfig(aliases=AliasTable()))
    return res, [res.assign[i] for i in range(len(ms))]


def test_an_institution_written_head_first_or_last_is_one():
    _, e = run(M("a", "Department of Velskery", "ORG"), M("b", "Velskery Department", "ORG"),
               M("c", "Ministry of the Qarvan Trade", "ORG"), M("d", "Qarvan Trade Ministry", "ORG"))
    assert e[0] == e[1] and e[2] == e[3] and e[0] != e[2]
    _, e = run(M("a", "Bank of Velskland", "ORG"), M("b", "Velskland Bank", "ORG"))
    assert e[0] != e[1]  # only the heads of data/inverted_heads.txt turn round


def test_an_acronym_is_spelt_by_a_dotted_state_and_a_head_either_way():
    from graphbuild.resolve import find_acronym_definitions

    assert find_acronym_definitions("U.S. Velskery Department (VDUS) figures") == []  # letters out of order
    assert find_acronym_definitions("U.S. Velskery Department (USDV) figures") == [
        ("USDV", "U.S. Velskery Department")]  # "U.S. Department of Velskery"
    assert find_acronym_definitions("The U.S. Department of Velskery (USDV) said") == [
        ("USDV", "U.S. Department of Velskery")]
    assert find_acronym_definitions("The Qarvan Velskery Board (QVD) said") == []  # Board is no such head
    from graphbuild.resolve import _all_initials

    assert "UDSV" not in _all_initials("U.S. Velskery Department".split())  # the head goes between words only


def test_a_state_qualified_institution_of_two_words_joins_its_name_in_articles_about_the_state():
    _, e = run(M("a", "U.S. Velskery Department", "ORG"), M("a", "U.S.", "GPE"),
               M("b", "Velskery Department", "ORG"), M("b", "United States", "GPE"), M("b", "United States", "GPE"),
               M("c", "U.S. Velsk Exchange", "ORG"), M("c", "U.S.", "GPE"), M("d", "Velsk Exchange", "ORG"),
               M("d", "Britain", "GPE"), M("d", "Britain", "GPE"))
    assert e[0] == e[2]  # an article about the United States
    assert e[5] != e[7]  # an article about Britain
    # one word left without the state joins only beside it ("American Express" is no "Express")
    _, e = run(M("a", "American Velskex", "ORG"), M("b", "Velskex", "ORG"), M("c", "American", "NORP"))
    assert e[0] != e[1]


def test_a_name_starting_with_an_acronym_is_the_name_with_its_long_form():
    defs = [("a", "VC", "Velsk Community")]
    _, e = run_defs(M("a", "Velsk Community", "ORG"), M("a", "VC", "ORG"),
                    M("a", "Velsk Community Commission", "ORG"), M("b", "VC Commission", "ORG"),
                    M("b", "VC Board", "ORG"), definitions=defs)
    assert e[0] == e[1] and e[2] == e[3] and e[2] != e[0]
    assert e[4] not in (e[0], e[2])  # no "Velsk Community Board" in the corpus: it stays as it is


def test_two_names_joined_by_a_slash_are_split_where_both_are_names():
    from graphbuild.extract import split_conjoined

    doc = [Mention("d", 0, 12, "Velsk/Norgaz", "ORG", 0), Mention("d", 20, 25, "Velsk", "ORG", 1),
           Mention("d", 30, 36, "Norgaz", "ORG", 2), Mention("d", 40, 52, "Qarvan/Tolk", "ORG", 3),
           Mention("d", 60, 66, "Qarvan", "ORG", 4)]
    out = [m.text for m in split_conjoined([doc])[0]]
    assert out[:2] == ["Velsk", "Norgaz"] and "Qarvan/Tolk" in out  # "Tolk" is no name on its own


def test_a_model_code_read_as_a_product_is_a_product_everywhere():
    from graphbuild.extract import type_cue

    t = "the largely discredited M-1 gauge and the T-46A trainer, Velsk jets and the G-7 talks"
    cue = {w: type_cue(t, t.index(w), t.index(w) + len(w)) for w in ("M-1", "T-46A", "Velsk", "G-7")}
    assert cue == {"M-1": "PRODUCT", "T-46A": "PRODUCT", "Velsk": "", "G-7": ""}
    ms = [Mention("a", 0, 3, "M-1", "ORG", 0, cue="PRODUCT"), Mention("a", 10, 13, "M-1", "ORG", 1),
          Mention("b", 0, 3, "M-1", "ORG", 0), Mention("b", 10, 13, "G-7", "ORG", 1),
          Mention("c", 0, 5, "Velsk", "ORG", 0, cue="PRODUCT"), Mention("c", 9, 14, "Velsk", "ORG", 1),
          Mention("c", 20, 25, "Velsk", "ORG", 2)]
    res = resolve(ms, (), ResolveConfig(aliases=AliasTable()))
    types = {res.entities[res.assign[i]].label: res.entities[res.assign[i]].type for i in (0, 3, 4)}
    assert types == {"M-1": "PRODUCT", "G-7": "ORG", "Velsk": "ORG"}  # a name, not a code: the votes decide


@pytest.mark.parametrize("text, span, whole", [
    ("Legislator Qa Velsk-tun said so.", "Qa Velsk", "Qa Velsk-tun"),
    ("A Tony Qarvan-led team met.", "Tony Qarvan", "Tony Qarvan"),
    ("The Orvan Tolk-era rules stayed.", "Orvan Tolk", "Orvan Tolk"),
    ("Velsk-tun said so.", "Velsk", "Velsk"),  # one word: nothing says it is a person's whole name
])
def test_a_given_name_s_second_syllable_after_a_hyphen_belongs_to_the_name(text, span, whole):
    from graphbuild.extract import _widen

    s = text.index(span)
    a, b, _ = _widen(text, s, s + len(span), 0, len(text), "PERSON")
    assert text[a:b] == whole


@pytest.mark.parametrize("text, span, whole", [
    ("Velsk Telephone and Qarvan Telegraph Co rose.", "Velsk Telephone", "Velsk Telephone and Qarvan Telegraph Co"),
    ("Velsk Corp and Norgaz Inc rose.", "Velsk Corp", "Velsk Corp"),  # a firm with its form already
    ("Velsk and Norgaz rose.", "Velsk", "Velsk"),  # no legal form after the "and"
    ("Orvan E. Velsk and Son's spirits sold.", "Orvan E. Velsk", "Orvan E. Velsk and Son"),  # a founder's firm
    ("Orvan Tolk and son's wife came.", "Orvan Tolk", "Orvan Tolk"),  # a man and his son
])
def test_a_firm_s_name_cut_at_its_and_is_completed(text, span, whole):
    from graphbuild.extract import _widen

    s = text.index(span)
    a, b, _ = _widen(text, s, s + len(span), 0, len(text), "ORG")
    assert text[a:b] == whole
    a, b, label = _widen(text, s, s + len(span), 0, len(text), "PERSON")
    assert label == ("ORG" if "and Son's" in text else "PERSON")


def test_a_person_is_no_form_of_the_firm_named_after_them():
    _, e = run(M("a", "Richard F. Velskey and Co LP", "ORG"), M("a", "Richard F. Velskey"), M("a", "Velskey"),
               M("b", "Norgaz Inc", "ORG"), M("c", "Norgaz", "ORG"))
    assert e[1] == e[2] != e[0] and e[3] == e[4]


def test_the_pieces_of_a_defined_long_form_are_one_name():
    from graphbuild.extract import join_defined_spans

    t = "a Qarvan National Velsk Corp (QNVC) official and a Qarvan Velsk (QV) man"
    ms = [Mention("d", 2, 8, "Qarvan", "GPE", 0), Mention("d", 9, 27, "National Velsk Corp", "ORG", 0),
          Mention("d", 51, 57, "Qarvan", "GPE", 0), Mention("d", 58, 63, "Velsk", "PERSON", 0)]
    join_defined_spans(t, 0, len(t), ms, [("QNVC", "Qarvan National Velsk Corp")])
    assert [(m.text, m.label) for m in ms] == [("Qarvan National Velsk Corp", "ORG"), ("Qarvan", "GPE"),
                                               ("Velsk", "PERSON")]  # no definition said "Qarvan Velsk" is one
    ms = [Mention("d", 2, 27, "Qarvan National Velsk Corp", "ORG", 0)]
    join_defined_spans(t, 0, len(t), ms, [("QNVC", "Qarvan National Velsk Corp")])
    assert [m.text for m in ms] == ["Qarvan National Velsk Corp"]  # one piece: nothing to join


def test_the_fed_is_the_federal_reserve_by_the_table():
    _, e = run(M("a", "Fed", "ORG"), M("b", "Federal Reserve Board", "ORG"), M("c", "Federal Reserve", "ORG"),
               M("d", "Federal Express", "ORG"), M("d", "Federal", "ORG"))
    assert e[0] == e[1] == e[2] and e[3] != e[0] and e[4] != e[0]  # "Federal" there is Federal Express's


def test_a_misspelt_word_at_a_sentence_start_is_no_person():
    from graphbuild.extract import drop_word_persons

    per_doc = [[Mention("a", 0, 9, "Tommorrow", "PERSON", 0, initial=True),
                Mention("a", 20, 29, "Velskarro", "PERSON", 1, initial=True),
                Mention("a", 40, 48, "Recieved", "PERSON", 2)]]
    kept = [m.text for m in drop_word_persons(per_doc, {"tomorrow", "velskaro", "received"})[0]]
    # a doubled letter or two letters swapped make a word; a name the corpus writes inside a sentence stays
    assert kept == ["Recieved"]
    assert [m.text for m in drop_word_persons([[Mention("a", 0, 6, "Hallam", "PERSON", 0, initial=True)]],
                                              {"halam"})[0]] == ["Hallam"]  # under eight letters: a name


def test_a_place_and_a_grade_is_a_product():
    from graphbuild.extract import product_shaped, type_cue

    t = "bought Oslo Medium and Velsk Medium, then Oslo"
    assert type_cue(t, 7, 18) == "PRODUCT" and type_cue(t, 23, 35) == "" and type_cue(t, 42, 46) == ""
    assert product_shaped("Oslo Medium") and not product_shaped("Velsk Medium") and not product_shaped("Oslo")


@pytest.mark.parametrize("form, names, parts", [
    ("Oslo and Bergen", set(), ["Oslo", "Bergen"]),  # two known places
    ("Trinidad and Tobago", set(), ["Trinidad and Tobago"]),  # a known place whole
    ("Velsk and Bergen", set(), ["Velsk and Bergen"]),  # one half no known place nor a name elsewhere
    ("Orvan, Velsk News Service", {"orvan"}, ["Orvan", "Velsk News Service"]),  # a name, then one of its own
    ("Orvan, Velsk and Tolk", {"orvan"}, ["Orvan, Velsk and Tolk"]),  # a firm's partners
    ("Velsk, Norgaz Inc", {"velsk"}, ["Velsk, Norgaz Inc"]),  # one word and a legal form
    ("Tolk, Velsk News Service", set(), ["Tolk, Velsk News Service"]),  # the first half a name nowhere else
])
def test_places_and_names_joined_by_and_or_a_comma_are_split(form, names, parts):
    from graphbuild.extract import _conjoined_parts

    m = Mention("d", 0, len(form), form, "ORG", 0)
    out = _conjoined_parts(m, names, frozenset()) or [m]
    assert [x.text for x in out] == parts
    assert all(form[x.start:x.end] == x.text for x in out)


def test_a_name_blended_from_a_long_name_s_words_joins_it():
    _, e = run(M("a", "Velskary Quarrel Corp", "ORG"), M("a", "Velquarrel", "ORG"), M("b", "Velquarrel", "ORG"),
               M("c", "Velquarrel", "ORG"))
    assert e[0] == e[1] == e[2] == e[3]
    # two long names blend it in its article: neither; a blend no article names beside its long name: apart
    _, e = run(M("a", "Velskary Quarrel Corp", "ORG"), M("a", "Velsen Quarrelsome Ltd", "ORG"),
               M("a", "Velquarrel", "ORG"), M("b", "Norgaz Tolkien Inc", "ORG"), M("c", "Nortolk", "ORG"))
    assert e[2] not in (e[0], e[1]) and e[4] != e[3]
    _, e = run(M("a", "Carolina Petroleum Corp", "ORG"), M("a", "Carpet", "ORG"))
    assert e[0] != e[1]  # a dictionary word is no blend ("car" + "pet")


def test_forms_of_one_plural_company_name_and_its_acronym_are_one():
    _, e = run(M("a", "Velsk Motors Corp", "ORG"), M("a", "VM", "ORG"), M("b", "Velsk Motors", "ORG"),
               M("b", "VM", "ORG"), M("c", "Velsk Motor", "ORG"))
    assert e[0] == e[1] == e[2] == e[3]
    assert e[4] != e[0]  # the singular is another name unless an article has both


def test_a_people_s_word_before_a_name_never_written_alone_is_part_of_it():
    from graphbuild.extract import join_demonym_names

    docs = [[Mention("a", 0, 8, "American", "NORP", 0), Mention("a", 9, 24, "Velsk Institute", "ORG", 0),
             Mention("a", 30, 35, "Iraqi", "NORP", 1), Mention("a", 36, 52, "Qarvan Brigades", "ORG", 1),
             Mention("a", 60, 68, "American", "NORP", 2), Mention("a", 70, 85, "Norgaz Holdings", "ORG", 2)],
            [Mention("b", 0, 15, "Qarvan Brigades", "ORG", 0), Mention("b", 20, 28, "Canadian", "NORP", 0),
             Mention("b", 29, 34, "Tolko", "ORG", 0)]]
    out = [[m.text for m in doc] for doc in join_demonym_names(docs)]
    # "Qarvan Brigades" stands alone in b; "Norgaz Holdings" is not right after the word; "Tolko" is one word
    assert out == [["American Velsk Institute", "Iraqi", "Qarvan Brigades", "American", "Norgaz Holdings"],
                   ["Qarvan Brigades", "Canadian", "Tolko"]]
    assert docs[0][0].label == "ORG" and (docs[0][0].start, docs[0][0].end) == (0, 24)


@pytest.mark.parametrize("text, span, label, expected", [
    ("Linseed prev 34.8, Feb 32.9, Mar 6.8, Apr 6.3", "Mar", "PERSON", []),  # a month in a table
    ("May said the rise was small.", "May", "PERSON", ["May"]),  # a month's name as a person's
    ("It bought Treasury bills and notes.", "Treasury", "ORG", []),  # an instrument named after an institution
    ("The Treasury said bills rose.", "Treasury", "ORG", ["Treasury"]),
    ("Velskoil bonds fell.", "Velskoil", "ORG", ["Velskoil"]),  # a firm's bonds: the firm is named
    ("Secretary of Agriculture Richard Tolk refused.", "Agriculture Richard Tolk", "ORG", ["Richard Tolk"]),
    ("Minister of Trade Velsk Tolk said.", "Trade Velsk Tolk", "ORG", ["Trade Velsk Tolk"]),  # no given name
    ("The Bank of Agriculture Orvan Corp said.", "Agriculture Orvan Corp", "ORG", ["Agriculture Orvan Corp"]),
])
def test_months_instruments_and_offices_around_names(text, span, label, expected):
    s = text.index(span)
    assert [text[a:b] for a, b, _ in clean_span(text, s, s + len(span), label)] == expected


@pytest.mark.parametrize("text, spans, expected", [
    # initials and the name after them, across a line break
    ("while S.G.\nVelsk and Co Ltd will have one pct", [("S.G.", "GPE", 0), ("Velsk", "GPE", 0)], ["S.G.\nVelsk"]),
    ("the minister Gerhard\nTolkberg said", [("Gerhard", "PERSON", 0), ("Tolkberg", "PERSON", 0)],
     ["Gerhard\nTolkberg"]),
    ("the Velsk\nTolkberg rose", [("Velsk", "ORG", 0), ("Tolkberg", "ORG", 0)], ["Velsk", "Tolkberg"]),  # no initials
    # a list of firms: a comma joins nothing ("Exxon, Mobil Corp and Texaco Inc")
    ("Velskon, Norgaz Corp and Tolk Inc gained", [("Velskon", "ORG", 0), ("Norgaz Corp", "ORG", 0)],
     ["Velskon", "Norgaz Corp"]),
    ("Velsk Trust and Banking Co Ltd's unit", [("Velsk Trust", "ORG", 0), ("Banking Co Ltd's", "ORG", 0)],
     ["Velsk Trust and Banking Co Ltd's"]),
    ("sales in Canada and Mexico Velsk Inc", [("Canada", "GPE", 0), ("Mexico Velsk Inc", "ORG", 0)],
     ["Canada", "Mexico Velsk Inc"]),  # a place and a company named after another
    ("trade house E.D. and F. Tolk said", [("E.D.", "GPE", 0), ("F. Tolk", "PERSON", 0)], ["E.D. and F. Tolk"]),
    ("trade house E.D. and Tolk said", [("E.D.", "GPE", 0), ("Tolk", "PERSON", 0)], ["E.D.", "Tolk"]),
    ("talks of the U.S. and U.K. negotiators", [("U.S.", "GPE", 0), ("U.K.", "GPE", 0)], ["U.S.", "U.K."]),
    ("at the U.N. and E.C. level", [("U.N.", "ORG", 0), ("E.C.", "ORG", 0)], ["U.N.", "E.C."]),
])
def test_pieces_of_one_name_the_model_cut_apart_are_joined(text, spans, expected):
    from graphbuild.extract import _join_adjacent

    ents, at = [], 0
    for span, label, k in spans:
        s = text.index(span, at)
        ents.append((s, s + len(span), label, k))
        at = s + len(span)
    assert [text[s:e] for s, e, _, _ in _join_adjacent(text, 0, ents)] == expected


@pytest.mark.parametrize("text, span, label, expected", [
    ("Ambassador to GATT Richard Tolk said", "GATT Richard Tolk", "ORG", ["GATT", "Richard Tolk"]),
    ("the Velsk Brothers Asia Inc unit", "Velsk Brothers Asia Inc", "ORG", ["Velsk Brothers Asia Inc"]),
    ("bought <Tolkmann's Sporting Goods Co> today", "Tolkmann's Sporting Goods Co", "ORG",
     ["Tolkmann's Sporting Goods Co"]),  # a wire's bracketed name keeps its possessive
    ("the Union de Banques Velsk et Francaises said", "Union de Banques Velsk et Francaises", "ORG",
     ["Union de Banques Velsk et Francaises"]),
    ("Bankers told anti-Tolkman jokes", "anti-Tolkman", "ORG", ["Tolkman"]),
])
def test_spans_cut_at_a_person_after_an_acronym_and_kept_whole_otherwise(text, span, label, expected):
    s = text.index(span)
    assert [text[a:b] for a, b, _ in clean_span(text, s, s + len(span), label)] == expected


def test_a_name_the_model_took_for_a_person_before_a_weapon_is_a_product():
    from graphbuild.extract import type_cue

    t = "a contract for Tolkvane air-defense missiles and Velsk jets"
    assert type_cue(t, 15, 23, "PERSON") == "PRODUCT" and type_cue(t, 15, 23, "ORG") == ""
    assert type_cue(t, 49, 54, "ORG") == ""  # a company's jets


@pytest.mark.parametrize("text, span, label, whole", [
    ("Rep. Orvan Tolk, R-Kan., said", "Kan.", "GPE", "Kan."),  # a party's letter before a state
    ("Sen. Orvan Tolk, D-Texas, said", "Texas", "GPE", "Texas"),
    ("Rep. Orvan Tolk (R-N.Y.) said", "N.Y.", "GPE", "N.Y."),
    ("the Velsk-Kan. pipeline", "Kan.", "GPE", "Velsk-Kan."),  # a name before it, not one letter
    ("the A-Tolkmark deal", "Tolkmark", "ORG", "A-Tolkmark"),  # one letter before a name that is no state
])
def test_a_party_s_letter_before_a_state_stays_off(text, span, label, whole):
    from graphbuild.extract import _widen

    s = text.index(span)
    a, b, _ = _widen(text, s, s + len(span), 0, len(text), label)
    assert text[a:b] == whole


def test_a_company_named_after_the_and_joins_a_name_with_its_article():
    from graphbuild.extract import _join_adjacent

    text = "a manager of the Velsk Trust and\nBanking Co Ltd's unit"
    a, b = text.index("the Velsk Trust"), text.index("Banking")
    ents = [(a, a + 15, "ORG", 0), (b, b + 16, "ORG", 0)]
    assert [text[s:e] for s, e, _, _ in _join_adjacent(text, 0, ents)] == ["the Velsk Trust and\nBanking Co Ltd's"]


def test_two_letters_joined_by_and_are_the_initials_of_a_name_of_their_article():
    _, e = run(M("a", "Cable and Velskless Plc", "ORG"), M("a", "C and V", "ORG"), M("b", "C and V", "ORG"),
               M("c", "T and Q", "ORG"))
    assert e[0] == e[1] == e[2] and e[3] != e[0]
    _, e = run(M("a", "Cable and Velskless Plc", "ORG"), M("b", "C and V", "ORG"))
    assert e[0] != e[1]  # two letters: only a long form of its own article


def test_forms_of_one_company_with_one_head_or_one_legal_form_are_one():
    _, e = run(M("a", "Velsk Group", "ORG"), M("b", "Velsk Group Inc", "ORG"), M("c", "Norgaz Movement", "ORG"),
               M("d", "Norgaz", "ORG"))
    assert e[0] == e[1] and e[2] != e[3]  # the same head on both; a head dropped needs a shared article
    _, e = run(M("a", "Velsk Petroleum Plc", "ORG"), M("b", "Velsk Petroleum Co PLC", "ORG"),
               M("b", "Velsk Petroleum B.V.", "ORG"), M("b", "Velsk Petroleum Co PLC", "ORG"))
    assert e[0] == e[1] != e[2]  # "Plc" and "Co PLC" are one legal form; the Dutch B.V. beside it is another


def test_a_surname_joins_its_full_name_beside_the_name_glued_to_a_state():
    _, e = run(M("a", "Orvan Velskaro"), M("a", "Velskaro"), M("a", "Velskaro Brazil"), M("b", "Prabo Tolkan"),
               M("b", "Tolkan"), M("b", "Tolkan Velsk"))
    assert e[0] == e[1] and e[3] != e[4]  # "Tolkan Velsk" may be someone whose given name it is: no guess


def test_a_name_in_capitals_labels_no_node_beside_the_name_written_as_often_in_mixed_case():
    res, e = run(M("a", "VELSKTON", "GPE"), M("b", "Velskton", "GPE"), M("c", "NORGAX", "ORG"),
                 M("d", "NORGAX", "ORG"), M("e", "Norgax", "ORG"))
    assert label(res, e[0]) == "Velskton" and label(res, e[2]) == "NORGAX"  # the commoner capitals stay


def test_a_place_no_table_knows_with_a_company_s_cue_is_a_company():
    specs = [("a", "Pertavin", "GPE", "ORG"), ("a", "Pertavin", "GPE", ""), ("b", "Pertavin", "GPE", ""),
             ("c", "Oslo", "GPE", "ORG"), ("c", "Oslo", "GPE", ""), ("d", "Oslo", "GPE", "")]
    ms = [Mention(d, 100 * i, 100 * i + len(t), t, lab, i, cue=cue) for i, (d, t, lab, cue) in enumerate(specs)]
    res = resolve(ms, (), ResolveConfig(aliases=AliasTable()))
    assert res.entities[res.assign[0]].type == "ORG" and res.entities[res.assign[3]].type == "GPE"


def test_quoted_common_nouns_define_an_acronym_of_no_name():
    from graphbuild.resolve import find_common_acronyms

    assert find_common_acronyms('imbalances of "market-on-close" (MOC) orders') == [("MOC", "market-on-close")]
    assert find_common_acronyms('imbalances of "Velsk" (VLK) orders') == []


@pytest.mark.parametrize("text, expected", [
    ("The Velsk Trade Commission, VTC, voted", [("VTC", "Velsk Trade Commission")]),  # in apposition
    ("Prices of Velsk, IBM, Norgaz and Tolk rose", []),  # a list: no initials spell it
    ("The International Velcko Organization (IVCO) met", [("IVCO", "International Velcko Organization")]),
    ("The Velsk Corp (VCX) said", []),  # a letter no word has
    ("The Velsk Norgaz Group (NVG) said", [("NVG", "Velsk Norgaz Group")]),  # its letters in another order
    ("The Velsk Norgaz Group (NVGX) said", []),  # a letter more than its words: no guess
])
def test_acronyms_in_apposition_and_with_more_letters_than_initials(text, expected):
    from graphbuild.resolve import find_acronym_definitions

    assert find_acronym_definitions(text) == expected


def test_a_people_s_word_joins_only_a_headed_name_and_with_the_document_s_own_text():
    from graphbuild.extract import join_demonym_names

    text = "the American\nVelsk Institute said; the Chinese Norgaz Technologies and Norgaz; Swiss Tolk Oil Ltd"
    def at(w, label, k=0):
        s = text.index(w)
        return Mention("a", s, s + len(w), w, label, k)
    norgaz = text.index("Norgaz;")
    doc = [at("American", "NORP"), at("Velsk Institute", "ORG"), at("Chinese", "NORP"),
           at("Norgaz Technologies", "ORG"), Mention("a", norgaz, norgaz + 6, "Norgaz", "ORG", 0), at("Swiss", "NORP"),
           at("Tolk Oil Ltd", "ORG")]
    out = join_demonym_names([doc], lambda needed: {(d, s, e): text[s:e] for d, spans in needed.items()
                                                    for s, e in spans})[0]
    assert [m.text for m in out] == ["American\nVelsk Institute", "Chinese", "Norgaz Technologies", "Norgaz",
                                     "Swiss Tolk Oil Ltd"]  # no head, and "Norgaz" is a name alone
    assert all(text[m.start:m.end] == m.text for m in out)


def test_review_misfires_stay_apart():
    # a qualified two-word name that is no department or ministry needs an article with both
    _, e = run(M("a", "American Velsk Exchange", "ORG"), M("a", "American", "NORP"), M("b", "Velsk Exchange", "ORG"))
    assert e[0] != e[2]
    # two letters joined by "and" need a long name with "and" between their words
    _, e = run(M("a", "Cedar Velsk Corp", "ORG"), M("a", "C and V", "ORG"))
    assert e[0] != e[1]
    # "ex-" and "pre-" are parts of names; only anti-, pro- and non- come off
    text = "The ex-Im Velsk Bank said"
    s = text.index("ex-Im")
    assert [text[a:b] for a, b, _ in clean_span(text, s, s + len("ex-Im Velsk Bank"), "ORG")] == ["ex-Im Velsk Bank"]


@pytest.mark.parametrize("text, span", [
    ("A Tony Qarvan-picked successor", "Tony Qarvan"),  # a verb's ending
    ("a Orvan Tolkan-ite view", "Orvan Tolkan"),  # a name's word over five letters
    ("the Jimmy Velsk-vetted plan", "Jimmy Velsk"),
])
def test_a_modifier_after_a_person_s_name_is_no_syllable_of_it(text, span):
    from graphbuild.extract import _widen

    s = text.index(span)
    a, b, _ = _widen(text, s, s + len(span), 0, len(text), "PERSON")
    assert text[a:b] == span


def test_a_short_form_joins_a_company_it_starts_after_the_initials():
    _, e = run(M("a", "G.D. Velskle and Co", "ORG"), M("a", "Velskle", "ORG"), M("b", "J.R. Norgaz", "ORG"),
               M("b", "Norgaz", "ORG"))
    assert e[0] == e[1] and e[2] != e[3]  # no legal form: "J.R. Norgaz" may be a man's name the model typed ORG


def test_the_big_board_is_the_stock_exchange_by_the_table():
    _, e = run(M("a", "Big Board", "ORG"), M("b", "New York Stock Exchange", "ORG"), M("c", "Big Velsk Board", "ORG"))
    assert e[0] == e[1] != e[2]


def test_a_name_the_model_took_for_a_place_before_and_co_is_a_firm():
    from graphbuild.extract import _widen

    t = "the firm, Velskeries and Co, drove; Oslo and Co"
    s = t.index("Velskeries")
    a, b, label = _widen(t, s, s + 10, 0, len(t), "GPE")
    assert (t[a:b], label) == ("Velskeries and Co", "ORG")
    s = t.index("Oslo")
    a, b, label = _widen(t, s, s + 4, 0, len(t), "GPE")
    assert (t[a:b], label) == ("Oslo", "GPE")  # a known place stays


@pytest.mark.parametrize("text, span, expected", [
    ("The Secretary of State for Health Jeremy Velsk said", "State for Health Jeremy Velsk", ["Jeremy Velsk"]),
    ("The Secretary of State for Velsk Affairs said", "State for Velsk Affairs", ["State for Velsk Affairs"]),
    ("The Secretary of State for Economic Affairs said", "State for Economic Affairs", []),  # the office only
    ("Secretary of State Richard Tolk said", "State Richard Tolk", ["Richard Tolk"]),
    ("the Bank of State Street Velsk said", "State Street Velsk", ["State Street Velsk"]),  # no office before
    ("Orvan Rust, the President of State Farm, said", "State Farm", ["State Farm"]),  # no "State for"
    ("the chairman of State General Reserve Fund said", "State General Reserve Fund", ["State General Reserve Fund"]),
])
def test_the_rest_of_an_office_after_of_is_no_name(text, span, expected):
    s = text.index(span)
    assert [text[a:b] for a, b, _ in clean_span(text, s, s + len(span), "ORG")] == expected


@pytest.mark.parametrize("text, span, label, expected", [
    ("Shadow Home Secretary Diane Velsk said", "Shadow Home", "ORG", []),  # the start of a title
    ("UN Secretary-General Orvan Velsk said", "UN", "ORG", ["UN"]),  # a name that starts a title
    ("Labour minister Tessa Velsk agreed", "Labour", "ORG", ["Labour"]),
    ("The Home Office said so", "Home Office", "ORG", ["Home Office"]),  # a name, no title after it
    ("Tory MPs would vote against it", "Tory MPs", "PERSON", ["Tory"]),  # a party's members: the party (an ORG cue)
    ("Labour MEPs said", "Labour MEPs", "ORG", ["Labour"]),
    ("Velsk CDs rose", "Velsk CDs", "ORG", ["Velsk CDs"]),  # letters that name no members
    ("fans of Sporting KC said", "Sporting KC", "ORG", ["Sporting KC"]),  # one member's letters may end a name
])
def test_titles_started_and_members_after_a_party(text, span, label, expected):
    s = text.index(span)
    assert [text[a:b] for a, b, _ in clean_span(text, s, s + len(span), label, len(text))] == expected


def test_a_party_s_nickname_is_the_party_but_a_plural_of_many_countries_needs_its_article():
    res, e = run(M("a", "Tories", "NORP"), M("b", "Conservatives", "NORP"), M("c", "Labour", "ORG"))
    assert label(res, e[2]) == "Labour"  # no "Labour Party" of another country's name
    assert e[1] != e[0]  # Canada's or America's Conservatives, with no Tory beside them
    res, e = run(M("a", "Tories", "NORP"), M("b", "Conservatives", "NORP"), M("d", "Tories", "NORP"),
                 M("d", "Conservatives", "NORP"))
    assert e[0] == e[1] == e[2] == e[3]  # an article has both: the corpus's "Conservatives" are the party


def test_an_index_named_with_its_number_is_a_product():
    from graphbuild.extract import type_cue

    t = "The Velsk 100 index closed up, and Norgaz 500 shares rose"
    assert type_cue(t, 4, 9) == "PRODUCT" and type_cue(t, t.index("Norgaz"), t.index("Norgaz") + 6) == ""


def test_a_name_before_members_letters_is_an_organisation():
    from graphbuild.extract import type_cue

    t = "Tory MPs revolted; Velsk PCs sold"
    assert type_cue(t, 0, 4, "PERSON") == "ORG" and type_cue(t, t.index("Velsk"), t.index("Velsk") + 5) == ""


@pytest.mark.parametrize("text, title", [
    ("Qarvan sacks Velsk as chancellor\n\nAda Roe sacked him on Monday.", ""),  # a headline's last word
    ("said the chancellor\nAda Roe on Monday.", "chancellor"),  # a line wrapped inside a sentence
    ("said chancellor Ada Roe on Monday.", "chancellor"),
])
def test_a_title_before_a_name_is_never_read_across_a_blank_line(text, title):
    s = text.index("Ada Roe")
    assert [t for _, _, t in clean_span(text, s, s + len("Ada Roe"), "PERSON")] == [title]


def test_the_commons_and_the_lords_are_their_houses_and_two():
    res, e = run(M("a", "House of Commons", "ORG"), M("a", "Commons", "ORG"), M("a", "House of Lords", "ORG"),
                 M("b", "Lords", "ORG"))
    assert e[0] == e[1] and e[2] == e[3] and e[0] != e[2]


def test_the_shipped_alias_file_spells_kyiv_both_ways_and_kiev_stays_no_other_place():
    from graphbuild.aliases import default_alias_table

    res, e = run(M("a", "Kyiv", "GPE"), M("b", "Kiev", "GPE"), M("c", "Kharkiv", "GPE"), aliases=default_alias_table())
    assert e[0] == e[1] != e[2] and label(res, e[0]) == "Kyiv"


@pytest.mark.parametrize("text, span, label, expected", [
    ("were awarded the Qarvan Prize for fiction", "Qarvan Prize", "PERSON", []),  # an award, whatever its label
    ("won the Velsk Medal in 2004", "Velsk Medal", "ORG", []),
    ("she would hand back her CBE on Tuesday", "CBE", "ORG", []),  # letters after a name, alone
    ("TD said on Thursday", "TD", "ORG", ["TD"]),  # (a bank's name)
    ("Buffalo Bill rode on", "Buffalo Bill", "PERSON", ["Buffalo Bill"]),  # a given name last: a person
    ("Velsk Prize Ltd said", "Velsk Prize Ltd", "ORG", ["Velsk Prize Ltd"]),  # a company
    ("Ada Roe CBE said", "Ada Roe", "PERSON", ["Ada Roe"]),
])
def test_awards_and_honours_alone_are_no_names(text, span, label, expected):
    assert spans_in(text, span, label) == expected


@pytest.mark.parametrize("text, span, label, title", [
    ("Lord Velskby said the committee erred", "Velskby", "ORG", "Lord"),  # the model's ORG, a peer's title
    ("Mrs Quarrie said so", "Quarrie", "GPE", "Mrs"),
    ("Mr Qarvania said so", "Qarvania", "ORG", "Mr"),
    ("the Lord Jordan said", "Jordan", "GPE", ""),  # a known place after the title: no person found here
    ("General Velsk Motors said", "Velsk Motors", "ORG", ""),  # "General" is no person's title alone
])
def test_a_person_s_title_before_a_name_the_model_typed_otherwise_is_recorded(text, span, label, title):
    s = text.index(span)
    assert [t for _, _, t in clean_span(text, s, s + len(span), label)] == [title]


@pytest.mark.parametrize("text, span, label, expected", [
    ("The report by Lord Velskby of Qarvanford was published", "Qarvanford", "ORG", []),  # a peer's title
    ("the Lord Mayor of Qarvanford said", "Qarvanford", "GPE", ["Qarvanford"]),  # an office of a place
    ("Baroness Roe of Harlowmere spoke", "Harlowmere", "GPE", []),
    ("the mayor of Qarvanford spoke", "Qarvanford", "GPE", ["Qarvanford"]),  # an office of a place: a place
    ("Ada Roe of Qarvanford Ltd said", "Qarvanford Ltd", "ORG", ["Qarvanford Ltd"]),
])
def test_the_place_in_a_peer_s_title_is_no_mention(text, span, label, expected):
    assert spans_in(text, span, label) == expected


def test_a_long_name_given_as_known_as_and_a_real_name_are_aliases_both_ways():
    from graphbuild.resolve import find_named_aliases

    text = ("Abu Qarvan al-Velski, also known as Wissam Orvan Saber al-Velski. "
            "Quarrie, whose real name was Ada Orvan Lund, died. Velsk, whose real ambition was clear, spoke.")
    assert find_named_aliases(text) == [("Wissam Orvan Saber al-Velski", "Abu Qarvan al-Velski"),
                                        ("Ada Orvan Lund", "Quarrie")]


def test_a_venerated_figure_named_by_title_and_one_name_is_no_one_s_surname_or_given_name():
    res, e = doc_run("a", ("Qasim Velski", "PERSON", ""), ("Velski", "PERSON", "Imam"), ("Velski", "PERSON", "Mr"))
    assert e[1] != e[0] == e[2]  # "Imam Velski" (the shrine's) is no "Mr Velski"
    res, e = doc_run("a", ("Ali al-Qarvani", "PERSON", "Ayatollah"), ("Ali", "PERSON", "Prophet"),
                     ("Qarvani", "PERSON", "Ayatollah"))
    assert e[1] != e[0] == e[2]


def test_a_grade_bought_by_the_barrel_or_the_tonne_is_a_product():
    from graphbuild.extract import type_cue

    t = "plans to buy 240,000 tonnes of Qarvan Light from Velskia and 500,000 barrels of Iraq crude"
    s = t.index("Qarvan Light")
    assert type_cue(t, s, s + len("Qarvan Light")) == "PRODUCT"
    s = t.index("Velskia")
    assert type_cue(t, s, s + len("Velskia")) == ""  # (from a place: no cue)
    s = t.index("Iraq")
    assert type_cue(t, s, s + len("Iraq")) == ""  # a known state is never a product
    t = "lots of Velsk supporters and bags of Qarvan shopping"
    for name in ("Velsk", "Qarvan"):
        s = t.index(name)
        assert type_cue(t, s, s + len(name)) == ""  # no measure of a commodity: a person, a company
    ms = [Mention("a", 0, 12, "Qarvan Light", "ORG", 0, "", "PRODUCT")]
    res = resolve(ms, (), ResolveConfig())
    assert res.entities[res.assign[0]].type == "PRODUCT"


def test_a_party_s_adjective_in_an_article_with_only_its_nickname_joins_the_party():
    res, e = run(M("a", "Tories", "NORP"), M("a", "Conservative", "NORP"), M("b", "Conservative Party", "ORG"),
                 M("c", "Velskian", "NORP"), M("d", "Velskian Party", "ORG"))
    assert e[0] == e[1] == e[2]  # "a Conservative government" beside "the Tories"
    assert e[3] != e[4]  # no article of both, no table row: a people's word stays apart


def test_a_royal_title_and_a_given_name_join_only_a_royal():
    res, e = doc_run("a", ("Charles Velskby", "PERSON", "Lib Dem leader"), ("Charles", "PERSON", "Prince"))
    assert e[0] != e[1]  # "the wedding of Prince Charles" is not the Lib Dem leader
    res, e = doc_run("a", ("Salman bin Qarvan", "PERSON", "King"), ("Salman", "PERSON", "King"))
    assert e[0] == e[1]
    res, e = doc_run("a", ("Mohammed bin Qarvan", "PERSON", ""), ("Mohammed", "PERSON", "Crown Prince"))
    assert e[0] == e[1]  # an untitled full name may be the royal's
    res, e = doc_run("a", ("Ian Velskby", "PERSON", ""), ("Ian", "PERSON", "Sir"))
    assert e[0] == e[1]  # other titles as before ("Sir Ian")


def test_a_place_at_the_end_of_an_address_is_not_what_known_as_names():
    from graphbuild.resolve import find_named_aliases

    text = ("Most of its staff work in Velskton, California, known as the Qarvanplex. "
            "He lived in Baghdad, known as the City of Peace. Its chief, Ada Roe, known as Ada Quarrie, spoke.")
    assert find_named_aliases(text) == [("City of Peace", "Baghdad"), ("Ada Quarrie", "Ada Roe")]


def test_an_institution_s_short_name_before_of_and_a_place_is_its_name():
    res, e = run(M("a", "Velsk Bank of Qarvania", "ORG"), M("a", "Velsk Bank", "ORG"),
                 M("b", "Velsk United Football Club", "ORG"), M("b", "Velsk United", "ORG"),
                 M("c", "Harlow University School of Law", "ORG"), M("c", "Harlow University", "ORG"))
    assert e[0] == e[1] and e[2] == e[3]  # the bank's and the club's whole names
    assert e[4] != e[5]  # a school of the university


@pytest.mark.parametrize("form, expected", [
    ("Scottish National Party and Plaid Cymru", ["Scottish National Party", "Plaid Cymru"]),
    ("Velsk Liberation Movement and Army", ["Velsk Liberation Movement and Army"]),  # a party's head only
    ("Velsk Management and Research Company", ["Velsk Management and Research Company"]),
    ("Far East Bank and Trust Company", ["Far East Bank and Trust Company"]),  # no party's or group's head
    ("Velsk Group and Partners", ["Velsk Group and Partners"]),  # one word no article names alone
])
def test_a_party_s_name_before_and_ends_a_name(form, expected):
    from graphbuild.extract import split_conjoined

    ms = [[Mention("d", 0, len(form), form, "ORG", 0)]]
    assert [m.text for m in split_conjoined(ms)[0]] == expected


def test_a_state_qualified_name_joins_the_bare_name_the_corpus_writes_only_by_its_table_form():
    res, e = run(M("a", "Fed", "ORG"), M("a", "US Federal Reserve", "ORG"), M("b", "Fed", "ORG"),
                 M("c", "Velskian Federal Reserve", "ORG"))
    assert e[0] == e[1] == e[2] and label(res, e[0]) == "Federal Reserve"
    assert e[3] != e[0]  # no known state qualifies it: another name
    res, e = run(M("a", "Democrats", "ORG"), M("a", "United States", "GPE"), M("a", "United States", "GPE"),
                 M("b", "Democrats", "ORG"), M("b", "United States", "GPE"), M("b", "United States", "GPE"),
                 M("c", "Italian Democratic Party", "ORG"), M("c", "Democrats", "ORG"), M("c", "Italy", "GPE"),
                 M("c", "Italy", "GPE"))
    assert e[6] == e[7] != e[0]  # Italy's, with its own article's "Democrats", not the American party




def test_a_story_on_another_state_that_names_the_corpus_s_own_is_about_its_institution():
    specs = [(d, t, lab) for d in "abcd" for t, lab in (("United States", "GPE"), ("Congress", "ORG"))]
    specs += [(d, "Congress", "ORG") for d in "efgh"]  # a country's own news: half name it once
    for d, state, home in (("i", "Qarvania", True), ("j", "Qarvania", True), ("k", "Velskia", False),
                           ("l", "Velskia", False), ("m", "Harlovia", False), ("n", "Harlovia", False)):
        specs += [(d, state, "GPE"), (d, state, "GPE"), (d, "Congress", "ORG")] + \
            ([(d, "United States", "GPE")] if home else [])
    res = _states_run(specs)
    congress = {specs[i][0]: res.assign[i] for i, (_, t, _) in enumerate(specs) if t == "Congress"}
    assert len({congress[d] for d in "abcdefghij"}) == 1  # the arms-deal stories name Washington's Congress
    assert congress["k"] == congress["l"] != congress["a"] and congress["m"] != congress["k"]
    assert res.entities[congress["a"]].label == "Congress (United States)"


@pytest.mark.parametrize("text, span, expected", [
    ("Mr King said the company would recover.", "King", [("King", "Mr")]),  # a surname that is a title word
    ("Mrs Bishop said so.", "Bishop", [("Bishop", "Mrs")]),
    ("the King said so.", "King", []),  # a title alone
    ("Party chairman Ada Roe said", "Party", []),  # a word that never names anything alone
])
def test_a_person_s_title_before_a_title_word_makes_it_a_surname(text, span, expected):
    s = text.index(span)
    assert [(text[a:b], t) for a, b, t in clean_span(text, s, s + len(span), "PERSON")] == expected



def test_a_titled_form_is_an_alias_only_with_its_title_capitalised():
    res, e = run(M("a", "Adam Roe", title="Tory leader"), M("a", "Roe", title="Mr"),
                 M("b", "Adam Roe", title="President"))
    aliases = set(res.entities[e[0]].aliases)
    assert {"Mr Roe", "President Adam Roe"} <= aliases and "Tory leader Adam Roe" not in aliases


def test_a_former_name_the_text_gives_is_an_alias():
    from graphbuild.resolve import find_named_aliases

    text = ("VT, formerly Velsk Telecom, said. Qarvan, once known as Qarvan National, rose. "
            "Ada Roe, formerly of Velsk Bank, spoke.")
    assert find_named_aliases(text) == [("Velsk Telecom", "VT"), ("Qarvan National", "Qarvan")]


def test_one_name_after_a_title_that_takes_no_given_name_is_a_surname():
    res, e = doc_run("a", ("Michael Douglas", "PERSON", "Tory leader"), ("Douglas Velsk", "PERSON", ""),
                     ("Douglas", "PERSON", "Mr"))
    assert e[2] == e[0] and e[2] != e[1]  # "Mr Howard" beside "Michael Howard" and "Howard Flight"
    res, e = doc_run("a", ("Velskir Quarrie", "PERSON", ""), ("Quarrie Velsk", "PERSON", ""),
                     ("Quarrie", "PERSON", "Mr"))
    assert e[2] not in (e[0], e[1])  # a name no English given name: "Mr Mahathir" may be Mahathir Mohamad
    res, e = doc_run("a", ("Quarrie Velsk", "PERSON", ""), ("Quarrie", "PERSON", "Judge"), ("Velsk", "PERSON", "Mr"))
    assert e[0] == e[2] and e[1] == e[0]  # alone, a surname written first ("President Xi", "Mr Lee") as before
    res, e = doc_run("a", ("Quarrie Velsk", "PERSON", ""), ("Ian Quarrie", "PERSON", ""), ("Quarrie", "PERSON", "Sir"))
    assert e[2] not in (e[0], e[1])  # "Sir" takes a given name or a surname: two fit, no guess
    res, e = doc_run("a", ("Hamad bin Qarvan", "PERSON", ""), ("Hamad", "PERSON", "Sheikh"))
    assert e[0] == e[1]  # a title that takes a given name: "Sheikh Hamad", "Sir Ian"
    res, e = doc_run("a", ("Ada Velsk", "PERSON", ""), ("Ada", "PERSON", "Dame"))
    assert e[0] == e[1]


@pytest.mark.parametrize("text, span, expected", [
    ("Ada Roe quit the UK Velskian Party on Monday.", "Velskian Party", "UK Velskian Party"),
    ("He wrote to the New Zealand Qarvan Authority.", "Qarvan Authority", "New Zealand Qarvan Authority"),
    ("He wrote to the U.S. Qarvan Board.", "Qarvan Board", "U.S. Qarvan Board"),
    ("Votes for the Scottish Velskian Party rose.", "Velskian Party", "Velskian Party"),  # a people's word: two names
    ("He met UK Velsk Group officials.", "Velsk Group", "Velsk Group"),  # no "the": "UK" may stand alone
    ("The Qarvan Party said so.", "Qarvan Party", "Qarvan Party"),
])
def test_a_state_after_the_begins_the_organisation_the_model_cut_it_from(text, span, expected):
    from graphbuild.extract import _widen

    s = text.index(span)
    a, b, label = _widen(text, s, s + len(span), 0, len(text), "ORG")
    assert (text[a:b], label) == (expected, "ORG")


def test_a_state_the_model_found_stays_a_name_of_its_own():
    from graphbuild.extract import _widen

    text = "In the UK Velsk Group shares fell."  # the model: "UK" (GPE), "Velsk Group" (ORG)
    s = text.index("Velsk Group")
    a, b, _ = _widen(text, s, s + len("Velsk Group"), text.index("UK") + 2, len(text), "ORG")
    assert text[a:b] == "Velsk Group"


def test_a_state_s_code_in_a_name_gives_its_letters_to_the_acronym_and_the_name_to_the_label():
    res, e = run(M("a", "UK Velskian Party", "ORG"), M("a", "Velskian Party", "ORG"), M("a", "UKVP", "ORG"),
                 M("a", "UKVP", "ORG"))
    assert len(set(e)) == 1 and label(res, e[0]) == "UK Velskian Party"  # "UKIP", "UK Independence Party"
    res, e = run(M("a", "UK Velskian Party", "ORG"), M("a", "Velskian Party", "ORG"), M("b", "Velskian Party", "ORG"))
    assert len(set(e)) == 1 and label(res, e[0]) == "Velskian Party"  # the bare name is the commoner
    res, e = run(M("a", "Danish Velskbank", "ORG"), M("a", "Velskbank", "ORG"), M("b", "Danish Velskbank", "ORG"))
    assert len(set(e)) == 1 and label(res, e[0]) == "Velskbank"  # a people's adjective is no part of the name
    res, e = run(M("a", "Velskian Party", "ORG"), M("a", "UVP", "ORG"))
    assert e[0] != e[1]  # no state's letters in the name: no "U"


def test_a_region_s_bare_name_typed_a_person_in_the_region_s_article_is_a_place():
    res, e = run(M("a", "Velsk Governorate", "GPE"), M("a", "Velsk", "PERSON"), M("a", "Velsk", "PERSON"),
                 M("a", "Velsk", "PERSON"))
    assert res.entities[e[1]].type == "GPE" and e[0] != e[1]  # "Nineveh" beside "Nineveh Province": the town
    res, e = run(M("a", "Velsk", "PERSON"), M("a", "Velsk", "PERSON"), M("a", "Velsk", "PERSON"))
    assert res.entities[e[0]].type == "PERSON"  # (without the region, as the model says)
    res, e = run(M("a", "Velsk Governorate", "GPE"), M("a", "Velsk", "PERSON", "Mr"))
    assert res.entities[e[1]].type == "PERSON"  # a titled person of that name stays one
    res, e = run(M("a", "Ada Province", "GPE"), *[M("a", "Ada", "PERSON")] * 3)
    assert res.entities[e[1]].type == "PERSON"  # a given name: no guess


@pytest.mark.parametrize("text, name, expected", [
    ("fighting spread to Velsk province on Monday", "Velsk", "GPE"),
    ("south of the Qarvan river, officials said", "Qarvan", "LOC"),
    ("drones struck Velsk air base overnight", "Velsk", "FAC"),
    ("Qarvan City won the cup", "Qarvan", ""),  # a capital: part of a club's name
    ("at a Velsk town hall in Ohio", "Velsk", ""),  # an event, not a town
    ("Velsk said the river was rising", "Velsk", ""),
])
def test_a_generic_head_in_lowercase_after_a_name_says_a_place(text, name, expected):
    from graphbuild.extract import type_cue

    s = text.index(name)
    assert type_cue(text, s, s + len(name), "PERSON") == expected


def test_a_one_word_person_the_text_puts_before_a_place_head_is_that_place():
    ms = [Mention("a", 0, 6, "Dravan", "PERSON", 0, "", "GPE")]  # "in Dravan province", tagged a person
    res = resolve(ms, (), ResolveConfig())
    assert res.entities[res.assign[0]].type == "GPE"
    ms = [Mention("a", 0, 6, "Dravan", "PERSON", 0, "Mr", "GPE")]  # "Mr Dravan": a person whatever follows
    res = resolve(ms, (), ResolveConfig())
    assert res.entities[res.assign[0]].type == "PERSON"


def test_what_a_place_is_known_as_is_its_alias_only_when_it_reads_as_a_place():
    defs = [("a", "Qarvan Growth Project", "Basra"), ("b", "Velsk Gate", "Baghdad")]
    ms = [Mention("a", 0, 5, "Basra", "GPE", 0), Mention("a", 20, 41, "Qarvan Growth Project", "ORG", 0),
          Mention("b", 0, 7, "Baghdad", "GPE", 0), Mention("b", 20, 30, "Velsk Gate", "GPE", 0)]
    res = resolve(ms, defs, ResolveConfig())
    assert res.assign[0] != res.assign[1]  # "a project in Basra, known as the ... Project": the project's name
    assert res.assign[2] == res.assign[3]  # "Baghdad, known as the Velsk Gate" (read as a place): its alias


@pytest.mark.parametrize("text, span, expected", [
    ("The Velsk family has ruled Qarvania for a century.", "Velsk", ("Velsk family", "NORP")),
    ("the Al Qarvan family said", "Al Qarvan", ("Al Qarvan family", "NORP")),
    ("Velsk's family flew out on Monday.", "Velsk", ("Velsk", "PERSON")),  # his family: he is named
    ("Ada Velsk and her family flew out.", "Ada Velsk", ("Ada Velsk", "PERSON")),
    ("Velsk familiarised himself with it.", "Velsk", ("Velsk", "PERSON")),
])
def test_a_name_before_family_is_the_family_not_a_person(text, span, expected):
    from graphbuild.extract import _widen

    s = text.index(span)
    a, b, label = _widen(text, s, s + len(span), 0, len(text), "PERSON")
    spans = clean_span(text, a, b, label, len(text))
    assert [(text[x:y], label) for x, y, _ in spans] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("The Qarvan Workers' Party (PWQ) announced a truce.", [("PWQ", "Qarvan Workers' Party")]),  # another language
    ("fighters of Hayat Velsk al-Qarvan (HVQ) took the town", [("HVQ", "Hayat Velsk al-Qarvan")]),
    ("attacks by al-Velsk in the Qarvan Peninsula (AVQP) rose", [("AVQP", "al-Velsk in the Qarvan Peninsula")]),
    ("attacks by the Velsk in the Qarvan Peninsula (AVQP) rose", []),  # no article joined to a name
    ("said Ada Velsk (AFP) on Monday", []),  # an agency's credit: no letters of the name
    ("The Velsk Union Party (PYV) said", []),  # a letter no word gives
])
def test_an_acronym_in_brackets_may_take_its_letters_in_another_order(text, expected):
    from graphbuild.resolve import find_acronym_definitions

    assert find_acronym_definitions(text) == expected


def test_a_full_name_with_and_without_the_arabic_article_is_one_person():
    res, e = run(M("a", "Ali al-Velskani", "PERSON"), M("b", "Ali Velskani", "PERSON"),
                 M("c", "Ali el-Velskani", "PERSON"))
    assert len(set(e)) == 1  # "Ali al-Sistani", "Ali Sistani"
    res, e = run(M("a", "Ali al-Velskani", "PERSON"), M("b", "Omar Velskani", "PERSON"))
    assert e[0] != e[1]  # another given name
    res, e = run(M("a", "Ali bin Velskan", "PERSON"), M("b", "Ali Velskan", "PERSON"))
    assert e[0] != e[1]  # "bin" says whose son: no article
    res, e = run(M("a", "Hana al-Velskani", "PERSON", "Mrs"), M("b", "Hana Velskani", "PERSON", "Mr"))
    assert e[0] != e[1]


def test_a_body_of_states_qualifies_an_organ_s_name_as_a_state_does():
    res, e = run(M("a", "UN Velsk Council", "ORG"), M("a", "Velsk Council", "ORG"), M("b", "Velsk Council", "ORG"))
    assert len(set(e)) == 1 and label(res, e[0]) == "Velsk Council"  # "UN Security Council", "Security Council"
    res, e = run(M("a", "United Velsk Council", "ORG"), M("a", "Velsk Council", "ORG"))
    assert e[0] != e[1]  # "United" qualifies nothing
    res, e = run(M("a", "UN Velsk Council", "ORG"), M("a", "Velsk Council", "ORG"),
                 M("b", "Russian Velsk Council", "ORG"), M("b", "Velsk Council", "ORG"))
    assert e[0] == e[1] and e[2] == e[3] and e[0] != e[2]  # "Russia's Security Council" is another


def test_a_known_place_the_model_reads_as_a_place_is_no_short_form_of_a_company_named_after_it():
    res, e = run(M("a", "Osaka Velsk Corp", "ORG"), M("a", "Osaka", "ORG"), M("a", "Osaka", "GPE"))
    assert e[0] != e[1]  # "another Abu Dhabi fund" beside "Abu Dhabi National Oil Company" and the city
    res, e = run(M("a", "Osaka Velsk Corp", "ORG"), M("a", "Osaka", "ORG"), M("a", "Osaka", "ORG"))
    assert e[0] == e[1]  # a city the model only ever reads as the company ("Toyota")


def test_a_state_s_institution_joins_its_name_written_with_the_head():
    res, e = run(M("a", "US Velsk", "ORG"), M("a", "Velsk Department", "ORG"), M("b", "Velsk Department", "ORG"),
                 M("b", "Velsk", "ORG"))
    assert len(set(e)) == 1  # "the US Treasury ... the Treasury Department", "Treasury"
    res, e = run(M("a", "US Velsk", "ORG"), M("b", "Velsk Department", "ORG"))
    assert e[0] != e[1]  # no article of both: no guess


def _found_again(text, spans):
    from graphbuild.corpus import Document
    from graphbuild.extract import ExtractedDoc, Sentence, names_found_again

    sents, pos = [], 0
    for part in text.split("\n\n"):
        for piece in part.split(". "):
            a = text.index(piece, pos)
            sents.append(Sentence(a, a + len(piece), 0))
            pos = a + len(piece)
    ms = [Mention("a", text.index(t), text.index(t) + len(t), t, lab, 0) for t, lab in spans]
    out = ExtractedDoc(Document("a", text), sents, ms, [(0, len(text))])
    before = {(m.start, m.end) for m in ms}
    names_found_again(out)
    return [(m.text, m.label, m.title) for m in out.mentions if (m.start, m.end) not in before]


def test_a_one_word_name_the_article_has_is_found_where_the_model_missed_it():
    text = "Ada al-Velsk met Qarvco chiefs on Monday.\n\nVelsk did not visit Dravia. Qarvco cut prices. Mr Velsk left."
    assert _found_again(text, [("Ada al-Velsk", "PERSON"), ("Qarvco", "ORG")]) == [
        ("Velsk", "PERSON", ""), ("Qarvco", "ORG", ""), ("Velsk", "PERSON", "Mr")]


@pytest.mark.parametrize("text", [
    "Ada Velsk spoke.\n\nVelsk Tower stood there. Tom Velsk went home",  # another name goes on or starts before
    "Ada Velsk spoke. The velsk was cold",  # the article writes the word in lowercase: a common word
    "Ada May spoke. May was warm",  # a month
    "Ada Jordan spoke. Jordan said no",  # a known state: the model's reading stands
])
def test_a_one_word_name_is_not_found_again_inside_other_names_or_as_a_word(text):
    assert _found_again(text, [(text.split(" spoke")[0], "PERSON")]) == []


def test_a_short_name_a_release_defines_in_quotes_is_an_alias():
    from graphbuild.resolve import find_named_aliases

    text = ('Velsk Energy AG ("Velsk") and Qarvan Chips Inc. (NASDAQ: QRVN) ("Qarvan" or "the Company") said. '
            'He said ("not now") and left; the film ("Dravia") opened.')
    assert find_named_aliases(text) == [("Velsk", "Velsk Energy AG"), ("Qarvan", "Qarvan Chips Inc.")]


def test_a_company_s_short_name_joins_it_where_every_article_with_it_has_the_name():
    res, e = run(M("a", "Qarvan Holdings Ltd", "ORG"), M("a", "Qarvan", "ORG"), M("b", "Qarvan", "ORG"),
                 M("b", "Qarvan", "ORG"))
    assert len(set(e)) == 1  # only a legal form and a generic head left out: "Qarvan" alone elsewhere too
    res, e = run(M("a", "Qarvan Capital Corp", "ORG"), M("a", "Qarvan", "ORG"), M("b", "Qarvan", "ORG"),
                 M("b", "Qarvan", "ORG"))
    assert e[0] != e[2]  # a subsidiary's line ("Boeing Capital Corp", "Tata Steel Ltd") is no name of the parent
    res, e = run(M("a", "Velsk Chips Inc", "ORG"), M("a", "Velsk", "ORG"), M("b", "Velsk Chips", "ORG"),
                 M("b", "Velsk", "ORG"))
    assert len(set(e)) == 1  # every article with "Velsk" has the name, with or without its legal form


@pytest.mark.parametrize("text, pieces, expected", [
    ("President Ada von der Velsk said", ["Ada von", "Velsk"], ["Ada von der Velsk"]),  # cut at its particles
    ("Speaking, von der Velsk said", ["von der", "Velsk"], ["von der Velsk"]),
    ("Ada Velsk and Bo Qarvan said", ["Ada Velsk", "Bo Qarvan"], ["Ada Velsk", "Bo Qarvan"]),  # two names
    ("met Ada von Velsk der Qarvan", ["Ada von Velsk", "Qarvan"], ["Ada von Velsk", "Qarvan"]),  # no particle end
])
def test_a_name_the_model_cut_at_its_particles_is_joined(text, pieces, expected):
    from graphbuild.extract import _join_adjacent

    ents = [(text.index(p), text.index(p) + len(p), "PERSON" if i == 0 else "GPE", 0) for i, p in enumerate(pieces)]
    assert [text[s:e] for s, e, _, _ in _join_adjacent(text, 0, ents)] == expected


def test_a_gendered_title_before_a_surname_with_a_particle_marks_a_person():
    text = "In his first speech, Mr de Velsk presented the plan."
    s = text.index("Mr de Velsk")
    assert clean_span(text, s, s + len("Mr de Velsk"), "ORG") == [(s + 3, s + len("Mr de Velsk"), "Mr")]
    t2 = "shares of Mr Velsk Qarvan Holdings rose"  # more than a surname: no person's title stripped off
    s = t2.index("Mr Velsk")
    assert [t2[a:b] for a, b, _ in clean_span(t2, s, s + len("Mr Velsk Qarvan Holdings"), "ORG")] == [
        "Mr Velsk Qarvan Holdings"]


def test_a_given_name_of_either_sex_across_languages_does_not_block_a_title():
    res, e = doc_run("a", ("Andrea Velskini", "PERSON", ""), ("Velskini", "PERSON", "Mr"))
    assert e[0] == e[1]  # "Andrea" is a man's name in Italian
    res, e = doc_run("a", ("Sonia Velskini", "PERSON", ""), ("Velskini", "PERSON", "Mr"))
    assert e[0] != e[1]


def test_an_acronym_of_a_law_or_treaty_names_no_actor():
    defs = [("a", "DVA", "Digital Velsk Act"), ("a", "VQA", "Velsk-Qarvan Agreement"),
            ("a", "VTC", "Velsk Trade Commission")]
    ms = [Mention("a", 0, 3, "DVA", "ORG", 0), Mention("a", 10, 13, "VQA", "ORG", 0),
          Mention("a", 20, 23, "VTC", "ORG", 0)]
    res = resolve(ms, defs, ResolveConfig())
    assert res.assign[0] is None and res.assign[1] is None  # "the Digital Markets Act (DMA)", "USMCA"
    assert res.assign[2] is not None  # a commission is an actor


@pytest.mark.parametrize("text, span, expected", [
    ("shares of Velsk Banks of Florida Inc rose", "Florida Inc", "Velsk Banks of Florida Inc"),
    ("a unit of Florida Inc rose", "Florida Inc", "Florida Inc"),  # no name before "of"
    ("shares of Velsk Banks of Qarvan Inc rose", "Qarvan Inc", "Qarvan Inc"),  # no known place: a name of its own
])
def test_a_company_cut_to_a_place_and_its_legal_form_gets_its_name_back(text, span, expected):
    from graphbuild.extract import _widen

    s = text.index(span)
    a, b, label = _widen(text, s, s + len(span), 0, len(text), "ORG")
    assert (text[a:b], label) == (expected, "ORG")


def test_a_state_s_name_is_no_form_of_a_company_named_place_and_legal_form():
    res, e = run(M("a", "Florida", "ORG"), M("a", "Florida", "ORG"), M("b", "Florida Inc", "ORG"))
    assert e[0] != e[2]  # "Florida" (often tagged ORG in wire copy) is not "... of Florida Inc"
    res, e = run(M("a", "Velsk", "ORG"), M("b", "Velsk Inc", "ORG"))
    assert e[0] == e[1]  # (a company's name is: "Texaco", "Texaco Inc")


def test_an_article_names_its_state_by_its_cities_and_its_organisations_heads():
    res, e = run(M("a", "Supreme Court", "ORG"), M("a", "Nairobi", "GPE"), M("a", "Nairobi", "GPE"),
                 M("b", "Supreme Court", "ORG"), M("b", "Lagos", "GPE"), M("b", "Lagos", "GPE"),
                 M("c", "Supreme Court", "ORG"), M("c", "Nigerian Velsk Association", "ORG"),
                 M("c", "Nigeria Qarvan Congress", "ORG"))
    assert e[0] != e[3] and e[3] == e[6]  # Kenya's court, Nigeria's (named by its city, by its bodies' names)
    res, e = run(M("a", "Supreme Court", "ORG"), M("a", "Nairobi", "GPE"), M("a", "Nairobi", "GPE"),
                 M("b", "Supreme Court", "ORG"), M("b", "Lagos", "PERSON", "Mr"), M("b", "Lagos", "PERSON", "Mr"),
                 M("c", "Supreme Court", "ORG"), M("c", "Abuja", "GPE"), M("c", "Abuja", "GPE"))
    assert e[3] not in (e[0], e[6])  # a person named like a city ("Mr Lagos") places no article
    res, e = run(M("a", "Supreme Court", "ORG"), *[M("a", "African Velsk Union", "ORG")] * 2,
                 M("b", "Supreme Court", "ORG"), M("b", "Lagos", "GPE"), M("b", "Lagos", "GPE"),
                 M("c", "Supreme Court", "ORG"), M("c", "Nairobi", "GPE"), M("c", "Nairobi", "GPE"))
    assert e[0] not in (e[3], e[6])  # a continent's people names no state


@pytest.mark.parametrize("text, span, kept", [
    ("said Ada Roe, SAN, on behalf of the state.", "SAN", False),  # letters after a name, between commas
    ("Bo Lee, QC, told the court.", "QC", False),
    ("the SAN team won the cup", "SAN", True),
    ("shares of Velsk, SAN Group and Qarvan rose", "SAN", True),  # no comma after it: a name's start
])
def test_letters_after_a_name_between_commas_are_no_name(text, span, kept):
    s = text.index(span)
    assert bool(clean_span(text, s, s + len(span), "GPE")) == kept


def test_a_place_s_abbreviation_in_capitals_without_dots_is_another_acronym():
    res, e = run(M("a", "NC", "GPE"), M("b", "N.C.", "GPE"), M("c", "North Carolina", "GPE"))
    assert e[1] == e[2] and e[0] != e[2]  # "NC president Omar Velsk" (a party), "Raleigh, N.C."


def test_a_part_of_a_double_surname_is_not_that_person_s_surname():
    res, e = doc_run("a", ("Jacob Velsku", "PERSON", "former president"), ("Nkosa Dlamini-Velsku", "PERSON", ""),
                     ("Velsku", "PERSON", ""))
    assert e[2] == e[0]  # "Zuma" beside "Jacob Zuma" and "Nkosazana Dlamini-Zuma"
    res, e = doc_run("a", ("Nkosa Dlamini-Velsku", "PERSON", ""), ("Dlamini-Velsku", "PERSON", ""))
    assert e[1] == e[0]  # the whole double surname is hers


def test_a_hyphenated_surname_alone_is_no_given_name_that_blocks_a_surname():
    res, e = doc_run("a", ("Jacob Velsku", "PERSON", ""), ("Velsku", "PERSON", ""), ("Ada Velsku-Qarvan", "PERSON", ""),
                     ("Velsku-Qarvan", "PERSON", "Ms"), ("Velsku", "PERSON", ""))
    assert e[1] == e[0] and e[4] == e[0] and e[3] == e[2]  # "Zuma", "Ms Zuma-Sambudla", "Zuma"


def test_a_surname_of_the_article_s_people_is_no_form_of_their_group():
    res, e = run(M("a", "Ravi Velskani", "PERSON"), M("a", "Velskani", "PERSON"), M("a", "Velskani Group", "ORG"),
                 M("a", "Sagar Velskani", "PERSON"))
    assert e[1] != e[2]  # "Adani, chairman of the Adani Group" beside two Adanis: a person
    res, e = run(M("a", "Velskani", "PERSON"), M("a", "Velskani Group", "ORG"))
    assert e[0] == e[1]  # no person of that name in the article: the group's short form (as before)


@pytest.mark.parametrize("text, found", [
    ("Senator Ada Young spoke.\n\nYoung voters stayed home. Young said she would run", ["Young"]),  # the second
    ("Ada Ramadan spoke. Talks may end by Ramadan", []),  # a month of the Islamic calendar
])
def test_a_name_that_is_also_a_word_is_found_again_only_as_a_name(text, found):
    got = _found_again(text, [(text.split(" spoke")[0], "PERSON")])
    assert [t for t, _, _ in got] == found


def test_a_law_s_acronym_stays_where_another_article_uses_it_undefined():
    defs = [("a", "EVA", "Economic Velsk Agreement")]
    ms = [Mention("a", 0, 3, "EVA", "ORG", 0), Mention("b", 0, 3, "EVA", "ORG", 0),
          Mention("b", 9, 12, "EVA", "ORG", 0)]
    res = resolve(ms, defs, ResolveConfig())
    assert res.assign[1] is not None  # "The EPA on Wednesday proposed ...": the agency


def _run_states(*specs):
    """run() with a possessive state on a mention: (doc, text, label, state)."""
    ms = [Mention(doc, 100 * i, 100 * i + len(text), text, label, i, state=state)
          for i, (doc, text, label, state) in enumerate(specs)]
    res = resolve(ms, (), ResolveConfig(aliases=AliasTable()))
    return res, [res.assign[i] for i in range(len(ms))]


def test_a_state_in_the_possessive_qualifies_the_institution_after_it():
    courts = [("a", "Supreme Court", "ORG", ""), ("b", "Supreme Court", "ORG", ""),
              ("d", "Supreme Court", "ORG", ""), ("d", "Pakistan", "GPE", ""), ("d", "Pakistan", "GPE", ""),
              ("e", "Supreme Court", "ORG", ""), ("e", "Pakistan", "GPE", ""), ("e", "Pakistan", "GPE", "")]
    res, e = _run_states(*courts, ("c", "Sri Lanka", "GPE", ""), ("c", "Supreme Court", "ORG", "Sri Lanka"))
    assert e[9] not in (e[0], e[2]) and e[2] == e[5]  # "Sri Lanka's Supreme Court", named once, is its own
    assert label(res, e[9]) == "Supreme Court (Sri Lanka)"
    res, e = _run_states(*courts, ("c", "Sri Lanka", "GPE", ""), ("c", "Supreme Court", "ORG", ""))
    assert e[9] == e[0]  # without the possessive one mention of the state does not place the article
    res, e = _run_states(("a", "Velsk Telecom", "ORG", "Kenya"), ("a", "Kenya", "GPE", ""),
                         ("b", "Velsk Telecom", "ORG", ""), ("c", "Velsk Telecom", "ORG", "Uganda"))
    assert e[0] == e[2] == e[3]  # a company is one, whoever's it is said to be


@pytest.mark.parametrize("text, name, state", [
    ("Kenya's Senate voted", "Senate", "Kenya"),
    ("the US' Treasury said", "Treasury", "US"),
    ("Britain’s Labour Party won", "Labour", "Britain"),
    ("a ruling by Sri Lanka's Supreme Court", "Supreme", "Sri Lanka"),
    ("in Lagos's State Assembly", "State", ""),  # a city
    ("Velsk's Senate voted", "Senate", ""),  # no state
    ("Kenya Senate voted", "Senate", ""),  # no possessive ("Kenya Senate" is a name of its own)
])
def test_possessive_state(text, name, state):
    from graphbuild.extract import possessive_state
    assert possessive_state(text, text.index(name)) == state


def test_the_possessive_state_survives_the_cache():
    from graphbuild.extract import Sentence
    from graphbuild.pipeline import DocRecord
    ms = [Mention("d", 0, 5, "Kenya", "GPE", 0), Mention("d", 8, 14, "Senate", "ORG", 0, state="Kenya")]
    rec = DocRecord("d", [Sentence(0, 20, 0)], ms, [], "x")
    assert DocRecord.from_cache("d", rec.to_cache()).mentions == ms


def test_a_people_s_name_or_a_place_s_is_no_surname_of_a_name_the_model_took_for_a_person():
    res, e = run(M("a", "Tomas Slovák"), M("a", "Slovak", "GPE"),
                 M("b", "Slovan Bratislava"), M("b", "Bratislava", "GPE"))
    assert e[0] != e[1] and e[2] != e[3]  # "a Slovak footballer"; the city beside its club
    res, e = run(M("a", "Tomas Slovák"), M("a", "Slovak", "PERSON", "Mr"), M("b", "Peter Hamilton"),
                 M("b", "Hamilton", "GPE"), M("b", "Hamilton", "PERSON"))
    assert e[0] == e[1] and e[2] == e[3]  # a title, a given name before the place's name: a surname


def test_given_names_of_other_languages_tell_a_title_s_sex():
    res, e = run(M("a", "Klaus Vellner"), M("a", "Vellner", "PERSON", "Mrs"), M("b", "Klaus Vellner"),
                 M("b", "Vellner", "PERSON", "Mr"))
    assert e[0] != e[1] and e[2] == e[3]  # "Klaus" is a man's name: Mrs Vellner is someone else


@pytest.mark.parametrize("text, first, second, labels, joined", [
    ("Senator Tomás Velo dos Qarvan Ferreira said on Monday that he would vote.", "Tomás Velo", "Qarvan Ferreira",
     ("PERSON", "PERSON"), True),
    ("The line is run by Transportes Velskos del Norte (TVN), officials said.", "Transportes Velskos", "Norte",
     ("ORG", "PERSON"), True),
    ("Shares of Banco do Velsk rose on Monday, traders said.", "Banco", "Velsk", ("ORG", "PERSON"), True),
    ("Fans say Velsk do Qarvan no favours at all this season.", "Velsk", "Qarvan",
     ("ORG", "ORG"), False),  # "do": an English verb too
    ("There were talks between Velsk de Qarvan on Monday.", "Velsk", "Qarvan",
     ("GPE", "GPE"), False),  # places: no name's particles
    ("Velsk and Qarvan met on Monday, officials said.", "Velsk", "Qarvan", ("ORG", "ORG"), False),
])
def test_particles_between_two_names_make_one_name(text, first, second, labels, joined):
    from graphbuild.extract import _join_adjacent

    a, b = text.index(first), text.index(second, text.index(first) + len(first))
    ents = [(a, a + len(first), labels[0], 0), (b, b + len(second), labels[1], 0)]
    assert (len(_join_adjacent(text, 0, ents)) == 1) == joined


def test_a_name_read_as_an_organisation_is_no_misspelt_surname():
    res, e = run(M("a", "Alejandro Velmoreno"), M("a", "Velmorena", "ORG"), M("a", "Velmorena", "LOC"))
    assert e[0] != e[1]  # "the ruling Velmorena party" is not Velmoreno misspelt
    res, e = run(M("a", "Alejandro Velmoreno"), M("a", "Velmorena", "PERSON"),
                 M("b", "Alejandro Velmoreno"), M("b", "Velmorena", "GPE"))
    assert e[0] == e[1] and e[2] == e[3]  # read as a person, or only as a place (the model's slip): his name


def test_a_double_surname_is_the_person_whose_name_it_ends():
    res, e = run(M("a", "Camila Vargas Restrepo", "PERSON", "Senator"), M("a", "Vargas Restrepo", "PERSON", "Ms"),
                 M("a", "Restrepo"), M("b", "Vargas Restrepo"), M("c", "Camila Vargas Restrepo"))
    assert e[0] == e[1] == e[2] == e[3] == e[4]  # in its article, and in one that names no one else so
    res, e = run(M("a", "Upper Velsk Lake"), M("a", "Velsk Lake"), M("b", "Qarvan Hills Base Camp"),
                 M("b", "Qarvan Hills"), M("c", "Lucas Santos Ferreira"), M("c", "Santos Ferreira"))
    assert e[0] != e[1] and e[2] != e[3]  # no given name before it, or not at its end: no person's surname
    assert e[4] != e[5]  # a given name first and no title: maybe another person ("Santos Ferreira")


def test_a_double_surname_the_article_has_is_found_where_the_model_missed_it():
    text = "Senator Ada Velsk Qarvano spoke on Monday.\n\nMs Velsk Qarvano, 46, said no. Velsk Qarvano Tower is shut"
    assert _found_again(text, [("Ada Velsk Qarvano", "PERSON")]) == [("Velsk Qarvano", "PERSON", "Ms")]
    text = "Ada de Velsk spoke on Monday.\n\nThe de Velsk family said no"  # a particle: no double surname
    assert _found_again(text, [("Ada de Velsk", "PERSON")]) == [("Velsk", "PERSON", "")]  # (its surname is)


@pytest.mark.parametrize("text, pair", [
    ("A train of Transportes Velskos del Norte (TVN) derailed.", ("TVN", "Transportes Velskos del Norte")),
    ("The Partido dos Qarvanos (PQ) won.", ("PQ", "Partido dos Qarvanos")),
    ("Banco de la Nación Velska (BNV) said.", ("BNV", "Banco de la Nación Velska")),
])
def test_acronyms_of_names_with_romance_particles_are_defined(text, pair):
    from graphbuild.resolve import find_acronym_definitions
    assert find_acronym_definitions(text) == [pair]


def test_a_bracket_after_a_lowercase_particle_defines_no_acronym_of_the_words_before():
    from graphbuild.resolve import find_acronym_definitions
    assert find_acronym_definitions("Shares of Velsk rose in la (LA) trading.") == []


def _split_of(text, spans):
    from graphbuild.corpus import Document
    from graphbuild.extract import ExtractedDoc, Sentence, split_person_of

    ms = [Mention("a", text.index(t), text.index(t) + len(t), t, lab, 0, title) for t, lab, title in spans]
    out = ExtractedDoc(Document("a", text), [Sentence(0, len(text), 0)], ms, [(0, len(text))])
    split_person_of(out)
    return [(m.text, m.label, m.title) for m in out.mentions]


def test_a_person_and_the_organisation_they_speak_for_are_cut_apart():
    text = ("Velsk Chips Co. grew, said Ms Kim of Velsk. Ada Roe said, and Roe of Qarvan Economics agreed with "
            "Qarvan Economics.")
    assert _split_of(text, [("Velsk Chips Co.", "ORG", ""), ("Kim of Velsk", "PERSON", "Ms"), ("Ada Roe", "PERSON", ""),
                            ("Roe of Qarvan Economics", "ORG", ""), ("Qarvan Economics", "ORG", "")]) == [
        ("Velsk Chips Co.", "ORG", ""), ("Kim", "PERSON", "Ms"), ("Velsk", "ORG", ""), ("Ada Roe", "PERSON", ""),
        ("Roe", "PERSON", ""), ("Qarvan Economics", "ORG", ""), ("Qarvan Economics", "ORG", "")]


@pytest.mark.parametrize("span, title", [("Butler of Velskwell", "Lord"), ("Abdullah of Qarvania", "King"),
                                         ("Bank of Qarvania", ""), ("Roe of Qarvania", "")])
def test_a_peer_a_royal_or_an_institution_keeps_its_of(span, title):
    text = f"The {span} met officials in Qarvania and Velskwell."
    spans = [(span, "PERSON", title), ("Qarvania", "GPE", ""), ("Velskwell", "GPE", "")]
    assert _split_of(text, spans)[0] == (span, "PERSON", title)  # (no title, no person "Roe": no one's name)


@pytest.mark.parametrize("text, span, label, widened", [
    ("a stake in PT Velsk Nikel Qarvani, an Indonesian miner", "Velsk Nikel", "PERSON",
     ("PT Velsk Nikel Qarvani", "ORG")),
    ("shares of PJSC Velskneft fell", "Velskneft", "ORG", ("PJSC Velskneft", "ORG")),
    ("He met the PT team and Velsk Nikel later", "Velsk Nikel", "PERSON", ("Velsk Nikel", "PERSON")),  # no form
    ("the PT's Ada Velsk said", "Ada Velsk", "PERSON", ("Ada Velsk", "PERSON")),  # a party's, in the possessive
])
def test_a_legal_form_written_first_makes_a_company_name(text, span, label, widened):
    from graphbuild.extract import _widen

    s, e, lab = _widen(text, text.index(span), text.index(span) + len(span), 0, len(text), label)
    assert (text[s:e], lab) == widened


def test_a_name_written_in_the_other_order_is_one_person_with_evidence():
    res, e = run(M("a", "Nakavelsk Kenji"), M("a", "Japan", "GPE"), M("a", "Qarvan Corp", "ORG"),
                 M("b", "Kenji Nakavelsk"), M("b", "Japan", "GPE"), M("b", "Qarvan Corp", "ORG"))
    assert e[0] == e[3]  # two names both are mentioned with
    res, e = run(M("a", "Nakavelsk Kenji"), M("a", "Japan", "GPE"), M("b", "Kenji Nakavelsk"), M("b", "Peru", "GPE"))
    assert e[0] != e[2]  # no evidence
    res, e = run(M("a", "Paul Simon"), M("a", "Japan", "GPE"), M("a", "Qarvan Corp", "ORG"),
                 M("b", "Simon Paul"), M("b", "Japan", "GPE"), M("b", "Qarvan Corp", "ORG"))
    assert e[0] != e[3]  # two given names: either may be the surname


def test_an_acronym_written_once_in_title_case_still_spells_its_long_name():
    res, e = run(M("a", "American Velsk and Qarvan Co", "ORG"), M("a", "AVQ", "ORG"), M("b", "AVQ", "ORG"),
                 M("c", "AVQ", "ORG"), M("d", "Avq", "ORG"))
    assert len(set(e)) == 1  # "ATT" in capitals, once "Att" in a headline
    res, e = run(M("a", "American Velsk and Qarvan Co", "ORG"), M("a", "AVQ", "ORG"), M("b", "Avq", "ORG"),
                 M("c", "Avq", "ORG"), M("d", "Avq", "ORG"))
    assert e[2] != e[0]  # a word written mostly so is a name of its own, no acronym


def test_a_short_form_most_of_its_articles_write_beside_the_one_long_name_stands_for_it():
    spans = [M(d, t, "ORG") for d in "abcdefghi" for t in ("Velsky's Investors Service Inc", "Velsky's")]
    spans += [M("j", "Velsky's Investors", "ORG"), M("j", "Velsky's", "ORG")]  # a form of the name, cut
    spans += [M(d, "Velsky's", "ORG") for d in "klmn"] + [M("o", "Velsky's Japan KK", "ORG")]
    res, e = run(*spans)
    assert e[0] == e[1] == e[20] == e[23] and e[-1] != e[0]  # written alone; a country's subsidiary is its own
    assert e[18] == e[19]  # (in its article, beside the cut form, it is that form's)
    res, e = run(*spans, M("p", "Velsky's Capital Corp", "ORG"))
    assert e[1] != e[0] and e[22] != e[0]  # two companies start with it: it may be either, or a third
    res, e = run(M("a", "Qarvans Banking Group", "ORG"), M("a", "Qarvans", "ORG"),
                 M("b", "Qarvans Banking Group", "ORG"), M("b", "Qarvans", "ORG"), M("c", "Qarvan's", "ORG"))
    assert e[4] != e[0]  # three articles say too little ("Lloyd's" is no "Lloyds Banking Group")


def test_a_quoted_nickname_inside_a_name_is_an_alias_and_names_the_person_with_the_surname():
    res, e = run(M("a", 'Ada Maria "Tina" Velsko Roe', "PERSON", "Senator"), M("b", "Ada Maria Velsko Roe"),
                 M("c", "Tina Roe", "PERSON", "Senator"), M("c", "Roe"))
    assert len(set(e)) == 1 and label(res, e[0]) == "Ada Maria Velsko Roe"
    assert 'Ada Maria "Tina" Velsko Roe' in res.entities[e[0]].aliases
    res, e = run(M("a", 'Ada "Tina" Roe'), M("b", 'Bea "Tina" Roe'), M("c", "Tina Roe"))
    assert e[2] not in (e[0], e[1])  # two people so called: no guess


@pytest.mark.parametrize("text, span, label, widened", [
    ('Senator Maria Velska "Tina" Dela Qarvo Rosk said on Monday.', "Maria Velska", "PERSON",
     'Maria Velska "Tina" Dela Qarvo Rosk'),
    ('The singer Ada Velska "Eras" Tour ended in May.', "Ada Velska", "PERSON", "Ada Velska"),  # a quoted title
    ('Ada Roe called the plan "Velsk" Monday, officials said.', "Ada Roe", "PERSON", "Ada Roe"),  # no name after
])
def test_a_name_the_model_cut_at_a_quoted_nickname_goes_on(text, span, label, widened):
    from graphbuild.extract import _widen

    s, e, _ = _widen(text, text.index(span), text.index(span) + len(span), 0, len(text), label)
    assert text[s:e] == widened


def test_names_cut_at_a_hyphen_or_a_quote_are_joined():
    from graphbuild.extract import _join_adjacent

    text = 'Minister Marie-Hélène Velsk and coach Hans-Jürgen "Hansi" Qarvo spoke on Monday.'
    a, b = text.index("Marie-"), text.index("Hélène")
    c, d = text.index("Hans-Jürgen"), text.index('Hansi"')
    ents = [(a, b, "PERSON", 0), (b, b + 12, "PERSON", 0), (c, c + 11, "PERSON", 0), (d, d + 12, "WORK_OF_ART", 0)]
    assert [text[s:e] for s, e, _, _ in _join_adjacent(text, 0, ents)] == [
        "Marie-Hélène Velsk", 'Hans-Jürgen "Hansi" Qarvo']
    ents = [(a, b - 1, "PERSON", 0), (b, b + 12, "PERSON", 0)]  # no hyphen at the cut: two
    assert len(_join_adjacent(text, 0, ents)) == 2


@pytest.mark.parametrize("text, span, label, kept", [
    ("On Monday the Qarvan Industry Minister Jiří Roe said that the plant would close in May.", "Qarvan", "NORP",
     "Qarvan"),  # a portfolio and a title
    ("On Monday the Qarvan Culture Minister Jiří Roe said that the theatre would close.", "Qarvan", "NORP", "Qarvan"),
    ("On Monday the Qarvan Velsko Jiří Roe runs said that the plant would close.", "Qarvan", "ORG",
     "Qarvan Velsko"),  # a name goes on
])
def test_a_name_is_not_continued_into_a_title_of_portfolio_words(text, span, label, kept):
    s = text.index(span)
    assert [text[a:b] for a, b, _ in clean_span(text, s, s + len(span), label, text.index("Jiří"))] == [kept]


@pytest.mark.parametrize("name, etype", [("Velsko Costruzioni", "ORG"), ("Qarvan Logistik", "ORG"),
                                         ("Velsk Vegyipari Zrt", "ORG"), ("Ada Costruzzo", "PERSON")])
def test_industry_words_and_legal_forms_of_other_languages_end_only_organisations(name, etype):
    res, e = run(M("a", name), M("a", name), M("b", name))
    assert res.entities[e[0]].type == etype


def test_an_outlet_at_its_work_in_european_news_is_no_actor():
    from graphbuild.extract import reporting_outlet
    t = "The mayor told DW on Monday that the Velsk plant would close, Agerpres reported."
    assert all(reporting_outlet(t, t.index(o), t.index(o) + len(o)) for o in ("DW", "Agerpres"))


def test_a_name_made_of_a_word_and_a_known_place_is_a_club_not_a_person():
    res, e = run(M("a", "Slovan Bratislava"), M("a", "Slovan Bratislava"), M("a", "Bratislava", "GPE"),
                 M("b", "George Washington"), M("b", "Washington"), M("c", "New York"))
    assert res.entities[e[0]].type == "ORG" and e[2] != e[0]  # the club; the city apart
    assert res.entities[e[3]].type == "PERSON" and res.entities[e[5]].type != "ORG"  # a given name; a place
    res, e = run(M("a", "Slovan Bratislava"), M("a", "Slovan Bratislava"), M("a", "Bratislava"))
    assert e[2] != e[0]  # the city the model took for a person is no surname of the club


@pytest.mark.parametrize("text, span, label, widened", [
    ("Velden lost, and FC Velden fans were angry on Saturday.", "FC Velden", "PERSON", ("FC Velden", "ORG")),
    ("the VfB Velden coach said on Saturday", "Velden", "PERSON", ("VfB Velden", "ORG")),
    ("the Fc Velden coach said on Saturday", "Velden", "PERSON", ("Velden", "PERSON")),  # not as a club writes it
])
def test_a_club_s_letters_make_an_organisation(text, span, label, widened):
    from graphbuild.extract import _widen

    s, e, lab = _widen(text, text.index(span), text.index(span) + len(span), 0, len(text), label)
    assert (text[s:e], lab) == widened


@pytest.mark.parametrize("text", [
    "It sold certificates of deposit (CD) and payment-in-kind, or PIK, bonds under the export enhancement program, "
    "EEP, and the producer subsidy equivalent, PSE. Velsk (VLS) and the (AB) rest (CD) (EF).",
    "no acronym at all here", "(AB) (CD) or EF, GH; x, IJ.",
])
def test_the_lowercase_definitions_are_found_as_a_whole_text_search_finds_them(text):
    from graphbuild.resolve import _LOWER_ANCHORS, _LOWER_DEF, _ending_at_anchors
    for pattern, anchor in zip(_LOWER_DEF, _LOWER_ANCHORS):
        found = [m.span() for m in _ending_at_anchors(pattern, anchor, text)]
        assert found == [m.span() for m in pattern.finditer(text)]


def test_the_review_s_misfires_stay_mended():
    from graphbuild.extract import _join_adjacent, _widen, possessive_state
    t = "New Velskia's Supreme Court and Rep. Ada Jordan's Judiciary Committee met."
    assert possessive_state(t, t.index("Supreme")) == "" and possessive_state(t, t.index("Judiciary")) == ""
    t = "Former chief PT Usha said so on Monday."  # initials before a given name: no company
    s = t.index("Usha")
    assert _widen(t, s, s + 4, 0, len(t), "PERSON")[2] == "PERSON"
    t = "Why did Velsk do Qarvan a favour on Monday, officials asked."
    a, b = t.index("Velsk"), t.index("Qarvan")
    assert len(_join_adjacent(t, 0, [(a, a + 5, "PERSON", 0), (b, b + 6, "PERSON", 0)])) == 2
    res, e = run(M("a", "Ahmed Velsko"), M("a", "Velsko Ahmed"), M("a", "Qarvan", "GPE"), M("a", "Dravia", "GPE"))
    assert e[0] != e[1]  # in one article, two people
    res, e = run(M("a", "Yves Velsk Laurent"), M("a", "Velsk Laurent", "ORG"), M("a", "Velsk Laurent", "ORG"))
    assert e[0] != e[1]  # the house named after its founder
    res, e = run(M("a", "Michael Holding"), M("a", "Holding"))
    assert res.entities[e[0]].type == "PERSON" and e[0] == e[1]
    res, e = run(M("a", "Ketanji Velsk Jackson"), M("a", "Jackson"))
    assert res.entities[e[0]].type == "PERSON" and e[0] == e[1]  # three words: a person, not a club


def test_the_first_of_a_double_surname_written_without_hyphen_is_that_person_in_its_article():
    # "Boric said" beside "Gabriel Boric Font" (the model read the bare name as a person's once at least)
    res, e = run(M("a", "Gabriel Quarrez Font"), M("a", "Quarrez", "ORG"), M("a", "Quarrez"),
                 M("b", "Issa Velskoro Bakary"), M("b", "Velskoro", "GPE"), M("b", "Velskoro"))
    assert e[0] == e[1] == e[2] and e[3] == e[4] == e[5] != e[0]
    assert res.entities[e[0]].type == res.entities[e[3]].type == "PERSON"
    # never read as a person: a team in a results table beside a name the model made of several
    res, e = run(M("a", "Gabriel Quarrez Font"), M("a", "Quarrez", "ORG"), M("a", "Quarrez", "ORG"))
    assert e[1] == e[2] != e[0]


def test_a_middle_word_is_no_one_elses_name_and_no_given_name():
    # a middle given name is no surname ("Jessica" of "Sarah Jessica Parker" is another Jessica)
    res, e = run(M("a", "Sarah Jessica Quarrez"), M("a", "Jessica"))
    assert e[0] != e[1]
    # the surname of someone else of the corpus ("Huckabee" beside "Sarah Huckabee Sanders" is Mike Huckabee)
    res, e = run(M("a", "Sarah Velskoro Quarrez"), M("a", "Velskoro"), M("b", "Mike Velskoro"))
    assert e[1] != e[0]
    # beside a full name that ends with it, the middle word is not what picks the person
    res, e = run(M("a", "Gabriel Quarrez Font"), M("a", "Ana Quarrez"), M("a", "Quarrez"))
    assert e[2] != e[0]
    # a name with no given name first is no person's ("Velsk Quarrez Holdings" of a company)
    res, e = run(M("a", "Velskor Quarrez Bakary"), M("a", "Quarrez"))
    assert e[0] != e[1]


def test_the_names_the_states_table_gives_one_state_are_one_place():
    res, e = run(M("a", "Côte d'Ivoire", "GPE"), M("b", "Ivory Coast", "GPE"), M("c", "Burma", "GPE"),
                 M("d", "Myanmar", "GPE"), M("d", "Côte d’Ivoire", "GPE"))
    assert e[0] == e[1] == e[4] and e[2] == e[3] != e[0]
    # two states of one name stay two ("Republic of Congo", "Democratic Republic of Congo")
    res, e = run(M("a", "Republic of Congo", "GPE"), M("b", "Democratic Republic of Congo", "GPE"),
                 M("c", "DR Congo", "GPE"))
    assert e[0] != e[1] == e[2]


@pytest.mark.parametrize("text, word, person", [
    ("The Spaniard's team will face Real Madrid.", "Spaniard", True),
    ("The Belgian has also coached Togo and Malawi.", "Belgian", True),
    ("He held his head as the German was treated.", "German", True),
    ("'It was a foul,' said the Italian, whose side lost.", "Italian", True),
    ("The match was won by the Dutchman.", "Dutchman", True),
    ("The French said the talks had failed.", "French", False),  # a people, no plural in -s
    ("the Italian, French and German governments agreed", "Italian", False),
    ("the Italian government said on Monday", "Italian", False),
    ("Italian officials said the deal was off", "Italian", False),  # no "the"
    ("the Italians said they would stay", "Italians", False),  # the people
])
def test_a_peoples_word_for_one_person_names_no_state(text, word, person):
    from graphbuild.extract import one_of_a_people

    s = text.index(word)
    assert one_of_a_people(text, s, s + len(word)) is person


def test_the_united_nations_by_its_short_name():
    # data/org_forms.tsv: knowledge, not a rule
    res, e = run(M("a", "UN", "ORG"), M("b", "United Nations", "ORG"), M("c", "U.N.", "ORG"),
                 M("g", "UNHCR", "ORG"))
    assert e[0] == e[1] == e[2] != e[3]


def test_a_club_named_after_its_city_is_an_organisation():
    # the model reads the club's full name as a place; its article calls the first word an organisation
    res, e = run(M("a", "Velskor Munich", "LOC"), M("a", "Velskor", "ORG"))
    assert res.entities[e[0]].type == "ORG"
    # a place whose first word no article calls an organisation stays a place
    res, e = run(M("a", "Greater Munich", "LOC"), M("b", "Greater Munich", "LOC"))
    assert res.entities[e[0]].type == "LOC"
    # two clubs of one name in two cities: the short name is neither
    res, e = run(M("a", "Velskor Zagreb", "ORG"), M("a", "Velskor", "ORG"), M("b", "Velskor Kyiv", "ORG"),
                 M("b", "Velskor", "ORG"), M("c", "Velskor", "ORG"))
    assert e[1] == e[3] == e[4] and e[0] != e[1] != e[2]
    # a state in the name marks a country's subsidiary, not a club
    res, e = run(M("a", "Velskor Motors Canada", "ORG"), M("a", "Velskor Motors", "ORG"),
                 M("b", "Velskor Motors", "ORG"))
    assert e[0] != e[1] == e[2]


def test_a_city_that_is_an_english_word_is_no_part_of_a_clubs_name():
    # "Microsoft Mobile": a line of business, not the company of Mobile, Alabama
    res, e = run(M("a", "Velskor Mobile", "ORG"), M("a", "Velskor", "ORG"), M("b", "Velskor", "ORG"))
    assert e[0] != e[1] == e[2]
