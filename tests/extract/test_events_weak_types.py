"""The event coder on the types general news reports in many words: concessions, material
cooperation, aid, commitments, rejections and accusations.

Sentences written for these tests (varied verbs and nouns, any states), run
through the full pipeline with the package dictionary and lexicon: each must
code its PLOVER type with the acting state as source (and the target state when
given); the sentences of :data:`SILENT` report no event of these types.
"""

from __future__ import annotations

import pytest

from detente.extract import Extractor
from tests.extract.event_helpers import event_states

CASES = [
    # (sentence, PLOVER type, source state, target state; None: not checked)
    # CONCEDE: verbal concessions
    ("Japan apologised to South Korea for its wartime conduct.", "CONCEDE", "JPN", "KOR"),
    ("Israel declared a unilateral ceasefire in Gaza on Sunday.", "CONCEDE", "ISR", None),
    ("Iran dropped its demand for compensation from Britain.", "CONCEDE", "IRN", "GBR"),
    ("Armenia made territorial concessions to Azerbaijan.", "CONCEDE", "ARM", "AZE"),
    ("Serbia offered concessions to Kosovo during the talks.", "CONCEDE", "SRB", "XKX"),
    ("China promised to ease export curbs on rare earths for the United States.",
     "CONCEDE", "CHN", "USA"),
    ("The European Union agreed to lift sanctions on Syrian banks.", "CONCEDE", "org.eu", "SYR"),
    ("Russia announced a three-day truce in Ukraine for the holiday.", "CONCEDE", "RUS", "UKR"),
    ("Britain withdrew its objection to Mauritius taking over the islands.",
     "CONCEDE", "GBR", "MUS"),
    # COOPERATE: material cooperation
    ("Britain shared intelligence with Ukraine about the planned offensive.",
     "COOPERATE", "GBR", "UKR"),
    ("Egypt and Sudan conducted joint air force drills.", "COOPERATE", "EGY", "SDN"),
    ("India expanded security cooperation with Vietnam.", "COOPERATE", "IND", "VNM"),
    ("Brazil exported record amounts of soybeans to China.", "COOPERATE", "BRA", "CHN"),
    ("Turkey and Iraq launched joint operations against Kurdish militants.",
     "COOPERATE", "TUR", "IRQ"),
    ("Kazakhstan began supplying oil to Germany through the Druzhba pipeline.",
     "COOPERATE", "KAZ", "DEU"),
    ("Belgium handed over a suspected spy to France.", "COOPERATE", "BEL", "FRA"),
    ("Armenia and Azerbaijan swapped detained soldiers at the border.",
     "COOPERATE", "ARM", "AZE"),
    ("Qatar and Oman held joint coast guard patrols.", "COOPERATE", "QAT", "OMN"),
    # AID
    ("The World Bank approved a $2bn aid package for Pakistan.", "AID", None, "PAK"),
    ("Sweden donated ten ambulances to Moldova.", "AID", "SWE", "MDA"),
    ("Qatar delivered fuel to Lebanon on Tuesday.", "AID", "QAT", "LBN"),
    ("The European Union sent humanitarian assistance to Sudan.", "AID", "org.eu", "SDN"),
    ("Japan granted Indonesia a loan of 100 billion yen.", "AID", "JPN", "IDN"),
    ("France supplied Mirage fighter jets to Ukraine.", "AID", "FRA", "UKR"),
    ("Turkey airlifted medical supplies to Libya.", "AID", "TUR", "LBY"),
    ("Germany gave Poland two air defence batteries.", "AID", "DEU", "POL"),
    ("Canada provided $300 million in military aid to Ukraine.", "AID", "CAN", "UKR"),
    # AGREE: commitments, offers, invitations
    ("Indonesia invited Australia to join naval exercises next year.", "AGREE", "IDN", "AUS"),
    ("Pakistan offered to mediate between Iran and Saudi Arabia.", "AGREE", "PAK", None),
    ("Vietnam promised to buy more American aircraft.", "AGREE", "VNM", "USA"),
    ("Egypt and Ethiopia agreed to resume talks on the dam.", "AGREE", "EGY", "ETH"),
    ("Kenya pledged to send police officers to Haiti.", "AGREE", "KEN", "HTI"),
    ("Japan vowed to stand by the Philippines in the maritime dispute.",
     "AGREE", "JPN", "PHL"),
    ("South Korea accepted an invitation to visit China.", "AGREE", "KOR", "CHN"),
    ("Qatar offered to host talks between the United States and Iran.", "AGREE", "QAT", None),
    ("Norway committed to funding the reconstruction of Ukrainian schools.",
     "AGREE", "NOR", "UKR"),
    # REJECT
    ("Iran turned down an American proposal for direct talks.", "REJECT", "IRN", "USA"),
    ("Ukraine refused to cede territory to Russia.", "REJECT", "UKR", "RUS"),
    ("Mexico declined Trump's invitation to the summit.", "REJECT", "MEX", "USA"),
    ("Venezuela rebuffed Guyana's call for arbitration.", "REJECT", "VEN", "GUY"),
    ("Hungary vetoed the European Union's joint statement on Georgia.",
     "REJECT", "HUN", "org.eu"),
    ("Greece rejected Turkish claims over the Aegean.", "REJECT", "GRC", "TUR"),
    ("Israel dismissed the French proposal for a truce.", "REJECT", "ISR", "FRA"),
    ("Serbia cancelled a planned visit by the Croatian president.", "REJECT", "SRB", "HRV"),
    # ACCUSE
    ("India denounced Pakistan for sheltering militants.", "ACCUSE", "IND", "PAK"),
    ("Lithuania blamed Belarus for the balloons that crossed the border.",
     "ACCUSE", "LTU", "BLR"),
    ("Canada launched an investigation into Indian interference.", "ACCUSE", "CAN", "IND"),
    ("Spain slammed Israel over the raid on the aid flotilla.", "ACCUSE", "ESP", "ISR"),
    ("Japan lodged a protest with China over the survey ship.", "ACCUSE", "JPN", "CHN"),
    ("Estonia accused Russia of jamming GPS signals.", "ACCUSE", "EST", "RUS"),
    ("South Africa rebuked the United States over its aid cuts.", "ACCUSE", "ZAF", "USA"),
    ("Sweden summoned the Iranian ambassador over the plot.", "ACCUSE", "SWE", "IRN"),
    ("Ethiopia charged Egypt with meddling in its internal affairs.", "ACCUSE", "ETH", "EGY"),
    # written after the rules were changed for the sentences above, and measured once
    ("Colombia apologised to Ecuador for the border incursion.", "CONCEDE", "COL", "ECU"),
    ("Turkey lifted its objection to Finland joining the alliance.", "CONCEDE", "TUR", "FIN"),
    ("Ukraine declared a truce along the front for Easter.", "CONCEDE", "UKR", None),
    ("South Korea and Japan resumed intelligence sharing.", "COOPERATE", "KOR", "JPN"),
    ("Morocco extradited a Belgian suspect to Brussels.", "COOPERATE", "MAR", "BEL"),
    ("India and Egypt staged joint army drills in the desert.", "COOPERATE", "IND", "EGY"),
    ("Britain sent armoured vehicles to Estonia as military aid.", "AID", "GBR", "EST"),
    ("Kuwait donated fifty million dollars to Jordan for refugees.", "AID", "KWT", "JOR"),
    ("The European Union approved a new aid package for Ukraine.", "AID", "org.eu", "UKR"),
    ("Kenya promised to open its airspace to Ethiopian flights.", "AGREE", "KEN", "ETH"),
    ("Nigeria pledged troops for a regional force in Niger.", "AGREE", "NGA", None),
    ("Chile invited Bolivia to talks on water rights.", "AGREE", "CHL", "BOL"),
    ("Egypt rejected an Israeli plan to move Gazans into Sinai.", "REJECT", "EGY", "ISR"),
    ("Algeria refused to take back migrants from France.", "REJECT", "DZA", "FRA"),
    ("Poland turned down a German offer of Patriot batteries.", "REJECT", "POL", "DEU"),
    ("Pakistan accused Afghanistan of sheltering militants.", "ACCUSE", "PAK", "AFG"),
    ("France condemned Iran for detaining two French teachers.", "ACCUSE", "FRA", "IRN"),
    ("Finland summoned the Russian envoy over the airspace violation.", "ACCUSE", "FIN", "RUS"),
]

SILENT = [
    "Japan hopes to sign a trade deal with India next year.",
    "Aid to Yemen has fallen sharply since 2022.",
    "Analysts say Egypt might apologise to Sudan.",
    "Cooperation between Chile and Peru has long been close.",
    "Turkey could reject the proposal.",
    "Will China accept the offer?",
    "Mexico did not send aid to Cuba.",
    "Officials expect India to agree to the deal.",
    "If Israel withdraws, Lebanon may make concessions.",
    "Critics blame the weather for the poor harvest.",
    "Trade between Japan and India remains strong.",
    "Cooperation with Norway remains strong, Danish officials say.",
    "Ghana may ask Nigeria for help.",
    "Aid to Haiti is expected to rise next year.",
]

WEAK = frozenset({"CONCEDE", "COOPERATE", "AID", "AGREE", "REJECT", "ACCUSE"})


NOT_YET = frozenset(
    {
        "Nigeria pledged troops for a regional force in Niger.",
    }
)
"""Sentences the coder still gets wrong: expected to fail (strictly, so a fix shows)."""


@pytest.fixture(scope="module")
def extractor(nlp):
    return Extractor(nlp=nlp)


@pytest.mark.parametrize(
    ("text", "kind", "source", "target"),
    [
        pytest.param(*case, marks=pytest.mark.xfail(strict=True)) if case[0] in NOT_YET else case
        for case in CASES
    ],
)
def test_type_source_and_target(extractor, text, kind, source, target):
    found = event_states(extractor, text)
    assert (kind, source) in [(k, s) for k, s, _ in found] or (
        source is None and kind in [k for k, _, _ in found]
    )
    if target is not None:
        assert (kind, target) in [(k, t) for k, s, t in found if source in (None, s)]


@pytest.mark.parametrize(
    "text",
    [pytest.param(t, marks=pytest.mark.xfail(strict=True)) if t in NOT_YET else t for t in SILENT],
)
def test_no_event_of_these_types(extractor, text):
    assert not [k for k, _, _ in event_states(extractor, text) if k in WEAK]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # leaders or states that clash quarrel (ACCUSE); their forces fight (ASSAULT)
        ("Macron clashed with Erdogan over Libya.", [("ACCUSE", "FRA", "TUR")]),
        ("Serbia clashed with Croatia over the border dispute.", [("ACCUSE", "SRB", "HRV")]),
        ("Indian troops clashed with Chinese soldiers in Ladakh.", [("ASSAULT", "IND", "CHN")]),
        ("Thai and Cambodian forces clashed along the border.", [("ASSAULT", "THA", "KHM")]),
    ],
)
def test_a_clash_is_a_quarrel_unless_forces_clash(extractor, text, expected):
    assert event_states(extractor, text) == expected


def test_an_act_described_is_still_an_act(extractor):
    # a lasting state of a relation is no event (SILENT); a said-to-be-productive meeting is
    found = event_states(extractor, "Talks between Japan and India were productive.")
    assert found == [("CONSULT", "JPN", "IND")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "its" in what is hit is not the actor's own: the other state named before it
        (
            "Brazil protested after Washington imposed steep tariffs on its goods.",
            ("SANCTION", "USA", "BRA"),
        ),
        (
            "India retaliated after the United States raised tariffs on its steel.",
            ("SANCTION", "USA", "IND"),
        ),
        ("Canada was angered when China banned imports of its canola.", ("SANCTION", "CHN", "CAN")),
    ],
)
def test_the_owner_of_what_is_hit_is_the_recipient(extractor, text, expected):
    assert expected in event_states(extractor, text)


def test_a_measure_noun_lends_its_phrase_to_the_kind_it_measures(extractor):
    # "an aid package for X": the package's "for" phrase is the aid's recipient
    found = event_states(extractor, "Japan approved a new aid package for Pakistan.")
    assert found == [("AID", "JPN", "PAK")]
