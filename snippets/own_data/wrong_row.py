# setup: write_table.py
from pathlib import Path

import pandas as pd
from table import read_customers

# One row typed by hand in a spreadsheet: "12 months" instead of 12.
lines = Path("customers.csv").read_text().splitlines()
fields = lines[41].split(",")
fields[3] = "12 months"
lines[41] = ",".join(fields)
Path("edited.csv").write_text("\n".join(lines) + "\n")

# pandas alone reads the whole column as text, without a word:
print(pd.read_csv("edited.csv")["tenure_months"].dtype)
try:
    read_customers(Path("edited.csv"))
except ValueError as error:
    print(error)
