#!/usr/bin/env python3
"""Differential check of `sigap nik check` against python-stdnum's `stdnum.id.nik`.

Generates deterministic NIK strings (valid Kota Bekasi NIKs, other provinces, mutations of every
digit group, women's days 41-71, 29 February, serial 0000, wrong lengths, letters, separators,
whitespace, apostrophes, Unicode look-alikes, scientific notation), runs both validators, and
compares their verdicts (valid or not). Every disagreement must be explained by one of the rule
differences documented below, each checked on the input itself; any other disagreement fails the
check (exit 1).

Rule differences between SPEC §5.1 (sigap) and python-stdnum 2.2 (read from its source,
stdnum/id/nik.py, stdnum/util.py and stdnum/id/loc.dat):

  serial-0000          stdnum does not look at the serial; SPEC rejects 0000 (NIK_SERIAL_INVALID).
  regency-or-district-00
                       stdnum looks up `number[:4]` in id/loc.dat but keeps only the first part's
                       properties, i.e. the province's: it never checks the regency or district.
                       SPEC rejects a regency or district pair of 00 (NIK_REGION_INVALID).
  province-not-in-stdnum
                       stdnum's table lacks provinces 65 (Kalimantan Utara), 92, 93, 95 and 96
                       (the Papua provinces of 2022); SPEC's list has them.
  day-72-99            stdnum takes the day modulo 40, so days 81-99 read as 1-19; SPEC allows
                       only 01-31 and 41-71 (NIK_DATE_INVALID).
  century-29-february  stdnum accepts a date if it exists in 19YY or in 20YY; SPEC resolves the
                       century from the month processed (the latest year ending in YY not after
                       it), so 29-02-00 is invalid when it resolves to 1900 or 2100.
  leading-apostrophe   SPEC strips one leading apostrophe (Excel's text marker); stdnum keeps it.
  inner-whitespace     SPEC removes whitespace of any kind anywhere; stdnum removes only the
                       Unicode spaces it folds to ' ' (not tabs or line breaks inside the number).
  separator-position   stdnum deletes every '.', '-' and ' ' anywhere; SPEC removes '.' and '-'
                       only between two digits (a leading, trailing or doubled separator stays
                       and is NIK_NOT_DIGITS).
  unicode-look-alikes  stdnum folds Unicode dashes, dots, spaces and full-width or mathematical
                       digits to ASCII; SPEC accepts ASCII digits, '.' and '-' only.

Usage: check.py [--sigap PATH] [--count N] [--seed S]
"""

from __future__ import annotations

import argparse
import collections
import random
import subprocess
import sys

from stdnum.id import nik as stdnum_nik
from stdnum import numdb
from stdnum import util as stdnum_util

MONTH = "2025-11"
# A second, smaller run where 29-02-00 resolves to 1900 (the century rule's other side).
CENTURY_MONTH = "1999-12"

OUR_PROVINCES = (
    list(range(11, 20)) + [21] + list(range(31, 37)) + list(range(51, 54)) + list(range(61, 66))
    + list(range(71, 77)) + [81, 82] + list(range(91, 97))
)
KOTA_BEKASI_DISTRICTS = [f"{d:02d}" for d in range(1, 13)]
APOSTROPHES = ("'", "\u2018", "\u2019")
SEPARATORS = (".", "-")
SPACES = (" ", "\u00a0", "\u202f", "\u2007", "\u3000")
# Inputs travel one a line, so no line feed; a carriage return only inside.
INNER_WHITESPACE = ("\t", "\r", "\u2028", "\u000b", "\u000c")
UNICODE_DASHES = ("\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212", "\uff0d")
UNICODE_DOTS = ("\u00b7", "\u2022", "\u2024", "\uff0e", "\u30fb")
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def stdnum_provinces() -> set[int]:
    """The province codes stdnum knows: the top level of id/loc.dat."""
    known = set()
    for code in range(100):
        parts = numdb.get("id/loc").info(f"{code:02d}00")
        if parts and parts[0][1] and len(parts[0][0]) == 2:
            known.add(code)
    return known


STDNUM_PROVINCES = stdnum_provinces()


# --- generation ------------------------------------------------------------------------------


def date_digits(rng: random.Random, female: bool | None = None, year: int | None = None) -> str:
    """DDMMYY of a real date (1940-2012), women's day plus 40."""
    y = year if year is not None else rng.randint(1940, 2012)
    m = rng.randint(1, 12)
    days = [31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28, 31, 30, 31, 30, 31, 31, 30,
            31, 30, 31][m - 1]
    d = rng.randint(1, days)
    if female if female is not None else rng.random() < 0.5:
        d += 40
    return f"{d:02d}{m:02d}{y % 100:02d}"


def serial(rng: random.Random) -> str:
    return f"{rng.choice([rng.randint(1, 20), rng.randint(1, 9999)]):04d}"


def bekasi(rng: random.Random) -> str:
    return "3275" + rng.choice(KOTA_BEKASI_DISTRICTS) + date_digits(rng) + serial(rng)


def elsewhere(rng: random.Random) -> str:
    province = rng.choice(OUR_PROVINCES + sorted(STDNUM_PROVINCES) + [rng.randint(0, 99)])
    return f"{province:02d}{rng.randint(1, 79):02d}{rng.randint(1, 40):02d}" + date_digits(rng) + serial(rng)


def mutate_group(rng: random.Random, nik: str) -> str:
    """Replace one digit group (province, regency, district, day, month, year, serial)."""
    group = rng.randrange(7)
    digits = list(nik)
    if group == 6:
        value = rng.choice(["0000", "0001", "9999", f"{rng.randint(0, 9999):04d}"])
        digits[12:16] = value
    else:
        start = [0, 2, 4, 6, 8, 10][group]
        value = rng.choice(["00", f"{rng.randint(0, 99):02d}"])
        digits[start:start + 2] = value
    return "".join(digits)


def feb29(rng: random.Random) -> str:
    day = rng.choice(["29", "69", "28", "68", "30", "70"])
    return "3275" + rng.choice(KOTA_BEKASI_DISTRICTS) + day + "02" + f"{rng.randint(0, 99):02d}" + serial(rng)


def women(rng: random.Random) -> str:
    day = rng.randint(38, 75)
    month = rng.randint(1, 12)
    return "3275" + rng.choice(KOTA_BEKASI_DISTRICTS) + f"{day:02d}{month:02d}{rng.randint(0, 99):02d}" + serial(rng)


def wrong_length(rng: random.Random, nik: str) -> str:
    if rng.random() < 0.5:
        return nik[: rng.randint(0, 15)]
    return nik + "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 4)))


def with_letter(rng: random.Random, nik: str) -> str:
    position = rng.randrange(len(nik))
    replacement = rng.choice([rng.choice(LETTERS), "O", "l", "I", "\uff13", "\U0001d7d1", "\u0663", "+", "/", "_"])
    if rng.random() < 0.5:
        return nik[:position] + replacement + nik[position + 1:]
    return nik[:position] + replacement + nik[position:]


def grouped(rng: random.Random, nik: str, separator: str) -> str:
    groups = rng.choice([[2, 2, 2, 6, 4], [4, 2, 6, 4], [4, 4, 4, 4], [6, 6, 4], [6, 10]])
    parts, at = [], 0
    for size in groups:
        parts.append(nik[at:at + size])
        at += size
    return separator.join(parts)


def separated(rng: random.Random, nik: str) -> str:
    kind = rng.randrange(9)
    if kind == 0:
        return grouped(rng, nik, rng.choice(SEPARATORS))
    if kind == 1:
        return grouped(rng, nik, rng.choice(SPACES))
    if kind == 2:
        return grouped(rng, nik, rng.choice([" . ", " - ", ". ", "-", "."]))
    if kind == 3:  # doubled separators
        return grouped(rng, nik, rng.choice(["--", "..", ".-", "- -"]))
    if kind == 4:  # leading or trailing separators
        sep = rng.choice(SEPARATORS)
        return rng.choice([sep + nik, nik + sep, sep + grouped(rng, nik, sep), grouped(rng, nik, sep) + sep])
    if kind == 5:  # Unicode dashes and dots between groups
        return grouped(rng, nik, rng.choice(UNICODE_DASHES + UNICODE_DOTS))
    if kind == 6:  # whitespace around the value
        return rng.choice(SPACES + ("\t",)) + nik + rng.choice(SPACES + ("",))
    if kind == 7:  # whitespace that stdnum does not remove, inside
        return grouped(rng, nik, rng.choice(INNER_WHITESPACE))
    return grouped(rng, nik, rng.choice(["/", "_", ",", ":", "|"]))


def apostrophe(rng: random.Random, nik: str) -> str:
    mark = rng.choice(APOSTROPHES)
    return rng.choice([mark + nik, " " + mark + nik, mark + mark + nik, nik + mark, mark + grouped(rng, nik, " ")])


def scientific(rng: random.Random, nik: str) -> str:
    mantissa = nik[0] + rng.choice([".", ","]) + nik[1:rng.randint(2, 15)].rstrip("0")
    if mantissa[-1] in ".,":
        mantissa = mantissa[:-1]
    return mantissa + rng.choice(["E+15", "e+15", "E15", "E+16"])


def fullwidth(rng: random.Random, nik: str) -> str:
    table = {str(d): chr(0xFF10 + d) for d in range(10)}
    if rng.random() < 0.5:
        return "".join(table[c] for c in nik)
    position = rng.randrange(len(nik))
    return nik[:position] + table[nik[position]] + nik[position + 1:]


def generate(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    makers = [
        (18, lambda: bekasi(rng)),
        (10, lambda: elsewhere(rng)),
        (20, lambda: mutate_group(rng, rng.choice([bekasi(rng), elsewhere(rng)]))),
        (8, lambda: women(rng)),
        (6, lambda: feb29(rng)),
        (3, lambda: bekasi(rng)[:12] + "0000"),
        (6, lambda: wrong_length(rng, bekasi(rng))),
        (6, lambda: with_letter(rng, bekasi(rng))),
        (12, lambda: separated(rng, rng.choice([bekasi(rng), elsewhere(rng)]))),
        (4, lambda: apostrophe(rng, bekasi(rng))),
        (2, lambda: scientific(rng, bekasi(rng))),
        (2, lambda: fullwidth(rng, bekasi(rng))),
        (1, lambda: rng.choice(["", " ", "-", "'", "\u00a0", "NIK", "0", "-- ", "3275"])),
        (2, lambda: separated(rng, mutate_group(rng, bekasi(rng)))),
    ]
    weights = [weight for weight, _ in makers]
    inputs = []
    for _ in range(count):
        make = rng.choices(makers, weights=weights)[0][1]
        inputs.append(make())
    return inputs


# --- running ---------------------------------------------------------------------------------


def run_sigap(sigap: str, inputs: list[str], month: str) -> list[str]:
    """Our code for each input: OK or the NIK error."""
    payload = "".join(text + "\n" for text in inputs).encode("utf-8")
    result = subprocess.run([sigap, "nik", "check", "--month", month], input=payload, capture_output=True)
    if result.returncode != 0:
        sys.exit(f"check-nik: {sigap} nik check exited {result.returncode}: {result.stderr.decode(errors='replace')}")
    lines = result.stdout.decode("utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) != len(inputs):
        sys.exit(f"check-nik: {len(inputs)} inputs but {len(lines)} output lines")
    codes = []
    for text, line in zip(inputs, lines):
        echoed, _, code = line.rpartition("\t")
        expected_echo = text[:-1] if text.endswith("\r") else text
        if echoed != expected_echo:
            sys.exit(f"check-nik: output line {line!r} does not echo its input {text!r}")
        codes.append(code)
    return codes


def stdnum_valid(text: str) -> bool:
    return stdnum_nik.is_valid(text)


def line_safe(text: str) -> bool:
    """Inputs travel one a line: no line feed, and no carriage return at the end."""
    return "\n" not in text and not text.endswith("\r")


# --- classification --------------------------------------------------------------------------


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def resolved_year(yy: int, month: str) -> int:
    year = int(month[:4])
    candidate = year - year % 100 + yy
    return candidate - 100 if candidate > year else candidate


def our_digits(text: str) -> str:
    """The digits sigap read from an input it accepted: whitespace, one leading apostrophe and
    the separators (all between digits, or it would not have accepted it) removed."""
    compact = "".join(c for c in text if not c.isspace())
    if compact[:1] in APOSTROPHES:
        compact = compact[1:]
    return compact.replace(".", "").replace("-", "")


def folds_unicode(text: str) -> bool:
    """True when stdnum's character folding changes the text (non-ASCII look-alikes)."""
    return stdnum_util._clean_chars(text) != text


def stdnum_fails_only_on_province(digits: str) -> bool:
    try:
        stdnum_nik.get_birth_date(digits)
    except Exception:
        return False
    return int(digits[:2]) not in STDNUM_PROVINCES and int(digits[:2]) in OUR_PROVINCES


def explain(text: str, code: str, month: str, recheck: dict[str, str]) -> str | None:
    """The documented rule difference behind a disagreement, or None."""
    if code == "OK":
        # We accept, stdnum rejects.
        digits = our_digits(text)
        if len(digits) != 16 or not all(c in "0123456789" for c in digits):
            return None  # sigap accepted something that is not 16 digits once cleaned: a bug
        labels = []
        stripped = "".join(c for c in text if not c.isspace())
        if stripped[:1] in APOSTROPHES:
            labels.append("leading-apostrophe")
        if any(c.isspace() and stdnum_util._clean_chars(c) != " " for c in text.strip()):
            labels.append("inner-whitespace")
        if stdnum_valid(digits):
            return "+".join(labels) if labels else None
        if stdnum_fails_only_on_province(digits):
            return "+".join(labels + ["province-not-in-stdnum"])
        return None
    # We reject, stdnum accepts.
    compact = stdnum_nik.compact(text)
    if code == "NIK_SERIAL_INVALID":
        return "serial-0000" if compact[12:16] == "0000" else None
    if code == "NIK_REGION_INVALID":
        if int(compact[:2]) in OUR_PROVINCES and "00" in (compact[2:4], compact[4:6]):
            return "regency-or-district-00"
        return None
    if code == "NIK_DATE_INVALID":
        day, month_of_birth, yy = int(compact[6:8]), int(compact[8:10]), int(compact[10:12])
        if 72 <= day <= 99:
            return "day-72-99"
        if day in (29, 69) and month_of_birth == 2 and not is_leap(resolved_year(yy, month)) and (
            is_leap(1900 + yy) or is_leap(2000 + yy)
        ):
            return "century-29-february"
        return None
    if code == "NIK_NOT_DIGITS":
        # Cleaned the way stdnum cleans, sigap must agree, or disagree for another documented
        # reason (a leading dash before a serial 0000 is two differences at once).
        second = recheck.get(compact)
        cleaning = "unicode-look-alikes" if folds_unicode(text) else "separator-position"
        if second == "OK":
            return cleaning
        if second is None or second == "NIK_NOT_DIGITS":
            return None
        inner = explain(compact, second, month, {})
        return f"{cleaning}+{inner}" if inner else None
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sigap", default=".build/debug/sigap")
    parser.add_argument("--count", type=int, default=120_000)
    parser.add_argument("--seed", type=int, default=20251105)
    args = parser.parse_args()

    runs = []
    main_inputs = [text for text in generate(args.count, args.seed) if line_safe(text)]
    runs.append((MONTH, main_inputs))
    century_rng = random.Random(args.seed + 1)
    century_inputs = [feb29(century_rng) for _ in range(5_000)] + [bekasi(century_rng) for _ in range(1_000)]
    runs.append((CENTURY_MONTH, century_inputs))

    classes = [
        "serial-0000", "regency-or-district-00", "province-not-in-stdnum", "day-72-99", "century-29-february",
        "leading-apostrophe", "inner-whitespace", "separator-position", "unicode-look-alikes",
    ]
    counts: collections.Counter[str] = collections.Counter()
    agreement: collections.Counter[str] = collections.Counter()
    our_codes: collections.Counter[str] = collections.Counter()
    unexplained: list[tuple[str, str, str, bool]] = []
    total = 0
    for month, inputs in runs:
        codes = run_sigap(args.sigap, inputs, month)
        theirs = [stdnum_valid(text) for text in inputs]
        disagreements = [(t, c, s) for t, c, s in zip(inputs, codes, theirs) if (c == "OK") != s]
        # Inputs we reject as NIK_NOT_DIGITS but stdnum accepts: recheck them cleaned stdnum's way.
        to_recheck = sorted({stdnum_nik.compact(t) for t, c, s in disagreements if c == "NIK_NOT_DIGITS"})
        to_recheck = [text for text in to_recheck if line_safe(text)]
        recheck = dict(zip(to_recheck, run_sigap(args.sigap, to_recheck, month))) if to_recheck else {}
        total += len(inputs)
        our_codes.update(codes)
        for text, code, valid in zip(inputs, codes, theirs):
            if (code == "OK") == valid:
                agreement["both valid" if valid else "both invalid"] += 1
        for text, code, valid in disagreements:
            label = explain(text, code, month, recheck)
            if label is None:
                unexplained.append((month, text, code, valid))
            else:
                counts[label] += 1
        print(f"check-nik: month {month}: {len(inputs)} inputs, {len(disagreements)} disagreements")

    print(f"check-nik: {total} inputs in all; sigap vs python-stdnum {stdnum_version()}")
    print(f"  agree, both valid:   {agreement['both valid']:>7}")
    print(f"  agree, both invalid: {agreement['both invalid']:>7}")
    print("  sigap verdicts: " + ", ".join(f"{code} {n}" for code, n in sorted(our_codes.items())))
    print("  disagreements by documented rule difference (see check.py):")
    for label in classes + sorted(set(counts) - set(classes)):
        print(f"    {label:<45} {counts[label]:>7}")
    print(f"    {'unexplained':<45} {len(unexplained):>7}")
    for month, text, code, valid in unexplained[:30]:
        print(f"    unexplained: month {month} input {text!r}: sigap {code}, stdnum {'valid' if valid else 'invalid'}")
    if unexplained:
        print("check-nik: FAILED: disagreements that no documented rule difference explains")
        return 1
    print("check-nik: OK: every disagreement is a documented rule difference")
    return 0


def stdnum_version() -> str:
    try:
        from importlib.metadata import version
        return version("python-stdnum")
    except Exception:
        return "(version unknown)"


if __name__ == "__main__":
    sys.exit(main())
