# ruff: noqa: E501  (exact messages are clearer on one line each)
"""A table of bad records, each with the exact messages an editor sees."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import AUTHORITY, ENTRY, ENTRY_ID, TODAY, WELSH, write_content

from sitegen import pipeline
from sitegen.content.problems import ContentError

pytestmark = pytest.mark.unit

E = "content/inspections/2012-11-19-neath-port-talbot-protocol.md"
A = "content/authorities/neath-port-talbot.yaml"


def e(*pairs: tuple[str, str]) -> str:
    """Return the good entry with each (old, new) replacement made."""
    text = ENTRY
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    return text


W = ENTRY_ID + ".cy.md"
WP = "content/inspections/" + W


def welsh(text: str, name: str = W) -> dict[str, str]:
    """Return the good entry's file and a Welsh text beside it."""
    return {ENTRY_ID + ".md": ENTRY, name: text}


CASES = {
    "welsh-names-no-entry": {"entries": welsh(WELSH, "2012-11-19-neath-port-talbot-protocl.cy.md")},
    "welsh-title-missing": {"entries": welsh(WELSH.replace("title:", "teitl:"))},
    "welsh-summary-empty": {"entries": welsh(WELSH.split("---\nGalwodd")[0] + "---\n")},
    "welsh-field-of-the-entry": {
        "entries": welsh(WELSH.replace("---\nGalwodd", "status: serious-concern\n---\nGalwodd"))
    },
    "welsh-name-not-a-slug": {"entries": welsh(WELSH, "2012-11-19 Protocol.cy.md")},
    "typo": {"entries": {ENTRY_ID + ".md": e(("title: Serious", "titel: Serious"))}},
    "missing-kind": {"entries": {ENTRY_ID + ".md": e(("kind: escalation\n", ""))}},
    "bad-date": {
        "entries": {ENTRY_ID + ".md": e(("date: 2012-11-19\nkind", "date: 2012-13-40\nkind"))}
    },
    "month-zero": {
        "entries": {ENTRY_ID + ".md": e(("date: 2012-11-19\nkind", "date: 2012-00\nkind"))}
    },
    "other-digits": {
        "entries": {
            ENTRY_ID + ".md": e(("date: 2012-11-19\nkind", "date: \u0662\u0660\u0661\u0662\nkind"))
        }
    },
    "date-shape": {
        "entries": {ENTRY_ID + ".md": e(("date: 2012-11-19\nkind", "date: 19/11/2012\nkind"))}
    },
    "future": {
        "entries": {
            "2030-01-01-neath-port-talbot-protocol.md": e(
                ("date: 2012-11-19\nkind", "date: 2030-01-01\nkind")
            )
        }
    },
    "source-future": {
        "entries": {ENTRY_ID + ".md": e(("    date: 2012-11-19", "    date: 2027-01"))}
    },
    "status": {
        "entries": {ENTRY_ID + ".md": e(("status: serious-concern", "status: special-measures"))}
    },
    "kind": {"entries": {ENTRY_ID + ".md": e(("kind: escalation", "kind: escalaton"))}},
    "body": {"entries": {ENTRY_ID + ".md": e(("body: CSSIW", "body: Ofsted"))}},
    "authority": {
        "entries": {
            "2012-11-19-neath-protocol.md": e(("authority: neath-port-talbot", "authority: neath"))
        }
    },
    "nosources": {
        "entries": {
            ENTRY_ID + ".md": e(
                (
                    "sources:\n  - title: Written statement on Neath Port Talbot children's social services\n    publisher: Welsh Government\n    date: 2012-11-19\n    url: https://gov.wales/statement\n",
                    "sources: []\n",
                )
            )
        }
    },
    "nosourcekey": {
        "entries": {
            ENTRY_ID + ".md": e(
                (
                    "sources:\n  - title: Written statement on Neath Port Talbot children's social services\n    publisher: Welsh Government\n    date: 2012-11-19\n    url: https://gov.wales/statement\n",
                    "",
                )
            )
        }
    },
    "source-notitle": {
        "entries": {
            ENTRY_ID + ".md": e(
                (
                    "  - title: Written statement on Neath Port Talbot children's social services\n    publisher",
                    "  - publisher",
                )
            )
        }
    },
    "url": {
        "entries": {ENTRY_ID + ".md": e(("https://gov.wales/statement", "javascript:alert(1)"))}
    },
    "ftp": {"entries": {ENTRY_ID + ".md": e(("https://gov.wales/statement", "ftp://gov.wales/x"))}},
    "slugname": {"entries": {"2012-11-19 Neath.md": ENTRY}},
    # Every problem of a file at once: its name's and its fields'.
    "slugname-and-field": {
        "entries": {"2012-11-19 Neath.md": e(("kind: escalation", "kind: escalaton"))}
    },
    # Filed under one authority, naming one there is no file for: the unknown authority is
    # reported with the file's other problems, not hidden behind them.
    "misfiled-unknown": {
        "entries": {
            ENTRY_ID + ".md": e(
                ("authority: neath-port-talbot", "authority: swansea"),
                ("kind: escalation", "kind: escalaton"),
            )
        }
    },
    "ext": {"entries": {ENTRY_ID + ".txt": ENTRY}},
    "idprefix": {"entries": {"2012-11-20-neath-port-talbot-protocol.md": ENTRY}},
    "empty-summary": {
        "entries": {ENTRY_ID + ".md": e(("The inspectorate invoked the protocol.\n", "\n"))}
    },
    "empty-file": {"entries": {ENTRY_ID + ".md": ""}},
    "no-fm": {"entries": {ENTRY_ID + ".md": "authority: x\n"}},
    "unclosed": {"entries": {ENTRY_ID + ".md": e(("---\nThe", "The"))}},
    "yaml-syntax": {
        "entries": {
            ENTRY_ID + ".md": e(("title: Serious Concern Protocol invoked", "title: [Serious"))
        }
    },
    # A quotation left open is reported where it opened, and where the reader gave up.
    "unclosed-quote": {
        "entries": {
            ENTRY_ID + ".md": e(
                ("title: Serious Concern Protocol invoked", 'title: "Serious Concern')
            )
        }
    },
    "colon": {
        "entries": {
            ENTRY_ID + ".md": e(
                ("title: Serious Concern Protocol invoked", "title: Update: protocol invoked")
            )
        }
    },
    "dupkey": {"entries": {ENTRY_ID + ".md": e(("body: CSSIW\n", "body: CSSIW\nbody: CIW\n"))}},
    "title-number": {
        "entries": {ENTRY_ID + ".md": e(("title: Serious Concern Protocol invoked", "title: 2012"))}
    },
    "findings-str": {
        "entries": {
            ENTRY_ID + ".md": e(
                ("status: serious-concern\n", "status: serious-concern\nfindings: Poor practice\n")
            )
        }
    },
    "findings-item": {
        "entries": {
            ENTRY_ID + ".md": e(
                (
                    "status: serious-concern\n",
                    "status: serious-concern\nfindings:\n  - Poor practice\n  - 12\n",
                )
            )
        }
    },
    "empty-status": {"entries": {ENTRY_ID + ".md": e(("status: serious-concern", "status:"))}},
    "fieldwork-after": {
        "entries": {
            ENTRY_ID + ".md": e(
                ("status: serious-concern\n", "status: serious-concern\nfieldwork: 2013-01\n")
            )
        }
    },
    "source-unknown": {"entries": {ENTRY_ID + ".md": e(("    url:", "    link:"))}},
    "tag": {
        "entries": {
            ENTRY_ID + ".md": e(
                (
                    "title: Serious Concern Protocol invoked",
                    "title: !!python/object/apply:os.system [ls]",
                )
            )
        }
    },
    "alias": {
        "entries": {
            ENTRY_ID + ".md": e(
                ("title: Serious Concern Protocol invoked", "title: &t Serious\nlegal_basis: *t")
            )
        }
    },
    "list-fm": {"entries": {ENTRY_ID + ".md": "---\n- a\n- b\n---\nText\n"}},
    "tabs": {"entries": {ENTRY_ID + ".md": e(("  - title: Written", "\t- title: Written"))}},
    "gss-shape": {
        "authorities": {"neath-port-talbot.yaml": AUTHORITY.replace("W06000012", "E06000012")}
    },
    "gss-dup": {
        "authorities": {
            "neath-port-talbot.yaml": AUTHORITY,
            "swansea.yaml": "name: Swansea\nname_cy: Abertawe\ngss_code: W06000012\n",
        }
    },
    "website-http": {
        "authorities": {"neath-port-talbot.yaml": AUTHORITY + "website: http://www.npt.gov.uk/\n"}
    },
    "auth-empty": {"authorities": {"neath-port-talbot.yaml": ""}},
    "auth-missing": {"authorities": {"neath-port-talbot.yaml": "name: Neath Port Talbot\n"}},
    "auth-ext": {"authorities": {"neath-port-talbot.yml": AUTHORITY}},
    "auth-list": {"authorities": {"neath-port-talbot.yaml": "- a\n"}},
    "same-day": {
        "entries": {
            ENTRY_ID + ".md": ENTRY,
            "2012-11-19-neath-port-talbot-other.md": e(
                ("status: serious-concern", "status: intervention")
            ),
        }
    },
    "long-title": {
        "entries": {
            ENTRY_ID + ".md": e(("title: Serious Concern Protocol invoked", "title: " + "x" * 201))
        }
    },
    "multiline-title": {
        "entries": {
            ENTRY_ID + ".md": e(
                ("title: Serious Concern Protocol invoked", "title: |\n  one\n  two")
            )
        }
    },
    "bool": {"entries": {ENTRY_ID + ".md": e(("kind: escalation", "kind: yes"))}},
    "placeholder": {
        "entries": {
            ENTRY_ID + ".md": e(
                ("publisher: Welsh Government", 'publisher: "REPLACE: who published it"')
            )
        }
    },
    "url-case": {
        "entries": {ENTRY_ID + ".md": e(("https://gov.wales/statement", "JaVaScRiPt:alert(1)"))}
    },
    "url-leading-space": {
        "entries": {ENTRY_ID + ".md": e(("https://gov.wales/statement", '" javascript:alert(1)"'))}
    },
    "url-tab": {
        "entries": {
            ENTRY_ID + ".md": e(("https://gov.wales/statement", '"java\\tscript:alert(1)"'))
        }
    },
    "url-inner-space": {
        "entries": {ENTRY_ID + ".md": e(("https://gov.wales/statement", '"https://gov.wales/ x"'))}
    },
    "url-newline": {
        "entries": {
            ENTRY_ID + ".md": e(("https://gov.wales/statement", '"https://gov.wales/\\nx"'))
        }
    },
    "url-data": {
        "entries": {
            ENTRY_ID + ".md": e(
                ("https://gov.wales/statement", "data:text/html,<script>alert(1)</script>")
            )
        }
    },
    "url-vbscript": {
        "entries": {ENTRY_ID + ".md": e(("https://gov.wales/statement", "vbscript:msgbox(1)"))}
    },
    "website-javascript": {
        "authorities": {"neath-port-talbot.yaml": AUTHORITY + "website: '  JAVASCRIPT:alert(1)'\n"}
    },
    "title-control": {
        "entries": {
            ENTRY_ID + ".md": e(
                ("title: Serious Concern Protocol invoked", 'title: "Serious\\x07 Concern"')
            )
        }
    },
    "title-surrogate": {
        "entries": {
            ENTRY_ID + ".md": e(
                ("title: Serious Concern Protocol invoked", 'title: "Serious \\ud800"')
            )
        }
    },
    "summary-control": {
        "entries": {
            ENTRY_ID + ".md": e(("invoked the protocol.\n", "invoked the protocol.\n\nBell\x07\n"))
        }
    },
    "oversize": {"entries": {ENTRY_ID + ".md": ENTRY + "x" * 300_000 + "\n"}},
    "yaml-merge-key": {
        "entries": {ENTRY_ID + ".md": e(("body: CSSIW\n", "body: CSSIW\n<<: {legal_basis: x}\n"))}
    },
    "yaml-local-tag": {
        "entries": {
            ENTRY_ID + ".md": e(
                ("title: Serious Concern Protocol invoked", "title: !shout Serious")
            )
        }
    },
    "yaml-binary-tag": {
        "entries": {
            ENTRY_ID + ".md": e(
                ("title: Serious Concern Protocol invoked", "title: !!binary PHNjcmlwdD4=")
            )
        }
    },
    "yaml-set-tag": {
        "entries": {
            ENTRY_ID + ".md": e(
                ("title: Serious Concern Protocol invoked", "title: !!set {a: null}")
            )
        }
    },
    "both-authority-fields": {
        "entries": {ENTRY_ID + ".md": e(("status: serious-concern\n", "authorities: all\n"))}
    },
    "no-authority-field": {
        "entries": {ENTRY_ID + ".md": e(("authority: neath-port-talbot\n", ""))}
    },
    "programme-status": {
        "entries": {
            "2012-11-19-wales-protocol.md": e(("authority: neath-port-talbot", "authorities: all"))
        }
    },
    "programme-file-name": {
        "entries": {
            ENTRY_ID + ".md": e(
                ("authority: neath-port-talbot", "authorities: [neath-port-talbot]"),
                ("status: serious-concern\n", ""),
            )
        }
    },
    "programme-unknown-authority": {
        "entries": {
            "2012-11-19-wales-protocol.md": e(
                (
                    "authority: neath-port-talbot",
                    "authorities: [neath-port-talbt, neath-port-talbot]",
                ),
                ("status: serious-concern\n", ""),
            )
        }
    },
    "context-status": {
        "entries": {
            ENTRY_ID + ".md": e(
                ("status: serious-concern", "status: serious-concern\ncontext: corporate")
            )
        }
    },
    "context-unknown": {
        "entries": {ENTRY_ID + ".md": e(("status: serious-concern", "context: education"))}
    },
    "status-start-alone": {
        "entries": {ENTRY_ID + ".md": e(("status: serious-concern", "status_start: unconfirmed"))}
    },
    "status-end-value": {
        "entries": {
            ENTRY_ID + ".md": e(
                ("status: serious-concern", "status: serious-concern\nstatus_end: confirmed")
            )
        }
    },
    "fieldwork-backwards": {
        "entries": {
            ENTRY_ID + ".md": e(
                (
                    "status: serious-concern\n",
                    "status: serious-concern\nfieldwork: 2012-09-10/2012-09-01\n",
                )
            )
        }
    },
    "fieldwork-range-after": {
        "entries": {
            ENTRY_ID + ".md": e(
                (
                    "status: serious-concern\n",
                    "status: serious-concern\nfieldwork: 2012-10/2012-12\n",
                )
            )
        }
    },
    "fieldwork-range-shape": {
        "entries": {
            ENTRY_ID + ".md": e(
                (
                    "status: serious-concern\n",
                    "status: serious-concern\nfieldwork: 2012-09 to 2012-10\n",
                )
            )
        }
    },
    "joint-with-itself": {
        "entries": {ENTRY_ID + ".md": e(("body: CSSIW", "body: CSSIW\njoint_with: [HIW, CSSIW]"))}
    },
    "joint-with-twice": {
        "entries": {ENTRY_ID + ".md": e(("body: CSSIW", "body: CSSIW\njoint_with: [HIW, HIW]"))}
    },
    "joint-with-unknown": {
        "entries": {ENTRY_ID + ".md": e(("body: CSSIW", "body: CSSIW\njoint_with: [Ofsted]"))}
    },
    "body-in-full": {
        "entries": {ENTRY_ID + ".md": e(("body: CSSIW", "body: Care Inspectorate Wales"))}
    },
    "body-far": {"entries": {ENTRY_ID + ".md": e(("body: CSSIW", "body: the Minister"))}},
    "former-id-own": {
        "entries": {ENTRY_ID + ".md": e(("body: CSSIW", f"body: CSSIW\nformer_ids: [{ENTRY_ID}]"))}
    },
    "former-id-in-use": {
        "entries": {
            ENTRY_ID + ".md": ENTRY,
            "2012-11-19-neath-port-talbot-later.md": e(
                ("status: serious-concern\n", f"former_ids: [{ENTRY_ID}]\n")
            ),
        }
    },
    "uncommented-placeholder": {
        "entries": {
            ENTRY_ID + ".md": e(
                (
                    "status: serious-concern",
                    "status: REPLACE\nfieldwork: REPLACE\njoint_with: [REPLACE]",
                )
            )
        }
    },
    "source-reproduces-empty": {
        "entries": {
            ENTRY_ID + ".md": e(
                (
                    "    url: https://gov.wales/statement",
                    "    url: https://gov.wales/statement\n    reproduces:",
                )
            )
        }
    },
    "start-mark-on-a-continuation": {
        "entries": {
            ENTRY_ID + ".md": ENTRY,
            "2013-11-neath-port-talbot-kept.md": e(
                ("date: 2012-11-19\nkind", "date: 2013-11\nkind"),
                ("status: serious-concern", "status: serious-concern\nstatus_start: unconfirmed"),
            ),
        }
    },
    "status-in-words": {
        "entries": {ENTRY_ID + ".md": e(("status: serious-concern", "status: serious concerns"))}
    },
    "status-as-its-label": {
        "entries": {ENTRY_ID + ".md": e(("status: serious-concern", "status: Formal escalation"))}
    },
    "authority-all": {
        "entries": {
            "2012-11-19-all-protocol.md": e(("authority: neath-port-talbot", "authority: all"))
        }
    },
    "programme-all-among-others": {
        "entries": {
            "2012-11-19-wales-protocol.md": e(
                ("authority: neath-port-talbot", "authorities: [all, neath-port-talbot]"),
                ("status: serious-concern\n", ""),
            )
        }
    },
    "programme-of-one": {
        "entries": {
            "2012-11-19-wales-protocol.md": e(
                ("authority: neath-port-talbot", "authorities: [neath-port-talbot]"),
                ("status: serious-concern\n", ""),
            )
        }
    },
}

EXPECTED = {
    "welsh-names-no-entry": [
        "content/inspections/2012-11-19-neath-port-talbot-protocl.cy.md:1: file name: names no entry: there is no 2012-11-19-neath-port-talbot-protocl.md beside it (a Welsh text is named after its entry's file; did you mean 2012-11-19-neath-port-talbot-protocol.cy.md?)",
    ],
    "welsh-title-missing": [
        WP + ":2: teitl: unknown field (did you mean 'title'?)",
        WP
        + ":2: title: is required but missing (add a line such as 'title: Galw'r protocol pryderon difrifol ar ôl trydydd adroddiad arolygu')",
    ],
    "welsh-summary-empty": [
        WP + ":4: summary: is empty (after the closing '---', write the summary in Welsh)",
    ],
    "welsh-field-of-the-entry": [
        WP + ":3: status: unknown field (allowed: title)",
    ],
    "welsh-name-not-a-slug": [
        "content/inspections/2012-11-19 Protocol.cy.md:1: file name: '2012-11-19 Protocol' is not a slug (use lower-case letters, digits and single hyphens, as in 2012-11-19-neath-port-talbot-protocol-invoked.cy.md)",
    ],
    "typo": [
        E
        + ":2: title: is required but missing (add a line such as 'title: Serious Concern Protocol invoked after third inspection report')",
        E + ":5: titel: unknown field (did you mean 'title'?)",
    ],
    "missing-kind": [
        E + ":2: kind: is required but missing (add a line such as 'kind: escalation')",
    ],
    "bad-date": [
        E
        + ":3: date: '2012-13-40' is not a real date (check the month and day; write YYYY-MM-DD, YYYY-MM or YYYY)",
    ],
    # Month 00 is no month, not January.
    "month-zero": [
        E
        + ":3: date: '2012-00' is not a real date (check the month and day; write YYYY-MM-DD, YYYY-MM or YYYY)",
    ],
    # Digits of another script are not the record's digits (Python's \\d would take them).
    "other-digits": [
        E
        + ":3: date: '\u0662\u0660\u0661\u0662' is not a date (write YYYY-MM-DD, YYYY-MM or YYYY)",
    ],
    "date-shape": [
        E + ":3: date: '19/11/2012' is not a date (write YYYY-MM-DD, YYYY-MM or YYYY)",
    ],
    "future": [
        "content/inspections/2030-01-01-neath-port-talbot-protocol.md:3: date: 2030-01-01 is after today (2026-11-23): record only what has happened",
    ],
    "source-future": [
        E
        + ":11: sources[1].date: 2027-01 is after today (2026-11-23): record only what has happened",
    ],
    "status": [
        E
        + ":7: status: 'special-measures' is not a status (choose by the definitions in docs/records.md: intervention (Intervention), warning-notice (Warning notice), serious-concern (Formal escalation), concerns-reported (Serious concerns reported), no-serious-concerns (No serious concerns))",
    ],
    "kind": [
        E
        + ":4: kind: 'escalaton' is not a kind (did you mean 'escalation'? use one of: inspection, joint-review, follow-up-inspection, monitoring-visit, monitoring-activity, assurance-check, performance-evaluation-inspection, improvement-check, risk-based-inspection, improvement-conference, annual-performance-letter, annual-review, joint-inspection, national-inspection, national-review, child-practice-review, audit-report, independent-review, ombudsman-report, escalation, warning-notice, intervention, de-escalation, ministerial-statement, senedd-debate, improvement-plan, council-response, board)",
    ],
    "body": [
        E
        + ":6: body: 'Ofsted' is not a body (use one of: SSIW, CSSIW, CIW, Estyn, HIW, HMICFRS, HMI Probation, joint-inspectorates, Audit Commission, Wales Audit Office, Public Services Ombudsman, safeguarding-board, Welsh Assembly Government, Welsh Government, Senedd, council)",
    ],
    "authority": [
        "content/inspections/2012-11-19-neath-protocol.md:2: authority: no authority 'neath': there is no file content/authorities/neath.yaml (did you mean 'neath-port-talbot'?)",
    ],
    "nosources": [
        E + ":8: sources: is an empty list (add at least one item)",
    ],
    "nosourcekey": [
        E
        + ":2: sources: is required but missing (add 'sources:' and under it an item '- title: ...' with its 'publisher: ...')",
    ],
    "source-notitle": [
        E
        + ":9: sources[1].title: is required but missing (add a line such as 'title: Written statement: Neath Port Talbot children's social services')",
    ],
    "url": [
        E
        + ":12: sources[1].url: 'javascript:alert(1)' is not a web address (write a web address starting with http:// or https://)",
    ],
    "ftp": [
        E
        + ":12: sources[1].url: 'ftp://gov.wales/x' is not a web address (write a web address starting with http:// or https://)",
    ],
    "slugname-and-field": [
        "content/inspections/2012-11-19 Neath.md:1: file name: '2012-11-19 Neath' is not a slug (use lower-case letters, digits and single hyphens, as in 2012-11-19-neath-port-talbot-protocol-invoked.md)",
        "content/inspections/2012-11-19 Neath.md:1: file name: must start with the entry's date and authority, then a few words: rename it to 2012-11-19-neath-port-talbot-<short-words>.md",
        "content/inspections/2012-11-19 Neath.md:4: kind: 'escalaton' is not a kind (did you mean 'escalation'? use one of: inspection, joint-review, follow-up-inspection, monitoring-visit, monitoring-activity, assurance-check, performance-evaluation-inspection, improvement-check, risk-based-inspection, improvement-conference, annual-performance-letter, annual-review, joint-inspection, national-inspection, national-review, child-practice-review, audit-report, independent-review, ombudsman-report, escalation, warning-notice, intervention, de-escalation, ministerial-statement, senedd-debate, improvement-plan, council-response, board)",
    ],
    "misfiled-unknown": [
        "content/inspections/2012-11-19-neath-port-talbot-protocol.md:1: file name: must start with the entry's date and authority, then a few words: rename it to 2012-11-19-swansea-<short-words>.md",
        "content/inspections/2012-11-19-neath-port-talbot-protocol.md:2: authority: no authority 'swansea': there is no file content/authorities/swansea.yaml",
        "content/inspections/2012-11-19-neath-port-talbot-protocol.md:4: kind: 'escalaton' is not a kind (did you mean 'escalation'? use one of: inspection, joint-review, follow-up-inspection, monitoring-visit, monitoring-activity, assurance-check, performance-evaluation-inspection, improvement-check, risk-based-inspection, improvement-conference, annual-performance-letter, annual-review, joint-inspection, national-inspection, national-review, child-practice-review, audit-report, independent-review, ombudsman-report, escalation, warning-notice, intervention, de-escalation, ministerial-statement, senedd-debate, improvement-plan, council-response, board)",
    ],
    "unclosed-quote": [
        "content/inspections/2012-11-19-neath-port-talbot-protocol.md:5: yaml: not valid YAML: while scanning a quoted scalar, found unexpected end of stream (it begins on line 5; the reader stopped on line 12)",
    ],
    "slugname": [
        "content/inspections/2012-11-19 Neath.md:1: file name: '2012-11-19 Neath' is not a slug (use lower-case letters, digits and single hyphens, as in 2012-11-19-neath-port-talbot-protocol-invoked.md)",
        "content/inspections/2012-11-19 Neath.md:1: file name: must start with the entry's date and authority, then a few words: rename it to 2012-11-19-neath-port-talbot-<short-words>.md",
    ],
    "ext": [
        "content/inspections/2012-11-19-neath-port-talbot-protocol.txt:1: file name: must end in .md (every file in content/inspections/ is a record; rename or remove this one)",
    ],
    "idprefix": [
        "content/inspections/2012-11-20-neath-port-talbot-protocol.md:1: file name: must start with the entry's date and authority, then a few words: rename it to 2012-11-19-neath-port-talbot-<short-words>.md",
    ],
    "empty-summary": [
        E
        + ":14: summary: is empty (after the closing '---', write what happened in your own words)",
    ],
    "empty-file": [
        E + ":1: file: is empty (start with '---', the fields, '---', then the summary)",
    ],
    "no-fm": [
        E
        + ":1: front matter: is missing (the file must start with a line '---', then the fields, then a line '---', then the summary)",
    ],
    "unclosed": [
        E + ":1: front matter: is not closed (add a line '---' after the last field)",
    ],
    # The list opens on line 5; the reader gives up on line 6.
    "yaml-syntax": [
        E
        + ":5: yaml: not valid YAML: while parsing a flow sequence, did not find expected ',' or ']' (it begins on line 5; the reader stopped on line 6)",
    ],
    "colon": [
        E
        + ":5: yaml: not valid YAML: mapping values are not allowed in this context (put a value that contains ': ' in quotes)",
    ],
    "dupkey": [
        E + ":7: yaml: 'body' is given twice in one mapping (also at line 6; keep one)",
    ],
    "title-number": [
        E + ":5: title: must be one line of text, not the number 2012",
    ],
    "findings-str": [
        E
        + ":8: findings: must be a list of short lines of text, not 'Poor practice' (start each item with '- ')",
    ],
    "findings-item": [
        E + ":10: findings[2]: must be one line of text, not the number 12",
    ],
    "empty-status": [
        E
        + ":7: status: is empty (write a status from content/vocabulary.yaml, or remove the line)",
    ],
    "fieldwork-after": [
        E
        + ":8: fieldwork: 2013-01 is after the entry's date 2012-11-19 (fieldwork comes before the report)",
    ],
    "source-unknown": [
        "content/inspections/2012-11-19-neath-port-talbot-protocol.md:12: sources[1].link: unknown field (allowed: title, publisher, date, url, reproduces, archived)",
    ],
    "tag": [
        E + ":5: yaml: tags such as !!python/object are not allowed: write plain values",
    ],
    "alias": [
        E + ":5: yaml: anchors and aliases (&name, *name) are not allowed: write each value out",
    ],
    "list-fm": [
        E + ":1: file: must be a set of fields ('name: value' lines), not a list",
    ],
    "tabs": [
        E
        + ":9: yaml: not valid YAML: while scanning for the next token, found character that cannot start any token (indent with spaces, not tabs)",
    ],
    "gss-shape": [
        A
        + ":3: gss_code: 'E06000012' is not an ONS code for a Welsh local authority (W06 and six digits, such as W06000012)",
    ],
    "gss-dup": [
        A
        + ":3: gss_code: 'W06000012' is also the ONS code of content/authorities/swansea.yaml (each authority has its own)",
        "content/authorities/swansea.yaml:3: gss_code: 'W06000012' is also the ONS code of content/authorities/neath-port-talbot.yaml (each authority has its own)",
    ],
    "website-http": [
        A
        + ":4: website: 'http://www.npt.gov.uk/' is not a web address (write a web address starting with https://)",
    ],
    "auth-empty": [
        A + ":1: file: is empty (write the record's fields)",
    ],
    "auth-missing": [
        A + ":1: gss_code: is required but missing (add a line such as 'gss_code: W06000012')",
        A
        + ":1: name_cy: is required but missing (add a line such as 'name_cy: Castell-nedd Port Talbot')",
    ],
    "auth-ext": [
        "content/authorities/neath-port-talbot.yml:1: file name: must end in .yaml (every file in content/authorities/ is a record; rename or remove this one)",
    ],
    "auth-list": [
        A + ":1: file: must be a set of fields ('name: value' lines), not a list",
    ],
    "same-day": [
        "content/inspections/2012-11-19-neath-port-talbot-other.md:7: status: 'intervention' on 2012-11-19 conflicts with content/inspections/2012-11-19-neath-port-talbot-protocol.md (serious-concern) on the same date (set the status on one of them only)",
        E
        + ":7: status: 'serious-concern' on 2012-11-19 conflicts with content/inspections/2012-11-19-neath-port-talbot-other.md (intervention) on the same date (set the status on one of them only)",
    ],
    "long-title": [
        E + ":5: title: is 201 characters long (at most 200; put detail in the summary)",
    ],
    "multiline-title": [
        E + ":5: title: must be one line (put longer text in the summary)",
    ],
    "placeholder": [
        E + ":10: sources[1].publisher: is still the placeholder (write who published it)",
    ],
    "bool": [
        E + ":4: kind: must be a kind from content/vocabulary.yaml, not true (a yes/no value)",
    ],
    "url-case": [
        E
        + ":12: sources[1].url: 'JaVaScRiPt:alert(1)' is not a web address (write a web address starting with http:// or https://)",
    ],
    "url-leading-space": [
        E
        + ":12: sources[1].url: 'javascript:alert(1)' is not a web address (write a web address starting with http:// or https://)",
    ],
    "url-tab": [
        E
        + ":12: sources[1].url: 'java\\tscript:alert(1)' contains a space or invisible character (U+0009), which a web address cannot hold (write a web address starting with http:// or https://, with %20 for a space)",
    ],
    "url-inner-space": [
        E
        + ":12: sources[1].url: 'https://gov.wales/ x' contains a space or invisible character (U+0020), which a web address cannot hold (write a web address starting with http:// or https://, with %20 for a space)",
    ],
    "url-newline": [
        E + ":12: sources[1].url: must be one line (put longer text in the summary)",
    ],
    "url-data": [
        E
        + ":12: sources[1].url: 'data:text/html,<script>alert(1)</script>' is not a web address (write a web address starting with http:// or https://)",
    ],
    "url-vbscript": [
        E
        + ":12: sources[1].url: 'vbscript:msgbox(1)' is not a web address (write a web address starting with http:// or https://)",
    ],
    "website-javascript": [
        A
        + ":4: website: 'JAVASCRIPT:alert(1)' is not a web address (write a web address starting with https://)",
    ],
    "title-control": [
        E + ":5: title: contains the invisible control character U+0007 (delete it)",
    ],
    "title-surrogate": [
        E
        + ":5: yaml: not valid YAML: while parsing a quoted scalar, found invalid Unicode character escape code",
    ],
    "summary-control": [
        E + ":16: summary: contains the invisible control character U+0007 (delete it)",
    ],
    "oversize": [
        E
        + ":1: file: is 300363 bytes (at most 262144; a record is a short summary with its sources)",
    ],
    "yaml-merge-key": [
        E + ":7: yaml: merge keys (<<) are not allowed: write each field out",
    ],
    "yaml-local-tag": [
        E + ":5: yaml: tags such as !!python/object are not allowed: write plain values",
    ],
    "yaml-binary-tag": [
        E
        + ":5: title: must be one line of text, not a value made by a YAML tag (remove the '!!' tag)",
    ],
    "yaml-set-tag": [
        E
        + ":5: title: must be one line of text, not a value made by a YAML tag (remove the '!!' tag)",
    ],
    "both-authority-fields": [
        E
        + ":7: authorities: is given with authority (an entry gives one of them: authority for one authority, authorities for a programme that covered several)",
    ],
    "no-authority-field": [
        E
        + ":2: authority: is required but missing (add a line such as 'authority: neath-port-talbot', or 'authorities: [...]' for a programme that covered several)",
    ],
    "programme-status": [
        "content/inspections/2012-11-19-wales-protocol.md:7: status: is set on a programme that covered several authorities (set a status on an entry of one authority instead)",
    ],
    "programme-file-name": [
        E
        + ":1: file name: must start with the entry's date and 'wales', then a few words: rename it to 2012-11-19-wales-<short-words>.md",
        E
        + ":2: authorities: lists one authority (an entry of one authority writes 'authority: neath-port-talbot'; authorities is for a programme that covered several)",
    ],
    "programme-unknown-authority": [
        "content/inspections/2012-11-19-wales-protocol.md:2: authorities[1]: no authority 'neath-port-talbt': there is no file content/authorities/neath-port-talbt.yaml (did you mean 'neath-port-talbot'?)",
    ],
    "context-status": [
        E
        + ":7: status: is set on a context entry, which never sets the children's services status (remove status, or context if the event is about children's services)",
    ],
    "context-unknown": [
        E
        + ":7: context: 'education' is not a context (did you mean 'education-safeguarding'? use one of: education-safeguarding, corporate, adult-services)",
    ],
    "status-start-alone": [
        E
        + ":7: status_start: says something of the entry's status, which it does not set (add 'status: ...', or remove the line)",
    ],
    "status-end-value": [
        E
        + ":8: status_end: 'confirmed' is not a value it takes (write unconfirmed, or remove the line when the sources confirm it)",
    ],
    "fieldwork-backwards": [
        E
        + ":8: fieldwork: '2012-09-10/2012-09-01' ends before it starts (write FROM/TO, the earlier first)",
    ],
    "fieldwork-range-after": [
        E
        + ":8: fieldwork: 2012-10/2012-12 is after the entry's date 2012-11-19 (fieldwork comes before the report)",
    ],
    "fieldwork-range-shape": [
        E
        + ":8: fieldwork: '2012-09 to 2012-10' is not a date or a range (write YYYY-MM-DD, YYYY-MM or YYYY, or FROM/TO such as 2022-05-23/2022-05-27)",
    ],
    "joint-with-itself": [
        E
        + ":7: joint_with: lists 'CSSIW', which is already the entry's body (list the other bodies only)",
    ],
    "joint-with-twice": [
        E + ":7: joint_with[2]: 'HIW' is listed twice (list it once)",
    ],
    "joint-with-unknown": [
        E
        + ":7: joint_with[1]: 'Ofsted' is not a body (use one of: SSIW, CSSIW, CIW, Estyn, HIW, HMICFRS, HMI Probation, joint-inspectorates, Audit Commission, Wales Audit Office, Public Services Ombudsman, safeguarding-board, Welsh Assembly Government, Welsh Government, Senedd, council)",
    ],
    "body-in-full": [
        E
        + ":6: body: 'Care Inspectorate Wales' is not a body (did you mean 'CIW'? use one of: SSIW, CSSIW, CIW, Estyn, HIW, HMICFRS, HMI Probation, joint-inspectorates, Audit Commission, Wales Audit Office, Public Services Ombudsman, safeguarding-board, Welsh Assembly Government, Welsh Government, Senedd, council)",
    ],
    "body-far": [
        E
        + ":6: body: 'the Minister' is not a body (use one of: SSIW, CSSIW, CIW, Estyn, HIW, HMICFRS, HMI Probation, joint-inspectorates, Audit Commission, Wales Audit Office, Public Services Ombudsman, safeguarding-board, Welsh Assembly Government, Welsh Government, Senedd, council)",
    ],
    "former-id-own": [
        E
        + ":7: former_ids: lists '2012-11-19-neath-port-talbot-protocol', the entry's own id (list only the ids it had before)",
    ],
    "former-id-in-use": [
        "content/inspections/2012-11-19-neath-port-talbot-later.md:7: former_ids: '2012-11-19-neath-port-talbot-protocol' is the id of content/inspections/2012-11-19-neath-port-talbot-protocol.md (an old id must not be in use: remove it here, or rename that file)",
    ],
    "uncommented-placeholder": [
        E + ":7: status: is still the placeholder (write a status from content/vocabulary.yaml)",
        E
        + ":8: fieldwork: is still the placeholder (write a date, or a range FROM/TO of two such dates (2022-05-23/2022-05-27, 2014-01/2014-05))",
        E
        + ":9: joint_with[1]: is still the placeholder (write a body from content/vocabulary.yaml)",
    ],
    "start-mark-on-a-continuation": [
        "content/inspections/2013-11-neath-port-talbot-kept.md:8: status_start: marks the start of 'serious-concern', which began earlier, with content/inspections/2012-11-19-neath-port-talbot-protocol.md (mark the start there, or remove this line)",
    ],
    "status-in-words": [
        E
        + ":7: status: 'serious concerns' is not a status (choose by the definitions in docs/records.md: intervention (Intervention), warning-notice (Warning notice), serious-concern (Formal escalation), concerns-reported (Serious concerns reported), no-serious-concerns (No serious concerns))",
    ],
    "status-as-its-label": [
        E
        + ":7: status: 'Formal escalation' is not a status (did you mean 'serious-concern'? choose by the definitions in docs/records.md: intervention (Intervention), warning-notice (Warning notice), serious-concern (Formal escalation), concerns-reported (Serious concerns reported), no-serious-concerns (No serious concerns))",
    ],
    "authority-all": [
        "content/inspections/2012-11-19-all-protocol.md:2: authority: 'all' names no one authority (for a programme that covered every authority, write 'authorities: all' on its own)",
    ],
    "programme-all-among-others": [
        "content/inspections/2012-11-19-wales-protocol.md:2: authorities[1]: 'all' names no one authority (for a programme that covered every authority, write 'authorities: all' on its own)",
    ],
    "programme-of-one": [
        "content/inspections/2012-11-19-wales-protocol.md:2: authorities: lists one authority (an entry of one authority writes 'authority: neath-port-talbot'; authorities is for a programme that covered several)",
    ],
    "source-reproduces-empty": [
        E + ":13: sources[1].reproduces: is empty (write one line of text, or remove the line)",
    ],
}


def test_every_case_has_expected_messages() -> None:
    assert set(CASES) == set(EXPECTED)
    assert len(CASES) >= 30


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_record_gets_exact_messages(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    content = write_content(tmp_path, case.get("authorities"), case.get("entries"))
    with pytest.raises(ContentError) as raised:
        pipeline.validate(content, TODAY)
    assert [str(problem) for problem in raised.value.problems] == EXPECTED[name]


def test_a_symlink_out_of_the_content_folder_is_refused_unread(tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text(ENTRY, encoding="utf-8")
    content = write_content(tmp_path)
    (content / "inspections" / f"{ENTRY_ID}.md").symlink_to(secret)
    (content / "authorities" / "swansea.yaml").symlink_to("/etc/passwd")
    with pytest.raises(ContentError) as raised:
        pipeline.validate(content, TODAY)
    assert [str(problem) for problem in raised.value.problems] == [
        "content/authorities/swansea.yaml:1: file: is a symbolic link (commit the file itself)",
        E + ":1: file: is a symbolic link (commit the file itself)",
    ]


def test_an_entry_has_the_welsh_text_beside_it(tmp_path: Path) -> None:
    archive = pipeline.validate(write_content(tmp_path, None, welsh(WELSH)), TODAY)
    [entry] = archive.entries
    assert entry.welsh is not None
    assert (entry.welsh.title, entry.welsh.summary, entry.welsh.path) == (
        "Galw'r protocol pryderon difrifol",
        "Galwodd yr arolygiaeth y protocol.",
        WP,
    )


def test_the_good_records_have_no_problems(tmp_path: Path) -> None:
    content = write_content(
        tmp_path, {"neath-port-talbot.yaml": AUTHORITY}, {f"{ENTRY_ID}.md": ENTRY}
    )
    archive = pipeline.validate(content, TODAY)
    assert [entry.id for entry in archive.entries] == [ENTRY_ID]
