"""A throwaway PostgreSQL cluster on 127.0.0.1, started from Debian's binaries (the approach of .ci/run).

The server refuses to run as root: as root it runs as the `postgres` user (or a system user it creates).
Default durability settings (fsync, synchronous_commit on): the bench measures what production would do.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    return Path(found[-1]).parent if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Postgres:
    def __init__(self) -> None:
        bin_dir = binaries()
        if bin_dir is None:
            raise RuntimeError("PostgreSQL binaries not found under /usr/lib/postgresql/*/bin")
        self.bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="zorgroute-bench-pg."))
        self.data = self.root / "data"
        self.port = free_port()
        self.run_as: list[str] = []
        if os.geteuid() == 0:
            user = "postgres"
            try:
                pwd.getpwnam(user)
            except KeyError:
                user = "zorgroute-bench"
                _run(
                    [
                        "/usr/sbin/useradd",
                        "--system",
                        "--no-create-home",
                        "--shell",
                        "/usr/sbin/nologin",
                        user,
                    ]
                )
            shutil.chown(self.root, user)
            self.root.chmod(0o755)
            self.run_as = ["/usr/sbin/runuser", "-u", user, "--"]
        self.started = False

    @property
    def url(self) -> str:
        return f"postgres://zorgroute@127.0.0.1:{self.port}/zorgroute"

    def version(self) -> str:
        return _run([str(self.bin / "postgres"), "--version"]).split()[2]  # postgres (PostgreSQL) 15.18 (...)

    def _pg(self, program: str, *args: str, check: bool = True) -> None:
        _run([*self.run_as, str(self.bin / program), *args], check=check)

    def start(self) -> None:
        self._pg(
            "initdb", "-D", str(self.data), "-U", "zorgroute", "--auth=trust", "-E", "UTF8", "--locale=C"
        )
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root}"
        log = str(self.root / "server.log")
        self._pg("pg_ctl", "-D", str(self.data), "-l", log, "-w", "-t", "60", "start", "-o", options)
        self.started = True
        self._pg("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "zorgroute", "zorgroute")

    def stop(self) -> None:
        if self.started:
            self._pg("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)


def _run(command: list[str], *, check: bool = True) -> str:
    """Run a fixed command (our own arguments only) and return what it printed."""
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return done.stdout
