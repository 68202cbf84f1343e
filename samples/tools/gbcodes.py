#!/usr/bin/env python3
"""Check characters of Chinese identifiers used in the sample dossiers.

- GB 32100-2015 unified social credit code (统一社会信用代码), 18 characters:
  registration authority (1) + organisation type (1) + administrative division (6)
  + organisation code (9, itself ending in a GB 11714-1997 check character) + check (1).
- GB 11714-1997 organisation code (组织机构代码) check character.
- GB 11643-1999 resident identity number (公民身份号码), 18 characters.

Usage:
  gbcodes.py credit CODE...        print each credit code with its correct check character
  gbcodes.py id NUMBER...          likewise for identity numbers
  gbcodes.py check-credit CODE...  say "ok" or "bad" for each credit code (exit 1 if any is bad)
  gbcodes.py check-id NUMBER...    likewise for identity numbers (the birth date must be real)
"""

import datetime
import sys

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [pow(3, i, 31) for i in range(17)]  # 1, 3, 9, 27, 19, 26, ...
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"


def credit_check(first17: str) -> str:
    """The GB 32100-2015 check character of the first 17 characters."""
    if len(first17) != 17:
        raise ValueError(f"need 17 characters, got {first17!r}")
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def credit_valid(code: str) -> bool:
    return (len(code) == 18 and all(c in CREDIT_ALPHABET for c in code)
            and credit_check(code[:17]) == code[17])


def org_code_check(first8: str) -> str:
    """The GB 11714-1997 check character of an 8-character organisation code body."""
    def value(c: str) -> int:
        return int(c) if c.isdigit() else ord(c) - 55
    rest = 11 - sum(value(c) * w for c, w in zip(first8, ORG_WEIGHTS)) % 11
    return {10: "X", 11: "0"}.get(rest, str(rest))


def id_check(first17: str) -> str:
    """The GB 11643-1999 check character of the first 17 digits."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError(f"need 17 digits, got {first17!r}")
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def id_valid(number: str) -> bool:
    if len(number) != 18 or not number[:17].isdigit() or id_check(number[:17]) != number[17]:
        return False
    try:
        datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return True


def wrong_check(correct: str, alphabet: str) -> str:
    """A check character that is not the correct one (for deliberately flawed samples)."""
    i = alphabet.index(correct)
    return alphabet[(i + 7) % len(alphabet)]


def main(argv):
    verbs = ("credit", "id", "check-credit", "check-id")
    if len(argv) < 3 or argv[1] not in verbs:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    verb, bad = argv[1], 0
    for code in (c.strip().upper() for c in argv[2:]):
        if verb == "credit":
            print(code[:17] + credit_check(code[:17]))
        elif verb == "id":
            print(code[:17] + id_check(code[:17]))
        else:
            ok = credit_valid(code) if verb == "check-credit" else id_valid(code)
            bad += not ok
            print(f"{code} {'ok' if ok else 'bad'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
