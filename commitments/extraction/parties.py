"""The named parties that make pledges: countries and international bodies.

Each party is written once with the ways news copy names it: short forms ("UK", "US"),
demonyms ("British"), and capitals used as shorthand for governments ("Washington").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex


@dataclass(frozen=True)
class Party:
    name: str
    takes_the: bool = False  # "India and the United Kingdom"
    kind: str = "country"


# name | other names | demonyms | seats of government used as metonyms
_TABLE = """
United Kingdom*|UK,U.K.,Britain,Great Britain,United Kingdom,Her Majesty's Government,HMG
    |British,Briton,Britons|London,Downing Street,Whitehall,Foreign Office
United States*|US,U.S.,USA,U.S.A.,America,United States,United States of America
    |American,Americans|Washington,White House,State Department,Pentagon
European Union*|EU,E.U.,European Union,European Commission,Brussels|European|
India|India,Republic of India|Indian,Indians|New Delhi,Delhi
Japan|Japan|Japanese|Tokyo
China|China,People's Republic of China,PRC|Chinese|Beijing
Australia|Australia|Australian,Australians|Canberra
Canada|Canada|Canadian,Canadians|Ottawa
New Zealand|New Zealand|New Zealander|Wellington
France|France|French|Paris,Elysee,Élysée
Germany|Germany|German,Germans|Berlin,Bundestag
Italy|Italy|Italian|Rome
Spain|Spain|Spanish|Madrid
Netherlands*|Netherlands,Holland|Dutch|The Hague
Belgium|Belgium|Belgian|
Poland|Poland|Polish|Warsaw
Sweden|Sweden|Swedish|Stockholm
Norway|Norway|Norwegian|Oslo
Denmark|Denmark|Danish|Copenhagen
Finland|Finland|Finnish|Helsinki
Ireland|Ireland|Irish|Dublin
Switzerland|Switzerland|Swiss|Bern
Austria|Austria|Austrian|Vienna
Greece|Greece|Greek|Athens
Portugal|Portugal|Portuguese|Lisbon
Ukraine|Ukraine|Ukrainian,Ukrainians|Kyiv,Kiev
Russia|Russia,Russian Federation|Russian,Russians|Moscow,Kremlin
Turkey|Turkey,Türkiye|Turkish|Ankara
Israel|Israel|Israeli|Jerusalem
Iran|Iran|Iranian|Tehran
Saudi Arabia|Saudi Arabia|Saudi|Riyadh
United Arab Emirates*|UAE,United Arab Emirates|Emirati|Abu Dhabi
Qatar|Qatar|Qatari|Doha
Egypt|Egypt|Egyptian|Cairo
Pakistan|Pakistan|Pakistani|Islamabad
Bangladesh|Bangladesh|Bangladeshi|Dhaka
Sri Lanka|Sri Lanka|Sri Lankan|Colombo
Nepal|Nepal|Nepalese,Nepali|Kathmandu
Afghanistan|Afghanistan|Afghan|Kabul
South Korea|South Korea,Republic of Korea,ROK|South Korean|Seoul
North Korea|North Korea,DPRK|North Korean|Pyongyang
Taiwan|Taiwan|Taiwanese|Taipei
Vietnam|Vietnam,Viet Nam|Vietnamese|Hanoi
Indonesia|Indonesia|Indonesian|Jakarta
Philippines*|Philippines|Filipino,Philippine|Manila
Malaysia|Malaysia|Malaysian|Kuala Lumpur
Singapore|Singapore|Singaporean|
Thailand|Thailand|Thai|Bangkok
Brazil|Brazil|Brazilian|Brasilia,Brasília
Mexico|Mexico|Mexican|Mexico City
Argentina|Argentina|Argentine,Argentinian|Buenos Aires
Chile|Chile|Chilean|Santiago
Colombia|Colombia|Colombian|Bogota,Bogotá
South Africa|South Africa|South African|Pretoria
Nigeria|Nigeria|Nigerian|Abuja
Kenya|Kenya|Kenyan|Nairobi
Ethiopia|Ethiopia|Ethiopian|Addis Ababa
Ghana|Ghana|Ghanaian|Accra
Rwanda|Rwanda|Rwandan|Kigali
Uganda|Uganda|Ugandan|Kampala
Tanzania|Tanzania|Tanzanian|Dodoma,Dar es Salaam
Senegal|Senegal|Senegalese|Dakar
Morocco|Morocco|Moroccan|Rabat
Algeria|Algeria|Algerian|Algiers
Tunisia|Tunisia|Tunisian|Tunis
Zambia|Zambia|Zambian|Lusaka
Zimbabwe|Zimbabwe|Zimbabwean|Harare
Mozambique|Mozambique|Mozambican|Maputo
Angola|Angola|Angolan|Luanda
Democratic Republic of the Congo*|DRC,DR Congo,Democratic Republic of the Congo
    ,Democratic Republic of Congo|Congolese|Kinshasa
Cote d'Ivoire|Ivory Coast,Côte d'Ivoire,Cote d'Ivoire|Ivorian|Abidjan,Yamoussoukro
Botswana|Botswana|Botswanan|Gaborone
Namibia|Namibia|Namibian|Windhoek
Somalia|Somalia|Somali|Mogadishu
Sudan|Sudan|Sudanese|Khartoum
Malawi|Malawi|Malawian|Lilongwe
Cameroon|Cameroon|Cameroonian|Yaounde,Yaoundé
Maldives*|Maldives|Maldivian|
Moldova|Moldova|Moldovan|Chisinau
Serbia|Serbia|Serbian|Belgrade
Hungary|Hungary|Hungarian|Budapest
Romania|Romania|Romanian|Bucharest
Bulgaria|Bulgaria|Bulgarian|Sofia
Czech Republic*|Czech Republic,Czechia|Czech|Prague
Slovakia|Slovakia|Slovak|Bratislava
Croatia|Croatia|Croatian|Zagreb
Estonia|Estonia|Estonian|Tallinn
Latvia|Latvia|Latvian|Riga
Lithuania|Lithuania|Lithuanian|Vilnius
Belarus|Belarus|Belarusian|Minsk
Armenia|Armenia|Armenian|Yerevan
Azerbaijan|Azerbaijan|Azerbaijani|Baku
Kazakhstan|Kazakhstan|Kazakh|Astana
Uzbekistan|Uzbekistan|Uzbek|Tashkent
Mongolia|Mongolia|Mongolian|Ulaanbaatar
Myanmar|Myanmar,Burma|Burmese|Naypyidaw
Cambodia|Cambodia|Cambodian|Phnom Penh
Laos|Laos|Lao|Vientiane
Fiji|Fiji|Fijian|Suva
Tonga|Tonga|Tongan|Nuku'alofa
Samoa|Samoa|Samoan|Apia
Papua New Guinea|Papua New Guinea,PNG|Papua New Guinean|Port Moresby
Solomon Islands*|Solomon Islands|Solomon Islander|Honiara
Vanuatu|Vanuatu||Port Vila
Peru|Peru|Peruvian|Lima
Guatemala|Guatemala|Guatemalan|Guatemala City
Honduras|Honduras|Honduran|Tegucigalpa
El Salvador|El Salvador|Salvadoran,Salvadorean|San Salvador
Nicaragua|Nicaragua|Nicaraguan|Managua
Costa Rica|Costa Rica|Costa Rican|San Jose,San José
Panama|Panama|Panamanian|Panama City
Ecuador|Ecuador|Ecuadorian|Quito
Bolivia|Bolivia|Bolivian|La Paz,Sucre
Paraguay|Paraguay|Paraguayan|Asuncion,Asunción
Uruguay|Uruguay|Uruguayan|Montevideo
Dominican Republic*|Dominican Republic|Dominican|Santo Domingo
Jamaica|Jamaica|Jamaican|Kingston
Trinidad and Tobago|Trinidad and Tobago|Trinidadian|Port of Spain
Iceland|Iceland|Icelandic|Reykjavik
Luxembourg|Luxembourg|Luxembourgish|
Cyprus|Cyprus|Cypriot|Nicosia
Malta|Malta|Maltese|Valletta
Slovenia|Slovenia|Slovenian|Ljubljana
North Macedonia|North Macedonia|Macedonian|Skopje
Albania|Albania|Albanian|Tirana
Bosnia and Herzegovina|Bosnia and Herzegovina,Bosnia|Bosnian|Sarajevo
Kosovo|Kosovo|Kosovar|Pristina
Montenegro|Montenegro|Montenegrin|Podgorica
Kyrgyzstan|Kyrgyzstan|Kyrgyz|Bishkek
Tajikistan|Tajikistan|Tajik|Dushanbe
Turkmenistan|Turkmenistan|Turkmen|Ashgabat
Bhutan|Bhutan|Bhutanese|Thimphu
Brunei|Brunei|Bruneian|Bandar Seri Begawan
Timor-Leste|Timor-Leste,East Timor|Timorese|Dili
Jordan|Jordan|Jordanian|Amman
Palestine|Palestine,Palestinian Authority|Palestinian|Ramallah
Chad|Chad|Chadian|N'Djamena
Guinea|Guinea|Guinean|Conakry
Venezuela|Venezuela|Venezuelan|Caracas
Cuba|Cuba|Cuban|Havana
Lebanon|Lebanon|Lebanese|Beirut
Syria|Syria|Syrian|Damascus
Iraq|Iraq|Iraqi|Baghdad
Yemen|Yemen|Yemeni|Sanaa
Oman|Oman|Omani|Muscat
Kuwait|Kuwait|Kuwaiti|Kuwait City
Bahrain|Bahrain|Bahraini|Manama
Libya|Libya|Libyan|Tripoli
Mali|Mali|Malian|Bamako
Niger|Niger|Nigerien|Niamey
Burkina Faso|Burkina Faso|Burkinabe|Ouagadougou
Sierra Leone|Sierra Leone|Sierra Leonean|Freetown
Liberia|Liberia|Liberian|Monrovia
Gambia|Gambia,The Gambia|Gambian|Banjul
Benin|Benin|Beninese|Porto-Novo,Cotonou
Togo|Togo|Togolese|Lome,Lomé
Madagascar|Madagascar|Malagasy|Antananarivo
Mauritius|Mauritius|Mauritian|Port Louis
Eritrea|Eritrea|Eritrean|Asmara
Djibouti|Djibouti|Djiboutian|
South Sudan|South Sudan|South Sudanese|Juba
Burundi|Burundi|Burundian|Gitega
Lesotho|Lesotho||Maseru
NATO|NATO,Nato,North Atlantic Treaty Organization||
United Nations*|UN,U.N.,United Nations||
African Union*|AU,African Union||Addis Ababa
ASEAN|ASEAN,Asean,Association of Southeast Asian Nations||
G7*|G7,G-7,Group of Seven||
G20*|G20,G-20,Group of 20||
World Bank*|World Bank||
IMF*|IMF,International Monetary Fund||
"""

_KIND_ORG = {
    "European Union",
    "NATO",
    "United Nations",
    "African Union",
    "ASEAN",
    "G7",
    "G20",
    "World Bank",
    "IMF",
}


@dataclass(frozen=True)
class Gazetteer:
    parties: dict[str, Party]
    lookup: dict[str, tuple[Party, str]]  # surface form -> (party, "name"|"demonym"|"seat")
    pattern: regex.Pattern[str]


@cache
def gazetteer() -> Gazetteer:
    parties: dict[str, Party] = {}
    lookup: dict[str, tuple[Party, str]] = {}
    # An indented line continues the one above it.
    rows = _TABLE.strip().replace("\n    ", "").splitlines()
    for line in rows:
        name, names, demonyms, seats = line.split("|")
        takes_the = name.endswith("*")
        name = name.rstrip("*")
        party = Party(name, takes_the, "org" if name in _KIND_ORG else "country")
        parties[name] = party
        for form in filter(None, names.split(",")):
            lookup[form] = (party, "name")
        for form in filter(None, demonyms.split(",")):
            lookup.setdefault(form, (party, "demonym"))
        for form in filter(None, seats.split(",")):
            lookup.setdefault(form, (party, "seat"))
    forms = sorted(lookup, key=len, reverse=True)
    alternation = "|".join(regex.escape(f) for f in forms)
    # Case-sensitive on purpose: "US" is a country, "us" is a pronoun. A demonym followed by
    # a geographic noun ("Indian Ocean") names a place, not a party; "UK-India" names two,
    # "US-led" none.
    pattern = regex.compile(
        rf"(?<![\w.])(?:{alternation})(?!\w|-[a-z])(?!\s+(?:Ocean|Sea|Gulf|Channel|Peninsula|"
        rf"Subcontinent|subcontinent|Plate|Airlines|Airways|Open|Agreement|Accord|Post|Times|"
        rf"Declaration|Convention|Protocol|Club|Principles|Journal))"
    )
    return Gazetteer(parties, lookup, pattern)


def party_named(name: str) -> Party | None:
    return gazetteer().parties.get(name)


def display(parties: list[Party]) -> str:
    """Joint actors read in text order: "United Kingdom and India", "India and the United
    Kingdom"."""
    names = [
        p.name if i == 0 or not p.takes_the else f"the {p.name}" for i, p in enumerate(parties)
    ]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


_LIST_SEPARATOR = regex.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def one_spelling(actor: str) -> str:
    """The same joint actor spelled one way, whatever order the article named the parties in:
    "United Kingdom and India" and "India and the United Kingdom" both read "India and the
    United Kingdom" (parties by name). Anything that is not a list of known parties is kept.
    """
    actor = actor.strip()
    names = [name for name in _LIST_SEPARATOR.split(actor) if name]
    if len(names) < 2:
        return actor
    parties = []
    for name in names:
        party = party_named(name[4:] if name.lower().startswith("the ") else name)
        if party is None:
            return actor
        parties.append(party)
    return display(sorted(set(parties), key=lambda p: p.name))
