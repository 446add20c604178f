"""General word lists the entity steps need: honorifics, office nouns, countries, metonyms.

These are general knowledge of English news writing, not facts about any one story. Every
entry is lower case; callers compare lower-cased text.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


def word_set(block: str) -> frozenset[str]:
    """The whitespace-separated words of ``block``: long word lists stay compact."""
    return frozenset(block.split())


HONORIFICS = word_set(
    """
    adm admiral agent ambassador baron baroness brother capt captain chancellor chief coach
    col colonel commissioner constable corporal congressman congresswoman dame detective dr father gen
    general gov governor imam inspector judge justice king lady lord lieutenant lt major mayor miss mr
    mrs ms mx officer pope premier president prince princess prof professor queen rabbi
    rep representative rev reverend saint sen senator sergeant sgt sheikh sir sister st
    superintendent trooper
    """
)
"""Words written before a person's name that are not part of the name."""

OFFICE_NOUNS = word_set(
    """
    admiral ambassador attorney boss captain ceo chair chairman chairperson chairwoman
    chancellor chief coach commander commissioner congressman congresswoman counsel director dpm
    emperor envoy executive founder general governor head inspector judge justice king
    leader manager mayor mep minister minister-president monarch mp owner pm pope
    premier president prince princess prosecutor queen representative secretary
    secretary-general senator sheriff speaker spokesman spokesperson spokeswoman
    superintendent tanaiste taoiseach treasurer
    """
)
"""Head nouns of a phrase that names an office held by one person ("the defence secretary")."""

COMPOUND_OFFICES = {
    ("prime", "minister"): "prime minister",
    ("first", "minister"): "first minister",
    ("vice", "president"): "vice president",
    ("attorney", "general"): "attorney general",
    ("chief", "executive"): "chief executive",
    ("secretary", "general"): "secretary general",
    ("secretary-general",): "secretary general",
    ("pm",): "prime minister",
    ("dpm",): "deputy prime minister",
    ("ceo",): "chief executive",
    ("chairman",): "chair",
    ("chairwoman",): "chair",
    ("chairperson",): "chair",
    ("spokesman",): "spokesperson",
    ("spokeswoman",): "spokesperson",
}
"""Word sequences that make one office, and spellings that name the same office."""

GENERIC_OFFICES = {
    "leader": frozenset(
        {
            "president",
            "prime minister",
            "premier",
            "chancellor",
            "king",
            "queen",
            "monarch",
            "emperor",
            "first minister",
            "taoiseach",
            "leader",
        }
    ),
    "minister": frozenset({"minister", "secretary"}),
    "head": frozenset({"chief executive", "director", "chair", "head"}),
    "boss": frozenset({"chief executive", "director", "chair", "manager", "boss"}),
}
"""An office word that a writer uses for any of several offices ("the leader" for a president)."""

RANK_QUALIFIERS = word_set(
    """
    acting assistant deputy ex former future incoming interim junior late new outgoing
    shadow then vice
    """
)
"""Qualifiers that make a different office or holder: "the deputy leader" is not the leader."""

DEPARTMENT_WORDS = word_set(
    """
    agriculture air armed army business cabinet climate commerce communities culture
    defence defense development digital economic economy education energy environment
    equalities europe european finance forces foreign health home homeland housing
    immigration industry interior ireland justice labor labour media navy northern
    pensions science scotland security sport state trade transport treasury veterans
    wales war work
    """
)
"""Words that name a portfolio inside an office title ("defence" in "defence secretary")."""

_COUNTRIES = {
    "us": ("us", "u.s.", "usa", "u.s.a.", "america", "american", "united states"),
    "uk": (
        "uk",
        "u.k.",
        "britain",
        "british",
        "great britain",
        "united kingdom",
    ),
    "ukraine": ("ukraine", "ukrainian"),
    "russia": ("russia", "russian"),
    "france": ("france", "french"),
    "germany": ("germany", "german"),
    "italy": ("italy", "italian"),
    "spain": ("spain", "spanish"),
    "china": ("china", "chinese"),
    "japan": ("japan", "japanese"),
    "india": ("india", "indian"),
    "israel": ("israel", "israeli"),
    "iran": ("iran", "iranian"),
    "turkey": ("turkey", "turkish", "turkiye"),
    "poland": ("poland", "polish"),
    "canada": ("canada", "canadian"),
    "australia": ("australia", "australian"),
    "ireland": ("ireland", "irish"),
    "scotland": ("scotland", "scottish"),
    "wales": ("wales", "welsh"),
    "eu": ("eu", "european union"),
    "nato": ("nato",),
    "un": ("un", "united nations"),
    "brazil": ("brazil", "brazilian"),
    "mexico": ("mexico", "mexican"),
    "south korea": ("south korea", "south korean"),
    "north korea": ("north korea", "north korean"),
    "pakistan": ("pakistan", "pakistani"),
    "egypt": ("egypt", "egyptian"),
    "saudi arabia": ("saudi arabia", "saudi"),
    "netherlands": ("netherlands", "dutch"),
    "belgium": ("belgium", "belgian"),
    "sweden": ("sweden", "swedish"),
    "norway": ("norway", "norwegian"),
    "denmark": ("denmark", "danish"),
    "finland": ("finland", "finnish"),
    "greece": ("greece", "greek"),
    "hungary": ("hungary", "hungarian"),
    "syria": ("syria", "syrian"),
    "iraq": ("iraq", "iraqi"),
    "afghanistan": ("afghanistan", "afghan"),
    "palestine": ("palestine", "palestinian"),
    "lebanon": ("lebanon", "lebanese"),
    "venezuela": ("venezuela", "venezuelan"),
    "argentina": ("argentina", "argentine", "argentinian"),
    "south africa": ("south africa", "south african"),
    "nigeria": ("nigeria", "nigerian"),
    "kenya": ("kenya", "kenyan"),
    "new zealand": ("new zealand", "new zealander"),
    "honduras": ("honduras", "honduran"),
    "guatemala": ("guatemala", "guatemalan"),
    "el salvador": ("el salvador", "salvadoran", "salvadorean"),
    "nicaragua": ("nicaragua", "nicaraguan"),
    "cuba": ("cuba", "cuban"),
    "colombia": ("colombia", "colombian"),
    "peru": ("peru", "peruvian"),
    "chile": ("chile", "chilean"),
    "portugal": ("portugal", "portuguese"),
    "switzerland": ("switzerland", "swiss"),
    "austria": ("austria", "austrian"),
    "czech republic": ("czech republic", "czechia", "czech"),
    "romania": ("romania", "romanian"),
    "serbia": ("serbia", "serbian"),
    "croatia": ("croatia", "croatian"),
    "belarus": ("belarus", "belarusian"),
    "georgia": ("georgia", "georgian"),
    "armenia": ("armenia", "armenian"),
    "azerbaijan": ("azerbaijan", "azerbaijani"),
    "kazakhstan": ("kazakhstan", "kazakh"),
    "jordan": ("jordan", "jordanian"),
    "qatar": ("qatar", "qatari"),
    "yemen": ("yemen", "yemeni"),
    "libya": ("libya", "libyan"),
    "tunisia": ("tunisia", "tunisian"),
    "morocco": ("morocco", "moroccan"),
    "algeria": ("algeria", "algerian"),
    "ethiopia": ("ethiopia", "ethiopian"),
    "somalia": ("somalia", "somali"),
    "sudan": ("sudan", "sudanese"),
    "indonesia": ("indonesia", "indonesian"),
    "philippines": ("philippines", "filipino", "philippine"),
    "vietnam": ("vietnam", "vietnamese"),
    "thailand": ("thailand", "thai"),
    "malaysia": ("malaysia", "malaysian"),
    "bangladesh": ("bangladesh", "bangladeshi"),
    "taiwan": ("taiwan", "taiwanese"),
    "central america": ("central america", "central american"),
    "latin america": ("latin america", "latin american"),
    "europe": ("europe",),
    "africa": ("africa", "african"),
    "asia": ("asia", "asian"),
}

COUNTRY_OF_WORD = {
    word.replace(".", ""): country
    for country, words in _COUNTRIES.items()
    for word in words
}
"""A country name or demonym (lower case) -> one key per country ("british" -> "uk")."""

_PLURAL_DEMONYMS = {"britons": "uk", "brits": "uk", "englishmen": "uk", "frenchmen": "france"}

COUNTRY_OF_PEOPLE = {
    **{
        word + "s": country
        for country, words in _COUNTRIES.items()
        for word in words[1:]
        if word.endswith(("an", "i", "ino", "er")) or word == "czech"
    },
    **_PLURAL_DEMONYMS,
}
"""The plural of a demonym (lower case) -> its country ("russians" -> "russia"): a
nationality written as people still points to the one country a brief lists."""

US_STATE_ABBREVIATIONS = {
    "ala.": "alabama", "ariz.": "arizona", "ark.": "arkansas", "calif.": "california",
    "cal.": "california", "colo.": "colorado", "conn.": "connecticut", "del.": "delaware",
    "fla.": "florida", "ga.": "georgia", "ill.": "illinois", "ind.": "indiana",
    "kan.": "kansas", "kans.": "kansas", "ky.": "kentucky", "la.": "louisiana",
    "md.": "maryland", "mass.": "massachusetts", "mich.": "michigan",
    "minn.": "minnesota", "miss.": "mississippi", "mo.": "missouri", "mont.": "montana",
    "neb.": "nebraska", "nebr.": "nebraska", "nev.": "nevada", "n.h.": "new hampshire",
    "n.j.": "new jersey", "n.m.": "new mexico", "n.mex.": "new mexico", "n.y.": "new york",
    "n.c.": "north carolina", "n.d.": "north dakota", "okla.": "oklahoma",
    "ore.": "oregon", "oreg.": "oregon", "pa.": "pennsylvania", "penn.": "pennsylvania",
    "r.i.": "rhode island", "s.c.": "south carolina", "s.d.": "south dakota",
    "tenn.": "tennessee", "tex.": "texas", "vt.": "vermont", "va.": "virginia",
    "wash.": "washington", "w.va.": "west virginia", "w.v.": "west virginia",
    "wis.": "wisconsin", "wisc.": "wisconsin", "wyo.": "wyoming", "d.c.": "washington",
    "washington, d.c.": "washington", "washington d.c.": "washington",
    "district of columbia": "washington",
}  # fmt: skip
"""US state abbreviations in news style (the AP's, with their full stops, and common
variants) -> the state's name in lower case; the capital's district is Washington.
Without full stops they are words ("Ind", "Miss", "La"), so only the dotted forms count."""

_INSTITUTIONS = (
    (
        "Downing Street",
        (
            "downing street",
            "no 10",
            "no. 10",
            "number 10",
            "number ten",
            "no10",
            "10 downing street",
        ),
    ),
    (
        "Pentagon",
        (
            "pentagon",
            "us department of defense",
            "department of defense",
            "defense department",
            "us defense department",
        ),
    ),
    ("Kremlin", ("kremlin",)),
    ("Whitehall", ("whitehall",)),
    ("White House", ("white house",)),
    ("Élysée", ("élysée", "elysee", "élysée palace", "elysee palace")),
    ("Ministry of Defence", ("ministry of defence", "mod", "defence ministry")),
    (
        "Foreign Office",
        ("foreign office", "fcdo", "foreign, commonwealth and development office"),
    ),
    ("Home Office", ("home office",)),
    (
        "State Department",
        ("state department", "department of state", "us state department"),
    ),
    ("Treasury", ("treasury", "hm treasury", "us treasury", "treasury department")),
    ("Congress", ("congress", "us congress")),
    ("Bundestag", ("bundestag",)),
    ("European Commission", ("european commission", "brussels commission")),
    ("Federal Reserve", ("federal reserve", "the fed", "fed")),
    ("Bank of England", ("bank of england", "threadneedle street")),
    ("Holyrood", ("holyrood", "scottish parliament")),
    ("Westminster", ("westminster",)),
    (
        "Democratic Party",
        ("democratic party", "democrats", "democrat", "democratic", "us democratic party"),
    ),
    (
        "Republican Party",
        ("republican party", "republicans", "republican", "gop", "grand old party"),
    ),
    ("Labour Party", ("labour party", "labour", "the labour party")),
    (
        "Conservative Party",
        ("conservative party", "conservatives", "tories", "tory party", "tory"),
    ),
    ("Liberal Democrats", ("liberal democrats", "lib dems", "lib dem")),
    ("Department of Justice", ("department of justice", "justice department", "doj")),
    ("Zhongnanhai", ("zhongnanhai",)),
)

INSTITUTION_OF_ALIAS = {
    alias: canonical for canonical, aliases in _INSTITUTIONS for alias in aliases
}
"""A lower-case name an institution goes by -> its canonical name ("no 10" -> "Downing Street").

Parties are here too: their members' plural ("Democrats", "Tories") and adjective
("Republican") name the party in a news report as often as its full name does."""

INSTITUTION_SHORT_FORMS = (
    "No 10",
    "No. 10",
    "Number 10",
    "Number Ten",
    "Downing Street",
    "Pentagon",
    "Kremlin",
    "Whitehall",
    "White House",
    "Élysée",
)
"""Names that stand for an institution and that the small model often misses or mislabels."""


_NICKNAMES = {
    "robert": ("bob", "bobby", "rob", "robbie", "bert"),
    "william": ("bill", "billy", "will", "willie", "liam"),
    "james": ("jim", "jimmy", "jamie"),
    "michael": ("mike", "mikey", "mick"),
    "thomas": ("tom", "tommy"),
    "richard": ("dick", "rick", "rich", "richie"),
    "charles": ("chuck", "charlie"),
    "edward": ("ted", "ed", "eddie", "ned"),
    "joseph": ("joe", "joey"),
    "john": ("jack", "johnny"),
    "elizabeth": ("liz", "beth", "betty", "lizzie"),
    "margaret": ("maggie", "meg", "peggy"),
    "katherine": ("kate", "kathy", "katie"),
    "catherine": ("kate", "cathy"),
    "anthony": ("tony",),
    "antony": ("tony",),
    "alexander": ("alex", "sasha"),
    "nicholas": ("nick",),
    "christopher": ("chris",),
    "benjamin": ("ben", "bibi"),
    "stephen": ("steve",),
    "steven": ("steve",),
    "theodore": ("ted", "teddy"),
    "deborah": ("debbie", "deb"),
    "susan": ("sue",),
    "patricia": ("pat", "patty"),
    "jennifer": ("jen", "jenny"),
    "rudolph": ("rudy",),
    "lawrence": ("larry",),
    "gerald": ("gerry", "jerry"),
    "daniel": ("dan", "danny"),
    "david": ("dave",),
    "samuel": ("sam",),
    "andrew": ("andy", "drew"),
    "henry": ("harry", "hank"),
    "vladimir": ("vova",),
}

NICKNAME_PAIRS = frozenset(
    (full, short) for full, shorts in _NICKNAMES.items() for short in shorts
) | frozenset((short, full) for full, shorts in _NICKNAMES.items() for short in shorts)
"""(first name, familiar form) pairs in both orders: ("robert", "bob"), ("bob", "robert")..."""


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents and curly apostrophes, for comparing names."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(
        char for char in decomposed if not unicodedata.combining(char)
    ).lower()


INTERJECTIONS = word_set(
    """
    wow oh ah aha hey ok okay omg lol yes yeah no nope ouch yay hooray alas bravo amen
    ugh wham boom whoa gosh shame sad
    """
)
"""Words that a tweet or quotation shouts in capitals ("WOW!") and the small model tags as
an organisation: never the name of an entity."""

GENERIC_NAME_TAILS = word_set(
    """
    academy agency alliance association authority bank board bureau campaign center centre
    church club college commission committee company conference corporation council court
    department foundation fund group hospital institute league ministry movement office
    organisation organization party prize river scandal school service society
    union university war
    """
)
"""Last words of a name that say what kind of thing it is ("the Interior Department",
"the Labour Party", "the Potomac River"): the name without them ("Interior", "Labour")
names the same thing."""

DROPPABLE_KIND_WORDS = word_set("department ministry party river")
"""Kind words a report may leave off a name it has given in full ("Interior" for "the
Interior Department", "the Potomac"): not those of buildings, prizes, wars or foundations,
which are named after something else ("CNN Center", "Vietnam War", "Ford Foundation")."""

FUNCTION_WORDS_IN_NAMES = word_set("of the and for de del la le von van der al bin da & on in at")
"""Lower-case words that may sit inside a name ("Bank of England", "Ludwig van Beethoven")."""

NAME_SUFFIXES = word_set("sr senior ii iii iv")
"""Written after a surname without changing the person ("W. Mark Felt Sr."); "Jr." does
change the person (the son) and is not among them."""

