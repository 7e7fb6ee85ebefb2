"""Starting Spark: a session for `spark-screen`, and a clear error when it cannot start.

PySpark drives a JVM; without Java it fails with a gateway error that names neither
the cause nor the cure, so Java is looked for first and its absence said plainly.
"""

from __future__ import annotations

import os
import shutil
import sys
from typing import Any

from interdict.errors import ConfigError

INSTALL_JAVA = (
    "install a Java 17+ runtime (Debian/Ubuntu: `apt-get install openjdk-17-jre-headless`; "
    "`bin/bootstrap` does it where `java -version` fails) or set JAVA_HOME"
)
#: Rows per Arrow batch handed to a Python worker: the unit of progress and of memory.
ARROW_BATCH_ROWS = 1_000


def check_java() -> str:
    """The java executable Spark will use; ConfigError saying how to install one."""
    home = os.environ.get("JAVA_HOME")
    java = os.path.join(home, "bin", "java") if home else shutil.which("java")
    if not java or not os.path.exists(java):
        where = f"JAVA_HOME={home} has no bin/java" if home else "no `java` on PATH"
        raise ConfigError(f"Spark cannot start: no Java runtime ({where}); {INSTALL_JAVA}")
    return java


def start_session(master: str | None = None, app_name: str = "interdict-screen") -> Any:
    """A SparkSession (`master` such as "local[2]"; None: spark-submit's or local[*])."""
    check_java()
    from pyspark.errors import PySparkRuntimeError
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    if master is not None:
        builder = builder.master(master)
    if master is None or master.startswith("local"):
        # Python workers on this machine run this interpreter (the virtual environment
        # interdict is installed in), not whichever `python3` is first on PATH.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = builder.config("spark.pyspark.python", os.environ["PYSPARK_PYTHON"])
        # Spark's default of 200 shuffle partitions is for clusters; on one machine
        # each is a task of its own for nothing.
        builder = builder.config("spark.sql.shuffle.partitions", os.cpu_count() or 2)
    builder = builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", ARROW_BATCH_ROWS)
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    try:
        return builder.getOrCreate()
    except PySparkRuntimeError as exc:
        raise ConfigError(
            f"Spark cannot start ({exc}); check the Java runtime: {INSTALL_JAVA}"
        ) from exc
