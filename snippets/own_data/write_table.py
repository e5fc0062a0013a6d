from pathlib import Path

import numpy as np
import pandas as pd

# A made-up export of 2,000 customers of a phone company: who cancelled
# ("churned")? Generated, so we know which columns matter.
rng = np.random.default_rng(0)
rows = 2000
plan = rng.choice(["basic", "standard", "premium"], rows, p=[0.5, 0.3, 0.2])
tenure = rng.integers(1, 73, rows).astype(float)
calls = rng.poisson(1.5, rows)
fee = np.select(
    [plan == "basic", plan == "standard"], [15.0, 30.0], 45.0
) + rng.normal(0, 3, rows).round(2)
# Churn depends on tenure, support calls and plan; never on postcode.
score = 1.0 - 0.05 * tenure + 0.6 * calls - 0.8 * (plan == "premium")
churned = rng.random(rows) < 1 / (1 + np.exp(-score))
table = pd.DataFrame(
    {
        "postcode": rng.integers(10000, 10500, rows).astype(str),
        "plan": plan,
        "monthly_fee": fee.round(2),
        "tenure_months": tenure,
        "support_calls": calls,
        "churned": churned.astype(int),
    }
)
# Real exports have gaps: 5 % of plans and tenures are missing.
table.loc[rng.random(rows) < 0.05, "plan"] = None
table.loc[rng.random(rows) < 0.05, "tenure_months"] = None
table.to_csv("customers.csv", index=False)
# The file's first lines, as a text editor shows them:
print("\n".join(Path("customers.csv").read_text().splitlines()[:4]))
print(f"{table['churned'].mean():.1%} of customers churned")
