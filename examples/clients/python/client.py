#!/usr/bin/env python3
"""A Python client of the zhengdi decision service, with the standard library only (urllib).

    python3 client.py http://127.0.0.1:8080        # ZHENGDI_TOKEN=… when the service has a token

Decides a payout (Shanghai Baoshan Gucun) and an eligibility (Hunan Shaoyang) and prints the
outcome with the reasons: which rule held or not, for whom, under which clause.
"""
import json
import os
import sys
import urllib.error
import urllib.request


class ServiceError(Exception):
    """A 4xx/5xx answer: its status and the service's error body {code, message, issues?}."""

    def __init__(self, status, body):
        super().__init__(f"{status} {body.get('code')}: {body.get('message')}")
        self.status = status
        self.body = body


def call(base, method, path, body=None):
    data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
    req = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    token = os.environ.get("ZHENGDI_TOKEN")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            return json.loads(res.read().decode("utf-8"))
    except urllib.error.HTTPError as e:
        raise ServiceError(e.code, json.loads(e.read().decode("utf-8"))) from None


def print_reasons(decision, only_subject=None):
    for r in decision["reasons"]:
        if only_subject is not None and r.get("subject") not in (None, only_subject):
            continue
        mark = "held    " if r["holds"] else "NOT held"
        who = f" [{r['subject']}]" if "subject" in r else ""
        print(f"    {mark} {r['rule']}{who} ({r['citation']['docNo']} {r['citation']['article']})")
        print(f"             {r['message']['en']}")


def main():
    base = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080").rstrip("/")
    health = call(base, "GET", "/v1/health")
    print(f"service {base}: {health['status']}, zhengdi-rules {health['engineVersion']}, {health['rulesets']} rulesets")

    payout = call(base, "POST", "/v1/evaluate", {
        "kind": "payout",
        "input": {
            "expropriationDate": "2024-06-30",
            "person": {"id": "GC-01", "sex": "male", "birthDate": "1988-04-12", "pensionStatus": "none", "cooperated": True},
        },
    })
    o = payout["outcome"]
    print(f"\npayout ({payout['jurisdiction']}, as of {payout['asOf']}, ruleset {payout['ruleset']['id']}):")
    print(f"  stage {o['stage']}, aged {o['ageAtExpropriation']}; total {o['totals']['amount']} yuan"
          f" ({o['totals']['atExpropriation']} at expropriation, {o['totals']['deferred']} deferred)")
    for item in o["items"]:
        print(f"    {item['article']:>6} {item['code']:<24} {item['amount']:>12}  {item['label']['en']}")
    print("  reasons:")
    print_reasons(payout)

    eligibility = call(base, "POST", "/v1/evaluate", {
        "kind": "eligibility",
        "input": {
            "noticeDate": "2023-05-10",
            "household": {"originalCultivatedMu": "2.4", "expropriatedCultivatedMu": "1.8", "memberCount": 4},
            "applicants": [
                {"id": "A1", "sex": "female", "birthDate": "1980-03-02", "basis": "member", "collectiveMember": True, "holdsContractRight": True},
                {"id": "A2", "sex": "male", "birthDate": "2010-01-01", "basis": "member", "collectiveMember": True, "holdsContractRight": True},
            ],
        },
    })
    o = eligibility["outcome"]
    print(f"\neligibility ({eligibility['jurisdiction']}, as of {eligibility['asOf']}): {o['perCapitaAfterMu']} mu per person after expropriation")
    for a in o["applicants"]:
        verdict = "eligible" if a["eligible"] else "NOT eligible (failed: " + ", ".join(a["failed"]) + ")"
        print(f"  {a['id']}: {verdict}")
        print_reasons(eligibility, a["id"])

    try:
        call(base, "POST", "/v1/evaluate", {"kind": "payout", "input": {"expropriationDate": "2024-02-30"}})
    except ServiceError as e:
        print(f"\na bad request is refused: {e.status} {e.body['code']}")
        for i in e.body["issues"]:
            print(f"    {i['code']:<14} {'.'.join(str(p) for p in i['path'])}: {i['message']}")
    else:
        raise SystemExit("a request with 2024-02-30 was not refused")


if __name__ == "__main__":
    main()
