#!/usr/bin/env python3
"""Writes a large Formwork form set (~1 MB of YAML) for timing `formwork check`.

It mirrors the peers' forms.yaml (../shared/bench/gen_data.py): N copies of the 12-field
visit_report form, each with its own approval policy (a director step above a threshold), all
in one funnel, plus a small org. Deterministic: the same N gives the same bytes.

usage: generate-formset.py OUT_DIR [--bytes 1000000]
"""
import os
import sys

STAGES = ["lead", "qualified", "proposal", "negotiation", "closed_won", "closed_lost"]


def form(k):
    return f"""form: visit_report_{k:04d}
title: {{en: "Customer visit report #{k}", zh-Hant: "客戶拜訪報告 #{k}"}}
description: >
  Filled by the sales rep after each customer visit. Routed to the rep's
  supervisor; escalated to a director when the amount exceeds the threshold.
policy: signoff_{k:04d}
fields:
  - id: report_id
    type: text
    label: {{en: Report ID, zh-Hant: 報告編號}}
    required: true
    pattern: '^R-[0-9]{{6}}$'
  - id: rep_id
    type: text
    label: {{en: Sales rep, zh-Hant: 業務代表}}
    required: true
    pattern: '^u[0-9]+$'
  - id: customer_name
    type: text
    label: {{en: Customer, zh-Hant: 客戶}}
    required: true
    length: {{min: 1, max: 120}}
  - id: visit_date
    type: date
    label: {{en: Visit date, zh-Hant: 拜訪日期}}
    required: true
  - id: stage
    type: choice
    label: {{en: Sales stage, zh-Hant: 銷售階段}}
    required: true
    choices: stage
  - id: amount
    type: decimal
    label: {{en: Expected amount, zh-Hant: 預估金額}}
    required: true
    range: {{min: 0, max: 100000000}}
  - id: currency
    type: choice
    label: {{en: Currency, zh-Hant: 幣別}}
    required: true
    choices: currency
    default: CNY
  - id: products
    type: text_list
    label: {{en: Products, zh-Hant: 產品}}
    required: true
    items: {{min: 1, max: 10}}
    unique: true
  - id: visit_type
    type: choice
    label: {{en: Visit type, zh-Hant: 拜訪方式}}
    required: true
    choices: visit_type
  - id: discount_rate
    type: decimal
    label: {{en: Discount rate, zh-Hant: 折扣率}}
    range: {{min: 0, max: 0.5}}
  - id: discount_reason
    type: long_text
    label: {{en: Discount reason, zh-Hant: 折扣原因}}
    length: {{min: 10, max: 500}}
    show_if: discount_rate > 0
    required_if: discount_rate > 0.1
  - id: justification
    type: long_text
    label: {{en: Justification, zh-Hant: 理由說明}}
    length: {{min: 20, max: 2000}}
    required_if: amount > 500000
"""


def policy(k):
    return f"""policy: signoff_{k:04d}
meaning: {{en: Supervisor approval of visit report {k}, zh-Hant: 主管核准拜訪報告 {k}}}
opinion_required: [approve, reject]
steps:
  - id: supervisor
    approvers: [{{manager: 1}}]
    decisions: [approve, reject]
  - id: director
    when: amount > {500000 + (k % 3) * 100000}
    approvers: [{{role: director}}]
    decisions: [approve, reject]
"""


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    target = int(sys.argv[sys.argv.index("--bytes") + 1]) if "--bytes" in sys.argv else 1_000_000
    os.makedirs(os.path.join(out, "forms"), exist_ok=True)
    os.makedirs(os.path.join(out, "policies"), exist_ok=True)
    fixed = {
        "formwork.yaml": "formwork: 1\nname: Generated\nlocale: en\nlocales: [en, zh-Hant]\n"
        "include: [org.yaml, choices.yaml, funnel.yaml, forms/, policies/]\n",
        "org.yaml": "org: generated\nroles: [{id: rep}, {id: supervisor}, {id: director}]\npeople:\n"
        "  - {id: d1, name: Director, roles: [director]}\n"
        "  - {id: s1, name: Supervisor, roles: [supervisor], manager: d1}\n"
        + "".join(f"  - {{id: u{i}, name: Rep {i}, roles: [rep], manager: s1}}\n" for i in range(20)),
        "choices.yaml": "choices:\n  - {id: stage, options: [" + ", ".join(STAGES) + "]}\n"
        "  - {id: currency, options: [CNY, USD, EUR]}\n  - {id: visit_type, options: [onsite, phone, video]}\n",
    }
    size = sum(len(v.encode()) for v in fixed.values())
    k = 0
    forms = []
    while size < target:
        f, p = form(k), policy(k)
        with open(os.path.join(out, "forms", f"visit-report-{k:04d}.yaml"), "w", encoding="utf-8") as fh:
            fh.write(f)
        with open(os.path.join(out, "policies", f"signoff-{k:04d}.yaml"), "w", encoding="utf-8") as fh:
            fh.write(p)
        forms.append(k)
        size += len(f.encode()) + len(p.encode())
        k += 1
    stages = "".join(
        f"  - id: {s}\n    forms:\n" + "".join(f"      - form: visit_report_{j:04d}\n" for j in forms if j % 6 == i)
        + (f"    exit_when: has(visit_report_{forms[i]:04d})\n" if i < 5 else "")
        for i, s in enumerate(STAGES)
    )
    fixed["funnel.yaml"] = "workflow: funnel\nfilled_by: [rep]\nstages:\n" + stages
    for name, text in fixed.items():
        with open(os.path.join(out, name), "w", encoding="utf-8") as fh:
            fh.write(text)
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs)
    print(f"{out}: {len(forms)} forms, {total} bytes")


if __name__ == "__main__":
    main()
