"""`make bench`: speed and memory figures. Prints; never fails (not a timed test).

Measures, each in a fresh process as a user would run it:
- `protocheck --help`
- one .docx letter, end to end, cold (no cache)
- 100 letters in one run (no cache), and the same again warm (from the cache)
- 100 and 1,000 different letters (topics, facts, paragraphs, senders vary) in one run,
  with the default options (targets 1.2 s and 6 s on 2 cores), and the 1,000 as JSON
- a 500-page PDF agenda pack, also with an 80-person roster in its config
- council-style packs (front sheet, minutes, reports, appendices, a Part II item) of
  about 500 and 2,000 pages, split into items and each item checked (targets 2.5 s
  and 20 s, peak RSS <= 300 MB, on 2 cores)
- peak resident memory of each run
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from build_pack import build as build_pack
from build_samples import build_docx

MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "dt = time.perf_counter() - t\n"
    "print(dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, p.returncode)\n"
)


def measure(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *args], capture_output=True, text=True, env=env, check=True
    )
    seconds, rss, _ = out.stdout.split()
    return float(seconds), float(rss)


def best(args: list[str], env: dict[str, str], runs: int = 3) -> tuple[float, float, float]:
    results = [measure(args, env) for _ in range(runs)]
    times = [r[0] for r in results]
    return min(times), statistics.median(times), max(r[1] for r in results)


LETTER = {
    "header": ["Example Borough Council", "Civic Offices, High Street"],
    "body": [
        "Our ref: HT/2026/{n}",
        "Dear Resident,",
        "Station Road car park: charges",
        "Thank you for writing to me about the charges you paid at the Station Road car park in September. "
        "I have looked carefully at the statements you sent and at the tariff that applied on each day.",
        "I raised your case with officers as soon as your letter arrived, and they have confirmed that the "
        "payment machines on levels 2 and 3 were at fault for most of that month.",
        "I can confirm that the Council will refund your parking charges in full by 31 March.",
        "I will also ask the Head of Parking Services to check whether other drivers were affected, and I will "
        "write to you again when I have an answer.",
        "Yours sincerely,",
        "Cllr Priya Shah\nCabinet Member for Highways",
    ],
}


STREETS = ["Station Road", "Mill Lane", "Larch Row", "Church Street", "Orchard Close", "Kings Walk"]
TOWNS = ["Ashvale", "Brinsford", "Castlemere", "Dunholm", "Eastwick", "Fernlea", "Gorsebrook"]
TOPICS = [
    "the charges you paid at the {street} car park in {month}",
    "the bins that were missed in {street} on {day} {month}",
    "the pothole outside number {n} {street}",
    "the street lights on {street} that have been out since {month}",
    "the planning application for land behind {street}, reference {n}/0{day}",
    "the overgrown verge on the corner of {street} and the B{n} road",
]
OPENINGS = [
    "Thank you for writing to me about {topic}. I have read your letter and the photographs you sent "
    "with care, and I understand why you and your neighbours in {town} are frustrated.",
    "Thank you for your e-mail of {day} {month} about {topic}. I am sorry it has taken me {k} weeks "
    "to reply; I wanted to give you a full answer rather than a holding one.",
    "I am writing in reply to your letter about {topic}, which you also copied to the ward's other "
    "councillors and to the local paper in {town}.",
]
MIDDLES = [
    "I raised your case with officers as soon as your letter arrived, and they have confirmed that the "
    "contractor was at fault on {k} occasions that month.",
    "Officers tell me that the work is in the programme for the spring, at a cost of about {n},000 "
    "pounds, and that residents of {street} will have at least {k} weeks' notice before it starts.",
    "The Head of Environmental Services has looked at the records for {street} and tells me that the "
    "crews reported {k} cars parked across the road on collection days.",
    "I can confirm that the Council will refund your charges in full by {day} {month}, and the money "
    "should reach your account within ten working days.",
    "I will ask officers to write to every household on {street} to explain what happens next, and I "
    "will share their reply with you.",
    "The decision was taken by the Planning Committee on {day} {month} after a site visit, and I am "
    "afraid there is no right of appeal for neighbours under the planning acts.",
    "As your ward councillor I cannot instruct officers, but I have asked them to look again at the "
    "{k} complaints the Council received from {town} residents last year.",
    "I have also spoken to the Cabinet Member for Highways, Councillor Jo Bloggs, who has agreed to "
    "visit {street} with me on {day} {month} so that we can see the problem for ourselves.",
]
CLOSINGS = [
    "If anything changes I will write to you again, and you are welcome to ring my office on "
    "0118 974 {n:04d} in the meantime.",
    "Please let me know if the problem comes back, quoting reference ENV/{n}/{k}, and I will take it "
    "up again straight away.",
    "I hope this helps, and thank you again for taking the time to write to me.",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "September",
    "October",
    "November",
]


def different_letter(n: int) -> dict[str, object]:
    """Letter n of a run of different letters, about 300-450 words: a reply from a
    ward councillor whose topic, facts, paragraphs and sign-off vary with n."""
    facts = {
        "street": STREETS[n % len(STREETS)],
        "town": TOWNS[(n // 3) % len(TOWNS)],
        "month": MONTHS[(n // 5) % len(MONTHS)],
        "day": n % 27 + 1,
        "n": n % 997 + 3,
        "k": n % 9 + 2,
    }
    facts["topic"] = TOPICS[n % len(TOPICS)].format(**facts)
    step = (1, 3, 5, 7)[n % 4]  # prime to len(MIDDLES): each paragraph at most once
    middles = [MIDDLES[(n + j * step) % len(MIDDLES)] for j in range(5 + n % 4)]
    body = [
        f"Our ref: ENV/{n}/{facts['k']}",
        "Dear Resident," if n % 4 else f"Dear Mr {['Patel', 'Jones', 'Evans'][n % 3]},",
        facts["topic"][0].upper() + facts["topic"][1:],
        OPENINGS[n % len(OPENINGS)].format(**facts),
        *(m.format(**facts) for m in middles),
        CLOSINGS[n % len(CLOSINGS)].format(**facts),
        "Yours sincerely,",
        f"Cllr {['Priya Shah', 'Tom Reed', 'Ann Lee', 'Sam Okafor'][n % 4]}\n"
        f"Ward Member for {facts['town']} {['North', 'South', 'Central'][n % 3]}",
    ]
    return {
        "header": [f"{facts['town']} Borough Council", "Civic Offices, High Street"],
        "body": body,
    }


def roster_config(members: int, officers: int) -> str:
    """A protocheck.toml naming `members` councillors and `officers` officers."""
    first = [
        "Alice",
        "Ben",
        "Chloe",
        "Dev",
        "Emma",
        "Farid",
        "Grace",
        "Hugh",
        "Isla",
        "Jack",
        "Kiran",
        "Lena",
    ]
    last = [
        "Shah",
        "Jones",
        "Patel",
        "Brown",
        "Khan",
        "Evans",
        "Wilson",
        "Taylor",
        "Davies",
        "Hughes",
        "Clarke",
    ]
    out = ['profile = "model"', 'council = "Example Borough Council"']
    for i in range(members):
        out += [
            "[[members]]",
            f'name = "{first[i % 12]} {last[i % 11]}-{i}"',
            'party = "Labour"',
            "roles = []",
        ]
    for i in range(officers):
        out += [
            "[[officers]]",
            f'name = "{first[(i + 5) % 12]} {last[(i + 3) % 11]}-o{i}"',
            'title = "Officer"',
        ]
    return "\n".join(out) + "\n"


def agenda_pack(path: Path, pages: int) -> None:
    """A synthetic agenda pack: a report every 20 pages with the usual headings."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    headings = [
        "1. Purpose of report",
        "2. Recommendations",
        "3. Options considered",
        "4. Consultation",
        "5. Financial implications",
        "6. Legal implications",
        "7. Equality implications",
    ]
    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(1, pages + 1):
        c.setFont("Helvetica", 9)
        c.drawString(72, 815, "Example Borough Council - Cabinet - 12 March 2027")
        c.drawString(270, 30, f"Page {n}")
        y = 780
        if n % 20 == 1:
            c.setFont("Helvetica-Bold", 13)
            c.drawString(72, y, f"Agenda item {n // 20 + 1}: Report of the Director of Place")
            y -= 30
        for k in range(5):
            if k % 2 == 0:
                c.setFont("Helvetica-Bold", 11)
                c.drawString(72, y, headings[(n + k) % len(headings)])
                y -= 18
            c.setFont("Helvetica", 11)
            text = (
                f"Paragraph {k + 1} on page {n} sets out what officers found when they reviewed scheme {n * 7 + k}, "
                f"the cost of {n * 13 + k} thousand pounds over three years, the views of the {k + 2} ward members "
                "consulted, and the risks the Section 151 Officer and the Monitoring Officer have identified."
            )
            line = ""
            for w in text.split():
                if len(line) + len(w) > 88:
                    c.drawString(72, y, line)
                    y -= 14
                    line = ""
                line += w + " "
            c.drawString(72, y, line)
            y -= 26
        c.showPage()
    c.save()


def long_report(pages: int, changes: int, tracked: bool, variant: int = 0) -> dict[str, object]:
    """A report of about `pages` pages: headings, numbered paragraphs, Member tracked changes."""
    heads = [
        "2. Recommendations",
        "3. Reasons for recommendations",
        "4. Options considered",
        "5. Officer comments",
        "6. Financial implications",
        "7. Legal implications",
        "8. Consultation",
    ]
    body: list[object] = [{"style": "Heading 1", "text": "1. Purpose of report"}]
    per_page, n = 8, 0
    for i in range(pages * per_page):
        if i % 20 == 0:
            body.append({"style": "Heading 1", "text": heads[(i // 20) % len(heads)]})
        text = (
            f"{i}.1 Officers reviewed scheme {i} and consider that option {i % 4 + 1} offers the best value, "
            f"at a cost of £{(i + 3) * 1000:,} over three years, subject to consultation with the ward members."
        )
        if tracked and n < changes and i % 2 == 0:
            body.append(
                {
                    "runs": [
                        text + " ",
                        {
                            "del": f"Option {i % 3 + 2} would cost £{i * 700:,} and is not affordable.",
                            "author": "Cllr Jo Bloggs",
                        },
                        {"ins": " A further option may be added.", "author": "Cllr Jo Bloggs"},
                    ]
                }
            )
            n += 2
        else:
            body.append(
                text
                if not (variant and i % 7 == 0)
                else text.replace("best value", "best overall value")
            )
    return {"body": body}


def main() -> int:
    import os

    env = {**os.environ}
    exe = [str(Path(sys.executable).parent / "protocheck")]
    # An installed wheel carries compiled bytecode; an editable install under
    # PYTHONDONTWRITEBYTECODE would recompile protocheck on every run. Compile
    # once so the figures are the installed tool's.
    import protocheck
    import protocheck.cli

    for package in (protocheck, protocheck.cli):
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(Path(package.__file__).parent)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        env["PROTOCHECK_CACHE_DIR"] = str(root / "cache")
        letters = root / "letters"
        letters.mkdir()
        for n in range(100):
            spec = json.loads(json.dumps(LETTER).replace("{n}", str(n)))
            build_docx(spec, letters / f"letter-{n:03d}.docx")
        # different letters (topics, facts, paragraphs, senders): 100, and 1,000 in one run
        many = root / "many"
        for n in range(1000):
            batch = many / ("first-100" if n < 100 else "rest")
            batch.mkdir(parents=True, exist_ok=True)
            build_docx(different_letter(n), batch / f"letter-{n:04d}.docx")
        release = root / "press-release.txt"
        para = (
            "Residents in the north of the borough will see new cycle lanes, resurfaced footways and better "
            "crossings this summer, the Council announced today. The work follows a consultation in which more "
            "than 1,200 people took part, and it will be paid for from the Government's active travel fund. "
        )
        release.write_text(
            "PRESS RELEASE\n\nFor immediate release: 2 March 2027\n\n"
            + "\n\n".join(para for _ in range(40))
            + '\n\n"We listened to residents," said Cllr Jo Bloggs, Cabinet Member for Transport.\n\nENDS\n',
            encoding="utf-8",
        )
        # the same release with one sentence naming a party: PUB001 asks the judge, which loads
        judged = root / "press-release-party.txt"
        judged.write_text(
            release.read_text(encoding="utf-8").replace(
                "ENDS",
                "The Greens have proved what a council that listens can achieve for families.\n\nENDS",
            ),
            encoding="utf-8",
        )
        report = root / "report-40-pages.docx"
        build_docx(long_report(40, 300, tracked=True), report)
        draft, revised = root / "draft.docx", root / "revised.docx"
        build_docx(long_report(40, 0, tracked=False), draft)
        build_docx(long_report(40, 0, tracked=False, variant=1), revised)
        pack = root / "pack.pdf"
        agenda_pack(pack, 500)
        # its 750,000 characters are all checked (protocheck stops at 500,000 by default)
        (root / "protocheck.toml").write_text("max-chars = 1000000\n", encoding="utf-8")
        rows = []
        rows.append(("--help", *best([*exe, "--help"], env, 5), "<= 0.1 s"))
        # the very first run also parses the lexicons' YAML (kept in the cache directory after)
        first = measure([*exe, "--no-cache", str(letters / "letter-001.docx")], env)
        rows.append(("one .docx letter, first run ever", first[0], first[0], first[1], ""))
        rows.append(
            (
                "one .docx letter, cold",
                *best([*exe, "--no-cache", str(letters / "letter-000.docx")], env, 5),
                "<= 0.6 s",
            )
        )
        rows.append(
            (
                "100 letters, one run, cold",
                *best([*exe, "--no-cache", str(letters)], env, 2),
                "<= 5 s",
            )
        )
        rows.append(
            (
                "100 different letters, cold",
                *best([*exe, "--no-cache", str(many / "first-100")], env, 3),
                "<= 1.2 s",
            )
        )
        rows.append(
            (
                "1,000 different letters, cold",
                *best([*exe, "--no-cache", str(many)], env, 3),
                "<= 6 s",
            )
        )
        rows.append(
            (
                "the 1,000 letters, JSON",
                *best([*exe, "--no-cache", "--format", "json", str(many)], env, 3),
                "",
            )
        )
        measure([*exe, str(letters)], env)  # fill the cache
        rows.append(("100 letters, unchanged (cache)", *best([*exe, str(letters)], env, 2), ""))
        words = len(release.read_text(encoding="utf-8").split())
        rows.append(
            (
                f"{words}-word press release, cold",
                *best([*exe, "--no-cache", str(release)], env, 5),
                "<= 1.0 s",
            )
        )
        rows.append(
            (
                "the release naming a party (judge loaded)",
                *best([*exe, "--no-cache", str(judged)], env, 5),
                "<= 1.0 s",
            )
        )
        rows.append(
            (
                "40-page report, 300 tracked changes",
                *best([*exe, "--no-cache", str(report)], env),
                "<= 2 s",
            )
        )
        rows.append(
            (
                "diff of two 40-page versions",
                *best(
                    [
                        *exe,
                        "diff",
                        "--no-cache",
                        "--editor",
                        "Cllr Jo Bloggs",
                        str(draft),
                        str(revised),
                    ],
                    env,
                ),
                "<= 3 s",
            )
        )
        rows.append(
            ("500-page PDF agenda pack", *best([*exe, "--no-cache", str(pack)], env, 2), "seconds")
        )
        # the same pack where the council's roster (80 people) is in protocheck.toml
        rostered = root / "rostered"
        rostered.mkdir()
        shutil.copy(pack, rostered / "pack.pdf")
        (rostered / "protocheck.toml").write_text(
            "max-chars = 1000000\n" + roster_config(50, 30), encoding="utf-8"
        )
        rows.append(
            (
                "the pack, with an 80-person roster",
                *best([*exe, "--no-cache", str(rostered / "pack.pdf")], env, 2),
                "seconds",
            )
        )
        for pages, reports, target in (
            (500, 122, "<= 2.5 s, 300 MB"),
            (2000, 497, "<= 20 s, 300 MB"),
        ):
            built = root / f"pack-{pages}.pdf"
            items = build_pack(built, reports=reports, paragraphs=4)
            rows.append(
                (
                    f"{items[-1]['last_page']}-page pack, {len(items)} items",
                    *best([*exe, "--no-cache", str(built)], env, 2),
                    target,
                )
            )
    print(f"{'measure':<34} {'best s':>8} {'median s':>9} {'peak RSS MB':>12}  target")
    for name, t_best, t_med, rss, target in rows:
        print(f"{name:<34} {t_best:>8.3f} {t_med:>9.3f} {rss:>12.1f}  {target}")
    print(f"\nmachine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
