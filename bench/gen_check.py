#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes N dossiers with evidence bundles for benchmarking `sqma check`.

Each bundle holds four incompressible files (stored, as zip tools store data that does
not compress, like scanned PDFs and photos) and one small text file (deflated), about
SIZE bytes in all. Dossiers go to OUT/dossiers.jsonl, bundles to OUT/bundles/, and a
cycle config to OUT/cycle.toml. The same arguments give the same bytes.
"""
import hashlib
import json
import random
import sys
import zipfile
from pathlib import Path

CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def credit_code(n: int) -> str:
    body = "91310115" + f"{n:09d}"
    total = sum(CODE_ALPHABET.index(c) * pow(3, i, 31) for i, c in enumerate(body))
    return body + CODE_ALPHABET[(31 - total % 31) % 31]


def main() -> None:
    out, count, size = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(20251124)
    (out / "bundles").mkdir(parents=True, exist_ok=True)
    names = [("registration_form", "01-报名表.pdf"), ("application_form", "02-申报表.pdf"),
             ("self_assessment", "03-自评报告.pdf"), ("best_practice_cases", "04-最佳实践案例.pdf")]
    with open(out / "dossiers.jsonl", "w", encoding="utf-8") as jsonl:
        for i in range(count):
            ident = f"SQMA-2025-B{i:05d}"
            materials = []
            path = out / "bundles" / f"{ident}.zip"
            with zipfile.ZipFile(path, "w") as z:
                for kind, name in names:
                    data = rng.randbytes(size // 4)
                    info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
                    info.flag_bits |= 0x800
                    z.writestr(info, data, compress_type=zipfile.ZIP_STORED)
                    materials.append({"type": kind, "path": name, "sha256": hashlib.sha256(data).hexdigest()})
                text = ("证实性材料\n" * 200).encode()
                info = zipfile.ZipInfo("05-证实性材料/说明.md", (1980, 1, 1, 0, 0, 0))
                info.flag_bits |= 0x800
                z.writestr(info, text, compress_type=zipfile.ZIP_DEFLATED)
                materials.append({"type": "evidence", "path": info.filename, "sha256": hashlib.sha256(text).hexdigest()})
            dossier = {
                "schema": "dossier.v1", "id": ident, "cycle": 2025, "class": "organisation",
                "applicant": {"name": f"上海基准测试{i}有限公司",
                              "organisation": {"name": f"上海基准测试{i}有限公司", "credit_code": credit_code(i)}},
                "certificates": [{"type": t, "number": f"{t}-{i}", "issuer": "CQC",
                                  "valid_from": "2023-01-01", "valid_until": "2026-12-31"}
                                 for t in ("quality", "environment", "ohs")],
                "compliance": {"products_meet_standards": True, "waste_treatment_compliant": True,
                               "key_energy_user": False, "mandatory_certification_required": False},
                "social_report": {"year": 2024, "published_at": "公司网站"},
                "activities": [{"organiser": "saq", "name": "QC小组活动", "date": "2024-09-01"}],
                "recommendations": [{"body": "浦东新区质量协会", "kind": "district_quality_association",
                                     "date": "2025-05-01"}],
                "materials": materials, "bundle": {"path": path.name},
                "stage": "submitted", "history": []}
            jsonl.write(json.dumps(dossier, ensure_ascii=False) + "\n")
    (out / "cycle.toml").write_text("""schema = "cycle.v1"
year = 2025
name = "基准测试"
[dates]
application_deadline = 2025-06-30
reference_date = 2025-06-30
check_date = 2025-07-15
[check]
supplement_working_days = 10
bundle_dir = "bundles"
[caps]
benchmark = 10
project = 10
leader = 5
manager = 20
craftsman = 20
[panels.written]
organisation = 5
project = 3
individual = 3
[panels.panel]
organisation = 7
project = 5
individual = 5
[panels.onsite]
organisation = 5
project = 3
individual = 3
[notice]
working_days = 7
publisher = "上海市质量协会"
contact = { office = "上海市质量管理奖工作办公室" }
""", encoding="utf-8")


if __name__ == "__main__":
    main()
