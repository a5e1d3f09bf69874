"""The words that name a person, or where a person works, in news copy."""

from __future__ import annotations

# The last words of a person's role ("Foreign Minister", "Chief Executive"): a role before a
# name ("Prime Minister Anthony Albanese") or after one ("Ruto, the President of Kenya").
ROLE_HEADS: tuple[str, ...] = (
    "Prime Minister", "Foreign Secretary", "Foreign Minister", "Secretary of State",
    "Vice President", "Vice-President", "High Commissioner", "Chief Minister", "Crown Prince",
    "Chief Executive", "Minister", "Secretary", "President", "Chancellor", "Ambassador",
    "Commissioner", "Envoy", "Premier", "Governor", "Senator", "Spokesperson", "Spokesman",
    "Spokeswoman", "King", "Queen", "Prince", "Leader", "Amir", "Chair", "Chairman",
    "Chairwoman", "Chairperson", "Director", "Representative", "Mayor", "Emir", "Sheikh", "CEO",
    "Taoiseach", "Chief",
)  # fmt: skip

# Titles before a surname ("Mr Ramaphosa", "Dr. Tedros"), with or without a full stop.
TITLES: tuple[str, ...] = (
    "Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord", "Lady", "Prof", "President",
    "Premier",
)  # fmt: skip

# Lower-case words inside a person's name ("Ursula von der Leyen", "Mohammed bin Salman").
NAME_PARTICLES: tuple[str, ...] = (
    "von", "van", "der", "den", "de", "da", "di", "del", "al", "el", "bin", "ibn", "le", "la",
)  # fmt: skip

# Prefixes of a ship's name: "HMS Spey" names no person and no party.
SHIP_PREFIXES: tuple[str, ...] = ("HMS", "USS", "INS", "HMAS", "HMCS", "RMS", "SS", "MV")

# A country's mission abroad: a capital after one ("the High Commission in Canberra") is
# where the mission sits, not the party that acts.
MISSIONS: tuple[str, ...] = (
    "High Commission", "Embassy", "Consulate", "Consulate General", "Mission", "Delegation",
    "Office",
)  # fmt: skip

# Who acts for a party just named ("...; their financial teams will continue dialogue").
DELEGATES: tuple[str, ...] = (
    "team", "teams", "minister", "ministers", "ministries", "officials", "government",
    "governments", "forces", "troops", "experts", "agencies", "negotiators", "delegation",
    "delegations", "envoys", "militaries", "armies", "navies", "leaders",
)  # fmt: skip

# Plural people nouns that name two leaders together ("the two presidents").
PEOPLE: tuple[str, ...] = (
    "presidents", "leaders", "heads", "premiers", "prime ministers", "ministers", "chancellors",
)  # fmt: skip
