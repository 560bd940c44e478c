"""The Spark recipe of docs/howto/dask.md: mapInArrow + summarize gives the numpy path's counts.

Starting Spark takes half a minute, so this runs only when asked for, with pyspark and a Java
runtime installed (the project's CI has neither): ``TTHC_TEST_SPARK=1 python -m pytest
tests/batch/test_spark.py``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from tests.batch._log import as_of, generated_log

if not os.environ.get("TTHC_TEST_SPARK"):
    pytest.skip("set TTHC_TEST_SPARK=1 to run the Spark recipe", allow_module_level=True)
np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")
pyspark_sql = pytest.importorskip("pyspark.sql")
if shutil.which("java") is None:
    pytest.skip("Spark needs a Java runtime", allow_module_level=True)

from tthc import batch  # noqa: E402  (needs numpy and pyarrow)

COUNTS = [
    "received",
    "resolved",
    "early",
    "on_time",
    "late",
    "open_in_time",
    "open_overdue",
    "stopped",
    "invalid",
]


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = (
        pyspark_sql.SparkSession.builder.master("local[2]")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


# pyspark 4 warns that it does not fully support pandas 3; the recipe uses Arrow only
@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")
def test_map_in_arrow_equals_summarize(spark: Any) -> None:
    functions = pyspark_sql.functions
    log = generated_log()
    moment = as_of()

    def monthly_counts(batches: Iterator[Any]) -> Iterator[Any]:
        for record_batch in batches:
            part = batch.summarize(record_batch, moment, by="month")
            yield from part.select(["month", *COUNTS]).to_batches()

    table = pa.Table.from_pandas(log[["received_at", "limit", "returned_at"]], preserve_index=False)
    frame = spark.createDataFrame(table).repartition(3)
    schema = "month string, " + ", ".join(f"{name} long" for name in COUNTS)
    monthly = (
        frame.mapInArrow(monthly_counts, schema)
        .groupBy("month")
        .agg(*(functions.sum(name).alias(name) for name in COUNTS))
        .collect()  # rows, not toPandas(): pyspark warns about pandas 3
    )
    got = {row["month"]: tuple(int(row[c]) for c in COUNTS) for row in monthly}
    got.pop(None, None)  # the rows without a receipt: no month, nothing counted
    expected_frame = batch.summarize(log, moment, by="month")
    expected = {
        row["month"]: tuple(int(row[c]) for c in COUNTS)
        for _, row in expected_frame.iterrows()
        if isinstance(row["month"], str)
    }
    assert got == expected
    assert sum(counts[0] for counts in got.values()) > 0.9 * len(log)
