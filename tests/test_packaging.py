"""The built distributions carry the bundled charters, and an installed wheel works.

The end-to-end test builds the sdist and the wheel, installs the wheel into a fresh
virtual environment (dependencies pinned by ``requirements.lock``) and runs the
``govrules`` it installs, outside the repository and without ``PYTHONPATH``. It takes
about a minute and needs the package index (or pip's cache); it runs in the default
suite (``-m "not packaging"`` leaves it out).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import zipfile
from importlib import resources
from pathlib import Path

import pytest

from governance_rules._charter.registry import available_charters, bundled_rulesets_dir

ROOT = Path(__file__).resolve().parents[1]
RULESETS = sorted(p.name for p in (ROOT / "rulesets").glob("*.yaml"))


def test_the_source_checkout_finds_the_rulesets_as_package_data() -> None:
    packaged = resources.files("governance_rules").joinpath("rulesets")
    assert sorted(p.name for p in packaged.iterdir() if p.name.endswith(".yaml")) == RULESETS
    assert bundled_rulesets_dir().resolve() == (ROOT / "rulesets").resolve()
    bundled = [e for e in available_charters().values() if e.origin == "bundled"]
    assert len(bundled) == len(RULESETS) == 20


def _run(*args: str | Path, cwd: Path, timeout: float = 600) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A fresh venv with hatchling, the sdist and wheel of this checkout, the wheel installed."""
    tmp = tmp_path_factory.mktemp("packaging")
    venv, dist = tmp / "venv", tmp / "dist"
    _run(sys.executable, "-m", "venv", venv, cwd=tmp)
    python = venv / "bin" / "python"
    pip = (python, "-m", "pip", "--disable-pip-version-check")
    _run(*pip, "install", "-q", "hatchling>=1.25", cwd=tmp)
    _run(*pip, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", dist, ROOT, cwd=tmp)
    build_sdist = f"import hatchling.build as b; print(b.build_sdist({str(dist)!r}))"
    _run(python, "-c", build_sdist, cwd=ROOT)
    (wheel,) = dist.glob("*.whl")
    (sdist,) = dist.glob("*.tar.gz")
    _run(*pip, "install", "-q", "-r", ROOT / "requirements.lock", cwd=tmp)
    _run(*pip, "install", "-q", "--no-deps", wheel, cwd=tmp)
    return {"venv": venv, "wheel": wheel, "sdist": sdist, "tmp": tmp}


@pytest.mark.packaging
def test_the_wheel_carries_the_rulesets_as_package_data(built: dict[str, Path]) -> None:
    with zipfile.ZipFile(built["wheel"]) as wheel:
        names = wheel.namelist()
    shipped = sorted(
        n.removeprefix("governance_rules/rulesets/")
        for n in names
        if n.startswith("governance_rules/rulesets/")
    )
    assert shipped == RULESETS
    assert "governance_rules/py.typed" in names
    assert "governance_rules/_simulate/default-load.yaml" in names


@pytest.mark.packaging
def test_the_sdist_carries_the_rulesets(built: dict[str, Path]) -> None:
    with tarfile.open(built["sdist"]) as sdist:
        names = sdist.getnames()
    top = names[0].split("/")[0]
    shipped = sorted(
        n.removeprefix(f"{top}/rulesets/") for n in names if n.startswith(f"{top}/rulesets/")
    )
    assert shipped == RULESETS
    assert f"{top}/requirements.lock" in names


@pytest.mark.packaging
def test_the_installed_wheel_lists_the_charters_and_computes_a_deadline(
    built: dict[str, Path],
) -> None:
    govrules = built["venv"] / "bin" / "govrules"
    elsewhere = built["tmp"]  # not the repository: nothing is found by accident
    where = _run(
        built["venv"] / "bin" / "python",
        "-c",
        "import governance_rules; print(governance_rules.__file__)",
        cwd=elsewhere,
    )
    assert str(ROOT) not in where
    assert "site-packages" in where
    listed = json.loads(_run(govrules, "list", "--format", "json", cwd=elsewhere))
    assert len(listed) == 20
    assert {c["id"] for c in listed} >= {"cn-national-baseline", "yangxin-2022"}
    out = _run(govrules, "deadline", "2026-09-28", "3个工作日", cwd=elsewhere)
    assert "due: 2026-10-08" in out
