"""Who acts for whom: one record per relation between a name and a party of `parties.py`.

Follow-up news rarely names a pledge's parties the way the pledge did. The company that
pledged is reported through the subsidiary that builds the plant, the government through the
agency that runs the works, a group pledge through the member paying its share, a country
through its head of state named by title. These records let a statement count the party it
reports on.

- `Relation`: `name` (with `aliases`) carries out pledges of `party`. `how` is "subsidiary"
  (a company's own company), "agency" (a body of that government) or "member" (a member of
  that group: it pays or delivers its share of the group's pledge).
- `Leader`: a head of state or government named by title and name ("President Buhari",
  "King Felipe"), with the years in office, so only news of those years is read as the
  country's.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Relation:
    name: str
    party: str
    how: str  # subsidiary | agency | member
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Leader:
    name: str  # as news copy writes it in full
    party: str
    title: str
    took_office: int
    left_office: int | None = None  # None: in office
    called: str = ""  # the name used after the title, when not the last word ("Felipe")

    @property
    def surname(self) -> str:
        return self.called or self.name.split()[-1]

    def in_office(self, year: int) -> bool:
        return self.took_office <= year and (self.left_office is None or year <= self.left_office)


HOWS = ("subsidiary", "agency", "member")

_G7 = ("United States", "United Kingdom", "France", "Germany", "Italy", "Japan", "Canada")

RELATIONS: tuple[Relation, ...] = (
    # Companies carrying out their parent's investments
    Relation("PowerCo", "Volkswagen", "subsidiary", ("PowerCo SE",)),
    Relation("SEAT", "Volkswagen", "subsidiary", ("SEAT S.A.",)),
    Relation("Audi", "Volkswagen", "subsidiary"),
    Relation("Skoda", "Volkswagen", "subsidiary", ("Škoda",)),
    Relation("Mercedes-Benz Energy", "Mercedes-Benz", "subsidiary"),
    # Government bodies carrying out their government's pledges
    Relation("Kenya Railways", "Kenya", "agency", ("Kenya Railways Corporation",)),
    Relation("Nigerian Railway Corporation", "Nigeria", "agency", ("NRC",)),
    Relation("Federal Airports Authority of Nigeria", "Nigeria", "agency", ("FAAN",)),
    Relation("Nuclear Power Corporation of India", "India", "agency", ("NPCIL",)),
    Relation("Electricite de France", "France", "agency", ("EDF", "Électricité de France")),
    Relation("Reserve Bank of India", "India", "agency", ("RBI",)),
    Relation("Maldives Monetary Authority", "Maldives", "agency", ("MMA",)),
    Relation("Bundeswehr", "Germany", "agency"),
    Relation("Indian Air Force", "India", "agency", ("IAF",)),
    # Members paying or delivering their share of a group's pledge
    *(Relation(member, "G7", "member") for member in (*_G7, "European Union")),
)

LEADERS: tuple[Leader, ...] = (
    Leader("Muhammadu Buhari", "Nigeria", "President", 2015, 2023),
    Leader("Bola Tinubu", "Nigeria", "President", 2023),
    Leader("Goodluck Jonathan", "Nigeria", "President", 2010, 2015),
    Leader("William Ruto", "Kenya", "President", 2022),
    Leader("Uhuru Kenyatta", "Kenya", "President", 2013, 2022),
    Leader("Felipe VI", "Spain", "King", 2014, called="Felipe"),
    Leader("Pedro Sánchez", "Spain", "Prime Minister", 2018),
    Leader("Emmanuel Macron", "France", "President", 2017),
    Leader("François Hollande", "France", "President", 2012, 2017),
    Leader("Narendra Modi", "India", "Prime Minister", 2014),
    Leader("Mohamed Muizzu", "Maldives", "President", 2023),
    Leader("Ibrahim Mohamed Solih", "Maldives", "President", 2018, 2023),
    Leader("Olaf Scholz", "Germany", "Chancellor", 2021, 2025),
    Leader("Friedrich Merz", "Germany", "Chancellor", 2025),
    Leader("Angela Merkel", "Germany", "Chancellor", 2005, 2021),
    Leader("Volodymyr Zelensky", "Ukraine", "President", 2019),
    Leader("Paul Kagame", "Rwanda", "President", 2000),
    Leader("Nayib Bukele", "El Salvador", "President", 2019),
    Leader("Rishi Sunak", "United Kingdom", "Prime Minister", 2022, 2024),
    Leader("Boris Johnson", "United Kingdom", "Prime Minister", 2019, 2022),
    Leader("Keir Starmer", "United Kingdom", "Prime Minister", 2024),
    Leader("Joe Biden", "United States", "President", 2021, 2025),
    Leader("Donald Trump", "United States", "President", 2017, 2021),
    Leader("Donald Trump", "United States", "President", 2025),
    Leader("Fumio Kishida", "Japan", "Prime Minister", 2021, 2024),
    Leader("Justin Trudeau", "Canada", "Prime Minister", 2015, 2025),
    Leader("Giorgia Meloni", "Italy", "Prime Minister", 2022),
)
