#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""An independent BagIt 1.0 validator (RFC 8493), standard library only, sharing no code with
sqma: checks that a folder is a complete and valid bag.

Usage: bagit_validate.py BAG_DIR      exit 0 valid, 1 invalid (each problem printed)

It checks bagit.txt (version and encoding), that every payload manifest lists every file
under data/ and only files that exist, every digest of every manifest and tag manifest
whose algorithm hashlib knows, and Payload-Oxum when bag-info.txt gives one. Paths in
manifests are percent-decoded (%25, %0D, %0A) as section 2.1.3 says.
"""

import hashlib
import os
import re
import sys


def read_tags(path):
    """Label/value pairs of a tag file, with continuation lines folded in."""
    pairs = []
    with open(path, encoding="utf-8") as handle:
        for line in handle.read().splitlines():
            if not line:
                continue
            if line[0] in " \t":
                pairs[-1] = (pairs[-1][0], pairs[-1][1] + " " + line.strip())
                continue
            label, sep, value = line.partition(":")
            if not sep:
                raise ValueError(f"{path}: not a tag line: {line!r}")
            pairs.append((label.strip(), value.strip()))
    return pairs


def decode(path):
    return re.sub(r"%([0-9A-Fa-f]{2})", lambda m: chr(int(m.group(1), 16)), path)


def read_manifest(path):
    entries = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for number, line in enumerate(handle.read().split("\n"), 1):
            line = line.rstrip("\r")
            if not line:
                continue
            match = re.match(r"^([0-9A-Fa-f]+)[ \t]+(.+)$", line)
            if not match:
                raise ValueError(f"{path}: line {number} is not '<digest> <path>'")
            entries[decode(match.group(2))] = match.group(1).lower()
    return entries


def digest(path, algorithm):
    h = hashlib.new(algorithm)
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def validate(bag):
    problems = []
    declaration = os.path.join(bag, "bagit.txt")
    if not os.path.isfile(declaration):
        return [f"{bag}: no bagit.txt"]
    tags = dict(read_tags(declaration))
    if tags.get("BagIt-Version") not in ("1.0", "0.97"):
        problems.append(f"bagit.txt: BagIt-Version {tags.get('BagIt-Version')!r}")
    if tags.get("Tag-File-Character-Encoding", "").lower() != "utf-8":
        problems.append("bagit.txt: Tag-File-Character-Encoding is not UTF-8")
    payload = set()
    data = os.path.join(bag, "data")
    if not os.path.isdir(data):
        problems.append("no data/ folder")
    for root, _dirs, files in os.walk(data):
        for name in files:
            payload.add(os.path.relpath(os.path.join(root, name), bag).replace(os.sep, "/"))
    manifests = sorted(n for n in os.listdir(bag) if re.match(r"^manifest-\w+\.txt$", n))
    tag_manifests = sorted(n for n in os.listdir(bag) if re.match(r"^tagmanifest-\w+\.txt$", n))
    if not manifests:
        problems.append("no payload manifest")
    for name in manifests + tag_manifests:
        algorithm = name.split("-", 1)[1][:-4]
        entries = read_manifest(os.path.join(bag, name))
        for path, expected in sorted(entries.items()):
            full = os.path.join(bag, path)
            if not os.path.isfile(full):
                problems.append(f"{name}: {path}: missing")
            elif algorithm in hashlib.algorithms_available and digest(full, algorithm) != expected:
                problems.append(f"{name}: {path}: digest differs")
        if name in manifests:
            for path in sorted(payload - set(entries)):
                problems.append(f"{name}: {path}: in data/ but not listed")
    info = os.path.join(bag, "bag-info.txt")
    if os.path.isfile(info):
        for label, value in read_tags(info):
            if label.lower() == "payload-oxum":
                size = sum(os.path.getsize(os.path.join(bag, p)) for p in payload)
                if value != f"{size}.{len(payload)}":
                    problems.append(f"bag-info.txt: Payload-Oxum {value}, payload {size}.{len(payload)}")
    return problems


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        problems = validate(argv[1])
    except (OSError, ValueError, UnicodeDecodeError) as error:
        problems = [str(error)]
    for problem in problems:
        print(problem)
    if not problems:
        print(f"{argv[1]}: valid")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
