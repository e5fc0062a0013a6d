"""The published site is the tested site: GitHub Pages deploys only a commit whose CI run passed."""

from __future__ import annotations

import yaml

from fences import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def load(name: str) -> dict:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads the key `on` as True
    return workflow


def test_deploy_waits_for_a_passing_ci_run_of_the_same_commit() -> None:
    ci_name = load("ci.yml")["name"]
    pages = load("pages.yml")
    assert set(pages["on"]) == {"workflow_run"}, "pages.yml may start only from a finished CI run"
    assert pages["on"]["workflow_run"]["workflows"] == [ci_name]
    assert pages["on"]["workflow_run"]["types"] == ["completed"]
    build = pages["jobs"]["build"]
    assert "github.event.workflow_run.conclusion == 'success'" in build["if"]
    checkout = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["ref"] == "${{ github.event.workflow_run.head_sha }}"
    assert pages["jobs"]["deploy"]["needs"] == "build"


def test_ci_runs_the_ci_script_on_main() -> None:
    ci = load("ci.yml")
    assert "main" in ci["on"]["push"]["branches"]
    commands = [step.get("run", "") for job in ci["jobs"].values() for step in job["steps"]]
    assert any("pytest" in command or ".ci/run" in command for command in commands)
