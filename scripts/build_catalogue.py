"""Build the national catalogue shipped in the package from the shared real data.

    python scripts/build_catalogue.py [REALDATA] [-o src/tthc/catalogue/data/national.sqlite]

REALDATA defaults to ../shared/realdata (see its README for each file's origin).
The inputs, their labels, crawl dates, citations and priorities are listed
here: the most exact shape wins each field (API detail records, then the pages,
the list, the xlsx exports); within a priority the record stating more fields,
then the earlier input. tests/catalogue/test_build.py runs the same build and compares it
with the shipped file, so the two cannot drift.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from tthc.catalogue import BuildInput, build_catalogue

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "src" / "tthc" / "catalogue" / "data" / "national.sqlite"

_PAGES = "chatbot-tthc/chatbot_tthc@53229487, scripts/crawler/data/raw/<ministry>/<code>.json"
_XLSX = "chatbot-tthc/chatbot_tthc@53229487, scripts/crawler/{name}"
_OPENGOV = "VoidKeishi/OpenGOV@feccba6e, backend/data/crawl/{name}"
_CRAWLER = "duynghiaqn/Crawler-TTHC@55b78124, data/details/{name}"

# (file under REALDATA, label, crawl/export date or None when not stated, citation)
# The xlsx dates are the exports' own creation dates (docProps/core.xml, UTC, the same
# day in Asia/Ho_Chi_Minh); the pages' crawl day is not stated (2026).
XLSX_DATES: dict[str, dt.date | None] = {
    "danh-sach-tthc-BoCongAn.xlsx": dt.date(2026, 6, 8),
    "danh-sach-tthc-BoTaiChinh.xlsx": dt.date(2026, 6, 10),
    "danh-sach-tthc-BoTuPhap.xlsx": dt.date(2026, 6, 9),
    "danh-sach-tthc-BoXayDung.xlsx": dt.date(2026, 6, 10),
    "danh-sach-tthc-NganhangNhanuocVietNam.xlsx": dt.date(2026, 6, 9),
    "danh-sach-tthc-NongNghiepvaMoiTruong.xlsx": dt.date(2026, 6, 10),
    "danh-sach-tthc-toa-an-nhan-dan.xlsx": dt.date(2026, 7, 15),
}


def inputs(realdata: Path) -> list[BuildInput]:
    """The shared real data, most detailed shapes first."""
    api = realdata / "portal-api-2026"
    found = [
        BuildInput(
            api / "opengov-details-2026-07.jsonl.gz",
            label="portal-api-details-2026-07",
            crawled=dt.date(2026, 7, 18),
            priority=0,
            citation="national portal API detail records; " + _OPENGOV.format(name="details"),
        ),
        *(
            BuildInput(
                path,
                label=f"portal-api-detail-{path.stem[:13]}",
                priority=0,
                citation="national portal API detail record; " + _CRAWLER.format(name=path.name),
            )
            for path in sorted(api.glob("019d2bf7-*.json"))
        ),
        BuildInput(
            realdata / "portal-pages-2026.jsonl.gz",
            label="portal-pages-2026",
            priority=1,
            citation="dichvucong.gov.vn procedure pages; " + _PAGES,
        ),
        BuildInput(
            api / "opengov-catalog-2026-07.jsonl.gz",
            label="portal-api-list-2026-07",
            crawled=dt.date(2026, 7, 18),
            priority=2,
            citation="national portal API public list (5,670 procedures); "
            + _OPENGOV.format(name="catalog.jsonl"),
        ),
    ]
    for name, day in XLSX_DATES.items():
        found.append(
            BuildInput(
                realdata / name,
                label=name.removesuffix(".xlsx"),
                crawled=day,
                priority=3,
                citation="dichvucong.gov.vn list export; " + _XLSX.format(name=name),
            )
        )
    return found


def main(argv: list[str] | None = None) -> int:
    """Build the catalogue; print what was built."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("realdata", nargs="?", default=str(ROOT.parent / "shared" / "realdata"))
    parser.add_argument("-o", "--output", default=str(SHIPPED))
    args = parser.parse_args(argv)
    built = build_catalogue(inputs(Path(args.realdata)), args.output)
    print(
        f"{args.output}: {len(built)} procedures, snapshot {built.snapshot}, "
        f"{len(built.skipped)} records skipped"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
