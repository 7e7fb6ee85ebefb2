"""Name parts and the role each plays: the words that identify, and the words that don't.

"Sheikh Abu Mohammed al-Adnani" has one word that identifies a person well
("adnani"), one that identifies a little ("mohammed"), and three that are grammar or
courtesy. Lists and queries add and drop the latter freely, so a missing "al" or
"Sheikh" must cost almost nothing, while a missing "Adnani" must cost a lot. The
vocabularies are data (tables below), extended by adding words, never by code.
Person particles are not applied to organisations, whose legal forms ("LLC", "Co")
and function words ("of", "the") are discounted instead.
"""

from __future__ import annotations

from enum import StrEnum

from interdict.entities.model import Schema


class PartRole(StrEnum):
    """What a word contributes to identifying the bearer."""

    NAME = "name"
    PREFIX = "prefix"  # "abd", "abu": half of a compound name ("Abd al-Rahman", "Abu Hamza")
    PARTICLE = "particle"  # "al", "bin", "abu": grammar between names
    HONORIFIC = "honorific"  # "sheikh", "haji", "dr": courtesy, not identity
    LEGAL_FORM = "legal_form"  # "llc", "gmbh": any company can have it
    FUNCTION_WORD = "function_word"  # "of", "the" in organisation names
    INITIAL = "initial"  # "M." for Muhammad


# How much each role weighs in a name's total. A missing particle should cost about
# a quarter of a missing name; honorifics, legal forms and function words less.
ROLE_WEIGHT: dict[PartRole, float] = {
    PartRole.NAME: 1.0,
    PartRole.PREFIX: 0.5,
    PartRole.PARTICLE: 0.2,
    PartRole.HONORIFIC: 0.1,
    PartRole.LEGAL_FORM: 0.15,
    PartRole.FUNCTION_WORD: 0.1,
    PartRole.INITIAL: 0.5,
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Spellings of one Arabic particle, each under its usual English-list spelling: the
# article assimilates ("ar-Rahman", "ud-Din") and vowels vary ("ibn", "ben", "bin").
PARTICLE_SPELLINGS: dict[str, tuple[str, ...]] = {
    "al": ("el", "ul", "ur", "ar", "as", "ash", "at", "ad", "adh", "az", "an", "ud", "us"),
    "bin": ("ben", "ibn", "ebn", "ybn", "bn", "ibnu", "bu"),
    "bint": ("binti", "bte", "bent"),
    "abu": ("abou", "abo", "aboo", "bou", "abul", "abou"),
    "umm": ("um", "oum", "umm"),
    "ould": ("wuld", "wald", "walad", "weld", "uld"),
}
CANONICAL_PARTICLE: dict[str, str] = {
    spelling: canonical
    for canonical, spellings in PARTICLE_SPELLINGS.items()
    for spelling in (canonical, *spellings)
}
# "Abu Hamza" (father of Hamza) is a name of its own, not "Hamza" with grammar: like
# "abd", these weigh half a name word (their spellings canonicalise to these two).
KUNYA_PARTICLES = _words("abu umm")
ABD_PREFIXES = _words("abd abdul abdel abdal abdol abdur abdu abdo abdi abdil abdus")
PERSON_PARTICLES = frozenset(CANONICAL_PARTICLE) | _words(
    "ait da de del della dos das di du van von der den ter le la bek bey"
)
HONORIFICS = _words(
    """sheikh shaykh sheik shaikh shaik cheikh shaykhah
    mullah mulla mollah molla mullo
    maulavi maulvi mawlawi mawlavi molvi moulavi maulawi mowlavi mawlvi
    maulana mawlana moulana
    haji hajji hadji hajj alhaj alhajj alhaji hajja hajjah
    qari kari hafiz hafez hafidh mufti imam akhund akhoond ustad ustadh ustaz
    sayyid sayyed syed sayed seyed seyyed sied
    mr mrs ms miss dr doctor prof professor sir lord eng engr engineer
    general gen colonel col major maj commander cmdr captain capt lt lieutenant
    brigadier brig sergeant sgt marshal admiral"""
)
LEGAL_FORMS = _words(
    """llc ltd limited co company corp corporation inc incorporated
    sarl sa sas sasu sarlu spa srl sprl snc ag gmbh kg ohg ug
    plc llp lp bv nv oy ab asa as aps kft zrt doo dd ad
    jsc ojsc cjsc pjsc ooo oao zao pao tov pp sal sae lc
    pte pty pvt private fze fzco fzc fzllc est wll bsc saog saoc spc
    sdn bhd tbk cv
    ltda cia ca sac sca scs sc ci eu ev sl kk pjs sro eirl rl sapi sderl senc senca sennc ao
    aktsionernoe obshchestvo obschestvo otkrytoe zakrytoe publichnoe
    ogranichennoi ogranichennoy otvetstvennostyu otvetstvennostiu
    sherkat sharikat shirkat sirketi tic"""
)
# Legal forms written as several words, read as one (information.name_words). "S. DE
# R.L." of Mexico, "S. EN C." and "S. EN C.A." of Colombia: else the lone "S" counts as
# an initial of the name, half a name word. And English forms spelt out, read as their
# abbreviation ("JOINT STOCK COMPANY" is "JSC"): else "JOINT" and "STOCK"
# are name words, and a payment writing "JSC" misses them. The Russian ones
# ("AKTSIONERNOE OBSHCHESTVO", "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU") are
# legal forms word by word (above), which keeps a misspelt one pairing with its word
# (score.LEGAL_FORM_TYPO). 71 of the bundled lists' 666 firms' names spelling a form out
# passed with it abbreviated, 36 without it (bench/legal_forms.py --spelt).
_JOINT_STOCK = (
    ("joint", "stock"),
    ("open", "joint", "stock"),
    ("closed", "joint", "stock"),
    ("public", "joint", "stock"),
)
SPLIT_LEGAL_FORMS: dict[tuple[str, ...], str] = {
    ("s", "de", "rl"): "sderl",
    ("s", "en", "c"): "senc",
    ("s", "en", "ca"): "senca",
    ("s", "en", "nc"): "sennc",
    # As their initials and a C ("JSC", "OJSC"); "JOINT STOCK" alone too ("JOINT STOCK
    # BANK ROSSIYA", "ALIAF PUBLIC JOINT STOCK"). Words are looked up under their one
    # spelling (canonical_word): "LTD LIABILITY CO" is "LIMITED LIABILITY COMPANY".
    **{
        (*words, *end): "".join(word[0] for word in words) + "c"
        for words in _JOINT_STOCK
        for end in ((), ("company",))
    },
    ("limited", "liability", "company"): "llc",
}
FUNCTION_WORDS = _words(
    """the of and for in on at to a an al el de du des la le et und der die das no nr
    y e en del los las do dos da di della dei degli"""
)
_FIRM_LETTER_WORDS = frozenset({"y", "e"})


# The abbreviations banks write for a firm's common words, under the word: a SWIFT MT
# line holds 35 characters ("AL NOOR INTL TRDG CO LTD"). Written short, 1,427 of the
# 5,166 good names of listed firms holding such a word passed (bench/abbreviations.py).
# Only abbreviations that are no other word or name ("ind", "dev", "min", "st" are).
# Listed names and queries are both read so.
FIRM_ABBREVIATIONS: dict[str, str] = {
    **dict.fromkeys(("intl", "intnl", "internatl"), "international"),
    "trdg": "trading",
    "mfg": "manufacturing",
    **dict.fromkeys(("assn", "assoc"), "association"),
    "bros": "brothers",
    "natl": "national",
    "bkg": "banking",
    "grp": "group",
    "hldg": "holding",
    "hldgs": "holdings",
    **dict.fromkeys(("mgmt", "mgt"), "management"),
    "svcs": "services",
    "engg": "engineering",
    "constr": "construction",
    **dict.fromkeys(("devt", "dvpt"), "development"),
    "dept": "department",
    "govt": "government",
    "shpg": "shipping",
    "univ": "university",
    "fdn": "foundation",
    "inds": "industries",
    "indl": "industrial",
    "invt": "investment",
    "invts": "investments",
    **dict.fromkeys(("coml", "comml"), "commercial"),
    "matls": "materials",
    "prods": "products",
    "agcy": "agency",
    # Legal forms too: "CO" and "COMPANY" were two forms, and different forms do not pair
    # (score.py). A joined run is built of the words as written (prepare.py), so
    # "MACHANGALTD" still meets "MACHANGA LTD".
    "co": "company",
    "ltd": "limited",
    "corp": "corporation",
    "inc": "incorporated",
    "pvt": "private",
}


def canonical_word(word: str, schema: Schema) -> str:
    """A person particle or "abd" prefix under one spelling; a firm's abbreviated word
    (FIRM_ABBREVIATIONS) as the word; any other word as is."""
    if schema is not Schema.PERSON:
        return FIRM_ABBREVIATIONS.get(word, word)
    if word in ABD_PREFIXES:
        return "abd"
    return CANONICAL_PARTICLE.get(word, word)


def part_role(word: str, schema: Schema) -> PartRole:
    """The role of one folded word in a name of the given kind of entity. A firm's "Y"
    and "E" ("and" in Spanish, Portuguese and Italian) are function words, not initials."""
    if schema is not Schema.PERSON and word in _FIRM_LETTER_WORDS:
        return PartRole.FUNCTION_WORD
    if len(word) == 1 and word.isalpha():
        return PartRole.INITIAL
    if schema is Schema.PERSON:
        return _person_role(word)
    if word in LEGAL_FORMS:
        return PartRole.LEGAL_FORM
    if word in FUNCTION_WORDS:
        return PartRole.FUNCTION_WORD
    return PartRole.NAME


def _person_role(word: str) -> PartRole:
    if word in KUNYA_PARTICLES:
        return PartRole.PREFIX
    if word in PERSON_PARTICLES:
        return PartRole.PARTICLE
    if word in ABD_PREFIXES:
        return PartRole.PREFIX
    if word in HONORIFICS:
        return PartRole.HONORIFIC
    return PartRole.NAME
