"""The command line, as a learner or a script uses it: output, JSON and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_shows_one_more_prerequisite_done(data_dir: Path) -> None:
    """The README's example, run as a learner runs it: two separate processes."""
    command = [sys.executable, "-m", "tracker", "--data-dir", str(data_dir)]

    def status() -> dict:  # type: ignore[type-arg]
        done = subprocess.run(
            [*command, "status", "--json"], capture_output=True, text=True, check=True
        )
        return json.loads(done.stdout)  # type: ignore[no-any-return]

    before = status()
    subprocess.run([*command, "check", "python-proficiency"], check=True, capture_output=True)
    after = status()
    assert after["prerequisites"]["done"] == before["prerequisites"]["done"] + 1
    assert after["required"] == {"done": 1, "total": 4}
    python = next(item for item in after["checklist"] if item["slug"] == "python-proficiency")
    assert python["done"] and all(child["done"] for child in python["children"])


def test_status_json_has_the_documented_shape(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "status", "--json")
    payload = json.loads(out)
    assert code == 0
    assert payload["path"] == "flask"
    assert payload["prerequisites"] == {"done": 0, "total": 6}
    assert payload["resources"]["done"] == 0 and payload["resources"]["total"] >= 20
    first = payload["checklist"][0]
    assert set(first) >= {"slug", "title", "required", "done", "children"}


def test_status_text_shows_readiness(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    run(capsys, "--data-dir", str(data_dir), "check", "html5")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "status")
    assert code == 0
    assert "Before learning Flask: 0/4 required" in out
    assert "[~] Web development fundamentals  [web-fundamentals]  1/3" in out
    assert "    [x] HTML5  [html5]" in out


def test_an_unknown_slug_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, err = run(capsys, "--data-dir", str(data_dir), "check", "pyhton")
    assert (code, out) == (1, "")
    assert err == "learning-tracker: There is no prerequisite 'pyhton' in the 'flask' path.\n"


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--data-dir", str(data_dir), "resource", "mdn-html", "--status", "finished"])
    assert exited.value.code == 2
    assert "invalid choice: 'finished'" in capsys.readouterr().err


def test_data_dir_comes_from_the_environment(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEARNING_TRACKER_HOME", str(data_dir))
    run(capsys, "check", "css3")
    _, out, _ = run(capsys, "--data-dir", str(data_dir), "status", "--json")
    assert json.loads(out)["skills"]["done"] == 1


def test_paths_lists_flask(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "paths")
    assert (code, out.split("\t")[:2]) == (0, ["flask", "Flask"])


def test_log_on_a_slug_and_status_json_has_forecast_and_revisits(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    base = ("--data-dir", str(data_dir))
    code, out, _ = run(capsys, *base, "log", "30", "--on", "html5", "--note", "tags")
    assert code == 0 and "Logged 30 min on HTML5" in out
    code, out, _ = run(capsys, *base, "log", "45", "--on", "mdn-css", "--date", "2026-01-02")
    assert code == 0
    code, out, _ = run(capsys, *base, "log", "240", "--on", "css3")
    assert code == 0 and "Total: 5 h 15 min" in out
    code, _, err = run(capsys, *base, "log", "20", "--on", "cobol")
    assert code == 1 and "no prerequisite or resource 'cobol'" in err
    run(capsys, *base, "plan", "--hours-per-week", "6", "--target", "2030-01-01")
    run(capsys, *base, "check", "html5")
    code, out, _ = run(capsys, *base, "status", "--json")
    payload = json.loads(out)
    assert payload["minutes_logged"] == 315
    forecast = payload["forecast"]
    assert forecast["basis"] == "actual pace"
    assert forecast["finish_date"] is not None and forecast["hours_per_week"] > 0
    assert payload["revisits_due"] == []


def test_revisits_due_appear_in_status(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    from datetime import timedelta

    from tracker.clock import local_today
    from tracker.wiring import Settings, open_services

    services = open_services(Settings.resolve(data_dir))
    services.checklist.set_done("flask", "css3", True)
    services.checklist.set_confidence("flask", "css3", 2)
    with services.store.transaction() as session:  # as if rated a week ago
        from tracker.storage.models import PrerequisiteState

        state = session.get(
            PrerequisiteState,
            {"profile_id": services.profile_id, "path_slug": "flask", "prerequisite_slug": "css3"},
        )
        assert state is not None
        state.revisit_due = local_today() - timedelta(days=4)
    services.close()
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "status", "--json")
    due = (local_today() - timedelta(days=4)).isoformat()
    assert json.loads(out)["revisits_due"] == [{"slug": "css3", "due": due}]
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "status")
    assert f"Revisit due: CSS3 [css3] since {due}" in out
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "revisited", "css3")
    assert code == 0 and "next revisit on" in out
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "status", "--json")
    assert json.loads(out)["revisits_due"] == []


def test_timer_start_and_stop_from_two_processes(data_dir: Path) -> None:
    command = [sys.executable, "-m", "tracker", "--data-dir", str(data_dir), "timer"]
    started = subprocess.run(
        [*command, "start", "--on", "flask-quickstart"], capture_output=True, text=True
    )
    assert started.returncode == 0 and "Timer started on Flask quickstart" in started.stdout
    again = subprocess.run([*command, "start"], capture_output=True, text=True)
    assert again.returncode == 1 and "already running" in again.stderr
    stopped = subprocess.run([*command, "stop"], capture_output=True, text=True)
    assert stopped.returncode == 0
    assert "nothing was logged" in stopped.stdout or "Logged" in stopped.stdout
    shown = subprocess.run(command, capture_output=True, text=True)
    assert "No timer is running." in shown.stdout
