"""Audits the installed packages with pip-audit and fails on a known vulnerability that has a fixed release.

    python scripts/audit.py

Vulnerabilities without a fix are listed, not fatal. A run that could audit almost nothing (no access to the
vulnerability data) fails too, so it can't pass silently.
"""

from __future__ import annotations

import json
import subprocess
import sys


def main() -> int:
    result = subprocess.run(
        [sys.executable, "-m", "pip_audit", "--format", "json", "--progress-spinner", "off"],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(result.stdout + result.stderr)
        return 2
    packages = report["dependencies"]
    audited = [package for package in packages if "skip_reason" not in package]
    fixable, unfixed = [], []
    for package in audited:
        for vulnerability in package.get("vulns", []):
            line = f"{package['name']} {package['version']}: {vulnerability['id']}"
            if vulnerability.get("fix_versions"):
                fixable.append(f"{line} (fixed in {', '.join(vulnerability['fix_versions'])})")
            else:
                unfixed.append(f"{line} (no fix released)")
    print(f"pip-audit: {len(audited)} of {len(packages)} packages audited")
    for line in fixable + unfixed:
        print("  " + line)
    if len(audited) < len(packages) / 2:
        print("most packages could not be audited: no access to the vulnerability data?")
        return 2
    return 1 if fixable else 0


if __name__ == "__main__":
    sys.exit(main())
