# ruff: noqa: SIM905  (name pools read best as space-separated words)
"""Generate realistic people: a 1,000,000-entity list for the growth benchmark, customer books.

Names follow the conventions of many cultures (Arabic with nasab and kunya particles,
Hispanic double surnames, Russian patronymics, Chinese and Vietnamese family-name
first, Indian, West African, Turkish, Filipino, Indonesian single names, European),
written the way Latin-script lists write them; list entities get the aliases lists
carry (another transliteration, surname order swapped, a dropped middle name) and
dates of birth at list precision (some year-only). Deterministic for a seed.

The surnames of the two people the UN added on 2018-06-21 (Mabanza, Abubakar,
Escalon) are left out of the pools: the monitoring acceptance test plants those two in
a generated book and expects exactly them to alert.

    python bench/generate_list.py --count 1000000 --out var/list-1m.ftm.json
    python bench/generate_list.py --count 100000 --book --out var/book-100k.csv
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from interdict.entities.ftm import entity_to_ftm
from interdict.entities.model import BirthDate, Entity, Gender, Name, NameKind, Schema

_CULTURES: dict[str, tuple[str, list[str], list[str], list[str]]] = {
    # culture: (countries, male given, female given, surnames)
    "arabic": (
        "sa;eg;iq;sy;jo;ye;ly;ma;dz;tn",
        "Mohammed Ahmed Ali Omar Khalid Hassan Hussein Ibrahim Yousef Abdullah Abdulrahman "
        "Mustafa Tariq Faisal Saeed Hamza Bilal Karim Nabil Walid Ziad Samir Jamal Rashid "
        "Anas Osama Marwan Sami Adel Fahd".split(),
        "Fatima Aisha Mariam Khadija Zainab Huda Layla Noor Amal Salma Rania Samira Yasmin "
        "Hanan Dalia Reem Lina Nadia Amira Safa".split(),
        "Al-Masri Haddad Khoury Al-Tamimi Al-Qahtani Mansour Nasser Saleh Al-Harbi Darwish "
        "Hamdan Qasim Al-Zahrani Khalil Abbas Al-Shammari Bakr Hijazi Al-Amin Yassin Jaber "
        "Farouk Shaker Al-Otaibi Suleiman Issa Barakat Awad Al-Najjar Zaidan".split(),
    ),
    "hispanic": (
        "es;mx;co;ar;pe;ve;cl;cu",
        "José Juan Carlos Luis Miguel Jorge Pedro Alejandro Fernando Diego Manuel Javier "
        "Ricardo Andrés Rafael Sergio Pablo Eduardo Roberto Francisco".split(),
        "María Carmen Ana Laura Lucía Isabel Sofía Valentina Gabriela Daniela Paula Elena "
        "Marta Rosa Teresa Patricia Adriana Claudia".split(),
        "García Rodríguez Martínez López González Hernández Pérez Sánchez Ramírez Torres "
        "Flores Rivera Gómez Díaz Morales Ortiz Castillo Jiménez Ruiz Vargas Romero Herrera "
        "Medina Aguilar Castro Mendoza Guerrero Rojas".split(),
    ),
    "russian": (
        "ru;ua;by;kz",
        "Aleksandr Sergei Dmitri Andrei Alexei Ivan Mikhail Nikolai Vladimir Yuri Pavel Oleg "
        "Igor Viktor Boris Konstantin Maxim Roman Anatoly Grigori".split(),
        "Olga Tatiana Natalia Elena Irina Svetlana Anna Maria Yekaterina Ludmila Galina "
        "Anastasia Yulia Marina Oksana".split(),
        "Ivanov Smirnov Kuznetsov Popov Vasiliev Petrov Sokolov Mikhailov Novikov Fedorov "
        "Morozov Volkov Alekseev Lebedev Semenov Egorov Pavlov Kozlov Stepanov Nikolaev "
        "Orlov Andreev Makarov Zakharov".split(),
    ),
    "chinese": (
        "cn;tw;sg;my",
        "Wei Jun Hao Lei Jie Tao Qiang Ming Bo Gang Yong Jian Feng Bin Hui Chao Long Peng".split(),
        "Li Na Jing Ying Fang Xiu Mei Hong Yan Ling Xia Juan Qing Xin Yu Lan".split(),
        "Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo "
        "Zheng Liang Xie Song Tang".split(),
    ),
    "indian": (
        "in;pk;bd;np;lk",
        "Rahul Amit Rajesh Suresh Vikram Arjun Sanjay Anil Ravi Deepak Manoj Ashok Vijay "
        "Imran Asif Farhan Kamran Naveen Prakash Harish".split(),
        "Priya Anjali Sunita Kavita Pooja Neha Deepa Lakshmi Meena Rekha Ayesha Sana "
        "Shabana Divya Geeta".split(),
        "Sharma Patel Singh Kumar Gupta Reddy Iyer Nair Mehta Joshi Rao Chopra Malhotra "
        "Khan Qureshi Chaudhry Siddiqui Banerjee Mukherjee Das Bhat Pillai Verma Agarwal".split(),
    ),
    "west_african": (
        "ng;gh;sn;ml;ne;cm;ci",
        "Chinedu Emeka Oluwaseun Kwame Kofi Mamadou Ousmane Ibrahima Moussa Abdoulaye "
        "Babatunde Tunde Yaw Kwabena Seydou Boubacar Adebayo Obinna".split(),
        "Ngozi Chiamaka Adaeze Ama Akosua Fatoumata Aminata Mariama Aissatou Funmilayo "
        "Yetunde Abena Efua Kadiatou".split(),
        "Okafor Okonkwo Adeyemi Mensah Owusu Diallo Traoré Keita Coulibaly Ndiaye Diop "
        "Sow Bello Danjuma Eze Nwosu Boateng Asante Camara Touré Cissé Ogunleye".split(),
    ),
    "turkish": (
        "tr;az;cy",
        "Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim Murat Emre Burak Kemal Osman Yusuf "
        "Serkan Cem Orhan".split(),
        "Ayşe Fatma Emine Hatice Zeynep Elif Meryem Özlem Sevgi Derya Esra Gül".split(),
        "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan "
        "Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek".split(),
    ),
    "filipino": (
        "ph",
        "Jose Juan Mark John Michael Ramon Rodrigo Eduardo Romeo Danilo Ferdinand Rogelio "
        "Jun Arnel Jericho".split(),
        "Maria Rosario Cristina Maricel Jocelyn Rowena Lorna Marites Analyn Jasmine Rhea".split(),
        "Santos Reyes Cruz Bautista Ocampo Garcia Mendoza Torres Tomas Andrada Castillo "
        "Flores Villanueva Ramos Castro Rivera Aquino Navarro Salazar Dela Cruz Pascual".split(),
    ),
    "indonesian": (
        "id",
        "Budi Agus Joko Bambang Slamet Hendra Rudi Eko Dedi Wahyu Ahmad Andi Yudi".split(),
        "Siti Sri Dewi Ratna Wulan Indah Putri Rina Yuni Nurul".split(),
        [],  # single names: the generator doubles the given-name pool as family names
    ),
    "european": (
        "gb;de;fr;it;nl;se;pl;ie",
        "James John Robert Michael William David Thomas Hans Klaus Pierre Jean Luca Marco "
        "Jan Pieter Lars Piotr Tomasz Patrick Sean".split(),
        "Mary Elizabeth Sarah Emma Anna Sophie Claire Marie Giulia Francesca Ingrid Katarzyna "
        "Siobhan Charlotte Hannah".split(),
        "Smith Jones Williams Brown Taylor Müller Schmidt Schneider Fischer Martin Bernard "
        "Dubois Rossi Russo Bianchi de Jong Jansen Andersson Johansson Kowalski Nowak "
        "Murphy Kelly O'Brien".split(),
    ),
    "vietnamese": (
        "vn",
        "Minh Hung Tuan Dung Quang Thanh Long Nam Duc Hai Son Phong".split(),
        "Lan Huong Mai Linh Thu Hoa Ngoc Trang Hanh Phuong".split(),
        "Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ho Ngo Duong".split(),
    ),
}
_FAMILY_FIRST = {"chinese", "vietnamese"}


@dataclass(frozen=True, slots=True)
class Person:
    key: str
    name: str
    aliases: tuple[str, ...]
    birth_date: str
    nationality: str
    gender: Gender


def people(count: int, seed: int = 1, *, aliases: bool = True) -> Iterator[Person]:
    """`count` generated people (with list-style aliases when `aliases`)."""
    rng = random.Random(seed)
    cultures = list(_CULTURES)
    for number in range(count):
        culture = rng.choice(cultures)
        yield _person(rng, culture, f"P{number:07d}", aliases)


def _person(rng: random.Random, culture: str, key: str, with_aliases: bool) -> Person:
    countries, males, females, surnames_text = _CULTURES[culture]
    gender = rng.choice((Gender.MALE, Gender.FEMALE))
    given = rng.choice(males if gender is Gender.MALE else females)
    surnames = surnames_text or males + females
    family = rng.choice(surnames)
    parts = [given]
    if culture == "arabic":
        parts += [rng.choice(males), family] if rng.random() < 0.6 else [family]
    elif culture == "hispanic":
        parts += [family, rng.choice(surnames)]
    elif culture == "russian":
        father = rng.choice(males)
        patronymic = father + ("ovich" if gender is Gender.MALE else "ovna")
        surname = family + ("a" if gender is Gender.FEMALE else "")
        parts += [patronymic, surname]
    elif culture in _FAMILY_FIRST:
        parts = [family, given] + ([rng.choice(males)] if rng.random() < 0.4 else [])
    elif culture == "indonesian" and rng.random() < 0.5:
        parts = [given]
    else:
        if rng.random() < 0.3:
            parts.append(rng.choice(males if gender is Gender.MALE else females))
        parts.append(family)
    name = " ".join(parts)
    aliases = _aliases(rng, parts) if with_aliases else ()
    year = rng.randint(1940, 2002)
    born = (
        f"{year}"
        if rng.random() < 0.15
        else f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    )
    return Person(key, name, aliases, born, rng.choice(countries.split(";")), gender)


def _aliases(rng: random.Random, parts: list[str]) -> tuple[str, ...]:
    found: list[str] = []
    if len(parts) > 1 and rng.random() < 0.5:
        found.append(" ".join([parts[-1], *parts[:-1]]))  # family name first
    if len(parts) > 2 and rng.random() < 0.4:
        found.append(" ".join([parts[0], parts[-1]]))  # middle name dropped
    if rng.random() < 0.3:
        found.append(" ".join(_respell(rng, p) for p in parts))  # another transliteration
    return tuple(dict.fromkeys(a for a in found if a != " ".join(parts)))


_RESPELLINGS = (
    ("ou", "u"),
    ("y", "i"),
    ("ee", "i"),
    ("kh", "h"),
    ("sh", "sch"),
    ("e", "a"),
    ("o", "u"),
)


def _respell(rng: random.Random, word: str) -> str:
    old, new = rng.choice(_RESPELLINGS)
    return word.replace(old, new, 1)


def entity(person: Person) -> Entity:
    """A generated person as a list entity."""
    names = (Name(person.name), *(Name(a, kind=NameKind.ALIAS) for a in person.aliases))
    return Entity(
        key=person.key,
        schema=Schema.PERSON,
        names=names,
        gender=person.gender,
        birth_dates=(BirthDate(person.birth_date, text=person.birth_date),),
        nationalities=(person.nationality,),
    )


def respelt(listed: Entity) -> Entity:
    """A listed entity as a customer would be written: its main name respelt, same DOB."""
    rng = random.Random(listed.key)
    name = " ".join(_respell(rng, word) for word in listed.names[0].full.split())
    return Entity(
        key="query", schema=listed.schema, names=(Name(name),), birth_dates=listed.birth_dates
    )


def write_book(path: Path, count: int, seed: int = 1) -> None:
    """A customer book (screen-file columns, customer ids C0000000...)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["id", "name", "dob", "nationality", "gender"])
        for p in people(count, seed, aliases=False):
            out.writerow(["C" + p.key[1:], p.name, p.birth_date, p.nationality, p.gender.value])


def write_list(path: Path, count: int, seed: int = 1) -> None:
    """A list as FollowTheMoney JSON lines (`interdict lists import --format ftm`)."""
    with path.open("w", encoding="utf-8") as handle:
        for p in people(count, seed):
            for proxy in entity_to_ftm(entity(p)):
                handle.write(json.dumps(proxy, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--book", action="store_true", help="a customer book (CSV), not a list")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    (write_book if args.book else write_list)(args.out, args.count, args.seed)


if __name__ == "__main__":
    main()
