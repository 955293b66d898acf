"""The actor dictionary: data completeness, normalised lookups, dated roles, spaCy patterns."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
import spacy

import detente.extract.actors
from detente.errors import InputError, NotFound
from detente.extract.actors import ActorDictionary, ActorEntry, RoleSpell, normalise
from detente.extract.records import ActorRecord

# The 193 UN member states by ISO 3166-1 alpha-3, written out independently of the
# data file so a missing or mistyped state fails here.
UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA
BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK
COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD
GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ
LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE
MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT
QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF
SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA
USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split()


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.load()


# -- data completeness -----------------------------------------------------------------


def test_reference_list_is_193_distinct_codes():
    assert len(UN_MEMBERS) == len(set(UN_MEMBERS)) == 193


def test_every_un_member_state_is_present(actors):
    states = [e for e in actors if e.type == "country"]
    ids = [e.id for e in states]
    assert len(ids) == len(set(ids)) >= 193
    assert all(re.fullmatch(r"[A-Z]{3}", i) for i in ids)
    assert set(UN_MEMBERS) <= set(ids), sorted(set(UN_MEMBERS) - set(ids))
    members = {e.id for e in states if e.kind == "un_member"}
    assert members == set(UN_MEMBERS)
    assert {"PSE", "VAT", "TWN", "XKX", "SUN"} <= set(ids)


def test_every_state_has_a_demonym_or_is_explicitly_without(actors):
    # Congo's two states share "Congolese", and Dominica's demonym is the Dominican
    # Republic's, so those three are left without one to keep demonyms unambiguous.
    without = {e.id for e in actors if e.type == "country" and not e.demonyms}
    assert without == {"COG", "COD", "DMA"}


def test_ids_are_unique_and_well_formed(actors):
    for entry in actors:
        assert entry.type in {"person", "country", "organization"}
        if entry.type == "person":
            assert entry.id.startswith("person."), entry.id
            assert entry.country is None or entry.country in actors, entry.id
        for spell in entry.roles:
            assert spell.org is None or spell.org in actors, (entry.id, spell.org)
            assert spell.country is None or spell.country in actors, (entry.id, spell.country)


# -- lookup --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("Zelensky", "person.zelensky_volodymyr"),
        ("Zelenskyy", "person.zelensky_volodymyr"),
        ("Zelenskiy's", "person.zelensky_volodymyr"),
        ("Volodymyr Zelenskyy", "person.zelensky_volodymyr"),
        ("the Kremlin", "RUS"),
        ("The Kremlin", "RUS"),
        ("Kremlin", "RUS"),
        ("Kiev", "UKR"),
        ("Kyiv", "UKR"),
        ("Kyiv’s", "UKR"),
        ("U.S.", "USA"),
        ("US", "USA"),
        ("USA", "USA"),
        ("America", "USA"),
        ("the United States of America", "USA"),
        ("UK", "GBR"),
        ("Great Britain", "GBR"),
        ("Downing Street", "GBR"),
        ("Türkiye", "TUR"),
        ("Turkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Russian Federation", "RUS"),
        ("the Élysée", "FRA"),
        ("Elysee", "FRA"),
        ("Bankova", "UKR"),
        ("ERDOGAN", "person.erdogan_recep"),
        ("Orban", "person.orban_viktor"),
        ("Dmitriyev", "person.dmitriev_kirill"),
        ("NATO", "org.nato"),
        ("Nato", "org.nato"),
        ("the European Union", "org.eu"),
        ("Brussels", "org.eu"),
        ("State Department", "usa.state_dept"),
        ("the Pentagon", "usa.dod"),
        ("RDIF", "rus.rdif"),
        ("Verkhovna Rada", "ukr.verkhovna_rada"),
        ("European leaders", "grp.europe"),
        ("the Soviet Union", "SUN"),
    ],
)
def test_lookup(actors, text, actor_id):
    entry = actors.lookup(text)
    assert entry is not None and entry.id == actor_id


@pytest.mark.parametrize("text", ["us", "who", "car", "the", "", "Narnia", "president"])
def test_lookup_misses(actors, text):
    assert actors.lookup(text) is None


def test_normalise_folds_case_accents_article_and_possessive():
    assert normalise("The Élysée’s") == normalise("elysee") == "elysee"
    assert normalise("  Erdoğan ") == "erdogan"
    assert normalise("Wałęsa") == "walesa"


def test_get_and_membership(actors):
    assert actors.get("RUS").name == "Russia"
    assert "USA" in actors and "XXX" not in actors
    with pytest.raises(NotFound, match="XXX"):
        actors.get("XXX")


def test_load_is_cached(actors):
    assert ActorDictionary.load() is actors


# -- demonyms and surnames -------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "actor_id"),
    [
        ("Russian", "RUS"),
        ("Russians", "RUS"),
        ("Ukrainian", "UKR"),
        ("American", "USA"),
        ("Chinese", "CHN"),
        ("Saudi", "SAU"),
        ("British", "GBR"),
        ("French", "FRA"),
        ("German", "DEU"),
        ("Germans", "DEU"),
        ("Turkish", "TUR"),
        ("European", "grp.europe"),
        ("Soviet", "SUN"),
        ("Poles", "POL"),
    ],
)
def test_by_demonym(actors, word, actor_id):
    assert actors.by_demonym(word).id == actor_id


def test_by_demonym_miss(actors):
    assert actors.by_demonym("Martian") is None
    assert actors.by_demonym("Russia") is None  # a name, not a demonym


def test_by_surname(actors):
    assert actors.by_surname("Rubio").id == "person.rubio_marco"
    assert actors.by_surname("Zelenskyy").id == "person.zelensky_volodymyr"
    assert actors.by_surname("Lavrov", date(2025, 2, 18)).id == "person.lavrov_sergei"
    # Donald Trump holds office, his son does not.
    assert actors.by_surname("Trump", date(2025, 3, 1)).id == "person.trump_donald"
    # A sitting Speaker outranks a former Prime Minister.
    assert actors.by_surname("Johnson", date(2025, 3, 1)).id == "person.johnson_mike"
    assert actors.by_surname("Nobodyov") is None


# -- roles over time -------------------------------------------------------------------


def test_role_at_trump(actors):
    trump = "person.trump_donald"
    assert actors.role_at(trump, date(2024, 6, 1)) == "former President of the United States"
    assert actors.role_at(trump, date(2025, 3, 1)) == "President of the United States"
    assert actors.role_at(trump, date(2019, 3, 1)) == "President of the United States"
    assert actors.role_at(trump, None) == "President of the United States"
    assert actors.role_at(trump, date(2000, 1, 1)) is None


def test_role_boundaries_start_inclusive_end_exclusive(actors):
    assert actors.role_at("person.biden_joe", date(2025, 1, 19)) == "President of the United States"
    assert actors.role_at("person.biden_joe", date(2025, 1, 20)).startswith("former")
    assert actors.holder("head_of_state", "USA", date(2025, 1, 20)).id == "person.trump_donald"
    assert actors.holder("head_of_state", "USA", date(2025, 1, 19)).id == "person.biden_joe"


def test_scholz_merz(actors):
    on_before, on_after = date(2025, 3, 1), date(2025, 6, 1)
    assert actors.role_at("person.scholz_olaf", on_before) == "Chancellor of Germany"
    assert actors.role_at("person.scholz_olaf", on_after) == "former Chancellor of Germany"
    assert actors.role_at("person.merz_friedrich", on_after) == "Chancellor of Germany"
    assert actors.holder("chancellor", "DEU", on_before).id == "person.scholz_olaf"
    assert actors.holder("head_of_government", "DEU", on_after).id == "person.merz_friedrich"
    assert actors.holder("head_of_state", "DEU", on_after).id == "person.steinmeier_frank_walter"


def test_waltz_moves_from_nsa(actors):
    assert actors.role_at("person.waltz_mike", date(2025, 2, 19)) == "US National Security Advisor"
    assert actors.holder("national_security_advisor", "USA", date(2025, 2, 19)).id == (
        "person.waltz_mike"
    )
    assert actors.holder("national_security_advisor", "USA", date(2025, 6, 1)).id == (
        "person.rubio_marco"
    )
    assert actors.holder("un_ambassador", "USA", date(2025, 10, 1)).id == "person.waltz_mike"


@pytest.mark.parametrize(
    ("key", "scope", "on", "actor_id"),
    [
        ("head_of_state", "USA", date(2025, 2, 18), "person.trump_donald"),
        ("president", "RUS", date(2025, 2, 18), "person.putin_vladimir"),
        ("president", "RUS", date(2010, 1, 1), "person.medvedev_dmitry"),
        ("president", "UKR", date(2025, 2, 18), "person.zelensky_volodymyr"),
        ("foreign_minister", "RUS", date(2025, 2, 18), "person.lavrov_sergei"),
        ("foreign_minister", "USA", date(2025, 2, 18), "person.rubio_marco"),
        ("foreign_minister", "USA", date(2024, 2, 18), "person.blinken_antony"),
        ("foreign_minister", "UKR", date(2025, 2, 18), "person.sybiha_andrii"),
        ("foreign_minister", "SAU", date(2025, 2, 18), "person.bin_farhan_faisal"),
        ("defense_minister", "RUS", date(2025, 2, 18), "person.belousov_andrei"),
        ("defense_minister", "RUS", date(2023, 2, 18), "person.shoigu_sergei"),
        ("press_secretary", "RUS", date(2025, 2, 18), "person.peskov_dmitry"),
        ("crown_prince", "SAU", date(2025, 2, 18), "person.bin_salman_mohammed"),
        ("secretary_general", "org.nato", date(2025, 2, 18), "person.rutte_mark"),
        ("secretary_general", "org.nato", date(2024, 2, 18), "person.stoltenberg_jens"),
        ("secretary_general", "org.un", date(2025, 2, 18), "person.guterres_antonio"),
        ("prime_minister", "GBR", date(2025, 2, 18), "person.starmer_keir"),
    ],
)
def test_holder(actors, key, scope, on, actor_id):
    assert actors.holder(key, scope, on).id == actor_id


def test_holder_misses(actors):
    assert actors.holder("head_of_state", "USA", date(1700, 1, 1)) is None
    assert actors.holder("no_such_role", "USA", date(2025, 1, 1)) is None
    assert actors.holder("head_of_state", "USA", None).id == "person.trump_donald"


def test_role_keys_cover_the_generic_descriptions(actors):
    keys = actors.role_keys()
    for key in (
        "head_of_state",
        "head_of_government",
        "foreign_minister",
        "defense_minister",
        "press_secretary",
        "envoy",
    ):
        assert key in keys


def test_to_record(actors):
    record = actors.get("person.rubio_marco").to_record(date(2025, 2, 19))
    assert record == ActorRecord(
        actor_id="person.rubio_marco",
        name="Marco Rubio",
        type="person",
        country="USA",
        role="US Secretary of State",
    )
    assert actors.get("RUS").to_record(None) == ActorRecord("RUS", "Russia", "country", "RUS")


def test_role_spell_active():
    spell = RoleSpell("X", "k", "USA", date(2020, 1, 1), date(2021, 1, 1))
    assert not spell.active(date(2019, 12, 31))
    assert spell.active(date(2020, 1, 1)) and spell.active(date(2020, 12, 31))
    assert not spell.active(date(2021, 1, 1)) and not spell.active(None)
    assert RoleSpell("X", None, None, None, None).active(date(1900, 1, 1))


# -- building from files, bad data -------------------------------------------------------


def _write(tmp_path, actors_list, name="extra.json"):
    path = tmp_path / name
    path.write_text(json.dumps({"actors": actors_list}), encoding="utf-8")
    return path


def test_from_files_adds_an_analyst_actor(tmp_path):
    path = _write(
        tmp_path,
        [
            {
                "id": "person.doe_jane",
                "name": "Jane Doe",
                "type": "person",
                "country": "NOR",
                "aliases": ["Doe"],
                "roles": [
                    {"role": "Special Envoy", "key": "envoy", "from": "2025-01-01", "to": None}
                ],
            }
        ],
    )
    actors = ActorDictionary.from_files(path)
    assert actors.lookup("Jane Doe").id == "person.doe_jane"
    assert actors.lookup("Kremlin").id == "RUS"
    assert actors.holder("envoy", "NOR", date(2025, 6, 1)).id == "person.doe_jane"
    alone = ActorDictionary.from_files(path, include_package=False)
    assert len(alone) == 1


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"id": "usa", "name": "X", "type": "country"}, r"actors\[0\] \(usa\) field 'id'"),
        ({"id": "person.x", "name": "X", "type": "alien"}, r"field 'type'"),
        ({"id": "person.x", "name": "", "type": "person"}, r"field 'name'"),
        ({"id": "person.x", "name": "X", "type": "person", "country": "usa"}, r"field 'country'"),
        ({"id": "person.x", "name": "X", "type": "person", "aliases": "X Y"}, None),
        ({"id": "person.x", "name": "X", "type": "person", "aliases": [3]}, r"field 'aliases'"),
        ({"id": "person.x", "name": "X", "type": "person", "colour": "red"}, r"unknown keys"),
        (
            {
                "id": "person.x",
                "name": "X",
                "type": "person",
                "roles": [{"role": "R", "key": "k", "from": "2025/01/01"}],
            },
            r"roles\[0\]\.from",
        ),
        (
            {
                "id": "person.x",
                "name": "X",
                "type": "person",
                "roles": [{"role": "R", "key": "Bad Key"}],
            },
            r"roles\[0\]\.key",
        ),
        (
            {
                "id": "person.x",
                "name": "X",
                "type": "person",
                "roles": [{"role": "R", "key": "k", "from": "2025-01-01", "to": "2024-01-01"}],
            },
            r"ends .* before it starts",
        ),
    ],
)
def test_bad_entries_name_file_entry_and_field(tmp_path, raw, message):
    path = _write(tmp_path, [raw])
    if message is None:  # a single string is accepted as a one-element list
        assert ActorDictionary.from_files(path, include_package=False).lookup("X Y")
        return
    with pytest.raises(InputError, match=message) as info:
        ActorDictionary.from_files(path, include_package=False)
    assert str(path) in str(info.value)


def test_bad_json_and_conflicts(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"actors": [\n{"id": }', encoding="utf-8")
    with pytest.raises(InputError, match=r"line 2: invalid JSON"):
        ActorDictionary.from_files(broken, include_package=False)
    with pytest.raises(InputError, match="cannot read"):
        ActorDictionary.from_files(tmp_path / "absent.json")
    clash = _write(tmp_path, [{"id": "org.rus_fans", "name": "Russia", "type": "organization"}])
    with pytest.raises(
        InputError, match="name/alias 'russia' is claimed by both RUS and org.rus_fans"
    ):
        ActorDictionary.from_files(clash)
    dup = _write(tmp_path, [{"id": "RUS", "name": "Rus", "type": "country"}], "dup.json")
    with pytest.raises(InputError, match="duplicate actor id 'RUS'"):
        ActorDictionary.from_files(dup)


def test_entries_are_frozen(actors):
    entry: ActorEntry = actors.get("UKR")
    with pytest.raises(AttributeError):
        entry.name = "Elsewhere"  # type: ignore[misc]


# -- spaCy patterns --------------------------------------------------------------------


@pytest.fixture(scope="module")
def ruler_nlp(actors):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(actors.patterns())
    return nlp


def _ents(nlp, text):
    return [(e.text, e.label_, e.ent_id_) for e in nlp(text).ents]


def test_patterns_are_well_formed(actors):
    patterns = actors.patterns()
    assert len(patterns) > 1000
    for p in patterns:
        assert isinstance(p["pattern"], (str, list)) and p["pattern"]
        if "id" in p:
            assert p["label"] in {"PERSON", "GPE", "NORP", "ORG"}
            assert p["id"] in actors
        else:  # a non-actor name shielding the actor inside it
            assert p["label"] in {"LOC", "LAW", "FAC", "EVENT", "ORG", "PERSON"}
    assert actors.patterns() is not actors.patterns()  # callers get their own copy


def test_non_actor_names_shield_the_actor_inside(ruler_nlp):
    ents = _ents(
        ruler_nlp,
        "From Latin America to the South China Sea, the Minsk agreements "
        "and the West Bank, America and China spoke on Voice of America.",
    )
    assert ents == [
        ("Latin America", "LOC", ""),
        ("the South China Sea", "LOC", ""),
        ("the Minsk agreements", "LAW", ""),
        ("the West Bank", "LOC", ""),
        ("America", "GPE", "USA"),
        ("China", "GPE", "CHN"),
        ("Voice of America", "ORG", "org.voa"),
    ]


def test_every_non_actor_name_contains_an_actor_and_is_not_one(actors):
    """A shield is only useful when an actor pattern would fire inside it."""
    import detente.extract.actors.dictionary as module
    from detente.extract.actors.data_files import read_non_actors

    path = Path(module.__file__).parent / "data" / module.NON_ACTORS_FILE
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([p for p in actors.patterns() if "id" in p])
    for _label, name in read_non_actors(path, path.read_text("utf-8")):
        assert actors.lookup(name) is None, name
        assert any(e.ent_id_ for e in nlp(name).ents), name


def test_patterns_match_a_sentence(ruler_nlp):
    text = (
        "The Kremlin said Zelenskyy's envoy met U.S. officials in Riyadh, "
        "while Russian Foreign Minister Sergei Lavrov phoned the state department."
    )
    ents = _ents(ruler_nlp, text)
    assert ("The Kremlin", "ORG", "RUS") in ents
    assert ("Zelenskyy", "PERSON", "person.zelensky_volodymyr") in ents
    assert ("U.S.", "GPE", "USA") in ents
    assert ("Riyadh", "GPE", "SAU") in ents
    assert ("Sergei Lavrov", "PERSON", "person.lavrov_sergei") in ents
    assert ("the state department", "ORG", "usa.state_dept") in ents
    assert ("Russian Foreign Minister", "ORG", "rus.mfa") not in ents


def test_patterns_respect_case_where_it_matters(ruler_nlp):
    ents = _ents(ruler_nlp, "Tell us who ate the turkey in Chad; the US and Turkey talked.")
    assert ents == [("Chad", "GPE", "TCD"), ("US", "GPE", "USA"), ("Turkey", "GPE", "TUR")]


def test_patterns_multiword_case_insensitive_and_accents(ruler_nlp):
    ents = _ents(ruler_nlp, "The european union and President Erdogan met the Elysee.")
    assert ("The european union", "ORG", "org.eu") in ents
    assert ("President Erdogan", "PERSON", "person.erdogan_recep") in ents
    assert ("the Elysee", "ORG", "FRA") in ents


def test_patterns_keep_the_article_of_a_collective_and_exact_numbers(ruler_nlp):
    ents = _ents(
        ruler_nlp, "In West Africa and West Virginia the West replied. Our number 10 rule."
    )
    assert ents == [("the West", "GPE", "grp.west")]
    assert _ents(ruler_nlp, "Number 10 said no.") == [("Number 10", "ORG", "GBR")]


def test_patterns_follow_name_precedence(actors):
    # "Brussels" is Belgium's capital but the EU's metonym; the metonym wins, so no
    # pattern may tie Brussels to Belgium.
    brussels = [p["id"] for p in actors.patterns() if p["pattern"] == "Brussels"]
    assert brussels == ["org.eu"]


# -- titles ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("Foreign Minister", "foreign_minister"),
        ("the foreign minister", "foreign_minister"),
        ("Secretary of State", "secretary_of_state"),
        ("Secretary-General", "secretary_general"),
        ("spokesman", "press_secretary"),
        ("State Department spokeswoman", "foreign_ministry_spokesperson"),
        ("PM", "prime_minister"),
        ("leader", "leader"),
        ("pm", None),
        ("Kremlin", None),
    ],
)
def test_title_key(actors, title, key):
    assert actors.title_key(title) == key


def test_every_title_key_is_held_by_someone(actors):
    titles = json.loads(
        (Path(detente.extract.actors.__file__).parent / "data" / "titles.json").read_text("utf-8")
    )
    used = actors.role_keys()
    unheld = [g["key"] for g in titles["titles"] if g["key"] not in used]
    assert not unheld


@pytest.mark.parametrize(
    ("description", "country", "on", "actor_id"),
    [
        ("the Russian national security adviser", "RUS", date(2025, 2, 19), "person.ushakov_yuri"),
        ("the Russian leader", "RUS", date(2025, 2, 19), "person.putin_vladimir"),
        ("the Ukrainian leader", "UKR", date(2025, 2, 19), "person.zelensky_volodymyr"),
        ("the British leader", "GBR", date(2025, 2, 19), "person.starmer_keir"),
        ("the German leader", "DEU", date(2025, 2, 19), "person.scholz_olaf"),
        ("the German leader", "DEU", date(2025, 9, 1), "person.merz_friedrich"),
        ("the Saudi leader", "SAU", date(2025, 2, 19), "person.bin_salman_mohammed"),
        ("the Ukrainian President", "UKR", date(2025, 3, 5), "person.zelensky_volodymyr"),
        ("the Saudi foreign minister", "SAU", date(2025, 2, 19), "person.bin_farhan_faisal"),
        ("the Kremlin spokesman", "RUS", date(2025, 2, 19), "person.peskov_dmitry"),
        ("the US national security adviser", "USA", date(2025, 2, 19), "person.waltz_mike"),
    ],
)
def test_descriptions_resolve_via_title_and_holder(actors, description, country, on, actor_id):
    title = description.split(" ", 2)[2]
    assert actors.holder(actors.title_key(title), country, on).id == actor_id


def test_bad_titles_file(tmp_path):
    from detente.extract.actors.data_files import read_titles

    with pytest.raises(InputError, match=r"title 'boss' already maps to 'leader'"):
        read_titles(
            "t.json",
            json.dumps(
                {
                    "titles": [
                        {"key": "leader", "titles": ["boss"]},
                        {"key": "chief", "titles": ["boss"]},
                    ]
                }
            ),
        )
    with pytest.raises(InputError, match=r"titles\[0\] field 'key'"):
        read_titles("t.json", json.dumps({"titles": [{"key": "Bad Key", "titles": ["x"]}]}))
    with pytest.raises(InputError, match="expected an object with a 'titles' list"):
        read_titles("t.json", "[]")


def test_precedence_does_not_depend_on_file_order(tmp_path):
    # A capital claimed by two states is an error even when a name outranks neither...
    twin = [
        {"id": "AAA", "name": "Aland", "type": "country", "capital": ["Twin City"]},
        {"id": "BBB", "name": "Bland", "type": "country", "capital": ["Twin City"]},
    ]
    with pytest.raises(InputError, match="capital 'twin city' is claimed by both AAA and BBB"):
        ActorDictionary.from_files(_write(tmp_path, twin), include_package=False)
    # ...and a name outranks both capitals whichever comes first in the file.
    owner = {"id": "org.twin", "name": "Twin City", "type": "organization"}
    for order in ([owner, *twin], [*twin, owner]):
        actors = ActorDictionary.from_files(_write(tmp_path, order), include_package=False)
        assert actors.lookup("twin city").id == "org.twin"


def test_an_analyst_name_outranks_a_package_metonym(tmp_path):
    path = _write(
        tmp_path, [{"id": "org.kremlin_museum", "name": "Kremlin", "type": "organization"}]
    )
    actors = ActorDictionary.from_files(path)
    assert actors.lookup("the Kremlin").id == "org.kremlin_museum"
    assert actors.lookup("Moscow").id == "RUS"


def test_undated_spell_yields_to_a_dated_one():
    entry = ActorEntry(
        "person.x",
        "X",
        "person",
        "USA",
        roles=(
            RoleSpell("Senior Fellow", None, "USA", None, None),
            RoleSpell(
                "Ambassador to Ukraine", "ambassador", "USA", date(2003, 9, 1), date(2006, 5, 1)
            ),
        ),
    )
    assert entry.role_at(date(2004, 1, 1)) == "Ambassador to Ukraine"
    assert entry.role_at(date(2010, 1, 1)) == "Senior Fellow"
    assert entry.role_at(None) == "Senior Fellow"


def test_role_at_with_no_open_spell_reports_the_last_one(actors):
    assert actors.role_at("person.yermak_andriy", None) == (
        "Head of the Office of the President of Ukraine"
    )
    assert actors.role_at("person.yermak_andriy", date(2025, 12, 1)) is None


def test_no_two_patterns_share_a_span(actors):
    """One surface form gives one pattern, so the ruler never has to choose."""
    seen: dict[str, tuple[str, str | None]] = {}
    for p in actors.patterns():
        key = repr(p["pattern"])
        assert key not in seen, (p, seen[key])
        seen[key] = (p["label"], p.get("id"))


def test_patterns_load_into_a_span_ruler(actors):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("span_ruler")
    ruler.add_patterns(actors.patterns())
    doc = nlp("Lavrov met Rubio in Riyadh.")
    assert [(s.text, s.id_) for s in doc.spans["ruler"]] == [
        ("Lavrov", "person.lavrov_sergei"),
        ("Rubio", "person.rubio_marco"),
        ("Riyadh", "SAU"),
    ]


SINGLE_HOLDER_KEYS = {
    "head_of_state",
    "head_of_government",
    "president",
    "prime_minister",
    "chancellor",
    "leader",
    "vice_president",
    "foreign_minister",
    "secretary_of_state",
    "defense_minister",
    "finance_minister",
    "national_security_advisor",
    "press_secretary",
    "un_ambassador",
    "chief_of_staff",
    "secretary_general",
    "high_representative",
    "king",
    "crown_prince",
    "speaker",
    "commander_in_chief",
    "pope",
}


def test_single_holder_roles_never_overlap(actors):
    """Two people never hold a one-person office in one country on the same day.

    This catches the commonest data slip: a predecessor's spell not closed, or
    closed a day late, when a successor is added.
    """
    spells = {}
    for entry in actors:
        for spell in entry.roles:
            if spell.key in SINGLE_HOLDER_KEYS:
                for scope in {spell.country, spell.org} - {None}:
                    spells.setdefault((spell.key, scope), []).append((spell, entry.id))
    clashes = []
    for (key, scope), held in spells.items():
        for i, (a, a_id) in enumerate(held):
            for b, b_id in held[i + 1 :]:
                if a_id == b_id:
                    continue
                a_start, a_end = a.start or date.min, a.end or date.max
                b_start, b_end = b.start or date.min, b.end or date.max
                if a_start < b_end and b_start < a_end:
                    clashes.append((key, scope, a_id, b_id))
    assert not clashes


def test_patterns_returned_are_copies(actors):
    mine = actors.patterns()
    token_patterns = [p for p in mine if isinstance(p["pattern"], list)]
    token_patterns[0]["pattern"].append({"ORTH": "junk"})
    mine.clear()
    again = actors.patterns()
    assert again and all(
        {"ORTH": "junk"} not in p["pattern"] for p in again if isinstance(p["pattern"], list)
    )


def test_a_surname_two_office_holders_share_is_ambiguous(tmp_path):
    def person(pid, name, role):
        spell = {"role": role, "key": None, "from": "2024-01-01", "to": None}
        return {"id": pid, "name": name, "type": "person", "country": "NOR", "roles": [spell]}

    path = _write(
        tmp_path,
        [
            person("person.strand_kari", "Kari Strand", "Norwegian Trade Minister"),
            person("person.strand_ola", "Ola Strand", "Norwegian Consul in Murmansk"),
        ],
    )
    actors = ActorDictionary.from_files(path, include_package=False)
    assert actors.by_surname("Strand", date(2025, 3, 1)) is None  # the full name must decide


def test_every_person_of_the_package_has_dated_sourced_roles(actors):
    """People are in the dictionary as actors with documented roles, not as names of a gold file."""
    for entry in actors:
        if entry.type != "person":
            continue
        assert entry.roles, f"{entry.id}: no role"
        for spell in entry.roles:
            assert spell.start is not None, f"{entry.id}: {spell.role!r} has no start date"
            assert spell.source and spell.source.startswith("https://"), (
                f"{entry.id}: {spell.role!r} has no source"
            )


def test_a_spell_source_must_be_a_string(tmp_path):
    raw = {
        "id": "person.doe_john",
        "name": "John Doe",
        "type": "person",
        "roles": [{"role": "Envoy", "from": "2025-01-01", "source": 7}],
    }
    with pytest.raises(InputError, match=r"roles\[0\]\.source"):
        ActorDictionary.from_files(_write(tmp_path, [raw]), include_package=False)


def test_a_relative_of_a_leader_is_not_the_leader(actors):
    """ "Donald Trump Jr." is shielded, so it is never read as "Donald Trump"."""
    names = {p["pattern"] if isinstance(p["pattern"], str) else None for p in actors.patterns()}
    shields = [p for p in actors.patterns() if p["label"] == "PERSON" and "id" not in p]
    assert shields and names
    assert actors.lookup("Donald Trump Jr.") is None
