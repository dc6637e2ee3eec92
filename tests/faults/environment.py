"""Real environment failures for tests: a full disk, a read-only folder, a permission refused.

As root (CI and the developers' machines run as root) the failures are made by the kernel
for real: a small tmpfs filled to the last byte, a read-only bind mount, file modes enforced on
a command run without root's capability to override them. A normal user gets real equivalents
that need no privilege: the file-size limit RLIMIT_FSIZE (every write past it fails with EFBIG,
as on a full disk) and plain file modes.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _can_mount() -> bool:
    """Whether this process may mount file systems (root in a container may not)."""
    if not IS_ROOT or shutil.which("mount") is None:
        return False
    with tempfile.TemporaryDirectory() as folder:
        tried = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", folder],
            capture_output=True,
            check=False,
        )
        if tried.returncode != 0:
            return False
        subprocess.run(["umount", "-l", folder], capture_output=True, check=False)
    return True


CAN_MOUNT = _can_mount()


def _limit_writes() -> None:
    """In a child process: no file may grow past 0 bytes; the write fails (EFBIG), no signal."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.RLIMIT_FSIZE_HARD_LIMIT))


resource.RLIMIT_FSIZE_HARD_LIMIT = resource.getrlimit(resource.RLIMIT_FSIZE)[1]  # type: ignore[attr-defined]


@dataclass
class FullDisk:
    """A data folder whose disk cannot take one more byte, and a way to run commands on it."""

    data_dir: Path
    kind: str  # "tmpfs" (a real full file system) or "file-size-limit"

    def run_cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "tracker", "--data-dir", str(self.data_dir), *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"},
            preexec_fn=_limit_writes if self.kind == "file-size-limit" else None,
            timeout=120,
        )

    @contextmanager
    def in_this_process(self) -> Iterator[None]:
        """Make this process meet the full disk too (a no-op where the disk is really full)."""
        if self.kind != "file-size-limit":
            yield
            return
        previous_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        previous = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, previous[1]))
        try:
            yield
        finally:
            resource.setrlimit(resource.RLIMIT_FSIZE, previous)
            signal.signal(signal.SIGXFSZ, previous_handler)


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True)


def _unmount(target: Path) -> None:
    subprocess.run(["umount", "-l", str(target)], check=False, capture_output=True)


@contextmanager
def full_disk(template: Path, where: Path, *, kind: str | None = None) -> Iterator[FullDisk]:
    """A copy of the data folder ``template`` on a disk that is full.

    ``kind`` is "tmpfs" (where this process may mount) or "file-size-limit"; by default
    tmpfs where possible.
    """
    kind = kind or ("tmpfs" if CAN_MOUNT else "file-size-limit")
    if kind == "file-size-limit":
        data_dir = where / "limited" / "data"
        shutil.copytree(template, data_dir)
        yield FullDisk(data_dir, kind)
        return
    mount_point = where / "disk"
    mount_point.mkdir()
    size = sum(p.stat().st_size for p in template.rglob("*") if p.is_file()) + 256 * 1024
    _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount_point))
    try:
        data_dir = mount_point / "data"
        shutil.copytree(template, data_dir)
        try:
            with (mount_point / "filler").open("wb") as filler:
                while True:
                    filler.write(b"\0" * 4096)
                    filler.flush()
        except OSError:
            pass  # ENOSPC: the disk is full now
        yield FullDisk(data_dir, kind)
    finally:
        _unmount(mount_point)


@contextmanager
def read_only_folder(folder: Path) -> Iterator[str]:
    """``folder`` made read-only: a read-only bind mount (where this process may mount), else
    file modes (which bind root only without its override capabilities: see ``run_cli``)."""
    if CAN_MOUNT:
        _mount("--bind", str(folder), str(folder))
        try:
            _mount("-o", "remount,bind,ro", str(folder))
            yield "read-only mount"
        finally:
            _unmount(folder)
        return
    modes = {p: p.stat().st_mode for p in [folder, *folder.rglob("*")]}
    for path in modes:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield "file modes"
    finally:
        for path, mode in modes.items():
            path.chmod(mode)


def run_cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a new process, bound by file modes even as root (capabilities dropped)."""
    command = [sys.executable, "-m", "tracker", "--data-dir", str(data_dir), *args]
    if IS_ROOT:
        command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *command]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)


def run_cli_without_permission(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI while the data folder's files may not be read or written (mode 000).

    Root is bound by file modes only without its capabilities to override them: the command
    then runs through ``setpriv`` with CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH dropped.
    """
    modes = {p: p.stat().st_mode for p in data_dir.rglob("*") if p.is_file()}
    for path in modes:
        path.chmod(0)
    try:
        return run_cli(data_dir, *args)
    finally:
        for path, mode in modes.items():
            path.chmod(mode)
