"""False alerts: screen files of people and firms on no list against every bundled list.

    python bench/false_alerts.py [FILE.csv ...] [--half a|b] [--every N] [--threshold 0.80]
                                 [--scores-out OUT.jsonl] [--database-url URL] [--worst 30]
    python bench/false_alerts.py --generate data/eval/generated-negatives.csv

Every row of FILE is someone nobody listed, so every alert is a false alert. Each row
(columns full_name, first_name, middle_name, last_name, gender, date_of_birth,
nationality; optionally schema and category) is screened with `Screener.screen` at the
alert threshold against the active versions of all bundled lists, as `interdict demo`
loads them. The table gives false alerts per 1,000 rows by the script of the name
(and by the `category` column where the file has one); then the worst alerts, with
the words that carried them. Without FILE: the yente negatives and the generated file.
`--half` keeps the rows whose name hashes (CRC32) to one half: tune on a, report b.
`--scores-out` writes, per row, the best score of any listed entity down to 0.5.

`--generate` writes the second file, reproducibly: 10,000 ordinary company names
(generic words, legal forms, places and surnames in several languages) and single
given names and surnames, built from the vocabularies below, none taken from a list.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
import unicodedata
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from interdict.entities.country import country_code
from interdict.entities.dates import DateSyntaxError, parse_birth_date
from interdict.entities.model import BirthDate, Entity, Gender, Name, NamePart, NamePartKind, Schema
from interdict.lists.store import ListStore
from interdict.matching.information import (
    WORD_COUNTS,
    count_words,
    name_words,
    write_word_counts,
)
from interdict.matching.names import part_role
from interdict.matching.prepare import NON_NAME_ROLES
from interdict.matching.score import DEFAULT_THRESHOLDS
from interdict.screening.loader import active_entities
from interdict.screening.screen import Hit, Screener
from interdict.storage.engine import open_engine
from match_speed import build_store, machine

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "data" / "eval"
DEFAULT_FILES = (EVAL / "yente-negatives-us.csv", EVAL / "generated-negatives.csv")
SCORES_FLOOR = 0.5
GENERATED_ROWS = 10_000
SEED = 14


@dataclass(frozen=True, slots=True)
class Row:
    """One screened row: where it came from, how it is grouped, what was screened."""

    number: int
    group: str
    category: str
    subject: Entity


def read_rows(path: Path, half: str | None, every: int) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    rows = []
    for number, record in enumerate(records, start=1):
        name = record["full_name"].strip()
        if not name or (number - 1) % every:
            continue
        if half is not None and zlib.crc32(name.encode()) % 2 != "ab".index(half):
            continue
        subject = subject_of(record, f"{path.stem}:{number}")
        rows.append(Row(number, script_label(name), record.get("category", ""), subject))
    return rows


def subject_of(record: dict[str, str], key: str) -> Entity:
    """The row as a screening subject; its first/middle/last columns as name parts."""
    schema = Schema.ORGANIZATION if record.get("schema") == "organization" else Schema.PERSON
    columns = (
        (NamePartKind.GIVEN, "first_name"),
        (NamePartKind.SECOND, "middle_name"),
        (NamePartKind.FAMILY, "last_name"),
    )
    parts = tuple(
        NamePart(kind, record[column].strip())
        for kind, column in columns
        if record.get(column, "").strip()
    )
    country = country_code(record.get("nationality", ""))
    return Entity(
        key=key,
        schema=schema,
        names=(Name(record["full_name"].strip(), parts=parts),),
        gender=_gender(record.get("gender", "")),
        birth_dates=_birth_dates(record.get("date_of_birth", "")),
        nationalities=(country,) if country else (),
    )


def _gender(text: str) -> Gender | None:
    """Values the model does not know ("other") are screened as unknown."""
    try:
        return Gender(text.strip().lower())
    except ValueError:
        return None


def _birth_dates(text: str) -> tuple[BirthDate, ...]:
    try:
        return (parse_birth_date(text),) if text.strip() else ()
    except DateSyntaxError:
        return ()


SCRIPT_PREFIXES = (
    ("HIRAGANA", "Kana"),
    ("KATAKANA", "Kana"),
    ("CJK", "Han"),
    ("HANGUL", "Hangul"),
    ("ARABIC", "Arabic"),
    ("DEVANAGARI", "Devanagari"),
    ("HEBREW", "Hebrew"),
    ("CYRILLIC", "Cyrillic"),
    ("GREEK", "Greek"),
    ("THAI", "Thai"),
    ("LATIN", "Latin"),
)


def script_label(text: str) -> str:
    """The name's script; any kana makes a Japanese name "Kana" (kanji are Han too)."""
    counts: Counter[str] = Counter()
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            label = next((lab for prefix, lab in SCRIPT_PREFIXES if name.startswith(prefix)), None)
            counts[label or "other"] += 1
    if counts["Kana"]:
        return "Kana"
    return counts.most_common(1)[0][0] if counts else "other"


def screen_rows(
    screener: Screener, rows: Sequence[Row], threshold: float, floor: float
) -> list[list[Hit]]:
    return [screener.screen(row.subject, threshold=floor, limit=1) for row in rows]


def table(title: str, rows: Sequence[Row], alerts: Sequence[bool], by: str) -> Table:
    """False alerts per 1,000 rows by script (or category), then overall."""
    groups: dict[str, list[bool]] = {}
    for row, alerted in zip(rows, alerts, strict=True):
        groups.setdefault(getattr(row, by), []).append(alerted)
    result = Table(title=title)
    for column in (by, "rows", "false alerts", "per 1,000"):
        result.add_column(column, justify="left" if column == by else "right")
    ordered = sorted(groups.items(), key=lambda item: -len(item[1]))
    for group, flags in [*ordered, ("overall", list(alerts))]:
        result.add_row(group, f"{len(flags):,}", str(sum(flags)), f"{per_1000(flags):.2f}")
    return result


def alerted(found: list[Hit], threshold: float) -> bool:
    return bool(found) and found[0].score >= threshold


def is_listed_name(hit: Hit) -> bool:
    """Whether an alert is on the listed firm's own name, legal forms aside: a
    generated "Dubai Trading Company Limited" is OFAC's "DUBAI TRADING COMPANY", which
    any screen must report. Such rows are no false alerts (and are counted apart)."""
    match = hit.match
    if hit.listed.entity.schema is Schema.PERSON:
        return False
    return _firm_words(match.query_name) == _firm_words(match.candidate_name)


def _firm_words(name: str) -> frozenset[str]:
    words = name_words(name, Schema.ORGANIZATION)
    kept = (w for w in words if part_role(w, Schema.ORGANIZATION) not in NON_NAME_ROLES)
    return frozenset(kept)


def is_false_alert(found: list[Hit], threshold: float) -> bool:
    return alerted(found, threshold) and not is_listed_name(found[0])


def per_1000(flags: Sequence[bool]) -> float:
    return 1000 * sum(flags) / len(flags) if flags else 0.0


def worst(rows: Sequence[Row], hits: Sequence[list[Hit]], threshold: float, count: int) -> Table:
    """The highest-scoring false alerts and the word pairs that carried them."""
    alerts = [(row, found[0]) for row, found in zip(rows, hits, strict=True) if found]
    alerts = [(row, hit) for row, hit in alerts if is_false_alert([hit], threshold)]
    alerts.sort(key=lambda item: -item[1].score)
    result = Table(title=f"worst {min(count, len(alerts))} of {len(alerts)} false alerts")
    for column in ("score", "name", "query", "listed", "carried by", "evidence"):
        result.add_column(column)
    for _, hit in alerts[:count]:
        match = hit.match
        pairs = ", ".join(
            f"{p.query_part}~{p.candidate_part} {p.similarity:.2f}" for p in match.parts
        )
        pairs = "; ".join([pairs, *match.disagreements])
        evidence = ", ".join(f"{e.check} {e.effect:+.2f}" for e in match.evidence)
        listed = f"{match.candidate_name} ({hit.listed.screening_id})"
        result.add_row(
            f"{hit.score:.3f}", f"{match.name_score:.3f}", match.query_name, listed, pairs, evidence
        )
    return result


def write_scores(path: Path, rows: Sequence[Row], hits: Sequence[list[Hit]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row, found in zip(rows, hits, strict=True):
            best = found[0] if found else None
            record = {
                "id": row.subject.key,
                "score": round(best.score, 6) if best else 0.0,
                "candidate": best.listed.screening_id if best else None,
            }
            out.write(json.dumps(record) + "\n")


def write_counts(url: str) -> None:
    """The table behind matching/information.py, from the bundled lists' active versions."""
    entities = [item.entity for item in active_entities(ListStore(open_engine(url)))]
    counts = count_words(entities)
    source = "every bundled list's active version (bench/false_alerts.py --write-word-counts)"
    write_word_counts(WORD_COUNTS, counts, len(entities), source)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.generate:
        write_generated(args.generate)
        return 0
    console = Console(width=200)
    url = build_store(args.database_url, console)
    if args.write_word_counts:
        write_counts(url)
        return 0
    started = time.perf_counter()
    screener = Screener(active_entities(ListStore(open_engine(url))))
    elapsed = time.perf_counter() - started
    console.print(f"screener over {len(screener):,} entities in {elapsed:.1f} s")
    floor = SCORES_FLOOR if args.scores_out else args.threshold
    all_rows: list[Row] = []
    all_hits: list[list[Hit]] = []
    for path in args.files or DEFAULT_FILES:
        rows = read_rows(path, args.half, args.every)
        started = time.perf_counter()
        hits = screen_rows(screener, rows, args.threshold, floor)
        elapsed = time.perf_counter() - started
        alerts = [is_false_alert(found, args.threshold) for found in hits]
        itself = [is_listed_name(found[0]) for found in hits if alerted(found, args.threshold)]
        console.print(
            f"{path.name}: {sum(itself)} rows alerted on a listed firm's own name (legal form"
            " aside), not counted as false alerts"
        )
        title = f"{path.name}: false alerts at {args.threshold:.2f}"
        console.print(table(title, rows, alerts, "group"))
        if any(row.category for row in rows):
            console.print(table(f"{path.name}: by category", rows, alerts, "category"))
        console.print(f"{len(rows):,} rows screened in {elapsed:.1f} s")
        all_rows += rows
        all_hits += hits
    console.print(worst(all_rows, all_hits, args.threshold, args.worst))
    if args.scores_out:
        write_scores(args.scores_out, all_rows, all_hits)
    console.print(machine(), style="dim")
    return 0


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="CSV files of people on no list")
    parser.add_argument("--half", choices=("a", "b"), help="only one half, by name")
    parser.add_argument("--every", type=int, default=1, help="only every Nth row (a sample)")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLDS.alert)
    parser.add_argument("--scores-out", type=Path, help="best score per row (down to 0.5)")
    parser.add_argument("--worst", type=int, default=30, help="how many alerts to list")
    parser.add_argument("--database-url", help="read lists from this store (default: a temp one)")
    parser.add_argument("--generate", type=Path, help="write the generated negatives here")
    parser.add_argument(
        "--write-word-counts",
        action="store_true",
        help="recount the name words of the bundled lists into matching/word_counts.tsv",
    )
    return parser.parse_args(argv)


# --- the generated file --------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.strip().splitlines() if line.strip()]


# Generic words of company names, by language: what makes "General Trading LLC" a name
# any of thousands of firms can bear.
GENERIC_EN = _words("""general international global united national universal first
central eastern western northern southern pacific atlantic continental royal golden
silver star crown eagle alpha delta prime premier modern new great grand metro city
capital standard reliable trust advanced integrated allied consolidated""")
KINDS_EN = _lines("""
trading
general trading
trade
import export
commerce
holding
holdings
investment
investments
group
industries
industrial
enterprises
services
solutions
logistics
shipping
transport
construction
engineering
energy
oil and gas
petroleum
chemicals
foods
textiles
electronics
technology
technologies
pharmaceuticals
medical supplies
marine
aviation
finance
capital
bank
insurance
real estate
development
consulting
equipment
machinery
metals
minerals
mining
agriculture
exchange
""")
FORMS = _lines("""
LLC
Ltd
Limited
Co
Co Ltd
Company
Company Limited
Corporation
Corp
Inc
PLC
LLP
GmbH
AG
SA
SAS
SARL
SpA
Srl
BV
NV
AB
AS
Oy
Pte Ltd
Pvt Ltd
Sdn Bhd
FZE
FZCO
JSC
OOO
""")
NATIONAL = _lines("""
Handelsgesellschaft mbH|de
Bau GmbH|de
Maschinenbau GmbH|de
Logistik GmbH & Co KG|de
Immobilien AG|de
Société Générale de Commerce|fr
Compagnie Internationale|fr
Transports et Logistique SARL|fr
Groupe Industriel SA|fr
Comercializadora del Norte SA de CV|es
Construcciones y Servicios SL|es
Importadora General SA|es
Inversiones Globales SA|es
Costruzioni Generali SpA|it
Commercio Internazionale Srl|it
Trasporti Srl|it
Handelsonderneming BV|nl
Bouwbedrijf BV|nl
Comércio e Serviços Ltda|pt
Importação e Exportação Ltda|pt
İnşaat Ticaret AŞ|tr
Dış Ticaret Ltd Şti|tr
Sanayi ve Ticaret AŞ|tr
Shoji KK|ja
Kogyo Co Ltd|ja
Trading Sdn Bhd|ms
Perdagangan Umum|ms
""")
# Firms written in their own script: a head word ("East", "Beijing", "Light") and a
# generic rest, per language.
NATIVE: dict[str, tuple[list[str], list[str]]] = {
    "ru": (
        _words("Восток Север Юг Альфа Вектор Гранит Меридиан Прогресс Сибирь Урал"),
        [
            "ООО Торговый Дом",
            "АО Промышленная Группа",
            "ООО Строительная Компания",
            "ООО Логистика",
        ],
    ),
    "zh": (
        _words("北京 上海 深圳 广州 华信 东方 长城 金龙 天成 宏达"),
        ["贸易有限公司", "国际贸易有限公司", "实业有限公司", "科技有限公司", "物流有限公司"],
    ),
    "ja": (_words("東京 大阪 日本 山田 田中"), ["商事株式会社", "産業株式会社", "物産株式会社"]),
    "ko": (_words("서울 부산 대한 한국 동방"), ["무역 주식회사", "산업 주식회사", "물산 주식회사"]),
    "ar": (
        _words("النور الخليج الشرق الأمل الفجر الرائد"),
        ["للتجارة العامة", "للاستثمار", "للمقاولات", "للنقل والشحن"],
    ),
}
PLACES = _words("""London Paris Berlin Hamburg Madrid Milan Rome Zurich Geneva Vienna
Amsterdam Rotterdam Antwerp Istanbul Dubai Sharjah Doha Riyadh Cairo Lagos Nairobi
Johannesburg Mumbai Delhi Karachi Singapore Shanghai Beijing Shenzhen Guangzhou Tokyo
Osaka Seoul Busan Sydney Melbourne Toronto Vancouver Chicago Houston Miami Panama Lima
Santiago Bogota Mexico Chile Peru Brazil Asia Europe Africa America Atlantic Pacific
Gulf Mediterranean Nordic Baltic Alpine Orient""")
GIVEN = _words("""James Mary John Patricia Robert Jennifer Michael Linda David Elizabeth
William Barbara Thomas Susan Charles Jessica Daniel Sarah Matthew Karen Anthony Nancy
Mark Lisa Paul Betty Steven Sandra Andrew Ashley Joshua Emily Kevin Donna Brian Michelle
George Carol Edward Amanda Ronald Melissa Timothy Deborah Jason Stephanie Jeffrey Rebecca
Maria Jose Juan Carmen Luis Ana Carlos Lucia Miguel Sofia Pedro Isabel Javier Elena
Antonio Manuel Francisco Rosa Alejandro Pilar Rafael Teresa Diego Laura Pablo Marta
Hans Ursula Klaus Petra Jurgen Sabine Wolfgang Monika Stefan Andrea Uwe Birgit
Pierre Marie Jean Claire Francois Sophie Luc Nathalie Philippe Isabelle Nicolas Camille
Giuseppe Giulia Marco Francesca Alessandro Chiara Luca Valentina Giovanni Federica
Lars Ingrid Erik Astrid Sven Karin Anders Birgitta Olav Sigrid Mikko Aino
Olga Ivan Natalia Sergei Tatiana Dmitri Andrei Irina Pavel Svetlana Nikolai Ekaterina
Piotr Agnieszka Tomasz Katarzyna Jan Anna Krzysztof Malgorzata
Wei Fang Jing Li Min Hui Yan Jun Lei Ying Hao Xin Ming Tao Yong Qiang
Hiroshi Yuki Takashi Keiko Haruto Sakura Kenji Naoko Daiki Aiko
Minjun Seoyeon Jiwoo Hyun Jiho Jisoo Minseo Dohyun Yejin Sungmin
Priya Rahul Anil Sunita Arjun Kavya Vikram Deepa Ravi Pooja Sanjay Neha Amit Anita
Mohammed Muhammad Mohamed Ahmed Ahmad Ali Omar Hassan Hussein Hussain Ibrahim Yusuf
Abdullah Abdul Khalid Mahmoud Mustafa Tariq Karim Hamza Bilal Salman Faisal Nasser
Fatima Aisha Mariam Zainab Leila Nour Samira Amina Khadija Huda Rania Yasmin
Reza Hossein Mehdi Ali-Reza Fariba Shirin Parisa Zahra Maryam Navid
Mehmet Ayse Emre Zeynep Ahmet Elif Murat Fatma Burak Esra
Kwame Ama Kofi Abena Chinedu Ngozi Oluwaseun Amara Tunde Thandiwe Sipho Lerato Juma
Wanjiru Musa Halima Ibrahima Fatou Moussa Aminata
Nguyen Minh Linh Tuan Anh Huong Duc Thanh Lan
Joao Ana Tiago Beatriz Rui Ines Gabriel Larissa
Avi Noa Yosef Tamar David Yael Moshe Rivka
Dimitris Eleni Giorgos Maria Kostas Sofia
Somchai Malee Nattapong Siriporn""")
SURNAMES = _words("""Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor
Thomas Moore Martin Jackson Thompson White Harris Clark Lewis Walker Young Allen King
Wright Scott Green Baker Adams Nelson Hill Campbell Mitchell Roberts Carter Phillips
Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres Flores
Rivera Gomez Diaz Morales Ortiz Castillo Romero Vargas Ruiz Jimenez Mendoza Alvarez
Muller Schmidt Schneider Fischer Weber Meyer Wagner Becker Hoffmann Schulz Koch Richter
Dubois Lefebvre Moreau Laurent Girard Bonnet Bernard Durand Leroy Simon Michel Fournier
Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo
Johansson Andersson Nilsson Larsen Hansen Nielsen Virtanen Korhonen Jensen Olsen
Kowalski Nowak Wisniewski Wojcik Kaminski Lewandowski
Smirnov Ivanov Kuznetsov Popov Sokolov Lebedev Kozlov Novikov Morozov Petrov Volkov
Novak Horvat Kovac Nagy Szabo Toth
Wang Zhang Liu Chen Yang Huang Zhao Zhou Wu Xu Sun Ma Zhu Hu Guo He Lin Luo Gao
Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato
Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Shin Seo Kwon Hwang
Patel Sharma Singh Kumar Gupta Reddy Iyer Nair Das Rao Joshi Mehta Shah Verma Mishra
Khan Ahmed Ali Hussain Hassan Rahman Hossain Chowdhury Qureshi Malik Sheikh Siddiqui
Haddad Khoury Mansour Nasser Saleh Hamdan Darwish Aziz Said Najjar Khalil Youssef
Hosseini Mohammadi Ahmadi Rezaei Moradi Karimi Jafari Rahimi Sadeghi Ebrahimi
Yilmaz Kaya Demir Celik Sahin Yildiz Ozturk Aydin Arslan Dogan
Okafor Mensah Boateng Adeyemi Okonkwo Dlamini Nkosi Mwangi Otieno Diallo Traore Keita
Nguyen Tran Pham Hoang Vu Dang Bui Do Ngo
Silva Santos Oliveira Souza Pereira Costa Rodrigues Almeida Ferreira Lima Carvalho
Cohen Levi Mizrahi Peretz Friedman Katz
Papadopoulos Georgiou Nikolaidis
Suwan Saetang Srisuk""")
NATIVE_SINGLE = _words("""王 李 张 刘 陈 杨 黄 赵 伟 芳 静 敏 김 이 박 최 정 지호 서연 민준
佐藤 鈴木 高橋 さくら ひろし محمد أحمد علي حسن فاطمة عبدالله خان رضا حسین
Иван Ольга Смирнов Петров Мария आरती राहुल शर्मा सिंह משה כהן""")


def write_generated(path: Path) -> None:
    """10,000 rows: ordinary firms, then single given names and surnames."""
    rng = random.Random(SEED)
    singles = list(dict.fromkeys([*GIVEN, *SURNAMES, *NATIVE_SINGLE]))
    seen: set[str] = set(singles)
    firms: list[tuple[str, str]] = []
    while len(firms) < GENERATED_ROWS - len(singles):
        name, category = company_name(rng)
        if name not in seen:
            seen.add(name)
            firms.append((name, category))
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["full_name", "schema", "category"])
        writer.writerows([name, "organization", category] for name, category in firms)
        given = set(GIVEN)
        for name in singles:
            category = "given name" if name in given else "surname"
            if name in NATIVE_SINGLE:
                category = "single name, original script"
            writer.writerow([name, "person", category])


def company_name(rng: random.Random) -> tuple[str, str]:
    """One firm name, and which pattern built it."""
    roll = rng.random()
    kind, form = rng.choice(KINDS_EN).title(), rng.choice(FORMS)
    if roll < 0.08:
        return " ".join(w for w in (kind, rng.choice(["", *FORMS])) if w), "generic only"
    if roll < 0.3:
        return f"{rng.choice(GENERIC_EN).title()} {kind} {form}", "generic words"
    if roll < 0.5:
        return f"{rng.choice(PLACES)} {kind} {form}", "place + generic"
    if roll < 0.7:
        return f"{rng.choice(SURNAMES)} {kind} {form}", "surname + generic"
    if roll < 0.8:
        first, second = rng.sample(SURNAMES, 2)
        return f"{first} & {second} {form}", "surnames"
    if roll < 0.93:
        suffix, _ = rng.choice(NATIONAL).split("|")
        head = rng.choice([*SURNAMES, *PLACES, *(w.title() for w in GENERIC_EN)])
        return f"{head} {suffix}", "other languages"
    language = rng.choice(sorted(NATIVE))
    heads, rests = NATIVE[language]
    head, rest = rng.choice(heads), rng.choice(rests)
    return (f"شركة {head} {rest}" if language == "ar" else f"{head} {rest}"), "original script"


if __name__ == "__main__":
    sys.exit(main())
