"""Currencies, one record each: ISO code, the symbols written before a figure, the words
written after one, and which party's dollar (or other shared sign) a bare symbol means.

A bare "$" is US dollars unless the pledger has a dollar of its own: `home` names the parties
whose copy writes this currency as the bare sign ("$12 million" in a New Zealand release).
Bare "rupees" and "shillings" are the pledger's, or else those of the one country in the
article that has them.
Words are lower case, longest first within a record; a symbol may be shared by no two records
except the bare "$", which belongs to USD and is re-read through `home`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Currency:
    code: str  # ISO 4217
    symbols: tuple[str, ...] = ()  # before the figure: "A$", "£"
    words: tuple[str, ...] = ()  # after the figure: "australian dollars", "euros"
    home: tuple[str, ...] = ()  # parties whose bare "$" (or shared sign) is this currency
    # A one-letter sign ("N", "R") counts only before a sum with a multiplier ("R2.5 billion").
    needs_multiplier: tuple[str, ...] = ()
    also_codes: tuple[str, ...] = ()  # other codes copy uses ("RMB")


CURRENCIES: tuple[Currency, ...] = (
    Currency("USD", ("US$", "US $", "USD$", "$US", "$"), ("us dollars", "us dollar", "u.s. dollars",
             "u.s. dollar", "american dollars", "american dollar", "dollars", "dollar"),
             home=("United States",)),
    Currency("AUD", ("A$", "AU$", "AUD$", "$A"), ("australian dollars", "australian dollar"),
             home=("Australia",)),
    Currency("CAD", ("C$", "CA$", "CAN$"), ("canadian dollars", "canadian dollar"),
             home=("Canada",)),
    Currency("NZD", ("NZ$", "$NZ"), ("new zealand dollars", "new zealand dollar"),
             home=("New Zealand",)),
    Currency("SGD", ("S$",), ("singapore dollars", "singapore dollar"), home=("Singapore",)),
    Currency("HKD", ("HK$",), ("hong kong dollars", "hong kong dollar")),
    Currency("FJD", ("FJ$",), ("fijian dollars", "fijian dollar"), home=("Fiji",)),
    Currency("TWD", ("NT$",), ("new taiwan dollars", "taiwan dollars"), home=("Taiwan",)),
    Currency("BRL", ("R$",), ("reais",)),
    Currency("GBP", ("£",), ("pounds sterling", "pound sterling", "pounds", "pound",
                             "sterling")),
    Currency("EUR", ("€",), ("euros", "euro")),
    Currency("JPY", ("¥",), ("japanese yen", "yen")),
    Currency("CNY", ("CN¥",), ("yuan", "renminbi"), also_codes=("RMB",)),
    Currency("INR", ("₹", "Rs.", "Rs"), ("indian rupees", "indian rupee", "rupees", "rupee"),
             home=("India",)),
    Currency("PKR", (), ("pakistani rupees", "pakistani rupee"), home=("Pakistan",)),
    Currency("LKR", (), ("sri lankan rupees", "sri lankan rupee"), home=("Sri Lanka",)),
    Currency("NPR", (), ("nepalese rupees", "nepali rupees"), home=("Nepal",)),
    Currency("NGN", ("₦", "N"), ("naira",), needs_multiplier=("N",)),
    Currency("ZAR", ("R",), ("rand",), needs_multiplier=("R",)),
    Currency("KES", ("KSh", "Ksh", "Sh"), ("kenyan shillings", "kenyan shilling", "shillings",
                                          "shilling"), needs_multiplier=("Sh",), home=("Kenya",)),
    Currency("UGX", (), ("ugandan shillings", "ugandan shilling"), home=("Uganda",)),
    Currency("TZS", (), ("tanzanian shillings", "tanzanian shilling"), home=("Tanzania",)),
    Currency("KRW", ("₩",), ("won",)),
    Currency("GHS", ("GH₵", "₵"), ("cedis", "cedi")),
    Currency("ETB", (), ("birr",)),
    Currency("XOF", (), ("cfa francs", "cfa franc")),
    Currency("XAF", (), ()),
    Currency("CHF", ("CHF",), ("swiss francs", "swiss franc")),
    Currency("AED", ("Dh", "AED"), ("dirhams", "dirham"), home=("United Arab Emirates",)),
    Currency("SAR", ("SR",), ("saudi riyals", "saudi riyal", "riyals", "riyal")),
    Currency("NOK", (), ("norwegian kroner", "norwegian krone", "kroner"), home=("Norway",)),
    Currency("SEK", (), ("swedish kronor", "swedish krona", "kronor"), home=("Sweden",)),
    Currency("DKK", (), ("danish kroner", "danish krone")),
    Currency("PLN", (), ("zlotys", "zloty")),
    Currency("EGP", ("E£", "LE"), ("egyptian pounds", "egyptian pound"), needs_multiplier=("LE",)),
    Currency("MXN", (), ("mexican pesos", "mexican peso")),
    Currency("IDR", (), ("rupiah",)),
    Currency("BDT", ("Tk", "৳"), ("taka",), needs_multiplier=("Tk",), home=("Bangladesh",)),
    Currency("RWF", (), ("rwandan francs", "rwandan franc")),
    Currency("MYR", ("RM",), ("malaysian ringgit", "ringgit"), needs_multiplier=("RM",),
             home=("Malaysia",)),
    Currency("THB", ("฿",), ("thai baht", "baht")),
    Currency("VND", ("₫",), ("vietnamese dong",)),
    Currency("PHP", ("₱",), ("philippine pesos", "philippine peso")),
    Currency("RUB", ("₽",), ("russian roubles", "russian rubles", "roubles", "rubles")),
    Currency("TRY", ("₺",), ("turkish lira", "turkish liras", "lira", "liras")),
    Currency("QAR", ("QR",), ("qatari riyals", "qatari riyal")),
    Currency("KWD", ("KD",), ("kuwaiti dinars", "kuwaiti dinar")),
    Currency("ARS", (), ("argentine pesos", "argentinian pesos")),
    Currency("ZMW", (), ("zambian kwacha", "kwacha")),
    # The African Development Bank group lends in its unit of account (UA), the IMF in SDRs.
    Currency("XUA", (), ("units of account", "unit of account"), also_codes=("UA",)),
    Currency("XDR", (), ("special drawing rights",), also_codes=("SDR",)),
)  # fmt: skip
